"""The life cycle of a follow-up once planned: what a reply, the owner's own mail, a sent or
deleted draft and an out-of-office do to a contact's plan. Pure decisions over header fields
and stored follow-ups; `now` comes in as an argument, nothing here reads a clock or a mailbox.

The rules (README, "When followup stops"):
- the contact wrote (From is their address, or In-Reply-To/References name their thread),
  dated after the note (its own Date: `note_date`): the steps not drafted yet are cancelled;
  mail of the thread dated before it becomes what the drafts reply to (`rethread`);
- the owner wrote to them after the note: the same, unless the mail is one of followup's
  drafts being sent: that follow-up is `sent` and the later steps keep their distance from
  the send date;
- a draft gone from Drafts and not in Sent for the grace period is `discarded`, and the rest
  of that contact's plan is cancelled (the owner decided);
- automatic mail never counts; an out-of-office that names a return day (in its subject, or
  in the start of its text: `return_date`) moves the next step to the first drafting time
  after that day (later steps keep their distance).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from zoneinfo import ZoneInfo

from followup.drafting import draft_message_id_local
from followup.model import FollowUpStatus
from followup.parsing.addresses import AddressError, parse_mailbox_list
from followup.parsing.timing import find_follow_up_on
from followup.planning import DraftingWindow, move_into_window, window_start_on_or_after
from followup.sender import is_automatic

# What a reply scan reads of a message: never its body, never more of its header.
TRACKED_FIELDS = (
    "From", "To", "Cc", "Bcc", "Date", "Message-ID", "In-Reply-To", "References", "Subject",
    "Auto-Submitted", "X-Autoreply", "X-Autorespond", "X-Auto-Reply", "Precedence", "List-Id",
    "Return-Path", "Content-Type", "X-Followup-Id",
)
_MSGID_RE = re.compile(r"<[^<>\s]{1,250}>")
_SPACE_RE = re.compile(r"\s+")
_REPLY_START_RE = re.compile(r"^\s*(re|aw|sv|antw|r|rif|fwd?|wg|tr|rv)\s*:", re.IGNORECASE)
_PREFIX_RE = re.compile(r"^\s*((re|aw|sv|antw|r|rif|fwd?|wg|tr|rv)\s*:\s*)+", re.IGNORECASE)

# Out-of-office subjects in the parser's languages (EN, DE, FR, ES, IT, NL, PT).
_OOO_RE = re.compile(
    r"out[\s-]of[\s-](the\s)?office|\booo\b|auto(matic|matische|matisch)?[\s-]?(reply|"
    r"antwort|antwoord)|autoreply|away from (the )?office|on (vacation|holiday|leave)|"
    r"annual leave|abwesen|au(ß|ss)er (haus|büro)|nicht im büro|\bim urlaub\b|"
    r"réponse automatique|reponse automatique|\babsen(t|ce)\b|en congés?|hors du bureau|"
    r"fuera de la oficina|respuesta automática|respuesta automatica|ausente|"
    r"de vacaciones|\bausencia\b|fuori (sede|ufficio)|risposta automatica|\bassente\b|"
    r"in ferie|\bafwezig|buiten kantoor|fora do escritório|resposta automática|de férias",
    re.IGNORECASE)
# The words after which an out-of-office names the day it ends.
_BACK_RE = re.compile(
    r"\b(back\s+((in|at)\s+(the\s+)?(office|work)\s+)?(on|from)?|until|till|through|"
    r"returning(\s+on)?|return(s|ing)?\s+on|(will|shall)\s+return(\s+on)?|"
    r"zurück\s+(am|ab)?|wieder\s+(am|ab)|ab(\s+(dem|den))?|bis(\s+(zum|einschließlich))?|"
    r"de\s+retour(\s+au\s+bureau)?\s+(le)?|jusqu'au|retour\s+le|hasta(\s+el)?|"
    r"de\s+regreso(\s+el)?|de\s+vuelta(\s+(en\s+la\s+oficina\s+)?el)?|vuelvo(\s+el)?|"
    r"fino\s+al|rientro(\s+il)?|di\s+ritorno(\s+il)?|tot(\s+en\s+met)?|terug\s+op|até|"
    r"de\s+volta\s+(em|a))\s+", re.IGNORECASE)
# Where the words naming a return day end: the next clause.
_CLAUSE_RE = re.compile(r"\s+(?:and|und|et|y|e|en|but|aber|mais|pero|ma|maar)\s", re.IGNORECASE)
# The earliest a note may be dated: older Date fields are a broken clock, not a note.
_EARLIEST_NOTE = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
# How much later than its arrival a note's Date may be (clock skew) before it is absurd.
_SKEW = dt.timedelta(hours=1)


@dataclass(frozen=True)
class SeenMail:
    """What a reply scan knows of one message: its header fields, decoded and checked."""

    sender: str | None  # the single From addr-spec, lower-cased; None when unreadable
    recipients: tuple[str, ...]  # To, Cc and Bcc addr-specs, lower-cased
    at: dt.datetime  # its Date (UTC); when it has none, when the scan saw it
    message_id: str | None
    thread_ids: tuple[str, ...]  # In-Reply-To and References
    subject: str
    automatic: str | None  # why it is automatic mail, or None
    followup_ids: tuple[str, ...] = ()  # X-Followup-Id values (our own drafts)
    references: tuple[str, ...] = ()  # its References, in order (the chain to reply under)


@dataclass(frozen=True)
class TrackedStep:
    """One open follow-up as the life cycle weighs it (see store.TrackedFollowUp)."""

    id: int
    contact_id: int
    step: int
    status: FollowUpStatus
    due_at: dt.datetime
    note_at: dt.datetime  # when its note came: mail before it is old news
    draft_key: str = ""
    draft_to: str | None = None
    draft_subject: str | None = None
    drafted_at: dt.datetime | None = None
    draft_missing_at: dt.datetime | None = None
    thread_id: str | None = None  # the Message-ID its draft will reply to, when known
    thread_at: dt.datetime | None = None  # that message's Date, when known


@dataclass(frozen=True)
class Change:
    """What to write to one follow-up (only while it is still open), and why."""

    followup_id: int
    values: Mapping[str, object] = field(default_factory=dict)
    contact_id: int | None = None


@dataclass(frozen=True)
class Timing:
    """Where moved steps may land: the owner's drafting window and zone."""

    window: DraftingWindow
    tz: ZoneInfo


