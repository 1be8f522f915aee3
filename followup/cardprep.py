"""Card photos -> OCR-ready card faces: find each card, flatten it, size and binarise its text.

OpenCV (headless) does the geometry: contours, polygon fitting and the perspective warp that
flattens a card photographed at an angle; numpy/Pillow alone would mean hand-writing those.
Everything here works on pixels already decoded and size-checked by followup.cardimage, holds
no state and does no I/O. cv2 and numpy are imported on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

    # uint8 and float32 by convention: OpenCV's stubs type what it returns loosely
    Grey = NDArray[Any]
    Points = NDArray[Any]

FIND_SIDE = 900  # card outlines are found on a copy this size: enough, and fast
MIN_CARD_SHARE = 0.025  # a card covers at least this share of the photo (four on a table)
SURE_CARD_SHARE = 0.06  # a shape smaller than this is a card only when it holds print
LONE_CARD_SHARE = 0.12  # the thorough search's only card, taken when nothing else is found
ASPECT_RANGE = (1.0, 2.6)  # long side / short side: ISO 1.59, US 1.75, square cards 1.0
TEXT_HEIGHT = 30  # tesseract reads best with glyphs about this high
MAX_OCR_SIDE = 2400  # and gets slow for no gain above this
# a whole photo (no card found in it) of this many pixels or more is read at most at its own
# size: a card's print in it is already as large as a card's page needs, and its small
# glyphs are the table's (grain, captions), which an enlarged page makes tesseract read at
# length (dev4's s5-1021: 1600x1200 enlarged to 4.3 megapixels, 1.2 CPU s of reading)
WHOLE_PHOTO_PIXELS = 1_500_000
NOISY = 1.5  # _noise above which speckle needs a wider median filter
SPECKLE_BLOBS = 1500  # ink blobs in a prepared page above which it is speckle, not print
# the dots-and-accents vote against the ragged tops' (0.02 to 0.3 on cards read upright):
# it decides only where the tops and bottoms of the lines hardly tell
DOTS_WEIGHT = 0.1


@dataclass(frozen=True)
class Face:
    """One card found in a photo: the flattened grey card and where it was (x, y, w, h)."""

    grey: Any  # Grey: uint8 array, card upright or a quarter/half turn off
    box: tuple[int, int, int, int]
    cropped: bool  # False: no outline found, the whole photo is the card


def find_faces(grey: Grey, limit: int = 4) -> list[Face]:
    """Each card of the photo, flattened, in reading order. When no card outline stands out
    at all, the block of print (a dark card on a dark table whose rim is lost in the
    noise); when there is no such block either, the whole photo (a scan, or a card filling
    the frame), unless the thorough search found one large card (a dark card on a grained
    table, whose rim neither edge pass keeps)."""
    quads, lone = _card_quads(grey)
    quads = quads[:limit]
    if not quads:
        block = _print_block(grey)
        if block is None and lone is None:
            return [Face(grey, (0, 0, grey.shape[1], grey.shape[0]), False)]
        quads = [q for q in (block, lone) if q is not None][:1]
    faces = [_face(grey, quad) for quad in quads]
    # reading order: rows of cards top to bottom, each row left to right
    faces.sort(key=lambda f: (round(f.box[1] / max(1, grey.shape[0] / 3)), f.box[0]))
    return faces


def _face(grey: Grey, quad: Points) -> Face:
    x, y = quad.min(axis=0)
    x2, y2 = quad.max(axis=0)
    return Face(_flatten(grey, quad), (int(x), int(y), int(x2 - x), int(y2 - y)), True)


def fallback_face(grey: Grey) -> Face:
    """The photo's block of print, else the whole photo: for when the one shape found
    turned out to hold no print (a blanked QR code's square, a patch of grain)."""
    block = _print_block(grey)
    if block is None:
        return Face(grey, (0, 0, grey.shape[1], grey.shape[0]), False)
    return _face(grey, block)


def speckled(ready: Grey) -> bool:
    """A prepared page of speckle rather than print: more ink blobs than any card's print
    makes (a card prepared for OCR has some 50 to 300; grain or a blanked QR code's
    square scaled up, thousands), most of them smaller than a glyph (of a page of dense
    print, most are glyphs); tesseract would spend seconds reading nothing in it."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(255 - ready, connectivity=8)
    if count <= SPECKLE_BLOBS:
        return False
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    glyphs = (h >= TEXT_HEIGHT / 2) & (h <= 2 * TEXT_HEIGHT) & (w <= 3 * h)
    return bool(glyphs.mean() < 0.5)


def calm_card(source: Grey, scaled: Grey, ready: Grey) -> Grey | None:
    """The card inside a page of speckle (`ready`, prepared from the whole photo `source`;
    `scaled`, the grey page it was thresholded from), flattened from `source`, or None. A
    dark card on a dark, grained or busy table has no outline or level of its own to find it
    by, but its paper is smoother than the table: thresholded, the table turns to speckle
    and the card stays clean around its print. The card is the largest card-shaped region
    with few specks (blobs smaller than half a glyph), at finding size, that holds print."""
    import cv2
    import numpy as np

    _, labels, stats, _ = cv2.connectedComponentsWithStats(255 - ready, connectivity=8)
    half = TEXT_HEIGHT / 2
    speck = (stats[:, cv2.CC_STAT_HEIGHT] < half) & (stats[:, cv2.CC_STAT_WIDTH] < half)
    speck[0] = False  # the background
    scale = min(FIND_SIDE / max(ready.shape), 1.0)
    specks = cv2.resize(speck[labels].astype(np.float32), None, fx=scale, fy=scale,
                        interpolation=cv2.INTER_AREA)
    density = cv2.blur(specks, (25, 25))  # some two glyphs' width at finding size
    calm = (density < 0.25 * float(np.median(density))).astype(np.uint8) * 255
    small = cv2.resize(scaled, (calm.shape[1], calm.shape[0]), interpolation=cv2.INTER_AREA)
    quads = [q for q in _quads_in(calm, small) if _holds_print(small, q)]
    if not quads:
        return None
    back = source.shape[0] / ready.shape[0]  # finding size to the photo's pixels
    return _flatten(source, max(quads, key=_area) * (back / scale))


def _card_quads(grey: Grey) -> tuple[list[Points], Points | None]:
    """Outlines of cards (four corners each, in full-size pixels), biggest first: the
    first cues' cards, or the more thorough search's when it finds more cards than they
    do (several cards, small, touching, dark on dark); a single card is left to the first
    cues, which its print cannot mislead. Also the thorough search's one card when the
    first cues found none and it covers LONE_CARD_SHARE of the photo (a QR code's white
    square on a scanned card is smaller), for when no block of print is found either."""
    import cv2

    scale = FIND_SIDE / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
        if scale < 1 else grey
    scale = min(scale, 1.0)
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    # bright cards stand out by brightness; dark ones (or light on light) only by their rim,
    # and a dark card on a dark table by a rim so faint that only a smoother, more
    # sensitive edge finder keeps it above the noise
    masks = [_bright_mask(blurred), _edge_mask(blurred),
             _edge_mask(cv2.GaussianBlur(small, (9, 9), 0), 12, 36)]
    found = _first_cues(small, masks)
    more = _thorough(small, masks)
    lone = None
    if not found and len(more) == 1 and \
            _area(more[0]) >= LONE_CARD_SHARE * small.shape[0] * small.shape[1]:
        lone = more[0] / scale
    if len(more) >= 2 and len(more) > len(found):
        found = more
    found.sort(key=lambda q: -_area(q))
    biggest = _area(found[0]) if found else 0.0
    # several cards in one photo are of one size; a much smaller shape is a logo or a label
    found = [q for q in found if _area(q) >= 0.35 * biggest]
    found += _unframed_print(small, found)
    return [q / scale for q in found], lone


def _unframed_print(small: Grey, found: list[Points]) -> list[Points]:
    """Cards whose rim no mask kept (a dark card on a dark, busy table is as dark as the
    table and its rim lost in the clutter), found by their print: blocks of two or more
    lines of print outside every card found, each grown by a card's margin. Only beside
    two cards found or more: then the photo is of several cards, while a single card's
    outline is often a part of it (a band, a panel) with more print around."""
    if not found:
        return _apart_blocks(small)
    biggest = _area(found[0])
    blocks = [b for b in _print_clusters(small) if not any(_overlap(b, q) for q in found)
              and 0.15 * biggest <= _area(b) <= 1.2 * biggest]
    if len(found) == 1:  # another card's print lies well clear of a whole card's outline
        w, h = _sides(found[0])
        if not 1.3 <= max(w, h) / max(1.0, min(w, h)) <= 2.0:
            return []  # a band or a panel of a card, maybe
        centre = found[0].mean(axis=0)
        blocks = [b for b in blocks
                  if _distance(b.mean(axis=0), centre) >= 0.75 * max(w, h)]
    return blocks


def _apart_blocks(small: Grey) -> list[Points]:
    """Two or more blocks of print, each of a card's size in a photo of several (under
    0.3 of its long side, in print under a 60th of it high) and all far apart (0.3 of
    it): cards no outline was found for; else none (the blocks of one card filling the
    frame, whose print is large in it)."""
    blocks = _print_clusters(small)
    side = max(small.shape)
    small_enough = all(max(_sides(b)) <= 0.3 * side and _lines(small, b) >= 3
                       for b in blocks)
    apart = all(_distance(a.mean(axis=0), b.mean(axis=0)) >= 0.3 * side
                for i, a in enumerate(blocks) for b in blocks[i + 1:])
    return blocks if len(blocks) >= 2 and small_enough and apart else []


def _lines(small: Grey, quad: Points) -> int:
    """Lines of print in the flattened shape: runs of rows with ink, a blank row or
    more between them. Lines run along a block's long side; a block about as tall as it
    is wide (a card's print turned some 45 degrees: its box is square, and which side
    is "long" is chance) is counted both ways, the larger count kept (dev10's four dark
    cards on a busy table: two of them counted one line each, and none was read)."""

    flat = _flatten(small, quad)
    if min(flat.shape) < 8:
        return 0
    ink = _small_binary(flat) < 128
    rows, cols = _ink_runs(ink.mean(axis=1)), _ink_runs(ink.mean(axis=0))
    if max(flat.shape) >= 1.3 * min(flat.shape):
        return rows if flat.shape[1] >= flat.shape[0] else cols
    return max(rows, cols)


def _ink_runs(ink: Grey) -> int:
    """Runs of inked rows (the ink share of each row), a blank row or more between them."""
    inked = ink - ink.min() > 0.03  # over what a rule or the card's edge puts in every row
    starts = inked[1:] & ~inked[:-1]
    return int(starts.sum()) + int(inked[0])


def _distance(a: Points, b: Points) -> float:
    return float(((a - b) ** 2).sum() ** 0.5)


def _print_clusters(small: Grey) -> list[Points]:
    """Four corners around each block of high-contrast print: a top-hat and a black-hat
    keep strokes thinner than a few pixels (letters, which at this size run together
    into words and lines) in either polarity; a table's coloured blocks leave only thin
    outlines and its lines are thin and long (both dropped by how little of their box
    they fill), and faint print on the table stays below the contrast kept. Lines close
    together are one card's block; a block of one line (a caption on the table) is none."""
    import cv2
    import numpy as np

    hat_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    hat = np.maximum(cv2.morphologyEx(small, cv2.MORPH_TOPHAT, hat_kernel),
                     cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, hat_kernel))
    ink: Grey = (hat >= 40).astype(np.uint8) * 255
    # letters of a word joined, then hairlines (a table's lines, a rule) dropped
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 5), np.uint8))
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    w, h, area = (stats[:, i] for i in (2, 3, 4))
    big = 0.3 * max(small.shape)
    words = (area >= 40) & (area >= 0.3 * w * h) & (w <= big) & (h <= big)
    words[0] = False  # the background
    text = words[labels].astype(np.uint8) * 255
    # a card's name block and its contact block are a line or two apart; two cards'
    # print, two margins at least
    side = max(9, max(small.shape) // 24)
    joined = cv2.dilate(text, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    blocks: list[Points] = []
    limit = np.array([small.shape[1] - 1, small.shape[0] - 1], np.float32)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True):
        (cx, cy), (rw, rh), angle = cv2.minAreaRect(contour)
        # the dilation added side/2 all round; a block of two lines or more is left
        # taller than one line (some 1/60 of the photo) and so than the kernel itself
        if min(rw, rh) < 1.6 * side or max(rw, rh) > 0.5 * max(small.shape):
            continue
        margin = 0.1 * max(rw, rh) - side / 2  # the card's own margin around its print
        corners = cv2.boxPoints(((cx, cy), (rw + 2 * margin, rh + 2 * margin), angle))
        block = _ordered(np.clip(corners, 0, limit).astype(np.float32))
        if _holds_print(small, block) and not any(_overlap(block, b) for b in blocks):
            blocks.append(block)
    return blocks


def _first_cues(small: Grey, masks: list[Grey]) -> list[Points]:
    """Card-shaped outlines of at least SURE_CARD_SHARE, the earlier mask winning."""
    found: list[Points] = []
    sure = SURE_CARD_SHARE * small.shape[0] * small.shape[1]
    for mask in masks:
        for quad in _quads_in(mask, small, cut=False):
            if _area(quad) >= sure and not any(_overlap(quad, q) for q in found):
                found.append(quad)
    return found


def _thorough(small: Grey, masks: list[Grey]) -> list[Points]:
    """Cards the first cues miss: shapes down to MIN_CARD_SHARE, cut along the seams of
    cards laid edge to edge, and shapes a little lighter or darker than the table (a dark
    card on a dark table, a grey one on wood), each level tried. A small shape or one of
    the levels must hold print: a flyer's coloured block on a busy table is a rectangle
    too."""
    sure = SURE_CARD_SHARE * small.shape[0] * small.shape[1]
    candidates = [q for mask in masks for q in _quads_in(mask, small)
                  if _area(q) >= sure or _holds_print(small, q)]
    candidates += [q for mask in _level_masks(small) for q in _quads_in(mask, small)
                   if _holds_print(small, q)]
    found: list[Points] = []
    for quad in candidates:  # the earlier cue wins where two found one card
        if not _group(quad, candidates) and not any(_overlap(quad, q) for q in found):
            found.append(quad)
    return found


def _group(quad: Points, candidates: list[Points]) -> bool:
    """The shape holds two or more cards found on their own (cards edge to edge whose seam
    one cue missed and another saw): each at least a fifth of it, apart from each other."""
    import cv2

    size = _area(quad)
    inside = [q for q in candidates if q is not quad and _area(q) >= 0.2 * size
              and _area(q) <= 0.7 * size and cv2.pointPolygonTest(
                  quad.reshape(-1, 1, 2), tuple(map(float, q.mean(axis=0))), False) >= 0]
    return any(not _overlap(a, b) for i, a in enumerate(inside) for b in inside[i + 1:])


def _level_masks(small: Grey) -> list[Grey]:
    """Pixels lighter, or darker, than the table by a few steps: the table's level is the
    median of the photo's rim, where a card seldom lies; print and grain are smoothed away
    first, and the card's own print is closed over."""
    import cv2
    import numpy as np

    smooth = cv2.medianBlur(small, 7)
    rim = np.concatenate([smooth[:6].ravel(), smooth[-6:].ravel(), smooth[:, :6].ravel(),
                          smooth[:, -6:].ravel()])
    table = float(np.median(rim))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7))
    masks = []
    for step in (10, 22, 45):
        for mask in ((smooth > table + step), (smooth < table - step)):
            m = mask.astype(np.uint8) * 255
            if 0.02 < m.mean() / 255 < 0.9:
                masks.append(cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel, iterations=2))
    return masks


