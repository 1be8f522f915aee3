"""The shared timing grammar (issues 8 and 11): hours, compact dates, FollowUpThen plus
addresses, asks that point back at an earlier date, business days, and the held-out phrase
set (tests/fixtures/timing, scored through the whole parser; the test half scored once)."""

from __future__ import annotations

import datetime as dt

import pytest
from timing_heldout import score

from followup.parsing import parse_message
from followup.parsing.timing import find_follow_up_in_addresses, find_follow_up_on, find_met_on

D = dt.date
# Wednesday 4 March 2026, 10:00 UTC; and 22:30 the same day in Berlin (+01:00)
WED = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
WED_NIGHT = dt.datetime(2026, 3, 4, 22, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))

CASES = [
    # hours and minutes: the day the span ends, in the note's own offset
    ("follow up in 36 hours", WED, D(2026, 3, 5)),
    ("follow up in 36 hours", WED_NIGHT, D(2026, 3, 6)),
    ("follow up in 2 hours", WED, D(2026, 3, 4)),
    ("follow up in 2 hours", WED_NIGHT, D(2026, 3, 5)),
    ("remind me in 90 minutes", WED_NIGHT, D(2026, 3, 5)),
    ("relancer dans 36 heures", WED, D(2026, 3, 5)),
    ("in 48 Stunden nachfassen", WED, D(2026, 3, 6)),
    ("recordar en 48 horas", WED, D(2026, 3, 6)),
    ("follow up 48h", WED, D(2026, 3, 6)),
    ("follow up about the 48 hour hackathon", WED, None),  # an adjective, not a span
    ("relancer mardi à 9h", WED, D(2026, 3, 10)),  # a clock time, not nine hours
    # compact dates
    ("follow up mar10", WED, D(2026, 3, 10)),
    ("f/u 10mar", WED, D(2026, 3, 10)),
    ("ping her Dec24", WED, D(2026, 12, 24)),
    ("follow up 2026-03-20", WED, D(2026, 3, 20)),
    ("follow up 3 April 9am", WED, D(2026, 4, 3)),
    # business days
    ("follow up in 3 business days", WED, D(2026, 3, 9)),
    ("in 5 Werktagen nachfassen", WED, D(2026, 3, 11)),
    # pointing back at an earlier date
    ("she's on leave until the 9th, ping her once she's back", WED, D(2026, 3, 10)),
    ("He is travelling until March 20, follow up after that", WED, D(2026, 3, 21)),
    ("on parental leave until April 15. Reach out once he's back.", WED, D(2026, 4, 16)),
    ("back on March 16, follow up then", WED, D(2026, 3, 16)),
    ("OOO until 3/20. ping after", WED, D(2026, 3, 21)),
    ("bis 20.3. im Urlaub, danach nachfassen", WED, D(2026, 3, 21)),
    ("absent jusqu'au 15, relancer ensuite", WED, D(2026, 3, 16)),
    ("en vacaciones hasta el 15 de marzo, escribirle después", WED, D(2026, 3, 16)),
    ("Ella vuelve el 16 de marzo, escribirle entonces", WED, D(2026, 3, 16)),
    ("in ferie fino al 10 marzo, ricontattarla dopo", WED, D(2026, 3, 11)),
    ("she's on leave until the 9th; follow up", WED, D(2026, 3, 10)),  # an absence ends
    ("Follow up, she's away until March 20", WED, D(2026, 3, 21)),
    ("bis Freitag nachfassen", WED, D(2026, 3, 6)),  # "bis" in the ask: by Friday
    # ... but only an ask that points back takes an earlier date
    ("The launch is on March 20. Follow up in 2 weeks.", WED, D(2026, 3, 18)),
    ("Conference until Friday. No need to follow up.", WED, None),
    ("Demo on March 10. Follow up.", WED, None),
    # counted from a date named after the count
    ("follow up a week from monday", WED, D(2026, 3, 16)),
    ("ping her 2 days after she's back (she returns March 16)", WED, D(2026, 3, 18)),
    ("3 Tage nach dem 10.3. nachfassen", WED, D(2026, 3, 13)),
    ("relancer 2 jours après le salon du 12 mars", WED, D(2026, 3, 14)),
    ("follow up 2 weeks after the conference", WED, D(2026, 3, 18)),  # no date: from today
    # days of next week, parts of months
    ("Nächste Woche Dienstag nachfassen", WED, D(2026, 3, 10)),
    ("relancer mardi de la semaine prochaine", WED, D(2026, 3, 10)),
    ("follow up mid next week", WED, D(2026, 3, 11)),
    ("follow up next wk", WED, D(2026, 3, 9)),
    ("Anfang nächsten Monats nachfassen", WED, D(2026, 4, 1)),
    ("follow up first week of april", WED, D(2026, 4, 1)),
    ("relancer d'ici la fin du mois", WED, D(2026, 3, 31)),
    ("Nach ihrem Urlaub (bis 13.3.) nachfassen", WED, D(2026, 3, 14)),
    ("tornar a contactar el 2 d'abril", WED, D(2026, 4, 2)),
    # verbs in more languages
    ("am 20.3. nachfassen", WED, D(2026, 3, 20)),
    ("fer seguiment d'aquí a 2 setmanes", WED, D(2026, 3, 18)),
    ("tornar a escriure-li dimarts", WED, D(2026, 3, 10)),
    ("sollecitare il 20 marzo", WED, D(2026, 3, 20)),
    ("fer seguiment demà", WED, D(2026, 3, 5)),
]


