"""Who a note is about, rule by rule (issue 11, round eleven, p-people7): each test states one
kind of miss seen on outside authors' notes and checks the rule on invented wordings, names,
firms and languages (none copied from a held-out set)."""

from __future__ import annotations

from owner_notes import by_name, one, people

from followup.parsing.lexicon import HONORIFICS, NAME_PARTICLES
from followup.parsing.names import clean_name
from followup.parsing.vcard import clean_full_name


def test_forms_of_address_of_many_regions_open_no_name() -> None:
    assert clean_name("Alhaji Musa Garba Yakubu") == "Musa Garba Yakubu"
    assert clean_name("Hajiya Zainab Umar") == "Zainab Umar"
    assert clean_name("Chief Ngozi Okafor-Eze") == "Ngozi Okafor-Eze"
    assert clean_name("Datuk Ahmad Faizal bin Hashim") == "Ahmad Faizal bin Hashim"
    assert clean_name("Sheikh Khalid Al Mansoori") == "Khalid Al Mansoori"
    assert clean_name("Engr. Tunde Bakare") == "Tunde Bakare"
    assert clean_name("Pastor Kofi Mensah") == "Kofi Mensah"
    assert clean_full_name("Haji Rahmat Sulaiman") == "Rahmat Sulaiman"
    c = one("Kano trade fair - met Alhaji Musa Garba Yakubu, MD of Sahel Grains Ltd. "
            "musa@sahelgrains.example")
    assert (c.full_name, c.title, c.company) == ("Musa Garba Yakubu", "MD", "Sahel Grains Ltd")
    c = one("KL: coffee with Datuk Ahmad Faizal bin Hashim, CEO of Teras Harta Berhad, "
            "faizal@terasharta.example")
    assert c.full_name == "Ahmad Faizal bin Hashim"
    c = one("Dubai: met Sheikh Khalid Al Mansoori, Chairman, Dune Holdings. khalid@dune.example")
    assert c.full_name == "Khalid Al Mansoori"
    found = people("- Hajiya Zainab Umar, zainab@umar.example\n- Pastor Kofi Mensah, "
                   "kofi@grace.example\n")
    assert [c.full_name for c in found] == ["Zainab Umar", "Kofi Mensah"]


def test_one_list_of_honorifics_and_particles_keeps_the_old_behaviour() -> None:
    assert {"dr", "prof", "mme", "dott.ssa", "herr", "sra", "alhaji", "datuk"} <= HONORIFICS
    assert {"van", "de", "bin", "binte", "della"} <= NAME_PARTICLES
    # a vCard keeps a first name that is also a form of address, and an initial
    assert clean_full_name("Arch Stanton") == "Arch Stanton"
    assert clean_full_name("M Smith") == "M Smith"
    assert clean_full_name("Dr. med. Jana Kühn") == "Jana Kühn"
    assert clean_name("Kim M. Van Dyke") == "Kim M. Van Dyke"


def test_a_department_after_a_titles_comma_is_the_titles_with_its_region() -> None:
    c = one("Met Oliver Grant - Senior Manager, Cargo Claims EMEA - "
            "oliver.grant@harbourline.example")
    assert (c.title, c.company) == ("Senior Manager, Cargo Claims EMEA", None)
    c = one("Met Hannah Wu at the fintech breakfast. Director, Regulatory Reporting, Kestrel "
            "Bank plc. hannah@kestrelbank.example")
    assert (c.title, c.company) == ("Director, Regulatory Reporting", "Kestrel Bank plc")
    c = one("Met Sam Cole - VP Engineering, Payments Platform APAC - sam@tidepay.example")
    assert c.title == "VP Engineering, Payments Platform APAC"


def test_a_romance_department_with_its_adjective_after_a_comma_is_the_titles() -> None:
    c = one("Rencontré Julien Marchand, directeur principal, Ventes internationales chez "
            "Maison Tardieu SA, julien@tardieu.example")
    assert (c.title, c.company) == ("directeur principal, Ventes internationales",
                                    "Maison Tardieu SA")
    c = one("Conocí a Lucía Ortega, gerente regional, Ventas corporativas en Grupo Andino "
            "S.A., lucia@andino.example")
    assert (c.title, c.company) == ("gerente regional, Ventas corporativas",
                                    "Grupo Andino S.A.")


def test_a_line_of_business_or_countries_after_a_titles_dash_is_the_titles() -> None:
    c = one("Met Tomasz Nowak, Lead Designer – Checkout UX at Ferrowave Labs, "
            "tomasz@ferrowave.example")
    assert (c.title, c.company) == ("Lead Designer – Checkout UX", "Ferrowave Labs")
    c = one("Met Ana Lopes, Country Manager – Portugal & Spain, Verde Seguros SA, "
            "ana@verde.example")
    assert (c.title, c.company) == ("Country Manager – Portugal & Spain", "Verde Seguros SA")
    c = one("Met Priya Nair, Head of Operations – Retail Lending at Baywater Bank, "
            "priya@baywater.example")
    assert (c.title, c.company) == ("Head of Operations – Retail Lending", "Baywater Bank")
    # a firm after the dash stays the firm
    c = one("Met Lars Berg, founder – Nordwind Engineering, Oslo. lars@nordwind.example")
    assert c.company == "Nordwind Engineering"