def _holds_print(small: Grey, quad: Points) -> bool:
    """The flattened shape has glyph-like ink in rows: a card, not a bare block of colour."""
    import cv2

    flat = _flatten(small, quad)
    if min(flat.shape) < 20:
        return False
    _, _, stats, _ = cv2.connectedComponentsWithStats(255 - _small_binary(flat),
                                                      connectivity=8)
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    # at this size the letters of a word run together: words and letters both count
    glyph = (h >= 3) & (h <= flat.shape[0] / 5) & (w <= 0.8 * flat.shape[1])
    return int(glyph.sum()) >= 6


def _small_binary(flat: Grey) -> Grey:
    """A flattened shape at finding size in black and white, dark print on white (a dark
    shape inverted first): what _lines and _holds_print count the ink of."""
    import cv2

    if _mostly_dark(flat):
        flat = 255 - flat
    binary: Grey = cv2.adaptiveThreshold(cv2.GaussianBlur(flat, (3, 3), 0), 255,
                                         cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, 8)
    return binary


def _print_block(grey: Grey) -> Points | None:
    """Four corners around the photo's main block of print, grown by a margin (no outline
    needed: strokes have sharp edges, a plain or grainy table has few), or None when the
    print is everywhere (a busy table, or a card filling the frame)."""
    import cv2
    import numpy as np

    scale = min(FIND_SIDE / max(grey.shape), 1.0)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
        if scale < 1 else grey
    blurred = cv2.GaussianBlur(small, (3, 3), 0)
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    strokes = cv2.morphologyEx(blurred, cv2.MORPH_GRADIENT, square)
    _, mask = cv2.threshold(strokes, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, square)  # lone specks of grain
    side = max(9, max(small.shape) // 20)  # a few letters' width: words and lines join up
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    area = float(small.shape[0] * small.shape[1])
    largest = max(cv2.contourArea(c) for c in contours)
    if largest < 0.02 * area:
        return None
    # the name's block and the contact lines' block, a logo: all of the print of any size
    block = np.concatenate([c for c in contours if cv2.contourArea(c) >= 0.15 * largest])
    (cx, cy), (w, h), angle = cv2.minAreaRect(block)
    if w * h > 0.6 * area:
        return None
    margin = 0.08 * max(w, h)  # the card's own margin around its print
    grown = cv2.boxPoints(((cx, cy), (w + 2 * margin, h + 2 * margin), angle))
    limit = np.array([small.shape[1] - 1, small.shape[0] - 1], np.float32)
    if (grown < 0).any() or (grown > limit).any():
        return None  # no table around the print: the card fills the frame
    quad: Points = _ordered(grown.astype(np.float32)) / scale
    return quad


def _area(quad: Points) -> float:
    import cv2

    return float(cv2.contourArea(quad))


def _overlap(a: Points, b: Points) -> bool:
    """Either quadrilateral's centre lies inside the other."""
    import cv2

    return any(cv2.pointPolygonTest(p.reshape(-1, 1, 2), tuple(map(float, q.mean(axis=0))),
                                    False) >= 0 for p, q in ((a, b), (b, a)))


def _bright_mask(small: Grey) -> Grey:
    """Pixels brighter than the photo's Otsu split: a light card on a darker table."""
    import cv2

    _, mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7))
    # closing fills the card's own dark print so its outline is one piece
    return cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel, iterations=2)


