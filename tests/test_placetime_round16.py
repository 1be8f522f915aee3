"""Where and when (issue 11, p-placetime12), probe-driven: invented notes in English, German,
French, Spanish, Italian, Portuguese, Dutch, Catalan, Polish, Czech, Romanian, Swedish,
Finnish and Turkish, each with what a careful reader expects by the samples' conventions (no
names, firms or events copied from a held-out set). Dated Wednesday 4 March 2026, 10:00 UTC
unless a row says otherwise."""

from __future__ import annotations

import pytest

from followup.model import ParsedNote
from followup.parsing import parse_message

DATE = "Wed, 04 Mar 2026 10:00:00 +0000"
PLAIN = ("From: Owner <owner@own.example>\r\nTo: in@own.example\r\nSubject: note\r\n"
         "Date: {date}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
         "{owner}\r\n")


def parse(body: str, date: str = DATE) -> ParsedNote:
    return parse_message(PLAIN.format(date=date, owner=body).encode())


def _fu(body: str, date: str = DATE) -> str | None:
    day = parse(body, date).follow_up_on
    return day.isoformat() if day else None


def _met(body: str, date: str = DATE) -> str | None:
    day = parse(body, date).met_on
    return day.isoformat() if day else None


# --- a count of weeks from a day said with it: "a week tomorrow", "jeudi en huit" -----------

@pytest.mark.parametrize(("body", "fu"), [
    ("Coffee with Hana Obi, hana@obi.example. Call her a week tomorrow.", "2026-03-12"),
    ("Nina Vale nina@vale.example - ring her a week on Friday", "2026-03-13"),
    ("Email Tom Reyes tom@reyes.example tomorrow week about the lease", "2026-03-12"),
    ("Chase Dara Quinn (dara@quinn.example) a week on Monday", "2026-03-16"),
    ("Chase Dara Quinn (dara@quinn.example) two weeks tomorrow", "2026-03-19"),
    ("Chase Dara Quinn (dara@quinn.example) a week today", "2026-03-11"),
    ("Jonas Feld, jonas@feld.example – morgen in einer Woche anrufen", "2026-03-12"),
    ("Jonas Feld, jonas@feld.example – am Montag in einer Woche anrufen", "2026-03-16"),
    ("Relancer Inès Morel (ines@morel.example) jeudi en huit", "2026-03-12"),
    ("Relancer Inès Morel (ines@morel.example) demain en huit", "2026-03-12"),
    ("Relancer Inès Morel (ines@morel.example) lundi en quinze", "2026-03-23"),
    ("Bel Sanne de Wit (sanne@dewit.example) morgen over een week", "2026-03-12"),
])
def test_weeks_from_a_named_day(body: str, fu: str) -> None:
    assert _fu(body) == fu


@pytest.mark.parametrize(("body", "date", "fu"), [
    ("call Lu Chen lu@chen.example a week tomorrow", "Thu, 05 Mar 2026 00:20:00 +0100",
     "2026-03-13"),
    ("call Lu Chen lu@chen.example tomorrow", "Wed, 04 Mar 2026 23:50:00 -0800", "2026-03-05"),
])
def test_weeks_from_a_day_late_at_night(body: str, date: str, fu: str) -> None:
    assert _fu(body, date) == fu


# --- a weekday of the week after next ------------------------------------------------------

@pytest.mark.parametrize(("body", "fu"), [
    ("ping Omar Said omar@said.example Tue the week after next", "2026-03-17"),
    ("ping Omar Said omar@said.example on Friday of the week after next", "2026-03-20"),
    ("Chase Dara Quinn (dara@quinn.example) week after next, Thursday", "2026-03-19"),
    ("ping Omar Said omar@said.example the week after next", "2026-03-16"),
    ("Jonas Feld, jonas@feld.example – übernächste Woche Dienstag anrufen", "2026-03-17"),
    ("Jonas Feld, jonas@feld.example – Freitag nächster Woche anrufen", "2026-03-13"),
])
def test_weekday_of_a_later_week(body: str, fu: str) -> None:
    assert _fu(body) == fu