@pytest.mark.parametrize(("text", "want"), [
    ("conegut ahir a la fira", D(2026, 3, 3)),
    ("ens vam conèixer abans d'ahir al congrés", D(2026, 3, 2)),
    ("vor 3 Tagen auf der Messe kennengelernt", D(2026, 3, 1)),
    ("met him 2 hours ago", D(2026, 3, 4)),
])
def test_meeting_days(text: str, want: dt.date) -> None:
    assert find_met_on(text, WED) == want


@pytest.mark.parametrize(("text", "ref", "want"), CASES)
def test_timing_phrases(text: str, ref: dt.datetime, want: dt.date | None) -> None:
    assert find_follow_up_on(text, ref) == want


@pytest.mark.parametrize(("address", "want"), [
    ("followup+3d@example.org", D(2026, 3, 7)),
    ("notes+tuesday@example.org", D(2026, 3, 10)),
    ("followup+2weeks@example.org", D(2026, 3, 18)),
    ("followup+1month@example.org", D(2026, 4, 4)),
    ("followup+mar20@example.org", D(2026, 3, 20)),
    ("followup+20mar@example.org", D(2026, 3, 20)),
    ("followup+tomorrow9am@example.org", D(2026, 3, 5)),
    ("followup+monday9am@example.org", D(2026, 3, 9)),
    ("followup+48h@example.org", D(2026, 3, 6)),
    ("followup+nextweek@example.org", D(2026, 3, 9)),
    ("Followup+3Days@Example.org", D(2026, 3, 7)),
    ("followup@example.org", None),
    ("jane+news@acme.example", None),
    ("jane+2@acme.example", None),
    ("sales+march@acme.example", None),
])
def test_plus_addresses(address: str, want: dt.date | None) -> None:
    assert find_follow_up_in_addresses([address], WED) == want


def _note(to: str, body: str, extra: str = "") -> bytes:
    return (f"From: Dana <dana@owner.example>\r\nTo: {to}\r\nSubject: note\r\n{extra}"
            f"Date: Wed, 04 Mar 2026 10:00:00 +0000\r\n\r\n{body}\r\n").encode()


def test_the_address_the_note_came_in_by_sets_the_day() -> None:
    note = parse_message(_note("notes@owner.example", "met Jane Doe, jane@acme.example",
                               "Delivered-To: followup+3d@owner.example\r\n"))
    assert note.follow_up_on == D(2026, 3, 7)
    # the plus part is a command: it wins over the words of the note
    note = parse_message(_note("followup+1w@owner.example",
                               "met Jane Doe, jane@acme.example. follow up in 2 weeks"))
    assert note.follow_up_on == D(2026, 3, 11)
    # a contact's own plus address is no command
    note = parse_message(_note("Jane Doe <jane+3d@acme.example>", "met Jane Doe at PyCon"))
    assert note.follow_up_on is None
    # Bcc'd to followup while writing to Jane: the server's Delivered-To is the command
    note = parse_message(_note("Jane Doe <jane+3d@acme.example>", "Great to meet you, Jane!",
                               "X-Original-To: followup+1w@owner.example\r\n"))
    assert note.follow_up_on == D(2026, 3, 11)


