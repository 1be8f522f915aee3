"""Business-card photos -> QR codes and text per card: a checked, bounded, local reading
(Pillow decodes, zxing-cpp reads QR codes, followup.cardprep finds and prepares each card,
tesseract reads it).

Safety (hostile corpus H13): the format is sniffed from the bytes (never from Content-Type),
the pixel count is checked from the header before anything is decoded, Pillow's bomb warning
is an error, large JPEGs decode in draft mode, and only pixels Pillow decoded reach zxing-cpp
and OpenCV, and only our own re-encoded PNG reaches tesseract, through its stdin: the mail's
bytes are never written anywhere and never parsed by leptonica. tesseract runs with a time
budget shared by all passes and cards of the image, an address-space cap and one thread;
no model or data is ever downloaded. Nothing here raises: every failure is a warning.
Pillow, numpy, OpenCV and zxing-cpp are imported on first use, so that notes without
images do not pay for them.
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

    from followup.cardprep import Grey

TESSERACT = "tesseract"  # looked up on PATH at each call
OCR_MEMORY_BYTES = 1 << 30  # address-space cap of the tesseract process
MAX_SIDE = 2600  # longer side sent to OCR; above this tesseract gets slow for no gain
# Debian's tesseract-ocr-spa/-fra/-deu/-eng. Order matters: with eng first tesseract drops
# accents ("Lucia Garcia"); spa first reads "Lucía García", "Élodie" and English as well.
# On 70 accented card lines in five fonts spa+fra+deu+eng read 51 right, spa+deu+fra+eng
# 46, deu first 44, eng first fewer still.
LANGUAGES = "spa+fra+deu+eng"
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
class CardFace:
    """One card found in a photo: its OCR text (lines) and the texts of its QR codes."""

    text: str | None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CardText:
    """What was read from one card image (`text` None when no OCR text), and why not.
    `faces` has one entry per card in the photo, in reading order."""

    text: str | None
    warnings: list[str] = field(default_factory=list)
    faces: tuple[CardFace, ...] = ()


class _Refused(Exception):
    """The image is not read; the message is the warning to give."""


@dataclass(frozen=True)
class _Pass:
    text: str
    score: int  # characters in words tesseract was confident about
    chars: int = 0  # all letters and digits read


@dataclass(frozen=True)
class _Code:
    text: str
    corners: list[tuple[int, int]]


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
    """Read one business-card photo: QR codes first, then OCR of each card found in it.
    Never raises; `timeout` bounds all OCR passes together."""
    deadline = time.monotonic() + timeout
    try:
        opened = _open(data, max_pixels)  # refuses bombs and non-images even without OCR
        grey = _prepare(opened)
        codes = _qr_codes(grey)
        binary = shutil.which(TESSERACT)
        if binary is None and not codes:
            return CardText(None, [NO_OCR])
        faces = _read_faces(binary, grey, codes, deadline)
    except _Refused as refused:
        return CardText(None, [str(refused)])
    except Exception:  # a decoder bug must not take the whole note down (H27)
        return CardText(None, [UNREADABLE])
    return _result(faces, binary is not None)


def _result(faces: list[CardFace], have_ocr: bool) -> CardText:
    text = "\n\n".join(f.text for f in faces if f.text)
    if not any(f.text or f.codes for f in faces):
        return CardText(None, [NO_TEXT], ())
    notes = [] if have_ocr else [NO_OCR]
    return CardText(text or None, notes, tuple(faces))


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


def _prepare(im: Image.Image) -> Grey:
    """Decoded, upright (EXIF), grey and at most MAX_SIDE: the pixels everything else reads."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _normalise(im)
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError,
            Image.DecompressionBombWarning) as exc:
        raise _Refused(UNREADABLE) from exc


def _normalise(im: Image.Image) -> Grey:
    import numpy as np
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
    grey = im.convert("L")
    if max(grey.size) > MAX_SIDE:
        grey.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out: Grey = np.asarray(grey, dtype=np.uint8).copy()
    return out


