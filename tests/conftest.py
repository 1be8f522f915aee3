"""Shared fixtures: one real Dovecot per test session, and a fresh mail user per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from daemon_harness import Daemons, ImapBox, daemons
from dovecot import Dovecot, why_no_dovecot
from imapservers import Courier, Cyrus, why_not

from followup.mailbox.imap import ImapSettings


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
