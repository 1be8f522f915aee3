"""Who a note is about, rule by rule (issue 11, fifth round): each test states one kind of
miss seen on outside authors' notes and checks the rule on invented wordings, names, cities
and languages (none copied from a held-out set)."""

from __future__ import annotations

from owner_notes import one, people

from followup.model import ParsedContact
from followup.parsing.phones import find_phones
from followup.parsing.signature import parse_signature


def test_an_extension_after_a_signature_number_keeps_the_number() -> None:
    def finder(text: str) -> list[str]:
        return [e for e, _r, _s, _e in find_phones(text, "US")]

    for line in ("Direct 415-555-0123 ext. 44", "T: (303) 555-0176 x19",
                 "Tel 604 555 0142 poste 310", "Office: 312.555.0109, Ext 7"):
        body = f"Thanks,\nPriya Raman\nBuyer\nCobalt Freight LLC\n{line}\n"
        info = parse_signature(body, "Priya Raman", "priya@cobaltfreight.example", finder)
        assert len(info.phones) == 1, (line, info)
        assert info.company == "Cobalt Freight LLC"


def test_a_labelled_firm_title_or_address_holds_no_person() -> None:
    c = one("NAME: Dwight Okonkwo\nCOMPANY: Meridian Vale Holdings, Inc.\n"
            "PHONE: 646 555 0199\nEMAIL: dokonkwo@meridianvale.example")
    assert (c.full_name, c.company) == ("Dwight Okonkwo", "Meridian Vale Holdings, Inc.")
    assert c.phones == ("+16465550199",)


def test_designation_and_other_role_labels_give_the_title() -> None:
    c = one("Name: Ananya Iyer\nDesignation: Senior Manager, Treasury Ops\n"
            "Company: Kaveri Capital Ltd\nEmail: ananya@kavericap.example")
    assert (c.title, c.company) == ("Senior Manager, Treasury Ops", "Kaveri Capital Ltd")
    c = one("Nombre: Rocío Peralta\nOcupación: jefa de logística\nEmpresa: Andes Carga SAC\n"
            "Correo: rocio@andescarga.example")
    assert (c.title, c.company) == ("jefa de logística", "Andes Carga SAC")


def test_of_names_the_employer_after_a_title_that_heads_a_firm() -> None:
    c = one("Thabo Ndlovu, MD of Kestrel Pumps, 012 555 0148, met at the water expo")
    assert (c.title, c.company) == ("MD", "Kestrel Pumps")
    c = one("Grace Wanjiru - GM of Savanna Couriers - grace@savannacouriers.example")
    assert (c.title, c.company) == ("GM", "Savanna Couriers")
    # "Head of" names a department, not the employer
    c = one("Liam Byrne, Head of Data, 087 555 1234, Dublin")
    assert c.company is None


def test_a_firm_between_a_name_and_its_number_is_the_company_not_a_second_person() -> None:
    c = one("Wanjiru Kamau, Mavuno Analytics, 0722 555 019 - Nairobi agri forum")
    assert (c.full_name, c.company) == ("Wanjiru Kamau", "Mavuno Analytics")
    c = one("Rohan Mehta - Tidepool Labs - 98201 55512. Pune founders meetup")
    assert (c.full_name, c.company) == ("Rohan Mehta", "Tidepool Labs")
    # an event or a city there is not the firm
    c = one("Kofi Mensah - Accra fintech meetup - 024 555 1870")
    assert c.company is None


def test_a_person_named_after_their_number_takes_the_role_written_with_the_name() -> None:
    c = one("Coffee at the Perth mining summit with Jarrah Collins — Head of Procurement at "
            "Redgum Drilling Pty Ltd. They want a pilot.\nher mobile 0412 555 987")
    assert (c.full_name, c.title, c.company) == ("Jarrah Collins", "Head of Procurement",
                                                 "Redgum Drilling Pty Ltd")


