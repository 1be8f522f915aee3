"""Generated business cards for the card-photo bench: people, layouts, fonts and photo damage.

Every card is drawn from a seeded random.Random, so a (seed, index) pair always gives the same
card; the dev part and the unseen parts use different seeds. `hard=True` (the parts made
after the first round) also draws, from a random of its own so that the first round's cards
stay as they were: dark cards in more colours, low-contrast cards, and the table each is
photographed on (dark, slate, busy prints, dark and busy), dark cards mostly on dark tables.
Fonts come from Debian packages (fonts-dejavu-core, fonts-liberation, fonts-noto-core); all
eight families must be installed (`_fonts` refuses otherwise): a card's font is drawn from
the list of those found, so a missing package changed the fonts of most cards and the draws
after them (the ~1.7 grey levels between runs of the sixth round: fonts-liberation and
fonts-noto-core were installed between two runs, and the earlier images had DejaVu only).
QR codes are made with segno (a dev dependency). All people,
companies and domains are invented; phone numbers are phonenumbers' example numbers with
their last digits varied (still valid).
"""

from __future__ import annotations

import io
import math
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"),
             Path("/usr/share/fonts/truetype/noto")]
# (regular, bold) file names; a pair is used only when both exist
FONT_PAIRS = [("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
              ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
              ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
              ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
              ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
              ("LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
              ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
              ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf")]

FIRST = ["Priya", "Marcus", "Sofia", "Daniel", "Aiko", "Lena", "Jonas", "Camille", "Mathieu",
         "Lucía", "Javier", "Grace", "Olumide", "Mei", "Henrik", "Chloé", "Zoë", "Ana", "Ingrid",
         "Tomás", "Nadia", "Samuel", "Hannah", "Élodie", "Rafael", "Yusuf", "Carmen", "Felix",
         "Clara", "Omar", "Julia", "Kenji", "Amara", "Leon", "Inès", "Pablo", "Greta", "Hugo",
         "Marta", "Tobias", "Aisha", "Elena", "Noah", "Lucas", "Emma", "Mateo", "Sara", "Jürgen"]
LAST = ["Raman", "Oyelaran", "Lindqvist", "Ferreira", "Tanabe", "Schneider", "Müller", "Dubois",
        "Lefèvre", "García", "Martínez", "Okafor", "Chen", "Larsen", "Novak", "Kowalski", "Rossi",
        "Bauer", "Moreau", "Fernández", "Hoffmann", "Nakamura", "Adeyemi", "Walsh", "Becker",
        "Petit", "Romero", "Weber", "Santos", "Lang", "Vidal", "Brennan", "Keller", "Girard",
        "Navarro", "Schäfer", "Fontaine", "Castillo", "Whitfield", "Osei", "Haddad", "Ito",
        "García Márquez", "de la Fuente", "Wagner", "Lambert", "Ortega", "Sørensen"]
WORD_A = ["Lumen", "Bright", "Nord", "Quarry", "Kestrel", "Silver", "Blue", "Terra", "Alpen",
          "Solar", "Cedar", "Iron", "Harbor", "Vela", "Oak", "Nimbus", "Coral", "Falcon", "Atlas",
          "Pine", "Rhein", "Loire", "Sierra", "Delta", "Mosaic", "Orbit", "Prism", "Granite"]
WORD_B = ["fold", "water", "haven", "lane", "stone", "field", "gate", "works", "point", "line",
          "bridge", "wave", "crest", "mark", "path", "light"]
WORD_C = {"en": ["Analytics", "Robotics", "Software", "Capital", "Studio", "Labs", "Systems",
                 "Consulting", "Health", "Energy", "Logistics", "Design"],
          "de": ["Technik", "Software", "Beratung", "Logistik", "Medizintechnik", "Energie",
                 "Systeme", "Maschinenbau"],
          "fr": ["Conseil", "Logiciels", "Énergie", "Santé", "Design", "Systèmes", "Transports"],
          "es": ["Consultores", "Software", "Energía", "Logística", "Diseño", "Sistemas",
                 "Salud"]}
LEGAL = {"en": ["Inc.", "Ltd", "LLC", "", ""], "de": ["GmbH", "AG", "GmbH & Co. KG", ""],
         "fr": ["SARL", "SAS", "SA", ""], "es": ["S.L.", "S.A.", ""]}
TITLES = {
    "en": ["Head of Partnerships", "VP Engineering", "Senior Product Designer", "Account Executive",
           "Chief Financial Officer", "Director of Research", "Marketing Manager",
           "Software Engineer", "Founder & CEO", "Sales Director", "Operations Lead",
           "Principal Consultant", "Head of Growth", "Chief Technology Officer"],
    "de": ["Leiterin Vertrieb", "Geschäftsführer", "Projektleiter", "Vertriebsleiterin",
           "Softwareentwickler", "Einkaufsleiter", "Leiter Marketing", "Geschäftsführerin"],
    "fr": ["Directrice commerciale", "Chef de projet", "Responsable marketing",
           "Ingénieur logiciel", "Directeur général", "Responsable des achats"],
    "es": ["Jefa de compras", "Director comercial", "Gerente de ventas", "Ingeniera de software",
           "Directora de marketing", "Responsable de operaciones"],
}
REGIONS = {"en": ["US", "US", "US", "GB", "IE", "CA", "AU"], "de": ["DE", "DE", "AT", "CH"],
           "fr": ["FR", "FR", "BE"], "es": ["ES", "ES", "MX", "AR"]}
TLD = {"US": "com", "GB": "co.uk", "IE": "ie", "CA": "ca", "AU": "com.au", "DE": "de", "AT": "at",
       "CH": "ch", "FR": "fr", "BE": "be", "ES": "es", "MX": "mx", "AR": "com.ar"}
PHONE_LABEL = {"en": ["", "T", "Tel:", "Phone:", "M", "Mobile:"],
               "de": ["", "Tel.", "Telefon:", "Mobil:", "T"],
               "fr": ["", "Tél.", "Tél :", "Mobile :", "T"],
               "es": ["", "Tel.", "Teléfono:", "Móvil:", "T"]}
MAIL_LABEL = {"en": ["", "E", "Email:"], "de": ["", "E-Mail:", "E"], "fr": ["", "E-mail :", "E"],
              "es": ["", "Correo:", "E"]}
STREETS = {"US": "{n} Market Street, San Francisco, CA 94103",
           "GB": "{n} Charlotte Road, London EC2A 3PB",
           "IE": "{n} Baggot Street, Dublin 2", "CA": "{n} King Street W, Toronto, ON M5H 1J9",
           "AU": "{n} George Street, Sydney NSW 2000",
           "DE": "Hauptstraße {n}, 10115 Berlin", "AT": "Mariahilfer Straße {n}, 1070 Wien",
           "CH": "Bahnhofstrasse {n}, 8001 Zürich", "FR": "{n} rue de la Paix, 75002 Paris",
           "BE": "Rue Royale {n}, 1000 Bruxelles", "ES": "Calle Mayor {n}, 28013 Madrid",
           "MX": "Av. Reforma {n}, 06600 Ciudad de México",
           "AR": "Av. Corrientes {n}, C1043 Buenos Aires"}

W, H = 1050, 600  # 3.5 x 2 inches at 300 dpi


@dataclass
class Card:
    """One generated person and how the card shows them."""

    key: str
    lang: str
    name: str
    title: str
    company: str
    email: str
    phone_e164: str
    phone_text: str
    website: str  # as printed
    website_url: str  # as expected (https://host)
    address: str | None
    layout: str
    fonts: tuple[str, str]
    ink: str
    paper: str
    accent: str
    qr: str | None = None  # "vcard", "mecard", "url"
    labels: tuple[str, str] = ("", "")
    portrait: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    table: str | None = None  # the background of its photo; None: drawn with the photo

    def expected(self) -> dict[str, str | None]:
        return {"full_name": self.name, "title": self.title, "company": self.company,
                "email": self.email, "phone": self.phone_e164, "website": self.website_url,
                "address": self.address}


def ascii_fold(text: str) -> str:
    out = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("ß", "ss"))
    return "".join(c for c in out if c.isascii())


def _fonts() -> list[tuple[str, str]]:
    """The eight font families' files; an error when any is missing, since the list drawn
    from decides every card's font (and the draws after it): a part drawn without a family
    would be other images under the same name."""
    found, missing = [], []
    for regular, bold in FONT_PAIRS:
        paths = [next((d / f for d in FONT_DIRS if (d / f).exists()), None)
                 for f in (regular, bold)]
        if paths[0] and paths[1]:
            found.append((str(paths[0]), str(paths[1])))
        else:
            missing.append(regular)
    if missing:
        raise RuntimeError(f"bench fonts missing: {', '.join(missing)} (install "
                           "fonts-dejavu-core fonts-liberation fonts-noto-core); cards drawn "
                           "without them would differ from the parts as scored")
    return found


def _phone(rng: random.Random, region: str) -> tuple[str, str]:
    import phonenumbers as pn

    kind = rng.choice([pn.PhoneNumberType.MOBILE, pn.PhoneNumberType.FIXED_LINE])
    base = pn.example_number_for_type(region, kind) or pn.example_number(region)
    assert base is not None
    for _ in range(50):
        digits = str(base.national_number)
        tail = "".join(rng.choice("0123456789") for _ in range(3))
        num = pn.parse(f"+{base.country_code}{digits[:-3]}{tail}", None)
        if pn.is_valid_number(num):
            break
    else:
        num = base
    e164 = pn.format_number(num, pn.PhoneNumberFormat.E164)
    # national format only where the rest of the card names the country (US default,
    # or a country-code domain); otherwise international, as cards abroad print it
    fmt = pn.PhoneNumberFormat.NATIONAL if (region == "US" and rng.random() < 0.6) or \
        (region in ("DE", "FR", "ES") and rng.random() < 0.3) else \
        pn.PhoneNumberFormat.INTERNATIONAL
    text = pn.format_number(num, fmt)
    if region == "US" and fmt == pn.PhoneNumberFormat.NATIONAL and rng.random() < 0.4:
        text = text.replace("(", "").replace(") ", ".").replace("-", ".")
    return e164, text


DARK_PAPER = ["#1c2a3a", "#222222", "#3a1f2b", "#121212", "#1f2f24", "#2b2b3a", "#33261a",
              "#0f1c2e", "#3a3a3a"]
LIGHT_INK = ["#f5f5f5", "#e8e2d0", "#d8d8d8", "#c9b98f", "#bcd3e6"]
# (paper, ink): print that stands out little from its card
LOW_CONTRAST = [("#c9c9c2", "#555555"), ("#e6e0d2", "#7d7566"), ("#b8c4cc", "#3f4a52"),
                ("#d6cfc0", "#6b6152"), ("#5a5a5a", "#d0d0d0")]
DARK_TABLES = ["black", "slate", "dark-busy"]
TABLES = ["wood", "desk", "grey", "cloth", "light", "black", "slate", "busy", "dark-busy"]


def make_card(seed: int, index: int, *, hard: bool = False) -> Card:
    """The card `index` of the set drawn with `seed` (`hard`: with the second round's
    colours and tables)."""
    card = _first_round_card(seed, index)
    if hard:
        _harden(card, random.Random(f"hard-{seed}-{index}"))
    return card


def _harden(card: Card, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.25:
        card.paper, card.ink = rng.choice(DARK_PAPER), rng.choice(LIGHT_INK)
        card.accent = rng.choice(LIGHT_INK)
    elif roll < 0.37:
        card.paper, card.ink = rng.choice(LOW_CONTRAST)
        card.accent = card.ink
    if is_dark(card) and rng.random() < 0.65:
        card.table = rng.choice(DARK_TABLES)
    elif rng.random() < 0.4:
        card.table = rng.choice(TABLES)


def make_dark(card: Card, rng: random.Random) -> None:
    """The card printed light on dark (a several-card photo's dark one)."""
    card.paper, card.ink = rng.choice(DARK_PAPER), rng.choice(LIGHT_INK)
    card.accent = card.ink


def is_dark(card: Card) -> bool:
    return _luma(card.paper) < 100


def _luma(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def _first_round_card(seed: int, index: int) -> Card:
    rng = random.Random(seed * 100_003 + index)
    lang = rng.choice(["en", "en", "en", "de", "fr", "es"])
    region = rng.choice(REGIONS[lang])
    first, last = rng.choice(FIRST), rng.choice(LAST)
    name = f"{first} {last}"
    stem = rng.choice(WORD_A) + rng.choice(WORD_B)
    company = " ".join(x for x in (stem, rng.choice(WORD_C[lang]), rng.choice(LEGAL[lang])) if x)
    domain = f"{stem.lower()}.{TLD[region]}"
    f, la = ascii_fold(first).lower(), ascii_fold(last).lower().replace(" ", "")
    local = rng.choice([f"{f}.{la}", f"{f[0]}.{la}", f, f"{f[0]}{la}", f"{f}_{la}"])
    e164, phone_text = _phone(rng, region)
    www = rng.choice([f"www.{domain}", domain, f"https://{domain}", f"www.{domain}"])
    dark = rng.random() < 0.15
    paper = rng.choice(["#1c2a3a", "#222222", "#3a1f2b"]) if dark else \
        rng.choice(["#ffffff", "#ffffff", "#fbf8f1", "#f2f5f7", "#fff8e7", "#eef3ea"])
    ink = rng.choice(["#f5f5f5", "#e8e2d0"]) if dark else \
        rng.choice(["#111111", "#1a1a1a", "#333333", "#1d2f4f", "#3b2a20"])
    accent = rng.choice(["#1d4e89", "#a23b2a", "#2f7d4b", "#c98a1b", "#6a3d9a"])
    return Card(
        key=f"s{seed}-{index:03d}", lang=lang, name=name, title=rng.choice(TITLES[lang]),
        company=company, email=f"{local}@{domain}", phone_e164=e164, phone_text=phone_text,
        website=www, website_url=f"https://{www.removeprefix('https://')}",
        address=STREETS[region].format(n=rng.randint(2, 180)) if rng.random() < 0.45 else None,
        layout=rng.choice(["left", "centered", "right", "split", "band", "company-top"]),
        fonts=rng.choice(_fonts()), ink=ink, paper=paper, accent=accent,
        qr=rng.choice(["vcard", "mecard", "url"]) if rng.random() < 0.3 else None,
        labels=(rng.choice(PHONE_LABEL[lang]), rng.choice(MAIL_LABEL[lang])),
        portrait=rng.random() < 0.08)


# ---- drawing ---------------------------------------------------------------------------

def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _qr_image(card: Card, box: int) -> Image.Image:
    import segno

    if card.qr == "vcard":
        given = card.name.split(" ")[0]
        family = card.name[len(given) + 1:]
        payload = "\r\n".join([
            "BEGIN:VCARD", "VERSION:3.0", f"N:{family};{given};;;", f"FN:{card.name}",
            f"ORG:{card.company}", f"TITLE:{card.title}", f"TEL;TYPE=WORK:{card.phone_e164}",
            f"EMAIL;TYPE=INTERNET:{card.email}", f"URL:{card.website_url}", "END:VCARD"])
    elif card.qr == "mecard":
        given = card.name.split(" ")[0]
        family = card.name[len(given) + 1:]
        payload = (f"MECARD:N:{family},{given};ORG:{card.company};TEL:{card.phone_e164};"
                   f"EMAIL:{card.email};URL:{card.website_url};;")
    else:
        payload = card.website_url
    qr = segno.make(payload, error="m", micro=False)
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=10, border=2, dark="#000000", light="#ffffff")
    im = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return im.resize((box, box), Image.Resampling.NEAREST)


def _lines(card: Card) -> list[tuple[str, str]]:
    """(role, text) rows of the contact block."""
    plab, mlab = card.labels
    rows = [("phone", f"{plab} {card.phone_text}".strip()),
            ("email", f"{mlab} {card.email}".strip()), ("website", card.website)]
    if card.address:
        rows.append(("address", card.address))
    return rows


def draw_card(card: Card) -> Image.Image:
    """The clean card, 1050x600 (600x1050 when portrait)."""
    w, h = (600, 1050) if card.portrait else (W, H)
    im = Image.new("RGB", (w, h), card.paper)
    d = ImageDraw.Draw(im)
    reg, bold = card.fonts
    rng = random.Random(card.key)
    big, mid, small = rng.randint(46, 62), rng.randint(30, 38), rng.randint(26, 32)
    qr_box = 220 if card.qr else 0
    head = [(card.name, _font(bold, big), card.ink), (card.title, _font(reg, mid), card.ink),
            (card.company, _font(bold, mid), card.accent if card.paper.startswith("#f") or
             card.paper == "#ffffff" else card.ink)]
    if card.layout == "company-top":
        head = [head[2], head[0], head[1]]
    body = [(t, _font(reg, small), card.ink) for _, t in _lines(card)]
    if card.portrait:
        _stack(d, head + body, w, 60, "centered", 60, w - 60)
        if card.qr:
            im.paste(_qr_image(card, qr_box), ((w - qr_box) // 2, h - qr_box - 40))
        return im
    if card.layout == "split":
        d.rectangle((0, 0, 24, h), fill=card.accent)
        _stack(d, head, w, 70, "left", 70, w // 2)
        _stack(d, body, w, 330 if card.address else 360, "left", 70, w)
    elif card.layout == "band":
        d.rectangle((0, 0, w, 150), fill=card.accent)
        d.text((60, 50), card.company, font=_font(bold, mid + 6), fill="#ffffff")
        _stack(d, [head[0], head[1], *body], w, 185, "left", 60, w)
    else:
        align = "centered" if card.layout in ("centered", "company-top") else card.layout
        right = w - qr_box - 40 if card.qr and align != "centered" else w
        _stack(d, head, w, 55, align, 70, right - 70)
        _stack(d, body, w, 300 if card.address else 330, align, 70, right - 70)
        d.line((70, 270, 560, 270), fill=card.accent, width=3)
    if card.qr:
        qr = _qr_image(card, qr_box)
        spot = (w - qr_box - 35, h - qr_box - 35) if card.layout != "centered" else (35, 35)
        if card.layout in ("centered", "company-top"):
            spot = (w - qr_box - 20, h - qr_box - 20)
        im.paste(qr, spot)
    return im


def _stack(d: ImageDraw.ImageDraw, rows: list[tuple[str, ImageFont.FreeTypeFont, str]],
           w: int, top: int, align: str, left: int, right: int) -> None:
    y = top
    for text, font, fill in rows:
        size = font.size
        if align == "centered":
            d.text(((left + right) // 2 if right < w else w // 2, y), text, font=font, fill=fill,
                   anchor="ma")
        elif align == "right":
            d.text((right, y), text, font=font, fill=fill, anchor="ra")
        else:
            d.text((left, y), text, font=font, fill=fill)
        y += int(size * 1.45)


# ---- photographing ---------------------------------------------------------------------

def _background(rng: random.Random, size: tuple[int, int], table: str | None = None
                ) -> np.ndarray:
    w, h = size
    kind = rng.choice(["wood", "desk", "grey", "cloth", "light"])
    kind = table or kind  # drawn all the same, so that the first round's photos stay
    base = {"wood": (120, 82, 50), "desk": (45, 45, 50), "grey": (110, 110, 115),
            "cloth": (40, 60, 90), "light": (190, 188, 180), "black": (22, 22, 24),
            "slate": (48, 54, 62), "busy": (160, 150, 135), "dark-busy": (38, 36, 40)}[kind]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.empty((h, w, 3), np.float32)
    for c in range(3):
        img[..., c] = base[c]
    if kind == "wood":
        grain = 18 * np.sin(yy / rng.uniform(6, 14) + 3 * np.sin(xx / 200.0))
        img += grain[..., None]
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    if kind in ("busy", "dark-busy"):
        img = _busy(img, nrng, dark=kind == "dark-busy")
    img += nrng.normal(0, 8, (h, w, 1)).astype(np.float32)
    return img


def _busy(img: np.ndarray, nrng: np.random.Generator, *, dark: bool) -> np.ndarray:
    """A table strewn with print: coloured blocks, rules and lines of small text (a flyer,
    a newspaper, a patterned cloth)."""
    h, w = img.shape[:2]
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    fonts = _fonts()
    lo, hi = (20, 90) if dark else (60, 230)
    for _ in range(int(nrng.integers(25, 45))):
        x, y = int(nrng.integers(0, w)), int(nrng.integers(0, h))
        colour = tuple(int(c) for c in nrng.integers(lo, hi, 3))
        kind = nrng.random()
        if kind < 0.4:
            d.rectangle((x, y, x + int(nrng.integers(60, 500)), y + int(nrng.integers(40, 400))),
                        fill=colour)
        elif kind < 0.6:
            d.line((x, y, int(nrng.integers(0, w)), int(nrng.integers(0, h))), fill=colour,
                   width=int(nrng.integers(2, 12)))
        elif fonts:
            font = _font(fonts[int(nrng.integers(0, len(fonts)))][0], int(nrng.integers(14, 30)))
            words = " ".join(FIRST[int(nrng.integers(0, len(FIRST)))] for _ in range(6))
            d.text((x, y), words, font=font, fill=colour)
    return np.asarray(im, np.float32).copy()


def photograph(card_im: Image.Image, rng: random.Random, *, others: list[Image.Image] | None = None,
               table: str | None = None) -> Image.Image:
    """The card (and maybe others) as a phone would see it on a table (`table`, else one
    drawn): on a background, turned, in perspective, lit unevenly, blurred, noisy and
    JPEG-compressed."""
    import cv2

    cards = [card_im, *(others or [])]
    pw, ph = rng.choice([(1600, 1200), (2000, 1500), (1800, 1350), (2400, 1800)])
    if len(cards) > 1:
        pw, ph = 2600, 1950
    canvas = _background(rng, (pw, ph), table)
    slots = _slots(len(cards), pw, ph)
    for im, (cx, cy, room) in zip(cards, slots, strict=True):
        src = np.asarray(im.convert("RGB"), np.float32)
        h, w = src.shape[:2]
        scale = rng.uniform(0.62, 0.85) * min(room / max(w, h), 0.95 * ph / h, 0.95 * pw / w)
        angle = math.radians(rng.uniform(-12, 12) if len(cards) == 1 else rng.uniform(-6, 6))
        corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        centred = (corners - [w / 2, h / 2]) * scale
        dst = centred @ rot.T + [cx, cy]
        jitter = 0.05 * scale * max(w, h)
        dst += np.array([[rng.uniform(-jitter, jitter), rng.uniform(-jitter, jitter)]
                         for _ in range(4)])
        m = cv2.getPerspectiveTransform(corners, dst.astype(np.float32))
        warped = cv2.warpPerspective(src, m, (pw, ph), flags=cv2.INTER_AREA)
        mask = cv2.warpPerspective(np.ones((h, w), np.float32), m, (pw, ph))
        # a soft shadow under the card
        shadow = cv2.GaussianBlur(np.roll(mask, (12, 12), (0, 1)), (41, 41), 0)
        canvas *= (1 - 0.35 * shadow * (1 - mask))[..., None]
        canvas = canvas * (1 - mask[..., None]) + warped * mask[..., None]
    yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    light = 1 + rng.uniform(0.08, 0.25) * ((xx / pw - 0.5) * gx + (yy / ph - 0.5) * gy)
    canvas *= light[..., None]
    sigma = rng.uniform(0.6, 1.8)
    canvas = cv2.GaussianBlur(canvas, (0, 0), sigma)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    canvas += nrng.normal(0, rng.uniform(3, 10), canvas.shape).astype(np.float32)
    out = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8))
    turn = rng.random()
    if turn < 0.12:
        out = out.transpose(Image.Transpose.ROTATE_90)
    elif turn < 0.18:
        out = out.transpose(Image.Transpose.ROTATE_180)
    return out


def _slots(n: int, pw: int, ph: int) -> list[tuple[float, float, float]]:
    if n == 1:
        return [(pw / 2, ph / 2, min(pw, ph * 1.75))]
    if n == 2:
        return [(pw * 0.27, ph / 2, pw * 0.52), (pw * 0.73, ph / 2, pw * 0.52)]
    return [(pw * 0.27, ph * 0.27, pw * 0.5), (pw * 0.73, ph * 0.27, pw * 0.5),
            (pw * 0.5, ph * 0.74, pw * 0.5)][:n]


def encode(im: Image.Image, rng: random.Random | None = None, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        im.save(buf, format="JPEG", quality=rng.randint(60, 90) if rng else 85)
    else:
        im.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def blur_only(im: Image.Image) -> Image.Image:
    return im.filter(ImageFilter.GaussianBlur(0.8))


def draw_front_back(card: Card) -> tuple[Image.Image, Image.Image]:
    """A two-sided card: the front names the company and the person, the back the details."""
    reg, bold = card.fonts
    front = Image.new("RGB", (W, H), card.paper)
    d = ImageDraw.Draw(front)
    d.text((W // 2, 120), card.company, font=_font(bold, 54), fill=card.ink, anchor="ma")
    d.text((W // 2, 300), card.name, font=_font(bold, 48), fill=card.ink, anchor="ma")
    d.text((W // 2, 380), card.title, font=_font(reg, 34), fill=card.ink, anchor="ma")
    back = Image.new("RGB", (W, H), card.paper)
    rows = [(t, _font(reg, 32), card.ink) for _, t in _lines(card)]
    _stack(ImageDraw.Draw(back), rows, W, 150, "left", 90, W)
    return front, back


# ---- several cards in one photo, the third round's arrangements ----------------------------

ARRANGEMENTS = ("apart", "touching", "turned")


def photograph_many(ims: list[Image.Image], rng: random.Random, arrangement: str,
                    table: str | None = None) -> Image.Image:
    """Two to four cards in one photo, laid out as people lay cards on a table: `apart`
    (scattered, each turned its own way up to 20 degrees), `touching` (edge to edge in a
    row or a 2x2 block, the block turned as one) or `turned` (apart, one of them a quarter
    turn from the others, and all at their own angles up to 30 degrees). Lit, blurred,
    noisy like `photograph`, never turned as a whole."""
    import cv2

    pw, ph = 2800, 2100
    canvas = _background(rng, (pw, ph), table)
    if arrangement == "touching":
        placed = [(_block(ims, rng), (pw / 2, ph / 2), rng.uniform(-10, 10), 0.8)]
    else:
        slots = [(pw * 0.27, ph * 0.28), (pw * 0.73, ph * 0.28), (pw * 0.27, ph * 0.74),
                 (pw * 0.73, ph * 0.74)] if len(ims) > 2 else [(pw * 0.27, ph / 2),
                                                               (pw * 0.73, ph / 2)]
        rng.shuffle(slots)
        limit = 20 if arrangement == "apart" else 30
        odd = rng.randrange(len(ims)) if arrangement == "turned" else -1
        placed = []
        for i, im in enumerate(ims):
            im = im.transpose(Image.Transpose.ROTATE_90) if i == odd else im
            # the card's long side: a third of the photo's width for two, less for more
            fit = (0.36 if len(ims) == 2 else 0.29) * pw / max(im.size)
            placed.append((im, slots[i], rng.uniform(-limit, limit), fit * rng.uniform(0.88, 1)))
    for im, (cx, cy), degrees, fit in placed:
        rgba = np.asarray(im.convert("RGBA"), np.float32)
        src, alpha = rgba[..., :3], rgba[..., 3] / 255
        h, w = src.shape[:2]
        scale = fit * min(pw / w, ph / h) if arrangement == "touching" else fit
        angle = math.radians(degrees)
        corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        dst = ((corners - [w / 2, h / 2]) * scale) @ rot.T + [cx, cy]
        jitter = 0.03 * scale * max(w, h)
        dst += np.array([[rng.uniform(-jitter, jitter), rng.uniform(-jitter, jitter)]
                         for _ in range(4)])
        m = cv2.getPerspectiveTransform(corners, dst.astype(np.float32))
        warped = cv2.warpPerspective(src, m, (pw, ph), flags=cv2.INTER_AREA)
        mask = cv2.warpPerspective(alpha, m, (pw, ph))
        shadow = cv2.GaussianBlur(np.roll(mask, (12, 12), (0, 1)), (41, 41), 0)
        canvas *= (1 - 0.35 * shadow * (1 - mask))[..., None]
        canvas = canvas * (1 - mask[..., None]) + warped * mask[..., None]
    yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    canvas *= (1 + rng.uniform(0.08, 0.25) * ((xx / pw - 0.5) * gx + (yy / ph - 0.5) * gy)
               )[..., None]
    canvas = cv2.GaussianBlur(canvas, (0, 0), rng.uniform(0.6, 1.5))
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    canvas += nrng.normal(0, rng.uniform(3, 9), canvas.shape).astype(np.float32)
    return Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8))


def _block(ims: list[Image.Image], rng: random.Random) -> Image.Image:
    """Cards edge to edge (a gap of 0 to 6 px and a thin dark rim where they meet, as the
    edge of a card shows): a row of two or three, or a 2x2 block of four; transparent
    around them."""
    w, h = W, H
    cols = len(ims) if len(ims) < 4 else 2
    rows = (len(ims) + cols - 1) // cols
    gap = rng.randint(0, 6)
    out = Image.new("RGBA", (cols * w + (cols - 1) * gap, rows * h + (rows - 1) * gap),
                    (0, 0, 0, 0))
    d = ImageDraw.Draw(out)
    for i, im in enumerate(ims):
        x, y = (i % cols) * (w + gap), (i // cols) * (h + gap)
        out.paste(im.convert("RGBA").resize((w, h)), (x, y))
        # a card's cut edge catches a little shadow: one or two pixels darker than its paper
        d.rectangle((x, y, x + w - 1, y + h - 1), outline=(90, 90, 90, 255), width=2)
    return out
