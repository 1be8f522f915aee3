"""Phone numbers: finding them in text and writing them in E.164 (phonenumbers)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from followup.parsing import phonelib, rx
from followup.parsing.geoplaces import geo_regions
from followup.parsing.places import CITIES, COUNTRY_NAMES
from followup.parsing.subdivisions import subdivision_regions

# phonenumbers is imported lazily (inside functions): it loads metadata on import.


# Words that, written right before a number, make it something other than a phone.
_NOT_PHONE_BEFORE = rx.compile(
    r"(?<!\w)(?:p\.?\s?o\.?|purchase\s+order|order|ord|invoice|inv|ref|reference|réf|"
    r"référence|referencia|riferimento|referentie|referência|ticket|case|tracking|"
    r"shipment|sku|serial|id|acct|account|konto|kto|iban|bic|swift|vat|ust-?id|siret|siren|"
    r"bestell(?:ung|nummer|nr)?|auftrag(?:snummer|snr)?|rechnung(?:snummer|snr)?|"
    r"kunden(?:nummer|nr)?|kd|vertrag(?:snummer|snr)?|aktenzeichen|az|"
    r"facture|commande|dossier|pedido|factura|albarán|fattura|ordine|ordinativo|"
    r"bestelling|factuur|fatura|encomenda|nota|zip|zip\s*code|postcode|postal\s*code|plz|"
    r"cp|cap|"
    # post boxes and company or tax registration numbers written in signatures ("P.O. Box
    # 40321-00100", "ABN 12 345 678 901", "RC 1456732", "CNPJ", "KvK", "NIP", "Reg. No.")
    r"box|postfach|apartado|casilla|caixa\s+postal|postbus|skrytka|abn|acn|gst|gstin|pan|cin|"
    r"rc|cnpj|cpf|cuit|rut|rfc|nif|cif|nie|kvk|btw|ust|uid|mwst|regon|nip|krs|ičo|ico|dič|"
    r"reg|registration|company\s+(?:no|number|reg)|tax\s*id|ein|tin|ssn|hrb|hra|handelsregister|steuer-?nr|"
    r"steuernummer|p\.?\s?iva|partita\s+iva|codice\s+fiscale|c\.?f|rcs|tva|uen|crn|"
    r"licen[cs]e|permit)"
    r"\W{0,3}(?:(?:no|nr|num|number|nummer|numéro|n°|nº|núm|número|#)\W{0,3})?"
    # (p-sig11) a tax number opens with its country's code: "TVA BE 0712.345.678"
    r"(?:(?-i:[A-Z]{2})\W{0,2})?$",
    re.IGNORECASE,
)
# An IBAN starts with a country code and two check digits: "DE89 3704 0044 ...".
_IBAN_BEFORE = rx.compile(r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z0-9]{4}[ ]?)*$")
_DATE_LIKE = rx.compile(
    r"^\s*(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|(?:19|20)\d\d\s*[./-].*"
    r"|\d{1,2}\.\d{1,2}\.?)\s*$"
)
_TRUNK_ZERO = rx.compile(r"^(\s*(?:\+|00)\s*\d{1,3}\s*)\(\s*0\s*\)\s*")
_LABEL_BEFORE = rx.compile(r"([A-Za-zÀ-ÿ][\w.\-/ ]{0,20}?)\s*[:.]?\s*$")

_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fax", rx.compile(r"\b(?:fax|telefax|télécopie|facsimile)\b|^f$", re.I)),
    ("pager", rx.compile(r"\b(?:pager|beeper)\b", re.I)),
    (
        "mobile",
        rx.compile(
            r"\b(?:m|mob|mobile?|mobil|mobiel|cell|cellular|cellphone|cel|celular|handy|"
            r"portable|port|gsm|móvil|movil|cellulare|telemóvel|telemovel|iphone|whatsapp|"
            r"text|sms|mobilnummer|handynummer|natel|κιν|κινητό|κινητο)\b",
            re.I,
        ),
    ),
    ("home", rx.compile(r"\b(?:home|privat|private|priv|domicile|casa|thuis|h)\b", re.I)),
    (
        "work",
        rx.compile(
            r"\b(?:w|o|work|office|direct|direct\s+line|dir|business|bureau|büro|buero|"
            r"dienstlich|geschäftlich|oficina|ufficio|kantoor|escritório|escritorio|switchboard|"
            r"zentrale|main)\b",
            re.I,
        ),
    ),
    (
        "other",
        rx.compile(
            r"\b(?:t|tel|tél|tele|telephone|téléphone|telefon|telefoon|teléfono|telefono|"
            r"telefone|phone|ph|fon|fone|voice|call|line|nummer|number|numéro|número|τηλ|"
            r"τηλέφωνο|τηλεφωνο)\b",
            re.I,
        ),
    ),
)


def classify_phone_label(label: str) -> str | None:
    """The kind of phone a label names: "mobile" ("M:", "Mobile", "Mobil", "Portable",
    "Cell", "Handy"), "work" ("Office", "W", "Direct line", "Büro"), "home", "fax",
    "pager" or "other" (a plain "Tel.", "Phone"); None when `label` names no phone.

    Decision: fax (and pager) numbers are NOT contact phones (nobody follows up by fax;
    the samples list only office and mobile numbers); `find_phones` and the vCard reader
    skip them.
    """
    text = (label or "").strip().strip(":.").strip()
    if not text:
        return None
    for kind, pattern in _LABELS:
        if pattern.search(text):
            return kind
    return None


def _phonenumbers() -> Any:
    return phonelib.phonenumbers()  # imported on first need, its patterns kept by rx


def _clean_raw(raw: str) -> str:
    text = raw.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    # RFC 3966 parameters (";ext=12", ";phone-context=") are not part of the number.
    text = text.split(";", 1)[0]
    return _TRUNK_ZERO.sub(r"\1", text)


@lru_cache(maxsize=4096)
def normalize_phone(raw: str, region: str = "US") -> str | None:
    """`raw` as E.164 (`+` and digits), or None when it is not a possible phone number.

    Takes "tel:" URIs, "+44 (0)20 ..." (the written trunk zero is dropped), "00" and "+"
    international prefixes; a national number takes `region`. Never raises."""
    try:
        pn = _phonenumbers()
        text = _clean_raw(raw)
        if not text or sum(ch.isdigit() for ch in text) < 6:
            return None
        if sum(ch.isalpha() for ch in text) > 4:  # words, not a vanity number
            return None
        reg = (region or "US").upper()
        num = pn.parse(text, reg)
        if not pn.is_possible_number(num):
            return None
        if len(pn.national_significant_number(num)) < 6:
            return None
        if _implausible(text, num):
            return None
        return str(pn.format_number(num, pn.PhoneNumberFormat.E164))
    except Exception:
        return None


def normalize_declared_phone(raw: str, region: str = "US") -> str | None:
    """As `normalize_phone`, for a value its sender declared a phone number (a vCard TEL):
    there a North American number of the right shape (NXX NXX XXXX) is kept also in a
    range not in service ("555 555 1111"), which free text would rather take for
    something else. Never raises."""
    found = normalize_phone(raw, region)
    if found is not None:
        return found
    try:
        pn = _phonenumbers()
        num = pn.parse(_clean_raw(raw), (region or "US").upper())
        national = str(pn.national_significant_number(num))
    except Exception:
        return None
    if num.country_code == 1 and re.fullmatch(r"[2-9]\d\d[2-9]\d{6}", national):
        return "+1" + national
    return None


def _implausible(raw: str, num: Any) -> bool:
    """A national number read in the default region that is no real number there ("06 98 76
    54 32" is French, not "+1 069..."): short, North American or bare digit runs must be
    valid; other fictional ranges (UK 07700 900xxx) stay, as in `find_phones`."""
    pn = _phonenumbers()
    if raw.lstrip().startswith(("+", "00")):
        return False
    digits = sum(ch.isdigit() for ch in raw)
    odd = digits < 10 or num.country_code == 1 or raw.strip().isdigit()
    return bool(odd and not pn.is_valid_number(num))


def phone_label_before(text: str, start: int) -> str | None:
    """The kind (as `classify_phone_label`) of the label written just before position
    `start` on the same line ("cell 646 ...", "Mobil: 0171 ..."), or None."""
    # Only the last stretch of the line counts (and keeps the searches linear).
    line_start = max(text.rfind("\n", 0, start) + 1, start - 80)
    before = text[line_start:start]
    # Only the stretch after the previous number or separator counts.
    before = rx.split(r"[|·•,;()]|\d", before)[-1]
    m = _LABEL_BEFORE.search(before)
    if not m:
        return None
    words = m.group(1).split()
    # The label is the last word or two ("Direct line", "Tél. :").
    for n in (2, 1):
        if len(words) >= n:
            kind = classify_phone_label(" ".join(words[-n:]))
            if kind:
                return kind
    return None


_AMOUNT = rx.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+$")  # 2.500.000, 12,500,000
# "5 m", "12k" are amounts; "M:" after a number is the label of the next one
# (on the same line: "601 234 578\nk.nowak@…" is a number, then an address)
_CURRENCY_AFTER = rx.compile(
    r"^[ \t]*(?:€|\$|£|eur|euro|euros|usd|chf|gbp|dollars?)|^[ \t]*[km]\b(?![ \t]*:|\.\w)",
    re.I)
_CURRENCY_BEFORE = rx.compile(r"(?:€|\$|£|eur|usd|chf|gbp)\s*$", re.I)


def _not_a_phone(text: str, start: int, end: int, raw: str) -> bool:
    if _DATE_LIKE.match(raw) or _AMOUNT.match(raw.strip()):
        return True
    if start > 0 and text[start - 1].isalnum():
        return True  # glued to letters: a tracking or reference code ("1Z999AA1012...")
    if _CURRENCY_AFTER.match(text[end : end + 8]) or _CURRENCY_BEFORE.search(
        text[max(0, start - 8) : start]
    ):
        return True
    # Only the last stretch of the line counts (and keeps the searches linear).
    line_start = max(text.rfind("\n", 0, start) + 1, start - 80)
    before = text[line_start:start]
    if _NOT_PHONE_BEFORE.search(before):
        return True
    if _IBAN_BEFORE.search(before.rstrip() + (" " if before.endswith(" ") else "")):
        return True
    if start > 0 and text[start - 1] in "#€$£/":
        return True
    after = text[end : end + 2]
    # A number glued to letters or a unit/currency/percent is not a phone.
    return bool(after and (after[0].isalpha() or after[0] in "%€$£°"))


def _short_national(num: Any, nsn: str, region: str) -> bool:
    """A six-digit number where six digits is a small country's whole national number
    (Andorra "812 345", the Faroes, Greenland): a phone when read in that country. Elsewhere
    so few digits are a reference, an amount or a postcode."""
    pn = _phonenumbers()
    meta = pn.PhoneMetadata.metadata_for_region(region)
    lengths = tuple(meta.general_desc.possible_length) if meta is not None else ()
    return (len(nsn) == 6 and bool(lengths) and min(lengths) == 6 and max(lengths) <= 9
            and bool(pn.is_valid_number_for_region(num, region)))


def find_phones(
    text: str, region: str = "US", *, include_fax: bool = False
) -> list[tuple[str, str, int, int]]:
    """Phones in free text: (E.164, the text as written, start, end), in order found.
    Order/PO/invoice/account numbers, IBANs, dates, times, zip codes and years are not
    phones; numbers labelled as fax are skipped unless `include_fax`. Every occurrence is
    given (callers that attach numbers to people by position need each span; dedupe
    with dict.fromkeys). Never raises."""
    return list(_find_phones(text, region, include_fax))


@lru_cache(maxsize=64)
def _find_phones(text: str, region: str, include_fax: bool
                 ) -> tuple[tuple[str, str, int, int], ...]:
    """`find_phones`, kept for a few recent texts: a note's readers ask about the same text
    and region again (about one call in five over the fixtures), and the answer depends on
    nothing else."""
    try:
        pn = _phonenumbers()
        reg = (region or "US").upper()
        found: list[tuple[str, str, int, int]] = []
        matcher = pn.PhoneNumberMatcher(text, reg, leniency=pn.Leniency.POSSIBLE)
        for m in matcher:
            raw = str(m.raw_string)
            start, end = int(m.start), int(m.end)
            if _not_a_phone(text, start, end, raw):
                continue
            num = m.number
            nsn = pn.national_significant_number(num)
            if len(nsn) < 7 and not _short_national(num, nsn, reg):
                continue
            # POSSIBLE leniency keeps fictional but real-looking ranges (UK 07700 900xxx),
            # and also any digit run: outside the valid ranges, bare digit runs, short
            # numbers and invalid North American ones ("1234567890", "4500012345") are
            # references, not phones.
            if _implausible(raw, num):
                continue
            if not include_fax and phone_label_before(text, start) in ("fax", "pager"):
                continue
            e164 = str(pn.format_number(num, pn.PhoneNumberFormat.E164))
            found.append((e164, raw, start, end))
        return tuple(found)
    except Exception:
        return ()


# --- region hints -----------------------------------------------------------------

_CCTLD = {
    "uk": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "be": "BE",
    "ch": "CH", "at": "AT", "se": "SE", "no": "NO", "dk": "DK", "fi": "FI", "pl": "PL",
    "pt": "PT", "ie": "IE", "jp": "JP", "au": "AU", "nz": "NZ", "ca": "CA", "mx": "MX",
    "br": "BR", "in": "IN", "sg": "SG", "za": "ZA", "cz": "CZ", "gr": "GR", "hu": "HU",
    "ro": "RO", "lu": "LU", "ar": "AR", "cl": "CL", "kr": "KR", "cn": "CN", "hk": "HK",
    "il": "IL", "tr": "TR", "gh": "GH", "ng": "NG", "ke": "KE", "ua": "UA", "sk": "SK",
    "si": "SI", "hr": "HR", "ee": "EE", "lv": "LV", "lt": "LT", "is": "IS",
}  # fmt: skip
# Vanity TLDs (.io, .co, .me, .ai, .tv, .fm, .ly ...) say nothing of a country: left out.

@lru_cache(maxsize=1)
def _place_pattern() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    # (sig10: a name that is also an ordinary word, "Island" Iceland's in German and the
    # Nordic languages, is weighed as the given-name cities are: "Island Cement Corp.")
    countries = {name: cc for cc, names in COUNTRY_NAMES.items() for name in names
                 if name not in _NAME_LIKE_CITIES}
    cities = {name: cc for cc, names in CITIES.items() for name in names}
    names = rx.longest_first([*countries, *cities])
    # Case-sensitive on purpose: "us" and "Paris" in lower case are ordinary words.
    pattern = rx.compile(r"(?<![\w@.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w@])")
    return pattern, countries, cities


# Lower-case place names that are also common words, or lower-case words elsewhere.
_LOWER_AMBIGUOUS = {"paris", "china", "chile", "essen", "porto", "cork", "korea", "bergen", "turin",
                    "naples", "reading", "venice"}


@lru_cache(maxsize=1)
def _lower_place_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    _pattern, countries, cities = _place_pattern()
    # (p-sig11: names of two words as well: "abu dhabi", "kuala lumpur")
    places = {n.casefold(): cc for n, cc in {**cities, **countries}.items()
              if len(n) >= 5 and n.replace(" ", "").isalpha() and
              n.casefold() not in _LOWER_AMBIGUOUS}
    names = rx.longest_first(places)
    return rx.compile(r"(?<![\w@./-])(" + "|".join(re.escape(n) for n in names) +
                      r")(?![\w@])"), places


def city_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each well-known city named (capitalised) in `text`."""
    pattern, _countries, cities = _place_pattern()
    return [m.span(1) for m in pattern.finditer(text) if m.group(1) in cities]


def _lower_place(text: str) -> str | None:
    """A well-known place written all in lower case ("met at the berlin ai meetup"): a
    typed note often has no capitals. Only longer names, and none that are also words."""
    pattern, places = _lower_place_pattern()
    for m in pattern.finditer(text):
        if m.group(1).islower():
            return places[m.group(1)]
    return None


# Lower-case TLD as domains are written; "end.It" across a sentence is not a domain.
_DOMAIN = rx.compile(r"(?<![\w.-])[\w-]{2,}(?:\.[\w-]+)*\.([a-z]{2})(?=[/\s>)\]\"',;:?]|\.?$)")


_INTL_HINT = rx.compile(r"\+\s?\d")


# sig10: big cities by the short names and old names their people type ("joburg", "jozi",
# "bombay", "tlv", "sampa", "cdmx", "kl"): as strong a hint as the city's own name. Only names
# that are no word and no other city; airport codes only where people use them for the city.
# (p-sig12: a city's own name, "Bengaluru", "Canberra", is read through the shared city data,
# in any case: `_place_pattern`, `_lower_place`)
_CITY_NICKNAMES: dict[str, str] = {
    "joburg": "ZA", "jozi": "ZA", "jhb": "ZA", "cpt": "ZA", "bombay": "IN", "madras": "IN",
    "calcutta": "IN", "blr": "IN", "tlv": "IL",
    "sampa": "BR", "cdmx": "MX", "kl": "MY", "hcmc": "VN", "dxb": "AE", "nbo": "KE",
    "bkk": "TH", "jkt": "ID", "akl": "NZ", "chch": "NZ", "wgtn": "NZ", "brissie": "AU",
    "melbs": "AU", "naija": "NG", "eko": "NG", "casa": "MA",
}
# the ones that are words in a language of the parser's: only in an English note ("en casa")
_NICKNAME_WORDS = frozenset({"casa", "eko"})
_NICKNAME = rx.compile(r"(?<![\w@./-])(" + "|".join(rx.longest_first(_CITY_NICKNAMES)) +
                       r")(?![\w@]|\.\w)", re.IGNORECASE)


def nickname_regions(text: str) -> tuple[str, ...]:
    """Countries of the cities `text` names by a nickname or old name ("met in joburg")."""
    from followup.parsing.language import guess_language

    found = [m.group(1).casefold() for m in _NICKNAME.finditer(text)]
    if any(n in _NICKNAME_WORDS for n in found) and guess_language(text) is not None:
        found = [n for n in found if n not in _NICKNAME_WORDS]
    return tuple(dict.fromkeys(_CITY_NICKNAMES[n] for n in found))


# a word of four letters or more in lower case, not inside an address or a domain
_LOWER_WORD = rx.compile(r"(?<![\w@./-])[a-zà-ÿ](?=[\w'’-]{3})")


_LOWER_AFTER_PLACE_WORD = rx.compile(
    r"(?:\b(?:in|en|em|à|bei|near|nahe|im|nel|nella|w)[ \t]|\()[ \t]?[a-zà-ÿ]{4}")


# p-sig11: a lower-case town standing alone as a field of a line ("... Coop SARL | agadir",
# "Olive Oil Ltd, jaén", "(abu dhabi)"): between separators, up to three words
_LOWER_FIELD = rx.compile(
    r"(?:^|[|,(;]|[ \t][-–—·•][ \t])[ \t]*([a-zà-ÿ][a-zà-ÿ'’-]{2,}(?:[ \t][a-zà-ÿ'’-]{2,}){0,2})"
    r"[ \t]*(?=$|[|,.;)]|[ \t][-–—·•(][ \t]?)", re.MULTILINE)


@lru_cache(maxsize=256)
def lower_town_regions(text: str) -> tuple[str, ...]:
    """sig10: the geocoder's towns that a note types in lower case after a preposition of
    place or in parentheses ("the forestry conf in rotorua", "(herning)"), first named first;
    those written with their capital are `geo_regions`' already. (p-sig11) And a town alone
    in a field of its line ("| agadir", ", jaén")."""
    out: list[str] = []
    if _LOWER_AFTER_PLACE_WORD.search(text):
        capital = _LOWER_WORD.sub(lambda m: m.group(0).upper(), text)
        own = geo_regions(text)
        out += [r for r in geo_regions(capital) if r not in own]
    out += _lower_field_regions(text)
    return tuple(dict.fromkeys(out))


def _lower_field_regions(text: str) -> list[str]:
    """Countries of the towns (the geocoder's, or the well-known cities) that `text` writes
    in lower case as a whole field of a line; a title or department is no town."""
    from followup.parsing.geoplaces import is_place_word

    out: list[str] = []
    for m in _LOWER_FIELD.finditer(text):
        name = m.group(1)
        if len(name) < 4:
            continue
        region = _lower_city(name) or is_place_word(" ".join(w.capitalize() for w in name.split()))
        out += [region] if region else []
    return out


def _lower_city(name: str) -> str | None:
    _pattern, places = _lower_place_pattern()
    return places.get(name) if name not in _LOWER_AMBIGUOUS else None


def region_names(text: str) -> tuple[str, ...]:
    """p-sig12: the countries of the states, provinces and regions `text` names ("Pune,
    Maharashtra", "Hamilton (Waikato)", "Campinas - SP"): as weak as a town the geocoder
    knows, so only where a number is written as that country writes it (the "Kochi" of a
    Kerala note is also a Japanese prefecture's name)."""
    return subdivision_regions(text, NAME_LIKE_CITIES)


def has_international_number(text: str) -> bool:
    """`text` holds a phone number written with its country code ("Platform - +65 9155
    0461"), as `find_phones` reads it (fax numbers too)."""
    return _INTL_HINT.search(text) is not None and any(
        raw.lstrip().startswith("+") for _e164, raw, _s, _e in
        find_phones(text, "US", include_fax=True))


@lru_cache(maxsize=1024)
def region_hint(text: str) -> str | None:
    """A country (ISO 3166 alpha-2) that the details in `text` make plain, or None.

    Evidence in order of strength: an international number ("+44 20 ...", "0049 ..."; the
    most frequent country code wins), a country name or well-known city in the text
    ("Manchester, UK", "80337 München", "Lyon"), a country-code TLD in an email address or
    website (".de", ".co.uk"; vanity TLDs such as .io/.co/.ai are ignored). Never raises."""
    try:
        pn = _phonenumbers()
        codes: Counter[str] = Counter()
        # Through find_phones so that IBANs ("DE89 ... 0044 ...") and references don't count.
        intl = _INTL_HINT.search(text) is not None  # the matcher is slow: only if needed
        for _e164, raw, _s, _e in find_phones(text, "US", include_fax=True) if intl else []:
            if raw.lstrip().startswith("+"):
                reg = pn.region_code_for_country_code(pn.parse(_e164, None).country_code)
                if reg and reg != "ZZ":
                    codes[str(reg)] += 1
        if codes:
            return codes.most_common(1)[0][0]
        pattern, countries, cities = _place_pattern()
        country_hit: str | None = None
        city_hit: str | None = None
        for m, seen in _places_in(pattern, text):
            name = m.group(1)
            if name in countries and country_hit is None and not _title_scope(seen, m.start()):
                country_hit = countries[name]
            elif name in cities and city_hit is None:
                city_hit = cities[name]
        if country_hit or city_hit:
            return country_hit or city_hit
        nickname = nickname_regions(text)
        if nickname:
            return nickname[0]
        adjective = city_adjective_regions(text)  # "vom Grazer Gründerabend" (p-people4)
        if adjective:
            return adjective[0]
        hit = _lower_place(text)
        if hit:
            return hit
        for m in _DOMAIN.finditer(text):
            tld = m.group(1).lower()
            if tld in _CCTLD:
                return _CCTLD[tld]
        return None
    except Exception:
        return None


# Cities that are also given names ("Sydney", "Florence"): left out of the place hints, they
# still say where a national number is when nothing stronger does and the number is valid
# there (see `national_regions`).
_NAME_LIKE_CITIES = {"Sydney": "AU", "Florence": "IT", "Island": "IS",
                     "Victoria": "CA", "Wellington": "NZ", "Auckland": "NZ", "Durban": "ZA",
                     "Cape Town": "ZA", "Johannesburg": "ZA", "Lima": "PE", "Santiago": "CL"}
# (p-sig12: and no state or region of that name says where either: "Victoria, BC"; freetext
# reads them as a city after an event's name too)
NAME_LIKE_CITIES = frozenset(_NAME_LIKE_CITIES)
_NAME_LIKE = rx.compile(r"(?<![\w@.])(" + "|".join(_NAME_LIKE_CITIES) + r")(?![\w@])")
_EMAIL_AT = rx.compile(r"\S@\S")
_LIST_MARKS = rx.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-*•–—])[ \t]+", re.MULTILINE)
# "en Santiago", "in Sydney": after a place preposition such a name is the city
_PLACE_PREP = rx.compile(r"\b(?:in|en|em|à|a|at|near|from|de|desde|bei|aus|nach|da|di|uit|w|i)"
                         r"\s+$", re.IGNORECASE)
