"""Timing phrases of round 5 (issue 11): follow-up and meeting words in Swedish, Danish,
Norwegian and Polish, more Portuguese and Catalan asks, parts of next month, asks that the
contact made of the owner, and dates pointed back at ("on that day"). Own examples, written
for these tests, not lines of the fixture sets."""

from __future__ import annotations

import datetime as dt

import pytest

from followup.parsing.timing import find_follow_up_on, find_met_on

D = dt.date
WED = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)  # Wednesday 4 March 2026
SAT_DEC = dt.datetime(2026, 12, 26, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))

FOLLOW = [
    # Swedish, Danish, Norwegian
    ("Hör av dig till Lars om tre veckor.", WED, D(2026, 3, 25)),
    ("Följa upp med Ingrid om en månad", WED, D(2026, 4, 4)),
    ("Ring honom nästa vecka", WED, D(2026, 3, 9)),
    ("Kontakta Eva på fredag", WED, D(2026, 3, 6)),
    ("Følg op med Jens om en uge", WED, D(2026, 3, 11)),
    ("Vend tilbage til Sofie i næste uge", WED, D(2026, 3, 9)),
    ("Følg opp om to uker", WED, D(2026, 3, 18)),
    ("Ta kontakt igjen 20. april", WED, D(2026, 4, 20)),
    ("Følg op om 5 dage", SAT_DEC, D(2026, 12, 31)),
    ("Mejla Karin om en vecka", WED, D(2026, 3, 11)),
    ("Kontakta Olof i slutet av månaden", WED, D(2026, 3, 31)),
    ("Følg op med Ida i slutningen af næste uge", WED, D(2026, 3, 13)),
    # Polish
    ("Napisać do Piotra pod koniec miesiąca", WED, D(2026, 3, 31)),
    ("Zadzwonić do Marka za dwa tygodnie.", WED, D(2026, 3, 18)),
    ("Odezwać się za miesiąc", WED, D(2026, 4, 4)),
    ("Przypomnij mi w przyszły czwartek", WED, D(2026, 3, 5)),
    ("Skontaktować się 9 kwietnia", WED, D(2026, 4, 9)),
    ("Wysłać ofertę, kontakt 3 czerwca", WED, D(2026, 6, 3)),
    ("Zadzwonić w przyszłym tygodniu", SAT_DEC, D(2026, 12, 28)),
    # Portuguese and Catalan
    ("Responder-lhe daqui a 10 dias", WED, D(2026, 3, 14)),
    ("Ele pediu retorno no dia 9/4", WED, D(2026, 4, 9)),
    ("Recontatar a Joana em três semanas", WED, D(2026, 3, 25)),
    ("Trucar-li d'aquí a dues setmanes", WED, D(2026, 3, 18)),
    ("Fer seguiment a mitjans d'abril", WED, D(2026, 4, 15)),
    ("Tornar a trucar a principis de maig", WED, D(2026, 5, 1)),
    ("Recontactar a Lucía en 3 semanas", WED, D(2026, 3, 25)),
    # parts of next month, next week's end in Dutch
    ("Check in with Priya mid next month", WED, D(2026, 4, 15)),
    ("Mitte nächsten Monats bei Jonas nachhaken", WED, D(2026, 4, 15)),
    ("Ricontattare Sara a metà del mese prossimo", WED, D(2026, 4, 15)),
    ("late next month follow up", SAT_DEC, D(2027, 1, 20)),
    ("Eind volgende week nabellen", WED, D(2026, 3, 13)),
    ("Volgende maand opvolgen", WED, D(2026, 4, 1)),
    ("relancer Hugo courant juin", WED, D(2026, 6, 1)),
    # the contact asked the owner for something
    ("He asked me to email the quote in 4 days", WED, D(2026, 3, 8)),
    ("Ravi wants to chat again next Tuesday", WED, D(2026, 3, 10)),
    ("Ravi wants to talk pricing. Follow up March 20.", WED, D(2026, 3, 20)),
    ("Mia wants to meet after the board meeting, week of 23 March", WED, D(2026, 3, 23)),
    ("dans 3 jours, leur renvoyer le devis", WED, D(2026, 3, 7)),
    # a date pointed back at
    ("Her launch is on 14 April - follow up on that day", WED, D(2026, 4, 14)),
    ("Die Messe ist am 22.4., an diesem Tag nachfassen", WED, D(2026, 4, 22)),
    ("Sale il 7 aprile, sentirlo quel giorno", WED, D(2026, 4, 7)),
    # quarters' middles and ends, New Year, abbreviations and call-backs
    ("Ende Q3 bei Anke nachfassen", WED, D(2026, 9, 30)),
    ("follow up mid Q2", WED, D(2026, 5, 15)),
    ("relancer fin du T2 ou early Q3", WED, D(2026, 7, 1)),
    ("WV 22.4. Angebot", WED, D(2026, 4, 22)),
    ("Rückruf Donnerstag", WED, D(2026, 3, 5)),
    ("callback Friday re pricing", WED, D(2026, 3, 6)),
    ("follow up after New Year", SAT_DEC, D(2027, 1, 2)),
    ("nach Neujahr wieder anrufen", SAT_DEC, D(2027, 1, 2)),
    # slashed dates are day first when a word of another language is the only hint
    ("rappel vendredi 13/03", WED, D(2026, 3, 13)),
    ("promemoria 9/4", WED, D(2026, 4, 9)),
    # Catalan "vinent"
    ("Fer seguiment la setmana vinent", WED, D(2026, 3, 9)),
    ("Trucar-la dimarts vinent", WED, D(2026, 3, 10)),
    ("Tornar-hi a parlar d'aquí a un mes", WED, D(2026, 4, 4)),
    # a month first, then "after" a day of it
    ("touch base in April, after their AGM on the 21st", WED, D(2026, 4, 22)),
    ("check in next month, after her leave ends on the 6th", WED, D(2026, 4, 7)),
    ("Revisit next quarter", WED, D(2026, 4, 1)),
    ("im nächsten Quartal wieder anrufen", SAT_DEC, D(2027, 1, 1)),
    ("follow up before the end of the quarter", WED, D(2026, 3, 31)),
    # a day of the month said alone, and an absence that ends on it
    ("relancer Inès le 23", WED, D(2026, 3, 23)),
    ("llamar a Pablo el 9", WED, D(2026, 3, 9)),
    ("ligar no dia 12", WED, D(2026, 3, 12)),
    ("de licença até dia 17, falar com ela quando voltar", WED, D(2026, 3, 18)),
    ("met verlof tot de 24e, daarna mailen", WED, D(2026, 3, 25)),
    ("relancer à 20 heures", WED, None),
    ("llamar el 20 antes de las 10", WED, D(2026, 3, 20)),
    ("au 3e étage chez Lumen, relancer le 12", WED, D(2026, 3, 12)),
    ("el 15% de descuento, llamar el viernes", WED, D(2026, 3, 6)),
    # planners' day counts, more asks, "after" a lone day
    ("relance J+10", WED, D(2026, 3, 14)),
    ("Anruf D+3", WED, D(2026, 3, 7)),
    ("sentiamoci la prossima settimana", WED, D(2026, 3, 9)),
    ("fare un recall giovedì", WED, D(2026, 3, 5)),
    ("dar um retorno até sexta", WED, D(2026, 3, 6)),
    ("cobrar o orçamento na segunda", WED, D(2026, 3, 9)),
    ("escribirle después del 20", WED, D(2026, 3, 21)),
    ("nach dem 18. nachfassen", WED, D(2026, 3, 19)),
    ("C++ developer, follow up Friday", WED, D(2026, 3, 6)),
    # a lower-case "may" is a month when the day is an ordinal
    ("ping Tom may 12th", WED, D(2026, 5, 12)),
    ("we may 3x the budget, follow up", WED, None),
]


