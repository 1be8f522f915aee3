"""The people of a short owner's note, for the rule-by-rule parser tests: a plain-text note
from the owner, dated a Tuesday evening in Berlin, parsed whole."""

from __future__ import annotations

from followup.model import ParsedContact
from followup.parsing import parse_message


def people(body: str, date: str = "Tue, 10 Mar 2026 18:00:00 +0100") -> list[ParsedContact]:
    raw = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
           f"Date: {date}\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "\r\n" + body + "\r\n").encode()
    return list(parse_message(raw).contacts)


def one(body: str) -> ParsedContact:
    """The one person of the note (fails when there are more or none)."""
    found = people(body)
    assert len(found) == 1, found
    return found[0]


def by_name(found: list[ParsedContact], name: str) -> ParsedContact:
    return next(c for c in found if c.full_name == name)
