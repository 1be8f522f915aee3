"""vCards exported by real clients (public test corpora, see tests/fixtures/vcards_real):
every field the contract has is checked, and a file of several cards stays several people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup.model import ParsedContact
from followup.parsing import parse_message
from followup.parsing.vcard import read_vcards

REAL = Path(__file__).parent / "fixtures" / "vcards_real"


def _one(name: str) -> ParsedContact:
    cards, warnings = read_vcards((REAL / name).read_text(encoding="utf-8"))
    assert warnings == []
    assert len(cards) == 1
    return cards[0]


def test_evolution_card_every_field() -> None:
    c = _one("John_Doe_EVOLUTION.vcf")
    assert c.full_name == "John Richter, James Doe Sr."  # FN, the honorific dropped
    assert c.emails == ("john.doe@ibm.com",)  # folded across a line break
    assert c.phones == ("+19056661234", "+19055551234")  # CELL and WORK,VOICE
    assert (c.company, c.title) == ("IBM", "Money Counter")  # ORG's first component
    assert c.website == "http://www.ibm.com"  # URL folded mid-host
    assert c.linkedin is None
    # the first ADR component (a PO box or flat) is part of the address
    assert c.address == ("ASB-123, 15 Crescent moon drive, Albaney, New York 12345, "
                         "United States of America")


def test_mac_address_book_card_every_field() -> None:
    c = _one("John_Doe_MAC_ADDRESS_BOOK.vcf")
    assert c.full_name == "John Richter,James Doe Sr."
    assert c.emails == ("john.doe@ibm.com",)
    # work, home, cell; not the fax lines, the pager, or the assistant's number
    assert c.phones == ("+19057771234", "+19056661234", "+19055551234")
    assert (c.company, c.title) == ("IBM", "Money Counter")
    assert c.website == "http://www.ibm.com"  # "http\\://" unescaped
    assert c.address == "Silicon Alley 5, New York, New York 12345, United States of America"


def _message(cards: str) -> bytes:
    return ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: cards\r\n"
            "Date: Thu, 14 May 2026 18:02:00 -0700\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            "Content-Type: text/plain\r\n\r\ncards\r\n--b\r\n"
            "Content-Type: text/vcard; name=c.vcf\r\n"
            "Content-Disposition: attachment; filename=c.vcf\r\n\r\n" + cards +
            "\r\n--b--\r\n").encode()


def _card(fn: str, email: str | None) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{fn}"]
    lines += [f"EMAIL:{email}"] if email else []
    return "\r\n".join([*lines, "END:VCARD"]) + "\r\n"


def test_two_real_cards_in_one_file_are_two_people_and_a_name_inside_another_too() -> None:
    both = "".join((REAL / n).read_text(encoding="utf-8").replace("\n", "\r\n")
                   for n in ("John_Doe_EVOLUTION.vcf", "John_Doe_MAC_ADDRESS_BOOK.vcf"))
    note = parse_message(_message(both))
    assert len(note.contacts) == 1  # the same person: one shared email merges them
    cards = _card("John Smith", "john@smith.example") + _card("John Smith Jr.", "jr@smith.example")
    cards += _card("Li Li", "li@li.example") + _card("Li Lin", "lin@li.example")
    note = parse_message(_message(cards))
    assert [c.full_name for c in note.contacts] == ["John Smith", "John Smith Jr.", "Li Li",
                                                    "Li Lin"]


# --- every field of every collected export, through the reader, `parse` and `import` ----

FIELDS = ("full_name", "emails", "phones", "company", "title", "website", "linkedin",
          "address")
N = "\u00d1"  # Android's test cards are named in N-tilde, written as UTF-8 quoted-printable


def _person(full_name: str | None = None, emails: tuple[str, ...] = (),
            phones: tuple[str, ...] = (), company: str | None = None,
            title: str | None = None, website: str | None = None,
            address: str | None = None) -> dict[str, object]:
    return {"full_name": full_name, "emails": list(emails), "phones": list(phones),
            "company": company, "title": title, "website": website, "linkedin": None,
            "address": address}


IBM_HOME = "Silicon Alley 5, New York, New York 12345, United States of America"
EXPECTED: dict[str, list[dict[str, object]]] = {
    # six cards, vCard 2.1: QP names with soft line breaks, a base64 PHOTO continued on
    # indented lines and followed by a blank line, an ORG ending in a stray "=80" byte;
    # names of one repeated letter stay six people. The bare "123456"-style numbers are
    # no possible number of any region the card gives: left out, not guessed.
    "John_Doe_ANDROID.vcf": [
        _person(emails=("john.doe@comapny.com",)),  # sic
        _person(emails=("jane.doe@company.com",)),
        _person(" ".join([N] * 5)),
        _person(" ".join([N] * 11)),
        _person(" ".join([N] * 4), ("bob@company.com",), company=N * 12,
                website="https://www.comapny.com"),  # "www.comapny.com" first, 2 ORGs
        _person(N * 4, ("henry@company.com",), company=N * 44),  # QP ORG over 4 lines
    ],
    # 2.1 with "TYPE=CELL", a one-line PHOTO and a blank line before NOTE
    "John_Doe_BLACK_BERRY.vcf": [
        _person("John Doe", phones=("+96123456789",), company="Acme Solutions")],
    # item1.EMAIL grouped; the AssistantPhone (item2), fax and pager lines are not his
    "John_Doe_IPHONE.vcf": [
        _person("John Richter James Doe Sr.", ("john.doe@ibm.com",),
                ("+19055551234", "+19056661234", "+19057771234"), "IBM", "Money Counter",
                "http://www.ibm.com", IBM_HOME)],
    # "+1 (212) 204-34456" has a digit too many for +1: no phone; the fax is not his
    "John_Doe_LOTUS_NOTES.vcf": [
        _person("Doe John I Johny", ("john.doe@ibm.com", "billy_bob@gmail.com"), (), "IBM",
                "Generic Accountant", "http://www.sun.com",
                "25334, South cresent drive, Building 5, 3rd floo r, New York, "
                "New York NYC887, U.S.A.")],
    # Gmail's "item1.TEL" labelled GRAND_CENTRAL is his; 555 numbers kept from a TEL
    "gmail-single.vcf": [
        _person("Greg Dartmouth", ("gdartmouth@hotmail.com",),
                ("+15555551111", "+15555552222"), "TheCompany", "TheJobTitle",
                "http://TheProfile.com", "123 Home St, Home City, HM 12345")],
    # Thunderbird's ADR puts the street in the extended-address slot
    "thunderbird-MoreFunctionsForAddressBook-extension.vcf": [
        _person("John Doe", ("doe.john@hotmail.com", "additional-email@company.com",
                             "additional-email1@company.com", "additional-email2@company.com",
                             "additional-email3@company.com"),
                ("+15555551111", "+15555552222", "+15555555555"), "TheOrganization",
                "TheTitle", "http://www.private-webpage.com",
                "222 Broadway, Suite 100, New York, NY 98765, USA")],
    "John_Doe_EVOLUTION.vcf": [
        _person("John Richter, James Doe Sr.", ("john.doe@ibm.com",),
                ("+19056661234", "+19055551234"), "IBM", "Money Counter",
                "http://www.ibm.com", "ASB-123, 15 Crescent moon drive, Albaney, "
                "New York 12345, United States of America")],
    "John_Doe_MAC_ADDRESS_BOOK.vcf": [
        _person("John Richter,James Doe Sr.", ("john.doe@ibm.com",),
                ("+19057771234", "+19056661234", "+19055551234"), "IBM", "Money Counter",
                "http://www.ibm.com", IBM_HOME)],
}


def _as_dict(c: ParsedContact) -> dict[str, object]:
    return {k: list(v) if isinstance(v, tuple) else v
            for k, v in ((f, getattr(c, f)) for f in FIELDS)}


def _crlf(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_field_of_a_real_export_through_the_reader_and_parse(name: str) -> None:
    cards, warnings = read_vcards((REAL / name).read_text(encoding="utf-8"))
    assert [_as_dict(c) for c in cards] == EXPECTED[name]
    assert all("not UTF-8" in w for w in warnings), warnings  # Android's "=80" only
    note = parse_message(_message(_crlf(name)))
    assert [_as_dict(c) for c in note.contacts] == EXPECTED[name]
    assert note.kind.value == "vcard"


def test_all_exports_in_one_attachment_are_every_person_once() -> None:
    """Thirteen cards, four of them one man (john.doe@ibm.com): ten people. BlackBerry's
    "John Doe" (a phone only) and Thunderbird's (emails) share no email: two people."""
    note = parse_message(_message("".join(_crlf(n) for n in sorted(EXPECTED))))
    keys = [c.emails[0] if c.emails else c.full_name for c in note.contacts]
    assert len(note.contacts) == 10, keys
    assert keys.count("john.doe@ibm.com") == 1
    assert [c.full_name for c in note.contacts].count("John Doe") == 2


