"""The whole address book at once: every contact with its notes and follow-ups (export),
and a card from an address-book file merged in (import).

An imported card's notes are kept as a note of the pseudo-account `(import)`, keyed by the
hash of the card's text: `contacts forget` wipes it like any note, `notes list` shows it,
and importing the same card again finds it and skips. Import plans no follow-up: loading
an address book of 500 people must not fill Drafts with 500 "nice to meet you" mails.

Our own export (JSON, or a vCard followup wrote) is restored instead: each note as it was
recorded (its key: account, folder, UIDVALIDITY, UID; its hash, so a note still in a folder
is not read again), each follow-up as it was (its draft key is the draft's X-Followup-Id, so
tracking finds the drafts in Drafts and Sent), the contact's own dates and corrections.
Those keys make a second import of the same file add nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any, Literal

import sqlalchemy as sa

from followup.contactio import AddressCard, ImportedCard, Restore
from followup.model import FollowUp, NoteRecord, NoteStatus
from followup.store.base import insert_skipping_taken
from followup.store.contacts import ContactOps, normalise_name
from followup.store.followups import followup_from_row
from followup.store.notes import note_from_row
from followup.store.schema import contacts, followups, note_contacts, notes

IMPORT_ACCOUNT = "(import)"  # parentheses: no configured account can be named so

Outcome = Literal["added", "merged", "skipped"]


class ExchangeOps(ContactOps):
    """The export and import operations of a `Unit`."""

    def address_cards(self) -> list[AddressCard]:
        """Every contact, oldest first, with its notes (text and records) and follow-ups."""
        texts = self._note_texts_by_contact()
        plans: dict[int, list[FollowUp]] = defaultdict(list)
        for row in self.conn.execute(sa.select(followups).order_by(followups.c.id)):
            plans[row._mapping["contact_id"]].append(followup_from_row(row))
        records: dict[int, list[NoteRecord]] = defaultdict(list)
        for row in self.conn.execute(
                sa.select(notes, note_contacts.c.contact_id.label("linked_contact"))
                .join(note_contacts, notes.c.id == note_contacts.c.note_id)
                .order_by(notes.c.id)):
            records[row._mapping["linked_contact"]].append(note_from_row(row))
        return [AddressCard(c, tuple(texts.get(c.id, ())), tuple(plans.get(c.id, ())),
                            tuple(records.get(c.id, ())))
                for c in self.list_contacts()]

    def _note_texts_of(self, contact_id: int) -> list[str]:
        return self._note_texts_by_contact(note_contacts.c.contact_id == contact_id).get(
            contact_id, [])

    def _note_texts_by_contact(self, where: sa.ColumnElement[bool] | None = None
                               ) -> dict[int, list[str]]:
        where = sa.true() if where is None else where
        rows = self.conn.execute(
            sa.select(note_contacts.c.contact_id, notes.c.note_text)
            .join(notes, notes.c.id == note_contacts.c.note_id)
            .where(notes.c.note_text.is_not(None), where)
            .order_by(notes.c.id))
        texts: dict[int, list[str]] = defaultdict(list)
        for contact_id, text in rows:
            if text.strip() and text not in texts[contact_id]:
                texts[contact_id].append(text)
        return texts

    def import_card(self, card: ImportedCard, *, source_name: str,
                    now: dt.datetime) -> Outcome:
        """Merge one card into the address book: only an email address it shares with a
        known person makes it that person (cards of one name, or of a name inside another,
        stay apart). 'skipped' when this very card was imported before or adds nothing."""
        if card.restore is not None and card.restore.notes:
            return self._restore_card(card, card.restore, now)
        key = "import:" + hashlib.sha256(card.source.encode("utf-8", "replace")).hexdigest()
        if self.find_note_by_hash(IMPORT_ACCOUNT, key) is not None:
            return "skipped"
        emails = [e.strip().lower() for e in card.person.emails if e.strip()]
        phones = [p.strip() for p in card.person.phones if p.strip()]
        match = self._match_contact(card.person, emails, phones, self._email_owners(emails),
                                    email_only=True)
        before = self.get_contact(match) if match is not None else None
        stored = self.store_person(card.person, met_at=card.met_at, met_on=card.met_on,
                                   now=now, email_only=True)
        added_note = self._import_notes(card, key, source_name, stored.id, now)
        if stored.created:
            return "added"
        return "merged" if added_note or before != self.get_contact(stored.id) else "skipped"

    def _import_notes(self, card: ImportedCard, key: str, source_name: str, contact_id: int,
                      now: dt.datetime) -> bool:
        """Record the card (its key makes a second import a skip) with the text of those of
        its notes this person's notes do not hold yet; True when there was such text."""
        known = {t.strip() for t in self._note_texts_of(contact_id)}
        text = "\n\n".join(n for n in card.notes if n.strip() and n.strip() not in known)
        record = self.add_note(
            account=IMPORT_ACCOUNT, folder=source_name[:500], uidvalidity=0, uid=key[:200],
            content_hash=key, message_id=None, subject=f"imported from {source_name}"[:500],
            status=NoteStatus.PROCESSED, reason=None, received_at=now, kind="import",
            note_text=text or None, met_at=card.met_at, met_on=card.met_on)
        self.link_note_contact(record.id, contact_id)
        return bool(text)

    def _restore_card(self, card: ImportedCard, restore: Restore, now: dt.datetime) -> Outcome:
        """Our own export's card: its notes and follow-ups as they were (module docstring)."""
        note_ids = {n["id"]: self._restore_note(n) for n in restore.notes}
        new_notes = sum(1 for _, added in note_ids.values() if added)
        emails = [e.strip().lower() for e in card.person.emails if e.strip()]
        owners = self._email_owners(emails)
        known = next((owners[e] for e in emails if e in owners), None)
        match = None if known else self._restored_match(card, [i for i, _ in note_ids.values()])
        target = known if known is not None else match
        before = self.get_contact(target) if target is not None else None
        if match is None:
            stored = self.store_person(card.person, met_at=card.met_at, met_on=card.met_on,
                                       now=now, email_only=True)
            contact_id, created = stored.id, stored.created
        else:
            contact_id, created = match, False
        if match is not None:  # a person without a known email, found by their notes
            self._merge_contact(match, card.person, card.met_at, card.met_on, now)
            self._add_emails(match, emails, owners)
            self._add_phones(match, [p.strip() for p in card.person.phones if p.strip()])
        self._restore_contact_fields(contact_id, restore, created)
        for note_id, _ in note_ids.values():
            self.link_note_contact(note_id, contact_id)
        first_note = next(iter(note_ids.values()))[0]
        new_plans = 0
        for plan in restore.followups:
            note_id = note_ids.get(plan["note_id"], (first_note, False))[0]
            new_plans += self._restore_followup(plan, contact_id, note_id)
        if created:
            return "added"
        changed = new_notes or new_plans or before != self.get_contact(contact_id)
        return "merged" if changed else "skipped"

    def _restore_note(self, values: dict[str, Any]) -> tuple[int, bool]:
        """(id, True when written now) of the note with this key; stored as exported."""
        row = {k: v for k, v in values.items() if k != "id"}
        insert = insert_skipping_taken(self.conn, notes).returning(notes.c.id)
        note_id = self.conn.execute(insert, row).scalar_one_or_none()
        if note_id is not None:
            return int(note_id), True
        found = self.find_note(row["account"], row["folder"], row["uidvalidity"], row["uid"])
        assert found is not None  # the key was taken, and notes are never deleted here
        return found.id, False

    def _restored_match(self, card: ImportedCard, note_ids: list[int]) -> int | None:
        """The stored person a card without a known email is: the one its notes (restored
        before, by an earlier import of this file) mention, of the same name (or also
        without one)."""
        key = normalise_name(card.person.full_name)
        row = self.conn.execute(
            sa.select(note_contacts.c.contact_id)
            .join(contacts, contacts.c.id == note_contacts.c.contact_id)
            .where(note_contacts.c.note_id.in_(note_ids), contacts.c.name_key == key)
            .order_by(note_contacts.c.contact_id)).first()
        return int(row[0]) if row is not None else None

    def _restore_contact_fields(self, contact_id: int, restore: Restore, created: bool) -> None:
        """The contact's own dates and corrections: as exported for a new contact; merged
        into a known one (the owner's corrections of both kept, the later last contact)."""
        stored = self.conn.execute(
            sa.select(contacts.c.owner_fields, contacts.c.edited_fields,
                      contacts.c.last_contact_at)
            .where(contacts.c.id == contact_id)).one()
        owned = list(dict.fromkeys([*(stored.owner_fields or ()), *restore.owner_fields]))
        edited = list(dict.fromkeys([*(stored.edited_fields or ()), *restore.edited_fields]))
        last = max((t for t in (stored.last_contact_at, restore.last_contact_at) if t),
                   default=None)
        values: dict[str, Any] = {"owner_fields": owned, "edited_fields": edited,
                                  "last_contact_at": last}
        if created and restore.created_at is not None:
            values["created_at"] = restore.created_at
        self.conn.execute(contacts.update().where(contacts.c.id == contact_id).values(values))

    def _restore_followup(self, plan: dict[str, Any], contact_id: int, note_id: int) -> int:
        """1 when the follow-up was written now, 0 when its draft key is stored already."""
        row = {k: v for k, v in plan.items() if k != "note_id"}
        result = self.conn.execute(insert_skipping_taken(self.conn, followups),
                                   {**row, "contact_id": contact_id, "note_id": note_id})
        return int(result.rowcount or 0)
