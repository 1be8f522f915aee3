"""Postal addresses as people write them in signatures and notes, in the formats of Europe,
the Americas and Africa: a street with its number (or a unit, a plot, a PO box), then the
parts up to a postcode, a well-known city, a country or a region's short name.

Rules rather than a model: libpostal would read more, but it is a large native library;
these lines are short and follow a few shapes.
"""

from __future__ import annotations

import re

from followup.parsing import phones, rx, urls
from followup.parsing.lexicon import COUNTRIES
from followup.parsing.names import fold
from followup.parsing.places import CITIES, COUNTRY_NAMES

STREET = rx.compile(
    # ("Kaiserring", "Ostring" but not "Engineering", "Monitoring": a vowel before "ring"
    # makes an English -ing word)
    r"(?:stra(?:ss|ß)e|str\.|weg|gasse|platz|allee|(?<![aeiouäöü])ring|damm|ufer|boulevard|\brue\b|\bavenue\b|"
    r"\bave\b|\bstreet\b|\bst\b|\broad\b|\brd\b|\blane\b|\bdrive\b|\bdr\b|\bway\b|\bcalle\b|"
    r"\bcarrer\b|\bavenida\b|\bplaza\b|\bvia\b|\bviale\b|\bpiazza\b|kade\b|gracht\b|"
    r"laan\b|plein\b|\bvej\b|gatan\b|\bgata\b|\bsuite\b|\bfloor\b|\bchemin\b|\bplace\b|"
    r"\bquai\b|\bcours\b|\bimpasse\b|\bsquare\b|\bhighway\b|\bparkway\b|\bcourt\b|\bct\b|"
    # Latin America, Iberia, Italy, the Baltics, Central Europe, France
    r"\bav\.|\bavda\.?|\bpaseo\b|\bpasaje\b|\bcarrera\b|\bcra\.|\bjr\.|\bjirón\b|\brua\b|"
    r"\bcorso\b|\blargo\b|\bvicolo\b|\bstrada\b|\brambla\b|\bpasseig\b|\bronda\b|"
    r"\btravessera\b|\bcamino\b|\bcarretera\b|\bctra\.|\bcalzada\b|\bcol\.|\bcolonia\b|"
    r"\biela\b|\bmnt\b|\bmaantee\b|\btänav\b|\bpuiestee\b|\bgatvė\b|\bpr\.|\bprospektas\b|"
    r"\butca\b|\bút\b|\btér\b|\bulica\b|\bul\.|\bal\.|\baleje\b|\bnám\.|\bnáměstí\b|"
    r"\bbd\b|\bblvd\b|\bboul\.|\ballée\b|\broute\b|straat\b|\bsteenweg\b|\bchauss[ée]e\b|"
    r"\bbv\.|\bbulevar\b|\btravessa\b|\balameda\b|\brodovia\b|\bestrada\b|\bcalçada\b|"
    r"singel\b|dijk\b|\bgade\b|veien\b|vegen\b|katu\b|(?<=\w\w\w\w)tie\b|"
    # sig9: Nordic street names are compounds ("Industrivej", "Nørregade", "Storgata",
    # "Kungsgatan", "Sveavägen", "Mannerheimintie"): the street word ends the name
    r"(?<=\w\w\w)(?:vej|gade|stræde|gata|gaten|vei|veg|torget|gränd|kuja)\b|"
    r"\btrg\b|\bnábrežie\b|"
    r"\bnivy\b|\bcesta\b|\bcalea\b|\bintrarea\b|(?<!\w)c/|\bzi\b|\bzac?\b|"
    r"\bzone\s+(?:industrielle|artisanale|d'activit\w+)|\bgate\b|\bvei\b|\bveg\b|vägen\b|"
    r"\btorg\b|\btorv\b|\bplass\b|\bpkwy\b|\bhwy\b|\bln\b|\bpl\.|"
    # Lithuanian "g." (gatvė), Estonian "tn", "pst", Latvian "bulvāris", Czech "třída"
    r"\bg\.(?=\s*\d)|\btn\b|\bpst\b|\bbulvāris\b|\bprospekts\b|\bgatve\b|\btřída\b|"
    # blocks (p-blocks8): Latin American roads and kilometre posts ("Km 4 vía X - Y",
    # "Transversal 5", "Autopista Norte km 21")
    r"\bvía\b|\bkm\.?(?=\s*\d)|\btransversal\b|\bdiagonal\b|\bautopista\b|"
    # sig9: streets in Cyrillic (Ukraine, Russia, Bulgaria, Serbia): "вул. Хрещатик 22",
    # "ул. Тверская, 7", "бул. Витоша 15"
    r"\bвул\.|\bул\.|\bвулиця\b|\bулица\b|\bпросп\.|\bпроспект\b|\bбул\.|\bбульв\.|"
    r"\bбульвар\b|\bпров\.|\bпер\.|\bшосе\b|\bшоссе\b|\bплоща\b|\bплощадь\b|"
    # sig10: "пр. Абая" (проспект, Kazakhstan and Russia), "мкр. Самал-2" (a district)
    r"\bпр\.|\bпр-т\b|\bмкр\.|\bмикрорайон\b|"
    # Korean road names: Teheran-ro, Sejong-daero, Yeoksam-ro 7-gil
    r"(?<=\w)-(?:ro|daero|gil)\b)",
    re.IGNORECASE,
)
POSTCODE = rx.compile(
    r"\b\d{4,5}\s+\w|\b\d{4}\s?[A-Z]{2}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|"
    r"\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b|\b\d{3}-\d{4}\s+[A-Z]|\b\d{2}-\d{3}\s+\w|"
    # LV-1010, LT-01103; Argentina's C1043AAZ; Canada's K1A 0B1; "Lima 15036", "Santiago 7550000"
    r"\b[A-Z]{2}-\d{4,5}\b|\b[A-Z]\d{4}[A-Z]{3}\b|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b|"
    r"\b[A-ZÀ-Ý][a-zà-ÿ'’-]+\s\d{5,7}\s*(?:,|$)|"
    r"\b\d{5}-\d{3}\b|"  # Brazil's CEP
    # Portugal's 1100-053, Czech and Slovak 120 00, Argentina's X5000, Ireland's D09 X8W3
    r"\b\d{4}-\d{3}\b|\b\d{3}\s\d{2}\s+[A-ZÀ-Ý]|\b[A-Z]\d{4}\s+[A-ZÀ-Ý]|"
    r"\b[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y0-9]{4}\b|"
    # six digits (Romania, India, Singapore) and Australia's state and four digits
    r"\b\d{6}\s+[A-ZÀ-Ý]|\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+\d{4}\b|"
    # Japan's 〒100-0005, and "Tokyo 153-0063", "Chuo-ku 103-0027" after its city or ward
    # (after any other word "555-0143" is an American phone number)
    # (places.CITIES["JP"] holds Sendai, Hiroshima, Kawasaki, Saitama, Chiba; Kobe is here only)
    r"〒\s?\d{3}-?\d{4}|(?:\b(?:" + "|".join([*CITIES["JP"], "Kobe"]) + r")|"
    r"-(?:ku|shi|ken|fu|to|cho|machi))\s\d{3}-\d{4}\b"
)
# Street words written short, whose dot ends no sentence ("Av. Paulista", "boul. René-Lévesque")
STREET_ABBR = rx.compile(
    r"(?:\b(?:av|avda|boul|bd|blvd|jr|cra|col|pr|ul|al|nám|bv|pl|g|ctra)|str)$", re.IGNORECASE)
