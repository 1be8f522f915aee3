"""The daily digest: when it is due, what it says, and the message that carries it. Pure.

The digest is plain text meant for a phone: short lines, no tables, one section per kind of
news (who you met, drafts waiting, what is due in the next days, notes needing review),
each entry of a person followed by its anchor `<digest.YYYY-MM-DD.contact-ID@followup>`,
so that a reply quoting an entry names the person without ambiguity. It is APPENDed to the
watched folder, never sent; `X-Followup-Digest` and its random Message-ID (recorded in the
`digests` table) let ingestion recognise it.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from zoneinfo import ZoneInfo

from followup.model import Contact, FollowUp, FollowUpChannel, FollowUpStatus, NoteRecord

DIGEST_HEADER = "X-Followup-Digest"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_ENTRIES = 25  # per section: a first digest after a backlog stays readable
HORIZON_DAYS = 7


@dataclass(frozen=True)
class DigestSchedule:
    """`[digest]`: whether, at what local time and on which weekdays (0 = Monday)."""

    enabled: bool = True
    at: dt.time = dt.time(8, 0)
    days: frozenset[int] = frozenset(range(5))


@dataclass(frozen=True)
class MetEntry:
    """A person from a note read since the last digest, and their next step."""

    contact: Contact
    note: NoteRecord
    next_step: FollowUp | None = None


@dataclass(frozen=True)
class StepEntry:
    """A follow-up (a draft waiting, or a step due soon) and its person."""

    followup: FollowUp
    contact: Contact


@dataclass(frozen=True)
class DigestData:
    met: list[MetEntry] = field(default_factory=list)
    drafts: list[StepEntry] = field(default_factory=list)
    due: list[StepEntry] = field(default_factory=list)
    review: list[NoteRecord] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.met or self.drafts or self.due or self.review)


# How long after its hour a day's digest may still be written: a machine that was asleep
# at 08:00 gets it when it wakes; one that wakes in the evening does not (stale news).
GRACE = dt.timedelta(hours=6)


def due_day(now: dt.datetime, schedule: DigestSchedule, tz: ZoneInfo) -> dt.date | None:
    """The local day whose digest is due at `now`: a digest day, from its hour for GRACE."""
    local = now.astimezone(tz)
    if not schedule.enabled or local.weekday() not in schedule.days:
        return None
    start = dt.datetime.combine(local.date(), schedule.at, tzinfo=tz)
    return local.date() if start <= local < start + GRACE else None


def header_message_id(header: bytes) -> str | None:
    """The Message-ID of a raw header block, stripped; None when it has none."""
    import email.parser
    import email.policy

    parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(header)
    value = parsed.get("Message-ID")
    return str(value).strip() or None if value is not None else None


def entry_anchor(day: dt.date, contact_id: int) -> str:
    """The stable, Message-ID-like name of a person's entry in the digest of `day`."""
    return f"<digest.{day.isoformat()}.contact-{contact_id}@followup>"


def new_message_id(day: dt.date) -> str:
    """A digest's Message-ID: the day and a random part no stranger can guess."""
    return f"<digest.{day.isoformat()}.{secrets.token_hex(8)}@followup>"


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean(text: str | None) -> str:
    """One line of text from mail: control characters and bidi overrides dropped."""
    return " ".join(_UNSAFE.sub("", text or "").split())


def _day(value: dt.datetime | dt.date, tz: ZoneInfo) -> str:
    if isinstance(value, dt.datetime):
        value = value.astimezone(tz).date()
    return f"{WEEKDAYS[value.weekday()].capitalize()} {value.day} {value:%b}"


