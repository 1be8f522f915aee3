"""Follow-ups: planning them once per draft key, finding the due ones, marking them drafted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from followup.model import FollowUp, FollowUpChannel, FollowUpStatus, NoteStatus
from followup.store.base import RACE_RETRIES, StoreError, UnitBase, insert_skipping_taken
from followup.store.schema import followups, notes


@dataclass(frozen=True)
class NewFollowUp:
    """One follow-up to plan (see `FollowupOps.add_followups`)."""

    contact_id: int
    note_id: int
    step: int
    template: str
    due_at: dt.datetime
    draft_key: str
    sequence: str = "default"  # the named sequence the step belongs to
    channel: FollowUpChannel = FollowUpChannel.DRAFT  # reminder: a person with no email


def followup_from_row(row: sa.Row[Any]) -> FollowUp:
    m = row._mapping
    return FollowUp(
        id=m["id"],
        contact_id=m["contact_id"],
        note_id=m["note_id"],
        step=m["step"],
        template=m["template"],
        due_at=m["due_at"],
        status=FollowUpStatus(m["status"]),
        draft_key=m["draft_key"],
        drafted_at=m["drafted_at"],
        draft_to=m["draft_to"],
        draft_subject=m["draft_subject"],
        created_at=m["created_at"],
        sequence=m["sequence"],
        channel=FollowUpChannel(m["channel"]),
        reason=m["reason"],
        closed_at=m["closed_at"],
        sent_at=m["sent_at"],
        thread_message_id=m["thread_message_id"],
        thread_subject=m.get("thread_subject"),
        thread_references=tuple((m.get("thread_references") or "").split()),
    )


class FollowupOps(UnitBase):
    """The follow-up operations of a `Unit`."""

    def add_followup(
        self,
        *,
        contact_id: int,
        note_id: int,
        step: int,
        template: str,
        due_at: dt.datetime,
        draft_key: str,
        now: dt.datetime,
    ) -> FollowUp:
        """Plan one follow-up. A `draft_key` already stored (by us or a concurrent writer)
        returns the stored follow-up unchanged."""
        for _ in range(RACE_RETRIES):
            existing = self._followup_by_key(draft_key)
            if existing is not None:
                return existing
            try:
                with self.conn.begin_nested():
                    self.conn.execute(
                        followups.insert().values(
                            contact_id=contact_id,
                            note_id=note_id,
                            step=step,
                            template=template,
                            due_at=due_at,
                            status=str(FollowUpStatus.PLANNED),
                            draft_key=draft_key,
                            created_at=now,
                        )
                    )
            except IntegrityError:
                if self._followup_by_key(draft_key) is None:
                    raise  # not a race on the key: an unknown contact or note
                continue
        found = self._followup_by_key(draft_key)
        if found is None:
            raise StoreError(f"could not store follow-up {draft_key}")
        return found

    def add_followups(self, plans: Sequence[NewFollowUp], now: dt.datetime) -> None:
        """Plan several follow-ups in one statement; a `draft_key` already stored keeps its
        stored follow-up (as `add_followup`), an unknown contact or note raises."""
        if plans:
            self.conn.execute(
                insert_skipping_taken(self.conn, followups),
                [{"contact_id": p.contact_id, "note_id": p.note_id, "step": p.step,
                  "template": p.template, "due_at": p.due_at, "draft_key": p.draft_key,
                  "sequence": p.sequence,
                  "status": str(FollowUpStatus.PLANNED), "channel": str(p.channel),
                  "created_at": now} for p in plans],
            )

    def _followup_by_key(self, draft_key: str) -> FollowUp | None:
        row = self.conn.execute(
            sa.select(followups).where(followups.c.draft_key == draft_key)
        ).first()
        return followup_from_row(row) if row else None

    def cancel_planned(self, contact_id: int) -> int:
        """Cancel a contact's follow-ups not drafted yet; returns how many."""
        result = self.conn.execute(
            followups.update()
            .where(
                followups.c.contact_id == contact_id,
                followups.c.status == str(FollowUpStatus.PLANNED),
            )
            .values(status=str(FollowUpStatus.CANCELLED))
        )
        return int(result.rowcount)

    def due_followups(self, now: dt.datetime, *, after: tuple[dt.datetime, int] | None = None,
                      limit: int | None = None) -> list[FollowUp]:
        """Planned drafts due at or before `now`, oldest due first; with `after`
        (due_at, id) only those after it in that order, at most `limit` of them. Reminders
        are left out: they are never drafted (the digest and `followups list` show them)."""
        query = (
            sa.select(followups)
            .where(
                followups.c.status == str(FollowUpStatus.PLANNED),
                followups.c.channel == str(FollowUpChannel.DRAFT),
                followups.c.due_at <= now,
            )
            .order_by(followups.c.due_at, followups.c.id)
        )
        if after is not None:
            due_at, followup_id = after
            query = query.where(sa.or_(
                followups.c.due_at > due_at,
                sa.and_(followups.c.due_at == due_at, followups.c.id > followup_id)))
        if limit is not None:
            query = query.limit(limit)
        return [followup_from_row(r) for r in self.conn.execute(query)]

    def due_draft_keys(self, now: dt.datetime) -> dict[str, list[str]]:
        """account -> the draft keys of its planned follow-ups due at or before `now`."""
        rows = self.conn.execute(
            sa.select(notes.c.account, followups.c.draft_key)
            .join(notes, notes.c.id == followups.c.note_id)
            .where(
                followups.c.status == str(FollowUpStatus.PLANNED),
                followups.c.channel == str(FollowUpChannel.DRAFT),
                followups.c.due_at <= now,
            )
        )
        keys: dict[str, list[str]] = {}
        for account, key in rows:
            keys.setdefault(account, []).append(key)
        return keys

    def activity(self, since: dt.datetime, now: dt.datetime) -> tuple[int, int, int, int]:
        """(notes received, of them needing review, drafts written) since `since`, and the
        planned follow-ups due at `now` not drafted yet: the daemon's status line."""
        review = sa.func.count().filter(notes.c.status == str(NoteStatus.NEEDS_REVIEW))
        received = self.conn.execute(
            sa.select(sa.func.count(), review)
            .where(notes.c.received_at >= since, notes.c.status != str(NoteStatus.IGNORED))).one()
        drafted = self.conn.execute(
            sa.select(sa.func.count()).where(followups.c.drafted_at >= since)).scalar_one()
        waiting = self.conn.execute(
            sa.select(sa.func.count()).where(followups.c.status == str(FollowUpStatus.PLANNED),
                                             followups.c.due_at <= now)).scalar_one()
        return int(received[0]), int(received[1]), int(drafted), int(waiting)

    def mark_drafted(self, followup_id: int, *, at: dt.datetime, to: str, subject: str) -> None:
        """Record that the draft is in the Drafts folder. Raises LookupError for an unknown id."""
        result = self.conn.execute(
            followups.update()
            .where(followups.c.id == followup_id)
            .values(
                status=str(FollowUpStatus.DRAFTED),
                drafted_at=at,
                draft_to=to,
                draft_subject=subject,
                reason=None,
            )
        )
        if result.rowcount == 0:
            raise LookupError(f"no follow-up {followup_id}")

    def note_waiting(self, followup_ids: Sequence[int], reason: str) -> None:
        """Say why planned follow-ups are still waiting (the server refused their draft);
        `drafts list` shows it until a draft is written."""
        for start in range(0, len(followup_ids), 500):
            self.conn.execute(
                followups.update()
                .where(followups.c.id.in_(followup_ids[start:start + 500]),
                       followups.c.status == str(FollowUpStatus.PLANNED))
                .values(reason=reason)
            )

    def list_followups(self, status: FollowUpStatus | None = None) -> list[FollowUp]:
        query = sa.select(followups).order_by(followups.c.due_at, followups.c.id)
        if status is not None:
            query = query.where(followups.c.status == str(status))
        return [followup_from_row(r) for r in self.conn.execute(query)]

    def get_followup(self, followup_id: int) -> FollowUp | None:
        row = self.conn.execute(sa.select(followups).where(followups.c.id == followup_id)).first()
        return followup_from_row(row) if row else None
