"""Small hand-written notes: who is a contact, names, companies, met_at, tags, kind and the note."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from typing import Any

import pytest

from followup.model import NoteKind, ParsedContact, ParsedNote
from followup.parsing import ParseOptions, parse_message
from followup.parsing.names import clean_name, local_part_matches
from followup.parsing.ownertext import find_met_at, find_tags, split_owner_text
from followup.parsing.signature import parse_signature
from followup.parsing.urls import linkedin_url, unmark, website_url

OWNER = "Alex Rivera <alex@rivera-partners.example>"
DATE = "Tue, 10 Mar 2026 15:00:00 -0500"  # a Tuesday


def _msg(body: str, *, frm: str = OWNER, subject: str = "note", html: str | None = None,
         attachments: tuple[tuple[Any, str, str, str], ...] = ()) -> bytes:
    m = EmailMessage()
    m["From"] = frm
    m["To"] = "in@followup.example"
    m["Subject"] = subject
    m["Date"] = DATE
    m["Message-ID"] = "<t@test.example>"
    if body == "" and html is not None:
        m.set_content(html, subtype="html")  # HTML-only, as Outlook sends it
    else:
        m.set_content(body)
        if html is not None:
            m.add_alternative(html, subtype="html")
    for data, maintype, subtype, filename in attachments:
        if maintype == "text":
            m.add_attachment(data, subtype=subtype, filename=filename)
        else:
            m.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(m)


def parse(body: str, **kw: Any) -> ParsedNote:
    options = kw.pop("options", None)
    return parse_message(_msg(body, **kw), options)


def one(note: ParsedNote) -> ParsedContact:
    assert len(note.contacts) == 1, note.contacts
    return note.contacts[0]


# ----------------------------------------------------------------------------- free text

def test_terse_note_name_title_company_email_place_and_follow_up() -> None:
    note = parse("met Jane Doe, VP Eng at Acme, jane@acme.example, at PyCon; follow up in 2 weeks")
    c = one(note)
    assert (c.full_name, c.title, c.company, c.emails) == (
        "Jane Doe", "VP Eng", "Acme", ("jane@acme.example",))
    assert note.kind is NoteKind.NOTE
    assert note.met_at == "PyCon"
    assert note.met_on == dt.date(2026, 3, 10)
    assert note.follow_up_on == dt.date(2026, 3, 24)


def test_lower_case_name_is_capitalised_with_particles_kept() -> None:
    c = one(parse("rencontré jean-luc de la fontaine au salon Vinexpo, "
                  "jl.delafontaine@vino.example"))
    assert c.full_name == "Jean-Luc de la Fontaine"


def test_name_spelled_by_the_email_local_part_in_a_typo_note() -> None:
    c = one(parse("quick one - sanjay mehta frm orbit labs, intro via pat k. "
                  "sanjay.m@orbitlabs.example cell 646 555 0100"))
    assert c.full_name == "Sanjay Mehta"
    assert c.company == "Orbit Labs"
    assert c.phones == ("+16465550100",)


def test_two_people_in_one_sentence_each_keep_their_own_details() -> None:
    note = parse("Met Anna Berg (anna@nordlys.example) and Tomas Lind "
                 "(tomas.lind@nordlys.example, 650 555 0111) at the Oslo Tech Night.")
    assert [c.full_name for c in note.contacts] == ["Anna Berg", "Tomas Lind"]
    assert note.contacts[0].phones == ()
    assert note.contacts[1].phones == ("+16505550111",)
    assert note.met_at == "Oslo Tech Night"


def test_numbered_list_person_without_email_is_kept() -> None:
    note = parse("Good dinner:\n\n1. Ana Ruiz – CTO at Brisa, ana@brisa.example\n"
                 "2. Ben Ode, partner at Kite Capital. no email, cell +44 7700 900123\n")
    assert [c.full_name for c in note.contacts] == ["Ana Ruiz", "Ben Ode"]
    assert note.contacts[1].emails == ()
    assert note.contacts[1].phones == ("+447700900123",)
    assert note.contacts[1].company == "Kite Capital"


def test_person_with_no_details_at_all_is_still_the_contact() -> None:
    c = one(parse("Met Jane Doe, VP Eng at Acme, at PyCon. follow up next week"))
    assert (c.full_name, c.company, c.emails, c.phones) == ("Jane Doe", "Acme", (), ())


def test_labelled_note_in_english() -> None:
    note = parse("Name: Dr. Wei Zhang, PhD\nCompany: Helix Bio Inc.\nTitle: Chief Scientific "
                 "Officer\nPhone: 617-555-0110\nEmail: wzhang@helixbio.example\nWebsite: "
                 "www.helixbio.example\nLinkedIn: https://uk.linkedin.com/in/weizhang-helix?trk=x\n"
                 "Met at: BIO 2026\n#biotech")
    c = one(note)
    assert c.full_name == "Wei Zhang"
    assert c.emails == ("wzhang@helixbio.example",)
    assert c.company == "Helix Bio Inc."
    assert c.title == "Chief Scientific Officer"
    assert c.website == "https://www.helixbio.example"
    assert c.linkedin == "https://www.linkedin.com/in/weizhang-helix"
    assert note.met_at == "BIO 2026"
    assert note.tags == ("biotech",)


def test_labelled_note_in_spanish_with_address() -> None:
    c = one(parse("Nombre: Ana García\nEmpresa: Solaris Energía S.L.\nCargo: Directora Comercial\n"
                  "Correo: ana.garcia@solaris.example\nTeléfono: +34 612 34 56 78\n"
                  "Dirección: Calle Mayor 5, 28013 Madrid"))
    assert (c.full_name, c.company, c.title) == (
        "Ana García", "Solaris Energía S.L.", "Directora Comercial")
    assert c.phones == ("+34612345678",)
    assert c.address == "Calle Mayor 5, 28013 Madrid"


def test_labelled_note_in_french() -> None:
    c = one(parse("Nom : Jean Dupont\nSociété : Lumen SA\nFonction : Directeur technique\n"
                  "E-mail : jean.dupont@lumen.example\nPortable : +33 6 12 34 56 78"))
    assert (c.full_name, c.company, c.title) == ("Jean Dupont", "Lumen SA", "Directeur technique")
    assert c.phones == ("+33612345678",)


def test_emoji_and_pronoun_role() -> None:
    c = one(parse("Met Carla 🎉 at the Retail panel. She's VP Digital at Almacenes Sol and is "
                  "keen. carla.jimenez@sol.example"))
    assert c.full_name == "Carla"
    assert (c.title, c.company) == ("VP Digital", "Almacenes Sol")


def test_paren_company_and_scheme_less_site() -> None:
    c = one(parse("ran into derek lam at the gym (Lam Sports Physio). cell 206 555 0158, "
                  "lamphysio.example"))
    assert c.company == "Lam Sports Physio"
    assert c.website == "https://lamphysio.example"


# ----------------------------------------------------------------------------- who is not a contact

def test_owner_signature_details_never_attach_to_the_contact() -> None:
    c = one(parse("talked to bob ames from Northwind at the chamber mixer, bob@northwind.example."
                  "\n\nBest,\nAlex\n\nAlex Rivera | Rivera Partners\nalex@rivera-partners.example"
                  " | 212-555-0199 | rivera-partners.example"))
    assert c.phones == ()
    assert c.website is None
    assert c.emails == ("bob@northwind.example",)


def test_owner_undelimited_signature_with_full_name_line() -> None:
    note = parse("Name: Olu Ade\nEmail: olu@harbor.example\n\nAlex Rivera\nSales | Rivera Partners"
                 "\n(312) 555-0190 | alex.r@rivera-partners.example")
    c = one(note)
    assert c.phones == () and c.emails == ("olu@harbor.example",)
    assert note.note is not None and "312" not in note.note


def test_owner_other_address_named_in_the_note_is_hers() -> None:
    c = one(parse("Priya Sethi, head of growth at Orbitform. priya@orbitform.example. "
                  "(use my work address alex@corvid.example for this, not this one)"))
    assert c.emails == ("priya@orbitform.example",)


def test_configured_owner_addresses_are_never_contacts() -> None:
    note = parse("Met Jo Park (jo@parkhaus.example) at the gala, loop me in at a.r@home.example",
                 options=ParseOptions(owner_addresses=("a.r@home.example",)),
                 frm="Alex <a.r@home.example>")
    assert [c.emails for c in note.contacts] == [("jo@parkhaus.example",)]


def test_person_the_note_only_says_to_copy_is_not_a_contact() -> None:
    c = one(parse("Met Greg Hale, CFO at Tessel, at the dinner. greg.hale@tessel.example.\n"
                  "His EA Nadia Flores (nadia@tessel.example) runs his calendar, so cc her."))
    assert c.full_name == "Greg Hale"
    assert c.emails == ("greg.hale@tessel.example",)


def test_forward_cc_person_not_mentioned_is_not_a_contact() -> None:
    body = ("Met him at CES on Thursday. f/u in 1 week #hardware\n\n"
            "---------- Forwarded message ---------\n"
            "From: Victor Mendes <victor@lumenhw.example>\n"
            "Date: Fri, Mar 6, 2026 at 10:00 AM\nSubject: Great to meet\n"
            "To: Alex Rivera <alex@rivera-partners.example>\n"
            "Cc: Paula Reis <paula@lumenhw.example>\n\n"
            "Hi Alex, great to meet you.\n\nCheers,\nVictor\n\n"
            "Victor Mendes\nVP Sales, Lumen Hardware\n+1 (702) 555-0148\nhttps://lumenhw.example\n")
    note = parse(body, subject="Fwd: Great to meet")
    c = one(note)
    assert note.kind is NoteKind.FORWARD
    assert (c.full_name, c.title, c.company) == ("Victor Mendes", "VP Sales", "Lumen Hardware")
    assert c.phones == ("+17025550148",) and c.website == "https://lumenhw.example"
    assert note.forwarded is not None and note.forwarded.subject == "Great to meet"
    assert note.tags == ("hardware",)
    assert note.met_at == "CES"
    assert note.note == "Met him at CES on Thursday. f/u in 1 week #hardware"


def test_colleague_who_passed_the_message_on_is_not_a_contact() -> None:
    body = ("FYI from Sam. Reach out next week.\n\n"
            "---------- Forwarded message ---------\n"
            "From: Sam Ortiz <sam@rivera-partners.example>\n"
            "Date: Mon, Mar 9, 2026 at 4:00 PM\nSubject: intro\n"
            "To: Alex Rivera <alex@rivera-partners.example>\n\n"
            "Alex, you should meet Lena Park (lena@parkrobotics.example, 408-555-0123), "
            "CEO of Park Robotics.\n\nSam\n")
    c = one(parse(body, subject="Fwd: intro"))
    assert (c.full_name, c.company, c.title) == ("Lena Park", "Park Robotics", "CEO")


def test_mailing_list_address_is_not_a_contact() -> None:
    body = ("Wen from the Rust meetup.\n\n---------- Forwarded message ---------\n"
            "From: Rust Berlin <rust-announce@lists.example.org>\n"
            "Date: Mon, Mar 9, 2026 at 4:00 PM\nSubject: [rust] hiring\n"
            "To: <rust-announce@lists.example.org>\n\nWe are hiring.\n")
    note = parse(body, subject="Fwd: [rust] hiring")
    assert note.contacts == ()
    assert note.kind is NoteKind.FORWARD


# ----------------------------------------------------------------------------- kinds

VCARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ray Kim\r\nORG:Pine Cloud;\r\nEMAIL:ray@pine.example"
         "\r\nTEL:+1 503 555 0188\r\nEND:VCARD\r\n")


def test_vcard_with_a_note_that_only_adds_where_stays_vcard() -> None:
    note = parse("met him at the Pine booth, f/u tomorrow",
                 attachments=((VCARD, "text", "vcard", "ray.vcf"),))
    assert note.kind is NoteKind.VCARD
    assert one(note).full_name == "Ray Kim"
    assert note.follow_up_on == dt.date(2026, 3, 11)


def test_vcard_plus_a_person_typed_in_the_note_is_mixed() -> None:
    note = parse("card attached. Also met his boss Olga Petrova, olga@pine.example.",
                 attachments=((VCARD, "text", "vcard", "ray.vcf"),))
    assert note.kind is NoteKind.MIXED
    assert {c.full_name for c in note.contacts} == {"Ray Kim", "Olga Petrova"}


def test_image_only_note_warns_and_has_no_contacts() -> None:
    note = parse("", attachments=((b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image", "png", "c.png"),))
    assert note.kind is NoteKind.CARD_IMAGE
    assert note.contacts == ()
    assert "card image: no text could be read (no OCR)" in note.warnings


def test_owner_own_vcard_is_not_a_contact() -> None:
    own = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Rivera\r\n"
           "EMAIL:alex@rivera-partners.example\r\nEND:VCARD\r\n")
    note = parse("Met Jo Park (jo@parkhaus.example) at the gala. Sent her my card.",
                 attachments=((own, "text", "vcard", "alex.vcf"),))
    assert [c.full_name for c in note.contacts] == ["Jo Park"]


# ----------------------------------------------------------------------------- hostile-ish

def test_template_syntax_is_kept_literally() -> None:
    note = parse("Met Jo Park of {{ 7*7 }} Labs at the {% if x %}gala{% endif %}. jo@park.example")
    assert note.note is not None and "{{ 7*7 }}" in note.note
    assert all("49" not in (c.company or "") for c in note.contacts)


def test_names_with_cr_lf_are_one_line() -> None:
    raw = (b"From: Alex <alex@r.example>\r\nTo: in@f.example\r\nSubject: Fwd: hi\r\n"
           b"Date: Tue, 10 Mar 2026 15:00:00 -0500\r\nContent-Type: text/plain; charset=utf-8\r\n"
           b"\r\nmet her at the gala\r\n\r\n---------- Forwarded message ---------\r\n"
           b"From: =?utf-8?q?Eve=0D=0ABcc=3A_x?= <eve@evil.example>\r\n"
           b"Date: Mon, Mar 9, 2026 at 4:00 PM\r\nSubject: hi\r\nTo: Alex <alex@r.example>\r\n"
           b"\r\nhello\r\n")
    c = one(parse_message(raw))
    assert c.full_name is not None and "\r" not in c.full_name and "\n" not in c.full_name


def test_garbage_never_raises() -> None:
    for raw in (b"", b"\x00\xff" * 50, b"From: \r\n\r\n" + b"@" * 5000, b"Subject: x\r\n\r\n#"):
        note = parse_message(raw)
        assert isinstance(note, ParsedNote)


def test_unexpected_exception_becomes_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.parsing import assemble

    def boom(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(assemble, "read_people", boom)
    note = parse("Met Jo Park (jo@park.example)")
    assert note.contacts == ()
    assert note.warnings and "kaput" in note.warnings[0]


# ----------------------------------------------------------------------------- pieces

def test_tags_skip_followup_directive_numbers_and_entities() -> None:
    assert find_tags("#Seed #followup 3d #1 vendor Maison&Objet #k8s #seed") == ["seed", "k8s"]


def test_met_at_is_not_an_employer() -> None:
    assert find_met_at("New contact at Bellbrook Print: Pat Nwosu, account manager.", []) is None
    assert find_met_at("Met Greg, CFO at Tessel, at the SaaS dinner tonight.", ["Tessel"]) == \
        "SaaS dinner"
    assert find_met_at("Wen vom Berlin Rust Meetup gestern Abend", []) == "Berlin Rust Meetup"
    assert find_met_at("Lo conocí en el Mobile Week de Valencia el martes", []) == \
        "Mobile Week de Valencia"


def test_split_owner_text_cuts_sign_off_device_line_and_signature() -> None:
    text = "met x at y.\n\nCheers,\nAlex\n\nSent from my iPhone"
    assert split_owner_text(text, ["Alex Rivera"]).note == "met x at y."
    text = "note here\n-- \nAlex Rivera | +1 212 555 0199"
    split = split_owner_text(text, ["Alex Rivera"])
    assert split.note == "note here" and "555" in split.signature


def test_signature_block_parsing() -> None:
    body = ("Hi,\n\nThanks.\n\nBest regards,\nIngrid\n\nIngrid Solberg, PhD\n"
            "Principal Scientist, Genetics\nFjord Biologics AS\nTel. +47 22 55 01 23\n"
            "Maasveien 12, 0150 Oslo\n\nCONFIDENTIAL: this e-mail is private.")
    info = parse_signature(body, "Ingrid Solberg", "ingrid@fjordbio.example",
                           lambda s: ["+4722550123"] if "22 55" in s else [])
    assert info.title == "Principal Scientist, Genetics"
    assert info.company == "Fjord Biologics AS"
    assert info.phones == ["+4722550123"]
    assert info.address == "Maasveien 12, 0150 Oslo"


def test_names_and_urls() -> None:
    assert clean_name("Dr. Katrin Vogel") == "Katrin Vogel"
    assert clean_name("ludwig van der berg") == "Ludwig van der Berg"
    assert clean_name("Ingrid Solberg, PhD") == "Ingrid Solberg"
    assert clean_name("Doe, Jane") == "Jane Doe"
    assert clean_name("Jane Doe, CEO") == "Jane Doe"
    assert clean_name("Jane Doe\r\nBcc: x@evil.example") == "Jane Doe"
    assert local_part_matches("p-h.delatour", "paul-henri de la tour") == 3
    assert linkedin_url("mx.linkedin.com/in/carla?x=1") == "https://www.linkedin.com/in/carla"
    assert website_url("www.acme.example") == "https://www.acme.example"
    assert website_url("linkedin.com/in/x") is None
    assert unmark("Email: [Jo Park](mailto:jo@p.example)") == "Email: Jo Park <jo@p.example>"


# ----------------------------------------------------------------------------- more shapes

def test_lower_case_name_opening_a_note_without_a_verb() -> None:
    c = one(parse("sarah kim from acme robotics, 415-555-0190, wants a demo. f/u fri"))
    assert (c.full_name, c.company) == ("Sarah Kim", "Acme Robotics")


def test_assistant_named_with_an_address_is_not_a_contact() -> None:
    c = one(parse("Good call with Rita Moreno (rita@moreno.example) - she's the COO at Moreno "
                  "Foods. Her assistant Tim (tim@moreno.example) will set up the next meeting."))
    assert (c.full_name, c.title, c.company) == ("Rita Moreno", "COO", "Moreno Foods")


def test_card_block_typed_in_the_note() -> None:
    c = one(parse("Please add:\nHannah Schmidt\nVP Marketing\nAlpine Tech AG\n"
                  "hannah.schmidt@alpinetech.example\n+41 44 555 0123\n\nMet her on Monday."))
    assert (c.full_name, c.title, c.company) == ("Hannah Schmidt", "VP Marketing", "Alpine Tech AG")
    assert c.phones == ("+41445550123",)


def test_comma_separated_card_line() -> None:
    c = one(parse("FYI: Alan Turing, alan@bletchley.example, +44 20 7946 0999, Bletchley Labs, "
                  "Head of Research. met at the Royal Society lecture."))
    assert (c.company, c.title) == ("Bletchley Labs", "Head of Research")


def test_german_free_text_with_honorifics_and_umlaut_address() -> None:
    note = parse("Kontakt: Frau Sabine Müller, Einkaufsleiterin bei Brandt Maschinenbau GmbH, "
                 "s.mueller@brandt-mb.example, Tel. +49 621 555 0100. Kennengelernt auf der "
                 "Hannover Messe.")
    c = one(note)
    assert (c.full_name, c.title, c.company) == (
        "Sabine Müller", "Einkaufsleiterin", "Brandt Maschinenbau GmbH")
    assert note.met_at == "Hannover Messe"


def test_national_number_is_read_in_the_country_the_note_names() -> None:
    c = one(parse("ran into lena fischer at the berlin ai meetup, she's cto @ neuronal gmbh. "
                  "lena@neuronal.example, 0151 5550 1234."))
    assert c.phones == ("+4915155501234",)
    assert c.company == "Neuronal GmbH"


def test_invalid_default_region_reading_is_dropped() -> None:
    c = one(parse("Met Sophie Laurent at the Club Finance dinner. sophie@marbre.example, "
                  "06 98 76 54 32"))
    assert "+10698765432" not in c.phones


def test_owner_forwarding_her_own_mail_names_its_recipient() -> None:
    body = ("Sent this after the expo; f/u in a week.\n\n"
            "---------- Forwarded message ---------\n"
            "From: Alex Rivera <alex@rivera-partners.example>\n"
            "Date: Mon, Mar 9, 2026 at 4:00 PM\nSubject: Great to meet you\n"
            "To: Maya Lin <maya@linworks.example>\n\nHi Maya, great to meet you.\n\nAlex\n")
    note = parse(body, subject="Fwd: Great to meet you")
    c = one(note)
    assert (c.full_name, c.emails) == ("Maya Lin", ("maya@linworks.example",))


def test_fax_and_extension_lines_are_neither_phones_nor_addresses() -> None:
    body = ("FYI\n\n-----Original Message-----\n"
            "From: Ken Adams [mailto:ken.adams@adamsco.example]\n"
            "Sent: Monday, March 9, 2026 2:15 PM\nTo: Alex Rivera\nSubject: Meeting\n\n"
            "Thanks for meeting.\n\nKen Adams | President | Adams & Co. | Direct: (803) 555-0147"
            " | Fax: (803) 555-0148\n")
    c = one(parse(body, subject="FW: Meeting"))
    assert c.phones == ("+18035550147",)
    assert c.address is None
    assert (c.title, c.company) == ("President", "Adams & Co.")


def test_invisible_characters_never_reach_a_contact() -> None:
    c = one(parse("Met Bob Stone (bob.stone@stone\u200b.example) at the gala.",
                  frm="Alex Rivera <alex@rivera-partners.example>"))
    for value in (c.full_name or "", *c.emails):
        assert "\u200b" not in value and "\u202e" not in value


def test_named_person_whose_details_are_on_a_card_photo() -> None:
    note = parse("Met Jane Doe at the expo, her card is attached.",
                 attachments=((b"\xff\xd8\xff\xe0" + b"0" * 64, "image", "jpeg", "card.jpg"),))
    assert note.kind is NoteKind.CARD_IMAGE
    assert "card image: no text could be read (no OCR)" in note.warnings


def test_prose_address_and_pronoun_employer() -> None:
    c = one(parse("Met Tom Clarke at the London Tech Week. tom@clarke.example. He's at Clarke "
                  "Digital Ltd, 10 Downing Lane, London EC1A 1BB."))
    assert c.company == "Clarke Digital Ltd"
    assert c.address == "10 Downing Lane, London EC1A 1BB"


def test_recipient_the_note_names_is_a_contact_and_unnamed_cc_is_not() -> None:
    body = ("Met Victor at CES, and add Paula too.\n\n"
            "---------- Forwarded message ---------\n"
            "From: Victor Mendes <victor@lumenhw.example>\n"
            "Date: Fri, Mar 6, 2026 at 10:00 AM\nSubject: Great to meet\n"
            "To: Alex Rivera <alex@rivera-partners.example>\n"
            "Cc: Paula Reis <paula@lumenhw.example>, Joe Bloggs <joe@lumenhw.example>\n\n"
            "Hi Alex.\n\nVictor\n")
    note = parse(body, subject="Fwd: Great to meet")
    assert [c.full_name for c in note.contacts] == ["Victor Mendes", "Paula Reis"]


def test_accents_lost_by_html_conversion_are_restored() -> None:
    note = parse("", html="<p>Met Ren&eacute;e Lef&egrave;vre at the Caf&eacute; Landtmann "
                           "breakfast. renee@sg.example</p>")
    assert one(note).full_name == "Renée Lefèvre"


def test_display_name_and_address_pasted_into_a_note() -> None:
    c = one(parse('"Doe, Jane" <jane.doe@acme.example> - met at the AWS summit'))
    assert c.full_name == "Jane Doe"


def test_list_of_people_keeps_a_listed_person_without_details() -> None:
    note = parse("Add to CRM:\n- Jane Doe, jane@acme.example\n- Raj Patel, raj@acme.example\n"
                 "- Li Wei (no email)\nAll from the Acme offsite.")
    assert [c.full_name for c in note.contacts] == ["Jane Doe", "Raj Patel", "Li Wei"]


def test_second_person_on_a_line_does_not_inherit_the_first_ones_title() -> None:
    note = parse("From Acme: Jane Doe, CTO, jane@acme.example. Also her colleague Raj Patel "
                 "(raj@acme.example).")
    assert [(c.full_name, c.title) for c in note.contacts] == [
        ("Jane Doe", "CTO"), ("Raj Patel", None)]


def test_name_before_its_address_wins_over_a_company_after_it() -> None:
    c = one(parse("Lunch with Ana (ana.lima@lima.example) from Lima Design today at Café Flore."))
    assert (c.full_name, c.company) == ("Ana", "Lima Design")


def test_emoji_between_name_and_details() -> None:
    c = one(parse("Just met Hana Sato 👩‍💻 (hana@sato.example) – ML lead @ Sato Robotics!"))
    assert (c.title, c.company) == ("ML lead", "Sato Robotics")


def test_place_after_the_address_is_not_the_company() -> None:
    c = one(parse("Met Jane Doe (jane@acme.example) at PyCon."))
    assert c.company is None


def test_mailbox_the_note_sends_things_to_is_not_a_contact() -> None:
    c = one(parse("Met Jane Doe at the expo, jane@acme.example. Send invoices to "
                  "ap@acme.example. f/u monday"))
    assert c.emails == ("jane@acme.example",)


def test_products_are_not_web_sites() -> None:
    c = one(parse("Met Jane Doe (jane@acme.example) at the expo, she builds on ASP.NET."))
    assert c.website is None


class _FakeReading:
    def __init__(self, text: str | None, warnings: tuple[str, ...] = ()) -> None:
        self.text = text
        self.warnings = list(warnings)


def test_injected_card_reader_turns_a_card_photo_into_a_contact() -> None:
    card = ("Brightwater Robotics\nMarcus Oyelaran\nCo-founder & CTO\n"
            "marcus@brightwater.example\n+44 20 7946 0321\nbrightwater.example")
    note = parse("met at the expo", attachments=((b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image",
                                                  "png", "card.png"),),
                 options=ParseOptions(card_reader=lambda _data: _FakeReading(card)))
    c = one(note)
    assert note.kind is NoteKind.CARD_IMAGE
    assert (c.full_name, c.title, c.company) == (
        "Marcus Oyelaran", "Co-founder & CTO", "Brightwater Robotics")
    assert c.phones == ("+442079460321",) and c.website == "https://brightwater.example"
    assert not note.warnings


def test_card_reader_that_reads_nothing_leaves_its_warning() -> None:
    note = parse("", attachments=((b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image", "png", "c.png"),),
                 options=ParseOptions(card_reader=lambda _d: _FakeReading(None, ("blurry",))))
    assert note.contacts == ()
    assert "blurry" in note.warnings


def test_name_is_title_at_company_sentences() -> None:
    note = parse("Karen Holt is the head of growth at Mintly (karen@mintly.example).\n\n"
                 "Bo Yang is CEO of Yangtze Labs, bo@yl.example")
    assert [(c.full_name, c.title, c.company) for c in note.contacts] == [
        ("Karen Holt", "head of growth", "Mintly"), ("Bo Yang", "CEO", "Yangtze Labs")]


def test_owner_subject_counts_where_the_body_is_silent() -> None:
    note = parse("", subject="met at the Web Summit yesterday #web",
                 attachments=((VCARD, "text", "vcard", "ray.vcf"),))
    assert note.met_at == "Web Summit"
    assert note.met_on == dt.date(2026, 3, 9)
    assert note.tags == ("web",)
    fwd = parse("see below\n\n---------- Forwarded message ---------\nFrom: Jo <jo@x.example>\n"
                "Date: Mon, Mar 9, 2026 at 4:00 PM\nSubject: the AI summit\nTo: <a@b.example>\n\n"
                "hi\n", subject="Fwd: notes from the AI summit")
    assert fwd.met_at is None


def test_details_typed_for_the_carded_person_join_the_card() -> None:
    note = parse("met him at the booth, his cell 503-555-0111",
                 attachments=((VCARD, "text", "vcard", "ray.vcf"),))
    assert note.kind is NoteKind.VCARD
    assert "+15035550111" in one(note).phones


def test_role_written_before_the_name() -> None:
    c = one(parse("Chatted with the CTO of Flux, Mei Chen. Her email is mei@flux.example"))
    assert (c.full_name, c.title, c.company) == ("Mei Chen", "CTO", "Flux")


def test_owner_numbers_and_addresses_she_gives_in_the_note_are_hers() -> None:
    c = one(parse("Met Jo Park (jo@parkhaus.example) at the gala. Reply to my gmail "
                  "alex.r@gmail.example, or reach me at 212-555-0199."))
    assert (c.emails, c.phones) == (("jo@parkhaus.example",), ())


def test_details_written_before_the_name_they_belong_to() -> None:
    note = parse("cell 206 555 0158, office (206) 555-0100 - that's for Joe Marsh at Pike "
                 "Brewing, met at the beer fest sat")
    c = one(note)
    assert (c.full_name, c.company) == ("Joe Marsh", "Pike Brewing")
    assert note.met_at == "beer fest"


# ----------------------------------------------------------------------------- general rules

def test_emoji_ends_the_place_and_a_role_phrase_after_it_is_the_title() -> None:
    note = parse("drinks w/ omar haddad at the leeds fintech social 🎉 vp sales @ Glintwave, "
                 "omar@glintwave.example")
    c = one(note)
    assert note.met_at == "leeds fintech social"
    assert (c.full_name, c.title, c.company) == ("Omar Haddad", "vp sales", "Glintwave")


def test_met_label_names_the_place_not_the_day() -> None:
    assert find_met_at("Name: Ida Brandt\nMet: Nordic Foodtech Fair, 3 March", []) == \
        "Nordic Foodtech Fair"
    assert find_met_at("Met: Friday at the Harbour Lights gala", []) == "Harbour Lights gala"
    assert find_met_at("Met: last week", []) is None


def test_place_after_a_dash_or_with_a_new_event_word() -> None:
    assert find_met_at("Ida Brandt, CTO at Frostline - Aarhus founders breakfast this "
                       "morning.", []) == "Aarhus founders breakfast"
    assert find_met_at("Both came from the Tallinn game jam on Sunday.", []) == \
        "Tallinn game jam"


def test_welsh_and_arabic_particles_stay_in_the_name() -> None:
    c = one(parse("Gwen ap Rhydderch, head of ops at Teifi Freight, gwen@teifi.example"))
    assert (c.full_name, c.title, c.company) == ("Gwen ap Rhydderch", "head of ops",
                                                 "Teifi Freight")
    c = one(parse("met Karim bin Saleh today, karim@saleh-trading.example"))
    assert c.full_name == "Karim bin Saleh"


def test_pronoun_role_of_a_lower_case_area_is_no_company() -> None:
    c = one(parse("met ana lima at the rooftop mixer, she's head of design at Lumio "
                  "(ana@lumio.example)"))
    assert (c.title, c.company) == ("head of design", "Lumio")


def test_possessive_names_the_employer() -> None:
    c = one(parse("Dinner with Jo Kemp, Tidewell's COO. jo@tidewell.example"))
    assert (c.company, c.title) == ("Tidewell", "COO")
    c = one(parse("Met Brightloop's CFO Sam Ortiz at the expo, sam@brightloop.example"))
    assert (c.full_name, c.company, c.title) == ("Sam Ortiz", "Brightloop", "CFO")
    c = one(parse("coffee with Lee Park (lee@park.example) - he's Norden Labs' head of data"))
    assert (c.company, c.title) == ("Norden Labs", "head of data")


def test_role_stated_with_a_verb_gives_the_employer_only() -> None:
    c = one(parse("met Priya Nair, priya@kora.example, she leads product at Kora"))
    assert (c.company, c.title) == ("Kora", None)
    c = one(parse("Tomas Berg runs growth for Vantage Loop. tomas@vl.example"))
    assert c.company == "Vantage Loop"


def test_business_joined_by_ampersand_or_closed_by_a_suffix_is_the_company() -> None:
    c = one(parse("ran into dale okoro at the hardware store, he runs a bakery now - "
                  "Okoro Bread & Pastry. cell 415 555 0163"))
    assert (c.full_name, c.company) == ("Dale Okoro", "Okoro Bread & Pastry")
    c = one(parse("Met Ines Vidal yesterday (ines@ividal.example), she's with Vidal Tiles Ltd"))
    assert c.company == "Vidal Tiles Ltd"
    note = parse("talked to Ray Cole (ray@cole.example) at the Hale & Sons book signing")
    assert one(note).company is None and note.met_at == "Hale & Sons book signing"


def test_role_after_the_address_that_follows_the_name() -> None:
    note = parse("Intro via Sam: Lena Ortiz, lena@ortiz.example, co-founder of Bramblecast, "
                 "met on the Porto startup ferry")
    c = one(note)
    assert (c.title, c.company) == ("co-founder", "Bramblecast")
    assert note.met_at == "Porto startup ferry"


def test_of_names_the_employer_only_after_a_founder_or_chief_title() -> None:
    c = one(parse("Yusuf Adeyemi, yusuf@tallgrass.example, director of Platform. nice chat"))
    assert (c.title, c.company) == ("director of Platform", None)


def test_a_sentence_about_the_met_place_is_no_role() -> None:
    note = parse("Efe Okafor (efe@okafor.example) - we met at the lagos design week, "
                 "he's the CTO of Kolanut Pay")
    c = one(note)
    assert note.met_at == "lagos design week"
    assert (c.company, c.title) == ("Kolanut Pay", "CTO")


def test_pronoun_title_without_employer_and_with_before_a_name_ends_the_place() -> None:
    note = parse("Brunch at Marlowe's w/ Ivo Petrov. ivo@petrov.example. He's an architect.")
    assert note.met_at == "Marlowe's"
    assert one(note).title == "architect"


def test_bint_and_verb_phrases_are_no_titles() -> None:
    c = one(parse("Seeing Huda bint Nasser tmrw, huda@qamar.example; she runs ops at Qamar"))
    assert (c.full_name, c.company, c.title) == ("Huda bint Nasser", "Qamar", None)


def test_department_before_the_employer_and_card_company_trimmed_to_the_domain() -> None:
    c = one(parse("raj from procurement at Ellwood Mills (raj.patel@ellwood.example) wants a "
                  "quote"))
    assert c.company == "Ellwood Mills"
    c = one(parse("Tea at Ottolenghi with Vera Sokol (vera@sokolworks.example). Sokol Works "
                  "builds drones. ping friday"))
    assert c.company == "Sokol Works"


def test_short_titles_and_a_pronoun_ends_the_place() -> None:
    note = parse("yday at the Leeds craft fair I met Ruth Obi, MD at Kestrel Print, "
                 "ruth@kestrelprint.example")
    c = one(note)
    assert note.met_at == "Leeds craft fair"
    assert (c.title, c.company) == ("MD", "Kestrel Print")
    c = one(parse("Noah Berg (noah@berg.example), PM at Fieldnote. open 9 am - 5 pm"))
    assert c.title == "PM"


def test_labelled_role_with_its_company() -> None:
    c = one(parse("Who: Mira Kohl\nEmail: mira@kohlandco.example\n"
                  "Role: art director, Kohl Studio\nWhere: Zurich print fair"))
    assert (c.title, c.company) == ("art director", "Kohl Studio")


def test_title_written_with_its_company_and_blank_address_is_no_title() -> None:
    note = parse("@ the lyon robotics meetup: Hugo Brun, hugo@brun-ai.example, founder Brun AI")
    c = one(note)
    assert note.met_at == "lyon robotics meetup"
    assert (c.title, c.company) == ("founder", "Brun AI")
    c = one(parse("Met Kai at Orbit Corp: Kai Sato, kai.sato@orbit.example, head of legal"))
    assert c.title == "head of legal"


def test_role_sentence_employer_beats_a_bare_at_after_the_name() -> None:
    c = one(parse("Caught up with Lin Wu at Data Council. lin.wu@example.com. She's now a "
                  "principal engineer at Ravelry."))
    assert (c.title, c.company) == ("principal engineer", "Ravelry")


def test_role_given_by_first_name_alone() -> None:
    note = parse("met the founders of Tidemark - Ada Moss (ada@tidemark.example) and Ben Rao "
                 "(ben@tidemark.example). Ada is CEO, Ben is head of product at Tidemark.")
    assert [(c.full_name, c.title) for c in note.contacts] == [
        ("Ada Moss", "CEO"), ("Ben Rao", "head of product")]


def test_nickname_in_brackets_is_no_company_and_spoke_w_slash_names_the_place() -> None:
    c = one(parse("Li Na (Na) - li.na@harbor-ai.example, Harbor AI, data lead"))
    assert c.company == "Harbor AI"
    note = parse("spoke w/ Rene Blum (CFO, Kettle Works) at FinDevCon yesterday, "
                 "rene@kettleworks.example")
    assert note.met_at == "FinDevCon"
    assert (one(note).company, one(note).title) == ("Kettle Works", "CFO")


def test_ampersand_between_people_or_in_a_department_is_no_business() -> None:
    note = parse("Dinner with Marta Gil & Pavel Novak, marta@gil.example, pavel@novak.example")
    assert [c.company for c in note.contacts] == [None, None]
    c = one(parse("Ida Lund, Head of Research & Development, ida@lund.example"))
    assert c.company is None


def test_a_capital_i_inside_an_event_name_does_not_end_it() -> None:
    assert find_met_at("met Ann Fox at Google I/O, ann@fox.example", []) == "Google I/O"


def test_at_after_the_address_is_where_they_met_not_the_employer() -> None:
    raw = (b"From: Sam <sam@owner.example>\r\nDate: Thu, 14 May 2026 18:02:00 -0700\r\n\r\n"
           b"met Liv Lee liv@lee.example at Web Summit\r\n")
    data = parse_message(raw).to_json()
    assert data["met_at"] == "Web Summit"
    assert data["contacts"][0]["company"] is None
