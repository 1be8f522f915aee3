"""What every part of the store shares: its error, the race-retry rule and the unit base."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Insert

from followup.errors import FollowupError

# How often a writer that lost a race on a unique key re-reads and tries again.
RACE_RETRIES = 3


class StoreError(FollowupError):
    """The database cannot be used as it is (for example a schema newer than this program)."""

    exit_code = 4


class LostRace(Exception):
    """Another writer changed what a match was based on; the savepoint is retried."""


class UnitBase:
    """A connection inside one transaction; the operation mixins of `Unit` build on it."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn


_SKIPPING: dict[tuple[str, str], Insert] = {}


def insert_skipping_taken(conn: Connection, table: sa.Table) -> Insert:
    """An INSERT that skips a row whose unique key is stored already, in one statement.

    SQLite and PostgreSQL say `ON CONFLICT DO NOTHING` (only unique keys count as a conflict;
    a foreign key error still raises). Cheaper than a SAVEPOINT around a plain INSERT, which
    costs two more round trips per row."""
    # built once per table: building a statement costs more than running it on SQLite
    key = (conn.dialect.name, table.name)
    if key not in _SKIPPING:
        _SKIPPING[key] = _skipping(conn, table)
    return _SKIPPING[key]


def _skipping(conn: Connection, table: sa.Table) -> Insert:
    # the dialect modules are imported by the engine already; importing here keeps the
    # one not in use out of the process
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing()
    raise StoreError(f"followup supports SQLite and PostgreSQL, not {conn.dialect.name}")
