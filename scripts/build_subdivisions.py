"""Build followup/parsing/subdivisions_data.py from pycountry's ISO 3166-2 subdivisions.

A note or a signature names a person's state, province or region as often as a town
("Pune, Maharashtra", "Hamilton (Waikato)", "Campinas - SP", "Newcastle NSW 2300"): where
a national number is when the town alone says nothing (Hamilton is in four countries). The
first-level subdivisions of every country, each name in exactly one country, are extracted
here once (pycountry is a build-time tool only, not a dependency of the parser), with their
names also written without accents ("Tamil Nādu" is typed "Tamil Nadu"), and the codes of
the countries whose addresses write a state's code after the town (Australia, Brazil).

Run after upgrading pycountry:  .venv/bin/pip install pycountry && \
    .venv/bin/python scripts/build_subdivisions.py
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OUT = Path(__file__).resolve().parent.parent / "followup" / "parsing" / "subdivisions_data.py"
# the countries whose addresses write the state's code after the town ("Campinas - SP",
# "Perth WA 6000"); elsewhere codes are not how people write where they are
CODED = ("AU", "BR")
# the default region's own subdivisions add nothing (a note with no hint is read there), and
# some of them are other countries' names ("Georgia")
SKIP = frozenset({"US", "UM"})
# names that are also words a note capitalises for another reason: compass points, "Capital",
# "Central", "Coast", "Delta", "Rivers", "Lakes", "Islands", "Western", "Upper", "Lower"
GENERIC = re.compile(
    r"(?i)^(?:(?:north|south)(?:east|west|ern)?|east(?:ern)?|west(?:ern)?|(?:nord|süd)(?:ost|west)?|"
    r"sud|norte|sur|sul|este|oeste|central|centre|center|centro|capital|city|coast|delta|"
    r"rivers?|lakes?|islands?|upper|lower|greater|metro|region|district|province|state|"
    r"county|mountain|valley|border|national|federal|special|autonomous|interior|littoral|"
    r"plateau|highlands?|lowlands?|north-west|south-west|north-east|south-east|free state)$")
SPLIT = re.compile(r"\s*(?:\(|\)|/|;|,|\s-\s)\s*")


def _plain(text: str) -> str:
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


def _names(name: str) -> list[str]:
    out: list[str] = []
    for piece in SPLIT.split(name):
        piece = piece.strip(" .")
        if (len(piece) >= 4 and piece[0].isupper() and len(piece.split()) <= 4
                and not any(ch.isdigit() for ch in piece) and not GENERIC.match(piece)
                and not piece.startswith("Region ")):
            out += [piece, _plain(piece)]
    return out


def _country_names() -> set[str]:
    out: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                out |= {value, _plain(value)}
    return out


def _towns_elsewhere() -> dict[str, set[str]]:
    """The countries of every town, district and city that phonenumbers' geocoder or the
    parser's own city list names ("León" is a city of Mexico and Spain as well as a
    department of Nicaragua): a subdivision's name that is a town elsewhere says nothing."""
    import build_geoplaces as geo
    from phonenumbers.geodata import GEOCODE_DATA

    from followup.parsing.places import CITIES

    out: dict[str, set[str]] = defaultdict(set)
    for prefix, descriptions in GEOCODE_DATA.items():
        region = geo._region(prefix, descriptions.get("en", ""))
        for lang in geo.LANGS:
            for name in geo._names(descriptions.get(lang, "")) if region else []:
                out[name].add(region)
                out[_plain(name)].add(region)
    for region, names in CITIES.items():
        for name in names:
            out[name].add(region)
            out[_plain(name)].add(region)
    return out


def collect() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Each first-level subdivision name in exactly one country (not a country's own name,
    nor a town's of another country), and the codes of the `CODED` countries' ones."""
    countries: dict[str, set[str]] = defaultdict(set)
    codes: dict[str, dict[str, str]] = defaultdict(dict)
    skip_names = _country_names()
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        if sub.country_code in CODED:
            codes[sub.country_code][sub.code.split("-", 1)[1]] = sub.name
        for name in _names(sub.name):
            if name not in skip_names:
                countries[name].add(sub.country_code)
    towns = _towns_elsewhere()
    return ({n: next(iter(c)) for n, c in countries.items()
             if len(c) == 1 and not c & SKIP and not towns.get(n, set()) - c}, codes)


def render(names: dict[str, str], codes: dict[str, dict[str, str]]) -> str:
    by_region: dict[str, list[str]] = defaultdict(list)
    for name, region in names.items():
        by_region[region].append(name)
    lines = [f"{region}\t" + "|".join(sorted(set(by_region[region])))
             for region in sorted(by_region)]
    body = "\n".join(lines)
    chunks = "\n".join(f"    {body[i:i + 80]!r}" for i in range(0, len(body), 80))
    coded = "\n".join(f"    {cc!r}: {' '.join(sorted(codes[cc]))!r}," for cc in sorted(codes))
    return (
        '"""First-level subdivisions (states, provinces, regions) from pycountry\'s ISO 3166-2\n'
        "data (LGPL-2.1; names only), each name in one country.\n\n"
        f"Generated by scripts/build_subdivisions.py from pycountry {pycountry.__version__};\n"
        "do not edit. One line a country: its ISO code, a tab, its names joined by \"|\".\n"
        '"""\n\n'
        f"DATA = (\n{chunks}\n)\n\n"
        "# the state codes that addresses of these countries write after the town\n"
        f"CODES: dict[str, str] = {{\n{coded}\n}}\n"
    )


def main() -> None:
    names, codes = collect()
    OUT.write_text(render(names, codes), encoding="utf-8")
    print(f"wrote {OUT}: {len(names)} names")


if __name__ == "__main__":
    main()
