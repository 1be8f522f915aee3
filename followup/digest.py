"""The daily digest: when it is due, what it says, and the message that carries it. Pure.

The digest is plain text meant for a phone: short lines, no tables, one section per kind of
news (who you met, drafts waiting, what is due in the next days, notes needing review).
Each entry about a person is numbered (`[3] Jane Doe`) and carries a `mailto:` link (RFC
6068) to the owner's address with `In-Reply-To=<digest.YYYY-MM-DD.contact-ID@followup>` and
the Subject `followup digest YYYY-MM-DD entry 3: NAME`: tapped on a phone it opens a note
about exactly that person (the Subject alone says it for clients that drop In-Reply-To).
A plain reply to the digest names an entry by its number (`#snooze 2w 3`), which
`entry_contacts` reads back from the digest's stored bytes. It is APPENDed to the watched
folder, never sent; `X-Followup-Digest` and its random Message-ID (recorded in the
`digests` table) let ingestion recognise it.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import re
import secrets
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from urllib.parse import quote
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
    reply_to: str | None = None  # the owner address the links and Reply-To name


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
    parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(header)
    value = parsed.get("Message-ID")
    return str(value).strip() or None if value is not None else None


def entry_anchor(day: dt.date, contact_id: int) -> str:
    """The stable, Message-ID-like name of a person's entry in the digest of `day`."""
    return f"<digest.{day.isoformat()}.contact-{contact_id}@followup>"


def entry_link(day: dt.date, number: int, contact: Contact, owner_address: str) -> str:
    """The `mailto:` URL (RFC 6068) that starts a note about entry `number`'s person."""
    name = _clean(contact.full_name) or (contact.emails[0] if contact.emails else "")
    subject = f"followup digest {day.isoformat()} entry {number}: {name[:60]}"
    return (f"mailto:{quote(owner_address, safe='@')}"
            f"?In-Reply-To={quote(entry_anchor(day, contact.id), safe='')}"
            f"&subject={quote(subject, safe='')}")


_NUMBERED = re.compile(r"^\[(\d{1,4})\] ")
_LINKED = re.compile(r"In-Reply-To=%3Cdigest\.[\d-]+\.contact-(\d+)%40", re.I)


def entry_contacts(raw: bytes) -> dict[int, int]:
    """entry number -> contact id, read back from a digest's own bytes (`digests.raw`)."""
    msg = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    body = msg.get_body(("plain",)) if isinstance(msg, EmailMessage) else None
    text = body.get_content() if body is not None else ""
    found: dict[int, int] = {}
    number = None
    for line in text.splitlines():
        if m := _NUMBERED.match(line):
            number = int(m.group(1))
        elif number is not None and (m := _LINKED.search(line)):
            found.setdefault(number, int(m.group(1)))
            number = None
    return found


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


def call_line(contact: Contact) -> str:
    """A reminder as the owner acts on it: "call Karl Brandt, +49 170 1234567"."""
    how = ", ".join(_phone(p) for p in contact.phones) or "no email or phone known"
    return f"call {_clean(contact.full_name) or '(no name)'}, {how}"


def _step(f: FollowUp, contact: Contact, tz: ZoneInfo) -> str:
    if f.channel is FollowUpChannel.REMINDER or not contact.emails:
        return call_line(contact)
    return f"draft to {_clean(contact.full_name) or contact.emails[0]} ({f.template})"


def _section(title: str, lines: list[list[str]], total: int | None = None) -> list[str]:
    """A section; `total` counts entries beyond the MAX_ENTRIES shown (never numbered)."""
    total = len(lines) if total is None else total
    if not total:
        return []
    out = [f"{title} ({total})", ""]
    for entry in lines[:MAX_ENTRIES]:
        out.extend(entry)
    if total > MAX_ENTRIES:
        out += [f"... and {total - MAX_ENTRIES} more", ""]
    return out


