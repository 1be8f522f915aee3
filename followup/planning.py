"""Follow-up policy: intervals, sequences and the drafting window, as pure date math.

Every function takes the moment it reasons about as an argument; nothing here reads the clock.
Datetimes going in must be tz-aware; datetimes coming out are tz-aware UTC.

DST rule (one rule, used everywhere, so planning and `in_drafting_window` always agree): a local
wall time is read with PEP 495 ``fold=0``. A time that does not exist (spring-forward gap, e.g.
02:30 in Berlin on the last Sunday of March) is read with the offset in force before the gap, so
it lands as far after the gap as it was inside it (02:30 -> 03:30 CEST). A time that occurs twice
(autumn fold, e.g. 02:30 in Berlin on the last Sunday of October) is its first occurrence
(summer time). A window whose start and end collapse onto the same instant on such a day is
closed that day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from followup.model import PlannedFollowUp

UTC = dt.UTC
_DAY_MINUTES = 24 * 60
# Weekday-only windows skip at most two days; holidays add their own run of days (a
# Christmas-to-New-Year break listed day by day): a year ahead covers any real calendar.
_MAX_DAYS_AHEAD = 370
DEFAULT_SEQUENCE = "default"
_MAX_INTERVAL_DAYS = 3660  # ten years: beyond that a "follow-up" is a typo
_INTERVAL_RE = re.compile(r"^\s*(\d{1,4})\s*([a-z]+)\s*$")
_UNITS: dict[str, tuple[int, int]] = {  # unit -> (days per unit, months per unit)
    "d": (1, 0), "day": (1, 0), "days": (1, 0),
    "w": (7, 0), "wk": (7, 0), "week": (7, 0), "weeks": (7, 0),
    "m": (0, 1), "mo": (0, 1), "month": (0, 1), "months": (0, 1),
}
_WINDOW_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Interval:
    """A calendar offset: whole months (same day N months on, clamped to month end) plus days."""

    days: int = 0
    months: int = 0

    def add_to(self, day: dt.date) -> dt.date:
        return _add_months(day, self.months) + dt.timedelta(days=self.days)

    def add_to_local(self, moment: dt.datetime) -> dt.datetime:
        """The same local wall time `self` later (naive in, naive out)."""
        return dt.datetime.combine(self.add_to(moment.date()), moment.time())

    def minus(self, other: Interval) -> Interval:
        """The offset from `other` to `self`, never negative (used to re-anchor sequences)."""
        months, days = self.months - other.months, self.days - other.days
        if months < 0 or (months == 0 and days < 0):
            return Interval()
        return Interval(days=days, months=months)

    def __str__(self) -> str:
        if self.months and not self.days:
            return f"{self.months}m"
        if self.months:
            return f"{self.months}m+{self.days}d"
        return f"{self.days}d"


def _add_months(day: dt.date, months: int) -> dt.date:
    if not months:
        return day
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def parse_interval(text: str) -> Interval:
    """Read "0d", "3d", "2w", "1m", "10 days", "2 weeks" ("m" is months, never minutes)."""
    match = _INTERVAL_RE.match(text.lower()) if isinstance(text, str) else None
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit is None:
        raise ValueError(
            f"invalid interval {text!r}: write a whole number and a unit, "
            'e.g. "0d", "3d", "2w", "1m" or "10 days" (d = days, w = weeks, m = months)'
        )
    count = int(match.group(1))
    interval = Interval(days=count * unit[0], months=count * unit[1])
    if interval.days + interval.months * 31 > _MAX_INTERVAL_DAYS:
        raise ValueError(f"invalid interval {text!r}: more than ten years ahead")
    return interval


@dataclass(frozen=True)
class Holidays:
    """Days on which no draft becomes due: listed dates, plus (optionally) a country's public
    holidays from the `holidays` package (computed, no download), in the owner's local days."""

    dates: frozenset[dt.date] = frozenset()
    country: str | None = None  # ISO 3166-1 alpha-2, e.g. "DE"
    subdivision: str | None = None  # e.g. "BY" (Bavaria); None: the country's national days

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return day in self.dates or (self.country is not None
                                     and day in country_holidays(self.country, self.subdivision))

    def __str__(self) -> str:
        where = f"{self.country}{'-' + self.subdivision if self.subdivision else ''}"
        return ", ".join(filter(None, [where if self.country else "",
                                       f"{len(self.dates)} listed day(s)" if self.dates else ""]))


