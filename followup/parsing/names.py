"""People's names as the contract writes them: no honorifics or degrees, particles kept."""

from __future__ import annotations

import functools
import re
import unicodedata

from followup.parsing import rx
from followup.parsing.lexicon import ACADEMIC_QUALIFIERS, HONORIFICS, TITLE_WORDS

_DOTTED_QUALIFIERS = frozenset(f"{q}." for q in ACADEMIC_QUALIFIERS)
# bidi controls, zero-width characters, BOM: invisible, and used to disguise names
_INVISIBLE = rx.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff\u00ad]")
_CLEAN = rx.compile(r"[\r\n\t\x00-\x1f\x7f]+")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case ASCII-ish form for comparing names, domains and local parts."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=8192)
def letters(text: str) -> str:
    """Only the folded letters and digits of `text` ("Dubois-Kim" -> "duboiskim")."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


_LAST_FIRST = rx.compile(r"[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,2}, "
                         r"[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,2}")


def _is_given_name(text: str) -> bool:
    """'Jane' in 'Doe, Jane' (not 'CEO' in 'Jane Doe, CEO')."""
    text = text.strip()
    return not text.isupper() and not TITLE_WORDS.search(text)


def drop_honorifics(words: list[str]) -> list[str]:
    """`words` of a name without the honorifics and degrees that open it."""
    return _drop_honorifics(words)


# Forms of address that may stand inside a span the note ran together ("au forum de Lyon
# Mme Claire Roux", "in Graz Herr Jan Novak"): with a dot, or the unabbreviated German/French ones.
_MID_HONORIFICS = frozenset({f"{h}." for h in HONORIFICS if not h.endswith(".")} | {
    "herr", "frau", "mme", "mlle", "dott.ssa", "sig.ra",
    # (p-people7) spelled out, never a word of a place or firm: "Kano fair Alhaji Musa Bello"
    "alhaji", "alhaja", "hajiya", "hajia", "datuk", "sheikh", "shaikh", "pastor"})


def _is_place(text: str) -> bool:
    from followup.parsing.phones import hinted_regions  # lazy: phones sits above names

    return bool(hinted_regions(text))


def _drop_honorifics(words: list[str]) -> list[str]:
    # a form of address after a capitalised word and before two name words opens the name:
    # what precedes it is the place or firm the sentence ran into ("Dakar M. Awa Sow")
    mid = next((i for i in range(1, len(words) - 2) if words[i].casefold() in _MID_HONORIFICS
                and words[i + 1][:1].isupper() and words[i + 2][:1].isupper()), None)
    if mid is not None and (len(words[mid]) > 2 or _is_place(" ".join(words[:mid]))):
        # a bare initial ("Kim M. Van Dyke") opens a name only after a place we know
        words = words[mid:]
    while len(words) > 1 and (
        words[0].rstrip(".").casefold() in HONORIFICS or words[0].casefold() in _DOTTED_QUALIFIERS
    ):
        words.pop(0)
    return words


def _drop_suffixes(name: str) -> str:
    """Remove degrees and generational-free suffixes written after a comma ("Solberg, PhD")."""
    from nameparser.config import CONSTANTS  # lazy: nameparser loads big tables

    parts = [p.strip() for p in name.split(",")]
    keep = [parts[0]]
    for part in parts[1:]:
        words = [w.strip(".").replace(".", "").casefold() for w in part.split()]
        if words and all(w in CONSTANTS.suffix_acronyms or w in CONSTANTS.suffix_not_acronyms
                         for w in words):
            continue
        keep.append(part)
    return ", ".join(keep)


def _capitalize(name: str) -> str:
    from nameparser import HumanName  # lazy import

    human = HumanName(name)
    human.capitalize(force=True)
    out = " ".join(p for p in (human.first, human.middle, human.last) if p)
    # "de los Ríos", "de las Heras": the article after "de" stays lower case, as "de" does
    out = _DE_ARTICLE.sub(lambda m: m.group(0).lower(), out)
    # (p-lang12) "vilaseca i puig", "ortega y gasset": the "and" joining two family names
    # stays as typed, in lower case
    if _AND_JOIN.search(name):
        out = _AND_JOIN_CAP.sub(lambda m: m.group(0).lower(), out)
    return out or name.title()


_AND_JOIN = rx.compile(r"(?<=\w )[iye](?= \w)")
_AND_JOIN_CAP = rx.compile(r"(?<=\w{2} )[IYE](?= \w{2})")


_DE_ARTICLE = rx.compile(r"(?<=\bde )(?:Los|Las)\b")


def clean_name(raw: str | None) -> str | None:
    """A display name as the contract wants it, or None when nothing name-like is left."""
    if not raw:
        return None
    if "=?" in raw:
        raw = decode_words(raw)
    raw = _INVISIBLE.sub("", raw)
    # "Jane Doe\r\nBcc: x@evil" is a header injection: the name is the first line only
    raw = next((part for part in re.split(r"[\r\n]+", raw) if part.strip()), "")
    text = _CLEAN.sub(" ", raw).strip().strip("\"'“”‘’<>").strip()
    # "Jane Doe (Acme)", "Jane Doe | Acme", "Jane Doe via LinkedIn": the name is the first part
    text = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", text) or text.strip("()[]")
    text = re.split(r"\s+[|/–—-]\s+|\s+via\s+", text)[0].strip()
    if not text or "@" in text:
        return None
    if "," in text:
        head, _, tail = text.partition(",")
        text = _drop_suffixes(text) if tail.strip() else head
        if "," in text:
            head, _, tail = text.partition(",")
            # "Doe, Jane" as address books and Outlook write it: family name first
            if _LAST_FIRST.fullmatch(text) and "," not in tail and _is_given_name(tail) and \
                    all(w.islower() or "-" in w for w in head.split()[:-1]):
                text = f"{tail.strip()} {head.strip()}"
            else:
                text = head
    words = _drop_honorifics(text.split())
    text = " ".join(words).strip(" .,;:-–—")
    if not text or not any(c.isalpha() for c in text):
        return None
    if text == text.lower():
        text = _capitalize(text)
    return text[:200]


def decode_words(raw: str) -> str:
    """RFC 2047 encoded words left in a forwarded header as written ("=?utf-8?q?...?=")."""
    import email.header

    try:
        parts = email.header.decode_header(raw)
    except (ValueError, LookupError):
        return raw
    out = []
    for value, charset in parts:
        if isinstance(value, bytes):
            out.append(value.decode(charset or "utf-8", "replace") if _known(charset) else
                       value.decode("utf-8", "replace"))
        else:
            out.append(value)
    return "".join(out)


def _known(charset: str | None) -> bool:
    import codecs

    try:
        codecs.lookup(charset or "utf-8")
    except LookupError:
        return False
    return True


def visible(text: str) -> str:
    """`text` without invisible and control characters (bidi overrides, zero-width, C0/C1)."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", _INVISIBLE.sub("", text))


