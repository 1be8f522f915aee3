"""vCard reading: 2.1 quoted-printable (Android), 3.0 (iOS), 4.0 with PHOTO, several cards,
broken input, and the vobject traps the reader works around."""

from __future__ import annotations

import base64
import email
import email.policy
import json
import time
from pathlib import Path

import pytest

from followup.model import ParsedContact
from followup.parsing.vcard import (
    clean_full_name,
    linkedin_profile_url,
    read_vcards,
    website_url,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "vcards"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE_NOTES = SHARED / "samples" / "notes"


def _read(name: str, region: str = "US") -> tuple[list[ParsedContact], list[str]]:
    text = (FIXTURES / name).read_bytes().decode("utf-8")
    return read_vcards(text, region)


def test_android_21_quoted_printable_export() -> None:
    contacts, warnings = _read("android_21_qp.vcf")
    assert warnings == []
    assert contacts == [
        ParsedContact(
            full_name="Jürgen Müller",  # QP soft break inside the name, "Dr." dropped
            emails=("j.mueller@kraemer-soehne.example",),  # soft break inside the address
            phones=("+491715550987", "+498955501234"),  # +49 from the address; fax skipped
            company="Krämer & Söhne GmbH",  # first ORG component only
            title="Leiter Vertrieb Süd",
            website="https://www.kraemer-soehne.example",
            linkedin=None,
            address="Lindwurmstraße 88, 80337 München, Deutschland",
        )
    ]


def test_android_card_is_what_vobject_rejects() -> None:
    """The trap this reader exists for: vobject gives up on the whole file."""
    vobject = pytest.importorskip("vobject")
    text = (FIXTURES / "android_21_qp.vcf").read_text(encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - vobject.base.ParseError
        vobject.readOne(text)
    assert read_vcards(text)[0][0].full_name == "Jürgen Müller"


def test_ios_30_export_with_item_groups() -> None:
    contacts, warnings = _read("ios_30.vcf")
    assert warnings == []
    [c] = contacts
    assert c.full_name == "Haruki Sato"
    assert c.company == "Hoshizora Devices"
    assert c.title == "Director, Hardware Partnerships"  # "\," unescaped
    assert c.emails == ("haruki.sato@hoshizora.example",)  # lower-cased, deduplicated
    # national numbers take Japan from the grouped X-ABADR:jp, not the US default
    assert c.phones == ("+819055550199", "+81355550100")
    assert c.address == "1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005"
    assert c.website == "https://hoshizora.example"
    assert c.linkedin == "https://www.linkedin.com/in/harukisato-hw"


def test_v40_with_photo_and_no_fn() -> None:
    contacts, warnings = _read("v40_photo.vcf")
    assert warnings == []
    [c] = contacts
    assert c.full_name == "Chidinma Okonkwo"  # from N, without "Prof." and "PhD"
    assert c.phones == ("+2348035550142", "+2342033123456")  # tel: URIs, ";ext=" dropped
    assert c.linkedin == "https://www.linkedin.com/in/chidinma-okonkwo"
    assert c.website == "https://ikenga.example"
    assert c.address == "12 Marina Road, Lagos, Lagos State 101001, Nigeria"
    assert "base64" not in repr(c) and "data:" not in repr(c)


def test_two_cards_in_one_file_in_order() -> None:
    contacts, warnings = _read("two_cards.vcf")
    assert warnings == []
    assert [c.full_name for c in contacts] == ["Freya Brandt", "Kofi Osei-Bonsu"]
    freya, kofi = contacts
    assert freya.phones == ("+4520550123",)
    assert kofi.emails == ("kofi@solvind.example",)
    assert kofi.phones == ("+14155550148",)
    assert kofi.address == "Suite 400, 1 Market St, San Francisco, CA 94105, USA"
    assert kofi.linkedin == "https://www.linkedin.com/in/kofiosei"
    assert kofi.website is None


def test_latin1_21_card_and_region_from_plus_number() -> None:
    contacts, warnings = _read("latin1_21.vcf")
    assert warnings == []
    [c] = contacts
    assert c.full_name == "Renée Lefèvre"  # no FN: built from N (given family)
    # the national 06 mobile takes France from the card's +33 number
    assert c.phones == ("+33199002469", "+33639984128")


def test_broken_cards_give_warnings_not_exceptions() -> None:
    contacts, warnings = _read("broken.vcf")
    assert [c.full_name for c in contacts] == ["Half Card"]
    assert contacts[0].emails == ()  # "not-an-email" rejected
    assert contacts[0].phones == ("+12125550101",)
    assert any("no END:VCARD" in w for w in warnings)
    assert any("vCard 1" in w and "skipped" in w for w in warnings)


def test_lf_and_crlf_and_folding_give_the_same_card() -> None:
    crlf = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ri\r\n beiro\r\nTEL:+351 912 345 678\r\nEND:VCARD\r\n"
    )
    lf = crlf.replace("\r\n", "\n")
    cr = crlf.replace("\r\n", "\r")
    tab = crlf.replace("\r\n beiro", "\r\n\tbeiro")
    results = [read_vcards(t)[0] for t in (crlf, lf, cr, tab)]
    assert all(r == results[0] for r in results)
    assert results[0][0].full_name == "Ana Ribeiro"
    assert results[0][0].phones == ("+351912345678",)


def test_quoted_parameter_with_colon_and_comma() -> None:
    card = (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Lee Park\n"
        'TEL;TYPE="cell,voice";X-LABEL="a:b":tel:+1-206-555-0158\n'
        "EMAIL;PREF=1:Lee@Park.example\nEND:VCARD\n"
    )
    [c], warnings = read_vcards(card)
    assert warnings == []
    assert c.phones == ("+12065550158",)
    assert c.emails == ("lee@park.example",)


def test_unindented_base64_photo_lines_are_skipped() -> None:
    """vCard 2.1 writers that continue base64 without indentation (a vobject trap)."""
    card = (
        "BEGIN:VCARD\nVERSION:2.1\nFN:Maya Chen\nPHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRg\n"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nBBBBBBBBBBBBBBBBBBBBBB==\n\n"
        "TEL;CELL:+1 415 555 0134\nEND:VCARD\n"
    )
    [c], warnings = read_vcards(card)
    assert warnings == []
    assert (c.full_name, c.phones) == ("Maya Chen", ("+14155550134",))


def test_fax_and_pager_are_not_phones() -> None:
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Olu Adeyemi\nTEL;TYPE=WORK,FAX:(312) 555-0148\n"
        "TEL;TYPE=PAGER:(312) 555-0149\nTEL;TYPE=WORK:(312) 555-0147\nEND:VCARD\n"
    )
    [c], _ = read_vcards(card)
    assert c.phones == ("+13125550147",)