def _edge_mask(small: Grey, low: int = 40, high: int = 120) -> Grey:
    """Closed edges: a dark card, or a card as light as its table but with a visible rim."""
    import cv2

    edges = cv2.Canny(small, low, high)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))
    closed = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, kernel, iterations=3)
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = closed.copy()
    cv2.drawContours(filled, contours, -1, 255, thickness=-1)
    return filled


def _quads_in(mask: Grey, small: Grey, cut: bool = True) -> list[Points]:
    """Card outlines among the mask's shapes; with `cut`, a shape that is cards laid edge
    to edge (a row, a block) is cut along the seams between them."""
    import cv2
    import numpy as np

    shape = small.shape
    area = float(shape[0] * shape[1])
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    found: list[Points] = []
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:8]:
        size = cv2.contourArea(contour)
        if size < MIN_CARD_SHARE * area or size > 0.97 * area:
            continue  # a speck, or the whole frame (the photo is the card)
        quad = _four_corners(contour)
        if quad is None or _framed(quad, shape) or not _filled(quad, size):
            continue
        for piece in _split(small, quad.astype(np.float32)) if cut else [quad]:
            if _card_shaped(piece, _area(piece)):
                found.append(piece)
    return found


def _filled(quad: Points, contour_area: float) -> bool:
    import cv2

    return contour_area / max(1.0, float(cv2.contourArea(quad))) > 0.8