@pytest.mark.parametrize(("text", "ref", "want"), FOLLOW)
def test_follow_up_phrases(text: str, ref: dt.datetime, want: dt.date | None) -> None:
    assert find_follow_up_on(text, ref) == want


MET = [
    ("Träffade Nils i går på mässan.", D(2026, 3, 3)),
    ("Vi pratade i tisdags om priset.", D(2026, 3, 3)),
    ("Mødte Anne i mandags til et seminar", D(2026, 3, 2)),
    ("Traff Ola i forgårs", D(2026, 3, 2)),
    ("Poznałam Annę wczoraj na targach", D(2026, 3, 3)),
    ("Rozmawialiśmy w zeszły piątek", D(2026, 2, 27)),
    ("Spotkanie 2 marca w Gdyni", D(2026, 3, 2)),
    ("Bis Freitag im Urlaub, dann anrufen. Kennengelernt am Montag.", D(2026, 3, 2)),
    ("Op de 20e editie van de Vakbeurs ontmoet", None),
]


@pytest.mark.parametrize(("text", "want"), MET)
def test_meeting_phrases(text: str, want: dt.date | None) -> None:
    assert find_met_on(text, WED) == want


def test_short_number_words_count_only_after_om() -> None:
    # Dutch "om 3 uur" is a clock time, and "to" / "en" are words of other languages
    assert find_follow_up_on("nabellen morgen om 3 uur", WED) == D(2026, 3, 5)
    assert find_follow_up_on("follow up to day one of the fair", WED) is None