def test_a_heading_line_with_a_colon_does_not_swallow_the_first_label() -> None:
    c = one("Coordonnées :\nNom : Aurélie Vasseur-Blanc\nSociété : Brume Textiles SARL\n"
            "Courriel : a.vasseur@brumetextiles.example")
    assert (c.full_name, c.company) == ("Aurélie Vasseur-Blanc", "Brume Textiles SARL")
    c = one("Kontaktdaten:\nName: Friederike von Altenstein\nFirma: Harzblick Mühlen GmbH\n"
            "E-Mail: f.altenstein@harzblick.example")
    assert c.full_name == "Friederike von Altenstein"
    # a value may stand on the line under its label
    c = one("Name:\nOdile Marchetti\nEmail: odile@lagunaverde.example")
    assert c.full_name == "Odile Marchetti"


def test_a_weekday_or_month_of_another_language_opens_no_name() -> None:
    c = one("Am Donnerstag Henrike Saalfeld getroffen, Leiterin Einkauf bei Moorweg Bau GmbH. "
            "henrike@moorwegbau.example")
    assert c.full_name == "Henrike Saalfeld"
    c = one("Vendredi Gaspard Lemoine rencontré au salon, gaspard@lemoine-vins.example")
    assert c.full_name == "Gaspard Lemoine"


def test_malay_and_arabic_patronymic_particles_stay_in_the_name() -> None:
    c = one("Met Siti Nurhaliza binti Yusof at the KL payments forum. siti@ringgitpay.example")
    assert c.full_name == "Siti Nurhaliza binti Yusof"
    c = one("Met Farah binte Ismail today, farah@merlionhr.example")
    assert c.full_name == "Farah binte Ismail"
    # a capitalised "Ben" is a given name, not a particle
    c = one("Ben Okoro from Lagoon Analytics 0803 555 1290, met at the Lagos demo day")
    assert (c.full_name, c.company) == ("Ben Okoro", "Lagoon Analytics")


def test_an_honorific_may_open_a_list_item() -> None:
    found = people("People from the Porto health summit:\n"
                   "• Dr. Inês Carvalho – CMO, Douro Clinics – inês@douroclinics.example\n"
                   "• Prof. Rui Matos, Head of Research, Ribeira Labs, rui@ribeiralabs.example\n")
    assert [(c.full_name, c.title) for c in found] == [("Inês Carvalho", "CMO"),
                                                       ("Rui Matos", "Head of Research")]


def test_people_in_a_block_under_a_colon_heading_are_listed_without_details() -> None:
    found = people("Two from the Oslo fintech night:\n"
                   "Ingrid Solberg, ingrid@nordlysbank.example, +47 915 55 123\n"
                   "Magnus Dahl - her cofounder, no card\n")
    assert [c.full_name for c in found] == ["Ingrid Solberg", "Magnus Dahl"]


def test_a_number_in_brackets_is_no_title_and_the_heading_firm_keeps_its_form() -> None:
    found = people("Na feira de Recife, duas pessoas da Sertão Sementes ltda:\n"
                   "1. Joana Albuquerque – diretora comercial – joana@sertaosementes.example\n"
                   "2. Caio Menezes – analista de vendas – cel (81) 98821-4573\n")
    assert [(c.title, c.company) for c in found] == [
        ("diretora comercial", "Sertão Sementes ltda"),
        ("analista de vendas", "Sertão Sementes ltda")]


def test_role_words_of_more_languages_are_titles() -> None:
    found = people("Cena a Bari con due di Levante Olio srl:\n"
                   "- Dott.ssa Marta Greco, amministratrice delegata, marta@levanteolio.example\n"
                   "- Nicola Fanelli, resp. qualità, cell 347 555 1290\n")
    assert [c.title for c in found] == ["amministratrice delegata", "resp. qualità"]
    assert all(c.website is None for c in found)
    c = one("- Solène Piquet, DAF, Rivage Énergie, solene.piquet@rivage-energie.example")
    assert (c.title, c.company) == ("DAF", "Rivage Énergie")