# --- reading a header --------------------------------------------------------------------

def read_mail(fields: bytes, seen_at: dt.datetime) -> SeenMail:
    """The header fields of one message (TRACKED_FIELDS) as a `SeenMail`. Never raises:
    hostile or broken values are read as missing."""
    values = _fields(fields)
    first = {name: vals[0] for name, vals in values.items()}
    recipients = [a for name in ("to", "cc", "bcc") for v in values.get(name, [])
                  for a in _addresses(v, strict=False)]
    senders = _addresses(first.get("from", ""), strict=True)
    ids = [i for name in ("in-reply-to", "references") for v in values.get(name, [])
           for i in _MSGID_RE.findall(v)]
    own_id = _MSGID_RE.findall(first.get("message-id", ""))
    return SeenMail(
        sender=senders[0] if len(senders) == 1 else None,
        recipients=tuple(dict.fromkeys(recipients)),
        at=_date(first.get("date"), seen_at),
        message_id=own_id[0] if own_id else None,
        thread_ids=tuple(dict.fromkeys(ids)),
        subject=_decoded(first.get("subject", "")),
        automatic=is_automatic(fields) or _out_of_office(_decoded(first.get("subject", ""))),
        followup_ids=tuple(v.strip() for v in values.get("x-followup-id", [])),
        references=tuple(dict.fromkeys(i for v in values.get("references", [])
                                       for i in _MSGID_RE.findall(v))),
    )


def note_date(date_field: str | None, now: dt.datetime,
              arrived: dt.datetime | None = None) -> dt.datetime:
    """When a note was written: its Date field, unless that is missing, unreadable, before
    1990 or later than `now` (a wrong clock, a forgery); then when it `arrived` in the
    mailbox (when that is sane), else `now`, when followup read it. Mail from a contact
    "after the note" is mail dated after this."""
    return written_at(date_field, now) or sane_moment(arrived, now) or now