def _import(tmp_path: Path, text: str) -> tuple[str, list[dict[str, object]]]:
    from test_import_export import empty_config, run

    config = empty_config(tmp_path)
    card = tmp_path / "export.vcf"
    card.write_text(text, encoding="utf-8")
    done = run("--config", str(config), "import", str(card))
    assert done.returncode == 0, done.stderr
    listed = json.loads(run("--config", str(config), "contacts", "list", "--json").stdout)
    return done.stdout, [{k: p[k] for k in FIELDS} for p in listed]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_card_of_a_real_export_becomes_a_contact_on_import(tmp_path: Path,
                                                                 name: str) -> None:
    report, people = _import(tmp_path, (REAL / name).read_text(encoding="utf-8"))
    expected = EXPECTED[name]
    assert report.startswith(f"{len(expected)} added, 0 merged, 0 skipped"), report
    assert sorted(people, key=json.dumps) == sorted(expected, key=json.dumps)


def test_import_merges_cards_only_on_a_shared_email(tmp_path: Path) -> None:
    same_email = _card("J. Smith", "JOHN@smith.example").replace(
        "END:VCARD", "TEL;CELL:+1 415 555 0134\r\nEND:VCARD")
    cards = (_card("John Smith", "john@smith.example") + _card("John Smith Jr.", None) +
             _card("John Smith", None) + same_email + _card("Li Li", None) +
             _card("Li Lin", None))
    report, people = _import(tmp_path, cards)
    names = sorted(str(p["full_name"]) for p in people)
    assert names == ["John Smith", "John Smith", "John Smith Jr.", "Li Li", "Li Lin"], report
    assert report.startswith("5 added, 1 merged, 0 skipped"), report
    john = next(p for p in people if p["emails"] == ["john@smith.example"])
    assert john["phones"] == ["+14155550134"]  # "J. Smith" shares his email (in capitals)


def test_all_exports_in_one_file_import_as_ten_people(tmp_path: Path) -> None:
    report, people = _import(tmp_path, "".join(_crlf(n) for n in sorted(EXPECTED)))
    assert len(people) == 10, report  # the four john.doe@ibm.com cards are one man
    assert report.startswith("10 added, "), report
    assert [p["full_name"] for p in people].count("John Doe") == 2  # BlackBerry, Thunderbird
