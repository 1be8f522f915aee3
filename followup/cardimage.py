"""Business-card photos -> QR codes and text per card: a checked, bounded, local reading
(Pillow decodes, zxing-cpp reads QR codes, followup.cardprep finds and prepares each card,
tesseract reads it).

Safety (hostile corpus H13): the format is sniffed from the bytes (never from Content-Type),
the pixel count is checked from the header before anything is decoded, Pillow's bomb warning
is an error, large JPEGs decode in draft mode, and only pixels Pillow decoded reach
zxing-cpp and OpenCV, and only our own re-encoded PNG (a multi-page TIFF when the note's photos
hold several cards: one tesseract run reads all the cards of all its photos) reaches
tesseract, through its stdin: the mail's bytes are never written anywhere and never parsed
by leptonica. tesseract runs with a time budget (the image's `timeout` for each card found)
shared by all passes and cards of the note, an address-space cap and one thread; no model or
data is ever downloaded. Each image also has a CPU budget for each card in it (this process
and tesseract together): the orientation is decided before OCR (followup.cardprep.turns),
reading stops as soon as it is good, another turn is read only when it fits in CPU_PER_CARD
and is killed when that is spent, keeping the best reading so far; a card's first reading
may take up to CPU_CAP_PER_CARD (a busy core is slower; an image that takes longer is
pathological) and is killed there. Nothing here raises: every failure is a warning. Pillow,
numpy, OpenCV and zxing-cpp are imported on first use, so that notes without images do not
pay for them.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import logging
import os
import re
import resource
import shutil
import signal
import subprocess
import threading
import time
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

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
# CPU seconds one card may cost, decoding to text, before a second try is refused (the aim
# is under 2 s a card on one core; the rest is for the text parse that follows): a photo of
# several cards gets this for each card found in it, a note's further photo does not (a
# card's back: front and back are one card)
CPU_PER_CARD = 1.8
# the first reading of a card is stopped only here: on an idle core it takes 0.5-1 s, on
# a core shared with other busy processes twice that, and a card read at 3 s is better
# than a card lost at 2 s
CPU_CAP_PER_CARD = 4.0
SKEW_RANGE = 16  # degrees either way that _levelled looks for text lines in
POLL = 0.05  # seconds between looks at a running tesseract's CPU time
PIPE_PAGE = 4096  # the pipe's capacity until tesseract begins reading (one page)

log = logging.getLogger("followup.cardimage")

TOO_LARGE = "card image too large (over {limit:,} pixels); not read"
NOT_IMAGE = "card image: not a PNG, JPEG, WebP, TIFF or GIF image; not read"
UNREADABLE = "card image: the image is damaged or truncated; not read"
NO_OCR = "card image: OCR is not available (install tesseract-ocr)"
NO_TEXT = "card image: no text could be read"
TIMED_OUT = "card image: OCR timed out"
OCR_FAILED = "card image: OCR failed"
OVER_BUDGET = ("card image: reading stopped at its CPU budget ({seconds:.1f} s); "
               "the best reading so far is kept")

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


class _OverBudget(_Refused):
    """The image's CPU budget is spent: stop reading, keep what was read."""


class _Budget:
    """The CPU seconds an image may still spend: this process's and its tesseract children's
    (a running child's from /proc). Other threads and children of the process count too:
    on a busy daemon the budget errs on the side of stopping early."""

    def __init__(self, seconds: float, cap: float, deadline: float, wall: float = 0.0,
                 cpu: Callable[[], float] | None = None) -> None:
        self.per_card = (seconds, cap, wall)
        self.allowed = seconds  # for more than a first reading of each card
        self.cap = cap  # for anything
        self.stopped_at = 0.0
        self.deadline = deadline  # wall clock (time.monotonic), the backstop
        self.cpu = cpu or _cpu_now  # tests inject their own counter
        self.start = self.cpu()
        self.spent_out = False
        self.unread = True  # the card being read has no reading yet: the cap applies
        # CPU seconds the last tesseract run spent before it began reading its input
        # (starting and loading its languages), None where that was not measured
        self.started: float | None = None

    def spent(self) -> float:
        return self.cpu() - self.start

    def limit(self) -> float:
        return self.cap if self.unread else self.allowed

    def limit_left(self) -> float:
        return self.limit() - self.spent()

    def grant(self, cards: int, tries: int | None = None) -> None:
        """More cards found: their shares of the cap and of wall time (on a busy machine a
        third card must not find the photo's time spent by two), and `tries` (default: as
        many) shares of the time for second tries."""
        self.allowed += (cards if tries is None else tries) * self.per_card[0]
        self.cap += cards * self.per_card[1]
        self.deadline += cards * self.per_card[2]

    def affords(self, seconds: float) -> bool:
        """Whether a second try estimated at `seconds` ends within the time for them."""
        return self.spent() + seconds <= self.allowed

    def over(self) -> _OverBudget:
        self.spent_out = True
        self.stopped_at = self.limit()
        return _OverBudget(OVER_BUDGET.format(seconds=self.stopped_at))


