"""Business-card photos -> text: a checked, bounded, local OCR run (Pillow + tesseract).

Safety (hostile corpus H13): the format is sniffed from the bytes (never from Content-Type),
the pixel count is checked from the header before anything is decoded, Pillow's bomb warning
is an error, large JPEGs decode in draft mode, and only our own re-encoded PNG reaches
tesseract, through its stdin: the mail's bytes are never written anywhere and never parsed
by leptonica. tesseract runs with a time budget, an address-space cap and one thread.
Nothing here raises: every failure is a warning. Pillow is imported on first use, so that
notes without images do not pay for it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import resource
import shutil
import signal
import subprocess
import time
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

TESSERACT = "tesseract"  # looked up on PATH at each call
OCR_MEMORY_BYTES = 1 << 30  # address-space cap of the tesseract process
MAX_SIDE = 2600  # longer side sent to OCR; above this tesseract gets slow for no gain
MIN_SIDE = 1600  # smaller images are upscaled: tesseract wants glyphs ~20-40 px high
ENOUGH_CHARS = 12  # a first pass reading fewer confident characters tries other rotations

TOO_LARGE = "card image too large (over {limit:,} pixels); not read"
NOT_IMAGE = "card image: not a PNG, JPEG, WebP, TIFF or GIF image; not read"
UNREADABLE = "card image: the image is damaged or truncated; not read"
NO_OCR = "card image: OCR is not available (install tesseract-ocr)"
NO_TEXT = "card image: no text could be read"
TIMED_OUT = "card image: OCR timed out"
OCR_FAILED = "card image: OCR failed"

# (magic prefix, offset, Pillow format name); WebP is RIFF....WEBP
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"GIF87a", 0, "GIF"),
    (b"GIF89a", 0, "GIF"),
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
    (b"WEBP", 8, "WEBP"),
)


@dataclass(frozen=True)
class CardText:
    """What OCR read from one card image (`text` None when nothing), and why not."""

    text: str | None
    warnings: list[str] = field(default_factory=list)


class _Refused(Exception):
    """The image is not read; the message is the warning to give."""


@dataclass(frozen=True)
class _Pass:
    text: str
    score: int  # characters in words tesseract was confident about


def sniff_format(data: bytes) -> str | None:
    """Pillow's name for the image format the bytes start with, or None."""
    if data[:4] == b"RIFF" and data[8:12] != b"WEBP":
        return None
    for magic, offset, name in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            return name
    return None


def read_card_image(data: bytes, *, timeout: float = 10.0,
                    max_pixels: int = 40_000_000) -> CardText:
    """OCR one business-card image. Never raises; `timeout` bounds all OCR passes together."""
    deadline = time.monotonic() + timeout
    try:
        opened = _open(data, max_pixels)  # refuses bombs and non-images even without OCR
        binary = shutil.which(TESSERACT)
        if binary is None:
            return CardText(None, [NO_OCR])
        text = _ocr_best(binary, _prepare(opened), deadline)
    except _Refused as refused:
        return CardText(None, [str(refused)])
    except Exception:  # a decoder bug must not take the whole note down (H27)
        return CardText(None, [UNREADABLE])
    return CardText(text, []) if text else CardText(None, [NO_TEXT])


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """The image with only its header read, once its format and pixel count are acceptable."""
    from PIL import Image

    fmt = sniff_format(data)
    if fmt is None:
        raise _Refused(NOT_IMAGE)
    # One process-wide setting; this module is the only Pillow user in followup.
    Image.MAX_IMAGE_PIXELS = max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data), formats=[fmt])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _Refused(TOO_LARGE.format(limit=max_pixels)) from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise _Refused(UNREADABLE) from exc
    w, h = im.size
    if w * h > max_pixels:  # Pillow warns only above its cap: ours is the rule
        raise _Refused(TOO_LARGE.format(limit=max_pixels))
    if w < 1 or h < 1:
        raise _Refused(UNREADABLE)
    return im


