"""Named sequences a note chooses (`#seq NAME`, tags), holidays in the drafting window, and the
old `[[sequence]]` config still meaning the default: pure planner tests with an injected `now`
across time zones and DST, plus the ingest path on fakes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes import FakeMailbox, FixedClock

from followup.config import parse_config
from followup.errors import ConfigError
from followup.model import FollowUpStatus, NoteStatus
from followup.parsing import parse_message
from followup.planning import (
    DraftingWindow,
    FollowUpSequence,
    Holidays,
    SequenceStep,
    choose_sequence,
    parse_interval,
    parse_window,
    plan_followups,
)
from followup.service import AccountSetup, Ingestor, Policy
from followup.store import Store

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
BASE = """
[owner]
addresses = ["me@owner.example"]
[maildir]
path = "/tmp/followup-test-maildir"
"""


def _steps(*pairs: tuple[str, str]) -> tuple[SequenceStep, ...]:
    return tuple(SequenceStep(parse_interval(a), t) for a, t in pairs)


DEFAULT = FollowUpSequence("default", _steps(("1d", "nice-to-meet-you"), ("2w", "check-in")))
INVESTOR = FollowUpSequence("investor", _steps(("2d", "nice-to-meet-you"), ("1m", "check-in")),
                            tags=("investor", "vc"))
HIRING = FollowUpSequence("hiring", _steps(("3d", "check-in")), tags=("hiring",))
ALL = {"default": DEFAULT, "investor": INVESTOR, "hiring": HIRING}


# -- choosing a sequence -------------------------------------------------------------------
def test_hashtag_seq_chooses_a_sequence_and_tags_map_to_one() -> None:
    assert choose_sequence("investor", (), ALL).sequence is INVESTOR
    assert choose_sequence("Investor", (), ALL).sequence is INVESTOR
    assert choose_sequence(None, ("vc",), ALL).sequence is INVESTOR
    assert choose_sequence(None, ("misc", "hiring"), ALL).sequence is HIRING
    assert choose_sequence(None, ("misc",), ALL).sequence is DEFAULT
    # the explicit choice beats a tag
    assert choose_sequence("hiring", ("investor",), ALL).sequence is HIRING


def test_unknown_sequence_keeps_the_note_on_the_default_with_a_warning() -> None:
    choice = choose_sequence("invstor", ("investor",), ALL)
    assert choice.sequence is DEFAULT
    assert choice.warning is not None
    assert "invstor" in choice.warning and "investor" in choice.warning


@pytest.mark.parametrize(("text", "want"), [
    ("met Jane at PyCon #seq investor", "investor"),
    ("#seq:hiring met Tom", "hiring"),
    ("met Tom #sequence=Hiring", "hiring"),
    ("met Tom #seq investor #vc", "investor"),
    ("met Tom #sequel of the talk", None),
    ("met Tom #investor", None),
])
def test_parser_reads_the_seq_directive_and_keeps_it_out_of_tags(text: str, want: str | None
                                                                  ) -> None:
    raw = (f"From: Me <me@owner.example>\r\nTo: n@owner.example\r\nSubject: note\r\n"
           f"Date: Wed, 04 Mar 2026 10:00:00 +0000\r\n\r\n{text}\r\n").encode()
    note = parse_message(raw)
    assert note.sequence == want
    assert "seq" not in note.tags and "sequence" not in note.tags
    if want:
        assert want not in note.tags


# -- config ------------------------------------------------------------------------------
def test_old_sequence_config_still_is_the_default_sequence() -> None:
    config = parse_config(BASE + """
[[sequence]]
after = "2d"
template = "nice-to-meet-you"

[[sequence]]
after = "3w"
template = "check-in"
""")
    assert config.sequence == _steps(("2d", "nice-to-meet-you"), ("3w", "check-in"))
    assert list(config.sequences) == ["default"]
    assert config.sequences["default"].steps == config.sequence


def test_named_sequences_with_steps_tags_and_language() -> None:
    config = parse_config(BASE + """
[sequences.default]
steps = [{ after = "1d", template = "nice-to-meet-you" }]

[sequences.investor]
tags = ["investor", "#VC"]
language = "de"
steps = [
  { after = "2d", template = "nice-to-meet-you" },
  { after = "1m", template = "check-in" },
]

