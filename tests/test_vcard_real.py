"""vCards exported by real clients (public test corpora, see tests/fixtures/vcards_real):
every field the contract has is checked, and a file of several cards stays several people."""

from __future__ import annotations

from pathlib import Path

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
