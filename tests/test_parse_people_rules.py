"""Who a note is about, rule by rule (issue 11, third round): each test states one rule about a
kind of note and checks it on several invented wordings and languages (none copied from a
held-out set)."""

from __future__ import annotations

from owner_notes import one, people


def test_a_capitalised_phrase_between_a_title_comma_and_the_employer_is_the_title_scope() -> None:
    # the scope is any area, not only a region from a list
    c = one("Lunch with Marta Quint. She's Head of Risk, Retail Lending at Hollowmere Bank and "
            "wants a demo.\nmarta@hollowmere.example")
    assert (c.title, c.company) == ("Head of Risk, Retail Lending", "Hollowmere Bank")
    c = one("Met Oskar Brandvold at the robotics fair - he's SVP, Field Service at Kvitfjell "
            "Maskin AS. Wants pricing.")
    assert (c.title, c.company) == ("SVP, Field Service", "Kvitfjell Maskin AS")
    c = one("Conocí a Lucía Ferrán Soto, Directora, Banca Privada, en Grupo Orvalle S.A., ayer.")
    assert (c.title, c.company) == ("Directora, Banca Privada", "Grupo Orvalle S.A.")
    c = one("Gestern mit Jonas Weidl gesprochen, Leiter Vertrieb, Mittelstand bei Kornhaus "
            "Logistik GmbH.")
    assert (c.title, c.company) == ("Leiter Vertrieb, Mittelstand", "Kornhaus Logistik GmbH")


def test_a_company_after_a_comma_stays_a_company_when_no_employer_follows() -> None:
    c = one("Met Pia Lund, CTO, Fjordbyte at the meetup. pia@fjordbyte.example")
    assert (c.title, c.company) == ("CTO", "Fjordbyte")


def test_a_labelled_title_is_taken_whole_and_co_labels_the_company() -> None:
    c = one("Name: Abena Owusu\nTitle: Director, Channel Sales\nCo: Sankofa Grid Ltd\n"
            "abena@sankofagrid.example")
    assert (c.full_name, c.title, c.company) == ("Abena Owusu", "Director, Channel Sales",
                                                 "Sankofa Grid Ltd")


def test_a_name_opening_a_line_with_a_phone_number_right_after_it_is_a_person() -> None:
    found = people("Numbers from the trade fair:\nMiriam Okafor 0803 555 1290\n"
                   "Tobias Renner +49 151 5550 3321\ncall both Monday")
    assert [c.full_name for c in found] == ["Miriam Okafor", "Tobias Renner"]
    assert found[1].phones == ("+4915155503321",)
    found = people("Del congreso:\n- Inés Barrios Lago 612 555 870\n"
                   "- Pau Serra i Mas 699 555 112\n")
    assert [c.full_name for c in found] == ["Inés Barrios Lago", "Pau Serra i Mas"]
    assert all(len(c.phones) == 1 for c in found)


def test_a_phone_number_ends_a_company_name() -> None:
    c = one("Kofi Mensah from Adinkra Freight 617 555 0199, met at the port expo")
    assert (c.company, c.phones) == ("Adinkra Freight", ("+16175550199",))
    c = one("Ana Ribeiro da Tecelagem Norte +351 912 555 104 conheci ontem")
    assert c.phones == ("+351912555104",)


def test_a_company_neither_opens_with_a_preposition_nor_ends_with_too() -> None:
    found = people("At the summit afterparty:\nLena Ruiz - CTO at Quillmark\n"
                   "Tariq Aziz - CFO at Quillmark too\n")
    assert [c.company for c in found] == ["Quillmark", "Quillmark"]
    c = one("Vi a Tomás Ibarra Olmos, Jefe de compras, en Ferretera Andina S.A.S., en Medellín.")
    assert c.company == "Ferretera Andina S.A.S."


