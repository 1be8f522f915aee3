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


def test_lines_that_each_open_with_a_name_are_a_list_of_people_under_the_groups_firm() -> None:
    found = people("Dinner in Perth with 3 from Redgum Mining Services\n"
                   "Liam O'Connor - Site Manager - liam@redgum.example\n"
                   "Sofia Alvarez Ruiz, procurement, 0412 345 678\n"
                   "Kenji Watanabe, CFO\n")
    assert [c.full_name for c in found] == ["Liam O'Connor", "Sofia Alvarez Ruiz",
                                            "Kenji Watanabe"]
    assert {c.company for c in found} == {"Redgum Mining Services"}
    assert by_name(found, "Kenji Watanabe").title == "CFO"
    found = people("Cena a Torino con quelli di Vetreria Sabauda:\n"
                   "Lucia Ferraro (direttrice vendite) lucia@vetreria.example\n"
                   "Giorgio Basso, responsabile magazzino, 333 123 4567\n"
                   "Anna Conti - Legal Counsel\n")
    assert {c.company for c in found} == {"Vetreria Sabauda"}
    assert by_name(found, "Anna Conti").title == "Legal Counsel"
    found = people("Messe in Köln, 3 Leute von Ostwind Maschinenbau GmbH\n"
                   "Jonas Keller, Vertriebsleiter, jonas.keller@ostwind.example\n"
                   "Miriam Öztürk, Einkauf, 0171 2345678\n"
                   "Felix Lorenz, Geschäftsführer\n")
    assert len(found) == 3 and {c.company for c in found} == {"Ostwind Maschinenbau GmbH"}


def test_the_firms_folks_or_team_in_a_heading_is_everyones_firm() -> None:
    found = people("Breakfast in Leeds with the Copperleaf Analytics team:\n"
                   "Maya Reddy (Head of Data) maya@copperleaf.example\n"
                   "Joel Price, sales engineer, 07700 900456\n"
                   "Nina Osei - Legal Counsel\n")
    assert [(c.full_name, c.company) for c in found] == [
        ("Maya Reddy", "Copperleaf Analytics"), ("Joel Price", "Copperleaf Analytics"),
        ("Nina Osei", "Copperleaf Analytics")]
    found = people("Cuatro de Textiles Andinos S.A.C.:\n"
                   "Mariana Quispe, gerente comercial, mariana@textilesandinos.example\n"
                   "Jorge Huamán, compras\nRosa Flores, jefa de TI\n")
    assert {c.company for c in found} == {"Textiles Andinos S.A.C."}
    assert by_name(found, "Rosa Flores").title == "jefa de TI"


def test_a_heading_that_names_where_they_met_is_no_firm_and_no_person() -> None:
    # one bare word after "from" may be the event; a heading with a colon is no list item
    found = people("Two from Websummit:\nOla Berg, ola@fjordai.example, +46 70 555 12 34\n"
                   "Siri Dahl - his cofounder, no card\n")
    assert [(c.full_name, c.company) for c in found] == [("Ola Berg", None), ("Siri Dahl", None)]
    found = people("Interpack Düsseldorf, am Montag:\n"
                   "1) Petra Vogel, Einkaufsleiterin, Rhein Pack GmbH, p.vogel@rheinpack.example\n"
                   "2) Tim Kurz, 0171 5550123\n")
    assert [c.full_name for c in found] == ["Petra Vogel", "Tim Kurz"]


def test_a_department_after_de_with_no_firm_after_is_the_titles() -> None:
    assert one("Conocí a Rosa Flores, jefa de Logística, rosa@floresgil.example").title == \
        "jefa de Logística"
    c = one("Rencontré Paul Girard, responsable des Achats, paul@girard.example")
    assert (c.title, c.company) == ("responsable des Achats", None)
    c = one("Conocí a Rosa Flores, jefa de Logística de Frutas Sur S.L., rosa@frutassur.example")
    assert (c.title, c.company) == ("jefa de Logística", "Frutas Sur S.L.")


