"""Who a note is about, rule by rule (issue 11, ninth round): each test states one kind of
miss seen on outside authors' notes and checks the rule on invented wordings, names, cities
and languages (none copied from a held-out set)."""

from __future__ import annotations

from owner_notes import by_name, one, people

from followup.parsing import phones
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


def test_a_department_after_de_belongs_to_the_title_when_a_legal_form_closes_the_firm() -> None:
    c = one("Conocí ayer a Lucía Prieto Gil, jefa de Compras de Conservas Ría Baixa S.L. "
            "lucia@riabaixa.example")
    assert (c.title, c.company) == ("jefa de Compras", "Conservas Ría Baixa S.L.")
    c = one("Hoy en la feria de Jaén vi a Pedro Soler, gerente de Exportaciones de Aceites "
            "Sierra Sur S.A. pedro@sierrasur.example")
    assert (c.title, c.company) == ("gerente de Exportaciones", "Aceites Sierra Sur S.A.")
    # the firm's own first word is no department: it stays with the firm
    c = one("Conocí a Pablo Ruiz, director de Frutas del Segura S.L. pablo@frutas.example")
    assert c.company == "Frutas del Segura S.L."


def test_a_romance_department_before_a_comma_is_the_titles_and_the_firm_follows() -> None:
    c = one("Desayuno en la cámara: Andrés Bello, Jefe de Logística, Olivares del Maule, "
            "andres@olivares.example")
    assert (c.title, c.company) == ("Jefe de Logística", "Olivares del Maule")
    c = one("Sopar d'empreses: Núria Vidal, cap de Vendes, Embotits Berguedà, "
            "nuria@embotits.example")
    assert (c.title, c.company) == ("cap de Vendes", "Embotits Berguedà")


def test_a_capitalised_meeting_word_inside_a_firms_name_is_no_verb() -> None:
    c = one("Met Rhea Santos at the Cebu outsourcing summit, COO at Visayas Contact Centres\n"
            "rhea@visayascc.example")
    assert c.company == "Visayas Contact Centres"
    c = one("Gestern Lena Vogt getroffen, Leiterin Einkauf bei Nordic Kontakt Partners GmbH. "
            "lena@nkp.example")
    assert c.company == "Nordic Kontakt Partners GmbH"


def test_a_deputys_one_word_title_is_a_title() -> None:
    found = one("Desayuno de exportadores hoy:\nAna Ruiz, Subgerente de Ventas, Olivos del "
                "Maule, ana@olivosmaule.example")
    assert (found.title, found.company) == ("Subgerente de Ventas", "Olivos del Maule")
    c = one("Rencontré Paul Morel, sous-directeur chez Groupe Lumière SA. paul@lum.example")
    assert c.title == "sous-directeur"


def test_a_preposition_joined_to_its_article_names_the_employer() -> None:
    c = one("Rencontré Paul Morel, chef de projet Export au Groupe Lumière SA. paul@lum.example")
    assert (c.title, c.company) == ("chef de projet Export", "Groupe Lumière SA")
    c = one("Pranzo con Sara Galli, responsabile acquisti alla Banca Adriatica. sara@ba.example")
    assert (c.title, c.company) == ("responsabile acquisti", "Banca Adriatica")
    c = one("Cena ieri con Marco Neri, socio dello Studio Rossi & Bianchi. marco@rb.example")
    assert (c.title, c.company) == ("socio", "Studio Rossi & Bianchi")
    c = one("Cena ieri con Elena Riva, socia della Riva Bianchi Srl. elena@rb.example")
    assert (c.title, c.company) == ("socia", "Riva Bianchi Srl")


def test_a_line_that_adds_someone_opens_with_and_or_a_relation() -> None:
    found = people("Gestern in Bern: Jan Roth, Leiter Einkauf, Alpen Holz AG, "
                   "jan@alpenholz.example\ndazu Petra Frei (Leiterin Vertrieb, gleiche Firma)\n")
    assert by_name(found, "Petra Frei").title == "Leiterin Vertrieb"
    found = people("Hoy en Lima: Luis Prado, gerente, Andes Pack S.A.C., luis@andes.example\n"
                   "y su colega Rosa Quispe (jefa de compras), 987 654 321\n")
    rosa = by_name(found, "Rosa Quispe")
    assert (rosa.title, rosa.phones) == ("jefa de compras", ("+51987654321",))
    assert by_name(found, "Luis Prado").phones == ()
    found = people("Met Ann Lee, CFO, Kite Labs, ann@kite.example\n"
                   "plus her colleague Bo Park (Head of Data), 0412 345 678\n")
    assert by_name(found, "Bo Park").title == "Head of Data"