@pytest.mark.parametrize(("text", "want"), [
    # an order at the head of a clause with "this <day>" is the call to make ...
    ("Tom Reyes, tom@reyes.example. Call this Friday about the pilot", D(2026, 3, 6)),
    ("email this coming Monday re pricing", D(2026, 3, 9)),
    ("text this week", D(2026, 3, 5)),
    # ... "call this morning" is the call held
    ("Call this morning went well. Ana Ruiz.", None),
    # Catalan "come back to it" and Catalan counts
    ("Tornar-hi d'aquí a tres setmanes", D(2026, 3, 25)),
    ("insistir-hi d'aquí a deu dies", D(2026, 3, 14)),
    ("Trucar-li en cinc dies", D(2026, 3, 9)),
])
def test_this_day_after_an_order_and_catalan_asks(text: str, want: dt.date | None) -> None:
    assert find_follow_up_on(text, WED) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Sabato alla fiera di Verona, due contatti", D(2026, 2, 28)),
    ("Venerdì al convegno ho visto Paolo", D(2026, 2, 27)),
    # a short day word between capitalised words is a part of a name
    ("Call with Tran Thu Trang, Head of Sales at Mekong Data", None),
    ("Lunch w/ Pham Thu Ha from Saigon Labs", None),
    ("Met Hoa on Thu at the expo", D(2026, 2, 26)),
    ("Met Bao Thu Jan 15 at the fair", D(2026, 1, 15)),
])
def test_italian_saturday_and_day_words_inside_names(text: str, want: dt.date | None) -> None:
    assert find_met_on(text, WED) == want


def test_a_day_word_after_a_name_that_ends_in_a_short_day() -> None:
    assert find_met_on("Met Nguyen Van Thu yesterday at the expo", WED) == D(2026, 3, 3)
    assert find_met_on("Met Ana Wed", WED) == D(2026, 2, 25)


@pytest.mark.parametrize(("text", "want"), [
    # the imperative with its pronoun, in the languages notes are typed in
    ("Truca-li divendres", D(2026, 3, 6)),
    ("Escriu-li d'aquí a dues setmanes", D(2026, 3, 18)),
    ("Llámala el viernes", D(2026, 3, 6)),
    ("Escríbele en tres semanas", D(2026, 3, 25)),
    ("Richiamalo venerdì", D(2026, 3, 6)),
    ("Scrivile tra due settimane", D(2026, 3, 18)),
    ("Rappelle-le vendredi", D(2026, 3, 6)),
    ("Liga-lhe na sexta", D(2026, 3, 6)),
    ("Ruf sie Freitag an", D(2026, 3, 6)),
    ("Bel haar vrijdag", D(2026, 3, 6)),
    # what the contact did is no ask
    ("Me llamó el lunes", None),
])
def test_imperative_asks_with_a_pronoun(text: str, want: dt.date | None) -> None:
    assert find_follow_up_on(text, WED) == want


