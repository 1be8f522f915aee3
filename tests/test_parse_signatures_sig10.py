"""The person's own emails (issue 11, p-sig10): threads where the person's message is quoted
under the owner's or her signature sits on an earlier message, vCards whose fields differ
from the signature, inline-image placeholders, legal forms and units in addresses. Every probe
is invented (names, firms, streets and numbers made up); none is copied from a held-out set."""

from __future__ import annotations

import pytest

from followup.model import ParsedContact
from followup.parsing import parse_message
from followup.parsing.phones import has_international_number, legal_form_regions
from followup.parsing.postal import is_address


def forwarded(note: str, block: str, *, attachment: str = "",
              date: str = "Tue, 10 Mar 2026 18:00:00 +0100") -> list[ParsedContact]:
    """The contacts of a plain-text note whose body is the owner's `note` and a forwarded
    `block`; a vCard `attachment` is added as a second part."""
    text = f"{note}\r\n\r\n{block}\r\n"
    head = ("From: Owner Person <owner@own.example>\r\nTo: in@own.example\r\n"
            f"Subject: Fwd: hello\r\nDate: {date}\r\nMIME-Version: 1.0\r\n")
    if attachment:
        raw = (head + 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
               "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text +
               "--b1\r\nContent-Type: text/x-vcard; charset=utf-8\r\n"
               'Content-Disposition: attachment; filename="card.vcf"\r\n\r\n' +
               attachment + "\r\n--b1--\r\n")
    else:
        raw = head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text
    return list(parse_message(raw.encode()).contacts)


def _fwd_header(name: str, addr: str, to: str = "Owner Person <owner@own.example>") -> str:
    return ("---------- Forwarded message ---------\r\n"
            f"From: {name} <{addr}>\r\nDate: Mon, Mar 9, 2026 at 4:10 PM\r\n"
            f"Subject: Re: our chat\r\nTo: {to}\r\n\r\n")


# --- the owner's own reply forwarded, the person's message quoted under it ------------

@pytest.mark.parametrize("attribution", [
    "On Fri, Mar 6, 2026 at 9:02 AM Ilona Varga <ilona@kestrix.example> wrote:",
    "Am Fr., 6. März 2026 um 09:02 Uhr schrieb Ilona Varga <ilona@kestrix.example>:",
    "Le ven. 6 mars 2026 à 09:02, Ilona Varga <ilona@kestrix.example> a écrit :",
])
def test_the_person_quoted_under_the_owners_reply_is_read_with_her_signature(
        attribution: str) -> None:
    block = (_fwd_header("Owner Person", "owner@own.example", "Ilona Varga <ilona@kestrix.example>")
             + "Thanks Ilona, got it, I'll come back to you.\r\n\r\nOwner Person\r\n\r\n"
             + attribution + "\r\n\r\n> Hello,\r\n> the price list is attached.\r\n>\r\n"
             "> Kind regards,\r\n> Ilona Varga\r\n> Export Manager\r\n> Kestrix Valves Kft.\r\n"
             "> Mobile +36 30 555 1234\r\n")
    found = forwarded("met Ilona at the valve fair, her mail below", block)
    assert len(found) == 1, found
    c = found[0]
    assert c.emails == ("ilona@kestrix.example",)
    assert c.phones == ("+36305551234",)
    assert (c.title, c.company) == ("Export Manager", "Kestrix Valves Kft.")


# --- a short reply from a phone; her signature is on her earlier message ---------------

@pytest.mark.parametrize(("short", "attribution"), [
    ("Perfect, Thursday works.\r\n\r\nRafa\r\n\r\nSent from my iPhone",
     "> On 8 Mar 2026, at 3:12 pm, Owner Person <owner@own.example> wrote:"),
    ("Perfecto, el jueves me va bien.\r\n\r\nRafa\r\n\r\nEnviado desde mi iPhone",
     "> El 8 mar 2026, a las 15:12, Owner Person <owner@own.example> escribió:"),
])
def test_a_short_reply_takes_the_signature_of_her_earlier_message(
        short: str, attribution: str) -> None:
    block = (_fwd_header("Rafaela Quintero", "rafaela@lumbrera.example") + short + "\r\n\r\n"
             + attribution + "\r\n>\r\n> Could we talk on Thursday?\r\n>\r\n"
             ">> On Sat, 7 Mar 2026 at 10:01, Rafaela Quintero <rafaela@lumbrera.example> "
             "wrote:\r\n>>\r\n>> Lovely to meet you!\r\n>>\r\n>> Rafaela Quintero\r\n"
             ">> Directora de Operaciones\r\n>> Lumbrera Solar S.A. de C.V.\r\n"
             ">> Cel. +52 33 5555 0142\r\n")
    found = forwarded("Rafaela from the solar expo, thread below", block)
    assert len(found) == 1, found
    c = found[0]
    assert c.full_name == "Rafaela Quintero"
    assert c.phones == ("+523355550142",)
    assert (c.title, c.company) == ("Directora de Operaciones", "Lumbrera Solar S.A. de C.V.")


