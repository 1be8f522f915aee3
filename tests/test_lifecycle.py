"""The life cycle's decisions, pure: header fields in, changes out, with an injected `now`."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from followup.drafting import draft_message_id_local
from followup.lifecycle import (
    SeenMail,
    Timing,
    TrackedStep,
    away_until,
    draft_missing,
    draft_sent,
    is_auto_reply,
    match_draft,
    mentions,
    note_date,
    out_of_office_until,
    read_mail,
    rethread,
    return_date,
    same_subject,
    stop_plan,
    thread_parent,
)
from followup.model import FollowUpStatus
from followup.parsing.charsets import decoded_text
from followup.planning import parse_window

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
TIMING = Timing(parse_window("09:00-17:00", weekdays_only=True), BERLIN)
PLANNED, DRAFTED = FollowUpStatus.PLANNED, FollowUpStatus.DRAFTED


def fields(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def seen(**kw: object) -> SeenMail:
    values: dict[str, object] = {"sender": "jane@acme.example", "recipients": ("sam@o.example",),
                                 "at": NOW, "message_id": "<m1@acme.example>",
                                 "thread_ids": (), "subject": "hello", "automatic": None}
    values.update(kw)
    return SeenMail(**values)  # type: ignore[arg-type]


def step(i: int, status: FollowUpStatus = PLANNED, *, due: dt.datetime | None = None,
         note_at: dt.datetime = NOW - dt.timedelta(days=1), contact: int = 7,
         **kw: object) -> TrackedStep:
    return TrackedStep(id=i, contact_id=contact, step=i, status=status,
                       due_at=due or NOW + dt.timedelta(days=i), note_at=note_at,
                       draft_key=f"k{i}@followup", **kw)  # type: ignore[arg-type]


# --- reading header fields ---------------------------------------------------------------

def test_read_mail_takes_what_the_decisions_need() -> None:
    got = read_mail(fields(
        'From: "Doe, Jane" <Jane@ACME.example>',
        "To: Sam <sam@o.example>, Kim <kim@o.example>",
        "Cc: =?utf-8?q?J=C3=B6rg?= <joerg@x.example>",
        "Date: Mon, 02 Mar 2026 10:00:00 +0100",
        "Message-ID: <m1@acme.example>",
        "In-Reply-To: <orig@acme.example>",
        "References: <root@acme.example>\r\n <orig@acme.example>",
        "Subject: =?utf-8?q?Re=3A_Gr=C3=BC=C3=9Fe?="), NOW)
    assert got.sender == "jane@acme.example"
    assert got.recipients == ("sam@o.example", "kim@o.example", "joerg@x.example")
    assert got.at == dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    assert got.message_id == "<m1@acme.example>"
    assert got.thread_ids == ("<orig@acme.example>", "<root@acme.example>")
    assert got.subject == "Re: Grüße" and got.automatic is None


@pytest.mark.parametrize("date", ["", "Date: yesterday", "Date: Mon, 02 Mar 2099 10:00 +0000",
                                  "Date: Fri, 31 Dec 9999 23:59:59 -1400",
                                  "Date: Mon, 32 Foo 99999999999 99:99:99 +9999"])
def test_a_missing_broken_or_future_date_counts_as_when_it_was_seen(date: str) -> None:
    assert read_mail(fields("From: jane@acme.example", date), NOW).at == NOW


@pytest.mark.parametrize("line", [
    "Auto-Submitted: auto-replied", "Auto-Submitted: auto-generated", "X-Autoreply: yes",
    "X-Autorespond: yes", "Precedence: auto_reply", "Precedence: bulk", "Precedence: list",
    "List-Id: <news.acme.example>", "Subject: Out of Office: met jane",
    "Subject: Automatic reply: hello", "Subject: Abwesenheitsnotiz", "Subject: Réponse automatique",
    "Subject: Fuera de la oficina", "Subject: Risposta automatica: ciao",
    "Subject: Afwezig tot maandag", "Subject: Resposta automática", "Subject: Absent du bureau",
    "Subject: Automatische Antwort: Hallo", "Subject: OOO until Friday",
])
def test_automatic_mail_is_recognised(line: str) -> None:
    assert read_mail(fields("From: jane@acme.example", line), NOW).automatic


@pytest.mark.parametrize("subject", [
    "Re: great to meet you", "Officer training slides", "Quick question about the absentee "
    "ballot", "Urlaubsplanung und die Demo", "Re: Out of office until when?",
    "AW: Abwesenheit im März", "Re: automatic replies are annoying"])
def test_a_persons_mail_is_not_automatic(subject: str) -> None:
    got = read_mail(fields("From: jane@acme.example", f"Subject: {subject}"), NOW)
    assert got.automatic is None


@pytest.mark.parametrize("raw", [
    b"", b"\xff\xfe\x00garbage", b"From: a@b\r\nFrom: c@d\r\n\r\n", b"From: <>\r\n\r\n",
    b"From: =?x?q?bad?= <@@>\r\nTo: ,,,;;;\r\nDate: 99 Foo 12345\r\n\r\n",
    b"Subject: " + b"x" * 100_000 + b"\r\n\r\n",
    b"From: jane@acme.example\r\nDate: Mon, 01 Jan 0001 00:00:00 +1400\r\n\r\n",
    b"From: jane@acme.example\r\nSubject: hi\r\n\tBcc: evil@x.example\r\n\r\n",
])
def test_hostile_fields_never_raise(raw: bytes) -> None:
    got = read_mail(raw, NOW)
    assert len(got.subject) <= 500
    assert "evil@x.example" not in got.recipients


def test_two_from_mailboxes_are_nobody() -> None:
    assert read_mail(fields("From: a@x.example, b@x.example"), NOW).sender is None


@pytest.mark.parametrize(("subject", "day"), [
    ("Out of office until March 20", dt.date(2026, 3, 20)),
    ("Out of Office: back on Monday, March 9", dt.date(2026, 3, 9)),
    ("Automatic reply: I am on vacation until 2026-03-15", dt.date(2026, 3, 15)),
    ("Abwesenheitsnotiz: zurück am 4.3.", dt.date(2026, 3, 4)),
    ("Abwesend bis 12.03.2026", dt.date(2026, 3, 12)),
    ("Absent jusqu'au 18 mars", dt.date(2026, 3, 18)),
    ("Respuesta automática: fuera de la oficina hasta el 16 de marzo", dt.date(2026, 3, 16)),
    ("Fuori ufficio fino al 10 marzo", dt.date(2026, 3, 10)),
    ("Afwezig tot 11 maart", dt.date(2026, 3, 11)),
    ("Out of office", None),
    ("Re: back on March 4 we talked", None),  # no out-of-office: no date read
])
def test_the_return_day_of_an_out_of_office(subject: str, day: dt.date | None) -> None:
    assert out_of_office_until(subject, NOW) == day


def test_same_subject_ignores_prefixes_case_and_spaces() -> None:
    assert same_subject("Great meeting you at PyCon", "RE:  great meeting  you at pycon")
    assert same_subject("Re: Slides", "AW: WG: Slides")
    assert not same_subject("Great meeting you", "Great meeting you at PyCon")
    assert not same_subject("", "") and not same_subject(None, "x")


# --- decisions -------------------------------------------------------------------------

def test_mail_after_the_note_cancels_the_steps_not_drafted() -> None:
    plan = [step(1, DRAFTED), step(2), step(3, note_at=NOW + dt.timedelta(hours=1))]
    changes = stop_plan(plan, NOW, "jane@acme.example wrote on 2026-03-02", NOW)
    assert [c.followup_id for c in changes] == [2]  # the draft is the owner's; 3 is newer
    assert changes[0].values == {"status": FollowUpStatus.CANCELLED, "closed_at": NOW,
                                 "reason": "jane@acme.example wrote on 2026-03-02"}


def test_mail_before_the_note_changes_nothing() -> None:
    assert stop_plan([step(1)], NOW - dt.timedelta(days=2), "x", NOW) == []


def test_a_sent_draft_counts_the_next_steps_from_the_send_date() -> None:
    # step 1 was due Monday 09:00 Berlin and is sent on Wednesday 15:00 (UTC 14:00)
    due1 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    due2 = due1 + dt.timedelta(days=14)
    sent_at = dt.datetime(2026, 3, 4, 14, 0, tzinfo=dt.UTC)
    first, second = step(1, DRAFTED, due=due1), step(2, due=due2)
    changes = draft_sent(first, [first, second], sent_at, NOW, TIMING)
    assert changes[0].values["status"] is FollowUpStatus.SENT
    assert changes[0].values["sent_at"] == sent_at
    # 16 March + 2 days 6 hours = Wednesday 18 March 15:00 Berlin: inside the window
    assert changes[1].values["due_at"] == dt.datetime(2026, 3, 18, 14, 0, tzinfo=dt.UTC)


def test_a_moved_step_lands_in_the_window_across_the_dst_change() -> None:
    due1 = dt.datetime(2026, 3, 20, 8, 0, tzinfo=dt.UTC)  # Friday 09:00 CET
    sent_at = due1 + dt.timedelta(hours=7, minutes=30)  # 16:30 CET
    second = step(2, due=due1 + dt.timedelta(days=10))  # Monday 30 March, now CEST
    (_, moved) = draft_sent(step(1, DRAFTED, due=due1), [second], sent_at, NOW, TIMING)
    due = moved.values["due_at"]
    assert isinstance(due, dt.datetime)
    local = due.astimezone(BERLIN)
    assert local.utcoffset() == dt.timedelta(hours=2)  # summer time by then
    assert dt.time(9) <= local.time() < dt.time(17) and local.weekday() < 5


def test_an_out_of_office_moves_the_plan_after_the_return_day_never_earlier() -> None:
    plan = [step(1, due=dt.datetime(2026, 3, 3, 8, tzinfo=dt.UTC)),
            step(2, due=dt.datetime(2026, 3, 16, 8, tzinfo=dt.UTC)), step(3, DRAFTED)]
    changes = away_until(plan, dt.date(2026, 3, 6), TIMING)  # a Friday
    assert [c.followup_id for c in changes] == [1, 2]
    assert changes[0].values["due_at"] == dt.datetime(2026, 3, 9, 8, tzinfo=dt.UTC)  # Mon 9:00
    assert changes[1].values["due_at"] == dt.datetime(2026, 3, 22, 8, tzinfo=dt.UTC) + \
        dt.timedelta(days=1)  # Sunday 22nd moved to Monday 09:00
    assert away_until(plan, dt.date(2026, 3, 1), TIMING) == []  # back before it was due


def test_a_missing_draft_waits_for_the_grace_then_is_discarded() -> None:
    grace = dt.timedelta(minutes=5)
    drafted, later = step(1, DRAFTED), step(2)
    (first,) = draft_missing(drafted, [drafted, later], NOW, grace)
    assert first.values == {"draft_missing_at": NOW}
    missing = step(1, DRAFTED, draft_missing_at=NOW)
    assert draft_missing(missing, [missing, later], NOW + dt.timedelta(minutes=4), grace) == []
    gone = draft_missing(missing, [missing, later], NOW + grace, grace)
    assert [(c.followup_id, c.values["status"]) for c in gone] == [
        (1, FollowUpStatus.DISCARDED), (2, FollowUpStatus.CANCELLED)]
    # without a grace period the first look decides
    assert len(draft_missing(drafted, [drafted, later], NOW, dt.timedelta(0))) == 2


def test_a_sent_copy_is_matched_by_key_then_message_id_then_to_and_subject() -> None:
    drafted = [step(1, DRAFTED, draft_to="jane@acme.example", contact=7,
                    draft_subject="Great meeting you at PyCon", drafted_at=NOW),
               step(2, DRAFTED, draft_to="kim@acme.example", contact=8,
                    draft_subject="Great meeting you at PyCon", drafted_at=NOW)]
    assert match_draft(seen(followup_ids=("k2@followup",)), drafted) == drafted[1]
    own_id = f"<{draft_message_id_local('k2@followup')}@owner.example>"
    assert match_draft(seen(message_id=own_id), drafted) == drafted[1]
    by_content = seen(recipients=("jane@acme.example",), subject="great meeting you at pycon")
    assert match_draft(by_content, drafted) == drafted[0]
    assert match_draft(seen(recipients=("jane@acme.example",), subject="lunch?"), drafted) is None
    old = seen(recipients=("jane@acme.example",), subject="Great meeting you at PyCon",
               at=NOW - dt.timedelta(days=3))
    assert match_draft(old, drafted) is None  # written before the draft existed


def test_mail_in_the_thread_before_the_note_becomes_what_the_draft_replies_to() -> None:
    plan = [step(1, thread_id="<orig@acme.example>"), step(2, thread_id="<orig@acme.example>"),
            step(3, DRAFTED, thread_id="<orig@acme.example>"), step(4)]
    mail = seen(thread_ids=("<orig@acme.example>",), message_id="<later@acme.example>")
    changes = rethread(plan, mail, [])
    parent = {"thread_message_id": "<later@acme.example>", "thread_subject": "hello",
              "thread_references": "<orig@acme.example> <later@acme.example>", "thread_at": NOW}
    assert [(c.followup_id, c.values) for c in changes] == [(1, parent), (2, parent)]
    assert rethread(plan, seen(thread_ids=()), []) == []


def test_only_a_later_mail_of_the_thread_becomes_the_parent_and_never_an_auto_reply() -> None:
    orig = "<orig@acme.example>"
    plan = [step(1, thread_id=orig, thread_at=NOW - dt.timedelta(days=2))]
    later = seen(thread_ids=(orig,), message_id="<l@a.example>", at=NOW - dt.timedelta(days=1))
    older = seen(thread_ids=(orig,), message_id="<o@a.example>", at=NOW - dt.timedelta(days=3))
    auto = seen(thread_ids=(orig,), message_id="<a@a.example>", automatic="X-Autoreply")
    assert [c.values["thread_message_id"] for c in rethread(plan, later, [])] == ["<l@a.example>"]
    assert rethread(plan, older, []) == [] and rethread(plan, auto, []) == []


def test_a_thread_parent_keeps_its_chain_and_a_subject_without_prefixes() -> None:
    mail = seen(message_id="<c@o.example>", subject="RE: AW: Slides",
                thread_ids=("<b@a.example>", "<a@a.example>"),
                references=("<a@a.example>", "<b@a.example>"))
    parent = thread_parent(mail)
    assert parent["thread_subject"] == "Slides"
    assert parent["thread_references"] == "<a@a.example> <b@a.example> <c@o.example>"
    many = seen(message_id="<z@o.example>",
                references=tuple(f"<r{i}@a.example>" for i in range(40)))
    chain = str(thread_parent(many)["thread_references"]).split()
    assert len(chain) == 20 and chain[-1] == "<z@o.example>" and chain[0] == "<r21@a.example>"


def test_a_sent_draft_makes_its_copy_in_sent_the_next_steps_parent() -> None:
    sent, nxt = step(1, DRAFTED), step(2)
    copy = seen(message_id="<client-1@o.example>", subject="Great meeting you",
                at=NOW, references=())
    changes = draft_sent(sent, [sent, nxt], NOW, NOW, TIMING, copy)
    moved = next(c for c in changes if c.followup_id == 2)
    assert moved.values["thread_message_id"] == "<client-1@o.example>"
    assert moved.values["thread_subject"] == "Great meeting you"
    assert moved.values["thread_references"] == "<client-1@o.example>"
    no_id = draft_sent(sent, [sent, nxt], NOW, NOW, TIMING, seen(message_id=None))
    assert "thread_message_id" not in next(c for c in no_id if c.followup_id == 2).values


# --- the note's own date -----------------------------------------------------------------
ARRIVED = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("field", "expected"), [
    ("Mon, 02 Mar 2026 09:00:00 +0100", dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)),
    ("Sun, 01 Mar 2026 23:30:00 -0800", dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)),
    ("Mon, 02 Mar 2026 12:30:00 +0000", ARRIVED),  # a little ahead (clock skew): its arrival
    (None, ARRIVED), ("", ARRIVED), ("yesterday", ARRIVED),
    ("Mon, 02 Mar 2099 10:00:00 +0000", ARRIVED),  # the future
    ("Thu, 01 Jan 1970 00:00:00 +0000", ARRIVED),  # before 1990: a clock never set
    ("Fri, 31 Dec 9999 23:59:59 -1400", ARRIVED), ("Mon, 32 Foo 99999999999 99:99:99", ARRIVED),
])
def test_a_notes_date_is_its_date_field_unless_missing_or_absurd(
        field: str | None, expected: dt.datetime) -> None:
    assert note_date(field, ARRIVED) == expected


@pytest.mark.parametrize(("field", "arrived", "expected"), [
    # a Date equal to the moment it is read is a Date, whatever the arrival says
    ("Mon, 02 Mar 2026 12:00:00 +0000", dt.datetime(2023, 1, 1, tzinfo=dt.UTC), ARRIVED),
    (None, ARRIVED - dt.timedelta(hours=2), ARRIVED - dt.timedelta(hours=2)),
    ("Mon, 02 Mar 2099 10:00:00 +0000", ARRIVED - dt.timedelta(hours=2),
     ARRIVED - dt.timedelta(hours=2)),
    (None, ARRIVED + dt.timedelta(days=30), ARRIVED),  # arrival in the future: when read
    (None, dt.datetime(1980, 1, 1, tzinfo=dt.UTC), ARRIVED),
])
def test_a_note_without_a_usable_date_is_dated_by_its_arrival(
        field: str | None, arrived: dt.datetime, expected: dt.datetime) -> None:
    assert note_date(field, ARRIVED, arrived) == expected


def test_mail_between_the_notes_date_and_its_reading_stops_the_plan() -> None:
    """Note written at 08:00, read at 12:00 (the daemon was down); her reply at 10:00 is
    after the note; her original mail from the day before is not."""
    plan = [step(1, note_at=dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC))]
    assert stop_plan(plan, dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), "r", ARRIVED)
    assert stop_plan(plan, dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC), "r", ARRIVED) == []


# --- an auto-reply's text ------------------------------------------------------------------
AUTO_AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", [
    "Thank you for your message. I'm back on March 4 and will reply then.",
    "Automatic reply: I'm away until March 4, back in the office on March 5.",
    "Vielen Dank für Ihre Nachricht. Ich bin ab dem 4.3. wieder im Büro.",
    "Bonjour, je suis absente et serai de retour le 4 mars.",
    "Gracias por su mensaje. Estaré de vuelta el 4 de marzo.",
    "I am currently out of the office. I will return on 2026-03-04.",
    "I am out of the office until Wednesday, March 4th, with limited access to email.",
    "Ich bin bis einschließlich 4. März nicht erreichbar.",
])
def test_an_auto_replys_text_names_its_return_date(text: str) -> None:
    assert return_date(text, AUTO_AT) == dt.date(2026, 3, 4)


@pytest.mark.parametrize("text", [
    "Thanks for your mail, I am travelling and will answer as soon as I can.",
    "I'm back in the office soon and will answer then.",
    "",
])
def test_an_auto_reply_without_a_return_date_moves_nothing(text: str) -> None:
    assert return_date(text, AUTO_AT) is None


@pytest.mark.parametrize(("data", "cte", "charset"), [
    ("Ich bin ab dem 4.3. wieder im Büro.".encode("latin-1"), "8bit", "iso-8859-1"),
    (b"Ich bin ab dem 4.3. wieder im B=C3=BCro.=\r\nGr=C3=BC=", "quoted-printable", "utf-8"),
    (__import__("base64").encodebytes("Ich bin ab dem 4.3. wieder im Büro. Grüße".encode())
     [:-7], "base64", "utf-8"),  # cut inside a base64 group, as a 4 KB piece may be
])
def test_a_piece_of_text_is_decoded_before_it_is_read(data: bytes, cte: str,
                                                       charset: str) -> None:
    text = decoded_text(data, cte, charset)
    assert "wieder im Büro" in text
    assert return_date(text, AUTO_AT) == dt.date(2026, 3, 4)


@pytest.mark.parametrize(("automatic", "subject", "expected"), [
    ("Auto-Submitted: auto-replied", "Re: slides", True),
    ("X-Autoreply field present", "slides", True),
    ("Precedence: auto_reply", "slides", True),
    ("Auto-Submitted: auto-generated", "Automatic reply: slides", True),  # Exchange
    ("Precedence: bulk", "Newsletter", False),
    ("mailing-list mail (List-Id) not from the owner", "[list] hi", False),
    ("Auto-Submitted: auto-generated", "Your invoice", False),
    (None, "Out of office", False),  # a person's mail is never read
])
def test_only_an_auto_reply_by_its_header_fields_has_its_text_read(
        automatic: str | None, subject: str, expected: bool) -> None:
    assert is_auto_reply(seen(automatic=automatic, subject=subject)) is expected


@pytest.mark.parametrize("block", [
    fields('From: "Doe, Jane" <Jane@ACME.example>', "To: a@x.example,\r\n b@y.example",
           "Cc: =?utf-8?q?J=C3=B6rg?= <joerg@x.example>", "Bcc: z@z.example",
           "In-Reply-To: <orig@acme.example>", "References: <r1@a.example>\r\n\t<r2@b.example>"),
    fields("FROM:jane@acme.example", "to:   <kim@acme.example>"),
    fields("From: Jane <jane.o'neil+tag@acme.example>"),
])
def test_the_quick_look_finds_everything_the_careful_read_does(block: bytes) -> None:
    careful = read_mail(block, NOW)
    addresses, ids = mentions(block)
    assert {careful.sender, *careful.recipients} - {None} <= addresses
    assert set(careful.thread_ids) <= ids