def _split(small: Grey, quad: Points, depth: int = 0) -> list[Points]:
    """The quadrilateral cut where a straight seam crosses it from side to side (the rims
    of two cards edge to edge), when the pieces are cards of one size; else itself."""
    import cv2
    import numpy as np

    w, h = _sides(quad)
    if depth > 2 or min(w, h) < 40:
        return [quad]
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad, target)
    flat = cv2.warpPerspective(small, m, (round(w), round(h)), flags=cv2.INTER_LINEAR)
    seam = _seam(flat)
    if seam is None:
        return [quad]
    axis, at = seam
    if axis == 0:  # a seam running down: left and right pieces
        pieces = [[(0, 0), (at, 0), (at, h - 1), (0, h - 1)],
                  [(at, 0), (w - 1, 0), (w - 1, h - 1), (at, h - 1)]]
    else:
        pieces = [[(0, 0), (w - 1, 0), (w - 1, at), (0, at)],
                  [(0, at), (w - 1, at), (w - 1, h - 1), (0, h - 1)]]
    back = np.linalg.inv(m)
    out: list[Points] = []
    for piece in pieces:
        pts = cv2.perspectiveTransform(np.array([piece], np.float32), back)[0]
        out.extend(_split(small, _ordered(pts), depth + 1))
    return out