def test_a_reply_that_signs_in_full_keeps_its_own_signature() -> None:
    block = (_fwd_header("Jonas Eklund", "jonas@fjordtek.example") + "Sounds good.\r\n\r\n"
             "Jonas Eklund\r\nSales Lead\r\nFjordtek AB\r\n+46 70 555 12 34\r\n\r\n"
             "> On 8 Mar 2026, at 3:12 pm, Owner Person <owner@own.example> wrote:\r\n>\r\n"
             "> Shall we talk?\r\n")
    c = forwarded("Jonas, see below", block)[0]
    assert (c.title, c.company, c.phones) == ("Sales Lead", "Fjordtek AB", ("+46705551234",))


# --- a vCard that the person exported of herself -------------------------------------

@pytest.mark.parametrize("card", [
    # Android 2.1
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Okonkwo;Chidinma;;;\r\nFN:Chidinma Okonkwo-Bello\r\n"
    "TEL;CELL:+234 803 555 0199\r\nEMAIL;WORK:chi@savannabyte.example\r\n"
    "ORG:Savannabyte Systems Ltd\r\nTITLE:Head of Partnerships\r\nEND:VCARD",
    # iPhone 3.0
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okonkwo;Chidinma;;;\r\nFN:Chidinma Okonkwo-Bello\r\n"
    "ORG:Savannabyte Systems Ltd;\r\nTITLE:Head of Partnerships\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:chi@savannabyte.example\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+234 803 555 0199\r\nEND:VCARD",
])
def test_the_vcard_gives_the_name_and_firm_where_the_signature_says_less(card: str) -> None:
    block = (_fwd_header("Chi Okonkwo", "chi@savannabyte.example") + "Great to meet you, my "
             "card is attached.\r\n\r\nChi Okonkwo\r\nHead of Partnerships\r\nSavannabyte\r\n")
    found = forwarded("Chi from the fintech week, card attached", block, attachment=card)
    assert len(found) == 1, found
    assert found[0].full_name == "Chidinma Okonkwo-Bello"
    assert found[0].company == "Savannabyte Systems Ltd"
    assert found[0].phones == ("+2348035550199",)


# --- inline images in the plain text ----------------------------------------------------

@pytest.mark.parametrize("logo", ["[cid:image001.png@01DC0A1B.2C3D4E50]",
                                  "<cid:logo_3f2a.jpg@mail.example>"])
def test_an_inline_image_placeholder_is_no_email(logo: str) -> None:
    block = (_fwd_header("Maarten de Wit", "m.dewit@polderbouw.example") + "Tot snel.\r\n\r\n"
             "Met vriendelijke groet,\r\nMaarten de Wit\r\nProjectleider\r\nPolderbouw B.V.\r\n"
             + logo + "\r\n")
    c = forwarded("Maarten van de bouwbeurs", block)[0]
    assert c.emails == ("m.dewit@polderbouw.example",)


# --- legal forms and addresses ---------------------------------------------------------

@pytest.mark.parametrize(("text", "regions"), [
    ("Umhlanga Data (Pty) Ltd", ("ZA",)),
    ("Kelani Tea (Pvt.) Ltd.", ("LK", "ZW", "PK")),
    ("Bosphor Makina A.Ş.", ("TR",)),
    ("Ege Makina San. ve Tic. A.Ş.", ("TR",)),
    ("Kapadokya Turizm Tic. Ltd. Şti.", ("TR",)),
    ("Fjellvann AS", ("NO", "DK", "EE", "CZ")),
    ("Wallaby Freight Pty Ltd", ("AU", "ZA")),
])
def test_a_legal_form_names_its_countries_by_its_exact_form(
        text: str, regions: tuple[str, ...]) -> None:
    assert legal_form_regions(text) == regions


