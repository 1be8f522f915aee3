"""Reading vCard 2.1 / 3.0 / 4.0 text into contacts, tolerant of what phones export.

A small line-level reader rather than vobject: vobject raises ParseError on a whole file
for a vCard 2.1 quoted-printable soft line break ("FN;ENCODING=QUOTED-PRINTABLE:M=C3=BC=" +
"ller", as Android exports), for 2.1 base64 PHOTO data continued on unindented lines, and
for any single stray line, losing every card in the file. Here each card is read on its
own: folded lines (RFC 6350 3.2), QP soft breaks, CHARSET params, bare 2.1 parameters
("TEL;CELL:"), quoted parameter values (TYPE="cell,voice"), Apple group prefixes
("item1.URL"), tel: URIs and escaped commas are handled; a card that yields nothing
gives a warning, never an exception.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from followup.model import ParsedContact
from followup.parsing import rx
from followup.parsing.lexicon import HONORIFICS, NAME_LIKE_HONORIFICS
from followup.parsing.phones import (
    country_code_for,
    normalize_declared_phone,
    read_national,
    region_hint,
)

_PROP_LINE = rx.compile(r"^(?:(?P<group>[A-Za-z0-9-]+)\.)?(?P<name>[A-Za-z0-9-]+)(?P<rest>[;:].*)$")
_LINKEDIN = rx.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/in/(?P<slug>[^/?#\s]+)",
    re.IGNORECASE,
)
_EMAIL = rx.compile(r"^[^@\s<>,;:]+@[^@\s<>,;:]+\.[^@\s<>,;:]+$")

# Honorifics and academic titles stripped from the front of a name: the shared list, less
# those that are also first names or initials ("M Smith", "Arch Stanton"), compared as _key
# writes them (lower case, no dots).
_HONORIFICS = frozenset(h.replace(".", "") for h in HONORIFICS - NAME_LIKE_HONORIFICS)
# German degree parts, stripped only right after an honorific ("Dr. med.", "Dr. phil."):
# on their own they are names ("Phil Jones").
_HONORIFIC_PARTS = {"med", "rer", "nat", "phil", "jur", "habil", "hc", "h.c", "dent", "vet"}
# Degrees stripped from the end whatever their case; others from nameparser's long list
# only when set off by a comma or written in capitals/with dots ("Jack Ma" keeps "Ma").
_STRONG_DEGREES = {"phd", "dphil", "mba", "msc", "bsc", "llm", "mphil", "dds", "esq"}
_NOT_DEGREES = {"jr", "sr", "ii", "iii", "iv", "v"}


# Base64 values never read as text; of the vendors' X- properties only these are text.
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_X_TEXT = frozenset({"X-ABSHOWAS", "X-ABLABEL", "X-ABADR", "X-SOCIALPROFILE"})


@dataclass
class _Prop:
    group: str
    name: str
    params: dict[str, list[str]]
    value: str


@dataclass
class _Card:
    props: list[_Prop] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def all(self, name: str) -> list[_Prop]:
        return [p for p in self.props if p.name == name]

    def first(self, name: str) -> _Prop | None:
        found = self.all(name)
        return found[0] if found else None


# --- public helpers --------------------------------------------------------------------


def linkedin_profile_url(url: str) -> str | None:
    """`https://www.linkedin.com/in/<slug>` for a LinkedIn profile URL written with or
    without a scheme, on a country subdomain, with a trailing path or query string;
    None for anything else (company pages, other sites). Never raises."""
    m = _LINKEDIN.match((url or "").strip().strip("<>\"'"))
    if not m:
        return None
    slug = m.group("slug").strip().rstrip(".,;)")
    return f"https://www.linkedin.com/in/{slug}" if slug else None


def website_url(url: str) -> str | None:
    """A site as a URL with its scheme (`https://` added when written without one), a bare
    trailing "/" dropped; None for LinkedIn, mailto:/tel: and non-web values."""
    text = (url or "").strip().strip("<>\"'")
    if not text or linkedin_profile_url(text) or re.search(r"linkedin\.com", text, re.I):
        return None
    if re.match(r"^(?:mailto|tel|sms|x-apple|data):", text, re.I):
        return None
    if not re.match(r"^https?://", text, re.I):
        if not re.match(r"^[\w.-]+\.[a-z]{2,}(?:[/:?#]|$)", text, re.I):
            return None
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if not parts.netloc:
        return None
    if parts.path == "/" and not parts.query and not parts.fragment:
        text = text[: text.rfind("/")]
    return text


def clean_full_name(name: str) -> str | None:
    """A person's name as written, without honorifics or academic titles in front ("Dr.",
    "Prof. Dr.", "Mme") and degrees behind ("PhD", "MBA", ", M.D."); particles, hyphens
    and "Jr." are kept. Uses nameparser (lazily) to recognise degrees. Never raises."""
    try:
        text = re.sub(r"\s+", " ", (name or "").strip().strip(",;"))
        if not text:
            return None
        from nameparser.config import CONSTANTS

        degrees = set(CONSTANTS.suffix_acronyms) - _NOT_DEGREES
        tokens = text.split(" ")
        stripped = False
        while len(tokens) > 1:
            key = _key(tokens[0])
            if key in _HONORIFICS or (stripped and key in _HONORIFIC_PARTS):
                tokens.pop(0)
                stripped = True
                continue
            break
        while len(tokens) > 1:
            tok = tokens[-1]
            key = _key(tok)
            marked = (
                tokens[-2].endswith(",")
                or "." in tok.rstrip(".")
                or (tok.isupper() and len(tokens) > 2)
            )
            if key in _STRONG_DEGREES or (key in degrees and marked):
                tokens.pop()
                continue
            break
        cleaned = " ".join(tokens).strip(" ,;")
        return cleaned or None
    except Exception:
        return name.strip() or None if isinstance(name, str) else None


def _key(token: str) -> str:
    return token.strip(",;()").rstrip(".").lower().replace(".", "") if token else ""


# --- reading -----------------------------------------------------------------------------


def read_vcards(text: str, region: str = "US", near: tuple[str, ...] = ()
                ) -> tuple[list[ParsedContact], list[str]]:
    """Every card in `text` as a ParsedContact (phones in E.164), plus warnings for cards
    that could not be read. A national number that its own card does not place is read in
    the first of `near` (the countries the note around the file names) and then of the
    file's other cards' international numbers where it is valid, else in `region`.
    Never raises."""
    contacts: list[ParsedContact] = []
    warnings: list[str] = []
    try:
        cards, split_warnings = _split_cards(text or "")
        warnings.extend(split_warnings)
        others = (*near, *_file_regions(text or "")) if len(cards) > 1 or near else ()
        for index, lines in enumerate(cards, start=1):
            try:
                card = _parse_card(lines)
                contact = _contact(card, region or "US", others)
            except Exception:
                warnings.append(f"vCard {index} could not be read.")
                continue
            warnings.extend(card.warnings)
            if contact is None:
                warnings.append(f"vCard {index} has no name, email or phone; it was skipped.")
                continue
            contacts.append(contact)
    except Exception:
        warnings.append("The vCard data could not be read.")
    return contacts, warnings


def _split_cards(text: str) -> tuple[list[list[str]], list[str]]:
    lines = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cards: list[list[str]] = []
    warnings: list[str] = []
    current: list[str] | None = None
    for line in lines:
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if current is not None:
                warnings.append("A vCard had no END:VCARD line; it was read up to the next card.")
                cards.append(current)
            current = []
        elif upper == "END:VCARD":
            if current is not None:
                cards.append(current)
            current = None
        elif current is not None:
            current.append(line)
    if current is not None:
        warnings.append("A vCard had no END:VCARD line; it was read to the end.")
        cards.append(current)
    if not cards and text.strip():
        warnings.append("No vCard (BEGIN:VCARD) was found in the attached contact data.")
    return cards, warnings


def _logical_lines(lines: list[str]) -> list[str]:
    """Unfold continuation lines and join quoted-printable soft line breaks."""
    # Pieces per logical line, joined once: a folded 1 MB PHOTO has ~14,000 pieces.
    out: list[list[str]] = []
    qp_open = False
    for line in lines:
        if qp_open and out:
            # Android continues a QP value on the next line, indented or not.
            out[-1][-1] = out[-1][-1][:-1]
            out[-1].append(line.lstrip(" \t"))
        elif line[:1] in (" ", "\t") and out:
            out[-1].append(line[1:])
        elif not line.strip():
            qp_open = False
            continue
        else:
            out.append([line])
        last = out[-1]
        qp_open = _is_qp(last[0]) and last[-1].endswith("=")
    return ["".join(parts) for parts in out]


def _is_qp(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def _split_unquoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            buf.append(ch)
        elif ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _parse_card(lines: list[str]) -> _Card:
    card = _Card()
    for line in _logical_lines(lines):
        m = _PROP_LINE.match(line)
        if not m:
            continue  # base64 data on unindented lines, stray text
        rest = m.group("rest")
        head, colon, raw_value = _partition_unquoted(rest)
        if not colon:
            continue
        params: dict[str, list[str]] = {}
        for piece in _split_unquoted(head, ";")[1:]:
            if not piece:
                continue
            key, eq, val = piece.partition("=")
            if eq:
                values = [v.strip().strip('"') for v in _split_unquoted(val, ",")]
                params.setdefault(key.strip().upper(), []).extend(values)
            else:
                # vCard 2.1 bare parameters: "TEL;CELL;VOICE:", "N;QUOTED-PRINTABLE:"
                bare = key.strip().strip('"').upper()
                if bare in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"):
                    params.setdefault("ENCODING", []).append(bare)
                else:
                    params.setdefault("TYPE", []).append(bare)
        name = m.group("name").upper()
        value = _decode(raw_value, params, card, name)
        card.props.append(_Prop((m.group("group") or "").lower(), name, params, value))
    return card


def _partition_unquoted(rest: str) -> tuple[str, str, str]:
    quoted = False
    for i, ch in enumerate(rest):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return rest[:i], ":", rest[i + 1 :]
    return rest, "", ""


def _decode(raw: str, params: dict[str, list[str]], card: _Card, name: str) -> str:
    encoding = {e.upper() for e in params.get("ENCODING", [])}
    charset = (params.get("CHARSET") or ["utf-8"])[0] or "utf-8"
    if "QUOTED-PRINTABLE" in encoding:
        data = quopri.decodestring(raw.encode("latin-1", "replace"))
        return _bytes_to_text(data, charset, card, name)
    if encoding & {"B", "BASE64"}:
        if name in _BINARY or (name.startswith("X-") and name not in _X_TEXT):
            return ""  # binary payloads (Outlook's X-MS-CARDPICTURE) are not contact details
        try:
            data = base64.b64decode(raw + "=" * (-len(raw) % 4))
        except (binascii.Error, ValueError):
            card.warnings.append(f"A vCard {name} value was not valid base64.")
            return ""
        return _bytes_to_text(data, charset, card, name)
    return raw


def _bytes_to_text(data: bytes, charset: str, card: _Card, name: str) -> str:
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        # A known charset with a stray byte (Android ends a QP line with "=80"): keep the
        # rest of the value rather than read all of it as Latin-1.
        card.warnings.append(f"A vCard {name} value had bytes that are not {charset}; "
                             "they were left out.")
        return data.decode(charset, "replace").replace("\ufffd", "")
    except LookupError:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            card.warnings.append(f"A vCard {name} value had an unreadable charset ({charset}).")
            return data.decode("latin-1")


def _unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _components(value: str) -> list[str]:
    """Split a structured value (N, ADR, ORG) on unescaped semicolons, then unescape."""
    parts: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            buf.append(value[i : i + 2])
            i += 2
            continue
        if ch == ";":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return [_unescape(p).strip() for p in parts]


def _types(prop: _Prop) -> set[str]:
    return {t.strip().lower() for v in prop.params.get("TYPE", []) for t in v.split(",")}


def _text(prop: _Prop | None) -> str | None:
    if prop is None:
        return None
    value = re.sub(r"\s+", " ", _unescape(prop.value)).strip()
    return value or None


# (p-sig11) an international number on a TEL line of any card in the file
_INTL_TEL = rx.compile(r"^TEL[^:\n]*:[ \t]*(?:tel:)?[ \t]*(\+[\d ()./-]{6,})", re.I | re.M)


def _file_regions(text: str) -> tuple[str, ...]:
    """The countries of a card file's international numbers, most frequent first: several
    people in one export are most often of one country, so a card's national number whose
    own card names no country is read there ("079 ..." beside "+41 76 ...")."""
    from collections import Counter

    from followup.parsing.phones import normalize_phone, region_of

    found = Counter(region_of(normalize_phone(m.group(1)) or "") for m in _INTL_TEL.finditer(text))
    return tuple(r for r, _n in found.most_common() if r)


def _contact(card: _Card, region: str, others: tuple[str, ...] = ()) -> ParsedContact | None:
    full_name = _full_name(card)
    org = card.first("ORG")
    company = None
    if org is not None:
        company = re.sub(r"\s+", " ", _components(org.value)[0]).strip() or None
    title = _text(card.first("TITLE"))
    emails: list[str] = []
    for prop in card.all("EMAIL"):
        addr = _unescape(prop.value).strip().lower()
        addr = addr[7:] if addr.startswith("mailto:") else addr
        if not _EMAIL.match(addr):  # "Jane Doe <jane@x.example>"
            found = re.search(r"[^@\s<>,;:\"']+@[^@\s<>,;:\"']+\.[a-z0-9-]+", addr)
            addr = found.group(0) if found else ""
        if addr and addr not in emails:
            emails.append(addr)
    address, country = _address(card)
    phones = _phones(card, region, country, others)
    website, linkedin = _links(card)
    if not (full_name or emails or phones):
        return None
    return ParsedContact(
        full_name=full_name,
        emails=tuple(emails),
        phones=tuple(phones),
        company=company,
        title=title,
        website=website,
        linkedin=linkedin,
        address=address,
    )


def _full_name(card: _Card) -> str | None:
    show_as = _text(card.first("X-ABSHOWAS"))
    n = card.first("N")
    if show_as and show_as.upper() == "COMPANY" and (n is None or not n.value.strip(" ;")):
        return None  # an Apple company card: its FN is the company, not a person
    fn = _text(card.first("FN"))
    if fn:
        return clean_full_name(fn)
    if n is None:
        return None
    parts = _components(n.value) + [""] * 5
    family, given, additional = parts[0], parts[1], parts[2]
    built = " ".join(p for p in (given, additional, family) if p)
    return clean_full_name(built) if built else None


def _address(card: _Card) -> tuple[str | None, str | None]:
    """(one-line address, ISO country) of the preferred ADR: "street, city, region
    postcode, country" when the card gives a region, else "street, postcode city,
    country"; empty parts are left out."""
    adrs = card.all("ADR")
    if not adrs:
        return None, None
    adr = next((a for a in adrs if "pref" in _types(a) or a.params.get("PREF")), adrs[0])
    parts = _components(adr.value) + [""] * 7
    pobox, ext, street, city, reg, code, country = (p.strip(" ,") for p in parts[:7])
    # Evolution keeps "ASB-123" (a PO box or a flat) beside the street: part of the address
    street_line = ", ".join(
        s.strip(" ,") for s in re.split(r"\n", ", ".join(p for p in (pobox, ext, street) if p))
        if s.strip(" ,")
    )
    if reg:  # "1 Main St, Springfield, IL 62701, USA" (also Japan: "Tokyo 105-0011")
        segments = [street_line, city, " ".join(p for p in (reg, code) if p), country]
    else:  # no region: the European order "Lindwurmstraße 88, 80337 München, Germany"
        segments = [street_line, " ".join(p for p in (code, city) if p), country]
    segments = [s for s in segments if s]
    line = re.sub(r"\s+", " ", ", ".join(segments)).strip() or None
    iso = country_code_for(country) if country else None
    if iso is None and adr.group:
        # Apple writes the country code on its own line in the same group: X-ABADR:jp
        ab = next((p for p in card.all("X-ABADR") if p.group == adr.group), None)
        iso = country_code_for(ab.value) if ab is not None else None
    return line, iso