# Floors: a point or so under the scores measured when last set: dev 64/64, dev2 60/60 and
# the test half, scored once at the end, 62/63 (98.4%; main before this work: 64.1%, 55.0%,
# 69.8%). The test half is not worked on; its one miss then ("remind me may 5th") reads since.
# timing2-dev (60 phrases by outside authors, worked on in issue 11): 54/60 before, 60/60;
# its test half, scored once at the end: 55/60 before, 57/60 (95.0%).
# Fifth round: timing2-test since 60/60 (seen); timing3 (120 phrases by an outside author, each
# note with its own Date): dev 57/60 -> 60/60 (worked on), test 57/60 -> 57/60 (95.0%, scored once).
# Sixth round: timing3-test since 60/60 (seen). timing4 (120 phrases by another outside
# author, each note with its own Date): dev 56/60 -> 60/60 (worked on); test, scored once at the
# end: 57/60 before the session, 58/60 before the round, 59/60 (98.3%) after.
FLOORS = {"dev": 98.0, "dev2": 98.0, "test": 97.0, "timing2-dev": 98.0, "timing2-test": 98.0,
          "timing3-dev": 98.0, "timing3-test": 98.0, "timing4-dev": 98.0, "timing4-test": 98.0,
          "timing5-dev": 97.0, "timing5-test": 97.0,
          # Eighth round: timing6 (80 phrases, another outside author): dev 38/40 -> 40/40
          # (worked on); test, scored once at the end: 39/40 (97.5%) before and after.
          "timing6-dev": 98.0, "timing6-test": 96.5,
          # Ninth round: timing7 (80 phrases, another outside author): dev 40/40 before and
          # after; test, scored once at the end: 39/40 (97.5%) before and after.
          "timing7-dev": 98.0, "timing7-test": 96.5,
          # Tenth round: timing8 (80 phrases, another outside author): dev 39/40 -> 40/40
          # (worked on); test, scored once at the end: 36/40 (90.0%) before, 37/40 (92.5%);
          # 38/40 since (seen after the scoring: "even checken" as a follow-up).
          "timing8-dev": 98.0, "timing8-test": 99.0,  # (40/40 since, eleventh round)
          # Eleventh round: timing9 (80 phrases, another outside author): dev 39/40 -> 40/40
          # (worked on); test, scored once at the end: 39/40 (97.5%) before and after.
          "timing9-dev": 98.0, "timing9-test": 99.0,  # (40/40 since, twelfth round)
          # Twelfth round: timing10 (80 phrases, another outside author): dev 38/40 -> 40/40
          # (worked on); test, scored once at the end: 31/40 (77.5%) before, 34/40 (85.0%).
          "timing10-dev": 98.0, "timing10-test": 99.0}  # (40/40 since: p-timing12b, seen)
# Seventh round: timing4-test since 60/60 (seen). timing5 (80 phrases, another outside author):
# dev 40/40 before the round was worked on; test, scored once at the end: 38/40 with the code
# from before the session, 40/40 with the code from before the round and after it.


@pytest.mark.parametrize("half", sorted(FLOORS))
def test_heldout_timing_phrases_score_above_floor(half: str) -> None:
    right, total, misses = score(half)
    assert 100.0 * right / total >= FLOORS[half], "\n".join(misses)


@pytest.mark.parametrize("text", [
    "no. follow up then. " * 5000,
    "away until the 9th, follow up once back. " * 3000,
    "follow up 2 days after " * 5000,
    "she is back on March 3, " * 5000 + "ping her then",
    # round 6: a planned call at a clause's head, an infinitive said last, "back" as a noun
    "tmrw 10am call w Jo, " * 5000,
    "Angebot " * 20000 + "bis Freitag schicken",
    "x" * 100000 + " schicken",
    "Elle rentre lundi, relancer à son retour. " * 3000,
])
def test_pointing_back_and_counting_from_stay_linear(text: str) -> None:
    import time

    start = time.process_time()
    find_follow_up_on(text, WED)
    assert time.process_time() - start < 3.0  # ~0.3 s; once every ask looked at every date