def _seam(flat: Grey) -> tuple[int, float] | None:
    """(axis, position) of a straight line of strong edges across the whole flattened shape
    where cutting leaves card-shaped pieces whose sizes are whole multiples of each other
    (cards of one size: 1 and 1, 1 and 2, 2 and 2...), or None."""
    import cv2
    import numpy as np

    g = cv2.GaussianBlur(flat, (3, 3), 0)
    best: tuple[float, int, float] | None = None
    for axis in (0, 1):
        grad = np.abs(cv2.Sobel(g, cv2.CV_32F, 1 - axis, axis, ksize=3))
        if axis == 1:
            grad = grad.T  # seams as columns either way
        rows, cols = grad.shape
        level = _edge_level(grad)
        # a seam may lean a pixel or two over the height (perspective): 3 columns wide
        strong = cv2.dilate((grad > level).astype(np.uint8), np.ones((1, 3), np.uint8))
        share = strong[int(0.03 * rows):int(0.97 * rows)].mean(axis=0)
        # a seam runs from rim to rim; a line of print, however long, stops at margins
        ends = np.minimum(strong[:int(0.12 * rows)].mean(axis=0),
                          strong[int(0.88 * rows):].mean(axis=0))
        # every strong line away from the rims: a rim's own edges, a few columns each,
        # and a band's edge are as strong as a seam and crowded it out of the strongest
        # six (dev10: the seam between a dark card and the dark band atop the next one)
        inner = np.flatnonzero(share >= 0.85)
        inner = inner[(inner >= 0.15 * cols) & (inner <= 0.85 * cols)]
        for x in inner[np.argsort(share[inner], kind="stable")[::-1][:40]]:
            if ends[x] < 0.75:
                continue
            a, b = float(x), float(cols - x)
            ratio = max(a, b) / max(1.0, min(a, b))
            # the smaller piece one card, the larger a whole number of them
            if min(a, b) < 0.15 * cols or abs(ratio - round(ratio)) > 0.15 or not all(
                    ASPECT_RANGE[0] <= max(p, rows) / min(p, rows) <= ASPECT_RANGE[1]
                    for p in (min(a, b), max(a, b) / round(ratio))):
                continue
            # of lines as strong, the one that leaves pieces nearest whole multiples
            fit = float(share[x]) - abs(ratio - round(ratio)) / 100
            if best is None or fit > best[0]:
                best = (fit, axis, a)
    return None if best is None else (best[1], best[2])


def _edge_level(grad: Grey) -> float:
    """max(24, 3 * median(grad)): what a strong edge is. The median is sorted out only when
    it can matter (over 8: half the gradients stronger than that); most shapes are mostly
    plain card or table, and partitioning a shape's gradients for its median was half
    of _seam's cost."""
    import numpy as np

    if 2 * np.count_nonzero(grad > 8.0) < grad.size:
        return 24.0  # the middle gradients are both 8 or less
    return max(24.0, 3 * float(np.median(grad)))


