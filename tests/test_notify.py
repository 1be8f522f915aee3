"""sd_notify against a real AF_UNIX datagram socket standing in for systemd's: READY,
STATUS, WATCHDOG (and that a stuck watcher stops it), STOPPING, RELOADING."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from daemon_harness import COMMON, ImapBox, owner_note, wait_until, write_config
from dovecot import Dovecot
from fakes import FakeMailbox

from followup.bootstrap import build_app
from followup.config import AccountConfig, load_config
from followup.daemon import Daemon
from followup.notify import Notifier, watchdog_interval


class SystemdSocket:
    """The NOTIFY_SOCKET end: collects every datagram sent to it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path if not path.startswith("@") else "\0" + path[1:])
        self.sock.settimeout(0.2)
        self.received: list[str] = []

    def drain(self) -> list[str]:
        while True:
            try:
                self.received.append(self.sock.recv(4096).decode())
            except TimeoutError:
                return self.received

    def wait_for(self, prefix: str, timeout: float = 30, after: int = 0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.drain()
            for message in self.received[after:]:
                if message.startswith(prefix):
                    return message
        raise AssertionError(f"no {prefix!r} within {timeout} s: {self.received}")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[SystemdSocket]:
    sock = SystemdSocket(str(tmp_path / "notify.sock"))
    yield sock
    sock.close()


def test_watchdog_is_on_only_for_our_pid() -> None:
    assert watchdog_interval({"WATCHDOG_USEC": "30000000"}, 42) == 30.0
    assert watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"}, 42) == 30.0
    assert watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "7"}, 42) is None
    assert watchdog_interval({"WATCHDOG_USEC": "0"}, 42) is None
    assert watchdog_interval({}, 42) is None