@functools.lru_cache(maxsize=8)
def country_holidays(country: str, subdivision: str | None = None) -> Container[dt.date]:
    """A country's public holidays (years are filled in as they are asked for).

    Raises ValueError for a country or subdivision the `holidays` package does not know."""
    import holidays  # lazy: only owners who name a country pay for its import

    try:
        return holidays.country_holidays(country.upper(), subdiv=subdivision)
    except NotImplementedError as exc:
        raise ValueError(str(exc)) from None


@dataclass(frozen=True)
class DraftingWindow:
    """When drafts may appear, in the owner's local time: [start, end), optionally Mon-Fri only.

    `end` None means the end of the day (24:00); "00:00-24:00" is any time.
    """

    start: dt.time = dt.time(0, 0)
    end: dt.time | None = None
    weekdays_only: bool = False
    holidays: Holidays = field(default_factory=Holidays)

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or (self.end is not None and self.end.tzinfo is not None):
            raise ValueError("drafting window times are local wall times: give them no tzinfo")
        if self._end_minutes <= self._start_minutes:
            raise ValueError(
                f"drafting window {self}: the end must come after the start on the same day"
            )

    @property
    def _start_minutes(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def _end_minutes(self) -> int:
        return _DAY_MINUTES if self.end is None else self.end.hour * 60 + self.end.minute

    @property
    def any_time(self) -> bool:
        return self._start_minutes == 0 and self.end is None and not self.weekdays_only

    def allows_day(self, day: dt.date) -> bool:
        return (not self.weekdays_only or day.weekday() < 5) and day not in self.holidays

    def bounds(self, day: dt.date, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        """The UTC instants at which the window opens and closes on local `day`."""
        start = _local_to_utc(dt.datetime.combine(day, self.start), tz)
        if self.end is None:
            end = _local_to_utc(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), tz)
        else:
            end = _local_to_utc(dt.datetime.combine(day, self.end), tz)
        return start, end

    def __str__(self) -> str:
        end = "24:00" if self.end is None else self.end.strftime("%H:%M")
        days = " (weekdays only)" if self.weekdays_only else ""
        off = f" (not on holidays: {self.holidays})" if str(self.holidays) else ""
        return f"{self.start.strftime('%H:%M')}-{end}{days}{off}"


def parse_window(text: str, *, weekdays_only: bool = False) -> DraftingWindow:
    """Read "HH:MM-HH:MM": end exclusive, "24:00" as end is midnight, "00:00-24:00" any time."""
    match = _WINDOW_RE.match(text) if isinstance(text, str) else None
    problem = "write it as HH:MM-HH:MM, e.g. \"09:00-17:30\" or \"00:00-24:00\" for any time"
    if match is None:
        raise ValueError(f"invalid drafting window {text!r}: {problem}")
    sh, sm, eh, em = (int(g) for g in match.groups())
    if sh > 23 or sm > 59 or em > 59 or eh > 24 or (eh == 24 and em != 0):
        raise ValueError(
            f"invalid drafting window {text!r}: hours 00-23 (24:00 as end), minutes 00-59"
        )
    end = None if eh == 24 else dt.time(eh, em)
    if (eh * 60 + em) <= (sh * 60 + sm):
        raise ValueError(
            f"invalid drafting window {text!r}: the end must come after the start "
            "(windows across midnight are not supported)"
        )
    return DraftingWindow(start=dt.time(sh, sm), end=end, weekdays_only=weekdays_only)


@dataclass(frozen=True)
class SequenceStep:
    """One draft of a sequence: due `after` the note arrived, rendered from `template`."""

    after: Interval
    template: str


@dataclass(frozen=True)
class FollowUpSequence:
    """A named list of steps (`[sequences.NAME]`); a note picks one with `#seq NAME` or a tag."""

    name: str
    steps: tuple[SequenceStep, ...]
    tags: tuple[str, ...] = ()  # a note with one of these #tags gets this sequence
    language: str | None = None  # drafts in this language (ISO 639-1), whatever the note's


@dataclass(frozen=True)
class SequenceChoice:
    """The sequence a note gets, and why not the one it asked for (for `notes list`)."""

    sequence: FollowUpSequence
    warning: str | None = None


def choose_sequence(asked: str | None, tags: Sequence[str],
                    sequences: Mapping[str, FollowUpSequence]) -> SequenceChoice:
    """`#seq NAME` first, then the first sequence (in config order) one of whose `tags` the
    note carries, else `default`. An unknown name never loses the note: it gets the default
    sequence and a warning naming the sequences that exist."""
    default = sequences[DEFAULT_SEQUENCE]
    if asked:
        found = sequences.get(asked.lower())
        if found is not None:
            return SequenceChoice(found)
        known = ", ".join(sequences)
        return SequenceChoice(default, f"unknown sequence {asked!r} (#seq {asked}): the "
                                       f"{DEFAULT_SEQUENCE!r} sequence is used; known: {known}")
    wanted = {t.lower() for t in tags}
    for seq in sequences.values():
        if wanted.intersection(seq.tags):
            return SequenceChoice(seq)
    return SequenceChoice(default)


def _local_to_utc(naive: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    # fold=0: see the module docstring for what this does to gaps and folds.
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def _require_aware(moment: dt.datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a tz-aware datetime, got naive {moment.isoformat()}")


def move_into_window(moment: dt.datetime, window: DraftingWindow, tz: ZoneInfo) -> dt.datetime:
    """The first instant at or after `moment` that lies inside the drafting window (UTC)."""
    _require_aware(moment, "moment")
    moment = moment.astimezone(UTC)
    first_day = moment.astimezone(tz).date()
    for offset in range(_MAX_DAYS_AHEAD):
        day = first_day + dt.timedelta(days=offset)
        if not window.allows_day(day):
            continue
        start, end = window.bounds(day, tz)
        if start >= end or moment >= end:
            continue
        return max(moment, start)
    raise AssertionError(f"no drafting time within {_MAX_DAYS_AHEAD} days of {moment}: {window}")


def window_start_on_or_after(day: dt.date, window: DraftingWindow, tz: ZoneInfo) -> dt.datetime:
    """When the window first opens on local `day` or the next allowed day (UTC)."""
    for offset in range(_MAX_DAYS_AHEAD):
        candidate = day + dt.timedelta(days=offset)
        if window.allows_day(candidate):
            start, end = window.bounds(candidate, tz)
            if start < end:
                return start
    raise AssertionError(f"no drafting day within {_MAX_DAYS_AHEAD} days of {day}: {window}")


def in_drafting_window(now: dt.datetime, window: DraftingWindow, tz: ZoneInfo) -> bool:
    """True when a draft may be created at `now`."""
    _require_aware(now, "now")
    return move_into_window(now, window, tz) == now.astimezone(UTC)


def next_drafting_time(now: dt.datetime, window: DraftingWindow, tz: ZoneInfo) -> dt.datetime:
    """`now` (in UTC) when inside the window, else when the window next opens."""
    return move_into_window(now, window, tz)


def plan_followups(
    *,
    follow_up_on: dt.date | None,
    received_at: dt.datetime,
    sequence: Sequence[SequenceStep],
    window: DraftingWindow,
    tz: ZoneInfo,
    dated_template: str | None = None,
) -> list[PlannedFollowUp]:
    """The follow-ups one note asks for, each due inside the drafting window.

    Without `follow_up_on`, step N is due at `received_at` (local wall time) + its interval.
    With it, step 1 is due that local day and later steps keep their offsets from step 1.
    A due moment is never earlier than the note's own arrival moved into the window, so a
    date already past yields a draft at the next drafting time rather than one outside it,
    and the later steps keep their distance from that first draft.
    `dated_template`, when given, replaces step 1's template when the note set its own date.
    """
    _require_aware(received_at, "received_at")
    if not sequence:
        return []
    earliest = move_into_window(received_at, window, tz)
    local_received = received_at.astimezone(tz)
    planned: list[PlannedFollowUp] = []
    # A requested day already past starts the plan at the next drafting time, so later
    # steps keep their distance from the first follow-up instead of all falling due at once.
    anchor = None if follow_up_on is None else max(follow_up_on,
                                                    earliest.astimezone(tz).date())
    for number, step in enumerate(sequence, start=1):
        if anchor is not None:
            day = step.after.minus(sequence[0].after).add_to(anchor)
            due = window_start_on_or_after(day, window, tz)
        else:
            due = move_into_window(_due_moment(local_received, step.after, tz), window, tz)
        template = step.template
        if number == 1 and follow_up_on is not None and dated_template:
            template = dated_template
        planned.append(PlannedFollowUp(step=number, template=template, due_at=max(due, earliest)))
    return planned


def _due_moment(local_received: dt.datetime, after: Interval, tz: ZoneInfo) -> dt.datetime:
    if after == Interval():
        return local_received.astimezone(UTC)  # keep the exact instant, even inside a DST fold
    naive = after.add_to_local(local_received.replace(tzinfo=None))
    return _local_to_utc(naive, tz)