# a unit's number sign and letter before its digits: "No. 5", "#12", "B-4"
_UNIT_NO = r"(?:(?:no|nr|n[°º])\.?\s*|\#\s*)?(?:[a-z]-?)?"
# A part that starts an address without a street word: "Unit 4", "Plot 1124", "Suite 200",
# "P.O. Box 40321-00100"
_UNIT_START = rx.compile(
    r"^(?:unit|plot|suite|flat|apt\.?|apartment|building|bldg\.?|block|lot|office|oficina|"
    r"level|floor|fl\.?|"
    r"bureau|local|piso|planta|andar|sala|lokal|stock|étage|"
    # sig9: a lot in an industrial zone (Vietnam, Morocco, Latin America): "Lô C5", "Lote 12"
    r"lô|lote|lotissement|"
    # sig10: an office in Cyrillic ("офис 12", "оф. 305") and Spanish short ("Of. 402")
    r"офис|оф\.|of\.|ofic\.)\s+" + _UNIT_NO + r"\d"
    # a Japanese block number (chōme-banchi-gō) before its district: "2-11-3 Meguro"
    r"|^\d{1,2}-\d{1,3}(?:-\d{1,3})?\s+(?-i:[A-Z])[a-z]", re.IGNORECASE)
PO_BOX = rx.compile(
    r"\b(?:p\.?\s?o\.?\s?box|apartado(?:\s+postal)?|caixa\s+postal|casilla|postfach|"
    r"b\.?p\.?|boîte\s+postale|skrytka\s+pocztowa)\s*\d", re.IGNORECASE)