def _prepare(im: Image.Image) -> Image.Image:
    """Decoded, upright, grey, contrast-stretched and OCR-sized."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _normalise(im)
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError,
            Image.DecompressionBombWarning) as exc:
        raise _Refused(UNREADABLE) from exc


def _normalise(im: Image.Image) -> Image.Image:
    from PIL import Image, ImageOps

    # JPEG only: decode at 1/2..1/8 scale straight away instead of full size (H13 "draft")
    im.draft("RGB", (MAX_SIDE, MAX_SIDE))
    im.load()  # a truncated file fails here (LOAD_TRUNCATED_IMAGES stays False)
    im = ImageOps.exif_transpose(im)
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        # transparent pixels are often black: put the card on white paper
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, "white")
        im = Image.alpha_composite(paper, rgba)
    grey = ImageOps.autocontrast(im.convert("L"), cutoff=1)
    return _resize(grey)


def _resize(im: Image.Image) -> Image.Image:
    from PIL import Image

    longer = max(im.size)
    if longer > MAX_SIDE:
        factor = MAX_SIDE / longer
    elif longer < MIN_SIDE:
        factor = min(MIN_SIDE / longer, 4.0)
    else:
        return im
    size = (max(1, round(im.width * factor)), max(1, round(im.height * factor)))
    return im.resize(size, Image.Resampling.LANCZOS)


def _ocr_best(binary: str, im: Image.Image, deadline: float) -> str:
    """The first pass, or the best rotation when the first reads almost nothing."""
    from PIL import Image, ImageFilter

    best = _ocr(binary, _deskew(im), deadline)
    if best.score >= ENOUGH_CHARS:
        return best.text
    # A card photographed sideways or upside down, most often 90 degrees either way. A hard
    # image is often a noisy one too: the median filter clears speckle that tesseract reads
    # as glyphs, but it also thins small crisp text, so the first pass goes without it.
    clean = im.filter(ImageFilter.MedianFilter(3))
    for turn in (Image.Transpose.ROTATE_270, Image.Transpose.ROTATE_90,
                 Image.Transpose.ROTATE_180):
        if time.monotonic() >= deadline:
            break
        try:
            found = _ocr(binary, _deskew(clean.transpose(turn)), deadline)
        except _Refused:
            break  # out of time: keep what the first pass read
        if found.score > best.score:
            best = found
        if best.score >= ENOUGH_CHARS:
            break
    return best.text


def _deskew(im: Image.Image) -> Image.Image:
    """Turned level when the text lines slope (a card photographed at an angle): psm 11 reads
    words one by one and misreads tilted glyphs ("+1" as "41")."""
    from PIL import Image

    angle = _skew_angle(im)
    if abs(angle) < 0.5:
        return im
    return im.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _skew_angle(im: Image.Image) -> float:
    """The small rotation (within 10 degrees) that makes text rows sharpest: the angle whose
    row-darkness profile has the largest squared steps, on a thumbnail (coarse, then fine)."""
    from PIL import Image

    small = im.copy()
    small.thumbnail((600, 600))
    small = small.point(lambda v: 255 if v > 128 else 0)

    def sharpness(angle: float) -> int:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
        rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        return sum((b - a) ** 2 for a, b in itertools.pairwise(rows))

    coarse = max(range(-10, 11), key=lambda a: (sharpness(a), -abs(a)))
    fine = [coarse + step / 4 for step in range(-3, 4)]
    return max(fine, key=lambda a: (sharpness(a), -abs(a)))


def _ocr(binary: str, im: Image.Image, deadline: float) -> _Pass:
    buf = io.BytesIO()
    im.save(buf, format="PNG", compress_level=1)
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Refused(TIMED_OUT)
    # psm 11 (sparse text): cards are short scattered lines, not paragraphs
    cmd = [binary, "stdin", "stdout", "--psm", "11", "-l", "eng", "tsv"]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OMP_THREAD_LIMIT": "1",
           "LC_ALL": "C"}
    tsv = _run(cmd, buf.getvalue(), env, left)
    return _from_tsv(tsv.decode("utf-8", errors="replace"))


def _run(cmd: list[str], png: bytes, env: dict[str, str], seconds: float) -> bytes:
    """tesseract's stdout; on timeout its whole process group is killed, so no pipe stays open."""
    cpu = int(seconds) + 2  # backstop to the wall-clock timeout
    prlimit = shutil.which("prlimit", path=env.get("PATH"))
    # util-linux's prlimit sets the limits and execs tesseract: no preexec_fn, which is not
    # safe in a process with threads (the daemon has several)
    limited = ([prlimit, f"--as={OCR_MEMORY_BYTES}", f"--cpu={cpu}", "--core=0", "--", *cmd]
               if prlimit else cmd)
    try:
        proc = subprocess.Popen(limited, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env,
                                preexec_fn=None if prlimit else _limits(cpu),
                                start_new_session=True)
    except OSError as exc:  # vanished or not executable since `which`
        raise _Refused(NO_OCR) from exc
    with proc:
        try:
            out, _ = proc.communicate(png, timeout=seconds)
        except subprocess.TimeoutExpired as exc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise _Refused(TIMED_OUT) from exc
    if proc.returncode != 0:
        raise _Refused(OCR_FAILED)
    return out


def _limits(cpu: int) -> Callable[[], None]:
    """The same limits from Python, where there is no prlimit (not Linux)."""
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (OCR_MEMORY_BYTES, OCR_MEMORY_BYTES))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _from_tsv(tsv: str) -> _Pass:
    """Lines of words from tesseract's TSV, in reading order, and the confident-char score."""
    lines: dict[tuple[str, str, str, str], list[str]] = {}
    score = 0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = unicodedata.normalize("NFKC", row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        lines.setdefault(key, []).append(word)
        if _confidence(row.get("conf")) >= 60:
            score += sum(ch.isalnum() for ch in word)
    text = "\n".join(" ".join(words) for words in lines.values())
    return _Pass(text.strip(), score)


def _confidence(value: str | None) -> float:
    try:
        return float(value or "-1")
    except ValueError:
        return -1.0
