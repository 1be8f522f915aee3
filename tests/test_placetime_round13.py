"""Where and when (issue 11, round 13), probe-driven: invented notes in the parser's
languages and a few more (Czech, Nordic, Polish, Tagalog words in Philippine English), each
with what a careful reader expects by the samples' conventions (no names, firms or events
copied from a held-out set). Dated Wednesday 14 October 2026, 19:00 +0200."""

from __future__ import annotations

import pytest

from followup.model import ParsedNote
from followup.parsing import parse_message

DATE = "Wed, 14 Oct 2026 19:00:00 +0200"
PLAIN = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
         "Date: {date}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
         "{owner}\r\n")


def parse(body: str, date: str = DATE) -> ParsedNote:
    return parse_message(PLAIN.format(date=date, owner=body).encode())


# --- when: a weekday of next week, in the languages notes are written in ---------------

@pytest.mark.parametrize("body", [
    "Met Lena at the expo. follow up nxt wk Tues",
    "Nächste Woche Dienstag die Unterlagen an Lena schicken.",
    "Volgende week dinsdag de offerte naar Bram sturen.",
    "Traff Kari på messa i går. Følg opp neste uke tirsdag.",
    "Träffade Anna igår. Följ upp nästa vecka tisdag.",
    "Poznałem Marka wczoraj. Zadzwonić w przyszłym tygodniu we wtorek.",
])
def test_a_weekday_of_next_week_is_that_day_not_the_monday(body: str) -> None:
    assert str(parse(body).follow_up_on) == "2026-10-20"


# --- when: Czech and Tagalog day words and follow-up verbs -------------------------------

@pytest.mark.parametrize(("body", "met", "fu"), [
    ("Kontakt – veletrh Techagro (Brno), včera:\nPavel Horák, pavel@horak.example\n"
     "Ozvat se za dva týdny.", "2026-10-13", "2026-10-28"),
    ("Včera jsem potkal Pavla Horáka na konferenci. Zavolat v pondělí.", "2026-10-13",
     "2026-10-19"),
    ("Dnes na veletrhu jsem mluvil s Janou. Napsat jí za týden.", "2026-10-14", "2026-10-21"),
    ("Poslat nabídku za tři týdny.", None, "2026-11-04"),
    ("Zítra zavolat Petrovi.", None, "2026-10-15"),
    ("Nakilala ko si Jose Reyes kahapon sa AgriLink Expo. Follow up in 2 weeks.", "2026-10-13",
     "2026-10-28"),
])
def test_czech_and_tagalog_days_and_asks(body: str, met: str | None, fu: str) -> None:
    note = parse(body)
    assert str(note.follow_up_on) == fu
    if met:
        assert str(note.met_on) == met
