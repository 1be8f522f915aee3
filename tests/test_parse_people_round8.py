"""Who a note is about, rule by rule (issue 11, eighth round): each test states one kind of
miss seen on outside authors' notes and checks the rule on invented wordings, names, cities
and languages (none copied from a held-out set)."""

from __future__ import annotations

from owner_notes import by_name, one, people

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
    assert phones.hinted_regions("Julie Petit, Responsable grands comptes Allemagne") == ()
    assert phones.hinted_regions("Vertriebsleiterin Österreich bei Almtal Bau") == ()
    # a country said as a place still counts
    assert phones.hinted_regions("Ana Sousa, CEO, based in Spain") == ("ES",)
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


def test_title_de_a_department_then_a_comma_and_the_firm() -> None:
    c = one("Del foro de logística de Quito:\nAndrés Villacís, Jefe de Operaciones, Transportes "
            "Cotopaxi, andres@cotopaxi.example")
    assert (c.title, c.company) == ("Jefe de Operaciones", "Transportes Cotopaxi")
    c = one("Rencontré Hélène Morel, Responsable de Communication, Atelier Sorbier, "
            "helene@sorbier.example")
    assert (c.title, c.company) == ("Responsable de Communication", "Atelier Sorbier")
    c = one("Conheci a Joana Prates, Diretora de Marketing, Grupo Atlântico, "
            "joana@atlantico.example")
    assert (c.title, c.company) == ("Diretora de Marketing", "Grupo Atlântico")
    c = one("Alla fiera di Verona Chiara Bassi, Responsabile di Produzione, Officine Rossi, "
            "chiara@rossi.example")
    assert (c.title, c.company) == ("Responsabile di Produzione", "Officine Rossi")
    # a title that heads a firm: "de X" is the firm; a place after the comma is no firm
    c = one("Conocí a Pablo Ríos, fundador de Cumbre Labs, Valparaíso, pablo@cumbre.example")
    assert c.company == "Cumbre Labs"


def test_catalan_a_after_a_department_names_the_employer() -> None:
    c = one("Avui he parlat amb en Jordi Pons, responsable de Vendes a Cellers Empordà, "
            "jordi@emporda.example")
    assert (c.title, c.company) == ("responsable de Vendes", "Cellers Empordà")


def test_a_german_relative_clause_gives_firm_and_title_with_the_verb_last() -> None:
    c = one("Gestern beim Logistiktag Herrn Jan Albrecht getroffen, der bei Elbkai Systems als "
            "Teamleiter Einkauf arbeitet. jan@elbkai.example")
    assert (c.title, c.company) == ("Teamleiter Einkauf", "Elbkai Systems")
    c = one("Heute Miriam Vogt kennengelernt, die bei der Rheinfracht AG Leiterin Controlling "
            "ist. miriam@rheinfracht.example")
    assert (c.title, c.company) == ("Leiterin Controlling", "Rheinfracht AG")
    c = one("Mit Tobias Lenz gesprochen, der bei Alpenstrom als Produktmanager tätig ist.")
    assert (c.title, c.company) == ("Produktmanager", "Alpenstrom")
    # the title before the firm, "als" before it, or a "seit …" first
    c = one("Heute Jonas Weber getroffen, der Einkaufsleiter bei Brandt Maschinenbau ist.")
    assert (c.title, c.company) == ("Einkaufsleiter", "Brandt Maschinenbau")
    c = one("Heute Jonas Weber getroffen, der als Einkaufsleiter bei Brandt Maschinenbau arbeitet.")
    assert (c.title, c.company) == ("Einkaufsleiter", "Brandt Maschinenbau")
    c = one("Mit Lea Fuchs gesprochen, die seit Mai bei Kranich Logistik als Projektleiterin "
            "arbeitet.")
    assert (c.title, c.company) == ("Projektleiterin", "Kranich Logistik")


def test_a_two_letter_syllable_of_a_name_is_no_country_code() -> None:
    found = people("Gala dinner in Taipei:\nLi Mei Chen, partner at Jade Ventures, "
                   "li@jade.example\n")
    assert [c.full_name for c in found] == ["Li Mei Chen"]
    assert one("Met Ka Wai Leung at the harbour dinner").full_name == "Ka Wai Leung"


def test_a_line_that_opens_with_a_relation_then_a_name_and_a_phone_is_a_person() -> None:
    found = people("Drinks at the Singapore fintech night:\nMei Ling Tan, partner at Orchid "
                   "Ventures, mei@orchid.example\nhis colleague Daniel Lim 9876 5432\n")
    assert by_name(found, "Daniel Lim").phones == ("+6598765432",)
    assert by_name(found, "Mei Ling Tan").phones == ()
    found = people("Salon Vivatech à Paris :\nClaire Roux, CEO de Lumio, claire@lumio.example\n"
                   "sa collègue Inès Barbier, 06 11 22 33 44\n")
    assert by_name(found, "Inès Barbier").phones == ("+33611223344",)
    # an assistant to go through is no contact
    found = people("Lunch in Singapore:\nMei Ling Tan, partner at Orchid Ventures, "
                   "mei@orchid.example\nher assistant Daniel Lim 9876 5432\n")
    assert [c.full_name for c in found] == ["Mei Ling Tan"]


def test_the_a_after_a_title_names_the_employer_not_someone_met() -> None:
    c = one("Ahir vaig conèixer la Mar Vidal, directora de Qualitat a Laboratoris Tramuntana. "
            "mar@tramuntana.example")
    assert (c.full_name, c.title, c.company) == ("Mar Vidal", "directora de Qualitat",
                                                 "Laboratoris Tramuntana")
    # the personal "a" right after the verb still opens the name
    assert one("Ayer conocí a Ramón Ortega en la feria, ramon@ortega.example").full_name == \
        "Ramón Ortega"


def test_a_city_said_as_its_romance_adjective_reads_the_national_numbers() -> None:
    assert phones.city_adjective_regions("au salon lyonnais de l'eau") == ("FR",)
    assert phones.city_adjective_regions("la comunidad bogotana de startups") == ("CO",)
    c = one("Anoche en el encuentro porteño de fintech conocí a Martina Giménez, "
            "11 4312 7788, martina@plata.example")
    assert c.phones == ("+541143127788",)