def test_a_name_after_a_meeting_verb_in_any_of_the_parsers_languages_is_a_person() -> None:
    for note, name in (
        ("Ontem conheci Beatriz Lemos Prado na feira de Lisboa, tel. 912 555 104",
         "Beatriz Lemos Prado"),
        ("Vandaag gesproken met Daan Verhoef over de pilot. 06 5555 1234", "Daan Verhoef"),
        ("Wczoraj poznałam Agnieszka Wróbel na targach, tel. 601 555 234", "Agnieszka Wróbel"),
        ("Igår träffade Elin Sjöberg på mässan, 070 555 12 34", "Elin Sjöberg"),
        ("Ayer hablé con Rocío Benítez Lara en la feria, 612 555 870", "Rocío Benítez Lara"),
    ):
        assert one(note).full_name == name, note


def test_a_title_stops_where_a_preposition_or_dash_introduces_the_employer() -> None:
    c = one("Heute mit Sabine Kurz gesprochen, COO der Elbwerk Maschinen AG, 040 5550 1234")
    assert (c.title, c.company) == ("COO", "Elbwerk Maschinen AG")
    found = people("Vom Gründertreffen:\n- Malte Jessen, CFO von Wattvogel, 0171 5550 2231\n"
                   "- Ilka Brandt, Leiterin Einkauf bei Nordhafen Logistik, 0152 5550 8812")
    assert [(c.title, c.company) for c in found] == [
        ("CFO", "Wattvogel"), ("Leiterin Einkauf", "Nordhafen Logistik")]


def test_a_list_item_gives_title_then_firm_and_a_firm_after_a_title_is_no_person() -> None:
    found = people("From the solar expo:\n- Ngozi Eze, founder, Harmattan Power — "
                   "+234 803 555 0142\n- Kwame Asante – BD, Volta Grid, kwame@voltagrid.example")
    assert [(c.full_name, c.title, c.company) for c in found] == [
        ("Ngozi Eze", "founder", "Harmattan Power"), ("Kwame Asante", "BD", "Volta Grid")]
    assert found[0].phones == ("+2348035550142",)
    # a city after the title is where they are, not the firm
    c = one("- Élodie Marchand, directrice commerciale, Lyon, elodie@marchand.example")
    assert c.company != "Lyon"


def test_a_possessive_relation_in_brackets_is_not_a_company() -> None:
    found = people("Met at the harbour forum:\n- Rui Tavares, CEO, Marés Lda, rui@mares.example\n"
                   "- Joana Pires +351 912 555 310 (Rui's colleague)")
    assert found[1].full_name == "Joana Pires"
    assert found[1].company is None


def test_a_national_number_takes_the_country_of_its_own_line_not_another_persons() -> None:
    # the other person's line says where that person is; this note is German
    found = people("Vom Gründerabend heute:\n- Jana Vogt, Einkauf, 0151 23456789\n"
                   "- Lukas Egger: +43 660 5551234 (wohnt in Graz)\nBeide nächste Woche anrufen.")
    assert found[0].phones == ("+4915123456789",)
    # a number the note's places make valid only in one of them
    found = people("Two from the expo, numbers only:\nPriya Shah 07911 123456\n"
                   "Chidi Okeke +234 803 555 0101 (in London this month)\ntext both Monday")
    assert found[0].phones == ("+447911123456",)



def test_a_city_or_country_is_never_the_company() -> None:
    assert one("Anaïs Perrin (Marseille) 06 98 76 54 32 vue au salon").company is None
    assert one("- Tomasz Lis, Warszawa, +48 601 555 234").company is None


def test_a_title_ends_where_and_starts_a_new_predicate() -> None:
    c = one("Met Ravi Menon at the summit. He is Head of Data, EMEA and runs the cloud budget "
            "for the group. ravi@menon.example")
    assert c.title == "Head of Data, EMEA"
    # "and" between two title words stays inside the title
    c = one("Met Lise Moreau, head of sales and marketing at Brisk SA, lise@brisk.example")
    assert c.title == "head of sales and marketing"


