"""Who a note is about, rule by rule (issue 11, ninth round): each test states one kind of
miss seen on outside authors' notes and checks the rule on invented wordings, names, cities
and languages (none copied from a held-out set)."""

from __future__ import annotations

from test_parse_people_round6 import one

from followup.parsing.names import clean_name


def test_a_form_of_address_inside_a_run_together_span_opens_the_name() -> None:
    assert clean_name("Lyon M. Paul Girard") == "Paul Girard"
    assert clean_name("Graz Herr Jan Novak") == "Jan Novak"
    assert clean_name("Sevilla Sra. Lucía Pérez Gil") == "Lucía Pérez Gil"
    assert clean_name("Torino Dott.ssa Chiara Ferri") == "Chiara Ferri"
    # a middle initial is not a form of address when no place stands before it
    assert clean_name("Kim M. Van Dyke") == "Kim M. Van Dyke"
    assert clean_name("John M. Smith") == "John M. Smith"
    c = one("Vue hier au salon de l'agroalimentaire de Nantes Mme Claire Roux, directrice "
            "achats chez Roux Frères. claire.roux@rouxfreres.example")
    assert c.full_name == "Claire Roux"
