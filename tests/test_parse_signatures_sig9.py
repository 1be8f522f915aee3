"""Signatures and contact details (issue 11, p-sig9): HTML signatures laid out in tables,
titles with a scope, legal names, postal addresses in local formats and phones placed by the
note's hints. Every probe is invented (names, firms, streets and numbers made up); none is
copied from a held-out set."""

from __future__ import annotations

import pytest
from owner_notes import one

from followup.model import ParsedContact
from followup.parsing import parse_message
from followup.parsing.html import html_to_text


def forwarded_html(note: str, sender: str, body: str) -> ParsedContact:
    """The one forwarded person of an HTML-only message: the owner's note, an Outlook-style
    header block and the sender's message ending in `body`."""
    name, addr = sender.split(" <")
    html = (f"<html><body><p>{note}</p><div><p><b>From:</b> {name} &lt;<a href=\"mailto:"
            f"{addr.rstrip('>')}\">{addr.rstrip('>')}</a>&gt;<br><b>Sent:</b> Monday, March 9, "
            "2026 10:12 AM<br><b>To:</b> Owner &lt;owner@own.example&gt;<br><b>Subject:</b> "
            f"hello</p></div><p>Thanks for the chat.</p><p>Best,</p>{body}</body></html>")
    raw = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: FW: hello\r\n"
           "Date: Tue, 10 Mar 2026 18:00:00 +0100\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n").encode()
    found = [c for c in parse_message(raw).contacts if c.emails]
    assert len(found) == 1, found
    return found[0]


# --- HTML signatures in tables: a cell of several lines is several lines ---------------

def test_a_table_cell_of_paragraphs_is_read_line_by_line() -> None:
    text = html_to_text("<table><tr><td><p>Mirela Dobrev</p><p>Head of Sales, Balkans</p></td>"
                        "<td><p>Vantor Logistics Ltd</p><p>Tel: 1</p></td></tr></table>", 10**6, [])
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert lines == ["Mirela Dobrev", "Head of Sales, Balkans", "Vantor Logistics Ltd", "Tel: 1"]


def test_a_table_of_one_line_cells_stays_label_and_value() -> None:
    text = html_to_text("<table><tr><td>Nom</td><td>Odile Ferrand</td></tr><tr><td>Tél</td>"
                        "<td>06 11 22 33 44</td></tr></table>", 10**6, [])
    assert "Nom: Odile Ferrand" in text and "Tél: 06 11 22 33 44" in text


@pytest.mark.parametrize(("body", "title", "company", "phones"), [
    # Outlook: name and title in one cell, firm, address and phones in the next
    ("<table class=\"MsoNormalTable\"><tr><td><p class=\"MsoNormal\"><b>Tobias Renner</b></p>"
     "<p class=\"MsoNormal\">Key Account Manager, DACH</p></td><td><p class=\"MsoNormal\">"
     "Velmora Antriebe GmbH</p><p class=\"MsoNormal\">Tel. +49 89 5550 1212</p></td></tr></table>",
     "Key Account Manager, DACH", "Velmora Antriebe GmbH", ("+498955501212",)),
    # Gmail: one cell, lines after <br>
    ("<table><tr><td>Tobias Renner<br>Sales Director<br>Quillfield Partners LLP<br>"
     "Mob: +44 7700 900321</td></tr></table>",
     "Sales Director", "Quillfield Partners LLP", ("+447700900321",)),
])
def test_an_html_signature_table_gives_title_company_and_phones(
        body: str, title: str, company: str, phones: tuple[str, ...]) -> None:
    c = forwarded_html("Met at the expo, call next week.",
                       "Tobias Renner <t.renner@velmora.example>", body)
    assert (c.title, c.company, c.phones) == (title, company, phones)