@pytest.mark.parametrize(("body", "fu"), [
    ("ping Kofi Mensah kofi@mensah.example 2moro", "2026-03-05"),
])
def test_texting_spellings(body: str, fu: str) -> None:
    assert _fu(body) == fu


# --- deadlines and replies: "reply by March 12", "do piątku", "perjantaihin mennessä" ------

@pytest.mark.parametrize(("body", "fu"), [
    ("Met Lea Hart lea@hart.example. Reply by March 12 with the quote.", "2026-03-12"),
    ("Send Lea Hart (lea@hart.example) the deck before Friday", "2026-03-06"),
    ("Pablo Ruiz pablo@ruiz.example: contestar antes del viernes", "2026-03-06"),
    ("Odezwać się do Piotra Nowaka (piotr@nowak.example) do piątku", "2026-03-06"),
    ("Napsat Petru Novákovi (petr@novak.example) do pátku", "2026-03-06"),
    ("Soita Liisa Mäkiselle (liisa@maki.example) perjantaihin mennessä", "2026-03-06"),
    ("De sunat Andrei Popescu (andrei@popescu.example) până vineri", "2026-03-06"),
])
def test_deadlines(body: str, fu: str) -> None:
    assert _fu(body) == fu


# --- Romanian weekdays ("luni" is Monday, "3 luni" three months) and counts ------------------

@pytest.mark.parametrize(("body", "fu"), [
    ("De revenit la Andrei Popescu (andrei@popescu.example) luni", "2026-03-09"),
    ("De sunat Andrei Popescu (andrei@popescu.example) peste 3 luni", "2026-06-04"),
    ("De sunat Andrei Popescu (andrei@popescu.example) peste o lună", "2026-04-04"),
    ("De sunat Andrei Popescu (andrei@popescu.example) într-o săptămână", "2026-03-11"),
    ("De sunat Andrei Popescu (andrei@popescu.example) marțea viitoare", "2026-03-10"),
    ("De sunat Andrei Popescu (andrei@popescu.example) vinerea viitoare", "2026-03-06"),
    ("De sunat Andrei Popescu (andrei@popescu.example) joi", "2026-03-05"),
    ("Soita Liisa Mäkiselle (liisa@maki.example) viikon päästä", "2026-03-11"),
    ("Soita Liisa Mäkiselle (liisa@maki.example) kolmen viikon kuluttua", "2026-03-25"),
])
def test_romanian_and_finnish(body: str, fu: str) -> None:
    assert _fu(body) == fu


@pytest.mark.parametrize(("body", "met"), [
    ("Am vorbit luni cu Ioana Marin (ioana@marin.example)", "2026-03-02"),
])
def test_romanian_monday_met(body: str, met: str) -> None:
    assert _met(body) == met


# --- Turkish: counts said last, its weekdays and their cases, its asks and meetings ---------

@pytest.mark.parametrize(("body", "fu"), [
    ("Emre Yılmaz'ı (emre@yilmaz.example) iki hafta sonra ara", "2026-03-18"),
    ("Emre Yılmaz'ı (emre@yilmaz.example) yarın ara", "2026-03-05"),
    ("Emre Yılmaz'ı (emre@yilmaz.example) gelecek salı ara", "2026-03-10"),
    ("Emre Yılmaz'ı (emre@yilmaz.example) haftaya ara", "2026-03-09"),
    ("Emre Yılmaz'ı (emre@yilmaz.example) haftaya salı ara", "2026-03-10"),
    ("Emre Yılmaz'a (emre@yilmaz.example) 12 Mart'ta dönüş yap", "2026-03-12"),
    ("Emre Yılmaz'a (emre@yilmaz.example) 10 gün sonra mail at", "2026-03-14"),
    ("Emre Yılmaz'ı (emre@yilmaz.example) cumaya kadar ara", "2026-03-06"),
    ("Emre Yılmaz'ı (emre@yilmaz.example) bir ay sonra tekrar ara", "2026-04-04"),
    ("Emre Yılmaz'a (emre@yilmaz.example) önümüzdeki hafta dönüş yap", "2026-03-09"),
    ("Emre Yılmaz'a (emre@yilmaz.example) bu cuma mail at", "2026-03-06"),
])
def test_turkish_asks(body: str, fu: str) -> None:
    assert _fu(body) == fu


