"""Card-image OCR: the generated cards read back, and hostile images are refused (H13, H19)."""

from __future__ import annotations

import email
import email.policy
import io
import json
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bomb_png import bomb_png
from PIL import Image

from followup import cardimage
from followup.cardimage import read_card_image, sniff_format

CARDS_DIR = Path(__file__).resolve().parent / "fixtures" / "cards"
PHOTOS_DIR = Path(__file__).resolve().parent / "fixtures" / "card-photos"
CARDS = json.loads((CARDS_DIR / "cards.json").read_text(encoding="utf-8"))
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"

needs_tesseract = pytest.mark.skipif(
    cardimage.shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")

# No OCR slips are allowed: flattened, levelled, sized and thresholded (followup.cardprep),
# these five cards read exactly with tesseract 5.3 and Debian's spa/fra/deu/eng data.
# Whitespace is normalised; the e-mail is compared without any whitespace (OCR may put a
# space after a dot). Speed is measured in bench/cards.py, not asserted here.


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


@needs_tesseract
@pytest.mark.parametrize("card", CARDS, ids=[c["file"] for c in CARDS])
def test_generated_card_reads_back(card: dict[str, str]) -> None:
    got = read_card_image((CARDS_DIR / card["file"]).read_bytes())
    assert got.warnings == []
    assert got.text is not None
    flat = " ".join(got.text.split())
    for key in ("name", "title", "company"):
        assert card[key] in flat, got.text
    assert card["email"] in _squash(got.text), got.text
    digits = re.sub(r"\D", "", card["phone"])
    assert digits in re.sub(r"\D", "", got.text), got.text


@pytest.mark.parametrize("tilt", [-6.0, -2.5, 0.0, 3.0, 7.5])
def test_skew_angle_found(tilt: float) -> None:
    card = Image.open(CARDS_DIR / "card-classic.png").convert("L")
    tilted = card.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert abs(cardimage._skew_angle(tilted) + tilt) <= 0.5


def test_card_generator_is_deterministic(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(CARDS_DIR / "make_cards.py"), str(tmp_path)],
                   check=True, timeout=60)
    for card in CARDS:
        fresh = Image.open(tmp_path / card["file"])
        committed = Image.open(CARDS_DIR / card["file"])
        assert fresh.size == committed.size
        # pixels, not bytes: encoders may differ a little between Pillow builds
        assert fresh.tobytes() == committed.tobytes(), card["file"]


def test_png_bomb_refused_quickly() -> None:
    bomb = bomb_png(30_000, 30_000)  # 900 Mpx, about 100 KB on disk
    assert len(bomb) < 500_000
    started = time.monotonic()
    got = read_card_image(bomb)
    assert time.monotonic() - started < 1.0
    assert got.text is None
    assert got.warnings[0].startswith("card image too large")


def test_pixel_cap_is_the_callers() -> None:
    # under Pillow's own default cap, over ours: refused from the header alone
    got = read_card_image(bomb_png(3000, 3000), max_pixels=1_000_000)
    assert got.text is None
    assert got.warnings == ["card image too large (over 1,000,000 pixels); not read"]


def test_hostile_corpus_png_bomb_refused() -> None:
    raw = (HOSTILE / "own" / "own-12-png-decompression-bomb.eml").read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    images = [p.get_payload(decode=True) for p in msg.walk()
              if p.get_content_maintype() == "image"]
    assert images
    for data in images:
        assert isinstance(data, bytes)
        got = read_card_image(data)
        assert got.text is None
        assert got.warnings[0].startswith("card image too large"), got.warnings


@pytest.mark.parametrize("data", [
    b"<html><body>not a card</body></html>",
    b"MZ\x90\x00" + bytes(200),
    b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(40),
    b"",
    b"\x89PN",
], ids=["html", "exe", "riff-wave", "empty", "short"])
def test_non_image_refused(data: bytes) -> None:
    # whatever the part's Content-Type said: the bytes decide
    got = read_card_image(data)
    assert got == cardimage.CardText(None, [cardimage.NOT_IMAGE])