def forwarded_plain(note: str, sender: str, body: str, subject: str = "hello") -> ParsedContact:
    """The one forwarded person of a plain-text Outlook forward ending in `body`."""
    name, addr = sender.split(" <")
    text = (f"{note}\r\n\r\nFrom: {name} <{addr}\r\nSent: Monday, March 9, 2026 10:12 AM\r\n"
            f"To: Owner <owner@own.example>\r\nSubject: {subject}\r\n\r\n{body}")
    raw = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: FW: hello\r\n"
           "Date: Tue, 10 Mar 2026 18:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8"
           "\r\n\r\n" + text + "\r\n").encode()
    found = [c for c in parse_message(raw).contacts if c.emails and
             c.emails[0] != "owner@own.example"]
    assert len(found) == 1, found
    return found[0]


# --- postal addresses in local formats ------------------------------------------------

@pytest.mark.parametrize(("sig", "address"), [
    # the street on its own line above the postcode's (Nordic, German, Dutch order)
    ("Sigrid Aasen\nInnkjøpssjef\nVestfjord Fisk AS\nStrandgata 14\n6002 Ålesund\nNorway\n"
     "Tlf: +47 70 12 34 56",
     "Strandgata 14, 6002 Ålesund, Norway"),
    ("Sigrid Aasen\nIndkøbschef\nVestjysk Træ ApS\nSavværksvej 7\n7400 Herning\n"
     "T: +45 97 12 34 56",
     "Savværksvej 7, 7400 Herning"),
    ("Sigrid Aasen\nEinkauf\nHolmberg Technik GmbH\nAm Kanal 3\n28195 Bremen\n"
     "Tel. +49 421 555 1200",
     "Am Kanal 3, 28195 Bremen"),
    # a street without a number, closed by its country (West Africa, Central America)
    ("Sigrid Aasen\nDirectrice commerciale\nBaobab Agro SARL\n"
     "Avenue Lamine Guèye, Immeuble Kora, Dakar, Sénégal\nTél : +221 33 821 45 67",
     "Avenue Lamine Guèye, Immeuble Kora, Dakar, Sénégal"),
    # the city, region and country on the line under the street
    ("Sigrid Aasen\nGerente de Ventas\nAndes Frío S.A.\nCalle Los Aromos 455, of. 12\n"
     "Temuco, Región de La Araucanía, Chile\nFono: +56 45 221 3344",
     "Calle Los Aromos 455, of. 12, Temuco, Región de La Araucanía, Chile"),
])
def test_a_signature_address_is_read_whole_in_local_formats(sig: str, address: str) -> None:
    c = forwarded_plain("Met at the fair.", "Sigrid Aasen <sa@firm.example>",
                        f"Thanks for the visit.\n\nBest regards,\n{sig}\n")
    assert c.address == address


@pytest.mark.parametrize(("note", "address"), [
    ("Coordonnées : Mme Claire Dumont — gérante, Atelier Dumont SARL — 06 12 34 56 78 — "
     "claire@atelier-dumont.example — 12 rue des Lilas, 69003 Lyon",
     "12 rue des Lilas, 69003 Lyon"),
    ("Kontakt: Jonas Vogt | Inhaber, Vogt Holzbau GmbH | 0171 5550123 | jonas@vogt.example | "
     "Lindenweg 12, 79098 Freiburg",
     "Lindenweg 12, 79098 Freiburg"),
])
def test_an_address_among_dashed_or_piped_fields_takes_no_phone(note: str, address: str
                                                                 ) -> None:
    assert one(note).address == address


def test_an_outlook_reply_above_the_owners_own_message_is_its_writer() -> None:
    body = ("Bonjour,\n\nMerci, nous confirmons notre intérêt.\n\nCordialement,\n\n"
            "Karim Bennani\nDirecteur Achats\nOasis Froid SARL\n"
            "Tél : +212 5 22 45 67 89\n\n"
            "De : Owner <owner@own.example>\nEnvoyé : lundi 2 mars 2026 10:40\n"
            "À : Karim Bennani <k.bennani@oasisfroid.example>\nObjet : Offre\n\n"
            "Bonjour Karim,\n\nVoici notre offre.\n\nOwner\nResponsable export | Own SAS\n"
            "+33 4 78 00 00 00\n")
    c = forwarded_plain("Réponse de Karim.", "Karim Bennani <k.bennani@oasisfroid.example>",
                        body, subject="RE: Offre")
    assert (c.title, c.company, c.phones) == ("Directeur Achats", "Oasis Froid SARL",
                                              ("+212522456789",))