# "Telliskivi 60a", "Blanco 1199", "Mlynské nivy 5": a name then its house number
_NAME_NUMBER = rx.compile(r"^(?-i:[A-ZÀ-Ý])[^\W\d_]+(?:[ \t]+[^\W\d_.]+){0,3}[ \t]+\d{1,5}[a-z]?$")
# p-placetime5: "15 Le Duan", "88 Sukhumvit", "7 Jalan Ampang": the house number then the
# street's name, without a street word, as Vietnam, Thailand, Malaysia and many others write
# it; an address only when it ends at a country ("3 Days Left, Berlin" is a title)
_NUMBER_NAME = rx.compile(
    r"^\d{1,5}[a-z]?[ \t]+(?-i:[A-ZÀ-Ý])[^\W\d_]+(?:[ \t]+(?:[^\W\d_.]+|\d{1,4})){0,3}$")
# words of a sentence, not of a street's name ("Met Anna at Hall 7")
_SENTENCE_WORDS = frozenset({"at", "with", "met", "in", "on", "from", "to", "and", "for", "the",
                             "is", "was", "booth", "hall", "stand", "table", "room", "gate"})
# "SP", "FCT", "N.L.", "QC", "Jal.": a region's short name closing an address
_REGION = rx.compile(r"^(?:[A-Z]{2,3}|(?:[A-Z]\.){2,3}|[A-Z][a-z]{1,3}\.)$")
_LABEL = rx.compile(
    r"^\s*(?:address|adresse|adres|adress|adreça|anschrift|dirección|direccion|domicilio|"
    r"endereço|indirizzo|morada|osoite|adresas|aadress|adrese|cím)\s*:\s*", re.IGNORECASE)
_PHONE_LABEL = rx.compile(
    r"^\s*(?:(?:fax|telefax|ext|tel|tél|phone|mobile|cell|cel|direct|gsm|mob|whatsapp|"
    r"tlf|tlm|kom|handy)(?![^\W\d_])|[tmfdop]:|[tmfdop]\s+[+(\d]|"
    # "Office: 020 ...", "office 55 5250 3300" label a phone; "Office 1408, Marina Tower" and
    # "Office 12 Riverside House" are a unit (a short number, then a comma or a word)
    r"office(?![^\W\d_]|\s+" + _UNIT_NO + r"\d{1,5}[a-z]?"
    r"(?:\s*,|\s+[^\W\d_])))", re.IGNORECASE)
# "07700 900123", "+44 20 7946 0000": a phone after the address, not its part (a postcode
# alone has fewer digits: "01305-000", "120 00", "4710-251")
_PHONE_LIKE = rx.compile(r"\+?[\d(][\d\s().-]{5,}\d")


def _is_phone_like(part: str) -> bool:
    return _PHONE_LIKE.fullmatch(part) is not None and (
        part.startswith("+") or sum(ch.isdigit() for ch in part) >= 9)
def _unit_start(part: str) -> bool:
    """ "Unit 4", "Oficina 301": a unit that starts an address; "oficina 55 5250 3300",
    "office 020 7946 0000", "bureau 01 42 68 53 00" are the office's phone."""
    m = _UNIT_START.match(part)
    return m is not None and not _is_phone_like(part[m.end() - 1:].strip())


# a fax line ("Fax: +49 ...", "f. 020 ..."): no part of an address, no way to reach anyone
FAX = rx.compile(r"^\s*(?:fax|telefax|télécopie|f)\s*[.:]?\s*[+(\d]", re.IGNORECASE)

_CITY_NAMES = frozenset(fold(c) for names in CITIES.values() for c in names)
_COUNTRY_NAMES = frozenset(COUNTRIES) | frozenset(
    fold(c) for names in COUNTRY_NAMES.values() for c in names)


