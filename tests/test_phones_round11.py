"""Where a national number is (issue 11, round 11): towns and districts from phonenumbers'
geocoder data, small countries' short numbers, the note's other numbers and the way a number
is written. Each test states one rule on invented notes in several languages (no names,
firms or numbers copied from a held-out set)."""

from __future__ import annotations

import pytest
from owner_notes import by_name, one, people

from followup.parsing.geoplaces import geo_regions, region_of_place
from followup.parsing.phones import fitting_regions, written_region


def test_the_geocoder_data_knows_towns_in_one_country_only() -> None:
    assert region_of_place("Leoben") == "AT"
    assert region_of_place("Mar del Plata") == "AR"
    assert region_of_place("Olten") == "CH"
    # a name in two countries ("Vienna", Virginia too) or a compass point says nothing
    assert region_of_place("Vienna") is None
    assert region_of_place("Southwest") is None
    assert region_of_place("no such town") is None


@pytest.mark.parametrize(("text", "want"), [
    ("Büro 03842 123456 (Leoben)", ("AT",)),
    ("Feria en Mar del Plata, buena onda", ("AR",)),
    ("Rheingasse 4, 4600 Olten", ("CH",)),
    ("Marco (Sales), Lena (Finance)", ()),          # departments in parentheses
    ("an intro from Tandil", ()),                   # "from" precedes people as often
])
def test_a_town_counts_after_a_place_word_a_bracket_or_a_postcode(text: str,
                                                                  want: tuple[str, ...]) -> None:
    assert geo_regions(text) == want


def test_a_town_named_on_the_numbers_line_beats_the_notes_language() -> None:
    c = one("Kaffee mit Ing. Petra Wallner, Einkauf, Murtaler Stahl GmbH, "
            "Tel. 03842 123456 (Leoben), p.wallner@murtaler.example")
    assert c.phones == ("+433842123456",)


def test_a_town_in_the_heading_places_the_numbers_of_the_list() -> None:
    found = people("Ayer en la muestra de semillas (Mar del Plata):\n"
                   "Tomás Iturria, comprador, Granos del Sur SRL, tomas@granossur.example\n"
                   "Julieta Benítez 0223 456-7890\n")
    assert by_name(found, "Julieta Benítez").phones == ("+542234567890",)


def test_a_town_does_not_place_a_number_written_another_way() -> None:
    # "(Southwest)" is a scope, and "(512) 834-..." is written as North America writes it
    assert fitting_regions("(512) 834-2210", ("AU",)) == []
    assert fitting_regions("0223 456-7890", ("AR",)) == ["AR"]
    c = one("Dinner after the water summit\nLena Ortiz, Director, Sales (Southwest) at "
            "Clearbrook Pumps - (512) 834-2210")
    assert c.phones == ("+15128342210",)


@pytest.mark.parametrize("note", [
    "Sopar a la Cambra de Comerç d'Andorra: Pere Font Riba, Valls Digital SA, 712 345",
    "Dinner in Andorra la Vella with Pere Font Riba of Valls Digital SA, 712 345",
])
def test_six_digits_are_a_whole_number_in_a_small_country(note: str) -> None:
    assert one(note).phones == ("+376712345",)


def test_six_digits_elsewhere_are_no_phone() -> None:
    assert one("Lunch with Ines Brandt, Kestrel GmbH, Berlin; budget 712 345").phones == ()


def test_one_notes_numbers_share_their_country() -> None:
    found = people("Feria de maquinaria, Córdoba capital.\n"
                   "Nicolás Ferro — compras, Agromet SA — cel. 0351 15 444-1234\n"
                   "Paula Quiroga — misma empresa — fijo 351 444-5678\n")
    assert by_name(found, "Paula Quiroga").phones == ("+543514445678",)


@pytest.mark.parametrize(("raw", "language", "want"), [
    ("99887 66554", None, "IN"),        # India writes its mobiles 5+5
    ("07911 123456", None, "GB"),       # the UK's 07xxx xxxxxx
    ("0113 496 0123", None, "GB"),
    ("062 212 34 56", "de", "CH"),      # Swiss grouping in a German note
    ("(415) 555-0134", None, None),     # written as the default region writes it
    ("082 456 1234", None, None),       # South Africa and the Philippines alike: no guess
])
def test_the_way_a_number_is_written_names_one_country_of_the_language(
        raw: str, language: str | None, want: str | None) -> None:
    assert written_region(raw, language, "US" if language is None else "DE") == want


@pytest.mark.parametrize(("note", "want"), [
    ("Coffee with Nisha Kulkarni, product lead. 99887 66554, nisha@tealbridge.example",
     "+919988766554"),
    ("Quick word with Callum Price, Halyard Yachts, after the regatta. 07911 123456",
     "+447911123456"),
])
def test_an_english_note_reads_a_number_where_it_is_written_so(note: str, want: str) -> None:
    assert one(note).phones == (want,)


@pytest.mark.parametrize(("text", "want"), [
    ("Adresse : 7 bis, rue des Lilas, 44000 Nantes", "7 bis, rue des Lilas, 44000 Nantes"),
    ("22, boulevard Carnot – 59000 Lille", "22, boulevard Carnot – 59000 Lille"),
])
def test_a_french_house_number_before_its_comma_is_the_streets(text: str, want: str) -> None:
    from followup.parsing.postal import find_address

    assert find_address(text) == want
