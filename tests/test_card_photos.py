"""Card photos to contacts: QR payloads, OCR email repairs, front/back and several cards per
photo (pure, followup.parsing.cards), and a fixed few generated cards read end to end with
floors (tesseract, zxing-cpp, OpenCV). The cards come from bench/cards.py (dev seed); the
whole generated set and its figures live in the bench, not here."""

from __future__ import annotations

import json
import re
import unicodedata
from email.message import EmailMessage
from pathlib import Path

import pytest

from followup import cardimage
from followup.model import ParsedContact
from followup.parsing import cards
from followup.parsing.assemble import ParseOptions, parse_message
from followup.parsing.phones import find_phones

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "card-photos"
needs_tesseract = pytest.mark.skipif(
    cardimage.shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")


def _phones_for(text: str) -> cards.PhoneFinder:
    return lambda t: [p for p, *_ in find_phones(t, "US")]


def _c(**kw: object) -> ParsedContact:
    return ParsedContact(**kw)  # type: ignore[arg-type]


# ---- QR payloads -----------------------------------------------------------------------

def test_vcard_code() -> None:
    got = cards.code_contact("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lang;Petra;;;\r\nFN:Petra Lang\r\n"
                             "ORG:Rheinwerk GmbH\r\nTITLE:Leiterin Vertrieb\r\n"
                             "TEL:+49 30 1234567\r\nEMAIL:petra.lang@rheinwerk.de\r\n"
                             "URL:https://rheinwerk.de\r\nEND:VCARD", "US")
    assert got is not None
    assert (got.full_name, got.company, got.title) == ("Petra Lang", "Rheinwerk GmbH",
                                                      "Leiterin Vertrieb")
    assert got.emails == ("petra.lang@rheinwerk.de",)
    assert got.phones == ("+49301234567",)


def test_mecard_code() -> None:
    got = cards.code_contact(r"MECARD:N:García Márquez,Lucía;ORG:Delta\; Sistemas S.L.;"
                             "TEL:+34 912 345 678;EMAIL:lucia@delta.es;URL:https://delta.es;;",
                             "US")
    assert got is not None
    assert got.full_name == "Lucía García Márquez"
    assert got.company == "Delta; Sistemas S.L."
    assert got.phones == ("+34912345678",)
    assert got.emails == ("lucia@delta.es",)
    assert got.website == "https://delta.es"


@pytest.mark.parametrize(("payload", "field", "value"), [
    ("https://www.linkedin.com/in/petra-lang-42", "linkedin",
     "https://www.linkedin.com/in/petra-lang-42"),
    ("https://acme.example/card?id=7", "website", "https://acme.example"),
    ("mailto:jane@acme.example?subject=hi", "emails", ("jane@acme.example",)),
    ("tel:+14155550134", "phones", ("+14155550134",)),
])
def test_link_codes(payload: str, field: str, value: object) -> None:
    got = cards.code_contact(payload, "US")
    assert got is not None and getattr(got, field) == value


@pytest.mark.parametrize("payload", ["hello world", "WIFI:S:guest;T:WPA;P:secret;;", ""])
def test_other_codes_are_no_contact(payload: str) -> None:
    assert cards.code_contact(payload, "US") is None


def test_code_wins_over_ocr() -> None:
    face = cards.Face("Petra Lanq\nLeiterin Vertrieb\npetra.lanq@rheinwerk.de",
                      ("MECARD:N:Lang,Petra;EMAIL:petra.lang@rheinwerk.de;;",))
    got = cards.face_contact(face, "US", _phones_for)
    assert got is not None
    assert got.full_name == "Petra Lang"
    assert got.emails[0] == "petra.lang@rheinwerk.de"
    assert got.title == "Leiterin Vertrieb"  # the printed text fills what the code lacks


# ---- OCR email repairs -----------------------------------------------------------------

@pytest.mark.parametrize(("ocr", "fixed"), [
    ("jane.doe©acme.com", "jane.doe@acme.com"),
    ("jane.doe (at) acme.com", "jane.doe@acme.com"),
    ("jane.doe @acme.com", "jane.doe@acme.com"),
    ("jane. doe@acme. com", "jane.doe@acme.com"),
    ("Marta Lopez\nrnarta.lopez@acrne.com\nwww.acme.com", "marta.lopez@acme.com"),
    ("E clara@mosaicpointch\nwww.mosaicpoint.ch", "clara@mosaicpoint.ch"),
])
def test_email_repairs(ocr: str, fixed: str) -> None:
    assert fixed in cards.repair_emails(ocr)


@pytest.mark.parametrize("text", [
    "Tim Lam\ntim.lam@lam.com",  # "m" stays: nothing on the card spells it "rn"
    "Ernst Kern\nernst.kern@kern.de",  # "rn" stays
    "see you @ the bar.",  # no address results: untouched
    "© 2026 Acme",
])
def test_email_repairs_leave_valid_text(text: str) -> None:
    assert cards.repair_emails(text) == text


# ---- sides and several cards -----------------------------------------------------------

def test_front_and_back_are_one_contact() -> None:
    front = cards.Face("Nimbuswater Software\nGreta Okafor\nSenior Product Designer")
    back = cards.Face("Tel: 201.555.0306\ngokafor@nimbuswater.com\nwww.nimbuswater.com")
    got = cards.read_faces([[front], [back]], "US", _phones_for)
    assert len(got) == 1
    # read as one card: the address on the back tells the name from the company
    assert got[0].full_name == "Greta Okafor"
    assert got[0].company == "Nimbuswater Software"
    assert got[0].title == "Senior Product Designer"
    assert got[0].emails == ("gokafor@nimbuswater.com",)
    assert got[0].phones == ("+12015550306",)


def test_three_images_two_cards() -> None:
    # front and back of one card, then a second person's card
    faces = [[cards.Face("Greta Okafor\nSenior Product Designer")],
             [cards.Face("gokafor@nimbuswater.com\n+1 201 555 0306")],
             [cards.Face("Hugo Walsh\nIngénieur logiciel\nhwalsh@coralcrest.be")]]
    got = cards.read_faces(faces, "US", _phones_for)
    assert [c.full_name for c in got] == ["Greta Okafor", "Hugo Walsh"]


@pytest.mark.parametrize(("second", "layout"), [
    # two people on two photos: nothing shared, both named
    (_c(full_name="Hugo Walsh", emails=("hugo@b.example",)), [["a"], ["b"]]),
    # a card that names no one (a company card) lying beside another: not a back side
    (_c(company="Falconpath Logistics", phones=("+12015550037",)), [["a", "b"]]),
])
def test_different_cards_stay_apart(monkeypatch: pytest.MonkeyPatch, second: ParsedContact,
                                    layout: list[list[str]]) -> None:
    readings = {"a": _c(full_name="Greta Okafor", emails=("greta@a.example",)), "b": second}
    monkeypatch.setattr(cards, "face_contact", lambda f, r, p: readings[f.text or ""])
    images = [[cards.Face(key) for key in image] for image in layout]
    got = cards.read_faces(images, "US", _phones_for)
    assert got == [readings["a"], second]


def test_labels_in_other_languages() -> None:
    text = "Petra Lang\nLeiterin Vertrieb\nRheinwerk GmbH\nTel.: +49 30 1234567\n" \
           "E-Mail: petra.lang@rheinwerk.de"
    got = cards.face_contact(cards.Face(text), "US", _phones_for)
    assert got is not None
    assert got.phones == ("+49301234567",) and got.emails == ("petra.lang@rheinwerk.de",)
    assert got.full_name == "Petra Lang"


# ---- end to end on a fixed few generated cards -----------------------------------------

ENTRIES = json.loads((FIXTURES / "cards.json").read_text(encoding="utf-8")) \
    if (FIXTURES / "cards.json").exists() else []
FIELDS = ("full_name", "title", "company", "email", "phone", "website")


def _norm(v: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", v or "").casefold()).strip(" .,")


def _site(v: str | None) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", (v or "").lower()).rstrip("/")


def _right(exp: dict[str, str], got: ParsedContact | None) -> int:
    if got is None:
        return 0
    return sum([_norm(got.full_name) == _norm(exp["full_name"]),
                _norm(got.title) == _norm(exp["title"]),
                _norm(got.company) == _norm(exp["company"]),
                exp["email"] in got.emails, exp["phone"] in got.phones,
                _site(got.website) == _site(exp["website"])])


def _parse(files: list[str]) -> list[ParsedContact]:
    msg = EmailMessage()
    msg["From"] = "Sam Owner <sam@owner.example>"
    msg["Subject"] = "card"
    msg["Date"] = "Wed, 02 Dec 2026 09:00:00 +0000"
    msg.set_content("Card from the fair.\n")
    for name in files:
        sub = "png" if name.endswith(".png") else "jpeg"
        msg.add_attachment((FIXTURES / name).read_bytes(), maintype="image", subtype=sub,
                           filename=name)
    note = parse_message(msg.as_bytes(), ParseOptions(card_reader=cardimage.read_card_image))
    return list(note.contacts)


@needs_tesseract
@pytest.mark.parametrize("entry", ENTRIES, ids=[e["files"][0] for e in ENTRIES])
def test_generated_cards_end_to_end(entry: dict[str, object]) -> None:
    expected: list[dict[str, str]] = entry["expected"]  # type: ignore[assignment]
    files: list[str] = entry["files"]  # type: ignore[assignment]
    contacts = _parse(files)
    assert len(contacts) == len(expected), contacts
    right = 0
    for exp in expected:
        got = next((c for c in contacts if exp["email"] in c.emails),
                   next((c for c in contacts if _norm(c.full_name) == _norm(exp["full_name"])),
                        None))
        right += _right(exp, got)
    # floors a little under today's readings: OCR of a photo may slip on one field
    floor = 5 if entry["kind"] in ("clean", "front-back") else 4
    assert right >= floor * len(expected), contacts


def test_fixture_set_is_there() -> None:
    kinds = {e["kind"] for e in ENTRIES}
    assert {"clean", "photo", "multi", "front-back", "photo-dark"} <= kinds
    assert any(e["qr"] for e in ENTRIES)


def test_dark_card_on_dark_table_is_found() -> None:
    # a dark brown card on a slate table: no bright card, no rim above the noise; the card
    # is the block of print, not the whole photo (whose table the OCR would read as specks)
    from followup import cardprep

    data = (FIXTURES / "s1-009-dark-photo.jpg").read_bytes()
    grey = cardimage._prepare(cardimage._open(data, 40_000_000))
    faces = cardprep.find_faces(grey)
    assert len(faces) == 1 and faces[0].cropped
    x, y, w, h = faces[0].box
    assert w * h < 0.4 * grey.shape[0] * grey.shape[1]
    # the card lies right of the photo's middle, in its upper half
    assert grey.shape[1] * 0.35 < x + w / 2 < grey.shape[1] * 0.65
    assert y + h / 2 < grey.shape[0] * 0.6


def _card_with_code(printed: list[str], payload: str) -> bytes:
    """A white card with printed lines and a QR code at its right (segno, dev dependency)."""
    import io

    import segno
    from PIL import Image, ImageDraw, ImageFont

    card = Image.new("RGB", (1050, 600), "white")
    draw = ImageDraw.Draw(card)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34) \
        if _has_dejavu() else ImageFont.load_default(34)
    for i, line in enumerate(printed):
        draw.text((60, 60 + 60 * i), line, fill="black", font=font)
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="png", scale=8, border=2)
    code = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    card.paste(code, (1050 - code.width - 40, 600 - code.height - 40))
    out = io.BytesIO()
    card.save(out, format="PNG")
    return out.getvalue()