def is_address(seg: str) -> bool:
    """A signature line (or a piece of one) that is an address or a part of one."""
    if urls.EMAIL_RE.search(seg) or _PHONE_LABEL.match(seg) or _labelled_number(seg):
        return False
    if not re.search(r"[^\W\d_]{3,}", seg):
        return False
    if _unit_start(seg) or PO_BOX.search(seg):
        return True
    if _UNIT_START.match(seg):
        return False  # "oficina 55 5250 3300": the office's phone
    has_num = bool(re.search(r"\d", seg))
    if not has_num:
        return _numberless_street(seg)
    return bool(POSTCODE.search(seg) or STREET.search(seg) or
                            find_address(seg) is not None)


def _labelled_number(seg: str) -> bool:
    """sig10: "Switchboard: 020 7946 0000", "Zentrale: 089 ...", "Escritório: (11) ...": a
    label that names a phone in any language phones knows, then a number, is no address."""
    label, colon, value = seg.partition(":")
    return bool(colon) and len(label.split()) <= 3 and \
        sum(ch.isdigit() for ch in value) >= 7 and \
        phones.classify_phone_label(label) is not None


def _numberless_street(seg: str) -> bool:
    """sig9: "Route de Ouakam, Immeuble Fadia, Dakar, Sénégal", "Calle Real, Barrio Sur,
    Granada, Nicaragua": where streets have no numbers (much of Africa and Latin America) a
    line opening with a street word and closing at its country, in short parts, is the
    address."""
    parts = _short_parts_to_place(seg, 3)
    if parts is None:
        return False
    # sig10: the street word first ("Route de Ouakam") or, in English, last ("Westlands Road")
    last = parts[0].split()[-1]
    return STREET.match(parts[0]) is not None or (
        len(parts[0].split()) > 1 and STREET.fullmatch(last) is not None)


def _short_parts_to_place(seg: str, least: int) -> list[str] | None:
    """The comma-separated parts of `seg` when there are at least `least` of them, each of one
    to four words, and the last names a place; otherwise None."""
    parts = [p.strip() for p in seg.split(",")]
    if len(parts) >= least and _names_place(parts[-1]) and \
            all(0 < len(p.split()) <= 4 for p in parts):
        return parts
    return None


def starts_with_postcode(seg: str) -> bool:
    """sig9: "8660 Skanderborg", "00100 Helsinki, Finland": a line that opens at its postcode,
    so the street is on the line above (the Nordic, German and French order)."""
    m = POSTCODE.search(seg)
    return m is not None and m.start() == 0 and STREET.search(seg) is None


def is_street_line(seg: str) -> bool:
    """sig9: "Industrivej 12", "Rue de Fer 41", "12 Harbour Road": a street and its number
    alone, the line above a postcode's."""
    seg = seg.strip()
    if len(seg.split()) > 6 or not re.search(r"\d", seg) or _ends_address(seg):
        return False
    if STREET.search(seg) or _unit_start(seg):
        return True
    return bool(_NAME_NUMBER.match(seg) or _NUMBER_NAME.match(seg)) and \
        not {w.lower() for w in seg.split()} & _SENTENCE_WORDS


# "Col. Juárez", "Bairro Savassi": a neighbourhood line of a Latin American address
_DISTRICT = rx.compile(r"^(?:col\.|colonia|bairro|barrio|urb\.|urbanización|fracc\.|sector)\s+\S",
                       re.IGNORECASE)


def continues_address(seg: str) -> bool:
    """A signature line that goes on from an address line before it: a country, a postcode
    alone ("01305-000"), a neighbourhood ("Col. Juárez") or a city ("Consolação - São
    Paulo/SP")."""
    if _names_place(seg) or _DISTRICT.match(seg):
        return True
    if urls.EMAIL_RE.search(seg) or _PHONE_LABEL.match(seg):
        return False
    if not re.search(r"\d{3}", seg) and _short_parts_to_place(seg, 2) is not None:
        return True  # sig9: "Puerto Montt, Región de Los Lagos, Chile": city, region, country
    if len(seg.split()) > 5:
        return False
    return bool(POSTCODE.search(seg) and len(seg.split()) <= 3) or (
        not re.search(r"\d", seg) and _closes(seg))


def address_sentences(text: str) -> list[str]:
    """The lines and sentences of `text`, a short street word's dot ending none of them."""
    out: list[str] = []
    glue = short = False
    for piece in re.split(r"(?<=[a-z)])\.\s+|(\n|;)", text):
        if piece is None:  # the split was at a full stop
            continue
        if piece in ("\n", ";"):
            glue = short = False
            continue
        # "Carrera 7 No. 71-21", "Of. 1502", "Dpto. 4": a short word's dot before a number
        # is an abbreviation's
        if (glue or (short and piece[:1].isdigit())) and out:
            out[-1] = f"{out[-1]}. {piece}"
        else:
            out.append(piece)
        glue = bool(STREET_ABBR.search(piece))
        short = _SHORT_WORD_END.search(piece) is not None
    return out