def _assistant_line(card: _Card, prop: _Prop) -> bool:
    """Apple's "item1.TEL" labelled "AssistantPhone" (Outlook: TYPE=x-assistant) reaches
    someone else: not the contact's own number."""
    if any("assistant" in t for t in _types(prop)):
        return True
    labels = [p.value for p in card.all("X-ABLABEL") if prop.group and p.group == prop.group]
    return any("assistant" in label.lower() for label in labels)


def _phones(card: _Card, region: str, country: str | None,
            others: tuple[str, ...] = ()) -> list[str]:
    tel_props = [p for p in card.all("TEL") if not (_types(p) & {"fax", "pager"}) and
                 not _assistant_line(card, p)]
    raws = [_unescape(p.value).strip() for p in tel_props]
    # National numbers take the card's country: its address, else its +CC numbers (fax
    # included), else a city in its address or a ccTLD in its email/website.
    hint_lines = [_unescape(p.value).strip().removeprefix("tel:") for p in card.all("TEL")] + [
        _unescape(p.value) for p in card.props if p.name in ("ADR", "EMAIL", "URL")
    ]
    card_region = country or (region_hint("\n".join(hint_lines)) if raws else None)
    out: list[str] = []
    for raw in raws:
        e164 = None if card_region or raw.lstrip().startswith(("+", "00")) else \
            read_national(raw, list(others))
        e164 = e164 or normalize_declared_phone(raw, card_region or region)
        if e164 and e164 not in out:
            out.append(e164)
    return out