def _has_dejavu() -> bool:
    return Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists()


MECARD = "MECARD:N:Lang,Petra;TEL:+49301234567;EMAIL:petra.lang@rheinwerk.de;;"


def test_qr_code_read_without_ocr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract
    got = cardimage.read_card_image(_card_with_code(["Petra Lang"], MECARD))
    assert got.text is None
    assert got.warnings == [cardimage.NO_OCR]
    assert [f.codes for f in got.faces] == [(MECARD,)]


@needs_tesseract
def test_qr_code_trusted_over_print() -> None:
    # the printed address has a slip the code does not
    data = _card_with_code(["Petra Lang", "Leiterin Vertrieb", "Rheinwerk GmbH",
                            "petra.lang@rheinwerk-old.de"], MECARD)
    msg = EmailMessage()
    msg["From"] = "Sam Owner <sam@owner.example>"
    msg["Subject"] = "card"
    msg["Date"] = "Wed, 02 Dec 2026 09:00:00 +0000"
    msg.set_content("Card from the fair.\n")
    msg.add_attachment(data, maintype="image", subtype="png", filename="card.png")
    note = parse_message(msg.as_bytes(), ParseOptions(card_reader=cardimage.read_card_image))
    assert len(note.contacts) == 1
    contact = note.contacts[0]
    assert contact.emails[0] == "petra.lang@rheinwerk.de"
    assert contact.phones == ("+49301234567",)
    assert contact.title == "Leiterin Vertrieb"


