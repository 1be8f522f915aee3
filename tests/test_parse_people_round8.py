"""Who a note is about, rule by rule (issue 11, eighth round): each test states one kind of
miss seen on outside authors' notes and checks the rule on invented wordings, names, cities
and languages (none copied from a held-out set)."""

from __future__ import annotations

from test_parse_people_round6 import by_name, one, people

from followup.parsing import phones


def test_a_city_said_as_its_german_adjective_reads_the_national_numbers() -> None:
    assert phones.city_adjective_regions("beim Grazer Startup-Abend") == ("AT",)
    assert phones.city_adjective_regions("auf der Kölner Messe") == ("DE",)
    assert phones.city_adjective_regions("am Münchner Stammtisch") == ("DE",)
    assert phones.city_adjective_regions("die Zuger Krypto-Runde") == ()  # Zug: no city we know
    found = people("Zwei Kontakte vom Grazer Gründerabend gestern:\n"
                   "- Julia Moser, Gründerin bei Murtal Robotics, 0660 765 4321\n"
                   "- Florian Berger, 0699 111 2233\n")
    assert by_name(found, "Julia Moser").phones == ("+436607654321",)
    assert by_name(found, "Florian Berger").phones == ("+436991112233",)


def test_a_country_right_after_a_title_is_its_territory_not_the_notes_country() -> None:
    assert phones.hinted_regions("Paolo Neri, Area Manager Francia, Ferro Lavori") == ()
    assert phones.hinted_regions("Ana Sousa, Sales Director Spain") == ()
    # a country said as a place still counts
    assert phones.hinted_regions("Ana Sousa, based in Spain") == ("ES",)
    found = people("Alla fiera di Bologna oggi:\n"
                   "- Paolo Neri, Export Manager Germania, Ferro Lavori\n"
                   "- Giulia Conti 347 123 4567\n")
    assert by_name(found, "Giulia Conti").phones == ("+393471234567",)


def test_a_part_of_a_continent_with_its_small_word_is_the_titles_scope() -> None:
    c = one("Croisé au forum Africarena Moussa Diallo, Responsable des ventes, Afrique de "
            "l'Ouest chez Baobab Énergie. moussa@baobab.example")
    assert (c.title, c.company) == ("Responsable des ventes, Afrique de l'Ouest", "Baobab Énergie")
    c = one("Conocí a Lucía Paredes, Jefa de alianzas, América del Sur en Grupo Tarapacá. "
            "lucia@tarapaca.example")
    assert (c.title, c.company) == ("Jefa de alianzas, América del Sur", "Grupo Tarapacá")
    c = one("Heute Jonas Keller getroffen, Leiter Partnerschaften, Südosteuropa bei Donauhafen "
            "Logistik. jonas@donauhafen.example")
    assert (c.title, c.company) == ("Leiter Partnerschaften, Südosteuropa", "Donauhafen Logistik")
