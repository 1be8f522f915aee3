"""Timing (round 12b): each test states one kind of wording on invented phrases (none copied
from a held-out set), with an injected date."""

from __future__ import annotations

import datetime as dt

import pytest

from followup.parsing.timing import find_follow_up_on

REF = dt.datetime(2026, 9, 28, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # a Monday


def fu(text: str) -> dt.date | None:
    return find_follow_up_on(text, REF)


@pytest.mark.parametrize(("text", "want"), [
    ("Priya is relocating in March so ping her in 2 weeks", dt.date(2026, 10, 12)),
    ("budget freezes in November so follow up in 10 days", dt.date(2026, 10, 8)),
    ("he starts the new job in January so check in next Friday", dt.date(2026, 10, 2)),
    ("elle déménage en mars donc relancer dans 2 semaines", dt.date(2026, 10, 12)),
    ("er zieht im Mai um, daher nachfassen in 3 Wochen", dt.date(2026, 10, 19)),
])
def test_a_month_in_another_clause_does_not_win_over_the_asks_own_count(
        text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("ask her again after 3 days can", dt.date(2026, 10, 1)),
    ("ask Mei Ling again after 1 week can, she checking with finance", dt.date(2026, 10, 5)),
    ("call him after 4 days can", dt.date(2026, 10, 2)),
    ("ask them again after 2 weeks lah", dt.date(2026, 10, 12)),
])
def test_singapore_english_after_n_days_can(text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Give Oskar Lindqvist a bell Thursday next week", dt.date(2026, 10, 8)),
    ("give Tamsin a call on Friday", dt.date(2026, 10, 2)),
    ("drop Benedikt a line on Thursday", dt.date(2026, 10, 1)),
    ("shoot Ravi Menon a quick email in 5 days", dt.date(2026, 10, 3)),
    ("touch base with Ilse Wednesday next week", dt.date(2026, 10, 7)),
])
def test_an_ask_idiom_naming_the_contact_then_its_day(text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("cirlce back with Hana in 6 days", dt.date(2026, 10, 4)),
    ("cricle back in 2 weeks abt the quote", dt.date(2026, 10, 12)),
    ("touhc base with Rafa in 3 dyas", dt.date(2026, 10, 1)),
    ("raech out to Colm in 1 week", dt.date(2026, 10, 5)),
    ("circel back friday", dt.date(2026, 10, 2)),
])
def test_a_typo_in_a_two_word_ask(text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("ven. 9 oct. : rappeler Solène Marchetti", dt.date(2026, 10, 9)),
    ("lun. 12 oct. : relancer Bastien", dt.date(2026, 10, 12)),
    ("mié. 14 oct.: llamar a Rocío", dt.date(2026, 10, 14)),
    ("Do. 8. Okt.: Jens anrufen", dt.date(2026, 10, 8)),
    ("gio. 15 ott.: richiamare Lorenzo", dt.date(2026, 10, 15)),
    ("16 oct. : écrire à Anouk", dt.date(2026, 10, 16)),
])
def test_a_short_date_before_its_ask_verb(text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Kerem ile 1 hafta sonra tekrar görüş", dt.date(2026, 10, 5)),
    ("Selin Aydın ile 10 gün sonra yeniden konuşalım", dt.date(2026, 10, 8)),
    ("Burak ile 3 hafta sonra tekrar buluşalım", dt.date(2026, 10, 19)),
    ("Deniz'e 5 gün sonra tekrar yaz", dt.date(2026, 10, 3)),
])
def test_turkish_meet_or_talk_again_is_an_ask(text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize("text", [
    "Kerem ile geçen hafta tekrar görüştük",
    "asked him again last week, no answer",
])
def test_meeting_or_asking_again_in_the_past_is_no_ask(text: str) -> None:
    assert fu(text) is None