_PHONE_RUN = rx.compile(r"\+?\(?\d[\d ()./-]{5,}\d")


@lru_cache(maxsize=1024)
def _places_in(pattern: re.Pattern[str], text: str) -> list[tuple[re.Match[str], str]]:
    """The places `pattern` finds in `text`, and then those it finds once the text's accents
    are dropped (sig9: "Việt Nam", "Türkiye" spelled with their own letters name "Viet Nam"),
    each with the text it was found in; none that names a street ("Calle Lima") or is a
    person's surname ("Beatriz Lima")."""
    found = [(m, text) for m in pattern.finditer(text)]
    if not text.isascii():
        plain = "".join(ch for ch in unicodedata.normalize("NFD", text)
                        if not unicodedata.combining(ch))
        plain = unicodedata.normalize("NFC", plain)
        if plain != text:
            found += [(m, plain) for m in pattern.finditer(plain)]
    return [(m, seen) for m, seen in found
            if not _street_named(seen, m.start()) and not _surname_at(seen, m)]


def _hints(text: str) -> tuple[str, ...]:
    """Every country `text` names or implies, strongest first (as `region_hint` orders its
    evidence): international numbers' codes, country names, cities, lower-case places and
    country-code TLDs."""
    out: list[str] = []
    try:
        pn = _phonenumbers()
        if _INTL_HINT.search(text):
            for e164, raw, _s, _e in find_phones(text, "US", include_fax=True):
                if raw.lstrip().startswith("+"):
                    out.append(str(pn.region_code_for_country_code(
                        pn.parse(e164, None).country_code)))
        pattern, countries, cities = _place_pattern()
        found = _places_in(pattern, text)
        names = [m.group(1) for m, _seen in found]
        out += [countries[m.group(1)] for m, seen in found
                if m.group(1) in countries and not _title_scope(seen, m.start())]
        out += [cities[n] for n in names if n in cities]
        out += nickname_regions(text)
        out += city_adjective_regions(text)
        lower = _lower_place(text)
        out += [lower] if lower else []
        out += [_CCTLD[m.group(1).lower()] for m in _DOMAIN.finditer(text)
                if m.group(1).lower() in _CCTLD]
        out += [_NAME_LIKE_CITIES[m.group(1)] for m in _NAME_LIKE.finditer(text)
                if _PLACE_PREP.search(text, max(0, m.start() - 8), m.start())]
    except Exception:
        return ()
    return tuple(dict.fromkeys(r for r in out if r and r != "ZZ"))