def _sig(body: str, name: str, email: str, region: str = "US") -> object:
    def finder(text: str) -> list[str]:
        return [e for e, _r, _s, _e in find_phones(text, region)]

    return parse_signature(body, name, email, finder)


def test_a_signature_name_line_may_open_with_an_honorific() -> None:
    info = _sig("Un saludo,\n\nLic. Mariana Robles Ochoa\nGerente de Ventas\n"
                "Textiles Bajío, S.A. de C.V.\nTel. (477) 555 0182\n",
                "Mariana Robles Ochoa", "mrobles@textilesbajio.example", "MX")
    assert (info.title, info.company) == ("Gerente de Ventas", "Textiles Bajío, S.A. de C.V.")
    assert info.phones == ["+524775550182"]
    info = _sig("Saluti\nDott.ssa Giulia Ferraro\nResponsabile Acquisti\nOlio Salento S.r.l.\n",
                "Giulia Ferraro", "g.ferraro@oliosalento.example", "IT")
    assert (info.title, info.company) == ("Responsabile Acquisti", "Olio Salento S.r.l.")


def test_a_role_labelling_the_name_in_a_signature_is_the_title() -> None:
    info = _sig("Beste Grüße\nJürgen Falk\n\nTischlerei Falk e.K.\nInhaber: Jürgen Falk\n",
                "Jürgen Falk", "info@tischlerei-falk.example", "DE")
    assert (info.title, info.company) == ("Inhaber", "Tischlerei Falk e.K.")


def test_a_registration_number_in_brackets_is_no_part_of_the_firm() -> None:
    info = _sig("Regards,\nChidi Okeke\nHead, Logistics\nNiger Delta Haulage Ltd (RC 998877)\n",
                "Chidi Okeke", "chidi@ndhaulage.example", "NG")
    assert info.company == "Niger Delta Haulage Ltd"


def test_post_boxes_and_registration_numbers_are_not_phones() -> None:
    for text in ("P.O. Box 30772-00100, Nairobi", "ABN 51 824 753 556", "ACN 004 085 616",
                 "Reg. No. 2019 123456", "Postfach 10 20 30, 80333 München",
                 "Apartado 12345, Lima", "CNPJ 12.345.678/0001-90"):
        assert find_phones(text, "US") == [], text
        assert find_phones(text, "KE") == [], text
    # "& Co" before a number is a firm's name, not a label
    assert find_phones("Hale & Co · +44 20 7946 0958", "GB")


def test_a_line_starting_with_k_or_m_after_a_number_is_no_amount() -> None:
    text = "kom. 601 555 578\nk.lis@mazury.example"
    assert [e for e, *_ in find_phones(text, "PL")] == ["+48601555578"]
    assert find_phones("budget 250 000 k", "PL") == []


def test_a_firms_legal_form_says_where_a_national_number_is_when_nothing_else_does() -> None:
    c = one("Quentin Hale\nHead of Partnerships\nMarrowby Foods PLC\nM 07911 123 456\n"
            "q.hale@marrowby.example")
    assert c.phones == ("+447911123456",)
    c = one("Met Liga Ozola, Ozols Timber SIA, mob. 2955 5123, liga@ozolstimber.example")
    assert c.phones == ("+37129555123",)
    # a number valid in the default region stays there
    c = one("Dana Ruiz, Redwood Grain LLC, (415) 555-0133, dana@redwoodgrain.example")
    assert c.phones == ("+14155550133",)


def test_the_notes_language_says_where_a_national_number_is() -> None:
    c = one("Poznałam dzisiaj na targach Annę Kowalczyk, kierownik zakupów. "
            "Tel. 58 555 12 34, anna.k@baltyckie.example. Zadzwonić za tydzień.")
    assert c.phones == ("+48585551234",)
    c = one("Gisteren op de beurs gesproken met Sanne de Vries, mobiel 06 5555 1234, "
            "sanne@polderpack.example. Volgende week bellen.")
    assert c.phones == ("+31655551234",)


