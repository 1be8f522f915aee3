"""Contacts: storing a parsed person, merged into the stored contact they match.

Who is the same person
    A new `ParsedContact` is matched against stored contacts in this order:
    1. any shared email address (emails are stored lower-cased, and an address belongs to at
       most one contact: `contact_emails.email` is unique). When its emails belong to several
       contacts, the contact owning its first such address wins; stored contacts are never
       merged with each other, so the other addresses stay where they are;
    2. failing that, any shared phone number (E.164 as parsing gives it; the oldest contact wins);
    3. failing that, and only when the new contact has no email at all, the same normalised full
       name (casefolded, runs of spaces collapsed) and no conflicting company (a conflict is two
       non-empty companies that differ after the same normalisation); the oldest contact wins.
    Otherwise a new contact is created.
    Merging fills empty fields only and unions emails and phones (stored order kept, new ones
    appended, no duplicates). A known name, company, title, website, LinkedIn or address is never
    overwritten with a different value: the stored record is the owner's. The meeting (met_at,
    met_on) kept is the first one: a stored meeting is replaced only by one with an earlier date.
    A field the owner corrected (named in `owner_fields`) is never changed by merging, not
    even when the owner emptied it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from followup.model import Contact, ParsedContact
from followup.store.base import RACE_RETRIES, LostRace, StoreError, insert_skipping_taken
from followup.store.notes import NoteOps
from followup.store.schema import UTC, contact_emails, contact_phones, contacts, note_contacts


def normalise_name(name: str | None) -> str | None:
    """The key two names must share to be the same person: casefolded, spaces collapsed."""
    if name is None:
        return None
    key = " ".join(name.casefold().split())
    return key or None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _clean_line(value: str | None) -> str | None:
    """A one-line field (name, company, title) with runs of whitespace collapsed."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _companies_conflict(a: str | None, b: str | None) -> bool:
    ka, kb = normalise_name(a), normalise_name(b)
    return ka is not None and kb is not None and ka != kb


