"""Who a note is about, probe by probe (issue 11, round fourteen, p-people10): invented notes of
the people kind (a title's scope after its comma: a country, a named part of a continent, a
point of the compass, before a firm set off by "--"; a role before the name in several
languages; honorifics of many cultures; particles and two surnames) each with what a careful
reader takes from it. Names, firms and wordings are made up; none is copied from a held-out set."""

from __future__ import annotations

import unicodedata

import pytest
from owner_notes import people

# full name, title, company, phones
Who = tuple[str, str | None, str | None, list[str]]

PROBES: list[tuple[str, list[Who]]] = [
    # a scope after a title: any country (phonenumbers' names), a named region, then the firm
    ("Met at the Kigali fintech week:\n- Amani Uwase, Country Manager, Rwanda -- Mvura Pay -- "
     "amani@mvurapay.example",
     [("Amani Uwase", "Country Manager, Rwanda", "Mvura Pay", [])]),
    ("Jonas Berg, Head of Partnerships, Southeast Asia — Lumora Cloud — jonas@lumora.example",
     [("Jonas Berg", "Head of Partnerships, Southeast Asia", "Lumora Cloud", [])]),
    ("Chiamaka Eze, Director, Cloud Sales, Nigeria - Okwu Systems Ltd, chiamaka@okwu.example",
     [("Chiamaka Eze", "Director, Cloud Sales, Nigeria", "Okwu Systems Ltd", [])]),
    ("Salon Vinexpo à Bordeaux : Hélène Marchetti, directrice export, Maroc — Caves du Lys SAS",
     [("Hélène Marchetti", "directrice export, Maroc", "Caves du Lys SAS", [])]),
    ("Feria en Lima: Rodrigo Salas, jefe de ventas, Perú, de Andes Textil S.A.C.",
     [("Rodrigo Salas", "jefe de ventas, Perú", "Andes Textil S.A.C.", [])]),
    ("Tamar Levi, regional sales lead, Central America -- Quetzal Freight, tamar@qf.example",
     [("Tamar Levi", "regional sales lead, Central America", "Quetzal Freight", [])]),
    ("Rencontre : Yannick Morel, responsable grands comptes, Ouest — Ateliers Kerlan SARL",
     [("Yannick Morel", "responsable grands comptes, Ouest", "Ateliers Kerlan SARL", [])]),
]

# probes still read wrong, left for a later round (see the report of p-people10)
KNOWN_MISSES: set[int] = set()


def _norm(value: str | None) -> str | None:
    return None if value is None else unicodedata.normalize("NFC", value).casefold().rstrip(".")


def read(body: str) -> list[Who]:
    return [(c.full_name or "", c.title, c.company, list(c.phones)) for c in people(body)]


@pytest.mark.parametrize("index", range(len(PROBES)))
def test_probe(index: int) -> None:
    if index in KNOWN_MISSES:
        pytest.skip("known miss")
    body, want = PROBES[index]
    got = read(body)
    assert [(_norm(g[0]), _norm(g[1]), _norm(g[2]), g[3]) for g in got] == \
        [(_norm(w[0]), _norm(w[1]), _norm(w[2]), w[3]) for w in want], got