def _framed(quad: Points, shape: tuple[int, ...]) -> bool:
    """Touching three edges of the picture: a part of a card that fills the frame (the
    white below a coloured band), not a card lying on a table."""
    h, w = shape[0], shape[1]
    margin = 0.015 * max(h, w)
    x0, y0 = quad.min(axis=0)
    x1, y1 = quad.max(axis=0)
    touching = (x0 <= margin, y0 <= margin, x1 >= w - 1 - margin, y1 >= h - 1 - margin)
    return sum(bool(t) for t in touching) >= 3


def _four_corners(contour: Any) -> Points | None:
    """The contour as a quadrilateral: a fitted polygon when it has four corners, else the
    smallest rotated rectangle around it (a rounded or partly shaded card)."""
    import cv2
    import numpy as np

    perimeter = cv2.arcLength(contour, True)
    for eps in (0.02, 0.04):
        poly = cv2.approxPolyDP(contour, eps * perimeter, True)
        if len(poly) == 4 and cv2.isContourConvex(poly):
            return _ordered(poly.reshape(4, 2).astype(np.float32))
    return _ordered(cv2.boxPoints(cv2.minAreaRect(contour)).astype(np.float32))


def _card_shaped(quad: Points, contour_area: float) -> bool:
    (w, h) = _sides(quad)
    if min(w, h) < 1:
        return False
    aspect = max(w, h) / min(w, h)
    return ASPECT_RANGE[0] <= aspect <= ASPECT_RANGE[1] and _filled(quad, contour_area)


def _ordered(pts: Points) -> Points:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    import numpy as np

    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    out: Points = np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]],
                           np.float32)
    return out


def _sides(quad: Points) -> tuple[float, float]:
    import numpy as np

    tl, tr, br, bl = quad
    w = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    h = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    return float(w), float(h)