# p-sig11: a street or a district named after a city or a country ("Col. Roma Norte" in
# Mexico City, "Avenida Brasil", "Calle Lima", "Rue de Londres", "Via Milano"): the word before
# it says so, and the name is no hint of where the address is
_STREET_OPENER = rx.compile(
    r"\b(?:col|colonia|calle|c/|av|avda|avenida|rua|via|viale|corso|piazza|largo|rue|bd|"
    r"boulevard|avenue|bairro|barrio|jr|jirón|plaza|paseo|carrera|calzada|travessa|alameda)"
    r"\.?[ \t]+(?:(?:de|di|do|da|del|della|des|du|la|le|los|las)[ \t]+)?$", re.IGNORECASE)


# p-sig12: a capitalised word right before a city that is also a common surname ("Beatriz
# Lima", "Carlos Santiago", "Tom Wellington"): the name is the person's, not where she is
# (the other given-name cities are no surnames: "Startup Grind Cape Town" is a place)
_SURNAME_CITIES = frozenset({"Lima", "Santiago", "Wellington", "Florence"})
_GIVEN_BEFORE = rx.compile(r"(?<![\w.])[A-ZÀ-Þ][a-zß-ÿ]+[ \t]$")


def _surname_at(text: str, m: re.Match[str]) -> bool:
    """The city found by `m` is one that is also a person's name ("Lima"), written right
    after a capitalised word: the surname of the person named."""
    return m.group(1) in _SURNAME_CITIES and \
        _GIVEN_BEFORE.search(text, max(0, m.start() - 24), m.start()) is not None


