"""OCR's look-alike letters in a card's addresses and numbers, mended only where the mended
form is valid: an address part spelled as the card's printed words spell it ("atiasline"
beside the company "Atlasline Ltd", "ividal" beside the name "Lucas Vidal"), a country
code for a two-letter ending that is none ("lumenlane.le" -> ".ie"), a phone number whose
letters read as digits is a valid number. Pure."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from followup.parsing import rx, urls
from followup.parsing.names import fold

# characters print and OCR take one for the other (one for one: "rn"/"m" is cards._rn_m's),
# the most often confused first
_PAIRS = ("il", "i1", "l1", "o0", "s5", "b8", "lt", "it", "oe", "ec", "oc", "g9", "gq", "z2",
          "uv")
_ALIKE = {frozenset(p): rank for rank, p in enumerate(_PAIRS)}
# two-letter endings that are country codes besides the ISO regions phonenumbers knows
_MORE_CC = frozenset({"uk", "eu", "ac", "io"})
# parts of addresses that are no word of the card: left as they are
_KEEP = frozenset({"www", "http", "https", "com", "net", "org", "gov", "edu", "info", "biz"})
_PIECES = rx.compile(r"([.@_+-]|://)")
_PLAIN_WORD = rx.compile(r"[^\W_]+")


def _cost(a: str, b: str) -> int | None:
    """How unlikely it is that `b` was misread as `a` (the ranks of the look-alike pairs
    it takes), None when it cannot be: other lengths, other letters, more than one letter
    in four."""
    if len(a) != len(b) or a == b:
        return None
    diffs = [frozenset((x, y)) for x, y in zip(a, b, strict=True) if x != y]
    if len(diffs) > max(1, len(a) // 4) or any(d not in _ALIKE for d in diffs):
        return None
    return sum(_ALIKE[d] for d in diffs)


def _likeliest(piece: str, candidates: set[str] | frozenset[str]) -> str | None:
    """The one candidate `piece` is likeliest a misreading of; None when none is, or two
    are as likely."""
    costs = sorted((c, w) for w in candidates if (c := _cost(piece, w)) is not None)
    if not costs or (len(costs) > 1 and costs[0][0] == costs[1][0]):
        return None
    return costs[0][1]


def _printed_words(text: str) -> set[str]:
    """The card's words outside its addresses, folded, with what addresses make of them:
    two or three words run together ("Sierra Point" -> "sierrapoint") and an initial
    before a later word ("Lucas Vidal" -> "lvidal")."""
    for pattern in (urls.EMAIL_RE, urls.URL_RE):
        text = pattern.sub(" ", text)
    out: set[str] = set()
    for line in text.splitlines():
        words = [fold(w).lower() for w in _PLAIN_WORD.findall(line)]
        out.update(words)
        for i, w in enumerate(words):
            out.update("".join(words[i:i + n]) for n in (2, 3) if i + n <= len(words))
            out.update(w[0] + later for later in words[i + 1:i + 3])
    return {w for w in out if len(w) >= 3}


def _country_codes() -> frozenset[str]:
    import phonenumbers

    return frozenset(r.lower() for r in phonenumbers.SUPPORTED_REGIONS) | _MORE_CC


def _mended(token: str, words: set[str], codes: frozenset[str], spelt: Counter[str]) -> str:
    """`token` with each part that no printed word spells made the printed word it is
    likeliest a misreading of, unless the card's addresses spell the part as it is more
    often than that word ("orbitlight" in the email and the site beside a company misread
    "Orbitiight" stays)."""
    pieces = _PIECES.split(token)
    last = max(i for i, p in enumerate(pieces) if p and not _PIECES.fullmatch(p))
    for i, piece in enumerate(pieces):
        low = piece.lower()
        if i == last and "." in token.split("@")[-1]:
            if len(low) == 2 and low.isalpha() and low not in codes:
                pieces[i] = _likeliest(low, codes) or piece
            continue
        if len(low) >= 3 and low not in words and low not in _KEEP:
            word = _likeliest(low, words)
            if word is not None and 1 + spelt[word] >= spelt[low]:
                pieces[i] = word
    return "".join(pieces)


def _pieces(token: str) -> list[str]:
    return [p.lower() for p in _PIECES.split(token) if p and not _PIECES.fullmatch(p)]


def mend_addresses(text: str) -> str:
    """The card's email and web addresses with look-alike letters mended where the card's
    printed words (its name, its company) spell the part so, and a two-letter ending that
    is no country code made the one country code it looks like."""
    codes = _country_codes()
    tokens = [*(m.group(0) for m in urls.EMAIL_RE.finditer(text)), *urls.find_urls(text)]
    words = _printed_words(text)
    spelt = Counter(p for token in tokens for p in set(_pieces(token)))
    for token in dict.fromkeys(tokens):
        mended = _mended(token, words, codes, spelt)
        valid = urls.EMAIL_RE.fullmatch(mended) if "@" in mended else urls.URL_RE.fullmatch(
            mended)
        if mended != token and valid:
            text = re.sub(r"(?<![\w.@-])" + re.escape(token) + r"(?![\w@-])", mended, text)
    return text


# a run of digits with letters OCR reads for digits among them ("+33 6 I2 34 5O 84")
_DIGITISH = rx.compile(r"(?<!\w)[+(]?[\dOoIlSB][\dOoIlSB ().-]{5,}[\dOoIlSB](?!\w)")
_AS_DIGIT = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "S": "5", "B": "8"})


def mend_phones(text: str, find_phones: Callable[[str], list[str]]) -> str:
    """Lines whose number has letters for digits, mended where the mended number is a
    valid number the line did not give before ("Tel +1 2O1 555 0452")."""
    out = []
    for line in text.splitlines():
        for m in _DIGITISH.finditer(line):
            run = m.group(0)
            if not any(ch.isalpha() for ch in run) or sum(ch.isdigit() for ch in run) < 5:
                continue
            fixed = run.translate(_AS_DIGIT)
            mended = line.replace(run, fixed)
            if set(find_phones(mended)) - set(find_phones(line)):
                line = mended
        out.append(line)
    return "\n".join(out)