def test_same_firm_in_any_language_is_the_employer_of_the_one_named_before() -> None:
    for same in ("same company", "same firm", "same co."):
        found = people("Trade fair in Leeds today:\n- Tom Hale, Sales Director, Brook Mills "
                       f"Ltd, tom@brookmills.example\n- Sara Lind, Logistics Lead, {same}\n")
        assert by_name(found, "Sara Lind").company == "Brook Mills Ltd"
    found = people("Gestern in Bern: Jan Roth, Leiter Einkauf, Alpen Holz AG, "
                   "jan@alpenholz.example\ndazu Petra Frei (Leiterin Vertrieb, gleiche Firma)\n")
    assert by_name(found, "Petra Frei").company == "Alpen Holz AG"
    found = people("Salon de Lyon :\n- Marc Petit, directeur commercial, Verrerie Rhône SAS, "
                   "marc@verrerie.example\n- Léa Blanc, acheteuse, même société\n")
    assert by_name(found, "Léa Blanc").company == "Verrerie Rhône SAS"


def test_a_scope_after_a_titles_dash_or_in_its_brackets_stays_in_the_title() -> None:
    c = one("met Arjun Rao at the Pune auto expo, Head of Buying - Western Region at Deccan "
            "Gears. arjun@deccangears.example")
    assert (c.title, c.company) == ("Head of Buying - Western Region", "Deccan Gears")
    c = one("Rencontré Julie Roy, responsable achats – Division Lait chez Laiterie Alpine SA. "
            "julie@alpine.example")
    assert (c.title, c.company) == ("responsable achats – Division Lait", "Laiterie Alpine SA")
    c = one("Dinner: Tom Reed, Director, Fleet Sales (Midwest) at Prairie Trucks Inc - "
            "(312) 555-0134")
    assert (c.title, c.company) == ("Director, Fleet Sales (Midwest)", "Prairie Trucks Inc")
    found = people("Agritech day:\n1. Dr. Ana Silva, Research Chair (Soil Science), Cerrado "
                   "Institute of Agronomy, ana@cerrado.example\n")
    assert by_name(found, "Ana Silva").title == "Research Chair (Soil Science)"
    # a sentence before the dash is no title; a firm in brackets is no scope
    c = one("Met him after the investor lunch - Ana Li, Partner at Kestrel Capital, "
            "ana@kestrel.example")
    assert (c.full_name, c.title) == ("Ana Li", "Partner")
    c = one("Met Kim Lo, CTO (Kite Labs), kim@kite.example")
    assert (c.title, c.company) == ("CTO", "Kite Labs")


def test_a_countrys_adjective_decides_before_the_language_that_country_shares() -> None:
    assert phones.demonym_regions("am Schweizer Fintech-Abend") == ("CH",)
    assert phones.demonym_regions("the Swiss medtech forum") == ("CH",)
    assert phones.demonym_regions("la Cambra andorrana") == ("AD",)
    assert phones.demonym_regions("der österreichische Gründertag") == ("AT",)
    c = one("Gestern beim Swiss Medtech Day: Nina Keller, Leiterin Einkauf, Alpina Med AG, "
            "nina@alpinamed.example, 078 234 56 78")
    assert c.phones == ("+41782345678",)
    c = one("Hier au forum belge de la logistique : Luc Peeters, directeur, Port Logistique SA, "
            "luc@portlog.example, 0475 12 34 56")
    assert c.phones == ("+32475123456",)


def test_a_name_joined_by_and_to_the_one_met_is_met_too() -> None:
    found = people("Met Jan de Wit & Thandi Nkosi at Joburg Startup Week. Jan is CTO, "
                   "Thandi is CFO.")
    assert by_name(found, "Thandi Nkosi").title == "CFO"
    assert by_name(found, "Jan de Wit").company is None  # "Wit & Thandi Nkosi" is no firm
    found = people("Coffee with Ola Berg and Mira Holt after the Oslo fintech meetup. Ola is "
                   "founder, Mira is COO.")
    assert {c.full_name for c in found} == {"Ola Berg", "Mira Holt"}