def _table_of_cards(cards: list[tuple[int, int, str, str]], table: int,
                    gap: int | None = None) -> object:
    """A grey photo (numpy) of plain cards with a few lines of print each: (x, y, paper,
    ink) per card, 700x400, on a table of one grey level with a little noise; `gap`: the
    cards are laid in a row edge to edge, `gap` px apart, a darker rim where they meet."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    photo = Image.new("L", (2400, 1600), table)
    draw = ImageDraw.Draw(photo)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30) \
        if _has_dejavu() else ImageFont.load_default(30)
    for i, (x, y, paper, ink) in enumerate(cards):
        if gap is not None:
            x, y = 150 + i * (700 + gap), 600
        draw.rectangle((x, y, x + 699, y + 399), fill=paper, outline=90 if gap is not None
                       else None, width=2)
        for row, line in enumerate(("Ana Lindqvist", "Sales Director",
                                    "+47 22 12 34 56", "ana@fjordline.no")):
            draw.text((x + 60, y + 60 + 70 * row), line, fill=ink, font=font)
    grey = np.asarray(photo, np.int16) + np.random.default_rng(7).normal(0, 4, (1600, 2400))
    return np.clip(grey, 0, 255).astype(np.uint8)


def test_cards_edge_to_edge_are_told_apart() -> None:
    # three white cards in a row, touching: one bright shape, cut at the seams
    from followup import cardprep

    grey = _table_of_cards([(0, 0, "#fafafa", "#111111")] * 3, 40, gap=2)
    faces = cardprep.find_faces(grey)
    assert len(faces) == 3
    assert all(abs(f.box[0] - x) < 40 for f, x in zip(faces, (150, 852, 1554), strict=True))
    assert all(650 <= f.box[2] <= 760 for f in faces)


def test_dark_cards_on_a_dark_table_each_found() -> None:
    # two navy cards with light print on a slate-grey table: barely darker than it
    from followup import cardprep

    grey = _table_of_cards([(200, 500, "#283040", "#e0e0e0"),
                            (1400, 700, "#283040", "#e0e0e0")], 58)
    faces = cardprep.find_faces(grey)
    assert sorted(round(f.box[0] / 100) for f in faces) == [2, 14]


def test_one_card_with_a_full_line_of_print_is_not_cut() -> None:
    # a card's long lines of print run close to its edges, but stop at its margins
    from followup import cardprep

    grey = _table_of_cards([(800, 500, "#ffffff", "#000000")], 60)
    faces = cardprep.find_faces(grey)
    assert len(faces) == 1 and 650 <= faces[0].box[2] <= 760


def _scatter(cards: list[tuple[int, int]], table: int, paper: int, ink: int,
             lines: tuple[str, ...] = ("Tomás Ferreira", "Head of Legal",
                                       "+351 21 123 4567", "tferreira@lisboa-tech.pt")
             ) -> object:
    """A grey photo (numpy) of cards (x, y) as light or dark as the table (no rim to find),
    with print; the table has a plain block and a one-line caption of its own."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    photo = Image.new("L", (2400, 1800), table)
    draw = ImageDraw.Draw(photo)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28) \
        if _has_dejavu() else ImageFont.load_default(28)
    draw.rectangle((1900, 1300, 2300, 1700), fill=table + 25)  # a flyer on the table
    draw.text((100, 1650), "Konferenz Programm Halle 3", fill=table + 30, font=font)
    for x, y in cards:
        draw.rectangle((x, y, x + 699, y + 399), fill=paper)
        for row, line in enumerate(lines):
            draw.text((x + 50, y + 60 + 65 * row), line, fill=ink, font=font)
    grey = np.asarray(photo, np.int16) + np.random.default_rng(3).normal(0, 3, (1800, 2400))
    return np.clip(grey, 0, 255).astype(np.uint8)