def name_tokens(name: str) -> list[str]:
    """Folded word tokens of a name, hyphenated parts split ("Paul-Henri" -> paul, henri)."""
    return [t for t in re.split(r"[^0-9a-z]+", fold(name)) if t]


_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe",
                         "Ü": "Ue"})


def local_part_matches(local: str, name: str) -> int:
    """How well an email local part fits a name: 0 (not at all) to 3 (first and last name).
    German umlauts may be written out in addresses ("Müller" -> "mueller")."""
    plain = _local_part_matches(local, name)
    if plain < 3 and name.translate(_GERMAN) != name:
        return max(plain, _local_part_matches(local, name.translate(_GERMAN)))
    return plain


def _local_part_matches(local: str, name: str) -> int:
    tokens = [t for t in re.split(r"[^a-z]+", fold(local)) if t]
    words = name_tokens(name)
    if not tokens or not words:
        return 0
    joined = "".join(words)
    full = "".join(tokens)
    score = 0
    if full == joined or full == "".join(reversed(words)):
        return 3 if len(words) > 1 else 2
    if len(words) > 1 and full in (words[0][0] + words[-1], words[0] + words[-1][0]):
        return 3  # "gokafor", "gretao": an initial run into the other name
    for tok in tokens:
        if len(tok) >= 2 and (tok in words or (len(tok) >= 4 and tok in joined)):
            score += 2 if len(tok) >= 3 or tok == words[0] else 1
        elif len(tok) <= 2 and all(c in {w[0] for w in words} for c in tok):
            score += 1
    if score == 0 and len(full) >= 4 and (full in joined or words[0] in full):
        score = 1
    return min(score, 3)