def test_lying_magic_refused() -> None:
    got = read_card_image(b"\x89PNG\r\n\x1a\n" + b"this is no IHDR" * 20)
    assert got == cardimage.CardText(None, [cardimage.UNREADABLE])


def test_truncated_png_refused() -> None:
    data = (CARDS_DIR / "card-classic.png").read_bytes()
    got = read_card_image(data[: len(data) // 2])
    assert got == cardimage.CardText(None, [cardimage.UNREADABLE])


@pytest.mark.parametrize(("data", "fmt"), [
    (b"\x89PNG\r\n\x1a\n....", "PNG"), (b"\xff\xd8\xff\xe0", "JPEG"), (b"GIF89a..", "GIF"),
    (b"II*\x00....", "TIFF"), (b"MM\x00*....", "TIFF"), (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WEBP"),
    (b"RIFF\x00\x00\x00\x00AVI ", None), (b"BM......", None), (b"%PDF-1.7", None),
])
def test_sniff_format(data: bytes, fmt: str | None) -> None:
    assert sniff_format(data) == fmt


def test_missing_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    got = read_card_image((CARDS_DIR / "card-classic.png").read_bytes())
    assert got == cardimage.CardText(
        None, ["card image: OCR is not available (install tesseract-ocr)"])


def _fake_tesseract(tmp_path: Path, body: str) -> None:
    script = tmp_path / "tesseract"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


TSV_HEAD = r"\t".join(["level", "page_num", "block_num", "par_num", "line_num", "word_num",
                        "left", "top", "width", "height", "conf", "text"]) + r"\n"


def test_ocr_runs_limited_on_our_png(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # the fake reports what it was given: its limits, its arguments and its input's magic
    _fake_tesseract(tmp_path, (
        "magic=$(head -c 4 | tail -c 3)\n"
        f"printf '{TSV_HEAD}'\n"
        "row() { printf '5\\t1\\t1\\t1\\t1\\t1\\t0\\t0\\t1\\t1\\t96\\t%s\\n' \"$1\"; }\n"
        "row \"vmem=$(ulimit -v)\"; row \"threads=$OMP_THREAD_LIMIT\"; row \"in=$1\"\n"
        "row \"magic=$magic\"\n"))
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    # a JPEG card: tesseract must still get our PNG, not the mail's bytes
    got = read_card_image((CARDS_DIR / "card-centered.jpg").read_bytes())
    assert got.warnings == []
    assert got.text == f"vmem={(1 << 30) // 1024} threads=1 in=stdin magic=PNG"


def test_ocr_timeout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a child that outlives the shell holding stdout open must not hold us up either
    _fake_tesseract(tmp_path, "cat >/dev/null\nsleep 30 &\nsleep 30\n")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    started = time.monotonic()
    got = read_card_image((CARDS_DIR / "card-classic.png").read_bytes(), timeout=0.5)
    assert time.monotonic() - started < 3
    assert got == cardimage.CardText(None, [cardimage.TIMED_OUT])


@needs_tesseract
def test_real_tesseract_timeout_is_bounded() -> None:
    started = time.monotonic()
    got = read_card_image((CARDS_DIR / "card-rotated-lowcontrast.png").read_bytes(),
                          timeout=0.05)
    assert time.monotonic() - started < 2
    assert got == cardimage.CardText(None, [cardimage.TIMED_OUT])


def test_ocr_failure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_tesseract(tmp_path, "cat >/dev/null\necho 'Error: out of memory' >&2\nexit 1\n")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    got = read_card_image((CARDS_DIR / "card-classic.png").read_bytes())
    assert got == cardimage.CardText(None, [cardimage.OCR_FAILED])


@needs_tesseract
def test_blank_image_has_no_text() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (1050, 600), "white").save(buf, format="PNG")
    got = read_card_image(buf.getvalue())
    assert got == cardimage.CardText(None, ["card image: no text could be read"])


@needs_tesseract
@pytest.mark.parametrize("fmt", ["WEBP", "TIFF", "GIF"])
def test_other_formats(fmt: str) -> None:
    card = Image.open(CARDS_DIR / "card-classic.png")
    buf = io.BytesIO()
    card.save(buf, format=fmt)
    got = read_card_image(buf.getvalue())
    assert got.text is not None and "Priya Raman" in got.text


@needs_tesseract
def test_transparent_card_read_on_white() -> None:
    card = Image.open(CARDS_DIR / "card-classic.png").convert("L")
    # black ink on fully transparent black: flattened naively it is black on black
    rgba = Image.new("RGBA", card.size, (0, 0, 0, 0))
    rgba.putalpha(Image.eval(card, lambda v: 255 - v))
    buf = io.BytesIO()
    rgba.save(buf, format="PNG")
    got = read_card_image(buf.getvalue())
    assert got.text is not None and "Priya Raman" in got.text


def test_pillow_imported_lazily() -> None:
    code = ("import sys, followup.cardimage as c; "
            "sys.exit(1 if 'PIL' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def _cpu() -> float:
    import resource

    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def _dense_print() -> bytes:
    """A sheet of small print, edge to edge: a card photo it is not, and tesseract would read
    it for many seconds (enlarged for its small print: under cardprep.WHOLE_PHOTO_PIXELS)."""
    from PIL import ImageDraw, ImageFont

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


@needs_tesseract
def test_cpu_budget_stops_a_pathological_image(caplog: pytest.LogCaptureFixture) -> None:
    data = _dense_print()
    started = _cpu()
    # the wall-clock backstop far off: on a busy machine it, not the CPU budget, could stop
    # the reading first, and this test is about the CPU budget
    got = read_card_image(data, timeout=600, cpu_per_card=0.3, cpu_cap_per_card=0.8)
    spent = _cpu() - started
    # stopped at the cap (one look at the child's CPU every POLL s, and our own decoding
    # and preparing before it, are the slack), not after tesseract's many seconds
    assert spent < 0.8 + 0.6, spent
    stopped = cardimage.OVER_BUDGET.format(seconds=0.8)
    assert stopped in got.warnings
    assert got.text is None  # no reading finished: nothing half-read is made up
    assert any(stopped in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)


def test_budget_leaves_a_good_first_reading_alone(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    # a quick, confident first reading is the only pass: no other turn is tried
    calls = tmp_path / "calls"
    _fake_tesseract(tmp_path, (
        f"[ \"$1\" = stdin ] && echo x >> {calls}\ncat >/dev/null\n"
        f"printf '{TSV_HEAD}'\n"
        "printf '5\\t1\\t1\\t1\\t1\\t1\\t0\\t0\\t1\\t1\\t96\\t%s\\n' Lumenfold_Analytics_Priya\n"))
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    got = read_card_image((CARDS_DIR / "card-rotated-lowcontrast.png").read_bytes())
    assert got.warnings == [] and got.text == "Lumenfold_Analytics_Priya"
    assert calls.read_text().count("x") == 1


def test_input_larger_than_a_pipe_is_written_whole() -> None:
    # tesseract reads its stdin only once its languages are loaded; an input larger than
    # the pipe must still reach it whole, not wait for the wall-clock backstop
    data = bytes(range(256)) * 1200  # 300 KiB
    started = time.monotonic()
    out = cardimage._run(["/bin/sh", "-c", "sleep 0.3; wc -c"], data,
                         {"PATH": "/usr/bin:/bin"}, 10.0)
    assert int(out) == len(data)
    assert time.monotonic() - started < 5


def test_several_cards_one_tesseract_run(monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    # two cards in one photo: one run reads both (a page each); each page's words are its
    # card's
    calls = tmp_path / "calls"
    _fake_tesseract(tmp_path, (
        f"[ \"$1\" = stdin ] && echo x >> {calls}\nmagic=$(head -c 2)\ncat >/dev/null\n"
        f"printf '{TSV_HEAD}'\n"
        "row() { printf '5\\t%s\\t1\\t1\\t1\\t1\\t0\\t0\\t1\\t1\\t96\\t%s\\n' \"$1\" \"$2\"; }\n"
        "row 1 \"First_Card_Person_$magic\"; row 2 Second_Card_Person\n"))
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    got = read_card_image((PHOTOS_DIR / "multi-1-0.jpg").read_bytes())
    assert [f.text for f in got.faces] == ["First_Card_Person_II", "Second_Card_Person"]
    assert calls.read_text().count("x") == 1


def test_web_and_mail_lines_kept_at_no_confidence() -> None:
    # tesseract gives some address lines no confidence at all ("https:" "//host" at 0);
    # their shape says they are print, and the card rules check them; speckle stays out
    def tsv(rows: list[tuple[int, str, float]]) -> str:
        head = "\t".join(["level", "page_num", "block_num", "par_num", "line_num",
                          "word_num", "left", "top", "width", "height", "conf", "text"])
        return "\n".join([head, *(f"5\t1\t1\t1\t{line}\t1\t0\t0\t1\t1\t{conf}\t{word}"
                                  for line, word, conf in rows)])

    got = cardimage._from_tsv(tsv([(1, "Tel.", 95), (1, "0511", 95), (1, "123456", 95),
                                   (2, "https:", 0), (2, "//nordkap-werke.de", 0),
                                   (3, "anna@fjord.no", 10), (4, "Hx", 0), (4, "iil", 0)]))
    assert got[0].text.splitlines() == ["Tel. 0511 123456", "https://nordkap-werke.de",
                                        "anna@fjord.no"]


class _FakeCpu:
    """A CPU counter the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _budget(cpu: _FakeCpu, seconds: float = 1.8) -> cardimage._Budget:
    return cardimage._Budget(seconds, 4.0, time.monotonic() + 60, 20.0, cpu=cpu)


def test_second_tries_only_as_many_turns_as_the_budget_affords() -> None:
    cpu = _FakeCpu()
    budget = _budget(cpu)
    cpu.now += 0.5  # the first run: 0.5 CPU s for two cards of 1000 px each
    poor = [(0, [2, 1, 3]), (1, [0, 3, 1])]
    # 1.3 s left: a run of one or two pages (no more pixels than the first) costs at most
    # 0.5; three pages 0.75, four 1.0, five 1.25, six 1.5 (over)
    tries = cardimage._second_tries(poor, [1000, 1000], 0.5, 2000, budget)
    assert tries == [(0, 2), (1, 0), (0, 1), (1, 3), (0, 3)]
    cpu.now += 0.9  # the preparing took longer: 0.4 s left, less than one run's start
    assert cardimage._second_tries(poor, [1000, 1000], 0.5, 2000, budget) == []


def test_second_try_estimate_is_never_below_a_whole_first_run() -> None:
    cpu = _FakeCpu()
    budget = _budget(cpu)
    cpu.now += 1.25  # 0.55 s left; a small page still pays tesseract's whole start
    assert cardimage._second_tries([(0, [1])], [10, 5000], 0.6, 5010, budget) == []
    cpu.now -= 0.1  # 0.65 s left: it fits
    assert cardimage._second_tries([(0, [1])], [10, 5000], 0.6, 5010, budget) == [(0, 1)]


def test_second_try_taken_when_tesseract_start_fits() -> None:
    # dev card s14-014 (and unseen10's s12-041) read upside down first: that junk reading
    # costs tesseract about twice an upright one, so a whole first run (0.9 s) overstates
    # the second; with its start measured (0.5 s), the next turn is taken and its reading is
    # bounded by the budget itself
    cpu = _FakeCpu()
    budget = _budget(cpu)
    cpu.now += 1.1  # prepared and read once: 0.7 s left, less than a whole first run
    assert cardimage._second_tries([(0, [0, 3, 1])], [1000], 0.9, 1000, budget) == []
    # the start fits; a turn more (0.5 + 0.4 a page: 0.9 s) does not
    got = cardimage._second_tries([(0, [0, 3, 1])], [1000], 0.9, 1000, budget, 0.5)
    assert got == [(0, 0)]
    cpu.now += 0.25  # 0.45 s left: not even the start fits
    assert cardimage._second_tries([(0, [0, 3, 1])], [1000], 0.9, 1000, budget, 0.5) == []


def test_second_try_of_a_batched_run_pays_one_start() -> None:
    # three cards read by one run (0.5 s start, 0.3 s reading each): one poor card's other
    # turns cost the start and their own pages' share, not the whole run each
    cpu = _FakeCpu()
    budget = _budget(cpu, 3 * 1.8)
    cpu.now += 3.95  # 1.45 s left
    got = cardimage._second_tries([(1, [2, 1, 3])], [1000, 1000, 1000], 1.4, 3000, budget,
                                  0.5)
    assert got == [(1, 2), (1, 1), (1, 3)]  # 0.5 + 3 * 0.3 = 1.4
    cpu.now += 0.45  # 1.0 s left: the start and one page's reading (0.8 s) fit, two do not
    got = cardimage._second_tries([(1, [2, 1, 3])], [1000, 1000, 1000], 1.4, 3000, budget,
                                  0.5)
    assert got == [(1, 2)]
    # unmeasured, a try is estimated at the whole first run (1.4 s): none fits
    assert cardimage._second_tries([(1, [2, 1, 3])], [1000, 1000, 1000], 1.4, 3000,
                                   budget) == []


@needs_tesseract
def test_tesseract_start_measured_in_the_run() -> None:
    # the child's CPU when it began reading its input: at most what the whole run cost
    import resource

    def children() -> float:
        use = resource.getrusage(resource.RUSAGE_CHILDREN)
        return use.ru_utime + use.ru_stime

    page = Image.open(PHOTOS_DIR / "s1-000-clean.png").convert("L")
    buf = io.BytesIO()
    page.save(buf, format="PNG")
    budget = _budget(_FakeCpu())
    before = children()
    out = cardimage._run(["tesseract", "stdin", "stdout", "-l", "eng", "tsv"], buf.getvalue(),
                         {"PATH": "/usr/bin:/bin", "OMP_THREAD_LIMIT": "1"}, 60.0, budget)
    assert b"level" in out
    assert budget.started is not None and 0 <= budget.started <= children() - before + 0.01


def test_a_further_photo_adds_no_time_for_second_tries() -> None:
    # front and back (two photos, a card each) get one card's time for second tries, and
    # each its own first reading (the cap); a second card in one photo adds both
    cpu = _FakeCpu()
    budget = _budget(cpu)
    budget.grant(1, 0)
    assert (budget.allowed, budget.cap) == (1.8, 8.0)
    budget.grant(1)
    assert (budget.allowed, budget.cap) == (3.6, 12.0)
    cpu.now += 3.0
    assert budget.affords(0.6) and not budget.affords(0.7)


def test_each_prepared_page_is_counted_for_speckle_once(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    # the blob count of a whole prepared card (cardprep.speckled) was made three times
    # for the same page on the way to OCR; once is enough, and the page is the same
    from followup import cardprep

    calls: list[int] = []
    real = cardprep.speckled

    def counted(ready: object) -> bool:
        calls.append(id(ready))
        return real(ready)  # type: ignore[arg-type]

    monkeypatch.setattr(cardprep, "speckled", counted)
    data = (PHOTOS_DIR / "s1-005-photo.jpg").read_bytes()
    image = cardimage._prepare_image(data, 40_000_000)
    assert len(image.pages) == 1 and len(calls) == 1