def test_notifier_sends_datagrams_and_hides_the_watchdog_from_children(
        systemd: SystemdSocket) -> None:
    env = {"NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "99"}
    notifier = Notifier(env, pid=99)
    assert notifier.watchdog == 2.0
    assert not env  # the programs we run: not theirs to use
    notifier.ready()
    notifier.status("watching 1\naccount")
    notifier.status("watching 1 account")  # same line again: not resent
    notifier.pet()
    notifier.reloading(123)
    notifier.stopping()
    assert systemd.drain() == ["READY=1", "STATUS=watching 1 account", "WATCHDOG=1",
                               "RELOADING=1\nMONOTONIC_USEC=123", "STOPPING=1"]


def test_notifier_reaches_an_abstract_socket_and_is_silent_without_one() -> None:
    name = f"@followup-test-{os.getpid()}"
    sock = SystemdSocket(name)
    try:
        Notifier({"NOTIFY_SOCKET": name}).ready()
        assert sock.drain() == ["READY=1"]
    finally:
        sock.close()
    Notifier({}).ready()  # outside systemd: nothing, no error
    Notifier({"NOTIFY_SOCKET": "/nonexistent/sock"}).ready()  # systemd gone: no error


# --- the daemon, in this process, with fake mailboxes one of which can hang -----------------

MAILDIR_ACCOUNTS = """
[[accounts]]
name = "a"
[accounts.maildir]
path = "{root}/a"
[[accounts]]
name = "b"
[accounts.maildir]
path = "{root}/b"
"""


class HangingMailbox(FakeMailbox):
    """A fake whose wait() can be made to hang for good, as a wedged IMAP call would."""

    def __init__(self) -> None:
        super().__init__()
        self.hang = threading.Event()
        self.hang_drafting = threading.Event()
        self.release = threading.Event()

    def wait(self, timeout: float) -> bool:
        if self.hang.is_set():
            self.release.wait()  # ignores interrupt(): truly stuck
            return False
        return super().wait(timeout)

    def drafts_present(self, draft_keys: Sequence[str]) -> set[str]:
        if self.hang_drafting.is_set():
            self.release.wait()
        return super().drafts_present(draft_keys)


def _embedded(tmp_path: Path, systemd: SystemdSocket, boxes: dict[str, HangingMailbox]
              ) -> tuple[Daemon, threading.Thread, list[int]]:
    """A Daemon on fake mailboxes, in a thread of this process, watchdog at 1.2 s."""
    config_path = tmp_path / "config.toml"
    config_path.write_text(COMMON.format(db=tmp_path / "f.db", daemon_extra="", owner_extra="")
                           + MAILDIR_ACCOUNTS.format(root=tmp_path))
    app = build_app(load_config(config_path))

    def open_mailbox(acct: AccountConfig) -> FakeMailbox:
        return boxes[acct.name]

    app = replace(app, open_mailbox=open_mailbox)
    notifier = Notifier({"NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "1200000"}, pid=1)
    daemon = Daemon(app, notifier=notifier)
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(daemon.run()))
    thread.start()
    return daemon, thread, result


def _pets_stop(systemd: SystemdSocket) -> None:
    time.sleep(2.5)  # over the 1.2 s interval since the last sign of life
    seen = len(systemd.drain())
    time.sleep(2)
    assert "WATCHDOG=1" not in systemd.drain()[seen:]


def test_watchdog_pets_while_watchers_live_and_stops_when_one_hangs(
        tmp_path: Path, systemd: SystemdSocket) -> None:
    boxes = {"a": HangingMailbox(), "b": HangingMailbox()}
    daemon, thread, result = _embedded(tmp_path, systemd, boxes)
    app = daemon.app
    try:
        systemd.wait_for("READY=1")
        status = systemd.wait_for("STATUS=")
        assert status.startswith("STATUS=watching 2 account(s); today 0 note(s)"), status
        for _ in range(3):  # petted again and again while both watchers are alive
            systemd.wait_for("WATCHDOG=1", timeout=5, after=len(systemd.drain()))
        boxes["b"].hang.set()  # b gets stuck in wait(): no more pets
        _pets_stop(systemd)
        boxes["b"].hang.clear()  # it recovers: pets come back
        boxes["b"].release.set()
        systemd.wait_for("WATCHDOG=1", timeout=5, after=len(systemd.drain()))
    finally:
        boxes["b"].release.set()
        daemon.request_stop()
        thread.join(timeout=15)
        app.close()
    assert result == [0]
    assert systemd.drain()[-1] == "STOPPING=1"
    assert boxes["a"].closed and boxes["b"].closed


def test_watchdog_stops_when_a_drafting_pass_hangs(tmp_path: Path,
                                                   systemd: SystemdSocket) -> None:
    boxes = {"a": HangingMailbox(), "b": HangingMailbox()}
    boxes["a"].hang_drafting.set()
    daemon, thread, result = _embedded(tmp_path, systemd, boxes)
    try:
        systemd.wait_for("WATCHDOG=1")
        boxes["a"].deliver(owner_note(1))  # ingested, then its draft's pass hangs
        assert wait_until(lambda: boxes["a"].messages("Followup/Processed") != [])
        _pets_stop(systemd)
        boxes["a"].hang_drafting.clear()
        boxes["a"].release.set()
        assert wait_until(lambda: len(boxes["a"].messages("Drafts")) == 1)
        systemd.wait_for("WATCHDOG=1", timeout=5, after=len(systemd.drain()))
    finally:
        boxes["a"].release.set()
        daemon.request_stop()
        thread.join(timeout=15)
        daemon.app.close()
    assert result == [0]


# --- the real command under a fake systemd, against the suite's Dovecot ---------------------

def test_followup_run_reports_status_pets_the_watchdog_and_says_stopping(
        dovecot: Dovecot, dovecot_user: str, box: ImapBox, tmp_path: Path,
        systemd: SystemdSocket) -> None:
    config = write_config(tmp_path, dovecot, dovecot_user)
    box.append(owner_note(1))
    env = {**os.environ, "NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "2000000"}
    proc = subprocess.Popen([sys.executable, "-m", "followup", "--config", str(config), "run"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        systemd.wait_for("READY=1")
        systemd.wait_for("WATCHDOG=1", timeout=5)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the status line follows the note and its draft
            statuses = [m for m in systemd.drain() if m.startswith("STATUS=")]
            if statuses and "today 1 note(s), 0 to review, 1 draft(s) written" in statuses[-1]:
                break
            time.sleep(0.5)
        assert statuses[-1] == ("STATUS=watching 1 account(s); today 1 note(s), 0 to review, "
                                "1 draft(s) written; 0 follow-up(s) due not drafted yet"), statuses
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    assert systemd.drain()[-1] == "STOPPING=1"