def test_cards_as_dark_as_the_table_are_found_by_their_print() -> None:
    # three cards of the table's own grey (no rim, no lighter or darker shape): each is
    # found by its block of print; the flyer and the table's caption are no card
    from followup import cardprep

    cards = [(150, 150), (1450, 250), (700, 1000)]
    grey = _scatter(cards, 45, 45, 230)
    faces = cardprep.find_faces(grey)
    assert len(faces) == 3 and all(f.cropped for f in faces)
    for x, y in cards:  # each face holds one card's print, from its first line to its last
        assert sum(f.box[0] <= x + 60 and x + 400 <= f.box[0] + f.box[2]
                   and f.box[1] <= y + 70 <= y + 300 <= f.box[1] + f.box[3]
                   for f in faces) == 1


def test_print_beside_found_cards_is_a_card() -> None:
    # two white cards found by their outline and a third as dark as the table
    from followup import cardprep

    grey = _scatter([(150, 150), (1450, 250)], 50, 245, 20)
    grey[1000:1400, 700:1400] = 50  # third card: the table's grey, light print
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    im = Image.fromarray(grey)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28) \
        if _has_dejavu() else ImageFont.load_default(28)
    for row, line in enumerate(("Mei Tanaka", "Einkaufsleiterin", "+49 30 901820",
                                "m.tanaka@spreehaus.de")):
        ImageDraw.Draw(im).text((750, 1060 + 65 * row), line, fill=235, font=font)
    faces = cardprep.find_faces(np.asarray(im))
    assert len(faces) == 3


