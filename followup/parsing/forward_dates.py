"""Reading the date line of a forwarded header block, as mail clients print it in ~22 languages.

Month-name tables rather than a general date library: the lines are short and regular,
we need the day exactly as written (no time-zone shifting), and it must be fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from followup.parsing import rx

# Month stems per language. A word is a month when it starts with a stem (longest stem
# wins) and is not a weekday below; the language order resolves the stems that differ
# between languages (Croatian "listopad" is October, Czech/Polish November).
_MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("jan",), ("feb",), ("mar",), ("apr",), ("may",), ("jun",), ("jul",), ("aug",),
           ("sep",), ("oct",), ("nov",), ("dec",)),
    "de": (("jän", "jan"), ("feb",), ("mär", "mrz"), ("apr",), ("mai",), ("jun",), ("jul",),
           ("aug",), ("sep",), ("okt",), ("nov",), ("dez",)),
    "fr": (("janv",), ("févr", "fév", "fevr"), ("mars",), ("avr",), ("mai",), ("juin",),
           ("juil",), ("août", "aout"), ("sept",), ("oct",), ("nov",), ("déc", "dec")),
    "es": (("ene",), ("feb",), ("mar",), ("abr",), ("may",), ("jun",), ("jul",), ("ago",),
           ("sep", "set"), ("oct",), ("nov",), ("dic",)),
    "it": (("gen",), ("feb",), ("mar",), ("apr",), ("mag",), ("giu",), ("lug",), ("ago",),
           ("set",), ("ott",), ("nov",), ("dic",)),
    "pt": (("jan",), ("fev",), ("mar",), ("abr",), ("mai",), ("jun",), ("jul",), ("ago",),
           ("set",), ("out",), ("nov",), ("dez",)),
    "nl": (("jan",), ("feb",), ("maart", "mrt"), ("apr",), ("mei",), ("jun",), ("jul",),
           ("aug",), ("sep",), ("okt",), ("nov",), ("dec",)),
    "sv": (("jan",), ("feb",), ("mar",), ("apr",), ("maj",), ("jun",), ("jul",), ("aug",),
           ("sep",), ("okt",), ("nov",), ("dec",)),
    "da": (("jan",), ("feb",), ("mar",), ("apr",), ("maj",), ("jun",), ("jul",), ("aug",),
           ("sep",), ("okt",), ("nov",), ("dec", "des")),
    "fi": (("tammi",), ("helmi",), ("maalis",), ("huhti",), ("touko",), ("kesä",), ("heinä",),
           ("elo",), ("syys",), ("loka",), ("marras",), ("joulu",)),
    "et": (("jaan",), ("veebr",), ("märts",), ("apr",), ("mai",), ("juuni",), ("juuli",),
           ("aug",), ("sept",), ("okt",), ("nov",), ("dets",)),
    "cs": (("led",), ("únor", "úno"), ("břez", "bře"), ("dub",), ("květ", "kvě"),
           ("červn", "červen", "čen"), ("červenec", "červenc", "čec"), ("srp",),
           ("září", "zář"), ("říj",), ("listopad", "lis"), ("prosin", "pro")),
    "sk": (("január", "jan"), ("február", "feb"), ("mar",), ("apr",), ("máj",), ("jún",),
           ("júl",), ("aug",), ("sep",), ("okt",), ("nov",), ("dec",)),
    "pl": (("sty",), ("lut",), ("mar",), ("kwi",), ("maj",), ("cze",), ("lip",), ("sie",),
           ("wrz",), ("paź", "paz"), ("lis",), ("gru",)),
    "hu": (("jan",), ("feb",), ("márc", "mar"), ("ápr", "apr"), ("máj",), ("jún",), ("júl",),
           ("aug",), ("szept", "szep"), ("okt",), ("nov",), ("dec",)),
    "ro": (("ian",), ("feb",), ("mar",), ("apr",), ("mai",), ("iun",), ("iul",), ("aug",),
           ("sep",), ("oct",), ("noi",), ("dec",)),
    "ru": (("янв",), ("фев",), ("мар",), ("апр",), ("май", "мая", "мае"), ("июн",), ("июл",),
           ("авг",), ("сен",), ("окт",), ("ноя",), ("дек",)),
    "uk": (("січ",), ("лют",), ("берез",), ("квіт",), ("трав",), ("черв",), ("лип",),
           ("серп",), ("верес",), ("жовт",), ("листоп",), ("груд",)),
    "el": (("ιαν",), ("φεβ",), ("μαρ",), ("απρ",), ("μαΐ", "μαι", "μάι"), ("ιουν", "ιούν"),
           ("ιουλ", "ιούλ"), ("αυγ", "αύγ"), ("σεπ",), ("οκτ",), ("νοε", "νοέ"), ("δεκ",)),
    "tr": (("oca",), ("şub", "sub"), ("mart",), ("nis",), ("may",), ("haz",), ("tem",),
           ("ağu", "agu"), ("eyl",), ("ekim", "eki"), ("kas",), ("ara",)),
    # blocks (p-blocks8): Lithuanian months in the genitive Outlook prints ("2026 m. kovo 9
    # d."), Latvian's long vowels ("2026. gada 9. jūnijs")
    "lt": (("saus",), ("vasar",), ("kov",), ("baland",), ("geguž", "gegu"), ("birž", "birz"),
           ("liep",), ("rugpj",), ("rugs",), ("spal",), ("lapkr",), ("gruod",)),
    "lv": (("janv",), ("febr",), ("mart",), ("apr",), ("maij",), ("jūn",), ("jūl",), ("aug",),
           ("sept",), ("okt",), ("nov",), ("dec",)),
    "hr": (("siječ", "sij"), ("velj",), ("ožu",), ("trav",), ("svib",), ("lip",), ("srp",),
           ("kol",), ("ruj",), ("listopad", "lis"), ("studen", "stu"), ("prosin", "pro")),
}

# Weekdays that start like a month stem ("martes" vs "mar", "maandag" vs "maa").
_WEEKDAY_PREFIXES = ("martes", "marted", "mardi", "maanantai", "maandag")
# Romanian Tuesday, whole: as a prefix it would take the month "martie" (March) for a weekday
_WEEKDAYS = frozenset(("marți", "marţi", "marti"))

ALL_LANGS: tuple[str, ...] = tuple(_MONTHS)


def _stems_for(langs: tuple[str, ...]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for lang in langs:
        for i, stems in enumerate(_MONTHS[lang]):
            for stem in stems:
                seen.setdefault(stem, i + 1)
    return sorted(seen.items(), key=lambda kv: len(kv[0]), reverse=True)


_STEM_CACHE: dict[tuple[str, ...], list[tuple[str, int]]] = {}


def _month_of(word: str, langs: tuple[str, ...]) -> int | None:
    return _folded_month_of(word.casefold(), langs)


@functools.lru_cache(maxsize=4096)
def _folded_month_of(w: str, langs: tuple[str, ...]) -> int | None:
    """The month a (casefolded) word names. Kept per word and languages: header dates repeat
    the same few words, and the answer rests only on the constant stem tables."""
    if w.startswith(_WEEKDAY_PREFIXES) or w.rstrip(".") in _WEEKDAYS:
        return None
    order = langs + tuple(lang for lang in ALL_LANGS if lang not in langs)
    stems = _STEM_CACHE.get(order)
    if stems is None:
        stems = _STEM_CACHE[order] = _stems_for(order)
    for stem, month in stems:
        if w.startswith(stem):
            return month
    return None


_ZONES: dict[str, int] = {  # minutes east of UTC
    "utc": 0, "gmt": 0, "z": 0, "ut": 0, "wet": 0, "west": 60, "bst": 60, "ist": 60,
    "cet": 60, "cest": 120, "met": 60, "mest": 120, "mez": 60, "mesz": 120, "sec": 60,
    "seč": 60, "selč": 120, "eet": 120, "eest": 180, "oez": 120, "oesz": 180, "msk": 180,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600, "aest": 600,
    "aedt": 660, "jst": 540, "kst": 540, "trt": 180, "ict": 420, "sgt": 480,
    "heure normale d’europe centrale": 60,
    # Australia, New Zealand, Asia, Africa and Latin America, as Apple Mail prints them
    "awst": 480, "acst": 570, "acdt": 630, "nzst": 720, "nzdt": 780, "hkt": 480, "pht": 480,
    "wib": 420, "sast": 120, "wat": 60, "cat": 120, "eat": 180, "brt": -180, "brst": -120,
    "art": -180, "clt": -240, "clst": -180, "cot": -300, "pet": -300, "uyt": -180,
}

# Year first: ISO "2021-10-27", "2021/10/27", Korean "2021. 10. 27."
_ISO_DATE_RE = rx.compile(r"(?<!\d)(\d{4})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?!\d)")
_NUMERIC_DATE_RE = rx.compile(
    r"(?<![\d:])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d:])"
)
_CJK_DATE_RE = rx.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
_PM_WORDS = ("下午", "午後", "오후", "μ.μ.")
_AM_WORDS = ("上午", "午前", "오전", "π.μ.")
_TIME_RE = rx.compile(
    r"(?<![\d./])(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?:[:.](\d{2}))?(?![\d])(?:\s*([ap])\.?\s?m\.?(?![^\W\d_]))?",
    re.IGNORECASE,
)
_NUM_OFFSET_RE = rx.compile(r"(?<![\d:])([+-−])(\d{2}):?(\d{2})(?!\d)")
_GMT_OFFSET_RE = rx.compile(
    r"\b(?:GMT|UTC)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?(?!\d)", re.IGNORECASE
)
_ZONE_WORD_RE = rx.compile(r"(?<![^\W\d_])([^\W\d_]{1,5})(?![^\W\d_])", re.UNICODE)


def _zone_offset(text: str) -> int | None:
    """Minutes east of UTC printed in `text` (numeric, GMT+n, or a zone abbreviation)."""
    m = _NUM_OFFSET_RE.search(text)
    if m:
        sign = -1 if m.group(1) in "-−" else 1
        return sign * (int(m.group(2)) * 60 + int(m.group(3)))
    m = _GMT_OFFSET_RE.search(text)
    if m:
        sign = -1 if m.group(1) in "-−" else 1
        return sign * (int(m.group(2)) * 60 + int(m.group(3) or 0))
    for zm in _ZONE_WORD_RE.finditer(text):
        word = zm.group(1)
        if word.isupper() or word.casefold() in ("seč", "selč"):
            off = _ZONES.get(word.casefold())
            if off is not None:
                return off
    return None


def _find_day_month_year(
    text: str, langs: tuple[str, ...]
) -> tuple[int, int, int, tuple[int, int]] | None:
    """(year, month, day, span of the date) or None."""
    m = _CJK_DATE_RE.search(text)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3)), m.span()
    m = _ISO_DATE_RE.search(text)
    if m:
        return int(m.group(1)), int(m.group(3)), int(m.group(4)), m.span()
    tokens: list[tuple[str, int, int, str]] = []  # kind, start, end, text
    for tm in re.finditer(r"\d+|[^\W\d_]+\.?", text):
        kind = "n" if tm.group().isdigit() else "w"
        tokens.append((kind, tm.start(), tm.end(), tm.group()))
    months = [(idx, mo) for idx, (kind, _s, _e, word) in enumerate(tokens)
              if kind == "w" and (mo := _month_of(word, langs)) is not None]
    if len(months) > 1:
        # "mar, 12 may 2026", "Mon, 3 Mar", Gmail's French "mar. 29 sept. 2026": a word the
        # line opens with, before a comma or with its abbreviation's dot, is the weekday
        # abbreviation when another word can be the month
        months = [(idx, mo) for idx, mo in months
                  if not (idx == 0 and (text[tokens[idx][2]:tokens[idx][2] + 1] == "," or
                                        tokens[idx][3].endswith(".")))]
        # "El mar, 29 sept 2026", "mar 29 set 2026": a word before the day that another
        # month word follows is the weekday
        later = {idx for idx, _mo in months}
        # (a year between them is no day: "9 Mart 2026 Pazartesi" keeps its month)
        months = [(idx, mo) for idx, mo in months
                  if not (idx + 2 in later and tokens[idx + 1][0] == "n" and
                          len(tokens[idx + 1][3]) <= 2)]
    for idx, month in months:
        _kind, start, end, _word = tokens[idx]
        year = None
        year_tok = None
        for j, tok in enumerate(tokens):
            if tok[0] == "n" and len(tok[3]) == 4 and 1900 <= int(tok[3]) <= 2200:
                year, year_tok = int(tok[3]), j
                break
        day = None
        day_tok = None
        for j in (idx - 1, idx - 2, idx + 1, idx + 2):
            if not 0 <= j < len(tokens) or j == year_tok:
                continue
            tok = tokens[j]
            if abs(j - idx) == 2:
                between = tokens[(j + idx) // 2]
                # "18 de março", "12 d’oct." (Catalan and French elide "de" before a vowel)
                if between[0] != "w" or between[3].casefold() not in ("de", "del", "den", "d"):
                    continue
            if tok[0] == "n" and len(tok[3]) <= 2 and 1 <= int(tok[3]) <= 31:
                # a number right after the month that is followed by ':' is a time, not a day
                if j > idx and text[tok[2]:tok[2] + 1] in (":",):
                    continue
                day, day_tok = int(tok[3]), j
                break
        if year is None or day is None or day_tok is None:
            continue
        lo = min(start, tokens[day_tok][1], tokens[year_tok][1] if year_tok is not None else start)
        hi = max(end, tokens[day_tok][2], tokens[year_tok][2] if year_tok is not None else end)
        return year, month, day, (lo, hi)
    m = _NUMERIC_DATE_RE.search(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if y < 100:
            y += 2000
        day, month = a, b
        if b > 12 and a <= 12:
            day, month = b, a
        elif a <= 12 and b <= 12 and m.group(2) == "/" and re.search(r"\b[ap]\.?m\b", text, re.I):
            # US clients print month/day together with a 12-hour clock
            day, month = b, a
        return y, month, day, m.span()
    return None


def parse_header_date(
    text: str, langs: tuple[str, ...] = (), default_offset: dt.timedelta | None = None
) -> str | None:
    """ISO 8601 of a printed date: with the printed zone, else `default_offset`, else naive.

    Date-only "YYYY-MM-DD" when no time of day is printed. None when no date is found.
    """
    text = unicodedata.normalize("NFC", text.replace("\u00a0", " ").replace("\u202f", " "))
    found = _find_day_month_year(text, langs)
    if found is None:
        return None
    year, month, day, (lo, hi) = found
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    rest = text[:lo] + " " * (hi - lo) + text[hi:]
    tm = _TIME_RE.search(rest)
    if tm is None:
        return date.isoformat()
    hour, minute, second = int(tm.group(1)), int(tm.group(2)), int(tm.group(3) or 0)
    ampm = (tm.group(4) or "").lower()
    if not ampm:
        # CJK clocks put the half-day word before the time ("下午3:05", "오후 3:05")
        near = rest[max(0, tm.start() - 4):tm.end() + 6]
        ampm = "p" if any(w in near for w in _PM_WORDS) else (
            "a" if any(w in near for w in _AM_WORDS) else "")
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return date.isoformat()
    zone = _zone_offset(rest[tm.end():]) if tm else None
    tz: dt.tzinfo | None = None
    if zone is not None:
        tz = dt.timezone(dt.timedelta(minutes=zone))
    elif default_offset is not None:
        tz = dt.timezone(default_offset)
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=tz).isoformat()
