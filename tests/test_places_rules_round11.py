"""Where they met (issue 11, round 11): one rule a test, on invented wordings in several
languages (no names, firms or events copied from a held-out set)."""

from __future__ import annotations

import pytest

from followup.parsing.ownertext import find_met_at


def place(text: str, names: tuple[str, ...] = ()) -> str | None:
    return find_met_at(text, [], names)


@pytest.mark.parametrize(("text", "want"), [
    ("lunch at Ko Pha Sat with two of their buyers", "Ko Pha Sat"),
    ("met Dana at the Sun Valley forum", "Sun Valley forum"),
    # a short weekday after the place is still when ("Fri", "Sat Jan 5", "sat next to")
    ("Met at Slush Fri, nice chat", "Slush"),
    ("Coffee at Blue Door Sat Jan 5 with Rui", "Blue Door"),
    ("at Web Summit sat next to Ana Lopes", "Web Summit"),
])
def test_a_short_weekday_inside_a_name_is_part_of_it(text: str, want: str) -> None:
    assert place(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Tea at Hotel Mirador, Kandy with the Ceylon Leaf people:", "Hotel Mirador"),
    ("Chai at Blue Lotus Cafe with the studio folks:", "Blue Lotus Cafe"),
    ("Thé au Café Lumière avec Paul Girard, hier", "Café Lumière"),
    ("Tee im Café Frieda mit Jonas Weber", "Café Frieda"),
])
def test_a_meal_or_a_drink_before_the_locative_is_not_the_place(text: str, want: str) -> None:
    assert place(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Rencontré à Lyon au Salon Horizon Vert jeudi", "Salon Horizon Vert"),
    ("Conocí a Marta en Madrid en la Feria Agrotec", "Feria Agrotec"),
    ("Kennengelernt in Köln auf der Möbelwoche Nord", "Möbelwoche Nord"),
])
def test_a_city_said_before_the_event_in_its_own_locative_leaves_the_event(text: str,
                                                                        want: str) -> None:
    assert place(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Spoke at her booth at Polar Robotics Day in Oulu on Friday", "Polar Robotics Day in Oulu"),
    ("Chatted at their stand at Agritech Expo yesterday", "Agritech Expo"),
])
def test_a_persons_booth_at_an_event_is_the_event(text: str, want: str) -> None:
    assert place(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Hackfest in Leipzig today, three to keep:\n1. Jana Vogt, CTO", "Hackfest in Leipzig"),
    ("Bioforum en Bogotá hoy, dos contactos:\n- Ana Ruiz", "Bioforum en Bogotá"),
    ("Coffee with Andrés in Bogotá", "Bogotá"),        # a person is no event
    ("Dinner in Lyon with the founders", "Lyon"),       # nor a meal
])
def test_a_name_joined_to_its_city_in_a_heading_is_the_event(text: str, want: str) -> None:
    assert place(text, ("Andrés",)) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Frühjahrsempfang Handelskammer Ostbayern.\nKarte im Anhang.",
     "Frühjahrsempfang Handelskammer Ostbayern"),
    ("Déjeuner Cleantech Nantes, mardi.\nIl cherche un intégrateur.", "Déjeuner Cleantech Nantes"),
    ("Kolacja branżowa w Gdańsku, wczoraj.\nSzuka partnera.", "Kolacja branżowa w Gdańsku"),
    ("Desayuno agtech en Chapinero (Bogotá).\nDos contactos:", "Desayuno agtech en Chapinero"),
    ("Logistiek-borrel Tilburg, donderdag.\nHij zoekt vervoerders.", "Logistiek-borrel Tilburg"),
])
def test_a_first_line_alone_that_names_a_gathering_is_the_place(text: str, want: str) -> None:
    assert place(text) == want


@pytest.mark.parametrize("text", [
    "Dos contactos del Salón Verde\nAna Ruiz, compras",     # its locative is read elsewhere
    "Lunch with Tom Reed, Acme.\nWants a demo.",            # a meal with a person
])
def test_a_first_line_that_is_no_gathering_s_name_is_not_taken_whole(text: str) -> None:
    assert place(text) != text.split("\n")[0].rstrip(".")
