"""Reply tracking's part of the store: folder marks, the read ledger, and follow-up changes
the life cycle decides (closed, moved, threaded, drafts gone missing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from followup.model import FollowUp, FollowUpStatus
from followup.store.base import UnitBase, insert_skipping_taken
from followup.store.followups import followup_from_row
from followup.store.schema import (
    contact_emails,
    contacts,
    followups,
    lookbacks,
    note_contacts,
    notes,
    reply_marks,
    reply_seen,
)

_IN_BATCH = 500
_OPEN = (str(FollowUpStatus.PLANNED), str(FollowUpStatus.DRAFTED))


@dataclass(frozen=True)
class TrackedFollowUp:
    """An open follow-up with what the life cycle weighs it against: when its note came, and
    since when its draft is missing from Drafts."""

    followup: FollowUp
    account: str
    note_at: dt.datetime
    draft_missing_at: dt.datetime | None = None
    # the message its draft replies to: its own, else its note's forwarded message
    thread_id: str | None = None
    thread_at: dt.datetime | None = None  # that message's Date, when known


@dataclass(frozen=True)
class Lookback:
    """A one-time look for mail from and to `email` dated since `since` (see lookbacks)."""

    id: int
    account: str
    contact_id: int
    email: str
    since: dt.datetime


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _IN_BATCH):
        yield values[start:start + _IN_BATCH]


class TrackingOps(UnitBase):
    """The reply-tracking operations of a `Unit`."""

    # -- where each folder was read up to ---------------------------------------------
    def reply_mark(self, account: str, folder: str) -> tuple[int, int] | None:
        """(UIDVALIDITY, highest UID read) of a folder, or None before its first pass."""
        row = self.conn.execute(sa.select(reply_marks.c.uidvalidity, reply_marks.c.last_uid)
                                .where(reply_marks.c.account == account,
                                       reply_marks.c.folder == folder)).first()
        return None if row is None else (int(row[0]), int(row[1]))

    def reply_marks(self, account: str) -> dict[str, tuple[int, int]]:
        """folder -> (UIDVALIDITY, highest UID read), for every folder of `account`."""
        rows = self.conn.execute(sa.select(reply_marks.c.folder, reply_marks.c.uidvalidity,
                                           reply_marks.c.last_uid)
                                 .where(reply_marks.c.account == account))
        return {str(f): (int(v), int(u)) for f, v, u in rows}

    def set_reply_mark(self, account: str, folder: str, uidvalidity: int, last_uid: int) -> None:
        where = (reply_marks.c.account == account, reply_marks.c.folder == folder)
        done = self.conn.execute(reply_marks.update().where(*where)
                                 .values(uidvalidity=uidvalidity, last_uid=last_uid))
        if done.rowcount == 0:
            self.conn.execute(reply_marks.insert().values(
                account=account, folder=folder, uidvalidity=uidvalidity, last_uid=last_uid))

    def seen_uids(self, account: str, folder: str, uidvalidity: int) -> set[str]:
        rows = self.conn.execute(sa.select(reply_seen.c.uid).where(
            reply_seen.c.account == account, reply_seen.c.folder == folder,
            reply_seen.c.uidvalidity == uidvalidity))
        return {str(uid) for uid in rows.scalars()}

    def add_seen(self, account: str, folder: str, uidvalidity: int, uids: Sequence[str]) -> None:
        if uids:
            self.conn.execute(insert_skipping_taken(self.conn, reply_seen), [
                {"account": account, "folder": folder, "uidvalidity": uidvalidity, "uid": uid}
                for uid in uids])

    def forget_seen(self, account: str, folder: str, keep_uids: Sequence[str]) -> None:
        """Drop ledger rows of messages no longer in the folder (it does not grow forever)."""
        present = set(keep_uids)
        gone = [uid for uid in self.seen_uids(account, folder, 0) if uid not in present]
        for part in _chunks(gone):
            self.conn.execute(reply_seen.delete().where(
                reply_seen.c.account == account, reply_seen.c.folder == folder,
                reply_seen.c.uid.in_(part)))

    # -- who a message is about --------------------------------------------------------
    def contacts_by_emails(self, emails: Iterable[str]) -> dict[str, int]:
        """address (lower case) -> contact id, for the addresses that are a contact's."""
        wanted = sorted({e.lower() for e in emails})
        found: dict[str, int] = {}
        for part in _chunks(wanted):
            found.update((str(e), int(c)) for e, c in self.conn.execute(
                sa.select(contact_emails.c.email, contact_emails.c.contact_id)
                .where(contact_emails.c.email.in_(part))))
        return found

    def contacts_by_thread_ids(self, message_ids: Iterable[str]) -> dict[str, set[int]]:
        """Message-ID -> the contacts whose conversation it belongs to: the forwarded
        message of their note, or the message one of their drafts replies to."""
        wanted = sorted(set(message_ids))
        found: dict[str, set[int]] = {}
        for part in _chunks(wanted):
            by_note = (sa.select(notes.c.forwarded_message_id, note_contacts.c.contact_id)
                       .join(note_contacts, note_contacts.c.note_id == notes.c.id)
                       .where(notes.c.forwarded_message_id.in_(part)))
            by_draft = (sa.select(followups.c.thread_message_id, followups.c.contact_id)
                        .where(followups.c.thread_message_id.in_(part)))
            for mid, contact in self.conn.execute(sa.union(by_note, by_draft)):
                found.setdefault(str(mid), set()).add(int(contact))
        return found

    # -- open follow-ups ---------------------------------------------------------------
    def _tracked(self, where: sa.ColumnElement[bool]) -> list[TrackedFollowUp]:
        # "after the note" is after the note's own Date (notes recorded before it was kept:
        # when followup read them)
        note_at = sa.func.coalesce(notes.c.note_date, notes.c.received_at)
        rows = self.conn.execute(
            sa.select(followups, notes.c.account,
                      sa.type_coerce(note_at, notes.c.received_at.type).label("note_at"),
                      notes.c.forwarded_message_id, notes.c.forwarded_at)
            .join(notes, notes.c.id == followups.c.note_id)
            .where(where).order_by(followups.c.contact_id, followups.c.step, followups.c.id))
        out = []
        for r in rows:
            m = r._mapping
            own = m["thread_message_id"]
            out.append(TrackedFollowUp(
                followup_from_row(r), m["account"], m["note_at"], m["draft_missing_at"],
                own or m["forwarded_message_id"],
                m["thread_at"] if own else m["forwarded_at"]))
        return out

    def open_followups_of(self, contact_ids: Iterable[int]) -> list[TrackedFollowUp]:
        ids = sorted(set(contact_ids))
        found: list[TrackedFollowUp] = []
        for start in range(0, len(ids), _IN_BATCH):
            found += self._tracked(sa.and_(followups.c.contact_id.in_(ids[start:start + 500]),
                                           followups.c.status.in_(_OPEN)))
        return found

    def sent_at_of(self, contact_ids: Iterable[int]) -> set[tuple[int, dt.datetime]]:
        """(contact, sent_at) of their follow-ups the owner sent: a sent copy read again
        (after a new UIDVALIDITY) is known by it and stops nothing."""
        ids = sorted(set(contact_ids))
        if not ids:
            return set()
        rows = self.conn.execute(sa.select(followups.c.contact_id, followups.c.sent_at).where(
            followups.c.contact_id.in_(ids), followups.c.sent_at.is_not(None)))
        return {(int(c), at) for c, at in rows}

    def drafted_followups(self, account: str) -> list[TrackedFollowUp]:
        return self._tracked(sa.and_(followups.c.status == str(FollowUpStatus.DRAFTED),
                                     notes.c.account == account))

    def change_followup(self, followup_id: int, **values: object) -> None:
        """Apply one decided change (status, reason, due_at, closed_at, sent_at,
        thread_message_id, draft_missing_at) to a follow-up that is still open."""
        if "status" in values:
            values["status"] = str(values["status"])
        self.conn.execute(followups.update().where(followups.c.id == followup_id,
                                                   followups.c.status.in_(_OPEN))
                          .values(**values))

    # -- one-time lookbacks for addresses a note just made a contact's ------------------
    def add_lookback(self, account: str, contact_id: int, emails: Iterable[str],
                     since: dt.datetime) -> None:
        rows = [{"account": account, "contact_id": contact_id, "email": e.lower(),
                 "since": since} for e in dict.fromkeys(emails) if "@" in e]
        if rows:
            self.conn.execute(lookbacks.insert(), rows)

    def pending_lookbacks(self, account: str) -> list[Lookback]:
        rows = self.conn.execute(sa.select(lookbacks).where(lookbacks.c.account == account)
                                 .order_by(lookbacks.c.id))
        return [Lookback(int(r.id), str(r.account), int(r.contact_id), str(r.email), r.since)
                for r in rows]

    def drop_lookback(self, lookback_id: int) -> None:
        self.conn.execute(lookbacks.delete().where(lookbacks.c.id == lookback_id))

    def touch_contact(self, contact_id: int, at: dt.datetime) -> None:
        """Record mail with a person at `at`, unless later mail is recorded already."""
        self.conn.execute(contacts.update().where(
            contacts.c.id == contact_id,
            sa.or_(contacts.c.last_contact_at.is_(None), contacts.c.last_contact_at < at))
            .values(last_contact_at=at))