[[sequences.recruiting]]
after = "3d"
template = "check-in"
""")
    assert list(config.sequences) == ["default", "investor", "recruiting"]
    assert config.sequence == _steps(("1d", "nice-to-meet-you"))
    inv = config.sequences["investor"]
    assert inv.tags == ("investor", "vc") and inv.language == "de"
    assert inv.steps == _steps(("2d", "nice-to-meet-you"), ("1m", "check-in"))
    assert config.sequences["recruiting"].steps == _steps(("3d", "check-in"))


def test_sequence_config_problems_are_all_reported() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(BASE + """
[drafting]
holidays = ["24.12.2026", 2026-12-31]
holidays_country = "XX"

[[sequence]]
after = "1d"
template = "nice-to-meet-you"

[sequences.default]
steps = [{ after = "1d", template = "check-in" }]

[sequences.Investor]
steps = [{ after = "1d", template = "check-in" }]

[sequences.vc]
language = "german"
steps = [{ after = "soon", template = "check-in" }]
""")
    text = str(err.value)
    for part in ("both [[sequence]] and [sequences.default]", "'sequences.Investor'",
                 "'sequences.vc.language'", "'sequences.vc.steps[1].after'",
                 "'drafting.holidays': '24.12.2026'", "'drafting.holidays_country' = 'XX'"):
        assert part in text


def test_holidays_config_reads_dates_and_a_country() -> None:
    config = parse_config(BASE + """