@pytest.mark.parametrize(("body", "met"), [
    ("Dün fuarda Ayşe Demir ile tanıştım, ayse@demir.example", "2026-03-03"),
    ("Pazartesi Ayşe Demir ile görüştük, ayse@demir.example", "2026-03-02"),
    ("Geçen perşembe Ayşe Demir ile tanıştım, ayse@demir.example", "2026-02-26"),
    ("Ayşe Demir ile 2 Mart'ta görüştük, ayse@demir.example", "2026-03-02"),
])
def test_turkish_meetings(body: str, met: str) -> None:
    assert _met(body) == met


# --- where: an event that opens the note, then a dash, an emoji or a copula -----------------

@pytest.mark.parametrize(("body", "met_at"), [
    ("accra founders breakfast - kwame asante from Tilapay, cto. kwame@tilapay.example. "
     "f/u fri", "accra founders breakfast"),
    ("leeds devops meetup – amy hale (hale@brookway.example), wants a demo",
     "leeds devops meetup"),
    ("Porto wine tasting 🍷 met Rui Gomes, sales at Quinta Nova. rui@quintanova.example",
     "Porto wine tasting"),
    ("Nairobi fintech mixer 🎉 met Achieng Otieno from Pesaflow, achieng@pesaflow.example",
     "Nairobi fintech mixer"),
    ("Oslo Innovation Week was great. Met Kari Berg (kari@fjordlab.example), CTO at Fjordlab.",
     "Oslo Innovation Week"),
    ("From the Bristol legaltech breakfast - Tom Reed, tom@reed.example",
     "Bristol legaltech breakfast"),
])
def test_opening_event(body: str, met_at: str) -> None:
    assert parse(body).met_at == met_at


# --- typos of the ask and its unit ----------------------------------------------------------

@pytest.mark.parametrize(("body", "fu"), [
    ("met Ivo Rusev ivo@rusev.example, keen on the api. follwo up in 4 dyas", "2026-03-08"),
    ("met Ivo Rusev ivo@rusev.example. foollow up in 2 weks", "2026-03-18"),
    ("met Ivo Rusev ivo@rusev.example. follow up in 2 monhts", "2026-05-04"),
])
def test_typos(body: str, fu: str) -> None:
    assert _fu(body) == fu


# --- more counts, weekdays and next weeks ---------------------------------------------------

FRI = "Fri, 06 Mar 2026 18:00:00 +0000"
YEAR_END = "Mon, 28 Dec 2026 21:30:00 +0100"


@pytest.mark.parametrize(("body", "date", "fu"), [
    ("Ezra Kole ezra@kole.example - ping in twenty days", YEAR_END, "2027-01-17"),
    ("Ezra Kole ezra@kole.example - f/u 5th Jan.", YEAR_END, "2027-01-05"),
    ("Ezra Kole ezra@kole.example - circle back 2wks", YEAR_END, "2027-01-11"),
    ("Ola Dahl ola@dahl.example: f/u the Monday after next", FRI, "2026-03-16"),
    ("Ola Dahl ola@dahl.example: zavolat příští týden", FRI, "2026-03-09"),
    ("Ola Dahl ola@dahl.example: ozvat se za čtrnáct dní", FRI, "2026-03-20"),
    ("Ola Dahl ola@dahl.example: 10 Mart Salı günü ara", FRI, "2026-03-10"),
])
def test_more_counts_and_weeks(body: str, date: str, fu: str) -> None:
    assert _fu(body, date) == fu


