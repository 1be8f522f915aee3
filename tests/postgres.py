"""A throwaway PostgreSQL server for tests, and the fixtures that hand out a fresh database.

The server lives in a short temporary directory (under /dev/shm when it exists), listens on
127.0.0.1 on a free port and on a unix socket in that directory, trusts every local login and
runs with fsync off. PostgreSQL refuses to run as root, so as root it runs as `postgres` (or
`nobody`) through runuser. Set FOLLOWUP_TEST_POSTGRES_URL to an admin URL of a server you
already run (a CI service, say) to use that instead; set FOLLOWUP_PG_BINDIR to pick binaries.

Use in a test module: `from postgres import postgres_server, postgres_url  # noqa: F401`.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

SKIP_REASON = (
    "PostgreSQL server binaries not found (apt-get install postgresql, or set "
    "FOLLOWUP_PG_BINDIR or FOLLOWUP_TEST_POSTGRES_URL)"
)


def find_bindir() -> Path | None:
    """The directory holding initdb, pg_ctl and postgres, or None when not installed."""
    candidates: list[str] = []
    if os.environ.get("FOLLOWUP_PG_BINDIR"):
        candidates.append(os.environ["FOLLOWUP_PG_BINDIR"])
    if shutil.which("pg_config"):
        out = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if out:
            candidates.append(out)

    def version(path: str) -> int:
        name = Path(path).parent.name
        return int(name) if name.isdigit() else 0

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).resolve().parent))
    for candidate in candidates:
        path = Path(candidate)
        if all((path / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return path
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_user() -> str | None:
    """Who runs the server: ourselves, unless we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists")


class PostgresServer:
    """One PostgreSQL cluster in a temporary directory; `stop()` removes every trace."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None
        # Short: the socket path must fit in sun_path (107 bytes).
        self.root = Path(tempfile.mkdtemp(prefix="fpg", dir=base))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self.user = _server_user()

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [*args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, check=False, timeout=120
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            output = result.stdout + result.stderr + log
            raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}):\n{output}")
        return result

    def start(self) -> None:
        if self.user is not None:
            shutil.chown(self.root, user=self.user)
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        for attempt in itertools.count():
            self.port = _free_port()
            options = (
                f"-h 127.0.0.1 -p {self.port} -k {self.root} -F "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
            )
            try:
                self._run(
                    str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                    "-o", options, "-w", "-t", "60", "start",
                )  # fmt: skip
                return
            except RuntimeError:
                if attempt >= 2:  # the free port was taken between probe and bind, thrice
                    raise

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(
                    str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Databases:
    """Creates and drops one database per test on a server reachable at `admin_url`."""

    def __init__(self, admin_url: str) -> None:
        import psycopg

        self.admin_url = make_url(admin_url)
        dsn = self.admin_url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._conn = psycopg.connect(dsn, autocommit=True)
        self._names = (f"followup_test_{os.getpid()}_{n}" for n in itertools.count())

    def create(self) -> str:
        name = next(self._names)
        self._conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop(self, name: str) -> None:
        # FORCE (PostgreSQL 13+): a test that leaked a connection must not fail the next one.
        self._conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url(self, name: str) -> str:
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def close(self) -> None:
        self._conn.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Databases]:
    """A PostgreSQL for the whole session; skips the test when none can be found."""
    pytest.importorskip("psycopg", reason="psycopg 3 is not installed (pip install psycopg)")
    external = os.environ.get("FOLLOWUP_TEST_POSTGRES_URL")
    if external:
        databases = Databases(external)
        yield databases
        databases.close()
        return
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(SKIP_REASON)
    server = PostgresServer(bindir)
    try:
        started = time.monotonic()
        server.start()
        databases = Databases(server.admin_url)
        print(f"PostgreSQL from {bindir} up in {time.monotonic() - started:.1f}s")
        yield databases
        databases.close()
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: Databases) -> Iterator[str]:
    """The SQLAlchemy URL of an empty database of this test's own, dropped afterwards."""
    name = postgres_server.create()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop(name)