def test_region_argument_is_the_fallback() -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë O'Brien\nTEL;TYPE=CELL:07700 900412\nEND:VCARD\n"
    assert read_vcards(card, "GB")[0][0].phones == ("+447700900412",)
    # the same national number is no possible US number: dropped rather than invented
    assert read_vcards(card, "US")[0][0].phones == ()


def test_social_profile_bare_user_and_url_forms() -> None:
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Erik Lindqvist\n"
        "X-SOCIALPROFILE;TYPE=linkedin:eriklindqvist-kh\n"
        "URL:https://linkedin.com/in/someone-else\nURL:kestrelhealth.example\nEND:VCARD\n"
    )
    [c], _ = read_vcards(card)
    assert c.linkedin == "https://www.linkedin.com/in/eriklindqvist-kh"
    assert c.website == "https://kestrelhealth.example"  # a LinkedIn URL never is the site


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "hello world",
        "BEGIN:VCARD",
        "END:VCARD\nBEGIN:VCARD\n",
        "BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=X-NOPE:=FF=FE\nEND:VCARD",
        "BEGIN:VCARD\nFN;ENCODING=BASE64:!!!!\nEND:VCARD",
        "BEGIN:VCARD\nFN:=\n=\n=\nEND:VCARD",
        "\x00\x01\x02BEGIN:VCARD\x00\nEND:VCARD",
        "BEGIN:VCARD\n" + "X:" + "A" * 200_000 + "\nEND:VCARD",
        "BEGIN:VCARD\nADR:;;;;;;;;;;;;;\nTEL:tel:\nEMAIL:@\nURL:http://\nEND:VCARD",
    ],
)
def test_garbage_never_raises(garbage: str) -> None:
    contacts, warnings = read_vcards(garbage)
    assert isinstance(contacts, list) and isinstance(warnings, list)
    assert all(isinstance(w, str) and w for w in warnings)