_SHORT_WORD_END = rx.compile(r"(?:^|[\s,])[^\W\d_]{1,4}$")


def street_start(part: str) -> str:
    """The street of "He's at Acme, 10 Downing Lane" or "Calle de Alcalá 120": from the
    street word when it comes before the number, else from the word before the number."""
    word = STREET.search(part)
    digit = re.search(r"\d", part)
    if word and digit and word.start() < digit.start():
        start = part.rfind(" ", 0, word.start()) + 1  # the whole word ("Königstraße")
        # "Mariahilfer Straße 77", "Krišjāņa Valdemāra iela 33": the street word stands
        # after the street's name
        before = re.search(r"(?:(?-i:[A-ZÀ-Ýa-zà-ÿĀ-ž])[^\W\d_]+[ \t]+){1,3}$", part[:start])
        if start == word.start() and before and before.group(0)[:1].isupper():
            start = before.start()
        elif start < word.start():
            # p-sig11: a compound's adjective before it ("Simmeringer Hauptstraße", "Alte
            # Jakobstraße", "Neue Burggasse"): German names such streets by a town or a word
            adjective = _STREET_ADJECTIVE.search(part[:start])
            start = adjective.start() if adjective else start
        if len(part[start:digit.start()].split()) <= 5:
            return part[start:]
    return re.sub(r"^.*?(?=\d+\s+\w|[^\W\d_]+\S*\s+\d)", "", part, count=1)


_STREET_ADJECTIVE = rx.compile(r"(?<![\w-])(?-i:[A-ZÄÖÜ])[a-zäöüß]{2,}(?:er|e)[ \t]+$")


def find_address(text: str) -> str | None:
    """A postal address written on one line of prose or a labelled line ("He's at Acme, 10
    Downing Lane, London EC1A 1BB.", "Morada: Rua Augusta 100, 1100-053 Lisboa"): a street
    with its number, then the parts up to a postcode, a known city, a country or a region."""
    for sentence in (piece for line in address_sentences(text)
                     for piece in _FIELD_SEPARATOR.split(line)):
        if not any(ch.isdigit() for ch in sentence):
            continue  # every address has a number: a house, a unit, a box or a postcode
        sentence = _LABEL.sub("", sentence)
        parts = [p.strip() for p in sentence.split(",")]
        for i in range(len(parts)):
            found = _address_from(parts, i, standalone=i == 0)
            if found:
                return _with_house_number(parts, i, found)
    return None


# sig9: "gérant — 0475 55 32 18 — Rue de Fer 41, 5000 Namur", "Tel 1 | Main St 4, Leeds": a
# note's contact line puts its fields between em dashes, pipes or bullets; an address is one
# field (an en dash or hyphen may stand inside one: "São Paulo – SP")
_FIELD_SEPARATOR = rx.compile(r"[ \t]+[—|•·][ \t]+")


# "14, avenue Jean Jaurès", "3 bis, rue X": the house number written before a comma (France,
# Belgium, Québec) is the street's
HOUSE_NUMBER = rx.compile(r"\d{1,4}(?:[ \t]?(?:bis|ter|[a-dA-D]))?")


def _with_house_number(parts: list[str], i: int, found: str) -> str:
    if i > 0 and HOUSE_NUMBER.fullmatch(parts[i - 1]) and found.startswith(parts[i]) and \
            not re.match(r"\d", parts[i]):
        return f"{parts[i - 1]}, {found}"
    return found


