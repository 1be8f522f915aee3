"""The whole address book at once: every contact with its notes and follow-ups (export),
and a card from an address-book file merged in (import).

An imported card's notes are kept as a note of the pseudo-account `(import)`, keyed by the
hash of the card's text: `contacts forget` wipes it like any note, `notes list` shows it,
and importing the same card again finds it and skips. Import plans no follow-up: loading
an address book of 500 people must not fill Drafts with 500 "nice to meet you" mails.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Literal

import sqlalchemy as sa

from followup.contactio import AddressCard, ImportedCard
from followup.model import FollowUp, NoteStatus
from followup.store.contacts import ContactOps
from followup.store.followups import followup_from_row
from followup.store.schema import followups, note_contacts, notes

IMPORT_ACCOUNT = "(import)"  # parentheses: no configured account can be named so

Outcome = Literal["added", "merged", "skipped"]


class ExchangeOps(ContactOps):
    """The export and import operations of a `Unit`."""

    def address_cards(self) -> list[AddressCard]:
        """Every contact, oldest first, with its notes' text and its follow-ups."""
        texts = self._note_texts_by_contact()
        plans: dict[int, list[FollowUp]] = defaultdict(list)
        for row in self.conn.execute(sa.select(followups).order_by(followups.c.id)):
            plans[row._mapping["contact_id"]].append(followup_from_row(row))
        return [AddressCard(c, tuple(texts.get(c.id, ())), tuple(plans.get(c.id, ())))
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