class _Numbering:
    """Numbers the entries about people across the sections and gives each its link."""

    def __init__(self, day: dt.date, owner_address: str) -> None:
        self.day, self.owner_address, self.count = day, owner_address, 0

    def entry(self, contact: Contact, first: str, rest: list[str]) -> list[str]:
        self.count += 1
        link = entry_link(self.day, self.count, contact, self.owner_address)
        return [f"[{self.count}] {first}", *rest, f"  <{link}>", ""]


def _met_lines(e: MetEntry, tz: ZoneInfo, numbering: _Numbering) -> list[str]:
    c = e.contact
    lines = []
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
    return numbering.entry(c, _who(c), lines)


HOW_TO_ANSWER = [
    "To act on an entry, tap its link and write #snooze 2w, #skip,",
    "#cancel, #forget or #fix title CTO; or reply to this digest",
    "with the entry's number: #snooze 2w 1"]


def digest_text(data: DigestData, *, day: dt.date, tz: ZoneInfo, owner_name: str = "",
                owner_address: str = "me@localhost") -> str:
    """The digest's body: plain text, short lines, for a phone."""
    hello = f"Good morning{', ' + _clean(owner_name).split()[0] if _clean(owner_name) else ''}."
    out = [hello, f"followup, {_day(day, tz)} {day.year}", ""]
    n = _Numbering(day, owner_address)
    out += _section("MET SINCE THE LAST DIGEST",
                    [_met_lines(e, tz, n) for e in data.met[:MAX_ENTRIES]], len(data.met))
    out += _section("DRAFTS WAITING IN YOUR DRAFTS FOLDER", [n.entry(
        s.contact, _clean(s.followup.draft_subject) or s.followup.template,
        [f"  to {_who(s.contact)}, since "
         f"{_day(s.followup.drafted_at or s.followup.due_at, tz)}"])
        for s in data.drafts[:MAX_ENTRIES]], len(data.drafts))
    out += _section(f"DUE IN THE NEXT {HORIZON_DAYS} DAYS", [n.entry(
        s.contact, f"{_day(s.followup.due_at, tz)}: {_step(s.followup, s.contact, tz)}", [])
        for s in data.due[:MAX_ENTRIES]], len(data.due))
    out += _section("NOTES THAT NEED YOUR REVIEW", [
        [f"* note {n.id}: {_clean(n.subject) or '(no subject)'}",
         f"  {_clean(n.reason) or 'no reason recorded'}",
         f"  fix it in the Needs review folder, then: followup notes retry {n.id}", ""]
        for n in data.review])
    if n.count:
        out += [*HOW_TO_ANSWER, ""]
    out += ["--", "followup put this digest in your inbox; it never sends mail."]
    return "\n".join(out) + "\n"


def digest_subject(data: DigestData) -> str:
    parts = [f"{len(data.met)} met" if data.met else "",
             f"{len(data.drafts)} draft(s) waiting" if data.drafts else "",
             f"{len(data.due)} due this week" if data.due else "",
             f"{len(data.review)} to review" if data.review else ""]
    return "followup digest: " + ", ".join(p for p in parts if p)


def digest_message(data: DigestData, *, day: dt.date, now: dt.datetime, tz: ZoneInfo,
                   message_id: str, owner_name: str, owner_address: str,
                   reply_to: str | None = None) -> bytes:
    """The digest as a message from followup to the owner (only counts in its headers:
    no name from mail can reach a header). A reply, and each entry's mailto: link, go to
    `reply_to` (default: `owner_address`)."""
    reply_to = reply_to or owner_address
    msg = EmailMessage(policy=SMTP)
    msg["From"] = formataddr(("followup", owner_address))
    msg["To"] = owner_address
    msg["Reply-To"] = reply_to
    msg["Subject"] = digest_subject(data)
    msg["Date"] = format_datetime(now.astimezone(tz))
    msg["Message-ID"] = message_id
    msg[DIGEST_HEADER] = day.isoformat()
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-reply to it
    msg.set_content(digest_text(data, day=day, tz=tz, owner_name=owner_name,
                                owner_address=reply_to), cte="quoted-printable")
    return msg.as_bytes()