# --- signatures in other scripts and with local closings --------------------------------

@pytest.mark.parametrize(("closing", "sig", "want"), [
    ("З повагою,",
     "Тарас Мельник\nДиректор з продажу\nТОВ «Карпатські Ліси»\nвул. Шевченка, 12, м. Львів, "
     "79000, Україна\nтел.: +380 32 255 11 22",
     ("Директор з продажу", "ТОВ «Карпатські Ліси»",
      "вул. Шевченка, 12, м. Львів, 79000, Україна", ("+380322551122",))),
    ("С уважением,",
     "Тарас Мельник\nРуководитель отдела закупок\nООО «Северный Лес»\nТел.: +7 812 555 12 34",
     ("Руководитель отдела закупок", "ООО «Северный Лес»", None, ("+78125551234",))),
])
def test_a_cyrillic_signature_gives_title_firm_address_and_phones(
        closing: str, sig: str, want: tuple[str, str, str | None, tuple[str, ...]]) -> None:
    c = forwarded_plain("Met at the agro fair.", "Тарас Мельник <t.melnyk@lis.example>",
                        f"Добрий день!\n\nДякую за зустріч.\n\n{closing}\n{sig}\n")
    assert (c.title, c.company, c.address, c.phones) == want


def test_a_country_spelled_with_its_own_accents_places_the_numbers() -> None:
    c = forwarded_plain("Met on the factory tour.", "Trần Văn Minh <minh@hoaphat.example>",
                        "Dear Sir,\n\nThank you.\n\nBest regards,\nTrần Văn Minh\nSales Manager\n"
                        "Hoa Phat Ceramics Co., Ltd.\nLô B7, KCN Tân Đông Hiệp, Dĩ An, Bình "
                        "Dương, Việt Nam\nTel: (0274) 3771 234 - Mobile: 0912 345 678\n")
    assert c.phones == ("+842743771234", "+84912345678")
    assert c.address == "Lô B7, KCN Tân Đông Hiệp, Dĩ An, Bình Dương, Việt Nam"


@pytest.mark.parametrize(("line", "address"), [
    ("Lot 7, Jalan Industri 2, 43650 Bandar Baru Bangi, Selangor, Malaysia",
     "Lot 7, Jalan Industri 2, 43650 Bandar Baru Bangi, Selangor, Malaysia"),
    ("Suite 5, 220 Queen St, 3000 Melbourne, Victoria, Australia",
     "Suite 5, 220 Queen St, 3000 Melbourne, Victoria, Australia"),
    # a title's "Engineering" is no street ("-ring"), a phone no part of an address
    ("Ana Ruiz - VP Engineering, Platform - +65 9123 4567", None),
    ("Kerstin Ohl - Head of Monitoring, Data - +49 30 1234 5678", None),
])
def test_find_address_reads_states_and_leaves_titles_and_phones(line: str,
                                                                address: str | None) -> None:
    from followup.parsing.postal import find_address

    assert find_address(line) == address


@pytest.mark.parametrize(("line", "address"), [
    ("Office 2204, Marina Crest Tower, Al Marsa Street, Dubai, UAE",
     "Office 2204, Marina Crest Tower, Al Marsa Street, Dubai, UAE"),
    ("Plot No. 14, GIDC Estate, Vapi - 396195", "Plot No. 14, GIDC Estate, Vapi - 396195"),
])
def test_an_office_or_numbered_plot_opens_a_signature_address(line: str, address: str) -> None:
    c = forwarded_plain("Met at the expo.", "Hamid Saleh <hamid@gulfpack.example>",
                        f"Dear Sir,\n\nThanks.\n\nRegards,\nHamid Saleh\nPurchase Manager\n"
                        f"Gulf Pack Industries LLC\n{line}\nT: +971 4 555 0101\n")
    assert c.address == address


