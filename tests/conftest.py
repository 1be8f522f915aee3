"""Shared fixtures: one real Dovecot per test session, and a fresh mail user per test."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import secret_watch
from daemon_harness import Daemons, ImapBox, daemons
from dovecot import Dovecot, why_no_dovecot
from imapservers import Courier, Cyrus, why_not

from followup.mailbox.imap import ImapSettings

# The parser keeps its compiled patterns between runs (followup/parsing/rx.py): the suite's
# processes, daemons and CLI runs included, share a file of their own, not the user's cache.
# (atexit runs last-registered first, so the parser's own write at exit comes before this.)
_PATTERNS = tempfile.mkdtemp(prefix="followup-patterns-")
atexit.register(shutil.rmtree, _PATTERNS, True)
os.environ.setdefault("FOLLOWUP_PATTERN_CACHE", os.path.join(_PATTERNS, "patterns.json"))


def pytest_configure(config: pytest.Config) -> None:
    # every record of followup's loggers, debug ones too, goes past the secret watch
    logging.getLogger("followup").setLevel(logging.DEBUG)
    secret_watch.install()


@pytest.fixture(autouse=True)
def no_secret_in_logs() -> Iterator[None]:
    """Fails the test in whose time a test password or token showed in a log record, a CLI
    run's output or a daemon's log (tests/secret_watch.py)."""
    secret_watch.install()
    before = len(secret_watch.leaks)
    yield
    secret_watch.install()
    found = secret_watch.leaks[before:]
    if found:
        pytest.fail("secret shown: " + "; ".join(found), pytrace=False)


_WORKER_LEAKS: list[str] = []  # what the xdist workers saw outside any test


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """(xdist controller) a worker's leaks outside tests, handed over as it ends."""
    _WORKER_LEAKS.extend(getattr(node, "workeroutput", {}).get("secret_leaks", []))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: its exit status is not the run's
        workeroutput["secret_leaks"] = list(secret_watch.leaks)
        return
    leaks = secret_watch.leaks + _WORKER_LEAKS
    if leaks and exitstatus == 0:
        print("\nsecrets shown in logs:\n  " + "\n  ".join(leaks))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot on 127.0.0.1 with a test CA; skips the test when dovecot is not installed."""
    reason = why_no_dovecot()
    if reason:
        pytest.skip(reason)
    server = Dovecot()
    server.start()
    try:
        yield server
    finally:
        server.cleanup()


def _other_server(kind: str) -> Iterator[Cyrus | Courier]:
    reason = why_not(kind)
    if reason:
        pytest.skip(reason)
    server = Cyrus() if kind == "cyrus" else Courier()
    server.start()
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def cyrus() -> Iterator[Cyrus | Courier]:
    """Cyrus IMAP 3.6 unpacked from Debian's package (tests/imapservers.py), on 127.0.0.1."""
    yield from _other_server("cyrus")


@pytest.fixture(scope="session")
def courier() -> Iterator[Cyrus | Courier]:
    """Courier-IMAP 5.0 unpacked from Debian's package (tests/imapservers.py), on 127.0.0.1."""
    yield from _other_server("courier")


@pytest.fixture
def dovecot_user(dovecot: Dovecot) -> str:
    """A user of its own for this test, so tests never see each other's mail."""
    return dovecot.add_user()


@pytest.fixture
def imap_settings(dovecot: Dovecot, dovecot_user: str) -> Callable[..., ImapSettings]:
    """Factory of ImapSettings for this test's user over STARTTLS; keyword overrides apply."""

    def make(**overrides: Any) -> ImapSettings:
        values: dict[str, Any] = {
            "host": dovecot.host, "port": dovecot.port, "security": "starttls",
            "username": dovecot_user, "password": dovecot.password, "ca_file": dovecot.cafile,
            "socket_timeout": 10,
        }
        values.update(overrides)
        return ImapSettings(**values)

    return make


@pytest.fixture
def procs() -> Iterator[Daemons]:
    """Daemon processes a test starts; killed at the end if still running."""
    yield from daemons()


@pytest.fixture
def box(dovecot: Dovecot, dovecot_user: str) -> Iterator[ImapBox]:
    """The test's own IMAP view of its user's mailbox."""
    view = ImapBox(dovecot, dovecot_user)
    yield view
    view.close()