def _flatten(grey: Grey, quad: Points) -> Grey:
    """The card seen from straight above, trimmed a little inside its edge (the rim and the
    table's shadow are no text)."""
    import cv2
    import numpy as np

    w, h = _sides(quad)
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad, target)
    flat = cv2.warpPerspective(grey, m, (round(w), round(h)), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
    trim = max(2, round(0.012 * min(w, h)))
    out: Grey = flat[trim:-trim, trim:-trim]
    return out


def turns(ready: Grey) -> list[int]:
    """The quarter turns (np.rot90's k) that may bring the prepared card upright, most likely
    first: from the direction of its text lines, then from which side of them is ragged and
    on which side of the letters their dots and accents sit. Costs some 20 ms, where asking
    tesseract (its --psm 0 orientation detection, or a pass per turn) costs half a second
    or more each."""
    glyphs, marks = _glyph_boxes(ready)
    if len(glyphs) < 10:
        return [0]  # too little print to tell, and too little to read another way
    if _lines_across(glyphs):
        first = 0 if _upright(glyphs, marks) >= 0 else 2
    else:  # each box as it is after np.rot90(k=1), seen from above
        width = ready.shape[1]
        first = 1 if _upright(_quarter(glyphs, width), _quarter(marks, width)) >= 0 else 3
    return [first, (first + 2) % 4, (first + 1) % 4, (first + 3) % 4]


def _quarter(boxes: Points, width: int) -> Points:
    """(x, y, w, h) boxes of a page `width` wide as they are after np.rot90(k=1)."""
    swapped: Points = boxes[:, [1, 0, 3, 2]]
    swapped[:, 1] = width - swapped[:, 1] - swapped[:, 3]
    return swapped


def _glyph_boxes(ready: Grey) -> tuple[Points, Points]:
    """(x, y, w, h) of the glyph-like ink blobs of the dark-on-white card, and of the marks
    (dots and accents: small and squat beside a typical glyph), at most 600 of each (enough
    to tell, and the pairwise comparisons stay cheap)."""
    import cv2
    import numpy as np

    _, _, stats, _ = cv2.connectedComponentsWithStats(255 - ready, connectivity=8)
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    big = max(ready.shape) / 8
    glyph = (h >= 8) & (w >= 3) & (h <= big) & (w <= big) & (area >= 24)
    boxes: Points = np.stack([x, y, w, h], axis=1).astype(np.float64)
    typical = float(np.median(h[glyph])) if glyph.any() else 0.0
    mark = (h >= 2) & (w >= 2) & (h < 0.45 * typical) & (w < 0.6 * typical) & \
        (w <= 2.5 * h) & (h <= 2.5 * w)
    pick = np.random.default_rng(0)
    glyphs, marks = boxes[glyph], boxes[mark]
    if len(glyphs) > 600:
        glyphs = glyphs[pick.choice(len(glyphs), 600, replace=False)]
    if len(marks) > 600:
        marks = marks[pick.choice(len(marks), 600, replace=False)]
    return glyphs, marks


def _lines_across(boxes: Points) -> bool:
    """Text lines run across (upright or upside down), not up and down: the nearest glyph
    of most glyphs is beside it in its word, not above it in the next line."""
    import numpy as np

    centres = boxes[:, :2] + boxes[:, 2:] / 2
    step = centres[:, None, :] - centres[None, :, :]
    dist = (step ** 2).sum(axis=-1)
    np.fill_diagonal(dist, np.inf)
    nearest = step[np.arange(len(centres)), dist.argmin(axis=1)]
    return bool((np.abs(nearest[:, 0]) >= np.abs(nearest[:, 1])).mean() >= 0.5)


def _upright(boxes: Points, marks: Points) -> float:
    """Above 0 when the lines are upright, below when upside down: Latin print sits on its
    baseline (letters' bottoms line up) and reaches up unevenly (capitals, ascenders,
    x-height), so in a line the tops vary more than the bottoms; turned over, the reverse.
    Lines full of descenders and digits ("quarryworks.fr", "06 12 34 59 25") leave that
    near 0 (dev card s14-014 was read upside down and lost everything): the dots of i and j
    and the accents, which sit above their letters, then tell (_dotted)."""
    return _ragged(boxes) + DOTS_WEIGHT * _dotted(boxes, marks)


def _dotted(boxes: Points, marks: Points) -> float:
    """From -1 to 1: the marks just above a glyph no wider than a letter (an i's dot, an
    accent) against those just below one (the same, upside down), shrunk towards 0 when
    there are few."""
    import numpy as np

    if len(boxes) == 0 or len(marks) == 0:
        return 0.0
    typical = float(np.median(boxes[:, 3]))
    centre = marks[:, 0] + marks[:, 2] / 2
    over = (centre[:, None] >= boxes[None, :, 0]) & \
        (centre[:, None] <= boxes[None, :, 0] + boxes[None, :, 2]) & \
        (boxes[None, :, 2] <= 1.2 * typical)
    gap_down = boxes[None, :, 1] - (marks[:, 1] + marks[:, 3])[:, None]  # mark above glyph
    gap_up = marks[:, 1][:, None] - (boxes[None, :, 1] + boxes[None, :, 3])  # below it
    near = 0.5 * typical
    above = (over & (gap_down >= 0) & (gap_down <= near)).any(axis=1)
    below = (over & (gap_up >= 0) & (gap_up <= near)).any(axis=1)
    up, down = int((above & ~below).sum()), int((below & ~above).sum())
    return (up - down) / (up + down + 2)


def _ragged(boxes: Points) -> float:
    """The tops' spread against the bottoms', in typical glyph heights (see _upright)."""
    import numpy as np

    top, height = boxes[:, 1], boxes[:, 3]
    bottom, middle = top + height, boxes[:, 0] + boxes[:, 2] / 2
    typical = float(np.median(height))
    overlap = np.minimum(bottom[:, None], bottom[None, :]) - np.maximum(top[:, None],
                                                                         top[None, :])
    # neighbours in the same line: overlapping by half the smaller glyph, a few glyphs away
    near = (overlap >= 0.5 * np.minimum(height[:, None], height[None, :])) & \
        (np.abs(middle[:, None] - middle[None, :]) < 4 * typical)
    np.fill_diagonal(near, False)
    placed = near.sum(axis=1) >= 2
    if placed.sum() < 5:
        return 0.0

    def spread(edge: Points) -> float:
        around = np.where(near[placed], edge[None, :], np.nan)
        off = np.abs(edge[placed] - np.nanmedian(around, axis=1))
        return float(np.mean(np.minimum(off, typical)))

    return (spread(top) - spread(bottom)) / typical


def text_scale(grey: Grey) -> float:
    """The factor that makes the card's typical glyph about TEXT_HEIGHT px high: the median
    height of the glyph-like blobs of a rough binarisation."""
    import cv2
    import numpy as np

    binary = _binarise(_stretched(grey), 31)
    count, _, stats, _ = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    area = stats[1:, cv2.CC_STAT_AREA]
    glyph = (h >= 8) & (h <= grey.shape[0] / 4) & (w <= 3 * h) & (w >= 2) & (area >= 24)
    if count < 2 or glyph.sum() < 8:
        return 1.0
    median = float(np.median(h[glyph]))
    return TEXT_HEIGHT / median


def prepare(grey: Grey) -> Grey:
    """The card scaled for ~TEXT_HEIGHT px glyphs (within MAX_OCR_SIDE), dark text on white,
    binarised with a local (adaptive) threshold that rides over shadows and colour bands."""
    return binarised(scaled(grey))


def scaled(grey: Grey, factor: float | None = None, most: float = 4.0) -> Grey:
    """The card in grey, dark print on light, scaled for ~TEXT_HEIGHT px glyphs (within
    MAX_OCR_SIDE, and at most `most` times): what `prepare` binarises. `factor`: the scale
    already measured on the same card (turned level, its glyphs are as high), instead of
    measuring it again."""
    import cv2

    grey = _stretched(grey)
    if _mostly_dark(grey):
        grey = 255 - grey  # light print on a dark card
    factor = text_scale(grey) if factor is None else factor
    factor = min(factor, MAX_OCR_SIDE / max(grey.shape), most)
    if abs(factor - 1) > 0.1:
        interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
        grey = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interp)
    return _light_on_dark_inverted(grey)