_SOCIAL_HOSTS = rx.compile(
    r"^(?:https?://)?(?:[\w-]+\.)*(?:twitter\.com|x\.com|facebook\.com|fb\.com|"
    r"instagram\.com|github\.com|xing\.com|youtube\.com|tiktok\.com|threads\.net|"
    r"bsky\.app|mastodon\.social|medium\.com|t\.me|wa\.me)(?:[/:?#]|$)",
    re.IGNORECASE,
)


def _is_social(prop: _Prop, value: str) -> bool:
    """A profile on a social site is not the contact's website."""
    return bool(_SOCIAL_HOSTS.match(value.strip())) or "social" in _types(prop)


def _links(card: _Card) -> tuple[str | None, str | None]:
    website: str | None = None
    linkedin: str | None = None
    # A profile labelled as social wins over a LinkedIn link among the URLs.
    candidates = [
        p for p in card.props if p.name in ("X-SOCIALPROFILE", "SOCIALPROFILE", "IMPP")
    ] + card.all("URL")
    for prop in candidates:
        value = _unescape(prop.value).strip()
        profile = linkedin_profile_url(value)
        if profile is None and prop.name != "URL" and "linkedin" in _types(prop):
            user = (prop.params.get("X-USER") or [""])[0]
            slug = user or (value if re.fullmatch(r"[\w-]+", value) else "")
            profile = f"https://www.linkedin.com/in/{slug}" if slug else None
        if profile:
            linkedin = linkedin or profile
            continue
        if prop.name == "URL" and website is None and not _is_social(prop, value):
            website = website_url(value)
    return website, linkedin
