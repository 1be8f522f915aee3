"""Towns, districts and regions that a note names after a place preposition, in parentheses
or after a postcode ("Tel. 02822 12345 (Zwettl)", "en Expoagro (Rosario)", "4410 Liestal"),
with the one country each lies in: the data is phonenumbers' own geocoder descriptions,
extracted at build time by scripts/build_geoplaces.py (rerun it after upgrading phonenumbers)."""

from __future__ import annotations

from functools import lru_cache

from followup.parsing import rx

# A place is written after a preposition of place or alone in parentheses. Not after "from",
# "de", "da" or "di": those come before people as often as before places ("an intro from
# Laura"), and geocoder names include given names that are also towns.
_CONTEXT = rx.compile(
    r"(?:(?<![\w])(?i:in|en|em|à|bei|near|nahe|im|nel|nella|w|près\s+de)[ \t]+|\([ \t]?|"
    # or after a postcode: "4410 Liestal", "S2000 Rosario", "D-79098 Freiburg"
    r"(?<![\w-])(?:[A-Z]{1,2}-?)?\d{4,5}[ \t]+)"
    # up to three capitalised words, with the small words inside names ("Mar del Plata",
    # "Frankfurt am Main", "Newcastle upon Tyne")
    r"([A-ZÀ-Þ][\w'’.-]*(?:[ \t](?:(?:de|del|la|las|los|di|da|do|dos|am|an|der|upon|on|sur)"
    r"[ \t])?[A-ZÀ-Þ][\w'’.-]*){0,2})")
_TRAILING = ".'’-"


@lru_cache(maxsize=1)
def _table() -> str:
    """The generated data as one string, each name between bars on its country's line
    ("\\nAT\\t|Zwettl|...|\\n"): a lookup is one `str.find`, and nothing is built per name
    (a dict of 29,000 names would cost a note 25 ms)."""
    from followup.parsing.geoplaces_data import DATA

    return "\n" + DATA.replace("\t", "\t|").replace("\n", "|\n") + "|\n"


@lru_cache(maxsize=4096)
def region_of_place(name: str) -> str | None:
    """The country of a town, district or region the geocoder data knows, or None."""
    if "|" in name or "\n" in name:
        return None
    table = _table()
    at = table.find("|" + name + "|")
    if at < 0:
        return None
    line = table.rfind("\n", 0, at) + 1
    return table[line:table.index("\t", line)]


def _not_a_place(name: str) -> bool:
    """A department or a title in parentheses ("Marco (Sales)") is no place, even where a
    town has that name."""
    from followup.parsing.lexicon import DEPARTMENT_ONLY, TITLE_WORDS

    return bool(DEPARTMENT_ONLY.fullmatch(name) or TITLE_WORDS.fullmatch(name.casefold()))


@lru_cache(maxsize=256)
def geo_regions(text: str) -> tuple[str, ...]:
    """Countries of the geocoder's places that `text` names after a preposition of place or
    in parentheses, first named first; the longest name wins ("Santa Fe" over "Santa")."""
    out: list[str] = []
    for m in _CONTEXT.finditer(text):
        words = m.group(1).split()
        for k in range(len(words), 0, -1):
            name = " ".join(words[:k]).rstrip(_TRAILING)
            if len(name) < 4:
                continue
            region = region_of_place(name)
            if region and not _not_a_place(name):
                out.append(region)
                break
    return tuple(dict.fromkeys(out))


def is_place_word(name: str) -> str | None:
    """The country of `name` when the geocoder knows it as a town and it is no title or
    department ("Sales" is a town in Brazil, and a department everywhere), else None."""
    region = region_of_place(name)
    return region if region and len(name) >= 4 and not _not_a_place(name) else None
