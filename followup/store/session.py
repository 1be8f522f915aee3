"""An open database (`Store`) and the operations of one transaction on it (`Unit`)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import zlib
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from followup.store.digests import DigestOps
from followup.store.engine import create_engine, upgrade_schema
from followup.store.exchange import ExchangeOps
from followup.store.followups import FollowupOps
from followup.store.owner import OwnerOps
from followup.store.tracking import TrackingOps


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
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold the lock `name` against every process using this database, for work that
        looks before it writes outside the database (a drafting pass looks in Drafts, then
        APPENDs). PostgreSQL: an advisory lock; SQLite: flock on a file beside the database;
        an in-memory database has one process only."""
        if self.engine.dialect.name == "postgresql":
            key = zlib.crc32(f"followup:{name}".encode())
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
                try:
                    yield
                finally:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            return
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:" \
                or database.startswith("file:"):
            yield
            return
        fd = os.open(f"{database}.{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    @contextlib.contextmanager
    def unit(self) -> Iterator[Unit]:
        """One transaction: committed on normal exit, rolled back on an exception.

        Keep units short and free of network I/O and prompts: on SQLite a unit holds the
        write lock, and other writers give up after SQLITE_BUSY_TIMEOUT_MS."""
        with self.engine.begin() as conn:
            yield Unit(conn)


class Unit(DigestOps, ExchangeOps, OwnerOps, FollowupOps, TrackingOps):
    """The operations available inside one transaction.

    Each part lives with what it owns: notes and folders (`notes`), contacts and their merge
    rules (`contacts`), follow-ups (`followups`), export and forget (`privacy`), the owner's
    corrections (`owner`), the whole address book in and out (`exchange`), reply tracking
    (`tracking`), the digest (`digests`)."""
