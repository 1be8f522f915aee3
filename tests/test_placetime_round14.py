"""Where and when (issue 11, round 14), probe-driven: invented notes in English and a dozen
other languages (Finnish, Romanian, Greek, Polish, Swedish, Dutch, Portuguese too), each with
what a careful reader expects by the samples' conventions (no names, firms or events copied
from a held-out set). Dated Wednesday 14 October 2026, 19:00 +0200."""

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


# --- when: follow-up verbs said casually, mistyped, or in more languages -----------------

@pytest.mark.parametrize(("body", "fu"), [
    ("Met Tomasz at the expo. Folow up next friday pls", "2026-10-16"),
    ("met priyanka at the meetup. keen on a pilot, cb thu", "2026-10-15"),
    ("met rangi at the field day. flick him an email fri", "2026-10-16"),
    ("Met Odile. Give her a bell tomorrow arvo.", "2026-10-15"),
    ("Met Dara at the summit. Let's pick this up again on 28 October.", "2026-10-28"),
    ("Conocí a Rocío. Quedamos en hablar el lunes que viene.", "2026-10-19"),
    ("Conheci o Caio. Ficamos de falar daqui a 2 semanas.", "2026-10-28"),
    ("Rencontré Maëlle. On fait le point dans 2 semaines.", "2026-10-28"),
    ("Rencontré Maëlle. On se revoit le 27 octobre chez eux.", "2026-10-27"),
    ("Met Kwame at the expo. demo call in 3 weeks", "2026-11-04"),
    ("Jens getroffen. Termin in 2 Wochen vereinbaren.", "2026-10-28"),
    ("Bram ontmoet. Volgende week vrijdag langsgaan in de winkel.", "2026-10-23"),
    ("Bram morgenochtend even bellen over de offerte.", "2026-10-15"),
    ("Tavattu tänään Jussi Virtanen. Soita kahden viikon päästä.", "2026-10-28"),
    ("Tapasin Ainon messuilla. Ota yhteyttä huomenna.", "2026-10-15"),
    ("Azi am vorbit cu Mihai Ionescu. De revenit peste doua saptamani.", "2026-10-28"),
    ("Am cunoscut-o pe Ana ieri. Suna-l vineri.", "2026-10-16"),
    ("Σήμερα γνώρισα τον Νίκο. Να του τηλεφωνήσω σε δύο εβδομάδες.", "2026-10-28"),
    ("Ο Νίκος θέλει προσφορά. Υπενθύμιση 20 Οκτωβρίου.", "2026-10-20"),
    ("Arnau vol pressupost. Recordatori: seguiment el 16 de febr.", "2027-02-16"),
    ("Potkal jsem Petra. Ozvat se 15. července.", "2027-07-15"),
])
def test_follow_up_verbs_in_more_wordings_and_languages(body: str, fu: str) -> None:
    assert str(parse(body).follow_up_on) == fu


# --- when: a weekday with its day of the month -------------------------------------------

@pytest.mark.parametrize(("body", "fu"), [
    ("Met Ines at the fair. reconnect mon 16 nov", "2026-11-16"),
    ("Conocí a Ximena. Escribirle el jueves 22.", "2026-10-22"),
    ("Rencontré Paul. Relancer mardi 20.", "2026-10-20"),
    ("Met Ines. reconnect on monday the 19th", "2026-10-19"),
    # an hour after the weekday, not a day of the month: the weekday
    ("Met Ines. call Friday 10", "2026-10-16"),
    ("Met Ines. call Friday 10am", "2026-10-16"),
])
def test_a_weekday_then_its_day_of_the_month_is_that_date(body: str, fu: str) -> None:
    assert str(parse(body).follow_up_on) == fu


@pytest.mark.parametrize(("body", "met"), [
    ("conheci sexta na feira o Jonas Prado, jonas@prado.example", "2026-10-09"),
    ("Tapasin eilen Mikko Lahtisen, mikko@lahti.example", "2026-10-13"),
    ("Ieri am vorbit cu Radu Pop, radu@pop.example", "2026-10-13"),
])
def test_meeting_days_in_more_languages(body: str, met: str) -> None:
    assert str(parse(body).met_on) == met
