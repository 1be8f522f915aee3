"""The person's own details (issue 11, p-sig12): a state, province or region written beside a
town says where a national number is ("Pune, Maharashtra", "Hamilton (Waikato)", "Campinas -
SP", "Newcastle NSW 2300"); a city that is also a surname, right after a given name ("Ana
Lima"), is the person's name, not where she is. Every probe is invented (names, firms and
numbers made up); none is copied from a held-out set."""

from __future__ import annotations

import pytest

from followup.model import ParsedContact
from followup.parsing import parse_message
from followup.parsing.subdivisions import subdivision_regions


def _note(text: str) -> list[ParsedContact]:
    raw = ("From: Owner Person <owner@own.example>\r\nTo: in@own.example\r\n"
           "Subject: note\r\nDate: Tue, 10 Mar 2026 18:00:00 +0000\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.replace("\n", "\r\n") + "\r\n")
    return list(parse_message(raw.encode()).contacts)


def _forwarded(note: str, name: str, addr: str, body: str) -> list[ParsedContact]:
    return _note(f"{note}\n\n---------- Forwarded message ---------\nFrom: {name} <{addr}>\n"
                 "Date: Mon, Mar 9, 2026 at 4:10 PM\nSubject: Re: our chat\n"
                 f"To: Owner Person <owner@own.example>\n\n{body}")


# --- a state or region beside a town ----------------------------------------------------

@pytest.mark.parametrize(("text", "region"), [
    ("Tauranga office, Hamilton (Waikato)", "NZ"),
    ("Kolhapur, Maharashtra 416003", "IN"),
    ("Coimbatore, Tamil Nadu", "IN"),
    ("Sandton, Gauteng 2196", "ZA"),
    ("Porto Alegre, Rio Grande do Sul", "BR"),
    ("Ribeirão Preto - SP", "BR"),
    ("Niterói/RJ, 24020-000", "BR"),
    ("Wollongong NSW 2500", "AU"),
    ("Bunbury WA 6230", "AU"),
    ("Launceston, TAS", "AU"),
    ("Petaling Jaya, Selangor", "MY"),
    ("Envigado, Antioquia", "CO"),
    ("Guadalajara, Jalisco.", "MX"),
])
def test_a_state_or_region_as_a_field_after_its_town(text: str, region: str) -> None:
    assert subdivision_regions(text) == (region,)


@pytest.mark.parametrize("text", [
    "Lunch with Ana, Cesar and Tom",      # a given name that is also a department's
    "Lima - PE",                          # Pernambuco's code is Peru's as well
    "Perth, WA",                          # a two-letter code only before its postcode
    "Sales lead, Central",                # a word every country capitalises
    "Victoria, BC",                       # a state's name that is also a city's elsewhere
])
def test_no_region_where_the_field_says_none(text: str) -> None:
    from followup.parsing.phones import NAME_LIKE_CITIES

    assert subdivision_regions(text, NAME_LIKE_CITIES) == ()


@pytest.mark.parametrize(("text", "phone"), [
    ("Met Tama Rewiti, Cambridge (Waikato). Works at Harakeke Seeds. 021 555 0346",
     "+64215550346"),
    ("Chat with Shreya Kulkarni, Nashik, Maharashtra. Godavari Agro. 98220 55346",
     "+919822055346"),
    ("Met Tiago Moura, Sorocaba - SP, at the packaging fair. Cel (15) 99555-0346",
     "+5515995550346"),
    ("Coffee with Liam Byrne, Geelong VIC 3220. Saltbush Joinery. 0412 555 346",
     "+61412555346"),
    ("Met Lerato Khumalo (Pretoria, Gauteng) - Baobab Freight, 082 555 0346", "+27825550346"),
])
def test_a_national_number_read_where_the_state_says(text: str, phone: str) -> None:
    assert _note(text)[0].phones == (phone,)


def test_a_city_that_is_also_her_surname_is_no_place() -> None:
    found = _note("Met Júlia Lima at the food fair in Londrina. Cel (43) 99555-0212")
    assert found[0].phones == ("+5543995550212",)


def test_a_forwarded_signature_with_its_region() -> None:
    body = ("Kia ora,\nThanks for the tour.\n\nNgā mihi\nMereana\n\nMereana Tipene | Operations\n"
            "Rimu Freight Ltd\nTe Rapa, Hamilton (Waikato)\nM 027 555 0871\n")
    found = _forwarded("Mereana from the field day", "Mereana Tipene", "mereana@rimu.example",
                       body)
    assert found[0].phones == ("+64275550871",)
    assert found[0].company == "Rimu Freight Ltd"


# --- a closing that says where it is sent from; a degree before the name ----------------

@pytest.mark.parametrize(("closing", "name_line", "title", "company", "address", "phone"), [
    ("Beste Grüße aus Linz", "DI Verena Aigner-Moser", "Leiterin Technik",
     "Donaublick Anlagenbau GmbH", "Hafenstraße 12, 4020 Linz", "T +43 732 481 266"),
    ("Herzliche Grüße aus Innsbruck", "MMag. Verena Aigner-Moser", "Prokuristin",
     "Inntal Holzbau GmbH", "Anichstraße 5, 6020 Innsbruck", "T +43 512 570 318"),
    ("Kind regards from Durban", "Verena Aigner-Moser", "Plant Manager",
     "Umgeni Packaging (Pty) Ltd", "14 Quay Road, Durban 4001", "T +27 31 555 0266"),
    ("Saludos desde Rosario", "Verena Aigner-Moser", "Gerente Comercial",
     "Paraná Envases S.R.L.", "Av. Pellegrini 1450, S2000 Rosario", "T +54 341 555 0266"),
])
def test_a_full_signature_under_a_closing_from_a_town(
        closing: str, name_line: str, title: str, company: str, address: str,
        phone: str) -> None:
    body = (f"Thanks again, the documents are attached.\n\n{closing}\n\n{name_line}\n{title}\n"
            f"{company}\n{address}\n{phone}\n")
    found = _forwarded("Verena from the fair", "Verena Aigner-Moser",
                       "v.aigner-moser@firm.example", body)
    assert (found[0].title, found[0].company) == (title, company)
    assert len(found[0].phones) == 1


def test_a_closing_is_no_sentence_that_goes_on() -> None:
    from followup.parsing.signature import _CLOSING

    assert not _CLOSING.match("Merci de votre retour.")
    assert not _CLOSING.match("Thanks from all of us")
    assert _CLOSING.match("Groeten uit Gent")


# --- a region qualifying an event or a firm; a greeting only one country writes ----------

@pytest.mark.parametrize(("text", "region"), [
    ("this is Hemi from the Taranaki energy expo on Tuesday", "NZ"),
    ("she runs a Gauteng logistics firm", "ZA"),
    ("met him at the Karnataka startup summit", "IN"),
])
def test_a_region_qualifying_what_follows_it(text: str, region: str) -> None:
    assert subdivision_regions(text) == (region,)


def test_a_given_name_after_an_article_is_no_region() -> None:
    assert subdivision_regions("the Cesar Ritz award, then drinks with Cesar at the bar") == ()


@pytest.mark.parametrize("greeting", ["kia ora", "Ngā mihi nui", "Nga mihi"])
def test_a_new_zealand_greeting_places_a_national_number(greeting: str) -> None:
    found = _note(f"{greeting} - met Ropata Kereama at the orchard tech day, Totara Drones Ltd, "
                  "027 555 0618. follow up next week")
    assert found[0].phones == ("+64275550618",)


def test_a_region_name_is_as_weak_as_a_town() -> None:
    # "Kochi" is a Japanese prefecture's name and a city of Kerala: an Indian mobile, grouped
    # as India writes it, stays Indian
    found = _note("Met Anil Varghese at the Kochi boat show, sales lead at Backwater Marine. "
                  "mob 94472 55810")
    assert found[0].phones == ("+919447255810",)
