"""Account leases: which daemon watches which account when several share one database.

PostgreSQL: a session advisory lock per account, held on one dedicated connection. The
server drops a session's locks when the session ends, so a daemon that is killed (its
socket closes) frees its accounts at once; a host that vanishes is noticed by TCP
keepalives set on that session (about 40 s). No table, no heartbeat to write.
SQLite: an flock on a file beside the database per account (released by the kernel when
the process dies). An in-memory database is one process's only: every account is held.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from followup.store import Store

log = logging.getLogger("followup.lease")

# The first key of pg_try_advisory_lock(int, int): the two-key lock space is apart from the
# one-key locks of migrations and drafting (pg_locks' objsubid tells them apart).
_PG_CLASS = 0x46550001
# Server-side keepalives on the lease session: a daemon whose host vanished without closing
# its socket loses its accounts after about idle + interval * count seconds.
_PG_KEEPALIVES = {"tcp_keepalives_idle": 20, "tcp_keepalives_interval": 5,
                  "tcp_keepalives_count": 4}


def _key(account: str) -> int:
    """A signed 32-bit key for an account name (stable across processes and versions)."""
    return int.from_bytes(hashlib.sha256(account.encode()).digest()[:4], "big", signed=True)


class AccountLeases:
    """Claims accounts for this process; `claim` is called again from time to time and
    returns what is held now (a lost database session loses every lease)."""

    def __init__(self, store: Store) -> None:
        engine = store.engine
        self.store = store
        self.kind = engine.dialect.name
        database = engine.url.database or ""
        self._sqlite_path = (database if self.kind == "sqlite" and database
                             and database != ":memory:" and not database.startswith("file:")
                             else None)
        self._conn: Connection | None = None
        self._files: dict[str, int] = {}
        self._held: set[str] = set()

    @property
    def held(self) -> frozenset[str]:
        return frozenset(self._held)

    def claim(self, accounts: Iterable[str]) -> frozenset[str]:
        """Try to hold every account in `accounts` not held yet; return all held now."""
        wanted = list(accounts)
        for name in [n for n in self._held if n not in wanted]:
            self.release(name)
        if self.kind == "postgresql":
            self._claim_pg(wanted)
        elif self._sqlite_path is not None:
            self._claim_files(wanted)
        else:
            self._held.update(wanted)
        return self.held

    def _claim_pg(self, wanted: list[str]) -> None:
        try:
            conn = self._pg_conn()
            conn.execute(sa.text("SELECT 1"))  # the session (and its locks) is still there
            for name in wanted:
                if name not in self._held and conn.execute(
                        sa.text("SELECT pg_try_advisory_lock(:c, :k)"),
                        {"c": _PG_CLASS, "k": _key(name)}).scalar():
                    self._held.add(name)
        except sa.exc.DBAPIError as exc:
            if self._held:
                log.warning("lost the database session holding the account leases (%s); "
                            "stopping %s until they are claimed again", exc.orig or exc,
                            ", ".join(sorted(self._held)))
            self._drop_pg()

    def _pg_conn(self) -> Connection:
        if self._conn is None:
            conn = self.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            for name, value in _PG_KEEPALIVES.items():
                conn.execute(sa.text(f"SET {name} = {int(value)}"))
            self._conn = conn
        return self._conn

    def _drop_pg(self) -> None:
        conn, self._conn = self._conn, None
        self._held.clear()
        if conn is not None:
            with contextlib.suppress(Exception):  # it is broken already
                conn.invalidate()
                conn.close()

    def _claim_files(self, wanted: list[str]) -> None:
        assert self._sqlite_path is not None
        for name in wanted:
            if name in self._held:
                continue
            digest = hashlib.sha256(name.encode()).hexdigest()[:16]
            fd = os.open(f"{self._sqlite_path}.account-{digest}.lock",
                         os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self._files[name] = fd
            self._held.add(name)

    def release(self, name: str) -> None:
        """Let another process take `name` (its watcher is stopped)."""
        self._held.discard(name)
        fd = self._files.pop(name, None)
        if fd is not None:
            os.close(fd)  # closing releases the flock
        if self._conn is not None:
            with contextlib.suppress(sa.exc.DBAPIError):
                self._conn.execute(sa.text("SELECT pg_advisory_unlock(:c, :k)"),
                                   {"c": _PG_CLASS, "k": _key(name)})

    def close(self) -> None:
        for name in list(self._held):
            self.release(name)
        self._drop_pg()