def _street_named(text: str, start: int) -> bool:
    """The place at text[start:] is the name of a street or district ("Col. Roma Norte")."""
    return _STREET_OPENER.search(text, max(0, start - 24), start) is not None


# people (p-people4): a city said as its German adjective ("vom Wiener Frühstück", "auf dem
# Münchner Gipfel", "beim Grazer Forum", "die Kölner Messe"): the city's name and "-er" (or
# "-ner" for a name ending "-en": München -> Münchner, Dresden -> Dresdner), capitalised.
@lru_cache(maxsize=1)
def _city_adjective_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for cc, names in CITIES.items():
        for name in names:
            if len(name) >= 4 and name.isalpha() and name[0].isupper():
                forms.setdefault(name + "er", cc)
                if name.endswith("en"):
                    forms.setdefault(name[:-2] + "ner", cc)
    alternatives = "|".join(map(re.escape, rx.longest_first(forms)))
    return rx.compile(rf"(?<![\w@.])({alternatives})(?![\w@])"), forms


def city_adjective_regions(text: str) -> tuple[str, ...]:
    """Countries of cities named by their adjective ("Wiener", "Münchner", "la fiera
    milanese", "le salon lyonnais", "el encuentro porteño")."""
    out: list[str] = []
    if "er" in text:
        pattern, forms = _city_adjective_pattern()
        out += [forms[m.group(1)] for m in pattern.finditer(text)]
    out += [_CITY_DEMONYMS[m.group(1).casefold()] for m in _CITY_DEMONYM.finditer(text)]
    return tuple(dict.fromkeys(out))