def test_a_person_after_a_spanish_meeting_verb_and_the_place_is_named_whole() -> None:
    c = one("Conocí ayer en la feria de Rosario a María Fernanda Ibáñez Soto, jefa de compras "
            "en Granos del Litoral, mf.ibanez@granoslitoral.example")
    assert (c.full_name, c.title) == ("María Fernanda Ibáñez Soto", "jefa de compras")


def test_two_people_joined_before_a_final_verb_are_both_met() -> None:
    found = people("Auf der Biofach Henrik Brandt und Mira Oswald kennengelernt. "
                   "henrik@kornfeld.example, mira@oswald-tee.example")
    assert [c.full_name for c in found] == ["Henrik Brandt", "Mira Oswald"]


def test_a_given_name_label_gives_that_person_their_details() -> None:
    found = people("Beim Sommerfest Tobias Kern und Greta Vogt getroffen. Tobias: Einkäufer bei "
                   "Lindwurm Mühle GmbH, tobias@lindwurm.example. Greta: Art Director, "
                   "+49 89 5550 1234")
    by_name = {c.full_name: c for c in found}
    assert (by_name["Tobias Kern"].title, by_name["Tobias Kern"].company) == (
        "Einkäufer", "Lindwurm Mühle GmbH")
    assert by_name["Greta Vogt"].title == "Art Director"
    assert by_name["Greta Vogt"].company is None
    assert by_name["Greta Vogt"].phones == ("+498955501234",)
    found = people("pranzo con Matteo Ricci (CTO, Dolomiti Cloud S.r.l.) e Sara Galli, "
                   "responsabile vendite. Matteo: +39 347 555 1290")
    assert [c.phones for c in found] == [("+393475551290",), ()]


def test_a_role_with_its_employer_replaces_the_place_read_after_the_name() -> None:
    c = one("Met Aistė Kazlauskė at Login in Vilnius today — Head of Sales at Gintaro Logistika "
            "UAB. aiste@gintarologistika.example")
    assert (c.title, c.company) == ("Head of Sales", "Gintaro Logistika UAB")


def test_an_event_after_at_is_no_employer() -> None:
    c = one("Met Tomás Peña at Lima fintech demo day.\ntomas@quipucredit.example / +51 987 654 321"
            "\nQuipu Credit SAC, Av. Larco 1301, Miraflores, Lima")
    assert c.company == "Quipu Credit SAC"


def test_a_department_before_the_firm_stays_in_the_title() -> None:
    c = one("Ayer hablé con Sofía Quintero Marín, jefa de RRHH de Cafés del Huila S.A.S. "
            "sofia@cafeshuila.example")
    assert (c.title, c.company) == ("jefa de RRHH", "Cafés del Huila S.A.S.")


def test_a_comma_before_the_legal_form_keeps_the_form() -> None:
    c = one("Hoje conheci a Beatriz Lemos Faria, diretora financeira da Tejo Digital, Lda. "
            "beatriz@tejodigital.example")
    assert c.company == "Tejo Digital, Lda."


def test_an_article_opens_no_firm() -> None:
    c = one("- Uwe Brandl, Ausbildungsberater bei der Handelskammer Bremen, uwe@hk-nord.example")
    assert c.company == "Handelskammer Bremen"


def test_a_capitalised_firm_word_after_de_stays_with_the_firm() -> None:
    c = one("Ayer en la feria de Zaragoza conocí a Lucía Navarro Gil, jefa de compras de "
            "Aceites del Moncayo S.L. Móvil 622 555 123.")
    assert (c.title, c.company) == ("jefa de compras", "Aceites del Moncayo S.L.")


def test_a_role_in_brackets_is_the_title_not_the_firm() -> None:
    found = people("Dinner in Vilnius with two from Gintaro Tiltas UAB: Rūta Petrauskienė (CFO, "
                   "+370 612 55123) and Mantas Kazlauskas (CEO).")
    assert [c.title for c in found] == ["CFO", "CEO"]
    assert all(c.company != "CEO" for c in found)


