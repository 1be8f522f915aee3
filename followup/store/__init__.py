"""The database: SQLAlchemy Core tables, alembic upgrades, and a Store returning model values.

Works on SQLite (the default, one file) and PostgreSQL (`postgresql+psycopg://...`).
Nothing outside this package sees a row: every read returns a frozen `followup.model` value.
The contact merge rules (who is the same person) are in `followup.store.contacts`.

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

from followup.store.base import StoreError
from followup.store.contacts import StoredPerson, normalise_name
from followup.store.engine import (
    SQLITE_BUSY_TIMEOUT_MS,
    create_engine,
    migrations_dir,
    refuse_older_schema,
    upgrade_schema,
    upgrade_schema_apart,
)
from followup.store.followups import NewFollowUp
from followup.store.schema import (
    UTC,
    UTCDateTime,
    contact_emails,
    contact_phones,
    contacts,
    folders,
    followups,
    metadata,
    note_contacts,
    notes,
    reply_marks,
    reply_seen,
)
from followup.store.session import Store, Unit
from followup.store.tracking import Lookback, TrackedFollowUp

__all__ = [
    "SQLITE_BUSY_TIMEOUT_MS",
    "UTC",
    "Lookback",
    "NewFollowUp",
    "Store",
    "StoreError",
    "StoredPerson",
    "TrackedFollowUp",
    "UTCDateTime",
    "Unit",
    "contact_emails",
    "contact_phones",
    "contacts",
    "create_engine",
    "folders",
    "followups",
    "metadata",
    "migrations_dir",
    "normalise_name",
    "note_contacts",
    "notes",
    "refuse_older_schema",
    "reply_marks",
    "reply_seen",
    "upgrade_schema",
    "upgrade_schema_apart",
]
