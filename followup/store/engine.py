"""Opening a database: the engine, SQLite's pragmas and locking, and alembic upgrades."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url

from followup.store.base import StoreError

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Any constant works: it only has to be the same in every process running upgrades.
_PG_MIGRATION_LOCK = 0x466F6C6C6F7755


def migrations_dir() -> Path:
    """The alembic script directory shipped inside the package."""
    return Path(__file__).resolve().parents[1] / "migrations"


def _sqlite_url(url: URL) -> URL:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return url
    path = Path(database).expanduser()
    private_database(path)
    return url.set(database=str(path))


def private_database(path: Path) -> None:
    """Create the database's folder (0700) and file (0600) before SQLite does: contacts and
    notes are the owner's alone. SQLite gives its -wal and -shm files the database file's
    mode. An existing folder or file keeps the mode the owner chose."""
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, mode=0o700)
            path.parent.chmod(0o700)  # mkdir's mode is masked by the umask
        except FileExistsError:
            pass  # another process opening the same new database made it first
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


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
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        # refused here, at start, rather than at the first note (see insert_skipping_taken)
        raise StoreError(f"database.url: followup stores its data in SQLite or PostgreSQL, "
                         f"not {parsed.get_backend_name()}")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
    if parsed.get_backend_name() == "sqlite":
        parsed = _sqlite_url(parsed)
        engine = sa.create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return sa.create_engine(parsed, pool_pre_ping=True)


# The newest revision in followup/migrations/versions (a test keeps the two in step). Knowing
# it lets a start on a current database skip importing alembic: about 10 MB of the idle
# daemon's memory.
SCHEMA_HEAD = "0010"


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.DBAPIError:  # no alembic_version table yet: a new database
        return None


# `revision: str = "0001"` (or with single quotes, as alembic's template writes it)
_REVISION_LINE = re.compile(r"""^revision(?:: str)? = ['"]([^'"]+)['"]""", re.MULTILINE)


def known_revisions() -> set[str]:
    """The revision ids shipped in followup/migrations/versions, read without alembic."""
    found = set()
    for script in (migrations_dir() / "versions").glob("*.py"):
        match = _REVISION_LINE.search(script.read_text(encoding="utf-8"))
        if match:
            found.add(match.group(1))
    return found


def refuse_older_schema(url: str) -> None:
    """On PostgreSQL, where several daemons may share the database, only `followup db
    upgrade` changes the schema: a start on an older one stops here, naming the command.
    An empty database is created at head by whoever opens it first (under the migration
    lock); SQLite keeps upgrading itself at start (one machine, one user)."""
    if make_url(url).get_backend_name() != "postgresql":
        return
    engine = create_engine(url)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    if current is None or current == SCHEMA_HEAD or current not in known_revisions():
        return  # new, current, or newer than us (Store.open explains that one)
    raise StoreError(
        f"the database schema is at revision {current}, older than this followup's "
        f"{SCHEMA_HEAD}: stop every followup daemon using it, then run `followup db upgrade`")


def upgrade_schema_apart(url: str) -> None:
    """Bring the schema at `url` to head in a child process (`followup.store.migrate`) when
    it is not there yet, so the calling process never imports alembic: a long-running
    daemon would otherwise keep its ~10 MB for good. An in-memory database has no other
    process to reach it and is left to `Store.open`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and (
            not parsed.database or parsed.database == ":memory:"
            or parsed.database.startswith("file:")):
        return
    engine = create_engine(url)
    try:
        if current_revision(engine) == SCHEMA_HEAD:
            return
    finally:
        engine.dispose()
    root = str(Path(__file__).resolve().parents[2])  # the package, also from a checkout
    env = {**os.environ, "FOLLOWUP_DATABASE_URL": url,  # not argv: ps shows argv to all
           "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    try:
        done = subprocess.run([sys.executable, "-m", "followup.store.migrate"], env=env,
                              capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StoreError(f"could not upgrade the database schema: {exc}") from exc
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise StoreError(lines[-1] if lines else
                         f"the schema upgrade failed (exit {done.returncode})")


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest alembic revision; cheap when it is there already."""
    if current_revision(engine) == SCHEMA_HEAD:
        return
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
