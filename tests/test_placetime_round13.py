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


# --- where: an event and its town kept whole, verb-final clauses --------------------------

@pytest.mark.parametrize(("body", "want"), [
    # German and Dutch put the meeting verb last, after whom
    ("Bei den Smart Farming Days in Graz mit Tobias Wenger gesprochen.",
     "Smart Farming Days in Graz"),
    ("Letzte Woche auf der medtex in Düsseldorf mit Dr. Anke Vogel ausführlich gesprochen.",
     "medtex in Düsseldorf"),
    ("Herr Brandt hat mir nach dem Pharma Logistics Day in Basel geschrieben.",
     "Pharma Logistics Day in Basel"),
    ("Vandaag op de beurs Vakantiebeurs Utrecht Jan de Vries ontmoet.",
     "beurs Vakantiebeurs Utrecht"),
    # the town between commas is an aside before the verb
    ("Ieri a Vinitaly, Verona, abbiamo parlato con Marco Rossi.", "Vinitaly"),
    ("Hier à Salon Mobilis, Lyon, j'ai rencontré Claire Dubois.", "Salon Mobilis"),
    # what follows the place is not part of it
    ("Herr Brandt war gestern auf der Fruit Logistica bei uns am Stand.", "Fruit Logistica"),
    ("Met 3 people at the Agroexpo in Santa Rosa kahapon:\n1) Ana Cruz", "Agroexpo in Santa Rosa"),
    # an event named in capitals wins over a panel said in lower case
    ("Pia from the data panel - met her at Nordic Data Days (2 October), wants pricing.",
     "Nordic Data Days"),
    # a legal form before "at" ends a firm, not a title
    ("Met two people from Fjellnett AS at Arctic Grid Days in Tromsø last week.",
     "Arctic Grid Days in Tromsø"),
    # notes written up after the event
    ("recap from GopherCamp in Denver yesterday, 2 ppl:\n- Sam Ode, sam@ode.example",
     "GopherCamp in Denver"),
    ("Kurze Nachlese von der Bauma in München: zwei Kontakte.", "Bauma in München"),
])
def test_where_an_event_and_its_town_stand_together(body: str, want: str) -> None:
    assert parse(body).met_at == want


@pytest.mark.parametrize(("body", "want"), [
    ("The healthtech breakfast.\nJonas wants a demo. Follow up in 2 weeks.",
     "healthtech breakfast"),
    ("Agritech-lunch in Zwolle.\nWil een demo. Opvolgen op 3 november.",
     "Agritech-lunch in Zwolle"),
    ("At ClimateTech Forum in Oslo this morning: three people worth keeping.",
     "ClimateTech Forum in Oslo"),
])
def test_an_event_heading_the_note_without_its_article_or_locative(body: str,
                                                                   want: str) -> None:
    assert parse(body).met_at == want


@pytest.mark.parametrize("body", [
    "Spent the afternoon at Brightmoor Labs' office in Leeds with their team. Follow up Friday.",
    "Also chatted with a Paulo from some logistics startup, no details.",
])
def test_a_firms_office_or_an_indefinite_phrase_is_no_place(body: str) -> None:
    assert parse(body).met_at is None


# --- when: asks and days said in other ways ------------------------------------------------

@pytest.mark.parametrize(("body", "date", "fu"), [
    # a day said again after "say" is that day, also after "after"
    ("Follow up with both after Diwali, say 12 November.", DATE, "2026-11-12"),
    ("Relancer après les vacances, disons le 4 novembre.", DATE, "2026-11-04"),
    # "revert" is to reply in Indian, African and Gulf English; "retornar" in Portuguese
    ("We must revert by end of month, say 29 October.", DATE, "2026-10-29"),
    ("Retornar em 10 dias com a proposta.", DATE, "2026-10-24"),
    # German "Kontakte" (contacts) in a heading is no ask; the ask below it is
    ("Zwei Kontakte vom Sommerfest an der Uni heute:\n- Lars Beck\nLars in 2 Wochen anrufen.",
     DATE, "2026-10-28"),
])
def test_asks_said_in_other_ways(body: str, date: str, fu: str) -> None:
    assert str(parse(body, date).follow_up_on) == fu


