"""Planning: intervals, drafting windows, sequences, weekends, DST and far-away time zones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from followup.model import PlannedFollowUp
from followup.planning import (
    DraftingWindow,
    Interval,
    SequenceStep,
    in_drafting_window,
    next_drafting_time,
    parse_interval,
    parse_window,
    plan_followups,
)

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
OFFICE = parse_window("09:00-17:00", weekdays_only=True)
ANY_TIME = parse_window("00:00-24:00")
DEFAULT_SEQUENCE = (
    SequenceStep(parse_interval("1d"), "nice-to-meet-you"),
    SequenceStep(parse_interval("2w"), "check-in"),
)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def local(tz: ZoneInfo, *args: int, fold: int = 0) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz, fold=fold)


def dues(plans: list[PlannedFollowUp], tz: ZoneInfo) -> list[str]:
    return [p.due_at.astimezone(tz).strftime("%a %Y-%m-%d %H:%M %Z") for p in plans]


# --- intervals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0d", Interval()),
        ("1d", Interval(days=1)),
        ("3d", Interval(days=3)),
        ("2w", Interval(days=14)),
        ("1m", Interval(months=1)),
        ("10 days", Interval(days=10)),
        ("2 weeks", Interval(days=14)),
        (" 1 Month ", Interval(months=1)),
        ("1 day", Interval(days=1)),
    ],
)
def test_parse_interval(text: str, expected: Interval) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize("text", ["", "d", "3", "3x", "-1d", "1.5d", "3 hours", "1y", "99999d"])
def test_parse_interval_rejects_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValueError, match="interval") as info:
        parse_interval(text)
    assert repr(text) in str(info.value)


def test_month_interval_clamps_to_month_end() -> None:
    assert parse_interval("1m").add_to(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert parse_interval("1m").add_to(dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)
    assert parse_interval("1m").add_to(dt.date(2026, 12, 15)) == dt.date(2027, 1, 15)
    assert parse_interval("3m").add_to(dt.date(2026, 11, 30)) == dt.date(2027, 2, 28)


# --- windows ----------------------------------------------------------------------------------


def test_parse_window() -> None:
    window = parse_window("09:00-17:30")
    assert (window.start, window.end, window.weekdays_only) == (dt.time(9), dt.time(17, 30), False)
    assert parse_window("00:00-24:00").any_time
    assert parse_window("8:05 - 9:00").start == dt.time(8, 5)
    assert str(parse_window("09:00-24:00", weekdays_only=True)) == "09:00-24:00 (weekdays only)"


@pytest.mark.parametrize(
    "text", ["", "9-17", "09:00", "17:00-09:00", "09:00-09:00", "25:00-26:00", "09:60-10:00",
             "09:00-24:30", "22:00-02:00", "nine to five"],
)
def test_parse_window_rejects_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValueError, match="drafting window") as info:
        parse_window(text)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize(
    ("now", "inside", "next_time"),
    [
        (local(BERLIN, 2026, 11, 25, 8, 59), False, local(BERLIN, 2026, 11, 25, 9, 0)),
        (local(BERLIN, 2026, 11, 25, 9, 0), True, local(BERLIN, 2026, 11, 25, 9, 0)),
        (local(BERLIN, 2026, 11, 25, 16, 59), True, local(BERLIN, 2026, 11, 25, 16, 59)),
        # The end is exclusive: at 17:00 sharp the next window is tomorrow's.
        (local(BERLIN, 2026, 11, 25, 17, 0), False, local(BERLIN, 2026, 11, 26, 9, 0)),
        # Friday evening -> Monday morning; Saturday -> Monday.
        (local(BERLIN, 2026, 11, 27, 18, 0), False, local(BERLIN, 2026, 11, 30, 9, 0)),
        (local(BERLIN, 2026, 11, 28, 10, 0), False, local(BERLIN, 2026, 11, 30, 9, 0)),
        (local(BERLIN, 2026, 11, 29, 23, 59), False, local(BERLIN, 2026, 11, 30, 9, 0)),
    ],
)
def test_window_edges_and_weekends(now: dt.datetime, inside: bool, next_time: dt.datetime) -> None:
    assert in_drafting_window(now, OFFICE, BERLIN) is inside
    found = next_drafting_time(now, OFFICE, BERLIN)
    assert found == next_time
    assert found.tzinfo is UTC


def test_any_time_window_is_always_open() -> None:
    for hour in range(24):
        now = utc(2026, 3, 29, hour, 30)  # includes Berlin's spring-forward night
        assert in_drafting_window(now, ANY_TIME, BERLIN)
        assert next_drafting_time(now, ANY_TIME, BERLIN) == now


def test_window_is_read_in_the_owner_time_zone() -> None:
    now = utc(2026, 11, 25, 20, 0)  # 09:00 Thursday in Auckland (NZDT, +13)
    assert in_drafting_window(now, OFFICE, AUCKLAND)
    assert not in_drafting_window(now, OFFICE, BERLIN)  # 21:00 in Berlin
    assert in_drafting_window(now, OFFICE, LOS_ANGELES)  # 12:00 in Los Angeles


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="tz-aware"):
        in_drafting_window(dt.datetime(2026, 1, 1, 12), OFFICE, BERLIN)


# --- sequences --------------------------------------------------------------------------------


def test_default_sequence_from_a_weekday_afternoon() -> None:
    received = local(BERLIN, 2026, 11, 24, 14, 30)  # Tuesday
    plans = plan_followups(
        follow_up_on=None, received_at=received, sequence=DEFAULT_SEQUENCE, window=OFFICE, tz=BERLIN
    )
    assert [(p.step, p.template) for p in plans] == [(1, "nice-to-meet-you"), (2, "check-in")]
    assert dues(plans, BERLIN) == ["Wed 2026-11-25 14:30 CET", "Tue 2026-12-08 14:30 CET"]
    assert all(p.due_at.tzinfo is UTC for p in plans)


def test_due_moments_outside_the_window_move_to_the_next_opening() -> None:
    received = local(BERLIN, 2026, 11, 26, 22, 15)  # Thursday night
    sequence = [
        SequenceStep(parse_interval("0d"), "a"),  # Thu 22:15 -> Fri 09:00
        SequenceStep(parse_interval("1d"), "b"),  # Fri 22:15 -> Mon 09:00
        SequenceStep(parse_interval("2d"), "c"),  # Sat -> Mon 09:00
        SequenceStep(parse_interval("5d"), "d"),  # Tue 22:15 -> Wed 09:00
    ]
    plans = plan_followups(
        follow_up_on=None, received_at=received, sequence=sequence, window=OFFICE, tz=BERLIN
    )
    assert dues(plans, BERLIN) == [
        "Fri 2026-11-27 09:00 CET", "Mon 2026-11-30 09:00 CET",
        "Mon 2026-11-30 09:00 CET", "Wed 2026-12-02 09:00 CET",
    ]


def test_early_morning_moves_to_the_same_day_start() -> None:
    received = local(BERLIN, 2026, 11, 24, 6, 0)
    plans = plan_followups(
        follow_up_on=None, received_at=received,
        sequence=[SequenceStep(parse_interval("0d"), "a")], window=OFFICE, tz=BERLIN,
    )
    assert dues(plans, BERLIN) == ["Tue 2026-11-24 09:00 CET"]


def test_zero_interval_inside_the_window_is_due_at_once() -> None:
    received = utc(2026, 11, 24, 10, 17, 3)
    plans = plan_followups(
        follow_up_on=None, received_at=received,
        sequence=[SequenceStep(parse_interval("0d"), "a")], window=ANY_TIME, tz=BERLIN,
    )
    assert plans[0].due_at == received


def test_month_interval_uses_the_local_calendar() -> None:
    # 23:30 on 31 January in Los Angeles is already 1 February in UTC.
    received = local(LOS_ANGELES, 2026, 1, 31, 23, 30)
    plans = plan_followups(
        follow_up_on=None, received_at=received,
        sequence=[SequenceStep(parse_interval("1m"), "a")], window=ANY_TIME, tz=LOS_ANGELES,
    )
    assert dues(plans, LOS_ANGELES) == ["Sat 2026-02-28 23:30 PST"]


def test_empty_sequence_plans_nothing() -> None:
    assert plan_followups(
        follow_up_on=dt.date(2026, 12, 1), received_at=utc(2026, 11, 25, 12),
        sequence=[], window=OFFICE, tz=BERLIN,
    ) == []


# --- a date from the note ---------------------------------------------------------------------


def test_follow_up_on_sets_step_one_and_later_steps_keep_their_offsets() -> None:
    plans = plan_followups(
        follow_up_on=dt.date(2026, 12, 3),  # Thursday
        received_at=local(BERLIN, 2026, 11, 24, 14, 30),
        sequence=DEFAULT_SEQUENCE, window=OFFICE, tz=BERLIN,
    )
    # Step 2 stays 13 days (2w - 1d) after step 1: Wed 16 Dec.
    assert dues(plans, BERLIN) == ["Thu 2026-12-03 09:00 CET", "Wed 2026-12-16 09:00 CET"]
    assert [p.template for p in plans] == ["nice-to-meet-you", "check-in"]


def test_follow_up_on_may_use_a_dated_template() -> None:
    plans = plan_followups(
        follow_up_on=dt.date(2026, 12, 3), received_at=utc(2026, 11, 24, 12),
        sequence=DEFAULT_SEQUENCE, window=OFFICE, tz=BERLIN, dated_template="follow-up",
    )
    assert [p.template for p in plans] == ["follow-up", "check-in"]
    undated = plan_followups(
        follow_up_on=None, received_at=utc(2026, 11, 24, 12),
        sequence=DEFAULT_SEQUENCE, window=OFFICE, tz=BERLIN, dated_template="follow-up",
    )
    assert [p.template for p in undated] == ["nice-to-meet-you", "check-in"]


def test_follow_up_on_a_weekend_moves_to_monday() -> None:
    plans = plan_followups(
        follow_up_on=dt.date(2026, 12, 5),  # Saturday
        received_at=local(BERLIN, 2026, 11, 24, 14, 30),
        sequence=[SequenceStep(parse_interval("0d"), "a")], window=OFFICE, tz=BERLIN,
    )
    assert dues(plans, BERLIN) == ["Mon 2026-12-07 09:00 CET"]


def test_follow_up_on_a_weekend_is_kept_when_weekends_are_allowed() -> None:
    plans = plan_followups(
        follow_up_on=dt.date(2026, 12, 5),
        received_at=local(BERLIN, 2026, 11, 24, 14, 30),
        sequence=[SequenceStep(parse_interval("0d"), "a")],
        window=parse_window("10:00-18:00"), tz=BERLIN,
    )
    assert dues(plans, BERLIN) == ["Sat 2026-12-05 10:00 CET"]


def test_follow_up_on_in_the_past_is_due_at_the_next_drafting_time() -> None:
    plans = plan_followups(
        follow_up_on=dt.date(2026, 11, 20),
        received_at=local(BERLIN, 2026, 11, 24, 20, 0),  # Tuesday evening
        sequence=DEFAULT_SEQUENCE, window=OFFICE, tz=BERLIN,
    )
    # Step 1 would be 20 Nov 09:00: never before the note arrived, so Wednesday 09:00.
    assert dues(plans, BERLIN)[0] == "Wed 2026-11-25 09:00 CET"
    # Later steps keep their distance (13 days) from the first draft, not from the past
    # day: two drafts to one person at once would read like a mistake.
    assert dues(plans, BERLIN)[1] == "Tue 2026-12-08 09:00 CET"


def test_follow_up_on_is_a_local_day_far_from_utc() -> None:
    # Received Friday 08:00 in Auckland, which is still Thursday in UTC.
    received = local(AUCKLAND, 2026, 11, 27, 8, 0)
    assert received.astimezone(UTC).date() == dt.date(2026, 11, 26)
    plans = plan_followups(
        follow_up_on=dt.date(2026, 11, 27), received_at=received,
        sequence=[SequenceStep(parse_interval("0d"), "a")], window=OFFICE, tz=AUCKLAND,
    )
    assert dues(plans, AUCKLAND) == ["Fri 2026-11-27 09:00 NZDT"]
    assert plans[0].due_at == utc(2026, 11, 26, 20, 0)


def test_los_angeles_evening_is_next_day_in_utc() -> None:
    received = local(LOS_ANGELES, 2026, 11, 27, 16, 30)  # Friday 16:30 = Sat 00:30 UTC
    plans = plan_followups(
        follow_up_on=None, received_at=received,
        sequence=[SequenceStep(parse_interval("0d"), "a"), SequenceStep(parse_interval("1d"), "b")],
        window=OFFICE, tz=LOS_ANGELES,
    )
    # Still Friday in Los Angeles, inside the window: due at once; +1d is Saturday -> Monday.
    assert plans[0].due_at == received.astimezone(UTC)
    assert dues(plans, LOS_ANGELES) == ["Fri 2026-11-27 16:30 PST", "Mon 2026-11-30 09:00 PST"]


# --- DST transition days ----------------------------------------------------------------------


def test_berlin_spring_forward_window_start_in_the_gap() -> None:
    # 29 March 2026: 02:00 CET jumps to 03:00 CEST. A 02:30 start reads as 03:30 CEST.
    window = parse_window("02:30-12:00")
    start = next_drafting_time(local(BERLIN, 2026, 3, 29, 0, 0), window, BERLIN)
    assert start == utc(2026, 3, 29, 1, 30)
    assert start.astimezone(BERLIN).strftime("%H:%M %Z") == "03:30 CEST"
    # Planning and the window test agree on the same rule.
    assert not in_drafting_window(utc(2026, 3, 29, 1, 15), window, BERLIN)
    assert in_drafting_window(utc(2026, 3, 29, 1, 30), window, BERLIN)


def test_berlin_spring_forward_day_keeps_wall_clock_intervals() -> None:
    received = local(BERLIN, 2026, 3, 28, 10, 0)  # Saturday, CET
    plans = plan_followups(
        follow_up_on=None, received_at=received,
        sequence=[SequenceStep(parse_interval("1d"), "a")], window=ANY_TIME, tz=BERLIN,
    )
    # 23 hours later in absolute time, but the same 10:00 on the wall clock.
    assert dues(plans, BERLIN) == ["Sun 2026-03-29 10:00 CEST"]
    assert plans[0].due_at - received == dt.timedelta(hours=23)


def test_berlin_fall_back_ambiguous_start_is_the_first_occurrence() -> None:
    # 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    window = parse_window("02:30-04:00")
    start = next_drafting_time(local(BERLIN, 2026, 10, 25, 0, 0), window, BERLIN)
    assert start == utc(2026, 10, 25, 0, 30)  # 02:30 CEST, the first occurrence
    assert in_drafting_window(utc(2026, 10, 25, 1, 45), window, BERLIN)  # 02:45 CET, second pass
    assert not in_drafting_window(utc(2026, 10, 25, 3, 0), window, BERLIN)  # 04:00 CET


def test_new_york_spring_forward_gap_start_and_24h_window() -> None:
    # 8 March 2026: 02:00 EST jumps to 03:00 EDT.
    window = parse_window("02:00-24:00")
    start = next_drafting_time(local(NEW_YORK, 2026, 3, 8, 1, 0), window, NEW_YORK)
    assert start == utc(2026, 3, 8, 7, 0)  # 03:00 EDT: the gap's end
    assert start.astimezone(NEW_YORK).strftime("%H:%M %Z") == "03:00 EDT"
    # The day is 23 hours long; the window still ends at local midnight.
    assert in_drafting_window(local(NEW_YORK, 2026, 3, 8, 23, 59), window, NEW_YORK)
    assert not in_drafting_window(local(NEW_YORK, 2026, 3, 9, 0, 0), window, NEW_YORK)


def test_new_york_fall_back_follow_up_on_and_received_in_the_fold() -> None:
    # 1 November 2026: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice.
    second_pass = local(NEW_YORK, 2026, 11, 1, 1, 30, fold=1)  # 01:30 EST = 06:30 UTC
    plans = plan_followups(
        follow_up_on=None, received_at=second_pass,
        sequence=[SequenceStep(parse_interval("0d"), "a")], window=ANY_TIME, tz=NEW_YORK,
    )
    assert plans[0].due_at == utc(2026, 11, 1, 6, 30)  # not moved back an hour
    dated = plan_followups(
        follow_up_on=dt.date(2026, 11, 1), received_at=utc(2026, 10, 30, 12),
        sequence=[SequenceStep(parse_interval("0d"), "a")],
        window=parse_window("01:30-09:00"), tz=NEW_YORK,
    )
    assert dated[0].due_at == utc(2026, 11, 1, 5, 30)  # 01:30 EDT, the first occurrence


def test_window_collapsed_by_the_gap_is_closed_that_day() -> None:
    # 02:00-03:00 does not exist in Berlin on 29 March 2026: the next opening is Monday's.
    window = DraftingWindow(start=dt.time(2, 0), end=dt.time(3, 0))
    start = next_drafting_time(local(BERLIN, 2026, 3, 29, 0, 30), window, BERLIN)
    assert start.astimezone(BERLIN) == local(BERLIN, 2026, 3, 30, 2, 0)


def test_auckland_dst_starts_in_september() -> None:
    # 27 September 2026: 02:00 NZST jumps to 03:00 NZDT.
    window = parse_window("02:15-10:00", weekdays_only=False)
    start = next_drafting_time(local(AUCKLAND, 2026, 9, 27, 0, 0), window, AUCKLAND)
    assert start.astimezone(AUCKLAND).strftime("%H:%M %Z") == "03:15 NZDT"