def test_polish_do_spraw_and_a_unit_scope_stay_in_the_title() -> None:
    c = one("Wczoraj na targach:\n\nMarta Nowicka\nKierownik ds. sprzedaży, region północny\n"
            "Drewpol Sp. z o.o.\nmarta.nowicka@drewpol.example\n")
    assert (c.title, c.company) == ("Kierownik ds. sprzedaży, region północny",
                                    "Drewpol Sp. z o.o.")
    c = one("Nowy kontakt:\n\nPiotr Zieliński\nKierownik ds. Marketingu\nMebluj Sp. z o.o.\n"
            "piotr.zielinski@mebluj.example\n")
    assert (c.title, c.company) == ("Kierownik ds. Marketingu", "Mebluj Sp. z o.o.")
    c = one("Met Dan Weiss, Head of Sales, Region North at Kestrel Foods, dan@kestrel.example")
    assert (c.title, c.company) == ("Head of Sales, Region North", "Kestrel Foods")


def test_a_colleague_of_the_one_before_shares_the_firm_and_is_a_person() -> None:
    found = people("Incontrati oggi al Cersaie:\n"
                   "Giulia Marchetti, direttrice vendite di Ceramiche Adriatiche S.r.l., "
                   "g.marchetti@ceradriatica.example\n"
                   "il collega Stefano Riva, responsabile export\nDavide Longo 051 555 1234\n")
    assert [(c.full_name, c.company) for c in found] == [
        ("Giulia Marchetti", "Ceramiche Adriatiche S.r.l."),
        ("Stefano Riva", "Ceramiche Adriatiche S.r.l."), ("Davide Longo", None)]
    found = people("Rencontré hier au salon Amélie Perrin, directrice achats chez Maison Lunel "
                   "SA, amelie@lunel.example, et son collègue Hugo Brun, 06 12 34 56 78")
    assert by_name(found, "Hugo Brun").company == "Maison Lunel SA"
    assert list(by_name(found, "Hugo Brun").phones) == ["+33612345678"]
    assert list(by_name(found, "Amélie Perrin").phones) == []
    found = people("Drinks at The Crown last night with Amelia Hart-Jones, Head of Risk – "
                   "Retail Lending at Northgate Building Society, and Ravi Menon from their "
                   "Bristol office, 0117 496 0123\nchase Amelia in 2 weeks")
    assert [(c.full_name, c.title, c.company, list(c.phones)) for c in found] == [
        ("Amelia Hart-Jones", "Head of Risk – Retail Lending", "Northgate Building Society", []),
        ("Ravi Menon", None, "Northgate Building Society", ["+441174960123"])]


def test_plus_opens_no_name_and_a_bracketed_team_is_a_title() -> None:
    found = people("The fintech breakfast.\n- Clara Voss, CFO, clara@voss.example\n"
                   "Plus Omar Haddad, CEO of Tallyrise, omar@tallyrise.example\n")
    assert [c.full_name for c in found] == ["Clara Voss", "Omar Haddad"]
    found = people("Three from Kestrel Mutual:\n- Ana Berg, Chief Risk Officer, "
                   "ana@kestrelmutual.example\n- Hana Ito (claims ops), no card\n")
    assert (by_name(found, "Hana Ito").title, by_name(found, "Hana Ito").company) == (
        "claims ops", "Kestrel Mutual")


def test_a_list_item_name_then_from_and_a_firm_is_a_person() -> None:
    found = people("Vilnius fintech day, three worth keeping:\n"
                   "- Rūta Petrauskienė, CMO at Gintaras Pay UAB, ruta@gintaraspay.example\n"
                   "- Tomas Kazlauskas from Baltų Logistika UAB, Head of Sales, Baltics. only "
                   "his mobile: +370 698 76543\n- Jonas Vaitkus, procurement consultant\n")
    assert [c.full_name for c in found] == ["Rūta Petrauskienė", "Tomas Kazlauskas",
                                            "Jonas Vaitkus"]
    tomas = by_name(found, "Tomas Kazlauskas")
    assert (tomas.company, list(tomas.phones)) == ("Baltų Logistika UAB", ["+37069876543"])
    found = people("Heute beim Logistikforum in Bremen:\nDr. Heike Albers, Geschäftsführerin "
                   "der Weserkai GmbH, h.albers@weserkai.example\n"
                   "Milan Novák von Strojtech s.r.o., nur Mobilnummer +420 602 111 222\n")
    milan = by_name(found, "Milan Novák")
    assert (milan.company, list(milan.phones)) == ("Strojtech s.r.o.", ["+420602111222"])


