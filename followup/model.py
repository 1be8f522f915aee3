"""Domain values of followup: parsed notes, contacts, follow-ups and drafts. No I/O here."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any


class NoteKind(enum.StrEnum):
    """Where a note's contact details were read from (see shared conventions)."""

    NOTE = "note"
    FORWARD = "forward"
    VCARD = "vcard"
    CARD_IMAGE = "card-image"
    MIXED = "mixed"


class NoteStatus(enum.StrEnum):
    """Terminal (and in-flight) states of a message seen in the watched folder."""

    PENDING = "pending"  # recorded, mailbox side effect (move) not yet confirmed
    PROCESSED = "processed"
    NEEDS_REVIEW = "needs-review"
    IGNORED = "ignored"


class FollowUpStatus(enum.StrEnum):
    """Where a follow-up is in its life; the last four are final (see `FollowUp.reason`)."""

    PLANNED = "planned"  # waiting for its due moment (a snooze or reschedule moves due_at)
    DRAFTED = "drafted"  # its draft sits in Drafts, waiting for the owner
    SENT = "sent"  # the owner sent the draft (seen in Sent)
    DISCARDED = "discarded"  # the draft vanished from Drafts without being sent
    SKIPPED = "skipped"  # the owner skipped this step; the plan goes on with the next
    CANCELLED = "cancelled"  # the plan stopped: a reply, the owner wrote, or the owner said so

    @property
    def is_open(self) -> bool:
        return self in (FollowUpStatus.PLANNED, FollowUpStatus.DRAFTED)


class FollowUpChannel(enum.StrEnum):
    """How a follow-up reaches the owner: a draft to a contact's address, or a reminder (a
    person with no email: 'call Karl Brandt') that only the digest and the CLI show."""

    DRAFT = "draft"
    REMINDER = "reminder"


def _person_json(p: ParsedContact | Contact) -> dict[str, Any]:
    """The contact fields `followup parse` and `contacts list` share, in contract order."""
    return {
        "full_name": p.full_name,
        "emails": list(p.emails),
        "phones": list(p.phones),
        "company": p.company,
        "title": p.title,
        "website": p.website,
        "linkedin": p.linkedin,
        "address": p.address,
    }


@dataclass(frozen=True)
class ParsedContact:
    """One person a note is about, as `followup parse` prints it."""

    full_name: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str | None = None
    title: str | None = None
    website: str | None = None
    linkedin: str | None = None
    address: str | None = None

    def to_json(self) -> dict[str, Any]:
        return _person_json(self)


@dataclass(frozen=True)
class ForwardedInfo:
    """Header fields of the message the owner forwarded (outermost forwarded block)."""

    from_: str | None = None
    subject: str | None = None
    date: str | None = None  # ISO 8601 with the offset the header shows

    def to_json(self) -> dict[str, Any]:
        return {"from": self.from_, "subject": self.subject, "date": self.date}


@dataclass(frozen=True)
class ParsedNote:
    """Everything understood from one message: the contract of `followup parse --json`."""

    message_id: str | None = None
    kind: NoteKind = NoteKind.NOTE
    note: str | None = None
    contacts: tuple[ParsedContact, ...] = ()
    met_at: str | None = None
    met_on: dt.date | None = None
    follow_up_on: dt.date | None = None
    tags: tuple[str, ...] = ()
    forwarded: ForwardedInfo | None = None
    warnings: tuple[str, ...] = ()
    # Set when a size or structure limit stopped parsing: the daemon sends such a note to review.
    limit_hit: str | None = None
    # Outer Subject, kept for drafts ("Re: ...") and review listings; not part of the JSON contract.
    subject: str | None = field(default=None, compare=False)
    # Message-ID of the forwarded message when the note shows it (an attached message/rfc822),
    # for threading a "Re:" draft; not part of the JSON contract either.
    forwarded_message_id: str | None = field(default=None, compare=False)
    # Not part of the JSON contract either: the sequence the owner chose with `#seq NAME`,
    # and the person's language (ISO 639-1: the forwarded mail's, else the note's).
    sequence: str | None = field(default=None, compare=False)
    language: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "kind": str(self.kind),
            "note": self.note,
            "contacts": [c.to_json() for c in self.contacts],
            "met_at": self.met_at,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "follow_up_on": self.follow_up_on.isoformat() if self.follow_up_on else None,
            "tags": list(self.tags),
            "forwarded": self.forwarded.to_json() if self.forwarded else None,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Contact:
    """A stored person. `emails` identify them: the same address is the same person."""

    id: int
    full_name: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    company: str | None
    title: str | None
    website: str | None
    linkedin: str | None
    address: str | None
    met_at: str | None
    met_on: dt.date | None
    created_at: dt.datetime
    # Last mail from or to this person seen in the watched/reply folders or Sent.
    last_contact_at: dt.datetime | None = None
    # Fields the owner corrected (`contacts edit`, a labelled note, `#fix`): parsing a later
    # note never overwrites them.
    owner_fields: tuple[str, ...] = ()
    # Those of them the owner set by hand (`contacts edit`, `#fix`): a later labelled note
    # corrects the other fields, never these.
    edited_fields: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            **_person_json(self),
            "met_at": self.met_at,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "created_at": self.created_at.isoformat(),
            "last_contact_at": self.last_contact_at.isoformat() if self.last_contact_at else None,
            "owner_fields": list(self.owner_fields),
            "edited_fields": list(self.edited_fields),
        }