# --- where a signature's national numbers are -----------------------------------------

def test_a_town_in_the_signature_beats_a_city_named_in_the_owners_note() -> None:
    # "Palermo" is a district of Buenos Aires as well as a Sicilian city; the signature's own
    # address (Salta) says where its numbers are
    c = forwarded_plain("del after de fintech en palermo, seguir en agosto",
                        "Lucía Paz <lpaz@norandino.example>",
                        "Hola,\n\ngracias.\n\nSaludos cordiales,\nLucía Paz\nGerente Comercial\n"
                        "Norandino S.A.\nAv. Belgrano 1450, A4400 Salta\nTel. (0387) 431-2200\n")
    assert c.phones == ("+543874312200",)


def test_a_bracketed_pty_names_south_africa() -> None:
    from followup.parsing.phones import legal_form_regions

    assert legal_form_regions("Umoya Freight (Pty) Ltd")[0] == "ZA"
    assert legal_form_regions("Wattle Freight Pty Ltd")[0] == "AU"
    assert legal_form_regions("ТОВ «Дніпро Агро»") == ("UA",)


# --- a firm's legal name, labelled institution blocks ------------------------------------

@pytest.mark.parametrize(("note", "company"), [
    ("met Dana Wirth, buyer at Cobalt Ridge Co. dana@cobaltridge.example 503 555 0112",
     "Cobalt Ridge Co."),
    ("jasé avec Éric Lalonde, directeur chez Boréal Logiciels inc. Intéressé. "
     "eric@boreal.example", "Boréal Logiciels inc."),
    ("Spoke to Ana Liu, CFO at Tidewater Labs Inc. She wants a demo. ana@tidewater.example",
     "Tidewater Labs Inc"),
])
def test_a_legal_forms_dot_is_kept_where_no_sentence_plainly_starts(note: str,
                                                                    company: str) -> None:
    assert one(note).company == company


@pytest.mark.parametrize(("label", "firm"), [
    ("Centre", "Institut de Ciències Marines"),
    ("Centro", "Istituto di Ricerca Alpina"),
    ("Klinik", "Klinikum Nordheide"),
])
def test_an_institution_label_in_a_contact_block_names_the_employer(label: str,
                                                                    firm: str) -> None:
    c = one(f"Dades de contacte\nNom: Pau Ferrer\nCàrrec: investigador\n{label}: {firm}\n"
            "Correu: pferrer@icm.example")
    assert c.company == firm


# --- titles with a scope on one-line cards ------------------------------------------------

@pytest.mark.parametrize(("note", "title", "company"), [
    ("Contact: Dr. Inés Varela | Head of Medical Affairs, Southern Europe | Calyx Bio | "
     "ines.varela@calyx.example", "Head of Medical Affairs, Southern Europe", "Calyx Bio"),
    ("Kontakt: Jonas Vogt — Leiter Einkauf — Vogt Holzbau GmbH — jonas@vogt.example",
     "Leiter Einkauf", "Vogt Holzbau GmbH"),
    ("Rui Matos | Director of Partnerships, Latin America | Ondina Pay | rui@ondina.example",
     "Director of Partnerships, Latin America", "Ondina Pay"),
])
def test_a_card_line_keeps_a_scoped_title_whole(note: str, title: str, company: str) -> None:
    c = one(note)
    assert (c.title, c.company) == (title, company)


@pytest.mark.parametrize(("note", "title", "company"), [
    ("- Grace Whitlam, Estimator at Banksia Civil Pty Ltd, 0413 555 210, grace@banksia.example",
     "Estimator", "Banksia Civil Pty Ltd"),
    ("Tomás Reyes, agronomist at Cerro Verde Agro SAS, tomas@cerroverde.example",
     "agronomist", "Cerro Verde Agro SAS"),
])
def test_a_trade_before_at_firm_is_the_title(note: str, title: str, company: str) -> None:
    c = one(note)
    assert (c.title, c.company) == (title, company)