@pytest.mark.parametrize(("line", "address"), [
    ("Office 1408, Marina Plaza, Dubai", True),
    ("Office 12 Riverside House, Leeds LS1 4AP", True),
    ("Office: +971 4 555 0100", False),
    ("office 020 7946 0000", False),
])
def test_office_and_a_short_number_is_a_unit_a_long_one_a_phone(line: str, address: bool) -> None:
    assert is_address(line) is address


def test_an_international_number_is_told_by_the_phone_reader() -> None:
    assert has_international_number("Platform - +65 9155 0461")
    assert not has_international_number("Building 4, +2 floors")


# --- a national number's country from a town typed in lower case or by its nickname ----

def _note_phones(body: str) -> tuple[str, ...]:
    raw = ("From: Owner Person <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
           "Date: Tue, 10 Mar 2026 18:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8"
           "\r\n\r\n" + body + "\r\n").encode()
    return tuple(p for c in parse_message(raw).contacts for p in c.phones)


@pytest.mark.parametrize(("body", "phone"), [
    ("met Thabo Mokoena at the fintech summit in joburg, cell 082 555 0143", "+27825550143"),
    ("lunch in tlv with Noa Peretz (Shachar Labs), 054-555-0123", "+972545550123"),
    ("coffee w/ Anaya Kulkarni in bombay, mob 98201 55512, anaya@tarang.example",
     "+919820155512"),
    ("met aroha ngata at the dairy conf in rotorua, 021 555 0198", "+64215550198"),
    ("Met Ana Reyes of Island Bakeshop Corp. at the food expo in cebu, 0917 555 0143",
     "+639175550143"),
    ("Karim Bennani, Sud Logistique SARL (casa), 0661 55 01 43, met at the port expo in casa",
     "+212661550143"),
])
def test_a_town_in_lower_case_or_by_nickname_places_a_national_number(
        body: str, phone: str) -> None:
    assert _note_phones(body) == (phone,)


def test_casa_in_a_spanish_note_is_a_house_not_casablanca() -> None:
    body = ("Cena en casa de Lucía, conocí a Pablo Ruiz Ortega, gerente de Hierros Ruiz S.L., "
            "móvil 612 55 01 43")
    assert _note_phones(body) == ("+34612550143",)


def test_a_lower_case_town_after_a_spanish_preposition() -> None:
    assert _note_phones("conocí a Matías Soto en la feria en talca, cel 9 5555 0143") == \
        ("+56955550143",)


# --- a number in the writer's own words; the note saying who she is ------------------

@pytest.mark.parametrize(("line", "phone"), [
    ("Cell is best: 416 555 0148", "+14165550148"),
    ("Easiest is to call me on +61 412 555 014", "+61412555014"),
    ("Mein Handy: +49 171 5550143, ab 9 Uhr erreichbar.", "+491715550143"),
    ("Mi móvil es el +34 612 55 01 43 por si acaso.", "+34612550143"),
])
def test_a_number_the_writer_gives_in_her_text_is_hers(line: str, phone: str) -> None:
    block = (_fwd_header("Petra Solberg", "petra@nordvik.example") + "Thanks for today.\r\n"
             + line + "\r\n\r\nPetra\r\n")
    c = forwarded("Petra from the expo", block)[0]
    assert c.phones == (phone,)


def test_a_number_beside_a_colleagues_address_is_not_the_writers() -> None:
    block = (_fwd_header("Petra Solberg", "petra@nordvik.example") + "I've copied our buyer "
             "Rui Matos (rui.matos@nordvik.example, phone +351 912 555 014).\r\n\r\nPetra\r\n")
    found = forwarded("Petra from the expo", block)
    petra = next(c for c in found if "petra@nordvik.example" in c.emails)
    assert petra.phones == ()


def test_the_note_says_the_title_and_firm_of_the_person_whose_mail_it_forwards() -> None:
    block = (_fwd_header("Yusuf Demir", "yusuf@karadeniz.example") + "Nice meeting you, "
             "let's talk next week.\r\n\r\nYusuf\r\n")
    c = forwarded("Yusuf Demir, export manager at Karadeniz Tekstil - his mail below", block)[0]
    assert (c.title, c.company) == ("export manager", "Karadeniz Tekstil")