def test_more_role_words_of_the_low_countries_and_the_east() -> None:
    c = one("Met Bram Janssens, zaakvoerder at Kempen Bouw NV in Hasselt, 0478 55 12 34")
    assert (c.title, c.company) == ("zaakvoerder", "Kempen Bouw NV")


def test_a_title_after_a_final_verb_is_the_persons() -> None:
    c = one("Gestern auf der Agritechnica mit Jana Wolff gesprochen, Leiterin Technik bei der "
            "Saatgut Nord GmbH. jana.wolff@saatgut-nord.example")
    assert (c.title, c.company) == ("Leiterin Technik", "Saatgut Nord GmbH")


def test_a_name_after_an_event_and_its_city_with_a_title_after_it() -> None:
    c = one("Rencontré hier au salon VINEXPO Bordeaux Hélène Garnier, directrice export chez "
            "Château Lescure SAS, tél 06 55 44 33 22.")
    assert (c.full_name, c.title) == ("Hélène Garnier", "directrice export")


def test_a_lower_case_note_names_the_person_after_lunch_w() -> None:
    c = one("lunch w/ divya menon from paysetu in chennai today. she's cfo. 98400 12345.")
    assert (c.full_name, c.title) == ("Divya Menon", "cfo")
    assert c.phones == ("+919840012345",)


def test_the_firm_as_written_in_the_persons_own_item() -> None:
    found = people("Two from Krakow:\n1. Adam Wójcik, CTO at Smok Data Sp. z o.o., "
                   "adam@smokdata.example\n2. Ewa Lis, also Smok Data, head of sales, "
                   "ewa.lis@smokdata.example\n")
    assert [c.company for c in found] == ["Smok Data Sp. z o.o.", "Smok Data"]


def _forward(name: str, addr: str, sig: str) -> ParsedContact:
    body = (f"Met at the fair, follow up next week.\n\n---------- Forwarded message ---------\n"
            f"From: {name} <{addr}>\nDate: Mon, 2 Mar 2026 at 10:12\nSubject: Hola\n"
            f"To: Owner <owner@own.example>\n\nGreat to meet you.\n\n{sig}\n")
    return one(body)


def test_closings_of_more_languages_open_the_signature() -> None:
    c = _forward("Nuria Soler", "nuria@olivera.example",
                 "Cordialment,\nNuria Soler\nCap de Vendes\nOlivera Digital S.L.\n"
                 "Tel. 93 555 12 34")
    assert (c.title, c.company) == ("Cap de Vendes", "Olivera Digital S.L.")
    c = _forward("Jakub Dvořák", "jakub@morava.example",
                 "S pozdravem\nJakub Dvořák\nobchodní ředitel\nMorava Soft s.r.o.\n"
                 "tel.: 602 555 987")
    assert (c.title, c.company) == ("obchodní ředitel", "Morava Soft s.r.o.")
    assert c.phones == ("+420602555987",)


def test_a_signature_that_spells_more_of_the_name_gives_the_whole_name() -> None:
    c = _forward("Laia Ferrer", "laia@garrotxa.example",
                 "Salutacions,\nLaia Ferrer i Pujol\nDirectora Financera\nGarrotxa Làctics SL\n")
    assert (c.full_name, c.company) == ("Laia Ferrer i Pujol", "Garrotxa Làctics SL")
    # the family name first (Hungarian order) still finds the block
    c = _forward("Bence Kovács", "bence@tisza.example",
                 "Üdvözlettel,\nKovács Bence\nértékesítési vezető\nTisza Soft Kft.\n")
    assert (c.full_name, c.company) == ("Bence Kovács", "Tisza Soft Kft.")


def test_a_department_before_a_firm_in_brackets_is_the_role() -> None:
    c = one("- Katja Brenner (Einkauf, Stahlbau Ruhr GmbH), katja@stahlbau-ruhr.example")
    assert (c.title, c.company) == ("Einkauf", "Stahlbau Ruhr GmbH")