def test_a_given_name_and_a_dash_opening_a_line_label_that_persons_details() -> None:
    found = people("Met Jan Smit and Thandi Nkosi at Joburg Startup Week.\n"
                   "Jan - CTO, Kudu Pay (Pty) Ltd, jan@kudupay.example, 082 123 4567\n"
                   "Thandi - Head of Risk, same co.\n")
    jan, thandi = by_name(found, "Jan Smit"), by_name(found, "Thandi Nkosi")
    assert (jan.title, jan.phones) == ("CTO", ("+27821234567",))
    assert (thandi.title, thandi.company, thandi.phones) == (
        "Head of Risk", "Kudu Pay (Pty) Ltd", ())


def test_a_legal_form_counts_as_one_word_of_a_firms_name() -> None:
    c = one("Hoy en la Expo de Guadalajara: Luis Vera, gerente de planta, Grupo Fierro del "
            "Bajío S.A. de C.V., 33 1234 5678, luis@fierro.example")
    assert c.company == "Grupo Fierro del Bajío S.A. de C.V."


def test_a_word_naming_a_kind_of_business_opens_the_firm_not_ends_the_title() -> None:
    c = one("Ahir vaig parlar amb en Pere Soler, gerent del Celler Vall Fosca. "
            "pere@vallfosca.example")
    assert (c.title, c.company) == ("gerent", "Celler Vall Fosca")
    c = one("Ayer conocí a Rosa Díaz, directora de la Bodega Los Almendros. "
            "rosa@almendros.example")
    assert (c.title, c.company) == ("directora", "Bodega Los Almendros")
    c = one("Ieri ho conosciuto Luca Bini, enologo della Tenuta Poggio Alto. "
            "luca@poggioalto.example")
    assert (c.title, c.company) == ("enologo", "Tenuta Poggio Alto")


def test_a_shared_inbox_is_no_second_address_of_a_person_whose_own_is_known() -> None:
    c = one("Met Oskar Lind, Head of Talent at Fjord Robotics, at the Malmö job fair\n"
            "oskar.lind@fjordrobotics.example\ncc the team inbox as well: "
            "jobs@fjordrobotics.example")
    assert c.emails == ("oskar.lind@fjordrobotics.example",)
    c = one("Ayer conocí a Marta Vidal, directora comercial de Olivares Sur S.L.\n"
            "mvidal@olivaressur.example, y para pedidos: ventas@olivaressur.example")
    assert c.emails == ("mvidal@olivaressur.example",)
    # two personal addresses both stay
    c = one("Met Oskar Lind at the Malmö job fair, oskar@fjord.example / oskar.lind@gmail.example")
    assert len(c.emails) == 2


def test_given_name_is_title_labels_each_persons_own_role() -> None:
    found = people("Met Tom Reed and Sue Park at the expo. Tom is CEO of Reed Labs, Sue is CTO.")
    tom, sue = by_name(found, "Tom Reed"), by_name(found, "Sue Park")
    assert (tom.title, tom.company) == ("CEO", "Reed Labs")
    assert sue.title == "CTO"
    found = people("Coffee with Ola Berg and Mira Holt after the Oslo fintech meetup. Ola is "
                   "founder, Mira is COO.")
    assert by_name(found, "Mira Holt").title == "COO"


def test_a_firm_said_of_both_belongs_to_each() -> None:
    found = people("Cena con Giulia Rossi e Marco Bianchi, entrambi di Ferri Spa.")
    assert {c.company for c in found} == {"Ferri Spa"} and len(found) == 2
    found = people("Met Ana Lopes and Bo Park, both at Kite Labs, at the Lisbon meetup.")
    assert {(c.full_name, c.company) for c in found} == {
        ("Ana Lopes", "Kite Labs"), ("Bo Park", "Kite Labs")}


def test_a_firm_after_a_titles_dash_is_the_firm_not_a_scope() -> None:
    c = one("Met Ana Lopes, Head of Sales – Kite Labs, Lisbon. ana@kite.example")
    assert (c.title, c.company) == ("Head of Sales", "Kite Labs")
    found = people("Oslo meetup:\n- Jonas Berg, founder – Nordwind Robotics, Oslo\n")
    assert (found[0].title, found[0].company) == ("founder", "Nordwind Robotics")
    c = one("Met Kim Lo, CTO (Acme), Berlin, kim@acme.example")
    assert c.title == "CTO"