def test_titles_in_portuguese_dutch_polish_and_nordic_notes() -> None:
    for note, title in (
        ("Conheci o Tiago Matos, diretor comercial da Serra Verde Lda, tiago@serraverde.example",
         "diretor comercial"),
        ("Gesproken met Ruud Jansen, Hoofd Verkoop bij Delta Kade BV. ruud@deltakade.example",
         "Hoofd Verkoop"),
        ("Poznałem Marek Zając, kierownik zakupów, Odra Tech Sp. z o.o., marek@odratech.example",
         "kierownik zakupów"),
        ("Träffade Nils Berg, inköpschef på Fjäll Bygg AB, nils@fjallbygg.example", "inköpschef"),
    ):
        assert one(note).title == title, note


def test_a_signature_title_line_splits_at_a_dash_or_preposition_only_before_a_firm() -> None:
    from followup.parsing.phones import find_phones
    from followup.parsing.signature import parse_signature

    def sig(name: str, email: str, line: str) -> tuple[str | None, str | None]:
        body = f"Hello,\n\nsee you soon.\n\n{name}\n{line}\n+33 4 78 55 12 34\n"
        info = parse_signature(body, name, email, lambda t: [e for e, *_ in find_phones(t)])
        return info.title, info.company

    assert sig("Lucie Garnier", "lucie@rhodia-lab.example",
               "Directrice technique – Rhône Analytique SARL") == (
        "Directrice technique", "Rhône Analytique SARL")
    assert sig("Bram Smit", "bram@kadewerk.example", "Hoofd Inkoop bij Kadewerk BV") == (
        "Hoofd Inkoop", "Kadewerk BV")
    # after a dash, a team is no firm
    _title, company = sig("Ola Nordmann", "ola@fjellnett.example", "Senior Engineer - Platform")
    assert company != "Platform"


def test_the_firm_a_list_heading_names_is_each_listed_persons_company() -> None:
    found = people("Dinner at the logistics fair with three people from Vistula Cargo Sp. z o.o.:\n"
                   "- Ewa Maj, CFO, ewa@vistulacargo.example\n"
                   "- Piotr Kos, head of sales, +48 601 555 777\n")
    assert [c.company for c in found] == ["Vistula Cargo Sp. z o.o.", "Vistula Cargo Sp. z o.o."]
    # no legal form: the listed people's addresses must spell it
    found = people("Ayer en la feria, los de Nube Roja. Para seguir:\n"
                   "— Irene Solís, CEO, irene@nuberoja.example\n— Hugo Lara, CTO, 55 1234 5678\n")
    assert [c.company for c in found] == ["Nube Roja", "Nube Roja"]
    # an event in the heading is no firm
    found = people("From the Lisbon design week:\n- Rita Sousa, designer, rita@sousa.example\n"
                   "- Nuno Faria, architect, nuno@faria.example\n")
    assert [c.company for c in found] == [None, None]


def test_counted_people_after_a_meeting_verb_are_not_a_name() -> None:
    found = people("Avui he conegut dues persones de Teixits Ter S.A.:\n"
                   "— Marc Puig i Soler, director, marc@teixitster.example\n")
    assert [c.full_name for c in found] == ["Marc Puig i Soler"]


def test_a_dotted_legal_form_keeps_its_last_dot_an_abbreviation_at_a_full_stop_does_not() -> None:
    c = one("Met Lina Ortiz at the expo, CFO at Montaña Verde S.A.S. Very sharp. "
            "lina@montanaverde.example")
    assert c.company == "Montaña Verde S.A.S."
    c = one("Met Joe Park at the expo, CFO at Redwood Analytics Inc. Very sharp. "
            "joe@redwoodanalytics.example")
    assert c.company == "Redwood Analytics Inc"


def test_a_city_that_is_also_a_given_name_counts_after_a_place_preposition() -> None:
    c = one("Ayer en un congreso en Santiago conocí a Tomás Errázuriz, gerente de Salar SpA.\n"
            "Celular: 9 6123 4567")
    assert c.phones == ("+56961234567",)


def test_each_country_the_note_names_reads_the_numbers_the_first_cannot() -> None:
    # "Spagna" is a street's name here; the number is only a number in Italy
    c = one("Met Gianni Russo at the design fair, Studio Russo, Piazza di Spagna 12, "
            "00187 Roma, 06 6994 0012, gianni@studiorusso.example")
    assert c.phones == ("+390669940012",)