def test_a_links_line_gives_the_site_beside_the_profile() -> None:
    html = ("<p>Met at the fair.</p><div><b>From:</b> Ines Faure &lt;ines@verrerie-faure.example"
            "&gt;<br><b>Sent:</b> Monday, March 9, 2026 10:12 AM<br><b>To:</b> Owner Person "
            "&lt;owner@own.example&gt;<br><b>Subject:</b> hello</div><p>Merci !</p>"
            "<p>Ines Faure<br>Directrice commerciale<br>Verrerie Faure SAS<br>"
            "<a href=\"https://verrerie-faure.example\">verrerie-faure.example</a> "
            "<a href=\"https://www.linkedin.com/in/inesfaure/\"><img src=\"cid:li.png@x\"></a></p>")
    raw = ("From: Owner Person <owner@own.example>\r\nTo: in@own.example\r\nSubject: FW: hello"
           "\r\nDate: Tue, 10 Mar 2026 18:00:00 +0100\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n").encode()
    c = parse_message(raw).contacts[0]
    assert c.website == "https://verrerie-faure.example"
    assert c.linkedin == "https://www.linkedin.com/in/inesfaure"


# --- the script a note is written in, and labels in it ----------------------------------

@pytest.mark.parametrize(("body", "phone"), [
    ("Σήμερα στην έκθεση γνώρισα τη Μαρία Κωνσταντίνου, maria@ktimatiki.example\n"
     "Κιν. 697 555 0143", "+306975550143"),
    ("פגשתי את נועה כהן בכנס, noa@galim.example, נייד 052-555-0143", "+972525550143"),
    ("오늘 전시회에서 만남: Kim Minjun, minjun@hanul.example, 010-5555-0143", "+821055550143"),
])
def test_a_note_in_a_countrys_own_script_places_its_national_number(body: str, phone: str) -> None:
    assert phone in _note_phones(body)


def test_a_phone_label_in_any_language_is_no_address() -> None:
    for line in ("Switchboard: 020 7946 0000", "Zentrale: 089 5555 0142",
                 "Escritório: (11) 3555-0142"):
        assert not is_address(line), line
    assert is_address("Address: 12 Main Street, Leeds LS1 4AP")


def test_a_signatures_numbers_together_say_the_country_each_alone_leaves_open() -> None:
    block = (_fwd_header("Rosario Dizon", "rdizon@kalayaan-bpo.example") + "Thanks!\r\n\r\n"
             "Best,\r\nRosario Dizon\r\nAccount Director\r\nKalayaan BPO Inc.\r\n"
             "Tel (02) 8555 0142 | Mobile 0918 555 0143\r\n")
    c = forwarded("Rosario from the outsourcing summit", block)[0]
    assert c.phones == ("+63285550142", "+639185550143")


@pytest.mark.parametrize("note", ["Sigrun's answer, whole thread below. Met her at the port days.",
                                  "Antwort von Sigrun, der ganze Verlauf unten."])
def test_the_note_naming_the_writer_keeps_her_over_a_message_she_passes_on(note: str) -> None:
    block = (_fwd_header("Sigrun Aas", "sigrun.aas@kystlog.example") + "Hello,\r\n\r\n"
             "good news below from our terminal.\r\n\r\nBest regards,\r\nSigrun Aas\r\n"
             "Key Account Manager\r\nKystlogistikk AS\r\nMob. +47 912 55 014\r\n\r\n"
             "---------- Forwarded message ---------\r\nFrom: Ola Berg <ola.berg@kystlog.example>"
             "\r\nDate: Thu, Mar 5, 2026 at 3:40 PM\r\nSubject: slots\r\nTo: Sigrun Aas "
             "<sigrun.aas@kystlog.example>\r\n\r\nSlots confirmed.\r\n\r\nOla Berg\r\n"
             "Terminal Manager\r\n+47 934 55 016\r\n")
    found = forwarded(note, block)
    assert found[0].emails == ("sigrun.aas@kystlog.example",)
    assert (found[0].title, found[0].phones) == ("Key Account Manager", ("+4791255014",))