def _cpu_now() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def _child_cpu(pid: int, started: float) -> float:
    """CPU seconds a running child has used; where /proc cannot tell, the wall time since it
    started (tesseract runs one thread, so that is never less)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return time.monotonic() - started


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


class CardImageReader:
    """The card reader (`read_card_image`): one image as a call, or all images of a note
    with `read_many`, read by one tesseract run (a card's front and back, several photos:
    starting tesseract and loading its four languages costs more than reading a card)."""

    def __call__(self, data: bytes, *, timeout: float = 20.0, max_pixels: int = 40_000_000,
                 cpu_per_card: float = CPU_PER_CARD,
                 cpu_cap_per_card: float = CPU_CAP_PER_CARD) -> CardText:
        """Read one business-card photo: QR codes first, then OCR of each card found in
        it. Never raises; `timeout` (wall seconds) bounds all OCR passes of each card found
        together; CPU seconds of each card found (decoding included): `cpu_per_card` for
        more than one reading, `cpu_cap_per_card` for anything."""
        return read_card_images([data], timeout=timeout, max_pixels=max_pixels,
                                cpu_per_card=cpu_per_card,
                                cpu_cap_per_card=cpu_cap_per_card)[0]

    def read_many(self, images: Sequence[bytes]) -> list[CardText]:
        return read_card_images(images)

    def __reduce__(self) -> str:
        return "read_card_image"  # pickled by name: the parse worker gets this very one


read_card_image = CardImageReader()


@dataclass
class _Image:
    """One image of the note on its way: its cards ready for OCR, or why it is not read."""

    refused: str | None = None
    codes: bool = False  # a QR code was decoded in it
    ready: list[Grey] = field(default_factory=list)  # black and white, for turning
    pages: list[Grey] = field(default_factory=list)  # as tesseract is to read them
    found: list[list[str]] = field(default_factory=list)  # each card's QR code texts


def read_card_images(images: Sequence[bytes], *, timeout: float = 20.0,
                     max_pixels: int = 40_000_000, cpu_per_card: float = CPU_PER_CARD,
                     cpu_cap_per_card: float = CPU_CAP_PER_CARD) -> list[CardText]:
    """Read the photos of one note, one CardText each: each photo is checked, decoded and
    its cards found and prepared on its own (`max_pixels` for each), then the cards of
    all of them are read by one tesseract run, with the budgets of read_card_image for
    each card found. Never raises."""
    _load_libraries()  # once a process: the budget is the card's, not the imports'
    budget = _Budget(cpu_per_card, max(cpu_per_card, cpu_cap_per_card),
                     time.monotonic() + timeout, timeout)
    binary = shutil.which(TESSERACT)
    prepared = [_prepare_image(data, max_pixels) for data in images]
    cards = sum(len(p.pages) for p in prepared)
    # every card found may be read once (the cap); second tries get a share for each card
    # of a photo, not for each photo: a note's two photos are mostly a card's two sides
    budget.grant(max(0, cards - 1), sum(max(0, len(p.pages) - 1) for p in prepared))
    texts: list[str | None] = [None] * cards
    failed: str | None = None
    if binary is not None and cards:
        try:
            texts = _ocr_faces(binary, [r for p in prepared for r in p.ready], budget,
                               [pg for p in prepared for pg in p.pages])
        except _OverBudget:
            pass  # noted in the budget; the cards keep their codes
        except _Refused as refused:
            failed = str(refused)
        except Exception:  # an OCR bug must not take the whole note down (H27)
            log.exception("reading %d card(s) failed", cards)  # kept: not a silent loss
            failed = UNREADABLE
    if budget.spent_out:
        log.warning("%s (%.2f CPU s spent, %d card(s) in %d photo(s))",
                    OVER_BUDGET.format(seconds=budget.stopped_at), budget.spent(), cards,
                    len(images))
    out, first = [], 0
    for image in prepared:
        mine = texts[first:first + len(image.pages)]
        first += len(image.pages)
        out.append(_image_result(image, mine, binary is not None, failed, budget))
    return out


def _prepare_image(data: bytes, max_pixels: int) -> _Image:
    try:
        opened = _open(data, max_pixels)  # refuses bombs and non-images even without OCR
        grey = _prepare(opened)
        codes = _qr_codes(grey)
        image = _Image(codes=bool(codes))
        _prepare_faces(grey, codes, image)
    except _Refused as refused:
        return _Image(refused=str(refused))
    except Exception:  # a decoder bug must not take the whole note down (H27)
        return _Image(refused=UNREADABLE)
    return image


def _image_result(image: _Image, texts: list[str | None], have_ocr: bool,
                  failed: str | None, budget: _Budget) -> CardText:
    if image.refused is not None:
        return CardText(None, [image.refused])
    if not have_ocr and not image.codes:
        return CardText(None, [NO_OCR])
    if failed is not None and not any(image.found):
        return CardText(None, [failed])
    faces = [CardFace(text, tuple(mine)) for text, mine in zip(texts, image.found, strict=True)]
    return _result(faces, have_ocr, budget)


def _load_libraries() -> None:
    with contextlib.suppress(ImportError):  # an install without one fails where it is used
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        import zxingcpp  # noqa: F401
        from PIL import Image  # noqa: F401


def _result(faces: list[CardFace], have_ocr: bool, budget: _Budget) -> CardText:
    text = "\n\n".join(f.text for f in faces if f.text)
    notes = [] if have_ocr else [NO_OCR]
    if budget.spent_out:
        notes.append(OVER_BUDGET.format(seconds=budget.stopped_at))
    if not any(f.text or f.codes for f in faces):
        return CardText(None, [n for n in notes if n != NO_OCR] + [NO_TEXT], ())
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


def _prepare_faces(grey: Grey, codes: list[_Code], image: _Image) -> None:
    """Each card in the photo, found, flattened and prepared for OCR, with its QR codes."""
    import numpy as np

    from followup import cardprep

    faces = cardprep.find_faces(grey)
    for face in faces:
        mine = [c.text for c in codes if _inside(c, face.box) or len(faces) == 1]
        source = face.grey
        whole = not face.cropped and source.size >= cardprep.WHOLE_PHOTO_PIXELS
        scaled = cardprep.scaled(source, most=1.0 if whole else 4.0)
        ready = cardprep.binarised(scaled)
        # counted once for each page prepared (it was three times for the same page: a
        # blob count of a whole card, some 10 ms each on an idle core)
        noisy = cardprep.speckled(ready)
        if noisy and len(faces) == 1 and face.cropped:
            # the one shape found holds no print: read the photo's print instead
            source = cardprep.fallback_face(grey).grey
            scaled = cardprep.scaled(source)
            ready = cardprep.binarised(scaled)
            noisy = cardprep.speckled(ready)
        if noisy and not face.cropped and len(faces) == 1:
            # the whole photo read: a card found by its smooth paper amid the speckle
            calm = cardprep.calm_card(source, scaled, ready)
            if calm is not None:
                source, scaled = calm, cardprep.scaled(calm)
                ready = cardprep.binarised(scaled)
                noisy = cardprep.speckled(ready)
        if noisy:  # tesseract would spend seconds reading nothing
            ready = scaled = np.full((64, 64), 255, np.uint8)
        else:  # flattened cards are level unless their outline was partly hidden
            ready, scaled = _levelled(source, ready, scaled)
        image.ready.append(ready)
        # several cards in one photo: each card's print is small and soft, and tesseract
        # reads it better grey than thresholded (the black and white `ready` still tells
        # which way up the card is)
        image.pages.append(cardprep.smoothed(scaled) if len(faces) > 1 else ready)
        if not mine:  # flattened and sharpened, a code too slanted or soft before may read
            mine = [c.text for c in _qr_codes(ready)]
        image.found.append(mine)


def _inside(code: _Code, box: tuple[int, int, int, int]) -> bool:
    x, y, w, h = box
    cx = sum(p[0] for p in code.corners) / 4
    cy = sum(p[1] for p in code.corners) / 4
    return x <= cx <= x + w and y <= cy <= y + h


def _ocr_faces(binary: str, ready: list[Grey], budget: _Budget,
               pages: list[Grey] | None = None) -> list[str | None]:
    """The best reading of each card. Each card's quarter turn is decided before OCR, from
    the glyphs of its black and white `ready` (cardprep.turns), and all cards are read in
    one run (`pages`, the same cards as tesseract is to see them: `ready` unless given); the
    cards whose reading is poor are read again in their next likely turns, all in one more
    run (each tesseract start costs some 0.5 CPU s of its own), as many turns as the budget
    is sure to afford (_second_tries); each card keeps its best reading."""
    import numpy as np

    from followup import cardprep

    turns = [cardprep.turns(r) for r in ready]
    ready = ready if pages is None else pages
    budget.unread = True
    started = budget.spent()
    first = [np.ascontiguousarray(np.rot90(r, t[0])) for r, t in zip(ready, turns, strict=True)]
    best = _ocr(binary, first, budget)
    cost = budget.spent() - started  # the whole run, tesseract's start included
    budget.unread = False
    poor = [(i, turns[i][1:]) for i, p in enumerate(best) if not _enough(p)]
    tries = _second_tries(poor, [r.size for r in ready], cost, sum(p.size for p in first),
                          budget, budget.started)
    if not tries:
        return [p.text or None for p in best]
    try:
        again = _ocr(binary, [np.ascontiguousarray(np.rot90(ready[i], turn))
                              for i, turn in tries], budget)
    except _Refused:
        again = []  # out of CPU or time: keep what the first run read
    for (i, _turn), found in zip(tries, again, strict=False):
        if found.score > best[i].score:
            best[i] = found
    return [p.text or None for p in best]


def _second_tries(poor: list[tuple[int, list[int]]], sizes: list[int], cost: float,
                  pixels: int, budget: _Budget,
                  start: float | None = None) -> list[tuple[int, int]]:
    """The (card, quarter turn) pages of the second run: each poor card's next likely turn,
    then the one after, ... while the run's estimated cost fits the budget. A run costs
    tesseract's `start` (measured in the first run: its CPU before it began reading) once,
    plus its pages' reading at the first run's rate per pixel. The run's first page needs
    only the start to fit: its reading is bounded by the budget itself (the run is stopped
    there and the first reading kept), and the first run's rate is that of a page read the
    wrong way up, which costs tesseract about twice a page it can read. Without a measured
    start, the first run's `cost` for its `pixels` bounds a run from above as `cost` times
    the pixels' share, never below one whole first run (a smaller run still pays the whole
    start)."""
    chosen: list[tuple[int, int]] = []
    total = 0
    for step in range(3):
        for i, rest in poor:
            if step >= len(rest):
                continue
            if start is None:
                estimate = cost * max(1.0, (total + sizes[i]) / max(1, pixels))
            elif chosen:
                estimate = start + max(0.0, cost - start) * (total + sizes[i]) / max(1, pixels)
            else:
                estimate = start
            if not budget.affords(estimate):
                return chosen
            chosen.append((i, rest[step]))
            total += sizes[i]
    return chosen


def _enough(p: _Pass) -> bool:
    """A reading good enough to stop turning: enough confident characters, most of them."""
    return p.score >= ENOUGH_CHARS and p.score >= 0.6 * p.chars


def _levelled(source: Grey, ready: Grey, scaled: Grey) -> tuple[Grey, Grey]:
    """The card prepared again from its `source` turned level when the text lines of its
    first preparation (black and white `ready`, grey `scaled`) slope: a card photographed
    at an angle that fills the frame, or on a table as dark as it, so that no outline was
    found. psm 11 reads words one by one and misreads tilted glyphs ("+1" as "41"), and a
    tilted card's turn is misjudged. The slope is measured on the black and white page,
    dark print on white whatever the card and the table were; the card is turned before it
    is sized and thresholded (a turned black and white page loses its dots and accents),
    or, where the turned photo no longer prepares (a dark table's grain taken for print),
    the grey page is turned and thresholded again."""
    from PIL import Image

    from followup import cardprep

    angle = _skew_angle(Image.fromarray(ready))
    if abs(angle) < 0.5:
        return ready, scaled
    turned = _turned(source, angle, int(cardprep.median(source)))
    # the scale the first preparation measured (1 where it kept the size): measuring it
    # again on the turned card was a third of this second preparation's cost
    again = cardprep.scaled(turned, scaled.shape[0] / source.shape[0])
    level = cardprep.binarised(again)
    if not cardprep.speckled(level):
        return level, again
    again = _turned(scaled, angle, 255)
    return cardprep.binarised(again), again


def _turned(grey: Grey, angle: float, fill: int) -> Grey:
    import numpy as np
    from PIL import Image

    im = Image.fromarray(grey).rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                                      fillcolor=fill)
    out: Grey = np.asarray(im, dtype=np.uint8).copy()
    return out


def _skew_angle(im: Image.Image) -> float:
    """The small rotation (within SKEW_RANGE degrees: a card photographed turned up to 12
    degrees, and in perspective) that makes text rows sharpest: the angle whose row-darkness
    profile has the largest squared steps, on a thumbnail (coarse, then fine). Only marks of
    glyph size count (_glyphs_only): the straight edge of a table or of a dark wedge left
    in the frame is the sharpest row of all and measured its own slope (16 degrees on a
    card whose print slopes 6). The corners a rotation uncovers are filled with the
    thumbnail's own background (black for light print on a dark card): white wedges on
    black would be the sharpest rows of all."""
    import numpy as np
    from PIL import Image, ImageStat

    small = im.copy()
    small.thumbnail((600, 600))
    small = small.point(lambda v: 255 if v > 128 else 0)
    ground = 255 if ImageStat.Stat(small).mean[0] > 127 else 0
    small = _glyphs_only(small, ground)
    # the whole-degree search on a half-size copy (a quarter of the pixels to turn 33
    # times: the most of this measure's cost), the quarter degrees around it full size
    half = small.resize((max(1, small.width // 2), max(1, small.height // 2)),
                        Image.Resampling.BOX)

    def sharpness(page: Image.Image, angle: float) -> int:
        turned = page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=ground)
        rows = np.frombuffer(turned.resize((1, turned.height), Image.Resampling.BOX).tobytes(),
                             np.uint8).astype(np.int64)
        return int((np.diff(rows) ** 2).sum())  # the squared steps between rows

    coarse = max(range(-SKEW_RANGE, SKEW_RANGE + 1),
                 key=lambda a: (sharpness(half, a), -abs(a)))
    fine = [coarse + step / 4 for step in range(-3, 4)]
    return max(fine, key=lambda a: (sharpness(small, a), -abs(a)))


def _glyphs_only(small: Image.Image, ground: int) -> Image.Image:
    """The black and white thumbnail with every mark wider than a quarter of it or taller
    than an eighth painted the background: table edges, wedges, outlines and rules, whose
    long straight sides would outweigh the rows of print."""
    import cv2
    import numpy as np
    from PIL import Image

    pixels = np.asarray(small, dtype=np.uint8)
    ink = (pixels != ground).astype(np.uint8)
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = pixels.shape
    big = (stats[:, cv2.CC_STAT_WIDTH] > width / 4) | (stats[:, cv2.CC_STAT_HEIGHT] > height / 8)
    big[0] = False  # the background
    if not big.any():
        return small
    out = pixels.copy()
    out[big[labels]] = ground
    return Image.fromarray(out)


def _ocr(binary: str, pages: list[Grey], budget: _Budget) -> list[_Pass]:
    # psm 11 (sparse text): cards are short scattered lines, not paragraphs
    languages = _languages(binary, budget.deadline - time.monotonic())
    tsv = _tesseract(binary, pages, ["--psm", "11", "-l", languages, "tsv"], budget)
    return _from_tsv(tsv, len(pages))


def _tesseract(binary: str, pages: list[Grey], args: list[str], budget: _Budget) -> str:
    """tesseract's output for our own PNG of the page (our own multi-page TIFF of several
    pages), within the budget's time and CPU."""
    from PIL import Image

    buf = io.BytesIO()
    images = [Image.fromarray(p) for p in pages]
    if len(images) == 1:
        images[0].save(buf, format="PNG", compress_level=1)
    else:
        images[0].save(buf, format="TIFF", save_all=True, append_images=images[1:],
                       compression="packbits")
    left = budget.deadline - time.monotonic()
    if left <= 0:
        raise _Refused(TIMED_OUT)
    if budget.limit_left() <= 0:
        raise budget.over()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OMP_THREAD_LIMIT": "1",
           "LC_ALL": "C"}
    out = _run([binary, "stdin", "stdout", *args], buf.getvalue(), env, left, budget)
    return out.decode("utf-8", errors="replace")


