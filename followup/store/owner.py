"""What the owner changes by hand: a follow-up moved or closed, a contact edited or merged.

Every change here is the owner's word, so it is recorded as such: a moved or closed
follow-up gets a `reason` (and `closed_at` when final), an edited contact field joins
`contacts.owner_fields`, which parsing never overwrites afterwards (see `contacts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from followup.model import Contact, FollowUp, FollowUpStatus, NoteRecord
from followup.store.base import StoreError
from followup.store.contacts import normalise_name
from followup.store.followups import followup_from_row
from followup.store.privacy import PrivacyOps
from followup.store.schema import (
    contact_emails,
    contact_phones,
    contacts,
    followups,
    note_contacts,
    notes,
)

# The contact fields the owner may set (`contacts edit`, `#fix`, a labelled note).
EDITABLE = ("full_name", "company", "title", "website", "linkedin", "address", "met_at",
            "met_on")
_OPEN = (str(FollowUpStatus.PLANNED), str(FollowUpStatus.DRAFTED))


class OwnerOps(PrivacyOps):
    """The owner's changes of a `Unit`: follow-ups moved/closed, contacts edited/merged."""

    # -- follow-ups -------------------------------------------------------------------------
    def followups_of(self, contact_id: int, *, open_only: bool = False) -> list[FollowUp]:
        """A contact's follow-ups by step and due moment (only planned/drafted: `open_only`)."""
        query = (sa.select(followups).where(followups.c.contact_id == contact_id)
                 .order_by(followups.c.due_at, followups.c.step, followups.c.id))
        if open_only:
            query = query.where(followups.c.status.in_(_OPEN))
        return [followup_from_row(r) for r in self.conn.execute(query)]

    def move_followup(self, followup_id: int, due_at: dt.datetime, reason: str) -> None:
        """Plan a follow-up again for `due_at` (its draft, if any, is no longer in Drafts)."""
        self._change(followup_id, status=str(FollowUpStatus.PLANNED), due_at=due_at,
                     reason=reason, drafted_at=None, draft_to=None, draft_subject=None)

    def close_followup(self, followup_id: int, status: FollowUpStatus, reason: str,
                       at: dt.datetime) -> None:
        """Give a follow-up a final status (skipped, cancelled...) with the owner's reason."""
        assert not status.is_open
        self._change(followup_id, status=str(status), reason=reason, closed_at=at)

    def _change(self, followup_id: int, **values: Any) -> None:
        result = self.conn.execute(
            followups.update().where(followups.c.id == followup_id).values(**values))
        if result.rowcount == 0:
            raise LookupError(f"no follow-up {followup_id}")

    def accounts_of(self, followup_ids: Iterable[int]) -> dict[int, str]:
        """follow-up id -> the account its note came from (whose Drafts hold its draft)."""
        ids = sorted(set(followup_ids))
        if not ids:
            return {}
        rows = self.conn.execute(
            sa.select(followups.c.id, notes.c.account)
            .join(notes, notes.c.id == followups.c.note_id)
            .where(followups.c.id.in_(ids)))
        return {int(i): str(a) for i, a in rows}

    def reread_note(self, note_id: int, **values: Any) -> NoteRecord:
        """Give a note read again (moved back from needs review) its new key and outcome;
        `values` are those of `add_note`. Raises LookupError for an unknown id."""
        changes = {k: v for k, v in values.items() if k != "received_at"}
        changes["status"] = str(changes["status"])
        changes["tags"] = list(changes.get("tags", ()))
        for cleared in ("action", "kind", "note_text", "met_at", "met_on", "follow_up_on",
                        "message_id", "subject"):
            changes.setdefault(cleared, None)
        result = self.conn.execute(notes.update().where(notes.c.id == note_id).values(**changes))
        if result.rowcount == 0:
            raise LookupError(f"no note {note_id}")
        found = self.get_note(note_id)
        assert found is not None
        return found

    def set_note_action(self, note_id: int, action: str) -> None:
        """Record what a command by mail did (shown by `notes list`)."""
        self.conn.execute(notes.update().where(notes.c.id == note_id).values(action=action))

    # -- contacts ---------------------------------------------------------------------------
    def email_owner(self, email: str) -> int | None:
        return self.conn.execute(
            sa.select(contact_emails.c.contact_id)
            .where(contact_emails.c.email == email.strip().lower())).scalar_one_or_none()

    def correct_contact(self, contact_id: int, fields: Mapping[str, Any], *,
                        emails: Sequence[str] | None = None,
                        phones: Sequence[str] | None = None, now: dt.datetime,
                        by_note: bool = False) -> Contact:
        """Set fields (and, when given, the whole list of emails or phones) as the owner
        wrote them; every changed name joins `owner_fields` (and `edited_fields`, unless
        `by_note`: a labelled note, which leaves the fields set by hand as they are). An
        email that belongs to another contact raises StoreError (that is a merge)."""
        before = self.get_contact(contact_id)
        if before is None:
            raise LookupError(f"no contact {contact_id}")
        if by_note:  # the owner's edits by hand win over a later note
            fields = {k: v for k, v in fields.items() if k not in before.edited_fields}
            emails = None if "emails" in before.edited_fields else emails
            phones = None if "phones" in before.edited_fields else phones
        changed = [f for f in EDITABLE if f in fields and fields[f] != getattr(before, f)]
        values: dict[str, Any] = {f: fields[f] for f in changed}
        if "full_name" in values:
            values["name_key"] = normalise_name(values["full_name"])
        if emails is not None and tuple(emails) != before.emails:
            self._set_emails(contact_id, emails)
            changed.append("emails")
        if phones is not None and tuple(phones) != before.phones:
            self._set_values(contact_phones.c.phone, contact_id, phones)
            changed.append("phones")
        owned = list(dict.fromkeys([*before.owner_fields, *changed]))
        edited = list(dict.fromkeys([*before.edited_fields, *([] if by_note else changed)]))
        self.conn.execute(contacts.update().where(contacts.c.id == contact_id)
                          .values(**values, owner_fields=owned, edited_fields=edited,
                                  updated_at=now))
        after = self.get_contact(contact_id)
        assert after is not None
        return after

    def _set_emails(self, contact_id: int, emails: Sequence[str]) -> None:
        for email in emails:
            owner = self.email_owner(email)
            if owner is not None and owner != contact_id:
                raise StoreError(f"{email} belongs to contact {owner}: "
                                 f"merge the two with 'followup contacts merge'")
        self._set_values(contact_emails.c.email, contact_id,
                         [e.strip().lower() for e in emails])

    def _set_values(self, column: sa.Column[str], contact_id: int, values: Sequence[str]) -> None:
        table = column.table
        self.conn.execute(table.delete().where(table.c.contact_id == contact_id))
        if values:
            self.conn.execute(table.insert(), [
                {column.name: v, "contact_id": contact_id, "position": i}
                for i, v in enumerate(dict.fromkeys(values))])

    def merge_contacts(self, keep_id: int, gone_id: int, now: dt.datetime) -> Contact:
        """Join `gone_id` into `keep_id`: its addresses, phones, notes and follow-ups move
        over, empty fields of the kept record are filled, then `gone_id` is deleted. The
        caller decides beforehand which plan remains (see `control.merge`)."""
        keep, gone = self.get_contact(keep_id), self.get_contact(gone_id)
        if keep is None or gone is None or keep_id == gone_id:
            raise LookupError(f"cannot merge contact {gone_id} into {keep_id}")
        fill = {f: getattr(gone, f) for f in EDITABLE
                if getattr(keep, f) in (None, "") and getattr(gone, f) not in (None, "")}
        if "full_name" in fill:
            fill["name_key"] = normalise_name(fill["full_name"])
        owned = list(dict.fromkeys([*keep.owner_fields, *gone.owner_fields]))
        edited = list(dict.fromkeys([*keep.edited_fields, *gone.edited_fields]))
        emails = [*keep.emails, *(e for e in gone.emails if e not in keep.emails)]
        phones = [*keep.phones, *(p for p in gone.phones if p not in keep.phones)]
        self.conn.execute(contact_emails.delete().where(contact_emails.c.contact_id == gone_id))
        self._set_values(contact_emails.c.email, keep_id, emails)
        self._set_values(contact_phones.c.phone, keep_id, phones)
        self.conn.execute(followups.update().where(followups.c.contact_id == gone_id)
                          .values(contact_id=keep_id))
        linked = self.conn.execute(sa.select(note_contacts.c.note_id)
                                   .where(note_contacts.c.contact_id == gone_id)).scalars()
        for note_id in list(linked):
            self.link_note_contact(int(note_id), keep_id)
        self.conn.execute(note_contacts.delete().where(note_contacts.c.contact_id == gone_id))
        last = max((t for t in (keep.last_contact_at, gone.last_contact_at) if t), default=None)
        self.conn.execute(contacts.update().where(contacts.c.id == keep_id).values(
            **fill, owner_fields=owned, edited_fields=edited, last_contact_at=last,
            updated_at=now))
        self.conn.execute(contacts.delete().where(contacts.c.id == gone_id))
        merged = self.get_contact(keep_id)
        assert merged is not None
        return merged
