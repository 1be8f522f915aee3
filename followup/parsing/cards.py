"""Card readings -> contacts: QR payloads first, OCR text repaired and read by the signature
rules, the two sides of one card joined, several cards in one photo kept apart. Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from followup.model import ParsedContact
from followup.parsing import lookalike, rx, urls, vcard
from followup.parsing.names import clean_name, fold
from followup.parsing.people import merge
from followup.parsing.signature import read_card_text

PhoneFinder = Callable[[str], list[str]]
PhoneFinderFor = Callable[[str], PhoneFinder]  # text -> the phone reader fit for that text


@dataclass(frozen=True)
class Face:
    """One card as read from one image: OCR text and QR code texts."""

    text: str | None
    codes: tuple[str, ...] = ()


# ---- QR payloads -----------------------------------------------------------------------

def code_contact(payload: str, region: str) -> ParsedContact | None:
    """A contact from one QR code's text: a vCard, a MeCard, a mailto:/tel: link or a URL."""
    text = payload.strip()
    head = text[:12].upper()
    if head.startswith("BEGIN:VCARD"):
        found, _ = vcard.read_vcards(text, region)
        return found[0] if found else None
    if head.startswith("MECARD:"):
        return _mecard(text[7:], region)
    if head.startswith("MAILTO:"):
        emails = urls.find_emails(text[7:].split("?")[0])
        return ParsedContact(emails=tuple(emails)) if emails else None
    if head.startswith("TEL:"):
        from followup.parsing.phones import normalize_phone

        phone = normalize_phone(text[4:], region)
        return ParsedContact(phones=(phone,)) if phone else None
    return _url_contact(text)


def _url_contact(text: str) -> ParsedContact | None:
    if re.search(r"\s", text) or not re.match(r"(?:https?://|www\.)", text, re.IGNORECASE):
        return None  # free text in a QR code is no contact detail
    linkedin = urls.linkedin_url(text)
    if linkedin:
        return ParsedContact(linkedin=linkedin)
    site = urls.website_url(text)
    return ParsedContact(website=_site_root(site)) if site else None


def _site_root(url: str) -> str:
    """A card's QR link often carries tracking paths ("/vcard?id=7"): the site is its host."""
    m = re.match(r"(https?://[^/?#]+)", url, re.IGNORECASE)
    return m.group(1) if m else url


def _mecard(body: str, region: str) -> ParsedContact | None:
    """MeCard (NTT DoCoMo): `N:Family,Given;TEL:...;EMAIL:...;;`, `\\` escapes ; : , \\."""
    from followup.parsing.phones import normalize_phone

    fields: dict[str, list[str]] = {}
    for part in re.split(r"(?<!\\);", body):
        key, sep, value = part.partition(":")
        if sep and value.strip():
            fields.setdefault(key.strip().upper(), []).append(
                re.sub(r"\\(.)", r"\1", value.strip()))
    name = _mecard_name(fields.get("N", [""])[0])
    phones = [p for p in (normalize_phone(t, region) for t in fields.get("TEL", [])) if p]
    emails = [e for t in fields.get("EMAIL", []) for e in urls.find_emails(t)]
    link = _url_contact(fields.get("URL", [""])[0])
    contact = ParsedContact(
        full_name=clean_name(name) if name else None, emails=tuple(dict.fromkeys(emails)),
        phones=tuple(dict.fromkeys(phones)), company=_first(fields, "ORG"),
        title=_first(fields, "TITLE"), website=link.website if link else None,
        linkedin=link.linkedin if link else None, address=_first(fields, "ADR"))
    return contact if contact.full_name or contact.emails or contact.phones else None


def _mecard_name(raw: str) -> str:
    family, _, given = raw.partition(",")
    return f"{given.strip()} {family.strip()}".strip()


def _first(fields: dict[str, list[str]], key: str) -> str | None:
    values = fields.get(key)
    return values[0] if values else None


# ---- OCR text --------------------------------------------------------------------------

_AT_LOOKALIKE = rx.compile(r"\s*(?:\(at\)|\[at\]|\{at\}|©|®|\(a\)|\(@\)|\s@\s?|@\s)\s*",
                           re.IGNORECASE)
_EMAILISH = rx.compile(r"[\w+-]+(?:\s?[._]\s?[\w+-]+)*\s*(?:@|©|®|\(at\)|\[at\]|\(a\))"
                       r"\s*[\w-]+(?:\s?\.\s?[\w-]+)+", re.IGNORECASE)