def test_portuguese_nesta_and_catalan_aquest_before_a_day() -> None:
    assert find_follow_up_on("ligar para ele nesta quinta", WED) == D(2026, 3, 5)
    assert find_follow_up_on("escriure-li aquest divendres", WED) == D(2026, 3, 6)


# Round 6 (issue 11): kinds of timing phrase found missing, each with own examples in several
# languages. A "pro" for "prochaine", the calendar week said with its word, the owner's plan in
# the first person with its pronoun, "wieder aufgreifen", and a coming day that opens a
# planned call ("tmrw 10am call w X").
ROUND6 = [
    ("relancer semaine pro", D(2026, 3, 9)),
    ("relancer la sem. pro pour le devis", D(2026, 3, 9)),
    ("rappeler Inès le mois pro", D(2026, 4, 1)),
    ("relancer semaine 14", D(2026, 3, 30)),
    ("seguimiento la semana 14", D(2026, 3, 30)),
    ("ricontattare la settimana 14", D(2026, 3, 30)),
    ("opvolgen in week 14", D(2026, 3, 30)),
    ("in Woche 14 nachfassen", D(2026, 3, 30)),
    ("follow up week 14", D(2026, 3, 30)),
    ("le escribo en tres semanas", D(2026, 3, 25)),
    ("la llamo el lunes", D(2026, 3, 9)),
    ("le mando la propuesta el viernes", D(2026, 3, 6)),
    ("la chiamo lunedì", D(2026, 3, 9)),
    ("le scrivo tra due settimane", D(2026, 3, 18)),
    ("je lui écris dans deux semaines", D(2026, 3, 18)),
    ("ligo para ela na segunda", D(2026, 3, 9)),
    ("escrevo-lhe daqui a duas semanas", D(2026, 3, 18)),
    ("li escric d'aquí a tres setmanes", D(2026, 3, 25)),
    ("Ich melde mich Anfang April bei ihr", D(2026, 4, 1)),
    ("Thema im April wieder aufnehmen", D(2026, 4, 1)),
    ("Mitte April wieder aufgreifen", D(2026, 4, 15)),
    ("tomorrow 9am call with Priya", D(2026, 3, 5)),
    ("tmrw 3pm call w/ Ben", D(2026, 3, 5)),
    ("Friday 2pm demo with Acme", D(2026, 3, 6)),
    ("morgen 10 Uhr Call mit Jonas", D(2026, 3, 5)),
    ("demain 10h appel avec Luc", D(2026, 3, 5)),
    ("mañana 10h llamada con Ana", D(2026, 3, 5)),
    ("domani alle 10 call con Marco", D(2026, 3, 5)),
    ("morgen 10 uur call met Sanne", D(2026, 3, 5)),
    # not asks: a past call, a week of a programme, a meal of the past
    ("yesterday call with Priya went well", None),
    ("week 2 of the pilot went fine", None),
]


@pytest.mark.parametrize(("text", "want"), ROUND6)
def test_round6_follow_up_kinds(text: str, want: dt.date | None) -> None:
    assert find_follow_up_on(text, WED) == want


