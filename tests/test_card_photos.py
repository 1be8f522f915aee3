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