def test_a_registration_number_with_its_old_one_in_brackets_is_no_part_of_the_firm() -> None:
    block = (_fwd_header("Nurul Huda", "nurul@cahaya-medik.example") + "Thank you.\r\n\r\n"
             "Regards,\r\nNurul Huda\r\nSales Manager\r\nCahaya Medik Sdn. Bhd. "
             "(201901012345 (1234567-K))\r\nTel: +603-5555 0142\r\n")
    assert forwarded("Nurul from the medtech fair", block)[0].company == "Cahaya Medik Sdn. Bhd."


@pytest.mark.parametrize(("intro", "title"), [
    ("I've copied Tomás Ibarra, our Head of Purchasing (tomas.ibarra@solterra.example, "
     "+34 612 55 01 44), so he can send the forms.", "Head of Purchasing"),
    ("Je mets en copie Tomás Ibarra, notre directeur des achats (tomas.ibarra@solterra.example, "
     "+34 612 55 01 44).", "directeur des achats"),
])
def test_a_copied_colleague_gets_the_number_and_title_the_writer_gives(
        intro: str, title: str) -> None:
    block = ("---------- Forwarded message ---------\r\nFrom: Lucía Marín "
             "<lucia.marin@solterra.example>\r\nDate: Mon, Mar 9, 2026 at 4:10 PM\r\n"
             "Subject: pilot\r\nTo: Owner Person <owner@own.example>\r\nCc: Tomás Ibarra "
             "<tomas.ibarra@solterra.example>\r\n\r\nHello,\r\n\r\n" + intro +
             "\r\n\r\nBest,\r\nLucía Marín\r\nCEO\r\nSolterra Energía S.L.\r\n")
    found = forwarded("Add Lucía and Tomás, both from the solar panel", block)
    tomas = next(c for c in found if "tomas.ibarra@solterra.example" in c.emails)
    assert (tomas.phones, tomas.title) == (("+34612550144",), title)


# --- legal forms of Egypt, Turkey, the Gulf and Vietnam, and typed in lower case --------

@pytest.mark.parametrize(("body", "company"), [
    ("Met Omar Farouk, export manager at Nile Valley Textiles S.A.E., omar@nvt.example",
     "Nile Valley Textiles S.A.E."),
    ("Met Elif Yıldız, purchasing lead at Ege Makina San. ve Tic. A.Ş., elif@egemak.example",
     "Ege Makina San. ve Tic. A.Ş."),
    ("met ravi menon, ops head at suryakiran agritech pvt ltd, ravi@suryakiran.example",
     "suryakiran agritech pvt ltd"),
])
def test_a_legal_form_ends_the_firms_name(body: str, company: str) -> None:
    raw = ("From: Owner Person <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
           "Date: Tue, 10 Mar 2026 18:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8"
           "\r\n\r\n" + body + "\r\n").encode()
    found = parse_message(raw).contacts[0].company
    assert found is not None and found.casefold() == company.casefold()


@pytest.mark.parametrize(("text", "region"), [
    ("Nile Valley Textiles S.A.E.", "EG"), ("Sandstorm Media FZ-LLC", "AE"),
    ("Pearl Trading W.L.L.", "BH"), ("Mekong Freight JSC", "VN"),
])
def test_the_new_legal_forms_name_their_countries(text: str, region: str) -> None:
    assert legal_form_regions(text)[0] == region


# --- addresses: number-less streets in English order, Cyrillic avenues and offices -----

@pytest.mark.parametrize("line", [
    "Ngong Lane, Kilimani, Nairobi, Kenya",
    "Osu Oxford Street, Accra, Ghana",
    "пр. Достык, 88, офис 4, Алматы, 050010, Казахстан",
    "ул. Ленина, 15, оф. 210, Новосибирск, 630099, Россия",
    "4 Oriente 1325, Of. 12, Curicó, Región del Maule",
    "Calle 9 de Julio 870, Rosario, Provincia de Santa Fe",
])
def test_an_address_line_of_these_shapes_is_an_address(line: str) -> None:
    assert is_address(line)


@pytest.mark.parametrize("line", ["Head of Sales, Acme, Kenya",
                                  "Tamarind Square Ltd, Nairobi, Kenya"])
def test_a_title_or_a_firm_closed_by_a_country_is_no_address(line: str) -> None:
    assert not is_address(line)
