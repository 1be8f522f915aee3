"""The database: SQLAlchemy Core tables, alembic upgrades, and a Store returning model values.

Works on SQLite (the default, one file) and PostgreSQL (`postgresql+psycopg://...`).
Nothing outside this module sees a row: every read returns a frozen `followup.model` value.

Contacts: who is the same person
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

Concurrency
    Two daemons on one database never create a duplicate note key, contact email or draft key:
    unique constraints decide, and the writers below insert inside a savepoint, so a lost race
    rolls back only that savepoint. What callers see then:
    - `add_note` returns the note the other writer stored under that key (compare its fields);
    - `add_followup` returns the follow-up already stored under that draft key, unchanged;
    - `upsert_contact` merges into the contact the other writer created;
      an email that another contact took in the meantime is left with that contact.
    On SQLite every unit starts with BEGIN IMMEDIATE (units are short), so writers queue on the
    busy timeout instead of failing on a stale WAL snapshot. On PostgreSQL units run at READ
    COMMITTED, so the re-select after a lost race sees the winner's committed row, and alembic
    upgrades are serialised with an advisory lock.

Times: every datetime stored or returned is tz-aware UTC (naive input is refused).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError

from followup.errors import FollowupError
from followup.model import (
    Contact,
    FollowUp,
    FollowUpStatus,
    NoteRecord,
    NoteStatus,
    ParsedContact,
)

UTC = dt.UTC
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Any constant works: it only has to be the same in every process running upgrades.
_PG_MIGRATION_LOCK = 0x466F6C6C6F7755
_RACE_RETRIES = 3


class StoreError(FollowupError):
    """The database cannot be used as it is (for example a schema newer than this program)."""

    exit_code = 4


class _LostRace(Exception):
    """Another writer changed what a match was based on; the savepoint is retried."""


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """A timestamp stored as UTC; SQLite keeps no zone, so it comes back aware all the same."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: followup stores tz-aware UTC only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# sqlite_autoincrement: ids of forgotten people are never handed to someone else.
notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account", sa.String(200), nullable=False),
    sa.Column("folder", sa.String(500), nullable=False),
    # UIDVALIDITY is an unsigned 32-bit number: it overflows a signed INTEGER.
    sa.Column("uidvalidity", sa.BigInteger, nullable=False),
    sa.Column("uid", sa.String(200), nullable=False),
    sa.Column("content_hash", sa.String(128), nullable=False),
    sa.Column("message_id", sa.Text),
    sa.Column("subject", sa.Text),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("kind", sa.String(20)),
    sa.Column("note_text", sa.Text),
    sa.Column("met_at", sa.Text),
    sa.Column("met_on", sa.Date),
    sa.Column("follow_up_on", sa.Date),
    sa.Column("tags", sa.JSON, nullable=False),
    sa.UniqueConstraint("account", "folder", "uidvalidity", "uid"),
    sa.Index(None, "account", "content_hash"),
    sa.Index(None, "status"),
    sqlite_autoincrement=True,
)

folders = sa.Table(
    "folders",
    metadata,
    sa.Column("account", sa.String(200), primary_key=True),
    sa.Column("folder", sa.String(500), primary_key=True),
    sa.Column("uidvalidity", sa.BigInteger, nullable=False),
)

