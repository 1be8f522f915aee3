"""Date lines of forwarded header blocks, one rule at a time, on our own examples."""

from __future__ import annotations

import pytest

from followup.parsing.forward_dates import parse_header_date
from followup.parsing.forwards import split_forward


@pytest.mark.parametrize(("line", "want"), [
    ("mar, 12 may 2026 a las 18:47", "2026-05-12T18:47:00"),   # es: martes, not March
    ("lun, 2 feb 2026, 9:15", "2026-02-02T09:15:00"),
    ("mer, 4 giu 2026 alle ore 11:30", "2026-06-04T11:30:00"),  # it: mercoledì
    ("Mar 3, 2026, 9:00", "2026-03-03T09:00:00"),               # en: the month itself
    # Gmail's French and Catalan headers abbreviate the weekday with a dot, no comma
    ("mar. 29 sept. 2026 à 17:03", "2026-09-29T17:03:00"),
    ("mer. 7 oct. 2026 à 09:12", "2026-10-07T09:12:00"),
    ("dc. 4 de nov. 2026 a les 10:05", "2026-11-04T10:05:00"),
    ("Mar. 29, 2026 5:03 PM", "2026-03-29T17:03:00"),           # en: the month, with a dot
    ("El mar, 29 sept 2026 a las 17:03", "2026-09-29T17:03:00"),  # es: after "El"
    ("mar 29 set 2026 alle ore 17:03", "2026-09-29T17:03:00"),    # it: neither comma nor dot
])
def test_a_weekday_abbreviation_opening_the_line_is_not_the_month(line: str, want: str) -> None:
    assert parse_header_date(line) == want


@pytest.mark.parametrize(("line", "want"), [
    ("dl., 12 d’oct. 2026 a les 20:31", "2026-10-12T20:31:00"),   # ca
    ("dv., 3 d'abr. 2026 a les 8:05", "2026-04-03T08:05:00"),      # ca
    ("dc., 4 de març 2026 a les 9:05", "2026-03-04T09:05:00"),     # ca
    ("quarta-feira, 18 de março de 2026 17:05", "2026-03-18T17:05:00"),  # pt
])
def test_an_elided_de_between_day_and_month_is_read(line: str, want: str) -> None:
    assert parse_header_date(line) == want


def test_a_catalan_gmail_header_block_gives_subject_and_date() -> None:
    text = ("Us reenvio la nota.\n\n---------- Missatge reenviat ---------\n"
            "De: Pere Vidal <pere@vidal.example>\nData: dj., 5 de febr. 2026 a les 17:40\n"
            "Assumpte: Pressupost\nPer a: Jo <jo@owner.example>\n\nHola,\n")
    split = split_forward(text, None)
    assert split is not None
    assert split.subject == "Pressupost"
    assert split.date == "2026-02-05T17:40:00"
    assert split.from_addr == "pere@vidal.example"


@pytest.mark.parametrize("above", [
    "Reencaminho o email da Ana.",
    "Forwarding Ana's mail, met her Tuesday.",
    "Je te transfère le mail d'Ana.",
    "Te reenvío el correo de Ana.",
    "Ti inoltro la mail di Ana.",
])
def test_the_owner_saying_she_forwards_makes_a_header_block_a_forward_under_re(
        above: str) -> None:
    text = (f"{above}\n\n________________________________\nDe: Ana Reis <ana@reis.example>\n"
            "Enviado: 3 de março de 2026 10:00\nPara: Jo <jo@owner.example>\n"
            "Assunto: Proposta\n\nOlá,\n")
    split = split_forward(text, None, "RE: Proposta")
    assert split is not None and not split.is_reply


def test_a_header_block_under_re_without_such_words_stays_a_reply() -> None:
    text = ("Thanks, see below.\n\n________________________________\nFrom: Ana Reis "
            "<ana@reis.example>\nSent: 3 March 2026 10:00\nTo: Jo <jo@owner.example>\n"
            "Subject: Proposal\n\nHi,\n")
    split = split_forward(text, None, "RE: Proposal")
    assert split is not None and split.is_reply


@pytest.mark.parametrize(("line", "want"), [
    ("14 November 2026 at 9:05:11 am AWST", "2026-11-14T09:05:11+08:00"),   # Perth
    ("3 de agosto de 2026 às 10:40:02 BRT", "2026-08-03T10:40:02-03:00"),   # São Paulo
    ("March 9, 2026 at 6:02:44 PM ACDT", "2026-03-09T18:02:44+10:30"),       # Adelaide
    ("9 de marzo de 2026, 11:15:00 ART", "2026-03-09T11:15:00-03:00"),       # Buenos Aires
    ("4 June 2026 at 14:20:00 SAST", "2026-06-04T14:20:00+02:00"),           # Johannesburg
])
def test_apple_mail_zone_names_outside_europe_and_north_america(line: str, want: str) -> None:
    assert parse_header_date(line) == want


def test_a_catalan_outlook_header_block_gives_its_date() -> None:
    text = ("Et reenvio el correu.\n\n________________________________\n"
            "De: Jordi Mas <jordi@mas.example>\nEnviat: dijous, 12 de març de 2026 9:41\n"
            "Per a: Jo <jo@owner.example>\nAssumpte: Catàleg\n\nBon dia,\n")
    split = split_forward(text, None)
    assert split is not None
    assert split.date == "2026-03-12T09:41:00"
    assert split.subject == "Catàleg"