def test_people_named_after_with_and_their_roles_in_brackets() -> None:
    found = people("Lunch in Durban with Bongani Zulu (CEO) and Lerato Dube (CFO) of Umhlanga "
                   "Capital. Bongani: 082 555 7788. Lerato: lerato@umhlangacap.example")
    assert [(c.full_name, c.title) for c in found] == [("Bongani Zulu", "CEO"),
                                                       ("Lerato Dube", "CFO")]
    assert found[0].phones == ("+27825557788",)


def test_a_role_given_as_someone_elses_is_the_title_but_a_peer_is_not() -> None:
    found = people("Met Tom Hale, CEO, at the Leeds meetup. Also his CTO, Ravi Shah, "
                   "ravi@halelabs.example")
    assert [c.title for c in found] == ["CEO", "CTO"]
    found = people("Fiera di Parma:\nGiorgia Neri, CEO di Latte Vivo, giorgia@lattevivo.example\n"
                   "Paolo Riva, il suo responsabile acquisti, 0521 555 123\n")
    assert found[1].title == "responsabile acquisti"
    found = people("Two from Slush:\nAino Laine, aino@revontuli.example, +358 40 555 1234\n"
                   "Eero Salo - her cofounder, no card\n")
    assert found[1].title is None


def test_a_scoped_title_before_the_name_and_its_employer() -> None:
    c = one("Met the Head of Partnerships, DACH of Brenner Pay GmbH, Lena Koch, at the Munich "
            "summit. lena.koch@brennerpay.example")
    assert (c.title, c.company) == ("Head of Partnerships, DACH", "Brenner Pay GmbH")


def test_a_bracketed_legal_form_stays_with_the_firm() -> None:
    c = one("- Johan Botha, CFO Bushveld Mining (Pty) Ltd, johan@bushveld.example")
    assert (c.title, c.company) == ("CFO", "Bushveld Mining (Pty) Ltd")


def test_a_title_never_repeats_as_its_company() -> None:
    c = one("Lena Krause (Nordwind Logistik) 0151 5550 1234 - vom Hafenfest Kiel")
    assert c.company == "Nordwind Logistik"
    assert c.title is None


def test_a_conjunction_inside_a_firms_name_before_its_legal_form() -> None:
    c = one("En la feria de Bilbao conocí a Itziar Etxeberria, directora comercial en Mar y "
            "Monte Conservas S.L., tel 944 55 12 34")
    assert c.company == "Mar y Monte Conservas S.L."


def test_an_article_before_an_honorific_after_an_italian_meeting_verb() -> None:
    c = one("oggi a Verona ho incontrato il dott. Alberto Zanetti, direttore tecnico di Zanetti "
            "Impianti S.r.l., tel. 045 555 1234")
    assert (c.full_name, c.title) == ("Alberto Zanetti", "direttore tecnico")


def test_a_name_in_a_run_on_list_with_its_number_right_after_it() -> None:
    found = people("Met 3 at the Cebu founders night: Liza Tan (CEO, Isla Pay), Mark Uy - CFO, "
                   "Paolo Sy 0917 555 9876")
    assert [c.full_name for c in found] == ["Liza Tan", "Mark Uy", "Paolo Sy"]
    assert found[1].company is None
    assert found[2].phones == ("+639175559876",)


def test_a_capitalised_particle_may_be_the_family_name() -> None:
    c = one("Had coffee with Arindam Das in Kolkata - founder, Hooghly Jute Pvt Ltd - 98300 55124")
    assert c.full_name == "Arindam Das"


def test_feminine_and_catalan_role_words() -> None:
    c = one("Heute Frau Dr. Ute Sommer getroffen, sie ist Prokuristin bei Sommer & Söhne. "
            "tel 0711 555 9876")
    assert c.title == "Prokuristin"
    c = one("ahir vaig parlar amb la Montse Pujol, gerent de Olis Pujol SL, al mercat de Reus. "
            "977 55 12 34")
    assert (c.title, c.company) == ("gerent", "Olis Pujol SL")