def binarised(grey: Grey) -> Grey:
    """A `scaled` card in black and white (a local threshold: shadows, colour bands)."""
    return _binarise(grey, 2 * round(TEXT_HEIGHT * 1.2) + 1)


def smoothed(grey: Grey) -> Grey:
    """A `scaled` card with its sensor and JPEG speckle cleared, left grey for tesseract's
    own threshold: small print photographed with other cards (some 10 px high, blurred)
    and scaled up runs together under the adaptive threshold ("Lumenhaven" as a black
    bar), while tesseract reads the grey letters."""
    import cv2

    out: Grey = cv2.medianBlur(grey, 3)
    return out


def _light_on_dark_inverted(grey: Grey) -> Grey:
    """Dark regions (a coloured band, a dark panel) turned negative, so that their light
    print becomes dark print like the rest of the card: a threshold keeps one polarity."""
    import cv2
    import numpy as np

    dark_px = (grey < 0.6 * median(grey)).astype(np.uint8)
    # opening drops the strokes of dark print (thinner than half a glyph); closing then
    # fills the light letters inside what is left: the dark panels themselves
    side = 3 * TEXT_HEIGHT // 2  # wider than the strokes of a bold headline twice body size
    stroke = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    panel = cv2.morphologyEx(dark_px, cv2.MORPH_OPEN, stroke)
    if not panel.any():
        return grey
    fill = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * TEXT_HEIGHT, 2 * TEXT_HEIGHT))
    dark = cv2.morphologyEx(panel, cv2.MORPH_CLOSE, fill).astype(bool)
    out: Grey = np.where(dark, 255 - grey, grey).astype(np.uint8)
    return out


def _stretched(grey: Grey) -> Grey:
    """Contrast stretched between the 1st and 99th percentiles: grey print on grey card
    becomes black on white, so that the threshold's fixed offset means the same everywhere."""
    import numpy as np

    lo, hi = _percentiles(grey, (1, 99))
    if hi - lo < 8 or (lo < 2 and hi > 253):
        return grey
    out: Grey = np.clip((grey.astype(np.float32) - lo) * (255 / (hi - lo)), 0, 255).astype(
        np.uint8)
    return out


def _percentiles(grey: Grey, points: tuple[float, ...]) -> tuple[float, ...]:
    """np.percentile's (linear) percentiles of a uint8 image, from its histogram: the same
    values without sorting a few million pixels."""
    import cv2
    import numpy as np

    counts = np.cumsum(cv2.calcHist([grey], [0], None, [256], [0, 256]).ravel().astype(
        np.int64))
    n = int(counts[-1])
    out = []
    for point in points:
        pos = point / 100 * (n - 1)
        below, frac = int(pos), pos - int(pos)
        # the k-th smallest value (0-based) is the first level whose count exceeds k
        a = int(np.searchsorted(counts, below, side="right"))
        b = int(np.searchsorted(counts, min(below + 1, n - 1), side="right"))
        out.append(a + (b - a) * frac)
    return tuple(out)


def _mostly_dark(grey: Grey) -> bool:
    return median(grey) < 100


def median(grey: Grey) -> float:
    """np.median of a uint8 image, from its histogram."""
    return _percentiles(grey, (50,))[0]


def _binarise(grey: Grey, block: int) -> Grey:
    import cv2

    # the median filter clears sensor and JPEG speckle that the threshold would keep as
    # dots (tesseract reads them as glyphs) and keeps stroke edges
    smooth = cv2.medianBlur(grey, 5 if _noise(grey) > NOISY else 3)
    out: Grey = cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C,
                                      cv2.THRESH_BINARY, block, 15)
    return _despeckled(out)


def _noise(grey: Grey) -> float:
    """Pixel noise: the mean difference from a 3x3 median (print edges add little; a
    clean scan ~0.3, a phone photo ~0.9, a grainy one 2 and more)."""
    import cv2
    import numpy as np

    return float(np.mean(cv2.absdiff(grey, cv2.medianBlur(grey, 3))))


def _despeckled(binary: Grey) -> Grey:
    """Ink blobs of a few pixels removed: noise, not print (a full stop at ~30 px glyphs
    is some 16 pixels)."""
    import cv2

    _, labels, stats, _ = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    speck = stats[:, cv2.CC_STAT_AREA] <= 5
    speck[0] = False  # the background
    if not speck.any():
        return binary
    out: Grey = binary.copy()
    out[speck[labels]] = 255  # a lookup per pixel, where np.isin would sort them
    return out