contacts = sa.Table(
    "contacts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("full_name", sa.Text),
    sa.Column("name_key", sa.Text),
    sa.Column("company", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("website", sa.Text),
    sa.Column("linkedin", sa.Text),
    sa.Column("address", sa.Text),
    sa.Column("met_at", sa.Text),
    sa.Column("met_on", sa.Date),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index(None, "name_key"),
    sqlite_autoincrement=True,
)

contact_emails = sa.Table(
    "contact_emails",
    metadata,
    sa.Column("email", sa.String(320), primary_key=True),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contacts.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("position", sa.Integer, nullable=False),
)

contact_phones = sa.Table(
    "contact_phones",
    metadata,
    sa.Column(
        "contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("phone", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Index(None, "phone"),
)

note_contacts = sa.Table(
    "note_contacts",
    metadata,
    sa.Column(
        "note_id", sa.Integer, sa.ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contacts.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

followups = sa.Table(
    "followups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contacts.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("note_id", sa.Integer, sa.ForeignKey("notes.id"), nullable=False, index=True),
    sa.Column("step", sa.Integer, nullable=False),
    sa.Column("template", sa.String(200), nullable=False),
    sa.Column("due_at", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("draft_key", sa.String(200), nullable=False, unique=True),
    sa.Column("drafted_at", UTCDateTime),
    sa.Column("draft_to", sa.Text),
    sa.Column("draft_subject", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index(None, "status", "due_at"),
    sqlite_autoincrement=True,
)


# ---------------------------------------------------------------------------- engine & schema


def migrations_dir() -> Path:
    """The alembic script directory shipped inside the package."""
    return Path(__file__).resolve().parent / "migrations"


def _sqlite_url(url: URL) -> URL:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return url
    path = Path(database).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return url.set(database=str(path))


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN: pysqlite's own implicit BEGIN is deferred
    # and breaks SAVEPOINT handling.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable enough with WAL
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # IMMEDIATE takes the write lock up front: a deferred read-then-write transaction in WAL
    # mode fails at once (SQLITE_BUSY_SNAPSHOT) when another writer committed in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str) -> Engine:
    """An engine for `url` with followup's connection settings (SQLite pragmas, pre-ping)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
    if parsed.get_backend_name() == "sqlite":
        parsed = _sqlite_url(parsed)
        engine = sa.create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return sa.create_engine(parsed, pool_pre_ping=True)


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest alembic revision; cheap when it is there already."""
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        if current is not None and current not in {s.revision for s in script.walk_revisions()}:
            raise StoreError(
                f"the database schema is at revision {current}, which this version of followup "
                "does not know: upgrade followup, or point it at another database"
            )
        from alembic import command

        config.attributes["connection"] = conn
        command.upgrade(config, "head")


# ---------------------------------------------------------------------------- helpers


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


def _note_from_row(row: sa.Row[Any]) -> NoteRecord:
    m = row._mapping
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
    )


def _followup_from_row(row: sa.Row[Any]) -> FollowUp:
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
    )


# ---------------------------------------------------------------------------- store


class Store:
    """An open database. Use `unit()` for each piece of work; close it when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to `url` and upgrade its schema to the newest revision."""
        engine = create_engine(url)
        try:
            upgrade_schema(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def unit(self) -> Iterator[Unit]:
        """One transaction: committed on normal exit, rolled back on an exception.

        Keep units short and free of network I/O and prompts: on SQLite a unit holds the
        write lock, and other writers give up after SQLITE_BUSY_TIMEOUT_MS."""
        with self.engine.begin() as conn:
            yield Unit(conn)


class Unit:
    """The operations available inside one transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # ------------------------------------------------------------------ notes

    def find_note(self, account: str, folder: str, uidvalidity: int, uid: str) -> NoteRecord | None:
        row = self.conn.execute(
            sa.select(notes).where(
                notes.c.account == account,
                notes.c.folder == folder,
                notes.c.uidvalidity == uidvalidity,
                notes.c.uid == uid,
            )
        ).first()
        return _note_from_row(row) if row else None

    def find_note_by_hash(self, account: str, content_hash: str) -> NoteRecord | None:
        """The oldest note of `account` with this content hash."""
        row = self.conn.execute(
            sa.select(notes)
            .where(notes.c.account == account, notes.c.content_hash == content_hash)
            .order_by(notes.c.id)
            .limit(1)
        ).first()
        return _note_from_row(row) if row else None

    def known_uids(self, account: str, folder: str, uidvalidity: int) -> set[str]:
        rows = self.conn.execute(
            sa.select(notes.c.uid).where(
                notes.c.account == account,
                notes.c.folder == folder,
                notes.c.uidvalidity == uidvalidity,
            )
        )
        return {uid for (uid,) in rows}

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
        }
        for _ in range(_RACE_RETRIES):
            existing = self.find_note(account, folder, uidvalidity, uid)
            if existing is not None:
                return existing
            try:
                with self.conn.begin_nested():
                    note_id = self.conn.execute(
                        notes.insert().values(**values).returning(notes.c.id)
                    ).scalar_one()
            except IntegrityError:
                continue  # a concurrent writer stored this key first: return theirs
            note = self.get_note(note_id)
            assert note is not None
            return note
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
        return [_note_from_row(r) for r in self.conn.execute(query)]

    def get_note(self, note_id: int) -> NoteRecord | None:
        row = self.conn.execute(sa.select(notes).where(notes.c.id == note_id)).first()
        return _note_from_row(row) if row else None

    def link_note_contact(self, note_id: int, contact_id: int) -> None:
        """Remember that a note mentions a contact (for export and forget)."""
        exists = self.conn.execute(
            sa.select(note_contacts.c.note_id).where(
                note_contacts.c.note_id == note_id, note_contacts.c.contact_id == contact_id
            )
        ).first()
        if exists:
            return
        try:
            with self.conn.begin_nested():
                self.conn.execute(
                    note_contacts.insert().values(note_id=note_id, contact_id=contact_id)
                )
        except IntegrityError:
            # Either a concurrent writer linked them first (fine), or an id does not exist.
            if self.get_note(note_id) is None or self.get_contact(contact_id) is None:
                raise

    def folder_uidvalidity(self, account: str, folder: str) -> int | None:
        value = self.conn.execute(
            sa.select(folders.c.uidvalidity).where(
                folders.c.account == account, folders.c.folder == folder
            )
        ).scalar_one_or_none()
        return None if value is None else int(value)

    def set_folder_uidvalidity(self, account: str, folder: str, uidvalidity: int) -> None:
        where = (folders.c.account == account) & (folders.c.folder == folder)
        for _ in range(_RACE_RETRIES):
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

    # ------------------------------------------------------------------ contacts

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
        emails = _unique(e.strip().lower() for e in parsed.emails if e.strip())
        phones = _unique(p.strip() for p in parsed.phones if p.strip())
        for _ in range(_RACE_RETRIES):
            owners = self._email_owners(emails)
            match = self._match_contact(parsed, emails, phones, owners)
            try:
                with self.conn.begin_nested():
                    if match is None:
                        contact_id = self._insert_contact(parsed, met_at, met_on, now)
                    else:
                        contact_id = match
                        self._merge_contact(match, parsed, met_at, met_on, now)
                    self._add_emails(contact_id, emails, owners)
                    self._add_phones(contact_id, phones)
            except (IntegrityError, _LostRace):
                continue  # a concurrent writer took one of these emails: match again
            if note_id is not None:
                self.link_note_contact(note_id, contact_id)
            contact = self.get_contact(contact_id)
            assert contact is not None
            return contact
        raise StoreError(f"could not store contact {parsed.full_name or emails}")

    def _email_owners(self, emails: list[str]) -> dict[str, int]:
        if not emails:
            return {}
        rows = self.conn.execute(
            sa.select(contact_emails.c.email, contact_emails.c.contact_id).where(
                contact_emails.c.email.in_(emails)
            )
        )
        return {email: int(owner) for email, owner in rows}

    def _match_contact(
        self, parsed: ParsedContact, emails: list[str], phones: list[str], owners: dict[str, int]
    ) -> int | None:
        for email in emails:
            if email in owners:
                return owners[email]
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
        return int(
            self.conn.execute(
                contacts.insert()
                .values(
                    full_name=name,
                    name_key=normalise_name(name),
                    company=_clean_line(parsed.company),
                    title=_clean_line(parsed.title),
                    website=_clean(parsed.website),
                    linkedin=_clean(parsed.linkedin),
                    address=_clean(parsed.address),
                    met_at=_clean(met_at),
                    met_on=met_on,
                    created_at=now,
                    updated_at=now,
                )
                .returning(contacts.c.id)
            ).scalar_one()
        )

    def _merge_contact(
        self,
        contact_id: int,
        parsed: ParsedContact,
        met_at: str | None,
        met_on: dt.date | None,
        now: dt.datetime,
    ) -> None:
        row = self.conn.execute(sa.select(contacts).where(contacts.c.id == contact_id)).one()
        stored = row._mapping
        changes: dict[str, Any] = {}
        for field in ("full_name", "company", "title", "website", "linkedin", "address"):
            raw = getattr(parsed, field)
            new = _clean(raw) if field == "address" else _clean_line(raw)
            if stored[field] is None and new is not None:
                changes[field] = new
        if "full_name" in changes:
            changes["name_key"] = normalise_name(changes["full_name"])
        met_at = _clean(met_at)
        stored_on = stored["met_on"]
        has_meeting = stored["met_at"] is not None or stored_on is not None
        if not has_meeting or (met_on and stored_on and met_on < stored_on):
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

    def _add_emails(self, contact_id: int, emails: list[str], owners: dict[str, int]) -> None:
        # At READ COMMITTED each statement sees new commits: if another writer claimed one of
        # these addresses since we matched, the match may be wrong, so start over.
        if self._email_owners(emails) != owners:
            raise _LostRace
        position = self._next_position(contact_emails, contact_id)
        for email in emails:
            if email in owners:
                continue  # ours already, or another contact's: addresses never move
            self.conn.execute(
                contact_emails.insert().values(
                    email=email, contact_id=contact_id, position=position
                )
            )
            position += 1

    def _add_phones(self, contact_id: int, phones: list[str]) -> None:
        have = set(
            self.conn.execute(
                sa.select(contact_phones.c.phone).where(contact_phones.c.contact_id == contact_id)
            ).scalars()
        )
        position = self._next_position(contact_phones, contact_id)
        for phone in phones:
            if phone not in have:
                self.conn.execute(
                    contact_phones.insert().values(
                        contact_id=contact_id, phone=phone, position=position
                    )
                )
                position += 1

    def _next_position(self, table: sa.Table, contact_id: int) -> int:
        top = self.conn.execute(
            sa.select(sa.func.max(table.c.position)).where(table.c.contact_id == contact_id)
        ).scalar_one_or_none()
        return 0 if top is None else int(top) + 1

    def get_contact(self, contact_id: int) -> Contact | None:
        found = self._contacts(contacts.c.id == contact_id)
        return found[0] if found else None

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
        emails: dict[int, list[str]] = {i: [] for i in ids}
        for email, owner in self.conn.execute(
            sa.select(contact_emails.c.email, contact_emails.c.contact_id)
            .where(contact_emails.c.contact_id.in_(ids))
            .order_by(contact_emails.c.position)
        ):
            emails[owner].append(email)
        phones: dict[int, list[str]] = {i: [] for i in ids}
        for phone, owner in self.conn.execute(
            sa.select(contact_phones.c.phone, contact_phones.c.contact_id)
            .where(contact_phones.c.contact_id.in_(ids))
            .order_by(contact_phones.c.position)
        ):
            phones[owner].append(phone)
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
            )
            for m in (r._mapping for r in rows)
        ]

    # ------------------------------------------------------------------ follow-ups

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
        for _ in range(_RACE_RETRIES):
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

    def _followup_by_key(self, draft_key: str) -> FollowUp | None:
        row = self.conn.execute(
            sa.select(followups).where(followups.c.draft_key == draft_key)
        ).first()
        return _followup_from_row(row) if row else None

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

    def due_followups(self, now: dt.datetime) -> list[FollowUp]:
        """Planned follow-ups due at or before `now`, oldest due first."""
        rows = self.conn.execute(
            sa.select(followups)
            .where(
                followups.c.status == str(FollowUpStatus.PLANNED),
                followups.c.due_at <= now,
            )
            .order_by(followups.c.due_at, followups.c.id)
        )
        return [_followup_from_row(r) for r in rows]

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
            )
        )
        if result.rowcount == 0:
            raise LookupError(f"no follow-up {followup_id}")

    def list_followups(self, status: FollowUpStatus | None = None) -> list[FollowUp]:
        query = sa.select(followups).order_by(followups.c.due_at, followups.c.id)
        if status is not None:
            query = query.where(followups.c.status == str(status))
        return [_followup_from_row(r) for r in self.conn.execute(query)]

    def get_followup(self, followup_id: int) -> FollowUp | None:
        row = self.conn.execute(sa.select(followups).where(followups.c.id == followup_id)).first()
        return _followup_from_row(row) if row else None

    # ------------------------------------------------------------------ privacy

    def _notes_mentioning(self, contact_id: int) -> list[int]:
        linked = sa.select(note_contacts.c.note_id).where(note_contacts.c.contact_id == contact_id)
        planned = sa.select(followups.c.note_id).where(followups.c.contact_id == contact_id)
        query = sa.union(linked, planned).subquery()
        return sorted(int(i) for i in self.conn.execute(sa.select(query.c[0])).scalars())

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
            note = _note_from_row(row)
            exported_notes.append({**note.to_json(), "note_text": note.note_text})
        fus = self.conn.execute(
            sa.select(followups)
            .where(followups.c.contact_id == contact_id)
            .order_by(followups.c.id)
        )
        return {
            "contact": contact.to_json(),
            "followups": [_followup_from_row(r).to_json() for r in fus],
            "notes": exported_notes,
        }

    def forget_contact(self, contact_id: int) -> bool:
        """Delete a person and their follow-ups; the notes that mentioned them keep only
        their mailbox key, status and content hash, so the message is never ingested again."""
        if self.get_contact(contact_id) is None:
            return False
        note_ids = self._notes_mentioning(contact_id)
        if note_ids:
            self.conn.execute(
                notes.update()
                .where(notes.c.id.in_(note_ids))
                .values(
                    message_id=None,
                    subject=None,
                    reason="forgotten on request",
                    kind=None,
                    note_text=None,
                    met_at=None,
                    met_on=None,
                    follow_up_on=None,
                    tags=[],
                )
            )
        # Deleted explicitly rather than trusting ON DELETE CASCADE to be enabled.
        self.conn.execute(followups.delete().where(followups.c.contact_id == contact_id))
        self.conn.execute(note_contacts.delete().where(note_contacts.c.contact_id == contact_id))
        self.conn.execute(contact_emails.delete().where(contact_emails.c.contact_id == contact_id))
        self.conn.execute(contact_phones.delete().where(contact_phones.c.contact_id == contact_id))
        self.conn.execute(contacts.delete().where(contacts.c.id == contact_id))
        return True