def test_one_card_with_print_far_apart_is_one_card() -> None:
    # a card filling the frame, its name at the top left and its details at the bottom
    # right: two blocks of print, one card
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from followup import cardprep

    im = Image.new("L", (1050, 600), 250)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 26) \
        if _has_dejavu() else ImageFont.load_default(26)
    for row, line in enumerate(("Ravi Menon", "Product Lead")):
        draw.text((60, 50 + 45 * row), line, fill=20, font=font)
    for row, line in enumerate(("+91 80 4123 4567", "ravi@kaveri.in", "kaveri.in")):
        draw.text((640, 400 + 45 * row), line, fill=20, font=font)
    assert len(cardprep.find_faces(np.asarray(im))) == 1


def test_a_page_of_speckle_is_not_read() -> None:
    # grain or a blanked QR code's square, scaled up: thousands of blobs, no print
    import numpy as np

    from followup import cardprep

    noise = np.random.default_rng(5).random((900, 1200))
    speckle = np.where(noise < 0.5, 0, 255).astype(np.uint8)
    assert cardprep.speckled(cardprep.binarised(cardprep.scaled(speckle)))
    card = _scatter([(0, 0)], 250, 250, 20)[:400, :700]  # type: ignore[index]
    assert not cardprep.speckled(cardprep.prepare(card))


def test_speckled_face_falls_back_to_the_print(monkeypatch: pytest.MonkeyPatch) -> None:
    # the one shape found is grain: the photo's block of print is read instead, and a
    # page of speckle never reaches tesseract
    import numpy as np

    from followup import cardprep

    grey = _scatter([(800, 600)], 60, 60, 230)
    grain = np.where(np.random.default_rng(2).random((300, 300)) < 0.5, 0, 255)
    monkeypatch.setattr(cardprep, "find_faces", lambda g: [cardprep.Face(
        grain.astype(np.uint8), (0, 0, 300, 300), True)])
    image = cardimage._Image()
    cardimage._prepare_faces(grey, [], image)
    assert len(image.pages) == 1
    page = image.pages[0]
    assert isinstance(page, np.ndarray) and page.shape[0] > 300 and not cardprep.speckled(page)


def test_several_cards_are_read_grey() -> None:
    # small, soft print of several cards in one photo goes to tesseract grey (its own
    # threshold); the black and white page still decides the turn
    import numpy as np

    from followup import cardprep

    grey = _scatter([(150, 150), (1450, 250)], 50, 245, 20)
    image = cardimage._Image()
    cardimage._prepare_faces(grey, [], image)
    assert len(image.pages) == 2
    for ready, page in zip(image.ready, image.pages, strict=True):
        assert isinstance(ready, np.ndarray) and isinstance(page, np.ndarray)
        assert set(np.unique(ready)) <= {0, 255} and len(np.unique(page)) > 2
    assert len(cardprep.find_faces(grey)) == 2


def test_card_full_of_descenders_is_turned_by_its_dots() -> None:
    # dev card s14-014 (bench/cards.py dev13): "quarryworks" twice, a line of digits; its
    # lines' tops and bottoms hardly tell which way up it is (it was read upside down and
    # lost every field); the dots of its i and j and its accents, above their letters, tell
    import numpy as np

    from followup import cardprep

    image = cardimage._prepare_image((FIXTURES / "s14-014-clean.png").read_bytes(),
                                     40_000_000)
    ready = image.ready[0]
    assert cardprep.turns(ready)[0] == 0
    assert cardprep.turns(np.ascontiguousarray(np.rot90(ready, 2)))[0] == 2
    assert cardprep.turns(np.ascontiguousarray(np.rot90(ready, 1)))[0] == 3