# the adjectives of big cities in the Romance languages, which no rule derives from the
# city's name: stems, with the endings of gender and number after them
_CITY_DEMONYMS: dict[str, str] = {
    "milanes": "IT", "torines": "IT", "napoletan": "IT", "fiorentin": "IT", "bolognes": "IT",
    "venezian": "IT", "lyonnais": "FR", "marseillais": "FR", "parisien": "FR",
    "bordelais": "FR", "toulousain": "FR", "nantais": "FR", "lillois": "FR",
    "bruxellois": "BE", "genevois": "CH", "lausannois": "CH", "montréalais": "CA",
    "madrileñ": "ES", "barcelonés": "ES", "barceloní": "ES", "sevillan": "ES",
    "bilbaín": "ES", "bogotan": "CO", "medellinens": "CO", "limeñ": "PE", "porteñ": "AR",
    "santiaguin": "CL", "quiteñ": "EC", "caraqueñ": "VE", "regiomontan": "MX",
    "lisboet": "PT", "portuens": "PT", "carioca": "BR", "paulistan": "BR",
}
_CITY_DEMONYM = rx.compile(
    r"(?<!\w)(" + "|".join(rx.longest_first(map(re.escape, _CITY_DEMONYMS)))
    + r")(?:e|es|i|o|a|os|as|ne|nes|se|ses|s)?(?!\w)", re.IGNORECASE)


# people (p-people4): a country right after a job title on its line is the title's territory
# ("Key Account Manager Germania", "Sales Director France", "Leiter Vertrieb, Schweiz"), not
# where the note or the person is: it says nothing of a national number's country.
_TITLE_BEFORE = rx.compile(r"[ \t]*,?[ \t]*$")


def _title_scope(text: str, start: int) -> bool:
    from followup.parsing.lexicon import TITLE_WORDS

    line = text[max(text.rfind("\n", 0, start) + 1, start - 40):start]
    head = _TITLE_BEFORE.sub("", line)
    words = head.split()[-4:]
    # the title word may stand a few words before ("Responsable grands comptes Allemagne"),
    # but not with a place's preposition or verb after it ("CEO, based in Germany")
    for i in range(len(words) - 1, -1, -1):
        # (p-sig11: "Regional Director, GCC & Pakistan": the title's word before its comma)
        word = words[i].strip(",;:\u201a")  # (and the scope's kept comma, lexicon.COMMA)
        if _PLACE_WORD.fullmatch(word):
            return False
        if TITLE_WORDS.fullmatch(word.casefold()):
            return True
    return False


_PLACE_WORD = rx.compile(r"(?i:in|en|à|a|au|aux|aus|from|de|da|di|nach|im|nel|based|basé|basée|"
                         r"lives|vive|wohnt|near|bei|of|from|at|el|la|le|los|las|der|die|das)")


# The countries whose law a firm's legal form names, most likely first ("Thistle & Finch
# PLC", "Wawel Systems Sp. z o.o.", "Baltic Route SIA"): the weakest hint, after everything
# a note names, and only where a number is valid there. Forms that many countries share
# ("Ltd", "S.A.", "Inc") say nothing and are left out.
_FORM_REGIONS: dict[str, tuple[str, ...]] = {
    "gmbh": ("DE", "AT", "CH"), "ggmbh": ("DE",), "ag": ("DE", "CH", "AT"), "kg": ("DE", "AT"),
    "ek": ("DE",), "ug": ("DE",), "gbr": ("DE",), "ohg": ("DE",), "kgaa": ("DE",),
    # (p-lang11: the compound forms, read as one: "GmbH & Co. KG")
    "gmbhcokg": ("DE", "AT"), "ugcokg": ("DE",), "agcokg": ("DE",),
    "sarl": ("FR", "LU", "MA", "BE"), "sas": ("FR",), "sasu": ("FR",), "eurl": ("FR",),
    "sl": ("ES",), "slu": ("ES",), "sau": ("ES",), "sccl": ("ES",),
    "srl": ("IT", "RO", "BE", "AR"), "spa": ("IT", "CL"), "snc": ("IT", "FR"),
    "spzoo": ("PL",), "spj": ("PL",), "sro": ("CZ", "SK"), "spolsro": ("CZ", "SK"),
    "as": ("NO", "DK", "EE", "CZ"), "asa": ("NO",), "aps": ("DK",), "ab": ("SE", "FI"),
    "oy": ("FI",), "oyj": ("FI",), "ehf": ("IS",), "hf": ("IS",), "ou": ("EE",),
    "sia": ("LV",), "uab": ("LT",), "kft": ("HU",), "zrt": ("HU",), "nyrt": ("HU",),
    "bt": ("HU",), "doo": ("RS", "HR", "SI", "BA", "ME", "MK"), "eood": ("BG",),
    "ood": ("BG",), "bv": ("NL", "BE"), "nv": ("BE", "NL"), "bvba": ("BE",), "sprl": ("BE",),
    "plc": ("GB", "IE"), "llp": ("GB", "US"), "pty": ("AU", "ZA"), "ptyltd": ("AU", "ZA"),
    "pte": ("SG",), "pteltd": ("SG",), "sdnbhd": ("MY",), "bhd": ("MY",), "kk": ("JP",),
    "pvtltd": ("IN", "PK", "LK"), "lda": ("PT", "AO", "MZ"), "ltda": ("BR", "CO", "CL", "PT"),
    "eireli": ("BR",), "sadecv": ("MX",), "sdeflrl": ("MX",), "sapidecv": ("MX",),
    "sderldecv": ("MX",), "sac": ("PE",), "saa": ("PE",), "eirl": ("PE", "CL"),
    "pt": ("ID",), "tbk": ("ID",),
    # p-sig11: the one-partner SARL of Morocco and Tunisia, "Limited" spelled out
    "sarlau": ("MA",), "suarl": ("TN",), "ptelimited": ("SG",), "ptylimited": ("AU", "ZA"),
    "pvtlimited": ("IN", "PK", "LK"),
    # sig10: Egypt, the Gulf and Vietnam
    "sae": ("EG",), "fzllc": ("AE",), "fze": ("AE",), "fzco": ("AE",), "dmcc": ("AE",),
    "wll": ("BH", "QA", "KW"), "pjsc": ("AE", "RU"), "saog": ("OM",), "ksc": ("KW",),
    "qpsc": ("QA",), "jsc": ("VN", "KZ", "AZ"), "ltdsti": ("TR",),
}