def repair_emails(text: str, hints: str = "") -> str:
    """OCR's usual slips in addresses mended, each only where the mended form is a valid
    address: an @ read as ©/®/(at), a space inside the address, and "rn" for "m" (or the
    reverse) where the card's other text (its web site, its name) spells it so."""
    out = []
    for line in text.splitlines():
        line = _underscores(line, f"{text}\n{hints}")
        out.append(_EMAILISH.sub(lambda m: _mend(m.group(0), f"{text}\n{hints}"), line))
    return _spaced_domains(_site_domains("\n".join(out), hints))


def _spaced_domains(text: str) -> str:
    """The card's email domain where it is printed again with a space or comma OCR put in
    ("acme. example", "acme, example" beside jane@acme.example, or a line "acme example"
    alone): the web site, mostly."""
    for domain in {e.split("@")[1] for e in urls.find_emails(text)}:
        parts = domain.split(".")
        spaced = r"(?<!\w)" + r"\s?[.,]\s?".join(map(re.escape, parts)) + r"(?![\w])"
        text = re.sub(spaced, domain, text, flags=re.IGNORECASE)
        # the dot lost altogether: only a line that is nothing else ("silverstone fr")
        alone = r"^[ \t]*" + r"[ \t]+".join(map(re.escape, parts)) + r"[ \t]*$"
        text = re.sub(alone, domain, text, flags=re.IGNORECASE | re.MULTILINE)
    return text


def _site_domains(text: str, hints: str = "") -> str:
    """An address whose domain is the card's web site (printed, or in its QR code) with a
    dot lost or misread ("jane@acmeco", "jane@acme,co"): spelt as the site is."""
    hosts = {re.sub(r"^(?:https?://)?(?:www\.)?", "", u, flags=re.IGNORECASE).split("/")[0].lower()
             for u in urls.find_urls(f"{text}\n{hints}")}

    def fix(m: re.Match[str]) -> str:
        local, domain = m.group(1), m.group(2)
        flat = re.sub(r"[.,]", "", domain.lower())
        for host in hosts:
            if host != domain.lower() and host.replace(".", "") == flat:
                return f"{local}@{host}"
        return m.group(0)

    text = re.sub(r"([\w.+-]+)@([\w.,-]+\w)", fix, text)
    return text if urls.find_emails(text) else _lost_at(text, hosts)


def _lost_at(text: str, hosts: set[str]) -> str:
    """A card with a web site and no address at all: the @ was read as "O", "0", "G", "©"
    or a space before the site's host ("mateo.girardO loirepoint.com"). Lower-case words only,
    so "Visit acme.com" stays prose."""
    for host in rx.longest_first(hosts):
        pattern = (r"(?<![\w@/.])([a-z0-9][a-z0-9._+-]*?[a-z0-9_])(?:\s?[O0©®GQ]\s?|\s)"
                   + re.escape(host) + r"\b")
        m = re.search(pattern, text)
        if m and m.group(1) != "www" and _valid_address(f"{m.group(1)}@{host}"):
            return text[:m.start()] + f"{m.group(1)}@{host}" + text[m.end():]
    return text


def _mend(span: str, hints: str) -> str:
    joined = _AT_LOOKALIKE.sub("@", span, count=1)
    joined = re.sub(r"\s*\.\s*", ".", joined)
    if not _valid_address(joined):
        return span
    return _rn_m(joined, hints.replace(span, " "))


