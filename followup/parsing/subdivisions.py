"""States, provinces and regions a note names beside a town ("Pune, Maharashtra", "Hamilton
(Waikato)", "Campinas - SP", "Newcastle NSW 2300"), with the one country each lies in: a
hint of where a national number is when the town alone says nothing. The data is pycountry's
ISO 3166-2 list, extracted at build time by scripts/build_subdivisions.py."""

from __future__ import annotations

import re
from functools import lru_cache

from followup.parsing import rx

# A region is written as a field after its town: after a comma, a dash or a slash, alone in
# parentheses, or after "in"; and it ends its field (a line's end, a comma, a bracket, a full
# stop, a postcode). Up to four capitalised words, with the small words inside names ("Rio
# Grande do Sul", "Jammu and Kashmir").
_NAMED = rx.compile(
    r"(?:,|\(|[ \t][-–/][ \t]?|(?<![\w])(?:in|en|em)[ \t])[ \t]*"
    r"([A-ZÀ-Þ][\w'’-]+(?:[ \t](?:(?:do|da|de|del|and|y|e)[ \t])?[A-ZÀ-Þ][\w'’-]+){0,3})"
    r"(?=[ \t]*(?:$|[,;)]|\.(?:[ \t]|$)|[ \t]\d{4}))", re.MULTILINE)

# Australia: the state's code after the town, before the postcode or ending the field ("Perth
# WA 6000", "Newcastle NSW", "Hobart, TAS"); the two-letter ones only with their postcode
_AU_CODE = rx.compile(
    r"(?<=[a-z])[ \t,]+(NSW|VIC|QLD|TAS|ACT|WA|SA|NT)"
    r"(?=[ \t]+\d{4}\b|(?<=[A-Z]{3})[ \t]*(?:$|[,;)]|\.(?:[ \t]|$)))", re.MULTILINE)
# Brazil: "Campinas - SP", "Campinas/SP", "Belo Horizonte – MG, 30130-000"
_BR_CODE = rx.compile(
    r"(?<=[a-zà-ÿ])[ \t]?[-–/][ \t]?([A-Z]{2})(?=[ \t]*(?:$|[,;)]|\.(?:[ \t]|$)|[ \t]\d{5}))",
    re.MULTILINE)


# or as the word before what it qualifies, after an article: "the Waikato agritech hui", "a
# Gauteng logistics firm", "the Maharashtra office"
_QUALIFYING = rx.compile(
    r"(?<![\w])(?:the|a|an)[ \t]+([A-ZÀ-Þ][\w'’-]+(?:[ \t][A-ZÀ-Þ][\w'’-]+){0,2})"
    r"(?=[ \t][a-z])")


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Each subdivision's name with its country; names that are also given names of people
    or of cities elsewhere ("Victoria", "Nelson") are left out by the caller's list."""
    from followup.parsing.subdivisions_data import DATA

    out: dict[str, str] = {}
    for line in DATA.split("\n"):
        region, _tab, names = line.partition("\t")
        out.update(dict.fromkeys(names.split("|"), region))
    return out


@lru_cache(maxsize=1)
def _br_codes() -> frozenset[str]:
    """Brazil's state codes that are no country's code as well ("PE" is Pernambuco's and
    Peru's, "ES" Espírito Santo's and Spain's): only those say Brazil alone."""
    from followup.parsing.phonelib import phonenumbers
    from followup.parsing.subdivisions_data import CODES

    return frozenset(CODES["BR"].split()) - frozenset(phonenumbers().SUPPORTED_REGIONS)


@lru_cache(maxsize=256)
def subdivision_regions(text: str, skip: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The countries of the states, provinces and regions `text` names as a field after a
    town, first named first; a name in `skip` (a city's or a person's as well) is none."""
    names = _names()
    out: list[str] = []
    for m in (*_NAMED.finditer(text), *_QUALIFYING.finditer(text)):
        # the whole field is the name: "Cesar" of "Ana, Cesar and Tom" is no field of its own
        name = " ".join(m.group(1).split())
        if name in names and name not in skip:
            out.append(names[name])
    out += ["AU"] * bool(_AU_CODE.search(text))
    out += ["BR"] * any(m.group(1) in _br_codes() for m in _BR_CODE.finditer(text))
    return tuple(dict.fromkeys(out))