# sig9: the Cyrillic forms of Ukraine, Russia and Bulgaria ("ТОВ «X»", "ООО «Y»")
_CYRILLIC_FORM_REGIONS: dict[str, tuple[str, ...]] = {
    "ТОВ": ("UA",), "ТзОВ": ("UA",), "ПрАТ": ("UA",), "ПАТ": ("UA",), "ООО": ("RU", "BY"),
    "ОАО": ("RU", "BY"), "ЗАО": ("RU", "BY"), "ПАО": ("RU",), "ЕООД": ("BG",), "ООД": ("BG",),
    "ЕАД": ("BG",),
}


# The forms whose brackets or letters say more than their folded letters: "(Pty) Ltd" is South
# Africa's where "Pty Ltd" is also Australia's; "(Pvt) Ltd" Sri Lanka's, Zimbabwe's, Pakistan's;
# "A.Ş." is Turkish where "AS" (its letters without the cedilla) is Nordic or Baltic.
_EXACT_FORM_REGIONS: dict[str, tuple[str, ...]] = {
    "(pty)ltd": ("ZA",), "(pty)limited": ("ZA",),
    **dict.fromkeys(("(pvt)ltd", "(private)limited"), ("LK", "ZW", "PK")),
    "aş": ("TR",), "ltdşti": ("TR",),
}


def _form_key(form: str, *, folded: bool) -> str:
    """A legal form's letters, lower case (and its brackets, unless `folded`): "(Pvt.) Ltd."
    -> "(pvt)ltd", "S.à r.l." -> "sarl" folded."""
    from followup.parsing.lexicon import CLOSE, OPEN
    from followup.parsing.names import fold

    text = form.replace(OPEN, "(").replace(CLOSE, ")")
    if folded:
        return re.sub(r"[^a-z]", "", fold(text))
    return re.sub(r"[^\w()]|[\d_]", "", text.casefold())


def _turkish(form: str) -> tuple[str, ...]:
    """Turkey for any form written with its s-cedilla ("A.Ş.", "Ltd. Şti.", "San. ve Tic. A.Ş."):
    the compounds are many, the letter is Turkey's alone among the forms listed."""
    return ("TR",) if "ş" in form.casefold() else ()


@lru_cache(maxsize=256)
def legal_form_regions(text: str) -> tuple[str, ...]:
    """The countries that the legal forms of the firms in `text` point at, in order."""
    from followup.parsing.lexicon import LEGAL_FORM

    out: list[str] = []
    for m in LEGAL_FORM.finditer(text):
        form = m.group(0)
        out += (_EXACT_FORM_REGIONS.get(_form_key(form, folded=False)) or
                _FORM_REGIONS.get(_form_key(form, folded=True)) or
                _CYRILLIC_FORM_REGIONS.get(form) or _turkish(form))
    return tuple(dict.fromkeys(out))


# A phone label only one country's language writes ("Tél :", "Handy", "Móvil", "Mòbil",
# "telemóvel", "kom.", "puh."): where a national number is when nothing else in the note
# says, and only where the number is valid there.
_LABEL_REGIONS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("tél", "téléphone", "portable"), ("FR", "BE", "CH", "LU")),
    **dict.fromkeys(("handy", "handynummer", "mobil", "mobilnummer", "festnetz", "durchwahl"),
                    ("DE", "AT", "CH")),
    "natel": ("CH",),
    **dict.fromkeys(("móvil", "movil", "teléfono", "fijo"), ("ES", "MX", "CO", "AR", "CL", "PE")),
    **dict.fromkeys(("mòbil", "telèfon"), ("ES", "AD")),
    **dict.fromkeys(("cellulare", "cell", "telefono"), ("IT", "CH")),
    **dict.fromkeys(("telemóvel", "telemovel", "telefone"), ("PT", "BR")),
    **dict.fromkeys(("celular", "cel"), ("MX", "CO", "AR", "CL", "PE", "BR")),
    **dict.fromkeys(("kom", "komórka"), ("PL",)),
    **dict.fromkeys(("mobiel", "telefoon", "gsm"), ("NL", "BE")),
    **dict.fromkeys(("puh", "puhelin"), ("FI",)),
    **dict.fromkeys(("tlf", "mob"), ("DK", "NO")),
    "mobiltelefon": ("SE", "NO", "DK"),
}
# one pass over the text for every label at once ("cell." and "kom." only with their dot)
_LABEL_WORD = rx.compile(
    r"(?<!\w)(" + "|".join(rx.longest_first(
        w for w in _LABEL_REGIONS if w not in ("cell", "kom", "cel", "puh", "tlf", "mob"))) +
    r"|cell(?=\.)|kom(?=\.)|cel(?=\.)|puh(?=\.)|tlf|mob(?=\.))(?!\w)", re.IGNORECASE)


# p-sig12: greetings and sign-offs in a language only one country's mail is written in, that
# its English mail opens and closes with: te reo Māori's in New Zealand ("Kia ora", "Ngā
# mihi", "Mauri ora", "Nāku noa, nā"); as weak a hint as a phone label
_GREETING = rx.compile(
    r"(?<!\w)(?:kia[ \t]+ora|ng[aā][ \t]+mihi|mauri[ \t]+ora|n[aā]ku[ \t]+noa|"
    r"t[eē]n[aā][ \t]+koe|noho[ \t]+ora[ \t]+mai)(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=256)
def label_regions(text: str) -> tuple[str, ...]:
    """The countries the phone labels of `text` are written for, first named first, and the
    country whose own greetings it uses ("Kia ora": New Zealand)."""
    out: list[str] = []
    for m in _LABEL_WORD.finditer(text):
        out += _LABEL_REGIONS[m.group(1).casefold()]
    out += ["NZ"] * bool(_GREETING.search(text))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _inflected_city_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    stems: dict[str, str] = {}
    for cc, names in CITIES.items():
        for name in names:
            # "Kraków" -> "Krakowie", "Warszawa" -> "Warszawie", "Vilnius" -> "Vilniuje"
            stem = name[:-1] if name[-1] in "aeiouyąę" else \
                name[:-2] if name[-2:] in ("as", "is", "us", "ys") else name
            if len(stem) >= 5 and " " not in stem and stem.isalpha():
                stems.setdefault(stem, cc)
    names = rx.longest_first(stems)
    alternatives = "|".join(map(re.escape, names))
    return rx.compile(rf"(?<![\w@.])({alternatives})\w{{1,4}}(?![\w@])"), stems


def inflected_city_regions(text: str) -> tuple[str, ...]:
    """Countries of cities named in a declined form ("w Krakowie", "Vilniuje", "i Tallinnas",
    "in Warszawie"): the city's stem and a short ending."""
    pattern, stems = _inflected_city_pattern()
    return tuple(dict.fromkeys(stems[m.group(1)] for m in pattern.finditer(text)))


# sig10: a script that only one or two countries write in everyday use: a note in Greek letters
# is Greek (or Cypriot), in Hebrew Israeli, in Hangul Korean, in kana Japanese, in Thai Thai.
# As weak as the note's language: only where the number is valid there. (Cyrillic, Arabic and
# the Latin alphabet are written in too many countries to say one.)
_SCRIPT_REGIONS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (rx.compile(r"[\u0370-\u03ff]{3}"), ("GR", "CY")),
    (rx.compile(r"[\u0590-\u05ff]{3}"), ("IL",)),
    (rx.compile(r"[\uac00-\ud7af]{2}"), ("KR",)),
    (rx.compile(r"[\u3040-\u30ff]{2}"), ("JP",)),
    (rx.compile(r"[\u0e00-\u0e7f]{3}"), ("TH",)),
    (rx.compile(r"[\u10a0-\u10ff]{3}"), ("GE",)),
    (rx.compile(r"[\u0530-\u058f]{3}"), ("AM",)),
)