def _address_from(parts: list[str], i: int, standalone: bool) -> str | None:
    part = parts[i]
    if FAX.match(part) or urls.EMAIL_RE.search(part):
        return None
    nxt = parts[i + 1] if i + 1 < len(parts) else ""
    strong = STREET.search(part) and (re.search(r"\d", part) or re.match(r"\d", nxt) or
                                      PO_BOX.search(nxt) or POSTCODE.search(nxt) or
                                      # p-sig11: "Ctra. de Vic, km 4": a road, its post
                                      _KM_POST.match(nxt))
    plain_words = not {w.lower() for w in part.split()} & _SENTENCE_WORDS
    named = _NAME_NUMBER.match(part) and plain_words
    number_first = not strong and _NUMBER_NAME.match(part) and plain_words
    weak = _unit_start(part) or named or PO_BOX.search(part) or number_first
    if not strong and not weak:
        return None
    if number_first and not named and not _unit_start(part) and not PO_BOX.search(part):
        return _number_first_address(parts[i:i + 7])
    found = [street_start(part) if strong and re.search(r"\d", part) else part]
    # the house number is no postcode ("1250 boul. René-Lévesque", "Av. Constitución 2050 Pte.")
    number = re.search(r"\d[\w-]*", found[0])
    closed = len(found) if number and _closes(found[0][number.end():]) else 0
    tail = parts[i + 1:i + 7]
    for k, later in enumerate(tail):
        later = later.rstrip(".") if not _REGION.match(later) else later
        if _ends_address(later):
            break
        if closed and not (_closes(later) or _REGION.match(later) or
                           _state_before_country(later, tail[k + 1:k + 2])):
            break
        found.append(later)
        if _closes(later) or (closed and _REGION.match(later)):
            closed = len(found)
    if not closed:
        return None
    # without a street word, only a postcode (or a line that is nothing but the address)
    # makes "Hall 7, Berlin" an address
    if not strong and not standalone and not any(POSTCODE.search(p) for p in found[:closed]):
        return None
    address = ", ".join(found[:closed])
    return address if _REGION.match(found[closed - 1]) else address.rstrip(".")


_KM_POST = rx.compile(r"km\.?[ \t]*\d", re.IGNORECASE)


def _state_before_country(part: str, after: list[str]) -> bool:
    """sig9: "81400 Senai, Johor, Malaysia", "Puerto Montt, Los Lagos, Chile": a state or
    region's name (short, no digits) between the city and the country is the address's."""
    return bool(after) and _names_place(after[0]) and not re.search(r"\d", part) and \
        0 < len(part.split()) <= 3


def _number_first_address(parts: list[str]) -> str | None:
    """ "15 Le Duan, Ben Nghe Ward, District 1, Ho Chi Minh City, Vietnam": the parts up to
    the country; a number and words alone ("3 Days Left, Berlin") are no street, so only a
    country closing the line makes this an address."""
    closed = 0
    for k, later in enumerate(parts[1:], start=1):
        if _ends_address(later):
            break
        if _names_place(later) or _REGION_PART.match(later):
            closed = k + 1
    return ", ".join(parts[:closed]).rstrip(".") if closed else None


# sig10: a region named as one ("Región del Maule", "Provincia de Buenos Aires", "Estado de
# México", "Karnataka State"): it closes an address as a country does
_REGION_PART = rx.compile(r"^(?:región|region|provincia|province|estado|departamento|"
                          r"prefecture|województwo|voivodeship|oblast|область)\s+(?:de\s+|del\s+|"
                          r"de\s+la\s+|of\s+)?(?-i:[A-ZÀ-ÝА-Я])[^\d,]{2,40}$", re.IGNORECASE)


def _ends_address(part: str) -> bool:
    """A part after an address that is no part of it: a long phrase, an email, a phone."""
    return len(part.split()) > 6 or bool(urls.EMAIL_RE.search(part)) or \
        bool(_PHONE_LABEL.match(part)) or _is_phone_like(part) or \
        phones.has_international_number(part)  # sig9: "Platform - +65 9155 0461"


def _names_place(part: str) -> bool:
    """A country's name ("Vietnam", "España."), stray dots and spaces around it."""
    return fold(part.strip(" .")) in _COUNTRY_NAMES


def _closes(part: str) -> bool:
    """A postcode, a well-known city ("Dublin 9", "São Paulo - SP") or a country."""
    if POSTCODE.search(part):
        return True
    if _names_place(part) or _REGION_PART.match(part.strip()):
        return True
    folded = fold(part.strip(" ."))
    # "Dublin 9", "São Paulo - SP", "Bogotá D.C.", "Praha 2", "Consolação - São Paulo/SP":
    # the city, and a district or region around it
    for piece in re.split(r"\s+[-–]\s+|/|\(", folded)[:3]:
        words = re.split(r"\s+\d", piece, maxsplit=1)[0].split()
        if any(" ".join(words[:k]) in _CITY_NAMES for k in range(min(len(words), 4), 0, -1)):
            return True
    return False