def test_a_weekday_typed_with_its_letters_swapped_is_that_day() -> None:
    note = parse("Met Jo Park on Thrusday at the Seoul Fintech Meetup. fu nxt monday")
    assert str(note.met_on) == "2026-10-08"
    assert str(note.follow_up_on) == "2026-10-19"


# --- where: more languages and more ways of heading a note --------------------------------

@pytest.mark.parametrize(("body", "want"), [
    # an emoji after the heading is its mood; a city opening it names the event
    ("Accra Startup Week mixer 🔥\n\n1. Kofi Boateng - product lead, Paylink. "
     "kofi@paylink.example", "Accra Startup Week mixer"),
    ("Riyadh fintech night ✨\n👤 Omar Saleh – founder, Dune Homes – omar@dunehomes.example",
     "Riyadh fintech night"),
    # a day, then the name or the fair, up to a comma
    ("Wczoraj Poznań Food Expo, rozmowa przy stoisku – szukają dostawcy.\n\nPiotr Nowak",
     "Poznań Food Expo"),
    ("Včera veletrh Elektro v Ostravě, stánek firmy Kovo s.r.o.:\nKontakt: Ing. Petr Dvořák",
     "veletrh Elektro v Ostravě"),
    ("Přeposílám, pan Novák z Brna, potkali jsme se ve středu na konferenci Smart City Praha.",
     "konferenci Smart City Praha"),
    # Nordic fairs in their definite form, in lower case, with their town
    ("Møtte Ola Dahl på fjordmessa i Bergen i går, daglig leder i Fjord AS.",
     "fjordmessa i Bergen"),
    ("Träffade Eva Lund på byggmässan i Umeå igår, inköpschef på Norrbygg AB.",
     "byggmässan i Umeå"),
    # Quebec's after-work gathering
    ("hier soir au 5 à 7 du Réseau Affaires Laval, jasé avec Luc Gagnon, directeur chez "
     "Bloc inc.", "5 à 7 du Réseau Affaires Laval"),
    # a name with its town and day in brackets
    ("Inoltro la mail del sig. Ferri (Agritechnica, Hannover, giovedì). Da ricontattare il "
     "2 dicembre.", "Agritechnica"),
    # an event held at a venue keeps the venue with it
    ("Insurtech breakfast at Harbour Hall (Leeds) yesterday. Two for the CRM:\nName: Ann Ode",
     "Insurtech breakfast at Harbour Hall"),
    ("Harbor Capital dinner at Nopa tonight. Sat next to Eva Long (partner, "
     "eva@harborcap.example).", "Harbor Capital dinner at Nopa"),
    ("golang meetup tonite. 2 keepers: sam lee (ferro labs) sam@ferro.example. f/u monday",
     "golang meetup"),
    # a walk round the stands, then where it was
    ("Visita de stands hoy en Expo Logística en Guadalajara:\nStand 12 — Transportes Ruiz: "
     "Ana Ruiz, ana@ruiz.example", "Expo Logística en Guadalajara"),
])
def test_where_in_more_languages_and_headings(body: str, want: str) -> None:
    assert parse(body).met_at == want


@pytest.mark.parametrize(("body", "want"), [
    ("Kontakt – veletrh Techagro (Brno), včera:\n\nPavel Horák\npavel@horak.example",
     "veletrh Techagro"),
    ("Leads - Nordic Pharma Summit:\nAnna Berg, anna@berg.example", "Nordic Pharma Summit"),
    # "Gestern Abend" is the day; the locative after it names the place
    ("Gestern Abend beim Sommerfest der Handelskammer in Graz, mit am Tisch:\n\nLena Hofer",
     "Sommerfest der Handelskammer in Graz"),
])
def test_a_heading_labelled_with_the_contacts_word_or_opened_by_its_day(body: str,
                                                                        want: str) -> None:
    assert parse(body).met_at == want


@pytest.mark.parametrize("body", [
    "Yesterday Anna Berg, CFO at Nordlys, asked for pricing.",
    "Today Acme Corp, their new supplier, called me.",
    "Heute Herr Maier, Einkauf bei Stahl AG, angerufen.",
    "Mañana Carlos Ruiz, director de compras, me llama.",
    "Call with Tom Reed (Acme, Berlin, Tuesday) went fine.",
])
def test_a_person_or_firm_after_the_day_or_in_brackets_is_no_place(body: str) -> None:
    assert parse(body).met_at is None