def test_a_role_at_its_firm_in_brackets_in_more_languages() -> None:
    c = one("Sanne Bos (inkoper bij Delta Staal B.V.) - 06 1234 9876 - Vakbeurs Gorinchem")
    assert (c.title, c.company) == ("inkoper", "Delta Staal B.V.")


def test_a_given_name_with_a_colon_and_a_number_is_listed() -> None:
    found = people("From the Lisbon meetup:\n- Inês Rocha, CMO @ Onda Azul\n"
                   "- Duarte: 912 555 444\n")
    assert [c.full_name for c in found] == ["Inês Rocha", "Duarte"]


def test_a_phone_label_only_one_language_writes_says_where_a_terse_number_is() -> None:
    assert one("Margaux Petit, Tél : 06 23 45 67 89").phones == ("+33623456789",)
    assert one("Iker Zubiri - Móvil: 622 33 44 55").phones == ("+34622334455",)
    assert one("Lena Vogt, Handy 0172 9876543").phones == ("+491729876543",)
    # a number valid in the default region stays there
    assert one("Dana Ruiz, Móvil: (415) 555-0133").phones == ("+14155550133",)


def test_a_city_named_in_a_declined_form_says_where_a_number_is() -> None:
    assert one("Met Ola Wrona w Krakowie, 12 345 67 89").phones == ("+48123456789",)
    assert one("Met Rasa Jonaitė Vilniuje, 8 612 34567").phones == ("+37061234567",)


def test_the_language_outranks_a_legal_form_that_many_countries_share() -> None:
    c = _forward("Mihai Ionescu", "mihai@dunarea.example",
                 "Cu stimă,\nMihai Ionescu\nDirector Vânzări\nDunărea Soft S.R.L.\n"
                 "Tel: 0722 555 124")
    assert c.phones == ("+40722555124",)
    c = _forward("Can Demir", "can@anadolu.example",
                 "Saygılarımla,\nCan Demir\nSatış Müdürü\nAnadolu Lojistik A.Ş.\n"
                 "Tel: 0216 555 12 34")
    assert c.phones == ("+902165551234",)


def test_three_people_inline_with_role_only_phone_only_and_a_bracketed_role_at_a_firm() -> None:
    found = people("Ayer en la feria de Valencia conocí a tres personas: Elena Vidal (directora de "
                   "compras, Cítricos Turia S.L.), Raúl Soto, su jefe de almacén, y Inés Mora, "
                   "611 55 12 34.")
    assert [(c.full_name, c.title, c.company) for c in found] == [
        ("Elena Vidal", "directora de compras", "Cítricos Turia S.L."),
        ("Raúl Soto", "jefe de almacén", None), ("Inés Mora", None, None)]
    assert found[2].phones == ("+34611551234",)
    found = people("Au salon Batimat : Chloé Leroy (CTO, Béton Vert), Yanis Morel – commercial – "
                   "06 44 55 66 77, et Zoé Blanc, zoe@betonvert.example")
    assert [c.full_name for c in found] == ["Chloé Leroy", "Yanis Morel", "Zoé Blanc"]
    assert found[1].phones == ("+33644556677",)


def test_a_scoped_title_in_other_languages_and_before_a_dash() -> None:
    c = one("Conocí a Camila Paz, Gerente de Marketing, Región Andina en Lácteos del Sur S.A., "
            "camila@lacteosdelsur.example")
    assert (c.title, c.company) == ("Gerente de Marketing, Región Andina", "Lácteos del Sur S.A.")
    c = one("Met Nils Aho - Head of Sales, Northern Europe - Kuura Data Oy, nils@kuuradata.example")
    assert (c.title, c.company) == ("Head of Sales, Northern Europe", "Kuura Data Oy")