@lru_cache(maxsize=256)
def script_regions(text: str) -> tuple[str, ...]:
    """The countries whose own script `text` is written in, most of it first."""
    if text.isascii():
        return ()
    counted = sorted(((len(p.findall(text)), regions) for p, regions in _SCRIPT_REGIONS),
                     key=lambda pair: -pair[0])
    return tuple(r for n, regions in counted if n for r in regions)


def hinted_regions(text: str) -> tuple[str, ...]:
    """Every country `text` names or implies, strongest first."""
    return _hints(text)


def national_regions(text: str, start: int, end: int, note: str,
                     language_region: str | None) -> list[str]:
    """Where the national number at text[start:end] may be, most likely first: what its own
    block (a paragraph that is one person's) or else its own line names, then what the
    note's lines without numbers name (a place on another person's line is that person's),
    the note's language, everything the note names, and last a city that is also a given
    name ("Sydney"). Callers take the first country where the number is valid; a country
    the note gives no hint of is never among them."""
    # p-sig11: a reader handed one field of a line ("Mobile 07911 ..." of "Direct +44 20 ... |
    # Mobile 07911 ...") weighs the number in its whole line and block, where the note has them
    at = note.find(text) if 0 < len(text) < len(note) else -1
    if at >= 0:
        text, start, end = note, start + at, end + at
    para_start = max(text.rfind("\n\n", 0, start) + 2, 0)
    para_end = text.find("\n\n", end)
    para_end = para_end if para_end >= 0 else len(text)
    if _one_persons_block(text, para_start, para_end):
        own = text[para_start:para_end]
    else:
        line_end = text.find("\n", end, para_end)
        own = text[text.rfind("\n", 0, start) + 1:line_end if line_end >= 0 else para_end]
    raw = text[start:end]
    shared, shared_towns, rest = _note_regions(note, language_region)
    towns = (*geo_regions(own), *lower_town_regions(own), *region_names(own))
    return list(dict.fromkeys([*_hints(own), *fitting_regions(raw, towns),
                               *shared, *fitting_regions(raw, shared_towns), *rest]))


def _groups(text: str) -> list[str]:
    return [g for g in re.split(r"\D+", text) if g]


def fitting_regions(raw: str, regions: tuple[str, ...]) -> list[str]:
    """The `regions` whose way of writing a national number `raw` fits: valid there, and its
    first group (the area code, trunk zero or not) as that country writes it. A town's name
    is a weaker hint than a country's or a city's: "(512) 834-2210" is no Australian number
    because a note says "(Southwest)"."""
    out = []
    for region in regions:
        grouped = _grouped(raw, region)
        # (p-sig11: or its first group holds the country's shorter first group whole: "0670
        # 55 21 09" fits Morocco's "06 70 55 21 09")
        if grouped is not None and (len(grouped[0]) < 2 or grouped[0][0] == grouped[1][0] or
                                    _holds_group(grouped[0], grouped[1])):
            out.append(region)
    return out


def _holds_group(written: list[str], usual: list[str]) -> bool:
    """The first written group is the country's first two groups run together ("670" for
    "6 70"): the same area or mobile prefix, grouped less."""
    return len(usual) > 2 and written[0] == usual[0] + usual[1]


@lru_cache(maxsize=256)
def _one_persons_block(text: str, start: int, end: int) -> bool:
    """A card or a labelled block: one number in it, or no list and at most one address."""
    para = text[start:end]
    return len(_PHONE_RUN.findall(para)) == 1 or (
        len(_EMAIL_AT.findall(para)) <= 1 and not _LIST_MARKS.search(para))


