"""The person's own emails and details (issue 11, p-sig11): the name line of a signature that
repeats under an address line, numbers given in the message's own words, registration numbers
after a country code, the country of a vCard's national number, lower-case towns standing alone
on a signature's line. Every probe is invented (names, firms, streets and numbers made up);
none is copied from a held-out set."""

from __future__ import annotations

import pytest

from followup.model import ParsedContact
from followup.parsing import parse_message
from followup.parsing.phones import find_phones
from followup.parsing.postal import find_address


def _message(text: str, attachment: str = "") -> bytes:
    head = ("From: Owner Person <owner@own.example>\r\nTo: in@own.example\r\n"
            "Subject: Fwd: hello\r\nDate: Tue, 10 Mar 2026 18:00:00 +0100\r\nMIME-Version: 1.0\r\n")
    if not attachment:
        return (head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n").encode()
    return (head + 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
            "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text +
            "\r\n--b1\r\nContent-Type: text/x-vcard; charset=utf-8\r\n"
            'Content-Disposition: attachment; filename="contacts.vcf"\r\n\r\n' +
            attachment + "\r\n--b1--\r\n").encode()


def forwarded(note: str, name: str, addr: str, body: str) -> list[ParsedContact]:
    block = ("---------- Forwarded message ---------\r\n"
             f"From: {name} <{addr}>\r\nDate: Mon, Mar 9, 2026 at 4:10 PM\r\n"
             "Subject: Re: our chat\r\nTo: Owner Person <owner@own.example>\r\n\r\n" + body)
    return list(parse_message(_message(f"{note}\r\n\r\n{block}")).contacts)


# --- the name line is never a line of addresses ----------------------------------------

@pytest.mark.parametrize(("closing", "title", "company"), [
    ("Mit freundlichen Grüßen", "Leiterin Einkauf", "Hafenblick Logistik GmbH"),
    ("Kind regards", "Procurement Lead", "Saltmarsh Foods Ltd"),
    ("Cordialement", "Directrice commerciale", "Vergers du Lac SARL"),
])
def test_a_name_repeated_over_a_full_signature_ending_in_her_address(
        closing: str, title: str, company: str) -> None:
    body = (f"Danke, see attached.\r\n\r\n{closing}\r\nMaren Kolbe-Strand\r\n\r\n"
            f"Dr. Maren Kolbe-Strand\r\n{title}\r\n{company}\r\n+49 421 555 0134\r\n"
            "maren.kolbe-strand@hafenblick.example\r\n")
    found = forwarded("Maren from the fair", "Maren Kolbe-Strand",
                      "maren.kolbe-strand@hafenblick.example", body)
    assert (found[0].title, found[0].company) == (title, company)
    assert found[0].phones == ("+494215550134",)


# --- a number in the message's own words ------------------------------------------------

@pytest.mark.parametrize(("line", "phone"), [
    ("Thanks again for your time. Call or text me any time, 587-555-0162.", "+15875550162"),
    ("Thanks for the chat in Leeds. Ring or text me on 07911 123456 if easier.",
     "+447911123456"),
    ("Gracias por la reunión de ayer en la feria. Si prefieres, llámame al 612 55 03 21.",
     "+34612550321"),
    ("Vielen Dank für das nette Gespräch auf der Messe. Rufen Sie mich gern an unter "
     "0171 5550321.",
     "+491715550321"),
    ("Merci pour votre visite sur le salon. Appelez-moi au 06 12 55 03 21 si besoin.",
     "+33612550321"),
])
def test_a_number_the_writer_asks_to_be_called_on_is_hers(line: str, phone: str) -> None:
    body = f"{line}\r\n\r\nTomasz Rybak\r\nRybak Studio\r\n"
    found = forwarded("Tomasz, see below", "Tomasz Rybak", "tomasz@rybakstudio.example", body)
    assert found[0].phones == (phone,)


# --- registration numbers after a country code -------------------------------------------

@pytest.mark.parametrize("line", [
    "TVA BE 0712.345.678",
    "VAT GB 123 4567 89",
    "USt-IdNr. DE 123 456 789",
    "BTW NL 8123.45.678.B01",
    "N° TVA FR 12 345678901",
])
def test_a_tax_number_with_its_country_code_is_no_phone(line: str) -> None:
    assert find_phones(line, "BE") == []
    assert find_phones(line, "US") == []


# --- a vCard's national number takes the country of the others in its file ---------------

def _card(name: str, tel: str, email: str, org: str) -> str:
    first, last = name.split()
    return (f"BEGIN:VCARD\r\nVERSION:2.1\r\nN:{last};{first};;;\r\nFN:{name}\r\nTEL;CELL:{tel}\r\n"
            f"EMAIL;WORK:{email}\r\nORG:{org}\r\nEND:VCARD\r\n")


@pytest.mark.parametrize(("national", "intl", "want"), [
    ("079 555 12 34", "+41 76 555 43 21", "+41795551234"),
    ("0612 55 43 21", "+31 6 5554 3210", "+31612554321"),
    ("0412 555 321", "+61 412 555 987", "+61412555321"),
])
def test_a_national_number_in_a_card_file_takes_its_neighbours_country(
        national: str, intl: str, want: str) -> None:
    cards = (_card("Ruedi Amsler", national, "ruedi@amslerbau.example", "Amsler Bau AG") +
             _card("Ruedi Amslerhof", intl, "ra@kornfeld.example", "Kornfeld GmbH"))
    raw = _message("both from the mixer tonight, fu next week", cards)
    contacts = parse_message(raw).contacts
    assert len(contacts) == 2
    assert contacts[0].phones == (want,)


def test_a_national_number_in_a_card_takes_the_notes_town() -> None:
    cards = _card("Pieter Claes", "0475 55 12 34", "pieter@claesbouw.example", "Claes Bouw BV")
    raw = _message("Pieter, met at the builders fair in Antwerpen", cards)
    assert parse_message(raw).contacts[0].phones == ("+32475551234",)


# --- a town typed in lower case on its own on a signature's or card's line ---------------

@pytest.mark.parametrize(("body", "phone"), [
    ("Sofia Lindqvist | Head of Sales | Norrsken Tea AB | malmö\r\n070 555 12 34",
     "+46705551234"),
    ("Karim Alaoui | Export | Atlas Olive SARL | marrakech\r\n0661 55 12 34 | "
     "karim@atlasolive.example",
     "+212661551234"),
    ("Jan Novák, Obchodní ředitel, Vltava Sklo s.r.o. (brno)\r\n602 555 123", "+420602555123"),
])
def test_a_lower_case_town_alone_on_a_line_places_its_numbers(body: str, phone: str) -> None:
    raw = _message("met at the expo yesterday\r\n" + body)
    assert phone in [p for c in parse_message(raw).contacts for p in c.phones]


# --- postal addresses: a compound street's adjective, a road's kilometre post -----------

@pytest.mark.parametrize(("line", "address"), [
    ("Ottakringer Hauptstraße 41, 1160 Wien", "Ottakringer Hauptstraße 41, 1160 Wien"),
    ("Alte Mühlgasse 7, 8010 Graz", "Alte Mühlgasse 7, 8010 Graz"),
    ("Ctra. de Vic, km 12, 08272 Sant Fruitós de Bages",
     "Ctra. de Vic, km 12, 08272 Sant Fruitós de Bages"),
    ("Carretera de Cádiz, km 4, 29006 Málaga", "Carretera de Cádiz, km 4, 29006 Málaga"),
])
def test_the_whole_street_is_read(line: str, address: str) -> None:
    assert find_address(line) == address


@pytest.mark.parametrize("footer", [
    "Sitz der Gesellschaft: Hamburg, Amtsgericht Hamburg HRB 123456 B",
    "Registered in England No. 08123456, VAT GB 123 4567 89",
    "SARL au capital de 10 000 € - RCS Nantes 812 345 678",
    "Inscrita en el Registro Mercantil de Valencia, Tomo 1234, CIF B12345678",
])
def test_the_firms_legal_footer_is_no_part_of_her_address(footer: str) -> None:
    body = ("Danke und bis bald.\r\n\r\n--\r\nFrieda Kowalski\r\nLeiterin Vertrieb\r\n"
            "Nordwind Segel GmbH\r\nAm Kaiserkai 12, 20457 Hamburg\r\nTel. +49 40 5550 1234\r\n"
            f"\r\n{footer}\r\n")
    c = forwarded("Frieda von der Boot", "Frieda Kowalski", "f.kowalski@nordwind.example", body)[0]
    assert c.address == "Am Kaiserkai 12, 20457 Hamburg"
    assert c.phones == ("+494055501234",)


# --- a mail in Catalan places its national numbers in Spain ----------------------------

def test_a_catalan_mail_places_its_national_numbers_in_spain() -> None:
    body = ("Bon dia,\r\n\r\nCom vam parlar dijous, us envio la proposta. No tenim pressa, "
            "però ens agradaria començar al maig.\r\n\r\nGràcies!\r\n\r\nNúria Soler i Camps\r\n"
            "Gerent\r\nFusteria Soler SL\r\nC/ Major 12, 17800 Olot\r\n"
            "T. 972 26 14 55 | M. 611 23 45 67\r\n")
    c = forwarded("La Núria, de la fira", "Núria Soler i Camps", "nuria@fusteriasoler.example",
                  body)[0]
    assert c.phones == ("+34972261455", "+34611234567")


# --- a town typed in lower case as a field of its line; a title's scope is no country -----

@pytest.mark.parametrize(("body", "phone"), [
    ("Youssef Idrissi | Responsable export | Dattes du Sud SARL | meknes\r\n"
     "0661 23 45 67 | youssef@dattessud.example", "+212661234567"),
    ("Camila Rojas, gerente comercial, Maderas del Sur Ltda., temuco\r\n"
     "cel 9 6123 4567", "+56961234567"),
    ("Kwabena Asante - Operations Lead - Ashanti Cocoa Ltd - eldoret\r\n0722 123 456",
     "+254722123456"),
    ("Amine Trabelsi (sfax), Olive Export SARL, 20 123 456", "+21620123456"),
])
def test_a_lower_case_town_as_a_field_places_its_numbers(body: str, phone: str) -> None:
    raw = _message("met at the trade fair\r\n" + body)
    assert phone in [p for c in parse_message(raw).contacts for p in c.phones]


def test_a_country_in_a_titles_scope_list_is_no_hint() -> None:
    body = ("Met Omar Saleh at the logistics summit in Dubai: Regional Director, Levant & Egypt, "
            "Falcon Freight LLC. mob 050 123 4567")
    raw = _message(body)
    assert [p for c in parse_message(raw).contacts for p in c.phones] == ["+971501234567"]


# --- a legal form marks a company, whole, never a person ----------------------------------

@pytest.mark.parametrize(("note", "name", "company"), [
    ("Met Kristaps Ozols, CTO at Baltic Grain SIA, +371 2912 3456", "Kristaps Ozols",
     "Baltic Grain SIA"),
    ("Lunch with Mari Tamm (Põhjala Tarkvara OÜ), mari@pohjala.example", "Mari Tamm",
     "Põhjala Tarkvara OÜ"),
    ("Coffee with Tomas Petraitis, sales director, Amber Route UAB, tomas@amberroute.example",
     "Tomas Petraitis", "Amber Route UAB"),
    ("Hablé con Lucía Méndez, directora de Empaques del Bajío S.A. de C.V., "
     "lucia@empaques.example", "Lucía Méndez", "Empaques del Bajío S.A. de C.V."),
    ("Met Gábor Kiss, ügyvezető, Duna Gépgyár Kft., gabor@dunagep.example", "Gábor Kiss",
     "Duna Gépgyár Kft."),
    ("Met Piotr Zieliński, Prezes, Wisła Tech Sp. z o.o., piotr@wislatech.example",
     "Piotr Zieliński", "Wisła Tech Sp. z o.o."),
    ("Met Jack Wilson, GM, Outback Freight Pty Ltd, jack@outbackfreight.example", "Jack Wilson",
     "Outback Freight Pty Ltd"),
    ("Met Wei Ling Tan, director, Merlion Spice Pte Limited, weiling@merlionspice.example",
     "Wei Ling Tan", "Merlion Spice Pte Limited"),
    ("Met Rania Bennis, gérante, Argan Or SARL AU, rania@arganor.example", "Rania Bennis",
     "Argan Or SARL AU"),
    ("Met Hedi Mansour, gérant, Jasmin Bio SUARL, hedi@jasminbio.example", "Hedi Mansour",
     "Jasmin Bio SUARL"),
])
def test_a_legal_form_ends_the_company_whole(note: str, name: str, company: str) -> None:
    contacts = parse_message(_message(note)).contacts
    assert [(c.full_name, c.company) for c in contacts] == [(name, company)]


# --- a city named in another language's name; a Czech note is no Polish one -------------

def _phones_of(note: str) -> list[str]:
    return [p for c in parse_message(_message(note)).contacts for p in c.phones]


@pytest.mark.parametrize(("note", "phone"), [
    ("Heute auf der Möbelmesse in Mailand Giulia Ferri kennengelernt, Einkäuferin bei "
     "Mobili Lario S.r.l., Handy 338 123 4567.", "+393381234567"),
    ("Conocí ayer en Varsovia a Marek Nowicki, director de ventas de Wisła Pak, "
     "móvil 601 234 567.", "+48601234567"),
    ("Rencontré à Lisbonne Rui Tavares, directeur commercial chez Tejo Cortiça, "
     "portable 912 345 678.", "+351912345678"),
    ("Dnes na veletrhu v Brně jsem mluvil s Janem Horákem, jednatel firmy Horák Stroje s.r.o., "
     "mob. 602 123 456, zavolat příští týden.", "+420602123456"),
    ("Dnes na konferenci o logistice - Petra Novotná, jednatelka firmy Kovo Trans s.r.o., "
     "mob. 603 555 123. Zavolat jí v pondělí.\r\n\r\nOdesláno z iPhonu", "+420603555123"),
])
def test_a_foreign_citys_name_or_the_notes_letters_place_its_number(note: str, phone: str
                                                                    ) -> None:
    assert _phones_of(note) == [phone]


def test_a_brazilian_mail_places_its_numbers_by_how_they_are_written() -> None:
    body = ("Prezada Ana,\r\n\r\nConforme conversamos na feira, segue o orçamento das "
            "embalagens. Precisamos da confirmação até sexta.\r\n\r\nAtenciosamente,\r\n\r\n"
            "Renato Albuquerque\r\nGerente Comercial\r\nEmbalagens Triângulo\r\n"
            "Tel.: (34) 3555-0123 | Cel.: (34) 98765-4321\r\nUberlândia – MG\r\n")
    c = forwarded("Renato da feira, ligar semana que vem", "Renato Albuquerque",
                  "renato@embtriangulo.example", body)[0]
    assert c.phones == ("+553435550123", "+5534987654321")


# --- signatures of Latin America, the Baltics, France, Belgium, the UK and South Africa ----

_SIGNATURES = [
    ("Lucía Herrera\r\nDirectora de Proyectos\r\nPixel Norte S.A. de C.V.\r\n"
     "Col. Roma Norte, C.P. 06700, CDMX\r\nTel. +52 (55) 5555 1234 ext. 120\r\n"
     "Cel. 55 1234 5678", "Pixel Norte S.A. de C.V.", ("+525555551234", "+525512345678"),
     "Col. Roma Norte, C.P. 06700, CDMX"),
    ("Martín Sosa\r\nGerente de Ventas\r\nPampa Data S.R.L.\r\n"
     "Av. Corrientes 1234, piso 5, C1043AAZ CABA\r\nTel.: +54 11 4321-5678\r\n"
     "Cel.: 11 15 5555-1234", "Pampa Data S.R.L.", ("+541143215678", "+5491155551234"),
     "Av. Corrientes 1234, piso 5, C1043AAZ CABA"),
    ("Rosa Quispe\r\nJefa de Exportaciones\r\nAndino Export S.A.C.\r\n"
     "Av. Javier Prado Este 4600, Santiago de Surco, Lima 15023\r\n"
     "T: (01) 555 1234 | Cel: 987 654 321", "Andino Export S.A.C.",
     ("+5115551234", "+51987654321"), "Av. Javier Prado Este 4600, Santiago de Surco, Lima 15023"),
    ("Élodie Marchand\r\nAssociée\r\nFoch Conseil SARL\r\n12 bis, avenue Foch, 75116 Paris\r\n"
     "Tél : 01 45 55 12 34\r\nMobile : 06 12 34 56 78", "Foch Conseil SARL",
     ("+33145551234", "+33612345678"), "12 bis, avenue Foch, 75116 Paris"),
    ("Oliver Grant\r\nFounder\r\nKings Road Studio Ltd\r\nFlat 3, 27 Kings Road, London SW3 4RP"
     "\r\nM: 07911 123456", "Kings Road Studio Ltd", ("+447911123456",),
     "Flat 3, 27 Kings Road, London SW3 4RP"),
    ("Kadri Saar\r\nTegevjuht\r\nTelliskivi Labs OÜ\r\nTelliskivi 60a, 10412 Tallinn\r\n"
     "Tel: 5123 4567", "Telliskivi Labs OÜ", ("+37251234567",), "Telliskivi 60a, 10412 Tallinn"),
    ("Jonas Petrauskas\r\nDirektorius\r\nUAB Nemunas Logistika\r\n"
     "Savanorių pr. 178, LT-03154 Vilnius\r\nMob. 8 612 34567", "UAB Nemunas Logistika",
     ("+37061234567",), "Savanorių pr. 178, LT-03154 Vilnius"),
    ("Andris Bērziņš\r\nValdes loceklis\r\nSIA Daugava Agro\r\n"
     "Krišjāņa Valdemāra iela 33-5, Rīga, LV-1010, Latvija\r\nTālr. 2612 3456",
     "SIA Daugava Agro", ("+37126123456",),
     "Krišjāņa Valdemāra iela 33-5, Rīga, LV-1010, Latvija"),
    ("Sophie Lambert\r\nDirectrice\r\nLambert & Fils SA\r\nRue de la Loi 42, 1040 Bruxelles\r\n"
     "Tél. +32 2 555 12 34 | GSM 0475 12 34 56", "Lambert & Fils SA",
     ("+3225551234", "+32475123456"), "Rue de la Loi 42, 1040 Bruxelles"),
    ("Sipho Dlamini\r\nMD | Karoo Data (Pty) Ltd\r\n14 Loop Street, Cape Town, 8001\r\n"
     "C: 082 555 1234 | T: 021 555 6789", "Karoo Data (Pty) Ltd",
     ("+27825551234", "+27215556789"), "14 Loop Street, Cape Town, 8001"),
]


@pytest.mark.parametrize(("sig", "company", "phones", "address"), _SIGNATURES)
def test_a_signature_of_its_countrys_format_is_read_whole(
        sig: str, company: str, phones: tuple[str, ...], address: str) -> None:
    name = sig.split("\r\n")[0]
    body = f"Thanks for your time.\r\n\r\nBest regards,\r\n{sig}\r\n"
    c = forwarded("Met at the expo, card below", name, "someone@firm.example", body)[0]
    assert (c.full_name, c.company, c.phones, c.address) == (name, company, phones, address)


@pytest.mark.parametrize(("text", "region"), [
    ("Col. Roma Norte, 06700 CDMX", "MX"),
    ("Avenida Brasil 1200, Lima", "PE"),
    ("Via Milano 3, 10121 Torino", "IT"),
    ("Rue de Londres 8, Paris", "FR"),
])
def test_a_street_named_after_a_place_is_no_hint(text: str, region: str) -> None:
    from followup.parsing.phones import region_hint

    assert region_hint(text) == region


# --- a national number beside the signature's international ones is of their country ------

@pytest.mark.parametrize(("line", "phones"), [
    ("Direct +44 20 7946 0321 | Switchboard +44 20 7946 0000 | Mobile 07911 123456",
     ("+442079460321", "+442079460000", "+447911123456")),
    ("Tel +41 44 555 12 34\r\nNatel 079 555 12 34", ("+41445551234", "+41795551234")),
    ("Tél. +32 2 555 12 34 · GSM 0475 12 34 56", ("+3225551234", "+32475123456")),
])
def test_a_national_number_takes_the_country_of_its_signatures_numbers(
        line: str, phones: tuple[str, ...]) -> None:
    body = f"Thanks.\r\n\r\nBest regards,\r\nKarin Vogt\r\nVogt Beratung\r\n{line}\r\n"
    c = forwarded("Karin from the fair in Köln", "Karin Vogt", "karin@vogt.example", body)[0]
    assert c.phones == phones