# a web address or an email address, as a line of a card prints it
_ADDRESS_LIKE = re.compile(r"(?:https?:\s*//\s*|www\.)[\w-]+(?:\.[\w-]+)+|"
                           r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_CUT_SCHEME = re.compile(r"\b(https?:)\s+//", re.IGNORECASE)
_INSTALLED: dict[str, frozenset[str]] = {}  # tesseract binary -> the languages it has


def _languages(binary: str, seconds: float) -> str:
    """LANGUAGES as far as this tesseract has their data (eng alone at worst): a missing
    tesseract-ocr-fra must cost accents, not every card."""
    have = _installed(binary, seconds)
    return "+".join(lang for lang in LANGUAGES.split("+") if lang in have) or "eng"


def _installed(binary: str, seconds: float) -> frozenset[str]:
    """The language data this tesseract has. Asked once per binary, within the card's time
    budget; a failed answer is not remembered."""
    if binary in _INSTALLED:
        return _INSTALLED[binary]
    # limited and killed with its process group as a reading is
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    try:
        listed = _run([binary, "--list-langs"], b"", env, max(0.1, min(seconds, 5)))
    except _Refused:
        return frozenset()
    have = frozenset(listed.decode("utf-8", "replace").split())
    _INSTALLED[binary] = have
    return have


def _run(cmd: list[str], png: bytes, env: dict[str, str], seconds: float,
         budget: _Budget | None = None) -> bytes:
    """tesseract's stdout; on timeout, or once the budget's CPU is spent, its whole process
    group is killed, so no pipe stays open."""
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
    started = time.monotonic()
    end = started + seconds
    # the input is written and the output read by two threads, the child's CPU looked at
    # in between: Popen.communicate cannot be resumed with input, so an input larger than
    # the pipe (64 KiB), which tesseract reads only once its languages are loaded, would
    # never be finished
    out = bytearray()
    start: list[float] = []  # the child's CPU when it began reading its input

    def begun() -> None:
        start.append(_child_cpu(proc.pid, started))

    watch = None if budget is None else begun
    feeding = threading.Thread(target=_feed, args=(proc.stdin, png, watch), daemon=True)
    reading = threading.Thread(target=_drain, args=(proc.stdout, out), daemon=True)
    with proc:
        try:
            feeding.start()
            reading.start()
            while True:
                try:
                    proc.wait(timeout=max(0.0, min(POLL, end - time.monotonic())))
                    break
                except subprocess.TimeoutExpired as exc:
                    spent = budget is not None and \
                        budget.limit_left() - _child_cpu(proc.pid, started) <= 0
                    if not spent and time.monotonic() < end:
                        continue
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                    feeding.join(1)
                    reading.join(1)
                    if spent and budget is not None:
                        raise budget.over() from exc
                    raise _Refused(TIMED_OUT) from exc
            # a grandchild still holding stdout open is killed with the group, as on timeout
            reading.join(max(0.0, end - time.monotonic()))
            if reading.is_alive():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                reading.join(1)
            feeding.join(1)
        except BaseException:
            # anything else on the way out (a thread that cannot start, an interrupt):
            # the group is killed while tesseract is unreaped, so its id is still its
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
            raise
    if proc.returncode != 0:
        raise _Refused(OCR_FAILED)
    if budget is not None:
        budget.started = start[0] if start else None
    return bytes(out)


def _feed(pipe: IO[bytes] | None, data: bytes,
          begun: Callable[[], None] | None = None) -> None:
    """Write `data` to the child and close its input. With `begun`: the pipe is first
    shrunk to one page and filled, so that the next byte is taken only once the child has
    begun to read, and `begun` is called then: tesseract reads its input only after it has
    started and loaded its languages, so its CPU at that moment is the start's cost."""
    if pipe is None:
        return
    with contextlib.suppress(OSError, ValueError):  # the child died or was killed
        view = memoryview(data)
        size = _pipe_size(pipe, PIPE_PAGE) if begun is not None else 0
        if begun is not None and 0 < size < len(view):
            _write(pipe, view[:size])
            _write(pipe, view[size:size + 1])  # returns once the child reads
            begun()
            _pipe_size(pipe, 1 << 16)  # the rest in the usual steps
            view = view[size + 1:]
        _write(pipe, view)
    with contextlib.suppress(OSError, ValueError):
        pipe.close()


def _pipe_size(pipe: IO[bytes], size: int) -> int:
    """Set the pipe's capacity (Linux); its capacity now, 0 where it cannot be set."""
    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is None:
        return 0
    try:
        return int(fcntl.fcntl(pipe.fileno(), setting, size))
    except OSError:  # refused (a limit on pipe sizes): the input is written as it is
        return 0


def _write(pipe: IO[bytes], data: memoryview) -> None:
    """All of `data`, unbuffered: a write to a pipe may take only part of it."""
    while data:
        data = data[os.write(pipe.fileno(), data):]


def _drain(pipe: IO[bytes] | None, out: bytearray) -> None:
    if pipe is None:
        return
    with contextlib.suppress(OSError, ValueError):
        while chunk := pipe.read(65536):
            out.extend(chunk)


def _limits(cpu: int) -> Callable[[], None]:
    """The same limits from Python, where there is no prlimit (not Linux)."""
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (OCR_MEMORY_BYTES, OCR_MEMORY_BYTES))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _from_tsv(tsv: str, pages: int = 1) -> list[_Pass]:
    """For each page: lines of words from tesseract's TSV, in reading order, and the
    confident-char score."""
    lines: list[dict[tuple[str, str, str], list[tuple[str, float]]]] = [
        {} for _ in range(pages)]
    score, chars = [0] * pages, [0] * pages
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = unicodedata.normalize("NFKC", row.get("text") or "").strip()
        # the spa/deu/fra models read a lone "&" ("Co-founder & CTO") as the euro sign
        word = "&" if word in ("€", "€:") else word
        if row.get("level") != "5" or not word or not _wordlike(word):
            continue
        page = int(row["page_num"]) - 1 if (row.get("page_num") or "").isdigit() else -1
        if not 0 <= page < pages:
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        conf = _confidence(row.get("conf"))
        lines[page].setdefault(key, []).append((word, conf))
        chars[page] += sum(ch.isalnum() for ch in word)
        if conf >= 60:
            score[page] += sum(ch.isalnum() for ch in word)
    return [_Pass("\n".join(_line_text(words) for words in mine.values()
                            if _real_line(words)).strip(), score[i], chars[i])
            for i, mine in enumerate(lines)]