@lru_cache(maxsize=64)
def _note_regions(note: str, language_region: str | None
                  ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The note-wide part of `national_regions` (worked out once a note): what the note's
    lines without numbers name, the towns they name (checked against each number by the
    caller), and the rest, strongest first."""
    shared = "\n".join(ln for ln in note.splitlines() if not _PHONE_RUN.search(ln))
    # (p-people5) a country's adjective in the note ("the Swiss fintech forum", "la cámara
    # argentina") comes before the language's country: German is Swiss, Austrian as well
    out = [*_strong_demonyms(note),
           *([language_region] if language_region else []), *script_regions(note),
           *_hints(note)]
    # weaker than what the note names or its language: a firm's legal form ("SIA", "S.R.L.")
    out += legal_form_regions(note)
    out += ["NZ"] * bool(_GREETING.search(note))  # (p-sig12) "Kia ora", "Ngā mihi"
    out += demonym_regions(note)
    out += _name_like_regions(note)
    return _hints(shared), (*geo_regions(shared), *lower_town_regions(shared),
                            *region_names(shared)), tuple(out)


# people (p-people3): a country said as an adjective ("la Cámara de Comercio
# Argentino-Chilena", "un cliente mexicano", "the Kenyan fintech forum", "la délégation
# marocaine"): as weak a hint as a legal form, and only where the number is valid. Stems,
# so that the endings of Spanish, Portuguese, Italian, French and English all match.
_DEMONYM_STEMS: dict[str, str] = {
    "argentin": "AR", "chilen": "CL", "chilean": "CL", "mexican": "MX", "colombian": "CO",
    "peruan": "PE", "peruvian": "PE", "venezolan": "VE", "venezuelan": "VE", "uruguay": "UY",
    "paraguay": "PY", "ecuatorian": "EC", "ecuadorian": "EC", "bolivian": "BO",
    "brasileir": "BR", "brazilian": "BR", "brasilian": "BR", "costarricens": "CR",
    "guatemaltec": "GT", "panameñ": "PA", "dominican": "DO", "cuban": "CU",
    "portugues": "PT", "portuguê": "PT", "marocain": "MA", "moroccan": "MA", "marroquí": "MA",
    "nigerian": "NG", "kenyan": "KE", "ghanaian": "GH", "senegales": "SN", "sénégalais": "SN",
    "ivoirien": "CI", "tunisien": "TN", "tunisian": "TN", "algérien": "DZ", "egyptian": "EG",
    "south african": "ZA", "sudafrican": "ZA", "filipin": "PH", "philippine": "PH",
    "indonesian": "ID", "malaysian": "MY", "vietnamese": "VN", "thai": "TH",
    # (p-people5) the Alpine and Pyrenean ones and the Benelux's
    "swiss": "CH", "schweizer": "CH", "suiss": "CH", "svizzer": "CH", "suís": "CH",
    "austrian": "AT", "österreichisch": "AT", "autrichien": "AT", "austriac": "AT",
    "andorran": "AD", "andorr": "AD", "belgian": "BE", "belge": "BE", "belgisch": "BE",
    "luxembourgeois": "LU", "luxemburgisch": "LU",
}
_DEMONYM = rx.compile(
    r"(?<!\w)(" + "|".join(rx.longest_first(map(re.escape, _DEMONYM_STEMS)))
    + r")(?:[oaes]|os|as|es|ne|nes|ien|ienne|iens|iennes|ian|ians|ano|ana|ese|ês|esa)?(?![\w])",
    re.IGNORECASE)


# the demonyms of countries that share their language with a bigger neighbour: said in a
# note they decide before the language does ("Schweizer", "Swiss", "österreichisch")
_SHARED_LANGUAGE = frozenset({"CH", "AT", "AD", "AR", "CL", "MX", "CO", "PE", "UY", "BE", "LU",
                              "EC", "BO", "PY", "VE", "CR", "PA", "GT", "DO", "CU", "PT", "SN",
                              "CI", "MA", "TN", "DZ"})


def _strong_demonyms(note: str) -> tuple[str, ...]:
    return tuple(r for r in demonym_regions(note) if r in _SHARED_LANGUAGE)


def demonym_regions(text: str) -> tuple[str, ...]:
    """Countries `text` names by their adjective ("Argentino-Chilena": AR, then CL)."""
    return tuple(dict.fromkeys(_DEMONYM_STEMS[m.group(1).lower()] for m in _DEMONYM.finditer(text)
                               if m.group(1).lower() in _DEMONYM_STEMS))


def _name_like_regions(text: str) -> list[str]:
    """The countries of the cities in `text` whose names are also given names ("Sydney"),
    first named first; none written as a person's surname ("Beatriz Lima")."""
    return [_NAME_LIKE_CITIES[m.group(1)] for m in _NAME_LIKE.finditer(text)
            if not _surname_at(text, m)]


def name_like_city_region(text: str) -> str | None:
    """The country of the first city in `text` whose name is also a given name ("Sydney")."""
    return next(iter(_name_like_regions(text)), None)


def read_national(raw: str, regions: list[str]) -> str | None:
    """`raw` (a number written without a country code) in E.164 as read in the first of
    `regions` where it is a valid number, or None."""
    pn = _phonenumbers()
    for region in regions:
        num = _valid_in_region(raw, region)
        if num is not None:
            return str(pn.format_number(num, pn.PhoneNumberFormat.E164))
    return None


@lru_cache(maxsize=512)
def _valid_in_region(raw: str, region: str) -> Any | None:
    """`raw` parsed as a national number of `region` when it is a valid number there, else
    None: the one cache of the readers that weigh a number against countries (`read_national`,
    `_grouped`); a note's numbers are weighed against the same countries again and again, and
    the answer depends on nothing else. (phonenumbers' PhoneNumber is not changed by them.)"""
    pn = _phonenumbers()
    try:
        num = pn.parse(raw, region)
    except pn.NumberParseException:
        return None  # not a number in that country
    return num if pn.is_valid_number(num) else None


def country_code_for(name: str) -> str | None:
    """ISO 3166 alpha-2 for a country as an address writes it ("Japan", "Deutschland",
    "UK", "United States", or already "jp"/"DE"), or None. Never raises."""
    text = (name or "").strip().strip(".,")
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        code = text.upper()
        return "GB" if code == "UK" else code
    folded = _folded_countries()
    return next((folded[k] for k in _country_spellings(text) if k in folded), None)


@lru_cache(maxsize=1)
def _folded_countries() -> Mapping[str, str]:
    """`_place_pattern`'s countries by casefolded name, built once (they are constant)
    rather than on every `country_code_for`; read-only, as every caller shares the one."""
    _pattern, countries, _cities = _place_pattern()
    return MappingProxyType({k.casefold(): v for k, v in countries.items()})


def _country_spellings(text: str) -> list[str]:
    """A country as written and its usual variants: without dots ("U.S.A."), without a
    leading "the" or the "of America" of "United States of America"."""
    base = re.sub(r"\s+", " ", text.casefold())
    bare = base.replace(".", "").strip()
    bare = re.sub(r"^the ", "", bare)
    return [base, bare, re.sub(r" of america$", "", bare)]


# --- how a number is written ------------------------------------------------------

# The countries where a note's language is the everyday one (None: English, as
# language.guess_language says). A national number that no hint places is read in the one
# of them whose way of writing it the note follows, if only one does.
_LANGUAGE_COUNTRIES: dict[str | None, tuple[str, ...]] = {
    None: ("US", "GB", "IE", "CA", "AU", "NZ", "IN", "ZA", "NG", "KE", "GH", "SG", "PH"),
    "es": ("ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "UY", "PY", "BO", "CR", "PA", "GT",
           "DO"),
    "de": ("DE", "AT", "CH", "LU", "LI"), "fr": ("FR", "BE", "CH", "LU", "CA", "MC"),
    "it": ("IT", "CH", "SM"), "pt": ("PT", "BR"), "nl": ("NL", "BE"), "ca": ("ES", "AD"),
}


def _grouped(raw: str, region: str) -> tuple[list[str], list[str]] | None:
    """The digit groups of `raw` as written and as `region` writes it (the first group
    without its trunk zero), or None when `raw` is no valid number there."""
    num = _valid_in_region(raw, region)
    if num is None:
        return None
    pn = _phonenumbers()
    written = _groups(raw)
    usual = _groups(pn.format_number(num, pn.PhoneNumberFormat.NATIONAL))
    written[0], usual[0] = written[0].lstrip("0"), usual[0].lstrip("0")
    return written, usual


def _written_fit(raw: str, region: str) -> int:
    """2 when `raw` is valid in `region` and grouped exactly as that country writes it
    ("98450 12345" in India, "07823 456789" in the UK; a trunk zero may be left out),
    1 when only its first group (the area code or mobile prefix) is, else 0."""
    grouped = _grouped(raw, region)
    if grouped is None:
        return 0
    written, usual = grouped
    return 2 if written == usual else 1 if written[0] == usual[0] and len(written) > 1 else 0


def written_region(raw: str, language: str | None, default: str) -> str | None:
    """The one country of the note's language whose way of writing a national number `raw`
    follows, where the default region's does not ("98450 12345" is written as India
    writes mobiles, "(984) 501-2345" as the US would): exactly grouped first, else by its
    first group; None when none or several fit, or the default fits."""
    if len(_groups(raw)) < 2 or _written_fit(raw, default):
        return None
    countries = [c for c in _LANGUAGE_COUNTRIES.get(language, ()) if c != default]
    for level in (2, 1):
        fits = [c for c in countries if _written_fit(raw, c) == level]
        if fits:
            return fits[0] if len(fits) == 1 else None
    return None


def written_region_jointly(raws: list[str], language: str | None, default: str) -> str | None:
    """sig10: the one country of the note's language that writes every one of `raws` (a
    signature's national numbers) exactly as written, where each alone fits several: "(02)
    8771 2040" fits Australia and the Philippines, "0917 823 4471" the UK and the Philippines,
    the two together only the Philippines. None when the default region writes one of them,
    when fewer than two are given, or when no country or several fit all."""
    if len(raws) < 2 or any(_written_fit(raw, default) for raw in raws):
        return None
    countries = [c for c in _LANGUAGE_COUNTRIES.get(language, ()) if c != default]
    fits = [c for c in countries if all(_written_fit(raw, c) == 2 for raw in raws)]
    return fits[0] if len(fits) == 1 else None


def same_plan(region: str, other: str) -> bool:
    """Two countries of one numbering plan (one calling code: the US and Canada, the UK and
    Jersey)."""
    pn = _phonenumbers()
    return bool(pn.country_code_for_region(region) == pn.country_code_for_region(other))


def region_of(e164: str) -> str | None:
    """The country an E.164 number belongs to ("+4420..." -> "GB"), or None."""
    pn = _phonenumbers()
    try:
        region = pn.region_code_for_number(pn.parse(e164, None))
    except pn.NumberParseException:
        return None
    return str(region) if region and region != "ZZ" else None