def test_undecodable_charset_warns() -> None:
    card = (
        "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=X-NOPE;ENCODING=QUOTED-PRINTABLE:=FF=FE;A\nEND:VCARD"
    )
    contacts, warnings = read_vcards(card)
    assert any("charset" in w for w in warnings)
    assert len(contacts) == 1


def test_text_without_cards_warns() -> None:
    assert read_vcards("just some text") == ([], [
        "No vCard (BEGIN:VCARD) was found in the attached contact data."
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Dr. Ingrid Solberg", "Ingrid Solberg"),
        ("Ingrid Solberg, PhD", "Ingrid Solberg"),
        ("Prof. Dr. Hans Meier", "Hans Meier"),
        ("Dr Solberg", "Solberg"),
        ("Ludwig van der Berg", "Ludwig van der Berg"),
        ("Paul-Henri de la Tour", "Paul-Henri de la Tour"),
        ("Dean Smith", "Dean Smith"),  # nameparser's title list would eat "Dean"
        ("Judge Reinhold", "Judge Reinhold"),
        ("Martin Luther King Jr.", "Martin Luther King Jr."),
        ("Jane Roe MBA", "Jane Roe"),
        ("Mme Élodie Marchand", "Élodie Marchand"),
        ("Dr. med. Katrin Vogel", "Katrin Vogel"),
        ("Prof. Dr. Dr. h.c. Hans Meier", "Hans Meier"),
        ("John Smith, M.D.", "John Smith"),
        ("Jane Roe, CPA", "Jane Roe"),
        # names that nameparser's lists would mangle
        ("Jack Ma", "Jack Ma"),
        ("Anh Do", "Anh Do"),
        ("Phil Jones", "Phil Jones"),
        ("Don Draper", "Don Draper"),
        ("M. Chen", "M. Chen"),
        ("Dr.", "Dr."),
        ("   ", None),
    ],
)
def test_clean_full_name(raw: str, want: str | None) -> None:
    assert clean_full_name(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("https://www.linkedin.com/in/janedoe", "https://www.linkedin.com/in/janedoe"),
        ("linkedin.com/in/tomas-alvarez-data", "https://www.linkedin.com/in/tomas-alvarez-data"),
        ("https://mx.linkedin.com/in/carlajimenezsol", "https://www.linkedin.com/in/carlajimenezsol"),
        (
            "https://uk.linkedin.com/in/amara-nwachukwu-5b21a7?trk=sig&utm=x",
            "https://www.linkedin.com/in/amara-nwachukwu-5b21a7",
        ),
        ("http://www.linkedin.com/in/eriklindqvist-kh/", "https://www.linkedin.com/in/eriklindqvist-kh"),
        ("https://www.linkedin.com/company/acme", None),
        ("https://example.com/in/janedoe", None),
        ("", None),
    ],
)  # fmt: skip
def test_linkedin_profile_url(raw: str, want: str | None) -> None:
    assert linkedin_profile_url(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("www.gridleaf.example", "https://www.gridleaf.example"),
        ("https://www.ledgerline.example/", "https://www.ledgerline.example"),
        ("http://old.example/path/", "http://old.example/path/"),
        ("fieldnote.example", "https://fieldnote.example"),
        ("https://www.linkedin.com/in/x", None),
        ("mailto:a@b.example", None),
        ("not a url", None),
    ],
)
def test_website_url(raw: str, want: str | None) -> None:
    assert website_url(raw) == want


def _sample_cards() -> list[tuple[str, str, list[dict[str, object]]]]:
    if not SAMPLE_NOTES.is_dir():
        return []
    out = []
    for eml in sorted(SAMPLE_NOTES.glob("*.eml")):
        msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        expected = json.loads(eml.with_suffix("").with_suffix(".expected.json").read_text())
        for part in msg.walk():
            if "vcard" in part.get_content_type():
                payload = part.get_payload(decode=True)
                assert isinstance(payload, bytes)
                out.append((eml.name, payload.decode("utf-8"), expected["contacts"]))
    return out


@pytest.mark.skipif(not SAMPLE_NOTES.is_dir(), reason="shared samples not present")
def test_shared_sample_vcards_match_expected_contacts() -> None:
    cases = _sample_cards()
    assert len(cases) >= 4
    for name, text, expected in cases:
        contacts, warnings = read_vcards(text)
        assert warnings == [], name
        by_name = {c["full_name"]: c for c in expected}
        for contact in contacts:
            assert contact.to_json() == by_name[contact.full_name], name