def _line_text(words: list[tuple[str, float]]) -> str:
    """The words of a line; a web address tesseract cut after its scheme ("https:"
    "//host.com") joined again."""
    return _CUT_SCHEME.sub(r"\1//", " ".join(w for w, _ in words))


def _wordlike(word: str) -> bool:
    """A word with a letter or digit, or "&"/"+" ("Co-founder & CTO"): a lone "-" or "|"
    is a rule or a border read as print."""
    return word in ("&", "+") or any(ch.isalnum() for ch in word)


def _real_line(words: list[tuple[str, float]]) -> bool:
    """Not speckle: a logo, a QR code that did not decode, or a texture read as letters
    gives short lines of low confidence."""
    alnum = sum(ch.isalnum() for w, _ in words for ch in w)
    mean = sum(conf for _, conf in words) / len(words)
    # a long line is print even when tesseract doubts it (an address with a misread @);
    # so is a web or mail address, to which tesseract may give no confidence at all
    # ("https:" "//host.com.au" at 0): the card rules check its shape anyway
    return alnum >= 3 and (mean >= 50 or (mean >= 30 and alnum >= 8) or bool(
        _ADDRESS_LIKE.search(" ".join(w for w, _ in words))))


def _confidence(value: str | None) -> float:
    try:
        return float(value or "-1")
    except ValueError:
        return -1.0