def test_a_signatures_title_keeps_its_department_and_the_institution_is_the_firm() -> None:
    found = people("Met Pau at the seminar, see below.\n\n-----Original Message-----\n"
                   "From: Pau Riera Soler <pau.riera@quimica-recerca.example>\n"
                   "Subject: articles\n\nHola,\n\nadjunto los artículos.\n\nPau Riera Soler\n"
                   "Professor lector, Departament de Química Orgànica\n"
                   "Universitat de Lleida\nTel. 973 70 20 00\n")
    pau = by_name(found, "Pau Riera Soler")
    assert (pau.title, pau.company) == ("Professor lector, Departament de Química Orgànica",
                                        "Universitat de Lleida")


def test_an_event_after_at_is_no_person_even_with_a_title_after_it() -> None:
    c = one("met priya shah at CES Asia, vp sales @ Orbital Devices. priya@orbital.example")
    assert (c.full_name, c.title, c.company) == ("Priya Shah", "vp sales", "Orbital Devices")
    c = one("Met Ana Ruiz at MWC Barcelona, Head of Sales at Ondas Telecom, ana@ondas.example")
    assert (c.full_name, c.title) == ("Ana Ruiz", "Head of Sales")
    c = one("Rencontré hier au salon SIAL Paris Claire Dubois, directrice achats chez Maison "
            "Roux, claire@roux.example")
    assert c.full_name == "Claire Dubois"


def test_a_title_in_capitals_or_lower_case_ends_a_name() -> None:
    found = people("heute auf der Messe mit drei Leuten gesprochen\n"
                   "1. Jan Roth GF Roth Antriebe GmbH j.roth@roth-antriebe.example\n"
                   "2. Eva Kern, Leiterin Vertrieb, 0176 48213907\n")
    assert by_name(found, "Jan Roth").title == "GF"
    c = one("vu au salon à Lille : claire petit-roux directrice commerciale chez Nordeo SAS. "
            "claire@nordeo.example")
    assert c.full_name is not None and c.full_name.lower() == "claire petit-roux"


def test_a_town_after_in_before_a_dutch_or_german_verb_final_name_is_no_part_of_it() -> None:
    c = one("Vanmiddag op de Vakbeurs Bouw in Zwolle Femke de Vries-Mulder leren kennen, hoofd "
            "inkoop bij Bouwgroep Salland B.V.\n06 23456789 / femke@bouwgroepsalland.example")
    assert (c.full_name, c.title) == ("Femke de Vries-Mulder", "hoofd inkoop")
    c = one("Vanochtend in Deventer Joost Bakker gesproken, eigenaar van Bakker Installatie "
            "B.V., joost@bakkerinstallatie.example")
    assert c.full_name == "Joost Bakker"
    # the Catalan article "en" opens a name of three parts
    c = one("Ahir a la fira vaig parlar amb en Pere Vidal i Serra, cap de vendes a Mobles "
            "Serra SL, pere@mobleserra.example")
    assert c.full_name == "Pere Vidal i Serra"


def test_italian_al_names_the_employer_and_a_technician_is_titled() -> None:
    found = people("oggi al congresso di Bologna ho parlato con:\n"
                   "- Luca Bassi Moretti, postdoc al Rizzoli, luca.bassi@rizzoli-ricerca.example\n"
                   "- Sara Fontana, tecnico di laboratorio, solo il cell 329 556 1408\n")
    luca = by_name(found, "Luca Bassi Moretti")
    assert (luca.title, luca.company) == ("postdoc", "Rizzoli")
    assert by_name(found, "Sara Fontana").title == "tecnico di laboratorio"


def test_a_current_post_label_and_how_they_were_found_in_brackets() -> None:
    c = one("Café ce matin avec Julie Caron (trouvée via LinkedIn).\n"
            "Poste actuel: Directrice des achats, Groupe Vallier inc.\n"
            "Email: julie.caron@courriel.example\n")
    assert (c.title, c.company) == ("Directrice des achats", "Groupe Vallier inc.")
    c = one("Coffee with Tom Reyes (found via LinkedIn).\nCurrent role: Head of Data, Nordics\n"
            "Email: tom.reyes@mailbox.example\n")
    assert (c.title, c.company) == ("Head of Data, Nordics", None)