def _underscores(line: str, hints: str) -> str:
    """"ines schneider@..." beside the name Inès Schneider: OCR loses the underscore (it
    sits on the baseline, like a rule), not the name's words."""
    # capitalised words of the rest of the card: the name as printed
    words = {fold(w).lower() for w in re.findall(r"\b[^\W\d_a-z][^\W\d_]+",
                                                  hints.replace(line, " "))}

    def fix(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        return f"{a}_{b}" if a in words and b in words else m.group(0)

    return re.sub(r"(?<![\w.@])([a-z0-9]+) ([a-z0-9]+)(?=\s?@)", fix, line)


def _valid_address(addr: str) -> bool:
    m = urls.EMAIL_RE.fullmatch(addr)
    return bool(m) and "." in addr.split("@")[1] and ".." not in addr


def _rn_m(addr: str, hints: str) -> str:
    """"rn" and "m" look alike in print: take the spelling the rest of the card uses."""
    if "rn" not in addr and "m" not in addr:
        return addr
    words = {fold(w).lower() for w in re.findall(r"[\w-]{3,}", hints)}
    local, domain = addr.split("@")
    parts = [*re.split(r"[._-]", local), *domain.split(".")[:-1]]
    for part in parts:
        for a, b in (("rn", "m"), ("m", "rn")):
            if a in part and part not in words:
                alt = part.replace(a, b)
                if alt in words:
                    addr = addr.replace(part, alt)
    return addr


_LABEL = rx.compile(r"^\s*(?:[^\W\d_][\w-]{0,11}(?:\s?:|\.\s*:|\.(?=\s))\s*|[TEWMPF]\s+)"
                    r"(?=[+(\d]|\S+@|(?:https?://|www\.))", re.IGNORECASE)


def _unlabelled(text: str) -> str:
    """Lines without their contact labels ("Tél. :", "Móvil:", "E-Mail:", "T"): the card
    rules know a few English ones; the value is what matters."""
    return "\n".join(_LABEL.sub("", ln) for ln in text.splitlines())


def text_contact(text: str, find_phones: PhoneFinder) -> ParsedContact | None:
    info = read_card_text(text, find_phones)
    contact = ParsedContact(
        full_name=clean_name(info.name), emails=tuple(info.emails), phones=tuple(info.phones),
        company=info.company, title=info.title, website=info.website,
        linkedin=info.linkedin, address=info.address)
    return contact if any((contact.full_name, contact.emails, contact.phones,
                           contact.company)) else None


def face_contact(face: Face, region: str, phones_for: PhoneFinderFor) -> ParsedContact | None:
    """One card's contact: what its QR code says wins, the printed text fills the rest."""
    coded = [c for c in (code_contact(p, region) for p in face.codes) if c]
    printed = None
    if face.text:
        text = _unlabelled(repair_emails(face.text, "\n".join(face.codes)))
        text = lookalike.mend_addresses(text)
        text = lookalike.mend_phones(text, phones_for(text))
        printed = text_contact(text, phones_for(text))
    result: ParsedContact | None = None
    for c in [*coded, printed]:
        if c is not None:
            result = c if result is None else merge(result, c)
    return result


# ---- images -> contacts ----------------------------------------------------------------

def read_faces(images: Sequence[Sequence[Face]], region: str,
               phones_for: PhoneFinderFor) -> list[ParsedContact]:
    """Contacts from the cards of several images. Each card of a photo is its own contact;
    an image holding one card that shares a detail with another's (or names no one: the
    back of a card) is that card's other side, and both sides are read as one card."""
    out: list[ParsedContact] = []
    last: tuple[int, Face] | None = None  # the latest one-card image: where in `out`, its face
    for faces in images:
        found = [(f, c) for f, c in ((f, face_contact(f, region, phones_for)) for f in faces)
                 if c is not None]
        if len(found) == 1 and last and _other_side(out[last[0]], found[0][1]):
            both = _both_sides(last[1], found[0][0])
            joined = face_contact(both, region, phones_for)
            out[last[0]] = joined or _join_sides(out[last[0]], found[0][1])
            last = None  # a card has two sides
            continue
        last = (len(out), found[0][0]) if len(found) == 1 else None
        out.extend(c for _, c in found)
    return out


def _both_sides(a: Face, b: Face) -> Face:
    """One reading of both sides: the name is told from the company by the address on the
    other side ("Greta Okafor" beside gokafor@...)."""
    text = "\n".join(t for t in (a.text, b.text) if t) or None
    return Face(text, (*a.codes, *b.codes))


def _other_side(a: ParsedContact, b: ParsedContact) -> bool:
    if set(a.emails) & set(b.emails) or set(a.phones) & set(b.phones):
        return True
    if not a.full_name or not b.full_name:
        return True  # one side names no one: a company side or a details side
    return fold(a.full_name).lower() == fold(b.full_name).lower()


def _join_sides(a: ParsedContact, b: ParsedContact) -> ParsedContact:
    """The side that names the person leads; the other adds what it alone says."""
    first, second = (a, b) if a.full_name or not b.full_name else (b, a)
    joined = merge(first, second)
    if first.full_name and not first.company and second.company and not second.full_name:
        joined = replace(joined, company=second.company)
    return joined