def test_tomorrow_on_a_late_evening_note_is_the_next_day_in_its_own_zone() -> None:
    late = dt.datetime(2026, 6, 11, 23, 20, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    assert find_follow_up_on("tmrw 9am call w Jonas", late) == D(2026, 6, 12)
    assert find_follow_up_on("morgen 9 Uhr Call mit Jonas", late) == D(2026, 6, 12)


# "next" shortened in every language, the end of the month in one German word, "back" said as
# a noun ("à son retour", "al suo rientro"), and Catalan "fa dos dies" with "vaig conèixer".
@pytest.mark.parametrize(("text", "want"), [
    ("nächste Wo. bei Timo nachfassen", D(2026, 3, 9)),
    ("relancer Chloé sem. prochaine", D(2026, 3, 9)),
    ("llamar a Nuria la próx. semana", D(2026, 3, 9)),
    ("ligar ao Rui na prox semana", D(2026, 3, 9)),
    ("ricontattare Elisa la pross. settimana", D(2026, 3, 9)),
    ("llamar el prox mes", D(2026, 4, 1)),
    ("Monatsende bei Frau Kraus nachfassen", D(2026, 3, 31)),
    ("Elle rentre le 23 mars, relancer à son retour", D(2026, 3, 23)),
    ("Rientra il 23 marzo, ricontattarla al suo rientro", D(2026, 3, 23)),
])
def test_next_shortened_and_back_as_a_noun(text: str, want: dt.date) -> None:
    assert find_follow_up_on(text, WED) == want


@pytest.mark.parametrize(("text", "want"), [
    ("fa dos dies vaig conèixer l'Arnau", D(2026, 3, 2)),
    ("Vaig conèixer la Júlia fa tres dies a la fira", D(2026, 3, 1)),
])
def test_catalan_fa_before_the_count_is_ago(text: str, want: dt.date) -> None:
    assert find_met_on(text, WED) == want


# German and Dutch orders with the infinitive last; French "sous huitaine/quinzaine".
@pytest.mark.parametrize(("text", "want"), [
    ("Angebot bis Freitag schicken", D(2026, 3, 6)),
    ("Unterlagen morgen zusenden", D(2026, 3, 5)),
    ("Preisliste nächste Woche an Frau Roth mailen", D(2026, 3, 9)),
    ("offerte sturen voor vrijdag", D(2026, 3, 6)),
    ("brochure volgende week opsturen", D(2026, 3, 9)),
    ("relancer sous huitaine", D(2026, 3, 11)),
    ("rappeler sous quinzaine", D(2026, 3, 18)),
    # the contact's own plan, and a thing sent already, are no asks
    ("sie will uns das Angebot nächste Woche schicken", None),
    ("gestern Angebot geschickt", None),
])
def test_infinitive_orders_said_last_and_french_spans(text: str, want: dt.date | None) -> None:
    assert find_follow_up_on(text, WED) == want


# Someone coming back on a day: the day is ahead, never the meeting's (the note's own Date is).
@pytest.mark.parametrize("text", [
    "Met Jo at Slush. She's back on Monday, ping then.",
    "Er ist am Montag zurück.",
    "Elle rentre lundi.",
    "Vuelve el lunes.",
    "Rientra lunedì.",
    "Hij is maandag terug.",
])
def test_a_day_someone_comes_back_is_no_meeting_day(text: str) -> None:
    assert find_met_on(text, WED) is None


def test_a_day_beside_the_meeting_still_is_one() -> None:
    assert find_met_on("Coffee w/ Jo on Monday, he got back from Lisbon", WED) == D(2026, 3, 2)


# Parts of a month and the end of this one in more wordings, and the day after tomorrow in
# Portuguese and Catalan (a "depois" that opens "depois de amanhã" joins no clauses).
@pytest.mark.parametrize(("text", "want"), [
    ("Falar com ela no começo de abril", D(2026, 4, 1)),
    ("llamar a comienzos de abril", D(2026, 4, 1)),
    ("richiamare a inizi di aprile", D(2026, 4, 1)),
    ("ricontattare a metà di aprile", D(2026, 4, 15)),
    ("llamar a final de mes", D(2026, 3, 31)),
    ("Escriure-li a final de mes", D(2026, 3, 31)),
    ("Eind deze maand nabellen", D(2026, 3, 31)),
    ("Ende dieser Woche nachfassen", D(2026, 3, 6)),
    ("Ende diesen Monats nachfassen", D(2026, 3, 31)),
    ("Enviar o deck depois de amanhã", D(2026, 3, 6)),
    ("Passat demà trucar", D(2026, 3, 6)),
])
def test_month_parts_this_periods_end_and_the_day_after_tomorrow(text: str, want: dt.date
                                                                 ) -> None:
    assert find_follow_up_on(text, WED) == want


# A unit abbreviated after its number ends no sentence ("Std.", "Wo.", "Mon.", "Tg.",
# "sett.", "wks", "mths"): the span and the ask after it stay one sentence.
@pytest.mark.parametrize(("text", "want"), [
    ("Jonas Brandt, Nordlicht GmbH, in 3 Wo. melden", D(2026, 3, 25)),
    ("Eva Kos (Delta Bau), in 2 Mon. anrufen", D(2026, 5, 4)),
    ("Hannah Pohl, in 5 Tg. nachhaken", D(2026, 3, 9)),
    ("Marco Bianchi (Lumen srl), tra 2 sett. ricontattare", D(2026, 3, 18)),
    ("Rui Matos, Lisboa, em 2 sem. ligar", D(2026, 3, 18)),
    ("ping Kai Lund in 3 wks", D(2026, 3, 25)),
    ("f/u w/ Omar 2 mths", D(2026, 5, 4)),
    ("Pia Hartl (Kobalt AG), in 48 Std. nachfassen", D(2026, 3, 6)),
])
def test_abbreviated_units_keep_their_ask(text: str, want: dt.date) -> None:
    assert find_follow_up_on(text, WED) == want


# A span to wait, then the ask in the next clause: the span is the follow-up.
@pytest.mark.parametrize(("text", "want"), [
    ("Let it sit two weeks and ping Rosa Lind", D(2026, 3, 18)),
    ("Give them ten days, then nudge Tariq about the quote", D(2026, 3, 14)),
    ("Wait a month then reach out to Bea (Coral Ltd)", D(2026, 4, 4)),
    ("zwei Wochen abwarten, dann bei Jens Ott nachhaken", D(2026, 3, 18)),
    ("attendre 10 jours puis relancer Claire", D(2026, 3, 14)),
    ("esperar dos semanas y luego llamar a Pilar", D(2026, 3, 18)),
    ("aspettare una settimana poi sentire Giulia", D(2026, 3, 11)),
    ("deixar passar 15 dias e depois ligar para a Ana", D(2026, 3, 19)),
    ("twee weken wachten en dan Joost nabellen", D(2026, 3, 18)),
])
def test_a_span_to_wait_then_the_ask(text: str, want: dt.date) -> None:
    assert find_follow_up_on(text, WED) == want


# German and Dutch say the ask last; a day or date before it, split off by a name's
# parenthesis, is its day. More follow-up infinitives: nachhalten, nachtelefonieren...
@pytest.mark.parametrize(("text", "want"), [
    ("Am Freitag bei Greta Wolff (Alpenglas GmbH, g.wolff@alpenglas.example) nachhaken",
     D(2026, 3, 6)),
    ("Montag bei Pieter Smit (Duinzicht BV, pieter@duinzicht.example) nabellen",
     D(2026, 3, 9)),
    ("Angebot für Timo Rauch (Hafenkran KG) am 20. April nachhalten", D(2026, 4, 20)),
    ("am 12.3. mit Lars nachtelefonieren", D(2026, 3, 12)),
    ("Bei Ole Brandt (Werft Nord, ole@werft.example) am 9. April nachfragen", D(2026, 4, 9)),
])
def test_verb_final_asks_take_the_day_before_them(text: str, want: dt.date) -> None:
    assert find_follow_up_on(text, WED) == want


def test_a_verb_final_ask_with_its_own_day_keeps_it() -> None:
    text = "Am Montag getroffen, Sven Ek (Ek AB) nächste Woche nachfassen"
    assert find_follow_up_on(text, WED) == D(2026, 3, 9)
    assert find_met_on(text, WED) == D(2026, 3, 2)


# The end of a period said before an ask that has its own date is the reason, not the day.
@pytest.mark.parametrize(("text", "want"), [
    ("Budget frozen till Q3 so follow up in 1 month", D(2026, 4, 4)),
    ("Booked solid until end of June so reach out in 3 weeks", D(2026, 3, 25)),
    ("Bis Ende Mai ausgebucht, also in 2 Wochen nachfassen", D(2026, 3, 18)),
    ("Away until April 20, follow up after", D(2026, 4, 21)),
])
def test_a_periods_end_before_a_dated_ask_yields(text: str, want: dt.date) -> None:
    assert find_follow_up_on(text, WED) == want


# More verb-final asks: "telefonieren", "eine Mail schreiben", Dutch "contact opnemen"; and
# Dutch "met" (with) before the ask is no meeting.
@pytest.mark.parametrize(("text", "want"), [
    ("Freitag mit Nora Blum (Blum Textil) telefonieren", D(2026, 3, 6)),
    ("Am Montag Ida Sommer (Sommer & Co, ida@sommer.example) eine Mail schreiben",
     D(2026, 3, 9)),
    ("Op 8 april met Femke (Zeewind BV) contact opnemen", D(2026, 4, 8)),
    ("donderdag met Bram Kok (Kok Logistiek, bram@kok.example) opvolgen", D(2026, 3, 5)),
    ("over 3 mnd. bij Lotte navragen", D(2026, 6, 4)),
    ("Ruud Smit bellen over 2 wkn", D(2026, 3, 18)),
    ("Let's give it a week, then follow up with Ines", D(2026, 3, 11)),
])
def test_more_verb_final_asks_and_dutch_abbreviations(text: str, want: dt.date) -> None:
    assert find_follow_up_on(text, WED) == want


def test_english_met_before_a_dated_ask_is_still_a_meeting() -> None:
    text = "Met Femke Kok on Monday, follow up next week"
    assert find_met_on(text, WED) == D(2026, 3, 2)
    assert find_follow_up_on(text, WED) == D(2026, 3, 9)


# The wait said as an order, and Spanish/Portuguese imperatives with their pronoun.
@pytest.mark.parametrize(("text", "want"), [
    ("Dale diez días y luego escríbele a Nuria", D(2026, 3, 14)),
    ("Laisse passer dix jours et relance Margaux", D(2026, 3, 14)),
    ("Dá-lhe uma semana e depois liga ao Tiago", D(2026, 3, 11)),
    ("Dagli due settimane poi richiamalo", D(2026, 3, 18)),
    ("Llámalo el viernes", D(2026, 3, 6)),
])
def test_a_wait_said_as_an_order(text: str, want: dt.date) -> None:
    assert find_follow_up_on(text, WED) == want


# p-placetime5: a day and month joined by a dash ("14-01"), read when a part is zero-padded or
# a full year follows; a range or a phone's digits is no date.
DEC22 = dt.datetime(2026, 12, 22, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(("text", "want"), [
    ("Opvolgen 14-01 met Ruben Hendriks", D(2027, 1, 14)),
    ("Terugbellen op 09-01 met Femke", D(2027, 1, 9)),
    ("Follow up 15-01 with Ines", D(2027, 1, 15)),
    ("Relancer le 09-01-2027 avec Paul", D(2027, 1, 9)),
    ("volver a llamar el 08-01 a Marta", D(2027, 1, 8)),
    ("Ring Lars op 14-01.", D(2027, 1, 14)),
    ("call 06-14-01-22 33", None),
    ("met 3-5 people, nothing to do", None),
    ("Ruf mich 09-11 Uhr an", None),
])
def test_a_dashed_day_and_month(text: str, want: dt.date | None) -> None:
    assert find_follow_up_on(text, DEC22) == want