def test_email_with_display_name_and_apple_company_card() -> None:
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Acme Robotics\nORG:Acme Robotics;\n"
        "X-ABShowAs:COMPANY\nEMAIL;type=INTERNET:Sales <Sales@Acme.example>\n"
        "TEL;type=WORK:+1 312 555 0100\nEND:VCARD\n"
    )
    [c], warnings = read_vcards(card)
    assert warnings == []
    assert c.full_name is None  # the FN of a company card is no person's name
    assert c.company == "Acme Robotics"
    assert c.emails == ("sales@acme.example",)


def test_big_folded_photo_is_read_in_linear_time() -> None:
    photo = base64.b64encode(bytes(range(256)) * 2400).decode()  # ~800 kB of base64
    folded = "".join("\r\n " + photo[i : i + 74] for i in range(0, len(photo), 74))
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:"
        + folded
        + "\r\nTEL:+1 415 555 0134\r\nEND:VCARD\r\n"
    )
    start = time.process_time()
    [c], warnings = read_vcards(card)
    assert time.process_time() - start < 2.0  # ~0.05 s; quadratic unfolding took seconds
    assert (c.full_name, c.phones, warnings) == ("Big Photo", ("+14155550134",), [])


def test_fuzz_mutated_cards_never_raise() -> None:
    import random

    rng = random.Random(6350)
    lines = [
        line
        for name in ("android_21_qp.vcf", "ios_30.vcf", "v40_photo.vcf", "two_cards.vcf")
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    ]
    for _ in range(200):
        picked = [rng.choice(lines) for _ in range(rng.randint(0, 30))]
        mutated = [
            line[: rng.randint(0, len(line))] if rng.random() < 0.2 else line for line in picked
        ]
        contacts, warnings = read_vcards("\n".join(mutated), rng.choice(["US", "DE", ""]))
        for c in contacts:
            assert all(p.startswith("+") for p in c.phones)
            assert all(e == e.lower() and "@" in e for e in c.emails)
        assert all(isinstance(w, str) for w in warnings)


def test_social_urls_are_not_the_website() -> None:
    card = (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Maya Chen\nURL;TYPE=social:https://x.com/mayachen\n"
        "URL:https://github.com/mayachen\nURL;TYPE=work:https://lumatic.example\nEND:VCARD\n"
    )
    [c], _ = read_vcards(card)
    assert c.website == "https://lumatic.example"
    only_social = "BEGIN:VCARD\nVERSION:3.0\nFN:A B\nURL:twitter.com/ab\nEND:VCARD\n"
    assert read_vcards(only_social)[0][0].website is None


@pytest.mark.parametrize(
    ("extra", "want"),
    [
        ("EMAIL:wen@ostkreuz.de\n", "+493055578812"),  # ccTLD of the email
        ("ADR:;;Warschauer Str. 70;Berlin;;10243;\n", "+493055578812"),  # a German city
        ("TEL;TYPE=FAX:+49 30 5557 8800\n", "+493055578812"),  # the fax's +49 still counts
        ("", None),  # nothing says Germany: not a possible US number, dropped
    ],
)
def test_national_number_takes_the_country_the_card_makes_plain(
    extra: str, want: str | None
) -> None:
    card = f"BEGIN:VCARD\nVERSION:3.0\nFN:Wen Zhao\nTEL;TYPE=WORK:030 5557 8812\n{extra}END:VCARD\n"
    [c], _ = read_vcards(card, "US")
    assert c.phones == ((want,) if want else ())


def test_outlook_2007_style_card_windows_1252_qp_and_its_binary_x_fields() -> None:
    """Written for followup in the shape Outlook 2003/2007 export (no real Outlook export
    with a licence to copy was found): Windows-1252 quoted-printable with LANGUAGE, a QP
    LABEL over soft line breaks, X-MS-CARDPICTURE base64 and X-MS-OL-DESIGN XML. The
    French national numbers take France from the ADR; the fax is left out; the picture
    gives no warning."""
    cards, warnings = _read("outlook_2007_style_21.vcf")
    assert warnings == []
    assert cards == [ParsedContact(
        full_name="Hélène Lefèvre", emails=("helene.lefevre@ateliers.example",),
        phones=("+33472000000", "+33612345678"), company="Ateliers Exemple SARL",
        title="Responsable achats à Lyon", website="https://www.ateliers.example",
        linkedin=None, address="12 rue de l'Église, 69002 Lyon, France")]
