"""Timing (issue 11, round 11), one grammar for every language: each test states one rule
on invented wordings (none copied from a held-out set)."""

from __future__ import annotations

import datetime as dt

import pytest

from followup.parsing.timing import find_follow_up_on

REF = dt.datetime(2026, 9, 28, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # a Monday


def fu(text: str) -> dt.date | None:
    return find_follow_up_on(text, REF)


@pytest.mark.parametrize(("text", "want"), [
    ("in 2 weeks check if they signed", dt.date(2026, 10, 12)),
    ("la vi el jueves. en 3 semanas revisar si firmaron", dt.date(2026, 10, 19)),
    ("dans 10 jours vérifier si le devis est signé", dt.date(2026, 10, 8)),
    ("tra una settimana verificare se hanno firmato", dt.date(2026, 10, 5)),
])
def test_checking_whether_something_happened_is_a_follow_up(text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Noor Haddad (noor@cedarline.example): call on the 3rd, once the audit is done.",
     dt.date(2026, 10, 3)),
    ("call on Friday", dt.date(2026, 10, 2)),
    ("email on the 12th", dt.date(2026, 10, 12)),
])
def test_an_order_with_on_and_a_day_is_an_ask(text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize("text", ["call on Friday went well", "call on the customer soon"])
def test_a_call_held_or_a_call_on_someone_has_no_day_to_ask(text: str) -> None:
    assert fu(text) is None


@pytest.mark.parametrize(("text", "want"), [
    ("Aanstaande vrijdag Bram de Wit (bram@zee-licht.example) mailen over de offerte.",
     dt.date(2026, 10, 2)),
    ("Nächsten Freitag Jonas Brandl (jonas@holz-bau.example) anrufen wegen des Angebots.",
     dt.date(2026, 10, 2)),
])
def test_a_verb_final_ask_may_say_what_it_is_about(text: str, want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("hoy en la feria conoci a ana lucia torres jefa de compras llamarla en 2 semanas",
     dt.date(2026, 10, 12)),
    ("oggi conosciuto Luca Berti in fiera chiamarlo lunedì", dt.date(2026, 10, 5)),
])
def test_an_infinitive_with_its_pronoun_starts_an_ask_in_a_run_on_note(text: str,
                                                                       want: dt.date) -> None:
    assert fu(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("wants a demo early november, f/u thu", dt.date(2026, 10, 1)),
    ("quiere una demo a principios de noviembre. seguimiento el jueves", dt.date(2026, 10, 1)),
    ("wants a demo early november", dt.date(2026, 11, 1)),   # with no marker the wish is it
])
def test_the_owners_follow_up_marker_beats_the_contacts_wish(text: str, want: dt.date) -> None:
    assert fu(text) == want