@pytest.mark.parametrize(("body", "met"), [
    # a town of a day-first country after "at the" puts the day first
    ("Met Ola Dahl on Wed 4/3 at the Dublin meetup, ola@dahl.example", "2026-03-04"),
    ("Spoke to Ola Bello (ola@bello.example) on 2/3 at the Lagos summit", "2026-03-02"),
    ("L-am cunoscut pe Ola Dahl vinerea trecută, ola@dahl.example", "2026-02-27"),
    ("Ola Dahl ile geçen cuma tanıştım, ola@dahl.example", "2026-02-27"),
])
def test_more_meetings(body: str, met: str) -> None:
    assert parse(body, FRI).met_on is not None and _met(body, FRI) == met


# --- where: a part of the day "at" a place; an event kept with its town; an ask no event ----

@pytest.mark.parametrize(("body", "met_at"), [
    ("Long day at Retail Tech Europe. Met Carla Moss, carla@moss.example, buyer at Grano.",
     "Retail Tech Europe"),
    ("Busy morning at Fintech Forum Warsaw; spoke to Marek Nowak (marek@nowak.example).",
     "Fintech Forum Warsaw"),
    ("Conosciuto ieri alla fiera Host a Milano Rho: Paolo Neri, paolo@neri.example",
     "fiera Host a Milano Rho"),
    ("Incontrata alla fiera Vinitaly a Verona: Sara Riva, sara@riva.example",
     "fiera Vinitaly a Verona"),
])
def test_more_places(body: str, met_at: str) -> None:
    assert parse(body).met_at == met_at


def test_an_ask_is_no_event() -> None:
    note = parse("Met Maya Roth at GITEX Global in Dubai, maya@roth.example. "
                 "Follow up next week.")
    assert note.met_at != "Follow up"


# --- the end of the week or month, the day after tomorrow, short units, in more languages ---

@pytest.mark.parametrize(("body", "fu"), [
    ("Ines Kahl ines@kahl.example: zadzwonić do końca tygodnia", "2026-03-06"),
    ("Ines Kahl ines@kahl.example: zadzwonić do końca miesiąca", "2026-03-31"),
    ("Ines Kahl ines@kahl.example: zavolat do konce týdne", "2026-03-06"),
    ("Ines Kahl ines@kahl.example: zavolat do konce měsíce", "2026-03-31"),
    ("Ines Kahl ines@kahl.example: soita viikon loppuun mennessä", "2026-03-06"),
    ("Ines Kahl ines@kahl.example: soita kuun loppuun mennessä", "2026-03-31"),
    ("Ines Kahl ines@kahl.example: de sunat până la sfârșitul săptămânii", "2026-03-06"),
    ("Ines Kahl ines@kahl.example: de sunat la sfârșitul lunii", "2026-03-31"),
    ("Ines Kahl ines@kahl.example: ay sonuna kadar ara", "2026-03-31"),
    ("Ines Kahl ines@kahl.example: de sunat poimâine", "2026-03-06"),
    ("Ines Kahl ines@kahl.example: za 3 tyg. zadzwonić", "2026-03-25"),
    ("Ines Kahl ines@kahl.example: ligar dia 12/03", "2026-03-12"),
])
def test_period_ends_and_short_units(body: str, fu: str) -> None:
    assert _fu(body) == fu


# --- a capitalised locative opens the sentence; a relative clause ends the place -----------

@pytest.mark.parametrize(("body", "met_at"), [
    ("Beim Gründerfrühstück in Leipzig Tobias Kern kennengelernt, tobias@kern.example",
     "Gründerfrühstück in Leipzig"),
    ("Met Kemi Ade at the Sydney fintech meetup which was packed, kemi@ade.example",
     "Sydney fintech meetup"),
    ("Conocí a Elena Soto en el desayuno de AED en Valencia, elena@soto.example",
     "desayuno de AED en Valencia"),
])
def test_locative_and_relative_clause(body: str, met_at: str) -> None:
    assert parse(body).met_at == met_at
