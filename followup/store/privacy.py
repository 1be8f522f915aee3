"""A person's data on request: export everything stored about them, or forget them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from followup.store.contacts import ContactOps
from followup.store.followups import followup_from_row
from followup.store.notes import note_from_row
from followup.store.schema import (
    contact_emails,
    contact_phones,
    contacts,
    followups,
    note_contacts,
    notes,
)


class PrivacyOps(ContactOps):
    """The export and forget operations of a `Unit`."""

    def _notes_mentioning(self, contact_id: int) -> list[int]:
        linked = sa.select(note_contacts.c.note_id).where(note_contacts.c.contact_id == contact_id)
        planned = sa.select(followups.c.note_id).where(followups.c.contact_id == contact_id)
        query = sa.union(linked, planned).subquery()
        return sorted(int(i) for i in self.conn.execute(sa.select(query.c[0])).scalars())

    def _shared_notes(self, note_ids: list[int], contact_id: int) -> list[int]:
        """Those of `note_ids` that also mention (or plan for) another contact."""
        if not note_ids:
            return []
        linked = sa.select(note_contacts.c.note_id).where(
            note_contacts.c.note_id.in_(note_ids), note_contacts.c.contact_id != contact_id)
        planned = sa.select(followups.c.note_id).where(
            followups.c.note_id.in_(note_ids), followups.c.contact_id != contact_id)
        query = sa.union(linked, planned).subquery()
        return [int(i) for i in self.conn.execute(sa.select(query.c[0])).scalars()]

    def export_contact(self, contact_id: int) -> dict[str, Any]:
        """Everything stored about a person, JSON-ready. Raises LookupError if unknown."""
        contact = self.get_contact(contact_id)
        if contact is None:
            raise LookupError(f"no contact {contact_id}")
        note_ids = self._notes_mentioning(contact_id)
        rows = self.conn.execute(
            sa.select(notes).where(notes.c.id.in_(note_ids)).order_by(notes.c.id)
        )
        exported_notes = []
        for row in rows:
            note = note_from_row(row)
            exported_notes.append({**note.to_json(), "note_text": note.note_text})
        fus = self.conn.execute(
            sa.select(followups)
            .where(followups.c.contact_id == contact_id)
            .order_by(followups.c.id)
        )
        return {
            "contact": contact.to_json(),
            "followups": [followup_from_row(r).to_json() for r in fus],
            "notes": exported_notes,
        }

    def forget_contact(self, contact_id: int) -> bool:
        """Delete a person and their follow-ups; the notes that mentioned them keep only
        their mailbox key, status and content hash, so the message is never ingested again.
        A note that also mentions someone else keeps where and when the owner met them
        (the other person's meeting, not this one's data); its text is wiped all the same."""
        if self.get_contact(contact_id) is None:
            return False
        note_ids = self._notes_mentioning(contact_id)
        shared = set(self._shared_notes(note_ids, contact_id))
        wiped: dict[str, Any] = {"message_id": None, "subject": None, "note_text": None,
                                 "reason": "forgotten on request", "follow_up_on": None,
                                 "tags": []}
        alone = [i for i in note_ids if i not in shared]
        if alone:
            self.conn.execute(notes.update().where(notes.c.id.in_(alone)).values(
                **wiped, kind=None, met_at=None, met_on=None))
        if shared:
            self.conn.execute(notes.update().where(notes.c.id.in_(sorted(shared)))
                              .values(**wiped))
        # Deleted explicitly rather than trusting ON DELETE CASCADE to be enabled.
        self.conn.execute(followups.delete().where(followups.c.contact_id == contact_id))
        self.conn.execute(note_contacts.delete().where(note_contacts.c.contact_id == contact_id))
        self.conn.execute(contact_emails.delete().where(contact_emails.c.contact_id == contact_id))
        self.conn.execute(contact_phones.delete().where(contact_phones.c.contact_id == contact_id))
        self.conn.execute(contacts.delete().where(contacts.c.id == contact_id))
        return True