def _qr_codes(grey: Grey) -> list[_Code]:
    """The QR codes of the photo (zxing-cpp), with where they are; blanked in `grey` so that
    OCR does not read their modules as letters."""
    try:
        import zxingcpp
    except ImportError:  # an install without it still reads the printed text
        return []
    found = []
    kinds = zxingcpp.BarcodeFormats([zxingcpp.BarcodeFormat.QRCode,
                                     zxingcpp.BarcodeFormat.MicroQRCode])
    for result in zxingcpp.read_barcodes(grey, formats=kinds):
        if not result.valid or not result.text:
            continue
        pos = result.position
        corners = [(p.x, p.y) for p in (pos.top_left, pos.top_right, pos.bottom_right,
                                        pos.bottom_left)]
        _blank(grey, corners)
        found.append(_Code(result.text[:4000], corners))
    return found[:8]


def _blank(grey: Grey, corners: list[tuple[int, int]]) -> None:
    import cv2
    import numpy as np

    quad = np.array(corners, np.float32)
    centre = quad.mean(axis=0)
    grown = ((quad - centre) * 1.2 + centre).astype(np.int32)  # the quiet zone too
    x, y, w, h = cv2.boundingRect(grown)
    ring = grey[max(0, y - 20):y + h + 20, max(0, x - 20):x + w + 20]
    # painted the colour of the card around it: a white patch on a dark card would look
    # like a small card of its own
    cv2.fillConvexPoly(grey, grown, int(np.median(ring)) if ring.size else 255)


def _read_faces(binary: str | None, grey: Grey, codes: list[_Code],
                deadline: float) -> list[CardFace]:
    """Each card in the photo: its QR codes and, with tesseract, its text."""
    from followup import cardprep

    faces = cardprep.find_faces(grey)
    out = []
    for i, face in enumerate(faces):
        mine = [c.text for c in codes if _inside(c, face.box) or len(faces) == 1]
        # flattened cards are level unless their outline was partly hidden: deskew both
        ready = cardprep.prepare(_deskew(face.grey))
        if not mine:  # flattened and sharpened, a code too slanted or soft before may read
            mine = [c.text for c in _qr_codes(ready)]
        text = None
        if binary is not None and time.monotonic() >= deadline:
            if i == 0 and not mine:
                raise _Refused(TIMED_OUT)
            break
        if binary is not None:
            try:
                text = _ocr_face(binary, ready, deadline) or None
            except _Refused:
                if i == 0 and not mine:
                    raise
        out.append(CardFace(text, tuple(mine)))
    return out


def _inside(code: _Code, box: tuple[int, int, int, int]) -> bool:
    x, y, w, h = box
    cx = sum(p[0] for p in code.corners) / 4
    cy = sum(p[1] for p in code.corners) / 4
    return x <= cx <= x + w and y <= cy <= y + h


def _ocr_face(binary: str, ready: Grey, deadline: float) -> str:
    """The best reading of one card: as it lies first, other quarter turns when that reads
    almost nothing (a card photographed sideways or upside down)."""
    import numpy as np

    best = _ocr(binary, ready, deadline)
    if _enough(best):
        return best.text
    # a tall crop is more likely a landscape card turned than a portrait card
    turns = (3, 1, 2) if ready.shape[0] > ready.shape[1] else (2, 3, 1)
    for k in turns:
        if time.monotonic() >= deadline:
            break
        try:
            found = _ocr(binary, np.ascontiguousarray(np.rot90(ready, k)), deadline)
        except _Refused:
            break  # out of time: keep what the first pass read
        if found.score > best.score:
            best = found
        if _enough(best):
            break
    return best.text


def _enough(p: _Pass) -> bool:
    """A reading good enough to stop turning: enough confident characters, most of them."""
    return p.score >= ENOUGH_CHARS and p.score >= 0.6 * p.chars


