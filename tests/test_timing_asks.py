"""The ways of asking for a follow-up that the timing grammar reads (issue 11): each rule of
followup/parsing/timing.py stated once, with examples written for this test in several
languages and wordings (none copied from a held-out set), and the look-alikes it must leave."""

from __future__ import annotations

import datetime as dt

import pytest

from followup.parsing.timing import find_follow_up_in_addresses, find_follow_up_on, find_met_on

D = dt.date
WED = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)  # Wednesday 4 March 2026


# A weekday abbreviation straight after an ask is that day, in either case, when nothing but
# a time or a connective follows it.
ABBREVIATED_DAYS = [
    ("ping Mon", D(2026, 3, 9)),
    ("f/u mon", D(2026, 3, 9)),
    ("nudge her Fri about the contract", D(2026, 3, 6)),
    ("chase thu re the invoice", D(2026, 3, 5)),
    ("follow up sat 10am", D(2026, 3, 7)),
    ("Ruby Chen - reach out Mon.", D(2026, 3, 9)),
    # look-alikes: French "mon", a name, a verb
    ("relancer mon contact chez Acme", None),
    ("ping Sam about the deck", None),
    ("sat next to her at dinner, follow up", None),
]

# A verb of planning or wanting with a call/demo/meeting noun, or a "next step" label, makes
# its clause an ask.
PLANNED_CONTACTS = [
    ("Omar Haddad: set up a call 13 March 9am", D(2026, 3, 13)),
    ("Wants a demo in two weeks.", D(2026, 3, 18)),
    ("He'd like a quick call on Friday", D(2026, 3, 6)),
    ("proponer una llamada el 12 de marzo", D(2026, 3, 12)),
    ("Fixer un rendez-vous le 20 mars.", D(2026, 3, 20)),
    ("fissare la chiamata il 16 marzo", D(2026, 3, 16)),
    ("Am 18.3. Termin vereinbaren", D(2026, 3, 18)),
    ("marcar uma reunião para 20 de março", D(2026, 3, 20)),
    ("Next step: demo in 2 weeks", D(2026, 3, 18)),
    ("Prochaine étape : démo dans 3 semaines", D(2026, 3, 25)),
    ("Próximo paso: reunión el lunes", D(2026, 3, 9)),
    # a call that happened is no plan; a wish with no date gives no day
    ("Call with Jane on Tuesday went well", None),
    ("She wants a call at some point", None),
]

# An order at the head of a clause (the infinitive or imperative the owner writes to herself)
# is an ask, with the date of its clause.
ORDERS = [
    ("Send pricing in 3 days.", D(2026, 3, 7)),
    ("Met Ann at the fair, send her the deck Friday", D(2026, 3, 6)),
    ("Envoyer la doc technique demain.", D(2026, 3, 5)),
    ("Mandar propuesta a los tres el lunes.", D(2026, 3, 9)),
    ("Marcarle el viernes.", D(2026, 3, 6)),
    ("Inviare il preventivo tra una settimana", D(2026, 3, 11)),
    ("Ligar na sexta-feira.", D(2026, 3, 6)),
    ("Trucar-la dijous", D(2026, 3, 5)),
    ("Email from her on Monday about the pilot", None),
]

# Verbs of getting in touch again, in each language, carry the date of their clause.
CONTACT_VERBS = [
    ("Faire le point dans un mois.", D(2026, 4, 4)),
    ("Voltar a falar daqui a 2 semanas", D(2026, 3, 18)),
    ("Hablar con él en 10 días por lo del piloto.", D(2026, 3, 14)),
    ("Falar com ela em 1 mês", D(2026, 4, 4)),
    ("Catch up with Liam in 2 wks", D(2026, 3, 18)),
    ("terugbellen over een week", D(2026, 3, 11)),
    ("In drei Wochen zurückmelden.", D(2026, 3, 25)),
    ("Volver a llamarla en tres semanas", D(2026, 3, 25)),
    ("Tornar a parlar amb ella d'aquí a 2 setmanes", D(2026, 3, 18)),
]

# A weekday with "next week" in any order and any of the languages is that day of next week.
NEXT_WEEK_DAYS = [
    ("volgende week dinsdag nabellen", D(2026, 3, 10)),
    ("dinsdag volgende week nabellen", D(2026, 3, 10)),
    ("ligar na terça-feira da próxima semana", D(2026, 3, 10)),
    ("trucar-la dimarts de la setmana que ve", D(2026, 3, 10)),
    ("Tuesday next week, ping her", D(2026, 3, 10)),
]

# A sentence that is nothing but a future date (and please/thanks) is when to follow up.
DATES_ALONE = [
    ("Met Bea at the expo. Next Tuesday pls", D(2026, 3, 10)),
    ("Rencontré Paul au salon. La semaine prochaine svp.", D(2026, 3, 9)),
    ("Jane Doe, Acme\nin 2 weeks\n", D(2026, 3, 18)),
    ("Met Bea at the expo. Tuesday.", None),  # no sign it lies ahead
    ("Met Bea yesterday.", None),
]


@pytest.mark.parametrize(("text", "want"), [
    *ABBREVIATED_DAYS, *PLANNED_CONTACTS, *ORDERS, *CONTACT_VERBS, *NEXT_WEEK_DAYS,
    *DATES_ALONE,
])
def test_follow_up_day(text: str, want: dt.date | None) -> None:
    assert find_follow_up_on(text, WED) == want


def test_someones_follow_up_is_their_message_not_an_ask() -> None:
    # "Fiona's follow-up" is her mail: the meeting day before it stays the meeting's
    text = "Fiona's follow-up after the roundtable on Tuesday. follow up week of 16 March"
    assert find_follow_up_on(text, WED) == D(2026, 3, 16)
    assert find_met_on(text, WED) == D(2026, 3, 3)
    assert find_follow_up_on("Her follow-up mail came on Monday", WED) is None
    # while the owner's own ask with a pronoun after it still is one
    assert find_follow_up_on("follow her up on Monday", WED) == D(2026, 3, 9)


def test_a_planned_call_that_happened_is_the_meeting() -> None:
    assert find_met_on("Call with Jane on Tuesday went well", WED) == D(2026, 3, 3)


@pytest.mark.parametrize(("address", "want"), [
    ("followup+1m@owner.example", D(2026, 4, 4)),  # "m" after a count is months
    ("followup+2m@owner.example", D(2026, 5, 4)),
    ("followup+10d@owner.example", D(2026, 3, 14)),
])
def test_plus_address_units(address: str, want: dt.date) -> None:
    assert find_follow_up_in_addresses([address], WED) == want