@needs_tesseract
def test_card_full_of_descenders_reads_upright() -> None:
    contacts = _parse(["s14-014-clean.png"])
    assert len(contacts) == 1
    got = contacts[0]
    assert (got.full_name, got.title) == ("Zoë Nakamura", "Chef de projet")
    assert got.emails == ("z.nakamura@quarryworks.fr",)
    assert got.phones == ("+33612345925",)


def test_whole_photo_is_not_enlarged(monkeypatch: pytest.MonkeyPatch) -> None:
    # no card found: a photo of 1.9 megapixels is read at its own size at most, whatever
    # small print it holds (a table's captions and grain, enlarged, cost tesseract seconds);
    # a card's own image (a scan, 0.6 megapixels) is still enlarged to ~30 px glyphs
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from followup import cardprep

    def page(width: int, height: int) -> tuple[int, ...]:
        im = Image.new("L", (width, height), 250)
        draw = ImageDraw.Draw(im)
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 15) \
            if _has_dejavu() else ImageFont.load_default(15)
        for row in range(6):
            draw.text((60, 60 + 30 * row), f"Line {row} of small print", fill=20, font=font)
        grey = np.asarray(im, dtype=np.uint8).copy()
        monkeypatch.setattr(cardprep, "find_faces", lambda g: [cardprep.Face(
            g, (0, 0, g.shape[1], g.shape[0]), False)])
        image = cardimage._Image()
        cardimage._prepare_faces(grey, [], image)
        shape: tuple[int, ...] = image.pages[0].shape
        return shape

    assert page(1600, 1200) == (1200, 1600)
    assert page(1050, 600)[1] > 1500


def _fixture_grey(name: str) -> object:
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(FIXTURES / name).convert("L"))


def test_turned_cards_on_a_busy_dark_table_are_found_by_their_print() -> None:
    # dev10's four dark cards apart on a busy dark table (no rim found), each turned some
    # 20 to 40 degrees: the box of two of their blocks of print was about square, their
    # lines were counted across and found one each, and the four were read as one page
    from followup import cardprep

    faces = cardprep.find_faces(_fixture_grey("s10-multi6-turned-dark-busy.jpg"))
    assert len(faces) == 4 and all(f.cropped for f in faces)
    assert all(f.box[2] < 400 and f.box[3] < 400 for f in faces)  # a card each, not all


def test_square_block_of_print_counts_its_lines() -> None:
    # four lines of print in a block a little taller than wide: lines run across it
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from followup import cardprep

    im = Image.new("L", (300, 320), 250)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 22) \
        if _has_dejavu() else ImageFont.load_default(22)
    for row, line in enumerate(("Leon Kowalski", "Geschäftsführer", "+41 21 234 54",
                                "leon@rbr.ch")):
        ImageDraw.Draw(im).text((20, 40 + 60 * row), line, fill=20, font=font)
    quad = np.array([[0, 0], [299, 0], [299, 319], [0, 319]], np.float32)
    assert cardprep._lines(np.asarray(im), quad) >= 3


def test_block_of_cards_cut_at_the_seam_beside_a_band() -> None:
    # dev10's 2x2 block of cards: in its left column a dark card above a card whose dark
    # band runs along the seam; the band's lower edge and the rims were stronger lines
    # than the seam and crowded it out, and the two cards were read as one
    from followup import cardprep

    faces = cardprep.find_faces(_fixture_grey("s10-multi7-block-banded.jpg"))
    assert len(faces) == 4
    assert all(250 <= f.box[3] <= 340 for f in faces)  # each one card high


def test_edge_level_is_the_median_rule() -> None:
    # the strong-edge level is max(24, 3 * median) whether or not the median is sorted out
    import numpy as np

    from followup import cardprep

    rng = np.random.default_rng(1)
    for scale in (1.0, 4.0, 9.0, 30.0):
        grad = np.abs(rng.normal(0, scale, (120, 200))).astype(np.float32)
        assert cardprep._edge_level(grad) == max(24.0, 3 * float(np.median(grad)))