def written_at(date_field: str | None, now: dt.datetime) -> dt.datetime | None:
    """A Date field's moment in UTC when it may be true (see `sane_moment`), else None."""
    try:
        parsed = email.utils.parsedate_to_datetime(date_field or "")
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)
        return sane_moment(parsed.astimezone(dt.UTC), now)
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def sane_moment(at: dt.datetime | None, latest: dt.datetime) -> dt.datetime | None:
    """`at` when it may be true: after 1990 and not later than `latest` (a little later is
    clock skew: `latest` then); None for a clock never set or one in the future."""
    if at is None or at < _EARLIEST_NOTE or at > latest + _SKEW:
        return None
    return min(at, latest)


_AUTO_REPLY_RE = re.compile(r"auto-submitted: auto-replied|x-auto-?re(ply|spond)|"
                            r"precedence: auto_reply|out-of-office",
                            re.IGNORECASE)


def is_auto_reply(mail: SeenMail) -> bool:
    """An auto-reply or out-of-office by its header fields (RFC 3834 auto-replied,
    X-Autoreply, Precedence: auto_reply, an out-of-office Subject): the only mail whose text
    is ever read, for its return date. Bulk, list and other generated mail is not."""
    return bool(mail.automatic and (_AUTO_REPLY_RE.search(mail.automatic)
                                    or _out_of_office(mail.subject)))


_LOOSE_ADDR_RE = re.compile(rb"[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+")
_PEOPLE_RE = re.compile(rb"(?im)^(from|to|cc|bcc|x-followup-id)[ \t]*:(.*(?:\r?\n[ \t].*)*)")
_THREAD_RE = re.compile(rb"(?im)^(in-reply-to|references)[ \t]*:(.*(?:\r?\n[ \t].*)*)")


def mentions(fields: bytes) -> tuple[set[str], set[str]]:
    """Every address-like word of the people fields and every Message-ID of the thread
    fields, read loosely and fast: a superset of what `read_mail` finds, so a message
    that names no contact and no known thread can be dropped without a careful read."""
    addresses = {m.decode("ascii", "replace").lower().strip(".")
                 for _name, value in _PEOPLE_RE.findall(fields)
                 for m in _LOOSE_ADDR_RE.findall(value)}
    ids = {i.decode("ascii", "replace") for _name, value in _THREAD_RE.findall(fields)
           for i in re.findall(rb"<[^<>\s]{1,250}>", value)}
    return addresses, ids


def _out_of_office(subject: str) -> str | None:
    """An out-of-office subject ("Automatic reply: ...", "Abwesenheitsnotiz"); a person's
    reply ("Re: out of office until when?") starts with its prefix and is not one."""
    if _REPLY_START_RE.match(subject) or not _OOO_RE.search(subject):
        return None
    return "out-of-office subject"


def _fields(block: bytes) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    text = block.decode("utf-8", "replace")
    for line in re.split(r"\r?\n(?![ \t])", text):
        name, colon, value = line.partition(":")
        if colon and name and " " not in name.strip():
            out.setdefault(name.strip().lower(), []).append(_SPACE_RE.sub(" ", value).strip())
    return out


def _addresses(value: str, *, strict: bool) -> list[str]:
    try:
        boxes = parse_mailbox_list(value, strict=strict, max_count=100)
    except AddressError:
        return []
    return [b.addr_spec.lower() for b in boxes if "@" in b.addr_spec]


def _date(value: str | None, fallback: dt.datetime) -> dt.datetime:
    try:
        parsed = email.utils.parsedate_to_datetime(value or "")
        if parsed.tzinfo is None:  # "-0000": UTC with no zone information (RFC 5322 3.3)
            parsed = parsed.replace(tzinfo=dt.UTC)
        # a Date in the future (a wrong clock, a forgery) counts as when we saw it
        return min(parsed.astimezone(dt.UTC), fallback)
    except (ValueError, TypeError, IndexError, OverflowError):  # year 9999 +1400, year 0...
        return fallback