[drafting]
holidays = ["2026-12-24", 2026-12-31]
holidays_country = "de"
holidays_subdivision = "by"
""")
    hol = config.window.holidays
    assert dt.date(2026, 12, 24) in hol and dt.date(2026, 12, 31) in hol
    assert dt.date(2026, 10, 3) in hol  # German Unity Day, from the holidays package
    assert dt.date(2026, 1, 6) in hol  # Epiphany: Bavaria only
    assert dt.date(2026, 3, 4) not in hol


# -- the planner: holidays, time zones, DST ------------------------------------------------
WEEKDAYS = parse_window("09:00-17:00", weekdays_only=True)


def _window(*days: dt.date, country: str | None = None, sub: str | None = None
            ) -> DraftingWindow:
    import dataclasses

    return dataclasses.replace(WEEKDAYS, holidays=Holidays(frozenset(days), country, sub))


def test_no_draft_becomes_due_on_a_listed_holiday() -> None:
    # Wed 2026-12-23 15:00 Berlin; step 1 (+1d) would be Thu 24th, a holiday; 25th too.
    received = dt.datetime(2026, 12, 23, 14, 0, tzinfo=UTC)
    window = _window(dt.date(2026, 12, 24), dt.date(2026, 12, 25))
    plans = plan_followups(follow_up_on=None, received_at=received, sequence=DEFAULT.steps,
                           window=window, tz=BERLIN)
    # 26/27 is a weekend: Monday the 28th, 09:00 Berlin (08:00 UTC)
    assert plans[0].due_at == dt.datetime(2026, 12, 28, 8, 0, tzinfo=UTC)


def test_a_country_holiday_moves_a_dated_follow_up() -> None:
    # "follow up on May 25": Whit Monday, a public holiday in all of Germany.
    received = dt.datetime(2026, 5, 20, 10, 0, tzinfo=UTC)
    window = _window(country="DE")
    plans = plan_followups(follow_up_on=dt.date(2026, 5, 25), received_at=received,
                           sequence=DEFAULT.steps, window=window, tz=BERLIN,
                           dated_template="follow-up")
    assert plans[0].due_at.astimezone(BERLIN) == dt.datetime(2026, 5, 26, 9, 0, tzinfo=BERLIN)
    assert plans[0].template == "follow-up"
    # the second step keeps its distance from the first (+13 days from the asked day)
    assert plans[1].due_at.astimezone(BERLIN).date() == dt.date(2026, 6, 8)


def test_holidays_are_the_owners_local_days_across_time_zones() -> None:
    # 2026-07-03 23:30 UTC is already Saturday 4 July 08:30 in Tokyo but still Friday 3 July
    # 19:30 in New York. A holiday on 6 July (Mon) in Tokyo's calendar moves to Tuesday.
    received = dt.datetime(2026, 7, 3, 23, 30, tzinfo=UTC)
    steps = _steps(("1d", "nice-to-meet-you"))
    tokyo = plan_followups(follow_up_on=None, received_at=received, sequence=steps,
                           window=_window(dt.date(2026, 7, 6)), tz=TOKYO)
    assert tokyo[0].due_at.astimezone(TOKYO) == dt.datetime(2026, 7, 7, 9, 0, tzinfo=TOKYO)
    # New York: +1d is Saturday 4 July (also US Independence Day); Monday 6th is free there
    ny = plan_followups(follow_up_on=None, received_at=received, sequence=steps,
                        window=_window(dt.date(2026, 7, 3), country="US"), tz=NEW_YORK)
    assert ny[0].due_at.astimezone(NEW_YORK) == dt.datetime(2026, 7, 6, 9, 0, tzinfo=NEW_YORK)


def test_dst_spring_forward_and_a_holiday_after_it() -> None:
    # Berlin springs forward on Sunday 2026-03-29. A note on Friday 27th 16:00 CET with a
    # holiday on Monday 30th: +1d is Saturday, so Tuesday 31st 09:00 CEST (07:00 UTC).
    received = dt.datetime(2026, 3, 27, 15, 0, tzinfo=UTC)
    plans = plan_followups(follow_up_on=None, received_at=received, sequence=DEFAULT.steps,
                           window=_window(dt.date(2026, 3, 30)), tz=BERLIN)
    assert plans[0].due_at == dt.datetime(2026, 3, 31, 7, 0, tzinfo=UTC)
    # New York switched two weeks earlier (8 March): 09:00 EDT is 13:00 UTC
    plans = plan_followups(follow_up_on=dt.date(2026, 3, 9), received_at=received - dt.timedelta(
        days=20), sequence=DEFAULT.steps, window=_window(dt.date(2026, 3, 9)), tz=NEW_YORK)
    assert plans[0].due_at == dt.datetime(2026, 3, 10, 13, 0, tzinfo=UTC)


def test_a_long_holiday_run_is_crossed_and_drafting_waits_for_it() -> None:
    from followup.planning import in_drafting_window, next_drafting_time

    days = [dt.date(2026, 12, 21) + dt.timedelta(days=i) for i in range(14)]  # to Jan 3
    window = _window(*days)
    now = dt.datetime(2026, 12, 22, 10, 0, tzinfo=UTC)  # Tuesday 11:00 Berlin, a holiday
    assert not in_drafting_window(now, window, BERLIN)
    assert next_drafting_time(now, window, BERLIN) == dt.datetime(2027, 1, 4, 8, 0, tzinfo=UTC)


# -- ingest: the chosen sequence is stored, an unknown one warns ----------------------------
OWNER = "sam@owner.example"


def _note(body: str) -> bytes:
    return (f"From: Sam Owner <{OWNER}>\r\nTo: notes@owner.example\r\nSubject: note\r\n"
            f"Date: Wed, 04 Mar 2026 10:00:00 +0100\r\nMessage-ID: <{abs(hash(body))}@x>\r\n"
            f"\r\n{body}\r\n").encode()


def _ingest(tmp: Path, *bodies: str) -> Store:
    store = Store.open(f"sqlite:///{tmp / 'f.db'}")
    policy = Policy(sequence=DEFAULT.steps, window=WEEKDAYS, timezone=BERLIN,
                    sequences={"investor": INVESTOR, "hiring": HIRING})
    account = AccountSetup(
        name="default", folder="INBOX", owner_addresses=(OWNER,), authserv_id=None,
        processed_folder="Followup/Processed", review_folder="Followup/Needs review",
        ignored_folder=None, owner_name="Sam Owner", max_message_bytes=1_000_000)
    mailbox = FakeMailbox()
    for body in bodies:
        mailbox.deliver(_note(body))
    clock = FixedClock(dt.datetime(2026, 3, 4, 9, 5, tzinfo=UTC))
    Ingestor(store, clock, account, policy).ingest(mailbox)
    return store


def test_ingest_stores_the_chosen_sequence_and_its_steps(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "met Jane Doe, jane@acme.example, at PyCon #seq investor",
                    "met Tom Lee, tom@lee.example, at the fair #hiring",
                    "met Ann Roe, ann@roe.example, at the fair")
    with store.unit() as u:
        got = {(c.emails[0], f.sequence, f.template, f.due_at.astimezone(BERLIN).date())
               for f in u.list_followups() for c in u.list_contacts() if c.id == f.contact_id}
        notes = u.list_notes()
    assert got == {
        ("jane@acme.example", "investor", "nice-to-meet-you", dt.date(2026, 3, 6)),
        ("jane@acme.example", "investor", "check-in", dt.date(2026, 4, 6)),  # 4 Apr: Sat
        ("tom@lee.example", "hiring", "check-in", dt.date(2026, 3, 9)),  # 7th is a Saturday
        ("ann@roe.example", "default", "nice-to-meet-you", dt.date(2026, 3, 5)),
        ("ann@roe.example", "default", "check-in", dt.date(2026, 3, 18)),
    }
    assert all(n.status is NoteStatus.PROCESSED and n.reason is None for n in notes)


def test_unknown_seq_is_processed_on_the_default_with_a_reason(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "met Jane Doe, jane@acme.example, at PyCon #seq invstor")
    with store.unit() as u:
        (note,) = u.list_notes()
        followups = u.list_followups()
    assert note.status is NoteStatus.PROCESSED
    assert note.reason is not None and "unknown sequence 'invstor'" in note.reason
    assert {f.sequence for f in followups} == {"default"}
    assert all(f.status is FollowUpStatus.PLANNED for f in followups)


def test_the_drafter_waits_out_a_holiday_with_an_injected_clock(tmp_path: Path) -> None:
    import dataclasses

    from followup.drafting import make_environment
    from followup.service import Drafter

    store = _ingest(tmp_path, "met Ann Roe, ann@roe.example, at the fair")
    # Ann's first draft is due Thu 5 March 09:00 Berlin; make that day a holiday now (the
    # owner added it after the note was planned): the drafter must not draft on it.
    window = dataclasses.replace(WEEKDAYS, holidays=Holidays(frozenset({dt.date(2026, 3, 5)})))
    policy = Policy(sequence=DEFAULT.steps, window=window, timezone=BERLIN)
    clock = FixedClock(dt.datetime(2026, 3, 5, 9, 30, tzinfo=UTC))  # 10:30 Berlin, holiday
    mailbox = FakeMailbox()
    drafter = Drafter(store, clock, policy, make_environment(),
                      {"default": ("Sam Owner", OWNER)})
    assert drafter.draft_due({"default": mailbox}).drafted == 0
    clock.advance(dt.timedelta(days=1))  # Friday 6 March, 10:30 Berlin
    assert drafter.draft_due({"default": mailbox}).drafted == 1
    assert len(mailbox.messages("Drafts")) == 1


def test_a_later_seq_note_about_a_known_contact_replaces_the_plan(tmp_path: Path) -> None:
    store = _ingest(tmp_path, "met Jane Doe, jane@acme.example, at PyCon",
                    "Jane Doe, jane@acme.example: she invests now #seq investor",
                    "Jane Doe, jane@acme.example, sent me the deck")  # keeps the plan
    with store.unit() as u:
        plans = {(f.sequence, f.template, f.status) for f in u.list_followups()}
    assert plans == {
        ("default", "nice-to-meet-you", FollowUpStatus.CANCELLED),
        ("default", "check-in", FollowUpStatus.CANCELLED),
        ("investor", "nice-to-meet-you", FollowUpStatus.PLANNED),
        ("investor", "check-in", FollowUpStatus.PLANNED),
    }


def test_a_notes_own_day_replaces_the_first_step_of_a_named_sequence() -> None:
    # "#seq investor ... follow up on March 17" (a Tuesday): step 1 that day from the dated
    # template; steps 2 and 3 keep their distance from step 1 (1m - 2d, 3m - 2d).
    steps = (*INVESTOR.steps, SequenceStep(parse_interval("3m"), "check-in"))
    received = dt.datetime(2026, 3, 4, 17, 20, tzinfo=UTC)
    plans = plan_followups(follow_up_on=dt.date(2026, 3, 17), received_at=received,
                           sequence=steps, window=WEEKDAYS, tz=BERLIN,
                           dated_template="follow-up")
    assert [(p.template, p.due_at.astimezone(BERLIN).date()) for p in plans] == [
        ("follow-up", dt.date(2026, 3, 17)),
        ("check-in", dt.date(2026, 4, 15)),
        ("check-in", dt.date(2026, 6, 15)),
    ]