def _like_pattern(text: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"


# Built once: on SQLite, building a statement costs more than running it.
_INSERT_CONTACT = contacts.insert().returning(contacts.c.id)
_EMAIL_OWNERS = sa.select(contact_emails.c.email, contact_emails.c.contact_id).where(
    contact_emails.c.email.in_(sa.bindparam("emails", expanding=True))
)


@dataclass(frozen=True)
class StoredPerson:
    """A person as stored, and what the store knew of them before."""

    id: int
    full_name: str | None
    has_email: bool  # a draft can be addressed to them
    created: bool  # a new contact: nothing was planned for them before
    known_by_email: bool  # one of their addresses was stored already: met before
    contact: Contact | None = None  # the whole record, when it was just written


def _new_contact(contact_id: int, parsed: ParsedContact, emails: list[str], phones: list[str],
                 met_at: str | None, met_on: dt.date | None, now: dt.datetime) -> Contact:
    """The contact `_insert_contact` just wrote, as `get_contact` would read it back."""
    return Contact(
        id=contact_id,
        full_name=_clean_line(parsed.full_name),
        emails=tuple(emails),
        phones=tuple(phones),
        company=_clean_line(parsed.company),
        title=_clean_line(parsed.title),
        website=_clean(parsed.website),
        linkedin=_clean(parsed.linkedin),
        address=_clean(parsed.address),
        met_at=_clean(met_at),
        met_on=met_on,
        created_at=now.astimezone(UTC),
    )


class ContactOps(NoteOps):
    """The contact operations of a `Unit` (and the note-contact links they make)."""

    def link_note_contact(self, note_id: int, contact_id: int) -> None:
        """Remember that a note mentions a contact (for export and forget). Linking twice is
        fine; an unknown id raises IntegrityError."""
        self.conn.execute(
            insert_skipping_taken(self.conn, note_contacts),
            {"note_id": note_id, "contact_id": contact_id},
        )

    def upsert_contact(
        self,
        parsed: ParsedContact,
        *,
        met_at: str | None,
        met_on: dt.date | None,
        now: dt.datetime,
        note_id: int | None = None,
    ) -> Contact:
        """Store a parsed person, merged into the stored contact they match (module docstring).

        With `note_id`, also remember that this note mentions them."""
        stored = self.store_person(parsed, met_at=met_at, met_on=met_on, now=now,
                                   note_id=note_id)
        contact = stored.contact or self.get_contact(stored.id)
        assert contact is not None
        return contact

    def store_person(
        self,
        parsed: ParsedContact,
        *,
        met_at: str | None,
        met_on: dt.date | None,
        now: dt.datetime,
        note_id: int | None = None,
        email_only: bool = False,
        into: int | None = None,
    ) -> StoredPerson:
        """`upsert_contact`, also saying whether the person was new or known by an address.
        With `email_only` (an imported card) only a shared email names a known person;
        with `into`, the person is that stored contact (the caller matched them)."""
        emails = _unique(e.strip().lower() for e in parsed.emails if e.strip())
        phones = _unique(p.strip() for p in parsed.phones if p.strip())
        for _ in range(RACE_RETRIES):
            owners = self._email_owners(emails)
            match = (into if into is not None
                     else self._match_contact(parsed, emails, phones, owners, email_only))
            try:
                with self._racing_writers():
                    if match is None:
                        # no address of theirs is stored (or it would have matched): all
                        # go in; one taken meanwhile by a concurrent writer raises
                        # IntegrityError and the match starts over
                        contact_id = self._insert_contact(parsed, met_at, met_on, now)
                        self._insert_values(contact_emails.c.email, contact_id, emails, 0)
                        self._insert_values(contact_phones.c.phone, contact_id, phones, 0)
                    else:
                        contact_id = match
                        name = self._merge_contact(match, parsed, met_at, met_on, now)
                        self._add_emails(contact_id, emails, owners)
                        self._add_phones(contact_id, phones)
            except (IntegrityError, LostRace):
                continue  # a concurrent writer took one of these emails: match again
            if note_id is not None:
                self.link_note_contact(note_id, contact_id)
            if match is None:
                created = _new_contact(contact_id, parsed, emails, phones, met_at, met_on, now)
                return StoredPerson(contact_id, created.full_name, bool(emails), created=True,
                                    known_by_email=False, contact=created)
            has_email = bool(emails) or self._has_email(contact_id)
            return StoredPerson(contact_id, name, has_email, created=False,
                                known_by_email=bool(owners))
        raise StoreError(f"could not store contact {parsed.full_name or emails}")

    def _racing_writers(self) -> contextlib.AbstractContextManager[object]:
        """A savepoint to start the match over from when a concurrent writer took an
        address first. SQLite needs none: its BEGIN IMMEDIATE makes this transaction the
        only writer, so nothing changes between the look and the write (and two statements
        per person are saved)."""
        if self.conn.dialect.name == "sqlite":
            return contextlib.nullcontext()
        return self.conn.begin_nested()

    def _email_owners(self, emails: list[str]) -> dict[str, int]:
        if not emails:
            return {}
        rows = self.conn.execute(_EMAIL_OWNERS, {"emails": emails})
        return {email: int(owner) for email, owner in rows}

    def _match_contact(
        self, parsed: ParsedContact, emails: list[str], phones: list[str], owners: dict[str, int],
        email_only: bool = False,
    ) -> int | None:
        for email in emails:
            if email in owners:
                return owners[email]
        if email_only:  # an address book's cards: one card, one person, unless an email is
            return None  # shared ("John Smith" and "John Smith Jr."; two people, one phone)
        if phones:
            by_phone = self.conn.execute(
                sa.select(sa.func.min(contact_phones.c.contact_id)).where(
                    contact_phones.c.phone.in_(phones)
                )
            ).scalar_one_or_none()
            if by_phone is not None:
                return int(by_phone)
        key = normalise_name(parsed.full_name)
        if emails or key is None:
            return None
        candidates = self.conn.execute(
            sa.select(contacts.c.id, contacts.c.company)
            .where(contacts.c.name_key == key)
            .order_by(contacts.c.id)
        )
        for contact_id, company in candidates:
            if not _companies_conflict(company, parsed.company):
                return int(contact_id)
        return None

    def _insert_contact(
        self, parsed: ParsedContact, met_at: str | None, met_on: dt.date | None, now: dt.datetime
    ) -> int:
        name = _clean_line(parsed.full_name)
        values = {
            "full_name": name,
            "name_key": normalise_name(name),
            "company": _clean_line(parsed.company),
            "title": _clean_line(parsed.title),
            "website": _clean(parsed.website),
            "linkedin": _clean(parsed.linkedin),
            "address": _clean(parsed.address),
            "met_at": _clean(met_at),
            "met_on": met_on,
            "created_at": now,
            "updated_at": now,
        }
        return int(self.conn.execute(_INSERT_CONTACT, values).scalar_one())

    def _merge_contact(
        self,
        contact_id: int,
        parsed: ParsedContact,
        met_at: str | None,
        met_on: dt.date | None,
        now: dt.datetime,
    ) -> str | None:
        """Fill the stored contact's empty fields; returns its full name afterwards."""
        row = self.conn.execute(sa.select(contacts).where(contacts.c.id == contact_id)).one()
        stored = row._mapping
        name: str | None = stored["full_name"]
        changes: dict[str, Any] = {}
        owned = set(stored["owner_fields"] or ())  # the owner's corrections: never touched
        for field in ("full_name", "company", "title", "website", "linkedin", "address"):
            if field in owned:
                continue
            raw = getattr(parsed, field)
            new = _clean(raw) if field == "address" else _clean_line(raw)
            if stored[field] is None and new is not None:
                changes[field] = new
        if "full_name" in changes:
            changes["name_key"] = normalise_name(changes["full_name"])
        met_at = _clean(met_at)
        stored_on = stored["met_on"]
        has_meeting = stored["met_at"] is not None or stored_on is not None
        if owned & {"met_at", "met_on"}:
            pass
        elif not has_meeting or (met_on and stored_on and met_on < stored_on):
            # No meeting known yet, or this note is about an earlier one (older mail read late).
            if met_at is not None or met_on is not None:
                changes["met_at"], changes["met_on"] = met_at, met_on
        elif stored["met_at"] is None and met_at is not None and met_on == stored_on:
            changes["met_at"] = met_at  # the same meeting, now with its place
        if changes:
            changes["updated_at"] = now
            self.conn.execute(
                contacts.update().where(contacts.c.id == contact_id).values(**changes)
            )
        return changes.get("full_name", name)

    def _has_email(self, contact_id: int) -> bool:
        return self.conn.execute(
            sa.select(contact_emails.c.email).where(contact_emails.c.contact_id == contact_id)
            .limit(1)
        ).first() is not None

    def _add_emails(self, contact_id: int, emails: list[str], owners: dict[str, int]) -> None:
        # At READ COMMITTED each statement sees new commits: if another writer claimed one of
        # these addresses since we matched, the match may be wrong, so start over.
        if self.conn.dialect.name != "sqlite" and self._email_owners(emails) != owners:
            raise LostRace  # (SQLite: no other writer, see _racing_writers)
        # addresses never move: ours already, or another contact's, stay where they are
        new = [e for e in emails if e not in owners]
        if new:
            start = self._next_position(contact_emails, contact_id)
            self._insert_values(contact_emails.c.email, contact_id, new, start)

    def _add_phones(self, contact_id: int, phones: list[str]) -> None:
        if not phones:
            return
        rows = self.conn.execute(
            sa.select(contact_phones.c.phone, contact_phones.c.position)
            .where(contact_phones.c.contact_id == contact_id)
        ).all()
        have = {phone for phone, _ in rows}
        new = [p for p in phones if p not in have]
        start = max((position for _, position in rows), default=-1) + 1
        self._insert_values(contact_phones.c.phone, contact_id, new, start)

    def _insert_values(self, column: sa.Column[str], contact_id: int, values: list[str],
                       start: int) -> None:
        """Insert a contact's new emails or phones, in order, from position `start`."""
        if values:
            self.conn.execute(
                column.table.insert(),
                [{column.name: v, "contact_id": contact_id, "position": start + i}
                 for i, v in enumerate(values)],
            )

    def _next_position(self, table: sa.Table, contact_id: int) -> int:
        top = self.conn.execute(
            sa.select(sa.func.max(table.c.position)).where(table.c.contact_id == contact_id)
        ).scalar_one_or_none()
        return 0 if top is None else int(top) + 1

    def get_contact(self, contact_id: int) -> Contact | None:
        found = self._contacts(contacts.c.id == contact_id)
        return found[0] if found else None

    def contacts_by_ids(self, ids: Iterable[int]) -> dict[int, Contact]:
        wanted = sorted(set(ids))
        found: dict[int, Contact] = {}
        for start in range(0, len(wanted), 500):
            for contact in self._contacts(contacts.c.id.in_(wanted[start:start + 500])):
                found[contact.id] = contact
        return found

    def list_contacts(self) -> list[Contact]:
        return self._contacts(sa.true())

    def find_contacts(self, query: str) -> list[Contact]:
        """The contact whose id is `query` when it is a number; otherwise the contacts whose
        email or name contains it (case-insensitive, spaces collapsed, no wildcards)."""
        text = query.strip()
        if text.isdigit():
            return self._contacts(contacts.c.id == int(text))
        key = normalise_name(text)
        if key is None:
            return []
        by_email = sa.select(contact_emails.c.contact_id).where(
            contact_emails.c.email.like(_like_pattern(text.lower()), escape="\\")
        )
        by_name = contacts.c.name_key.like(_like_pattern(key), escape="\\")
        return self._contacts(sa.or_(contacts.c.id.in_(by_email), by_name))

    def _contacts(self, where: sa.ColumnElement[bool]) -> list[Contact]:
        rows = self.conn.execute(sa.select(contacts).where(where).order_by(contacts.c.id)).all()
        if not rows:
            return []
        ids = [r._mapping["id"] for r in rows]
        emails = self._values_by_contact(contact_emails.c.email, ids)
        phones = self._values_by_contact(contact_phones.c.phone, ids)
        return [
            Contact(
                id=m["id"],
                full_name=m["full_name"],
                emails=tuple(emails[m["id"]]),
                phones=tuple(phones[m["id"]]),
                company=m["company"],
                title=m["title"],
                website=m["website"],
                linkedin=m["linkedin"],
                address=m["address"],
                met_at=m["met_at"],
                met_on=m["met_on"],
                created_at=m["created_at"],
                last_contact_at=m["last_contact_at"],
                owner_fields=tuple(m["owner_fields"] or ()),
                edited_fields=tuple(m["edited_fields"] or ()),
            )
            for m in (r._mapping for r in rows)
        ]

    def _values_by_contact(self, column: sa.Column[str], ids: list[int]) -> dict[int, list[str]]:
        """The `column` values (emails or phones) of each contact in `ids`, in stored order."""
        table = column.table
        values: dict[int, list[str]] = {i: [] for i in ids}
        for value, owner in self.conn.execute(
            sa.select(column, table.c.contact_id)
            .where(table.c.contact_id.in_(ids))
            .order_by(table.c.position)
        ):
            values[owner].append(value)
        return values