def _decoded(value: str) -> str:
    try:
        return str(make_header(decode_header(value)))[:500]
    except (ValueError, LookupError, UnicodeError, TypeError):
        return value[:500]


def strip_prefixes(subject: str) -> str:
    """A subject without its Re:/Fwd:/AW:/WG:... prefixes and extra spaces."""
    return _SPACE_RE.sub(" ", _PREFIX_RE.sub("", subject)).strip()


def same_subject(a: str | None, b: str | None) -> bool:
    """Subjects equal once Re:/Fwd: prefixes, case and runs of spaces are set aside."""
    if a is None or b is None:
        return False
    left, right = strip_prefixes(a).casefold(), strip_prefixes(b).casefold()
    return bool(left) and left == right


def out_of_office_until(subject: str, ref: dt.datetime) -> dt.date | None:
    """The day an out-of-office subject says the person is away until or back on
    ("Out of office until March 4", "Abwesend bis 4.3.", "Absent jusqu'au 4 mars")."""
    if _out_of_office(subject) is None:
        return None
    return return_date(subject, ref)


def return_date(text: str, ref: dt.datetime) -> dt.date | None:
    """The first day an auto-reply's text (or subject) says its writer is away until or back
    on ("I'm back on March 4", "ab dem 4.3. wieder im Büro", "de retour le 4 mars", "de
    vuelta el 4 de marzo", "I will return on 2026-03-04"), read with the one timing grammar
    relative to `ref` (the auto-reply's Date); a day before `ref` is no return date."""
    for match in _BACK_RE.finditer(text[:4096]):
        # the words up to the next clause ("March 4 and will reply then" reads as no date),
        # as if the owner had asked to follow up on that day
        after = _CLAUSE_RE.split(text[match.end():match.end() + 40], maxsplit=1)[0]
        day = find_follow_up_on("follow up " + after, ref)
        if day is not None and day >= ref.date():
            return day
    return None


# --- decisions ------------------------------------------------------------------------

def _closed(step: TrackedStep, status: FollowUpStatus, reason: str, now: dt.datetime,
            **more: object) -> Change:
    return Change(step.id, {"status": status, "reason": reason, "closed_at": now, **more},
                  step.contact_id)


def stop_plan(plan: Iterable[TrackedStep], mail_at: dt.datetime, reason: str,
              now: dt.datetime) -> list[Change]:
    """Mail with the person at `mail_at`: cancel the steps not drafted yet of every plan
    whose note came before it (a draft already in Drafts is the owner's to send or delete)."""
    return [_closed(s, FollowUpStatus.CANCELLED, reason, now) for s in plan
            if s.status is FollowUpStatus.PLANNED and s.note_at < mail_at]


def draft_sent(sent: TrackedStep, plan: Iterable[TrackedStep], sent_at: dt.datetime,
               now: dt.datetime, timing: Timing, copy: SeenMail | None = None) -> list[Change]:
    """The owner sent a drafted follow-up: it is `sent`, and the later steps of its plan
    are counted from the send date (each keeps its distance from the sent step). With the
    sent `copy` as found in Sent, they reply to it: it is now the conversation's latest."""
    changes = [_closed(sent, FollowUpStatus.SENT, f"sent on {sent_at:%Y-%m-%d}", now,
                       sent_at=sent_at, draft_missing_at=None)]
    shift = sent_at - sent.due_at
    for step in plan:
        if step.status is FollowUpStatus.PLANNED and step.step > sent.step:
            due = move_into_window(step.due_at + shift, timing.window, timing.tz)
            parent = thread_parent(copy) if copy is not None and copy.message_id else {}
            changes.append(Change(step.id, {"due_at": due, "reason": (
                f"counted from the send of step {sent.step} on {sent_at:%Y-%m-%d}"),
                **parent}, step.contact_id))
    return changes


