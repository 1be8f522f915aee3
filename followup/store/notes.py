"""Notes (one a message read) and the UIDVALIDITY of each folder read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from followup.model import NoteRecord, NoteStatus
from followup.store.base import RACE_RETRIES, StoreError, UnitBase, insert_skipping_taken
from followup.store.schema import UTC, folders, notes


def note_from_row(row: sa.Row[Any]) -> NoteRecord:
    return _note_record(row._asdict())


def note_from_row_values(note_id: int, values: Mapping[str, Any]) -> NoteRecord:
    """The record of a row just inserted with `values`, as `note_from_row` would read it."""
    return _note_record({**values, "id": note_id,
                         "received_at": values["received_at"].astimezone(UTC)})


def _note_record(m: Mapping[str, Any]) -> NoteRecord:
    return NoteRecord(
        id=m["id"],
        account=m["account"],
        folder=m["folder"],
        uidvalidity=m["uidvalidity"],
        uid=m["uid"],
        content_hash=m["content_hash"],
        message_id=m["message_id"],
        subject=m["subject"],
        status=NoteStatus(m["status"]),
        reason=m["reason"],
        received_at=m["received_at"],
        kind=m["kind"],
        note_text=m["note_text"],
        met_at=m["met_at"],
        met_on=m["met_on"],
        follow_up_on=m["follow_up_on"],
        tags=tuple(m["tags"] or ()),
        forwarded_message_id=m.get("forwarded_message_id"),
        forwarded_at=m.get("forwarded_at"),
        language=m.get("language"),
        action=m.get("action"),
        note_date=m.get("note_date"),
    )


# Values per IN (...) list: far below SQLite's 32,766 bound parameters.
_IN_BATCH = 500


class NoteOps(UnitBase):
    """The note and folder operations of a `Unit`."""

    def find_note(self, account: str, folder: str, uidvalidity: int, uid: str) -> NoteRecord | None:
        row = self.conn.execute(
            sa.select(notes).where(
                notes.c.account == account,
                notes.c.folder == folder,
                notes.c.uidvalidity == uidvalidity,
                notes.c.uid == uid,
            )
        ).first()
        return note_from_row(row) if row else None

    def find_note_by_hash(self, account: str, content_hash: str) -> NoteRecord | None:
        """The oldest note of `account` with this content hash."""
        found = self.find_notes_by_hash(account, content_hash)
        return found[0] if found else None

    def find_notes_by_hash(self, account: str, content_hash: str) -> list[NoteRecord]:
        """Every note of `account` with this content hash, oldest first (identical copies
        of one message each have their own record)."""
        return self.notes_by_hashes(account, [content_hash]).get(content_hash, [])

    def notes_by_hashes(self, account: str, hashes: Sequence[str]) -> dict[str, list[NoteRecord]]:
        """`find_notes_by_hash` for many hashes in one query (only hashes with notes appear)."""
        found: dict[str, list[NoteRecord]] = {}
        wanted = sorted(set(hashes))
        for start in range(0, len(wanted), _IN_BATCH):
            rows = self.conn.execute(
                sa.select(notes)
                .where(notes.c.account == account,
                       notes.c.content_hash.in_(wanted[start:start + _IN_BATCH]))
                .order_by(notes.c.id)
            )
            for row in rows:
                record = note_from_row(row)
                found.setdefault(record.content_hash, []).append(record)
        return found

    def known_uids(self, account: str, folder: str, uidvalidity: int) -> set[str]:
        return set(self.known_statuses(account, folder, uidvalidity))

    def known_statuses(self, account: str, folder: str, uidvalidity: int
                       ) -> dict[str, NoteStatus]:
        """uid -> status of every note recorded under this folder and UIDVALIDITY."""
        rows = self.conn.execute(
            sa.select(notes.c.uid, notes.c.status).where(
                notes.c.account == account,
                notes.c.folder == folder,
                notes.c.uidvalidity == uidvalidity,
            )
        )
        return {uid: NoteStatus(status) for uid, status in rows}

    def add_note(
        self,
        *,
        account: str,
        folder: str,
        uidvalidity: int,
        uid: str,
        content_hash: str,
        message_id: str | None,
        subject: str | None,
        status: NoteStatus,
        reason: str | None,
        received_at: dt.datetime,
        kind: str | None = None,
        note_text: str | None = None,
        met_at: str | None = None,
        met_on: dt.date | None = None,
        follow_up_on: dt.date | None = None,
        tags: Sequence[str] = (),
        forwarded_message_id: str | None = None,
        language: str | None = None,
        forwarded_at: dt.datetime | None = None,
        note_date: dt.datetime | None = None,
    ) -> NoteRecord:
        """Record a message. If its key is already stored (by us or a concurrent writer),
        the stored note is returned unchanged."""
        values = {
            "account": account,
            "folder": folder,
            "uidvalidity": uidvalidity,
            "uid": uid,
            "content_hash": content_hash,
            "message_id": message_id,
            "subject": subject,
            "status": str(status),
            "reason": reason,
            "received_at": received_at,
            "kind": None if kind is None else str(kind),
            "note_text": note_text,
            "met_at": met_at,
            "met_on": met_on,
            "follow_up_on": follow_up_on,
            "tags": list(tags),
            "forwarded_message_id": forwarded_message_id,
            "forwarded_at": forwarded_at,
            "language": language,
            "note_date": note_date,
        }
        insert = insert_skipping_taken(self.conn, notes).returning(notes.c.id)
        for _ in range(RACE_RETRIES):
            note_id = self.conn.execute(insert, values).scalar_one_or_none()
            if note_id is not None:
                # what was just written, without reading it back
                return note_from_row_values(note_id, values)
            existing = self.find_note(account, folder, uidvalidity, uid)
            if existing is not None:
                return existing  # stored before (a retry), or by a concurrent writer
            # the holder of the key was deleted in between: insert again
        raise StoreError(f"could not record note {account}/{folder}/{uidvalidity}/{uid}")

    def update_note(
        self,
        note_id: int,
        *,
        status: NoteStatus | None = None,
        reason: str | None = None,
        folder: str | None = None,
        uidvalidity: int | None = None,
        uid: str | None = None,
    ) -> None:
        """Change a note's status/reason, or re-key it after a move.

        Raises LookupError for an unknown id, and IntegrityError if the new key is taken."""
        changes: dict[str, Any] = {}
        if status is not None:
            changes["status"] = str(status)
        if reason is not None:
            changes["reason"] = reason
        if folder is not None:
            changes["folder"] = folder
        if uidvalidity is not None:
            changes["uidvalidity"] = uidvalidity
        if uid is not None:
            changes["uid"] = uid
        if not changes:
            if self.get_note(note_id) is None:
                raise LookupError(f"no note {note_id}")
            return
        result = self.conn.execute(notes.update().where(notes.c.id == note_id).values(**changes))
        if result.rowcount == 0:
            raise LookupError(f"no note {note_id}")

    def list_notes(self, status: NoteStatus | None = None) -> list[NoteRecord]:
        query = sa.select(notes).order_by(notes.c.id)
        if status is not None:
            query = query.where(notes.c.status == str(status))
        return [note_from_row(r) for r in self.conn.execute(query)]

    def notes_by_ids(self, ids: Sequence[int] | set[int]) -> dict[int, NoteRecord]:
        wanted = sorted(set(ids))
        found: dict[int, NoteRecord] = {}
        for start in range(0, len(wanted), _IN_BATCH):
            rows = self.conn.execute(
                sa.select(notes).where(notes.c.id.in_(wanted[start:start + _IN_BATCH])))
            for row in rows:
                record = note_from_row(row)
                found[record.id] = record
        return found

    def get_note(self, note_id: int) -> NoteRecord | None:
        row = self.conn.execute(sa.select(notes).where(notes.c.id == note_id)).first()
        return note_from_row(row) if row else None

    def folder_uidvalidity(self, account: str, folder: str) -> int | None:
        value = self.conn.execute(
            sa.select(folders.c.uidvalidity).where(
                folders.c.account == account, folders.c.folder == folder
            )
        ).scalar_one_or_none()
        return None if value is None else int(value)

    def set_folder_uidvalidity(self, account: str, folder: str, uidvalidity: int) -> None:
        where = (folders.c.account == account) & (folders.c.folder == folder)
        for _ in range(RACE_RETRIES):
            if self.conn.execute(
                folders.update().where(where).values(uidvalidity=uidvalidity)
            ).rowcount:
                return
            try:
                with self.conn.begin_nested():
                    self.conn.execute(
                        folders.insert().values(
                            account=account, folder=folder, uidvalidity=uidvalidity
                        )
                    )
                return
            except IntegrityError:
                continue  # inserted concurrently: update it on the next pass
        raise StoreError(f"could not record UIDVALIDITY of {account}/{folder}")