@dataclass(frozen=True)
class PlannedFollowUp:
    """A follow-up decided by planning, before it is stored."""

    step: int
    template: str
    due_at: dt.datetime  # tz-aware UTC: the first moment a draft may be created


@dataclass(frozen=True)
class FollowUp:
    """A stored follow-up: one draft to prepare for one contact, from one note."""

    id: int
    contact_id: int
    note_id: int
    step: int
    template: str
    due_at: dt.datetime
    status: FollowUpStatus
    draft_key: str  # value of X-Followup-Id on the draft: stable, so APPEND is idempotent
    drafted_at: dt.datetime | None = None
    draft_to: str | None = None
    draft_subject: str | None = None
    created_at: dt.datetime | None = None
    sequence: str = "default"  # the named sequence ([sequences.NAME]) this step belongs to
    channel: FollowUpChannel = FollowUpChannel.DRAFT
    reason: str | None = None  # why it was sent/discarded/skipped/cancelled/moved, for people
    closed_at: dt.datetime | None = None  # when it reached a final status
    sent_at: dt.datetime | None = None  # Date of the sent mail, when the owner sent it
    thread_message_id: str | None = None  # Message-ID the draft replies to (In-Reply-To)
    # that message's Subject and References chain when it is not the forwarded message (the
    # owner's sent follow-up, the contact's later mail in the thread)
    thread_subject: str | None = field(default=None, compare=False)
    thread_references: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "note_id": self.note_id,
            "step": self.step,
            "template": self.template,
            "due_at": self.due_at.isoformat(),
            "status": str(self.status),
            "draft_key": self.draft_key,
            "drafted_at": self.drafted_at.isoformat() if self.drafted_at else None,
            "to": self.draft_to,
            "subject": self.draft_subject,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "sequence": self.sequence,
            "channel": str(self.channel),
            "reason": self.reason,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
            "thread_message_id": self.thread_message_id,
        }


@dataclass(frozen=True)
class NoteRecord:
    """A message seen in the watched folder and what became of it."""

    id: int
    account: str
    folder: str
    uidvalidity: int
    uid: str
    content_hash: str
    message_id: str | None
    subject: str | None
    status: NoteStatus
    reason: str | None
    received_at: dt.datetime
    # What the note said, kept for drafting (None once forgotten or for ignored mail).
    kind: str | None = None
    note_text: str | None = None
    met_at: str | None = None
    met_on: dt.date | None = None
    follow_up_on: dt.date | None = None
    tags: tuple[str, ...] = ()
    # Message-ID of the forwarded (original) message, for threading a "Re:" draft to it.
    forwarded_message_id: str | None = None
    # the forwarded message's Date: which of several mails with its From and Subject it is
    forwarded_at: dt.datetime | None = None
    language: str | None = None  # ISO 639-1 code of the note or forwarded mail, when known
    action: str | None = None  # what a command by mail (#snooze, #fix ...) did, for people
    # the note's own Date (its arrival when it had none or an absurd one); None for notes
    # recorded before revision 0010, which count from `received_at`
    note_date: dt.datetime | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "account": self.account,
            "folder": self.folder,
            "uidvalidity": self.uidvalidity,
            "uid": self.uid,
            "message_id": self.message_id,
            "subject": self.subject,
            "status": str(self.status),
            "reason": self.reason,
            "received_at": self.received_at.isoformat(),
            "kind": self.kind,
            "met_at": self.met_at,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "follow_up_on": self.follow_up_on.isoformat() if self.follow_up_on else None,
            "tags": list(self.tags),
            "forwarded_message_id": self.forwarded_message_id,
            "forwarded_at": self.forwarded_at.isoformat() if self.forwarded_at else None,
            "language": self.language,
            "action": self.action,
        }