def away_until(plan: Sequence[TrackedStep], back_on: dt.date, timing: Timing) -> list[Change]:
    """An out-of-office until `back_on`: the next step moves to the first drafting time
    after that day, the later ones keep their distance from it. Never moves a step earlier."""
    planned = sorted((s for s in plan if s.status is FollowUpStatus.PLANNED),
                     key=lambda s: (s.due_at, s.step))
    if not planned:
        return []
    target = window_start_on_or_after(back_on + dt.timedelta(days=1), timing.window, timing.tz)
    shift = target - planned[0].due_at
    if shift <= dt.timedelta(0):
        return []
    reason = f"moved: out of office until {back_on.isoformat()}"
    return [Change(s.id, {"due_at": move_into_window(s.due_at + shift, timing.window,
                                                     timing.tz), "reason": reason},
                   s.contact_id) for s in planned]


def rethread(plan: Iterable[TrackedStep], mail: SeenMail, stopped: Iterable[Change]
             ) -> list[Change]:
    """Mail in a plan's conversation that did not stop it (it came before the note): the
    steps not drafted yet reply to it when it is the latest message of the thread we know
    of (dated after their current parent). An auto-reply is never a parent."""
    gone = {c.followup_id for c in stopped}
    if mail.message_id is None or mail.automatic:
        return []
    return [Change(s.id, thread_parent(mail), s.contact_id) for s in plan
            if s.status is FollowUpStatus.PLANNED and s.id not in gone
            and s.thread_id is not None and s.thread_id in mail.thread_ids
            and (s.thread_at is None or mail.at > s.thread_at)]


_MAX_REFERENCES = 20  # the chain's newest ids: enough for every client to thread


def thread_parent(mail: SeenMail) -> dict[str, object]:
    """What a draft needs to reply to `mail`: its Message-ID (In-Reply-To), its Subject
    without prefixes ("Re: <it>"), the References chain (its own References, else its
    In-Reply-To, then its Message-ID: RFC 5322 3.6.4) and its Date."""
    assert mail.message_id is not None
    before = [i for i in (mail.references or mail.thread_ids) if i != mail.message_id]
    chain = [*before[-(_MAX_REFERENCES - 1):], mail.message_id]
    return {"thread_message_id": mail.message_id,
            "thread_subject": strip_prefixes(mail.subject) or None,
            "thread_references": " ".join(chain), "thread_at": mail.at}


def draft_missing(step: TrackedStep, plan: Iterable[TrackedStep], now: dt.datetime,
                  grace: dt.timedelta) -> list[Change]:
    """The draft is in neither Drafts nor Sent. The first time, remember when (a mail
    client may delete the draft just before its copy reaches Sent); once it stays
    missing for `grace`, it is `discarded` and the rest of the plan is cancelled."""
    since = step.draft_missing_at
    if since is None and grace > dt.timedelta(0):
        return [Change(step.id, {"draft_missing_at": now}, step.contact_id)]
    reason = f"the draft of step {step.step} was deleted without being sent"
    changes = [_closed(step, FollowUpStatus.DISCARDED, "deleted from Drafts without being "
                       "sent", now)] if since is None or now - since >= grace else []
    if changes:
        changes += [_closed(s, FollowUpStatus.CANCELLED, reason, now) for s in plan
                    if s.status is FollowUpStatus.PLANNED]
    return changes


def match_draft(mail: SeenMail, drafted: Sequence[TrackedStep]) -> TrackedStep | None:
    """The drafted follow-up a message in Sent is the sent copy of: by its X-Followup-Id,
    else by the Message-ID followup gave the draft, else by To and Subject (mail clients
    may drop unknown fields and mint a new Message-ID on send)."""
    by_key = {s.draft_key: s for s in drafted}
    for key in mail.followup_ids:
        if key in by_key:
            return by_key[key]
    if mail.message_id:
        for step in drafted:
            if mail.message_id.startswith(f"<{draft_message_id_local(step.draft_key)}@"):
                return step
    for step in drafted:
        if (step.draft_to and step.draft_to.lower() in mail.recipients
                and same_subject(step.draft_subject, mail.subject)
                and (step.drafted_at is None or mail.at >= step.drafted_at - dt.timedelta(days=1))):
            return step
    return None