def _deskew(grey: Grey) -> Grey:
    """Turned level when the text lines slope (a card photographed at an angle that fills the
    frame, so no outline was found): psm 11 reads words one by one and misreads tilted
    glyphs ("+1" as "41")."""
    import numpy as np
    from PIL import Image

    im = Image.fromarray(grey)
    angle = _skew_angle(im)
    if abs(angle) < 0.5:
        return grey
    turned = im.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                       fillcolor=int(np.median(grey)))
    out: Grey = np.asarray(turned, dtype=np.uint8).copy()
    return out


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


def _ocr(binary: str, grey: Grey, deadline: float) -> _Pass:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(grey).save(buf, format="PNG", compress_level=1)
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Refused(TIMED_OUT)
    # psm 11 (sparse text): cards are short scattered lines, not paragraphs
    cmd = [binary, "stdin", "stdout", "--psm", "11", "-l", _languages(binary, left), "tsv"]
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Refused(TIMED_OUT)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OMP_THREAD_LIMIT": "1",
           "LC_ALL": "C"}
    tsv = _run(cmd, buf.getvalue(), env, left)
    return _from_tsv(tsv.decode("utf-8", errors="replace"))


_LANGUAGES_OF: dict[str, str] = {}  # tesseract binary -> the "-l" value it can serve


def _languages(binary: str, seconds: float) -> str:
    """LANGUAGES as far as this tesseract has their data (eng alone at worst): a missing
    tesseract-ocr-fra must cost accents, not every card. Asked once per binary, within
    the card's time budget; a failed answer is not remembered."""
    if binary in _LANGUAGES_OF:
        return _LANGUAGES_OF[binary]
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, check=False,
                                stdin=subprocess.DEVNULL, timeout=max(0.1, min(seconds, 5)),
                                env={"PATH": os.environ.get("PATH", "/usr/bin")})
    except (OSError, subprocess.SubprocessError):
        return "eng"
    have = set(listed.stdout.decode("utf-8", "replace").split())
    found = "+".join(lang for lang in LANGUAGES.split("+") if lang in have) or "eng"
    _LANGUAGES_OF[binary] = found
    return found


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
    lines: dict[tuple[str, str, str, str], list[tuple[str, float]]] = {}
    score = chars = 0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = unicodedata.normalize("NFKC", row.get("text") or "").strip()
        # the spa/deu/fra models read a lone "&" ("Co-founder & CTO") as the euro sign
        word = "&" if word in ("€", "€:") else word
        if row.get("level") != "5" or not word or not _wordlike(word):
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        conf = _confidence(row.get("conf"))
        lines.setdefault(key, []).append((word, conf))
        chars += sum(ch.isalnum() for ch in word)
        if conf >= 60:
            score += sum(ch.isalnum() for ch in word)
    text = "\n".join(" ".join(w for w, _ in words) for words in lines.values()
                     if _real_line(words))
    return _Pass(text.strip(), score, chars)


def _wordlike(word: str) -> bool:
    """A word with a letter or digit, or "&"/"+" ("Co-founder & CTO"): a lone "-" or "|"
    is a rule or a border read as print."""
    return word in ("&", "+") or any(ch.isalnum() for ch in word)


def _real_line(words: list[tuple[str, float]]) -> bool:
    """Not speckle: a logo, a QR code that did not decode, or a texture read as letters
    gives short lines of low confidence."""
    alnum = sum(ch.isalnum() for w, _ in words for ch in w)
    mean = sum(conf for _, conf in words) / len(words)
    # a long line is print even when tesseract doubts it (an address with a misread @)
    return alnum >= 3 and (mean >= 50 or (mean >= 30 and alnum >= 8))


def _confidence(value: str | None) -> float:
    try:
        return float(value or "-1")
    except ValueError:
        return -1.0