def _phone(e164: str) -> str:
    """+491701234567 as people write it, +49 170 1234567 (tappable on a phone either way)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
        return str(phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    except phonenumbers.NumberParseException:
        return e164


def _who(contact: Contact) -> str:
    name = _clean(contact.full_name) or (contact.emails[0] if contact.emails else "(no name)")
    role = " at ".join(_clean(x) for x in (contact.title, contact.company) if x)
    return f"{name}, {role}" if role else name


def _step(f: FollowUp, contact: Contact, tz: ZoneInfo) -> str:
    if f.channel is FollowUpChannel.REMINDER or not contact.emails:
        how = ", ".join(_phone(p) for p in contact.phones) or "no email or phone known"
        return f"call {_clean(contact.full_name) or '(no name)'}, {how}"
    return f"draft to {_clean(contact.full_name) or contact.emails[0]} ({f.template})"


def _section(title: str, lines: list[list[str]]) -> list[str]:
    if not lines:
        return []
    out = [f"{title} ({len(lines)})", ""]
    for entry in lines[:MAX_ENTRIES]:
        out.extend(entry)
    if len(lines) > MAX_ENTRIES:
        out += [f"... and {len(lines) - MAX_ENTRIES} more", ""]
    return out


def _met_lines(e: MetEntry, day: dt.date, tz: ZoneInfo) -> list[str]:
    c = e.contact
    lines = [f"* {_who(c)}"]
    reach = [*c.emails, *(_phone(p) for p in c.phones)]
    if reach:
        lines.append("  " + ", ".join(reach))
    where = e.note.met_at or c.met_at
    when = e.note.met_on or c.met_on
    if where or when:
        lines.append("  met" + (f" at {_clean(where)}" if where else "")
                     + (f" on {_day(when, tz)}" if when else ""))
    step = e.next_step
    if step is not None and step.status is FollowUpStatus.DRAFTED:
        lines.append("  next: your draft to them waits in Drafts")
    elif step is not None:
        lines.append(f"  next: {_step(step, c, tz)}, {_day(step.due_at, tz)}")
    elif not c.emails:
        lines.append("  no email: nothing will be drafted")
    lines.append(f"  {entry_anchor(day, c.id)}")
    return [*lines, ""]


def digest_text(data: DigestData, *, day: dt.date, tz: ZoneInfo, owner_name: str = "") -> str:
    """The digest's body: plain text, short lines, for a phone."""
    hello = f"Good morning{', ' + _clean(owner_name).split()[0] if _clean(owner_name) else ''}."
    out = [hello, f"followup, {_day(day, tz)} {day.year}", ""]
    out += _section("MET SINCE THE LAST DIGEST", [_met_lines(e, day, tz) for e in data.met])
    out += _section("DRAFTS WAITING IN YOUR DRAFTS FOLDER", [
        [f"* {_clean(s.followup.draft_subject) or s.followup.template}",
         f"  to {_who(s.contact)}, since {_day(s.followup.drafted_at or s.followup.due_at, tz)}",
         f"  {entry_anchor(day, s.contact.id)}", ""] for s in data.drafts])
    out += _section(f"DUE IN THE NEXT {HORIZON_DAYS} DAYS", [
        [f"* {_day(s.followup.due_at, tz)}: {_step(s.followup, s.contact, tz)}",
         f"  {entry_anchor(day, s.contact.id)}", ""] for s in data.due])
    out += _section("NOTES THAT NEED YOUR REVIEW", [
        [f"* note {n.id}: {_clean(n.subject) or '(no subject)'}",
         f"  {_clean(n.reason) or 'no reason recorded'}",
         f"  fix it in the Needs review folder, then: followup notes retry {n.id}", ""]
        for n in data.review])
    out += ["--", "followup put this digest in your inbox; it never sends mail."]
    return "\n".join(out) + "\n"


def digest_subject(data: DigestData) -> str:
    parts = [f"{len(data.met)} met" if data.met else "",
             f"{len(data.drafts)} draft(s) waiting" if data.drafts else "",
             f"{len(data.due)} due this week" if data.due else "",
             f"{len(data.review)} to review" if data.review else ""]
    return "followup digest: " + ", ".join(p for p in parts if p)


def digest_message(data: DigestData, *, day: dt.date, now: dt.datetime, tz: ZoneInfo,
                   message_id: str, owner_name: str, owner_address: str) -> bytes:
    """The digest as a message from followup to the owner (only counts in its headers:
    no name from mail can reach a header)."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = formataddr(("followup", owner_address))
    msg["To"] = owner_address
    msg["Subject"] = digest_subject(data)
    msg["Date"] = format_datetime(now.astimezone(tz))
    msg["Message-ID"] = message_id
    msg[DIGEST_HEADER] = day.isoformat()
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-reply to it
    msg.set_content(digest_text(data, day=day, tz=tz, owner_name=owner_name),
                    cte="quoted-printable")
    return msg.as_bytes()
