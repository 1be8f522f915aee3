"""The daily digest's rows (one per day, the day a unique key) and what a digest reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from followup.digest import HORIZON_DAYS, DigestData, MetEntry, StepEntry
from followup.model import FollowUp, FollowUpStatus, NoteStatus
from followup.store.contacts import ContactOps
from followup.store.exchange import IMPORT_ACCOUNT
from followup.store.followups import followup_from_row
from followup.store.notes import note_from_row
from followup.store.schema import digests, followups, note_contacts, notes

_OPEN = (str(FollowUpStatus.PLANNED), str(FollowUpStatus.DRAFTED))


@dataclass(frozen=True)
class DigestRow:
    day: dt.date
    account: str
    message_id: str | None  # None: nothing to say that day
    raw: bytes | None
    created_at: dt.datetime
    appended_at: dt.datetime | None


class DigestOps(ContactOps):
    """The digest operations of a `Unit`."""

    def digest_for(self, day: dt.date) -> DigestRow | None:
        row = self.conn.execute(sa.select(digests).where(digests.c.day == day)).first()
        return DigestRow(**row._mapping) if row else None

    def claim_digest(self, *, day: dt.date, account: str, message_id: str | None,
                     raw: bytes | None, now: dt.datetime) -> bool:
        """Record the digest of `day` before it is APPENDed; False when a digest of that
        day is recorded already (by a restart or another process): then write none."""
        from followup.store.base import insert_skipping_taken

        done = self.conn.execute(
            insert_skipping_taken(self.conn, digests).returning(digests.c.day),
            {"day": day, "account": account, "message_id": message_id, "raw": raw,
             "created_at": now, "appended_at": None}).first()
        return done is not None

    def mark_digest_appended(self, day: dt.date, now: dt.datetime) -> None:
        self.conn.execute(digests.update().where(digests.c.day == day).values(appended_at=now))

    def digest_by_message_id(self, message_id: str) -> DigestRow | None:
        row = self.conn.execute(
            sa.select(digests).where(digests.c.message_id == message_id)).first()
        return DigestRow(**row._mapping) if row else None

    def is_digest(self, message_id: str) -> bool:
        """A digest followup wrote has this Message-ID (a header alone proves nothing)."""
        return self.conn.execute(
            sa.select(digests.c.day).where(digests.c.message_id == message_id)
        ).first() is not None

    def last_digest_at(self) -> dt.datetime | None:
        return self.conn.execute(
            sa.select(sa.func.max(digests.c.created_at))
            .where(digests.c.message_id.is_not(None))).scalar_one_or_none()

    def digest_data(self, *, since: dt.datetime, now: dt.datetime) -> DigestData:
        """What the digest at `now` reports: people from notes read after `since`, drafts
        waiting, steps due before the horizon (reminders included), notes in review."""
        horizon = now + dt.timedelta(days=HORIZON_DAYS)
        steps = [followup_from_row(r) for r in self.conn.execute(
            sa.select(followups).where(followups.c.status.in_(_OPEN))
            .order_by(followups.c.due_at, followups.c.id))]
        met_rows = self.conn.execute(
            sa.select(notes, note_contacts.c.contact_id)
            .join(note_contacts, note_contacts.c.note_id == notes.c.id)
            .where(notes.c.status == str(NoteStatus.PROCESSED),
                   notes.c.received_at > since, notes.c.account != IMPORT_ACCOUNT)
            .order_by(notes.c.received_at, notes.c.id)).all()
        people = self.contacts_by_ids(
            [r._mapping["contact_id"] for r in met_rows] + [f.contact_id for f in steps])
        next_step: dict[int, FollowUp] = {}
        for f in steps:
            next_step.setdefault(f.contact_id, f)
        met, seen = [], set()
        for row in met_rows:
            cid = row._mapping["contact_id"]
            if cid in people and cid not in seen:
                seen.add(cid)
                met.append(MetEntry(people[cid], note_from_row(row), next_step.get(cid)))
        drafts = [StepEntry(f, people[f.contact_id]) for f in steps
                  if f.status is FollowUpStatus.DRAFTED and f.contact_id in people]
        due = [StepEntry(f, people[f.contact_id]) for f in steps
               if f.status is FollowUpStatus.PLANNED and f.due_at <= horizon
               and f.contact_id in people]
        review = self.list_notes(NoteStatus.NEEDS_REVIEW)
        return DigestData(met, drafts, due, review)
