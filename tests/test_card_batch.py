"""All images of a note read by one tesseract run (cardimage.read_card_images, the reader's
`read_many`), with the limits of a single image kept: the pixel cap before decoding, the
time, CPU and memory limits of OCR, the process group killed on the way out."""

from __future__ import annotations

import pickle
import stat
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from bomb_png import bomb_png

from followup import cardimage
from followup.cardimage import read_card_image, read_card_images
from followup.parsing.assemble import ManyCardReader, ParseOptions, parse_message

PHOTOS = Path(__file__).resolve().parent / "fixtures" / "card-photos"
CARDS = Path(__file__).resolve().parent / "fixtures" / "cards"
FRONT, BACK = PHOTOS / "s1-1000-front.png", PHOTOS / "s1-1000-back.png"
REAL = cardimage.shutil.which("tesseract")

needs_tesseract = pytest.mark.skipif(REAL is None, reason="tesseract-ocr is not installed")


def _counting_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real tesseract behind a script that counts the readings it is asked for."""
    calls = tmp_path / "calls"
    script = tmp_path / "tesseract"
    script.write_text(f'#!/bin/sh\n[ "$1" = stdin ] && echo x >> {calls}\nexec {REAL} "$@"\n',
                      encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    return calls


def _runs(calls: Path) -> int:
    return calls.read_text().count("x") if calls.exists() else 0


@needs_tesseract
def test_front_and_back_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_tesseract(tmp_path, monkeypatch)
    got = read_card_image.read_many([FRONT.read_bytes(), BACK.read_bytes()])
    assert _runs(calls) == 1
    assert [r.warnings for r in got] == [[], []]
    front, back = (r.text or "" for r in got)
    assert "Greta Okafor" in front and "@" not in front
    assert "@" in back and "Greta Okafor" not in back


@needs_tesseract
def test_batch_reads_as_each_image_alone() -> None:
    images = [FRONT.read_bytes(), BACK.read_bytes(), (PHOTOS / "s1-005-photo.jpg").read_bytes()]
    together = read_card_images(images)
    alone = [read_card_image(data) for data in images]
    assert [r.text for r in together] == [r.text for r in alone]
    assert [len(r.faces) for r in together] == [len(r.faces) for r in alone]


@needs_tesseract
def test_several_cards_and_a_pair_one_run(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_tesseract(tmp_path, monkeypatch)
    got = read_card_images([(PHOTOS / "multi-1-0.jpg").read_bytes(), FRONT.read_bytes()])
    assert _runs(calls) == 1
    assert len(got[0].faces) >= 2 and len(got[1].faces) == 1
    assert "Greta Okafor" in (got[1].text or "")


@needs_tesseract
def test_refused_image_among_good_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the pixel cap is each image's, checked from the header before anything is decoded
    calls = _counting_tesseract(tmp_path, monkeypatch)
    bomb = bomb_png(30_000, 30_000)
    started = time.monotonic()
    got = read_card_images([bomb, b"<html>no card</html>", FRONT.read_bytes()])
    assert time.monotonic() - started < 8
    assert got[0].text is None and got[0].warnings[0].startswith("card image too large")
    assert got[1] == cardimage.CardText(None, [cardimage.NOT_IMAGE])
    assert "Greta Okafor" in (got[2].text or "")
    assert _runs(calls) == 1


def test_nothing_readable_runs_no_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_tesseract(tmp_path, monkeypatch)
    got = read_card_images([b"", bomb_png(3000, 3000)], max_pixels=1_000_000)
    assert got[0].warnings == [cardimage.NOT_IMAGE]
    assert got[1].warnings == ["card image too large (over 1,000,000 pixels); not read"]
    assert _runs(calls) == 0
    assert read_card_images([]) == []


def _fake(tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "tesseract"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")


def test_batch_runs_limited_on_our_tiff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # two images, one run: our own multi-page TIFF on stdin, the memory cap, one thread
    head = "\\t".join(["level", "page_num", "block_num", "par_num", "line_num", "word_num",
                       "left", "top", "width", "height", "conf", "text"])
    _fake(tmp_path, (
        "magic=$(head -c 2)\ncat >/dev/null\n"
        f"printf '{head}\\n'\n"
        "row() { printf '5\\t%s\\t1\\t1\\t1\\t1\\t0\\t0\\t1\\t1\\t96\\t%s\\n' \"$1\" \"$2\"; }\n"
        "row 1 \"magic=$magic\"; row 1 \"vmem=$(ulimit -v)\"; row 2 \"threads=$OMP_THREAD_LIMIT\"\n"
        "row 2 Lumenfold_Analytics\n"),  # enough confident print: no other turn is read
        monkeypatch)
    got = read_card_images([FRONT.read_bytes(), (CARDS / "card-centered.jpg").read_bytes()])
    assert got[0].text == f"magic=II vmem={(1 << 30) // 1024}"
    assert got[1].text == "threads=1 Lumenfold_Analytics"


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] == b"Z"  # killed, not yet reaped
    except FileNotFoundError:
        return True


def test_batch_timeout_kills_the_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a grandchild holding stdout open is killed with tesseract's whole process group
    pids = tmp_path / "pids"
    _fake(tmp_path, f"cat >/dev/null\nsleep 30 &\necho $! > {pids}\nsleep 30\n", monkeypatch)
    started = time.monotonic()
    got = read_card_images([FRONT.read_bytes(), BACK.read_bytes()], timeout=0.3)
    assert time.monotonic() - started < 4
    assert got == [cardimage.CardText(None, [cardimage.TIMED_OUT])] * 2
    deadline = time.monotonic() + 2
    while not _gone(int(pids.read_text())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(int(pids.read_text()))


def test_batch_failure_keeps_qr_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # OCR fails for the run: an image with a QR code still gives its code, one without the
    # failure
    _fake(tmp_path, "cat >/dev/null\nexit 1\n", monkeypatch)
    segno = pytest.importorskip("segno")
    from PIL import Image

    qr = segno.make("MECARD:N:Okafor,Greta;EMAIL:greta@example.com;;", error="m")
    path = tmp_path / "qr.png"
    qr.save(str(path), scale=8, border=4)
    card = Image.new("L", (1050, 600), 255)
    card.paste(Image.open(path).convert("L"), (600, 150))
    coded = tmp_path / "card.png"
    card.save(coded)
    got = read_card_images([coded.read_bytes(), FRONT.read_bytes()])
    assert got[0].faces and "greta@example.com" in got[0].faces[0].codes[0]
    assert got[1] == cardimage.CardText(None, [cardimage.OCR_FAILED])


def _dense_print() -> bytes:
    import io

    from PIL import Image, ImageDraw, ImageFont

    # under cardprep.WHOLE_PHOTO_PIXELS: a whole image this small is enlarged for its small
    # print, and tesseract spends seconds on the enlarged page
    im = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(im)
    font = ImageFont.load_default(16)
    words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"]
    for row in range(50):
        line = " ".join(words[(row * 3 + i) % len(words)] for i in range(30))
        draw.text((10, 10 + 19 * row), line, fill=0, font=font)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def _cpu() -> float:
    import resource

    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


@needs_tesseract
def test_batch_cpu_budget_is_each_cards(tmp_path: Path) -> None:
    # two pathological pages: the run is stopped at the two cards' caps together
    started = _cpu()
    got = read_card_images([_dense_print(), _dense_print()], timeout=600, cpu_per_card=0.3,
                           cpu_cap_per_card=0.6)
    spent = _cpu() - started
    assert spent < 2 * 0.6 + 0.8, spent
    stopped = cardimage.OVER_BUDGET.format(seconds=1.2)
    assert all(r.text is None and stopped in r.warnings for r in got), got


def test_reader_pickles_as_itself() -> None:
    # the parse worker gets its options pickled: the reader must stay the batch reader
    again = pickle.loads(pickle.dumps(read_card_image))
    assert again is read_card_image and isinstance(again, ManyCardReader)


@needs_tesseract
def test_note_with_front_and_back_one_run(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_tesseract(tmp_path, monkeypatch)
    msg = EmailMessage()
    msg["From"] = "Sam Owner <sam@owner.example>"
    msg["Subject"] = "card"
    msg["Date"] = "Wed, 02 Dec 2026 09:00:00 +0000"
    msg.set_content("Card from the fair.\n")
    for path in (FRONT, BACK):
        msg.add_attachment(path.read_bytes(), maintype="image", subtype="png",
                           filename=path.name)
    note = parse_message(msg.as_bytes(), ParseOptions(card_reader=read_card_image))
    assert _runs(calls) == 1
    assert len(note.contacts) == 1 and note.contacts[0].full_name == "Greta Okafor"
    assert note.contacts[0].emails


def test_plain_reader_still_read_one_by_one() -> None:
    # a reader without read_many (a test double, an older reader) is called per image
    seen: list[bytes] = []

    def plain(data: bytes) -> cardimage.CardText:
        seen.append(data)
        return cardimage.CardText(None, [])

    msg = EmailMessage()
    msg["From"] = "Sam Owner <sam@owner.example>"
    msg["Subject"] = "card"
    msg.set_content("Card.\n")
    for path in (FRONT, BACK):
        msg.add_attachment(path.read_bytes(), maintype="image", subtype="png",
                           filename=path.name)
    parse_message(msg.as_bytes(), ParseOptions(card_reader=plain))
    assert len(seen) == 2
