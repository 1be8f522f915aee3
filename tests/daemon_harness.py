"""Drive the real `followup` command against a test Dovecot, and check "exactly once".

Shared by the crash, resilience, hostile-daemon and spoofing tests: a config file per test,
`run --once` and daemon subprocesses, a plain imapclient view of the mailbox, and the
invariants every run must keep (one contact per person, one draft per X-Followup-Id, every
note in Processed once, no owner note left in INBOX)."""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import secret_watch
from dovecot import Dovecot
from imapclient import IMAPClient

OWNER = "sam@owner.example"
PROCESSED = "Followup/Processed"
REVIEW = "Followup/Needs review"

FIRST = ["Maria", "John", "Priya", "Chen", "Olga", "Ahmed", "Lucia", "Tom", "Ingrid", "Kofi",
         "Hana", "Pierre", "Sofia", "Raj", "Elena", "Mateo", "Yuki", "Lars", "Amara", "Diego"]
LAST = ["Lopez", "Smith", "Patel", "Wang", "Ivanova", "Hassan", "Rossi", "Baker", "Berg",
        "Mensah", "Sato", "Durand", "Costa", "Kumar", "Novak", "Silva", "Tanaka", "Larsen",
        "Okafor", "Garcia"]


def person(i: int) -> tuple[str, str]:
    """A distinct (full name, address) for note number i."""
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
    return name, f"person-{i}@acme.example"


def owner_note(i: int, sender: str = OWNER) -> bytes:
    name, address = person(i)
    return (
        f"From: Sam Owner <{sender}>\r\n"
        "To: notes@owner.example\r\n"
        f"Subject: met someone n{i}\r\n"
        "Date: Thu, 14 May 2026 18:02:00 -0700\r\n"
        f"Message-ID: <note-{i}@owner.example>\r\n"
        "\r\n"
        f"met {name}, VP Eng at Acme, {address}, at PyCon; talked about robots (n{i}).\r\n"
    ).encode()


def stranger_note(i: int) -> bytes:
    return (
        "From: Mallory <mallory@evil.example>\r\n"
        "To: notes@owner.example\r\n"
        f"Subject: add me s{i}\r\n"
        "Date: Thu, 14 May 2026 18:02:00 -0700\r\n"
        f"Message-ID: <stranger-{i}@evil.example>\r\n"
        "\r\n"
        f"met Mallory Evil, mallory-{i}@evil.example, follow up tomorrow\r\n"
    ).encode()


# These tests count what is in INBOX, at any hour of the day; the digest (APPENDed to INBOX
# on weekdays after 08:00 by default) has tests of its own, which swap this block out.
DIGEST_OFF = "[digest]\nenabled = false\n"

COMMON = f"""
[owner]
addresses = ["{OWNER}"]
name = "Sam Owner"
timezone = "Europe/Berlin"
{{owner_extra}}

[database]
url = "sqlite:///{{db}}"

[drafting]
window = "00:00-24:00"
weekdays_only = false

[daemon]
{{daemon_extra}}

{DIGEST_OFF}

[[sequence]]
after = "0d"
template = "nice-to-meet-you"
[[sequence]]
after = "2w"
template = "check-in"
"""


def imap_table(dovecot: Dovecot, user: str, password_file: Path, header: str = "[imap]",
               extra: str = "") -> str:
    return f"""
{header}
host = "{dovecot.host}"
port = {dovecot.port}
security = "starttls"
username = "{user}"
password_file = "{password_file}"
ca_file = "{dovecot.cafile}"
folder = "INBOX"
drafts_folder = ""
socket_timeout = 10
{extra}
"""


def write_config(tmp_path: Path, dovecot: Dovecot, user: str, *, imap_extra: str = "",
                 daemon_extra: str = "", owner_extra: str = "",
                 password: str | None = None) -> Path:
    """A config for one IMAP account of `user` on the test Dovecot, SQLite in tmp_path."""
    password_file = tmp_path / "password"
    password_file.write_text((password or dovecot.password) + "\n")
    password_file.chmod(0o600)  # followup refuses a password file others can read
    config = tmp_path / "config.toml"
    config.write_text(imap_table(dovecot, user, password_file, extra=imap_extra)
                      + COMMON.format(db=tmp_path / "f.db", daemon_extra=daemon_extra,
                                      owner_extra=owner_extra))
    return config


def followup(config: Path, *args: str, check: bool = True, env: Mapping[str, str] | None = None,
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "followup", "--config", str(config), *args],
                            capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, **(env or {})})
    secret_watch.scan(result.stdout + result.stderr, f"output of followup {' '.join(args)}")
    if check:
        assert result.returncode == 0, result.stderr
    return result


def run_once(config: Path, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    """`followup run --once`, optionally killing itself at a step (FOLLOWUP_TEST_CRASH_AT)."""
    env = {"FOLLOWUP_TEST_CRASH_AT": crash_at} if crash_at else None
    return followup(config, "run", "--once", check=False, env=env)


def listing(config: Path, *what: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(followup(config, *what, "--json").stdout)
    return data


def contacts(config: Path) -> list[dict[str, Any]]:
    return listing(config, "contacts", "list")


def followups(config: Path) -> list[dict[str, Any]]:
    return listing(config, "drafts", "list")


def notes(config: Path) -> list[dict[str, Any]]:
    return listing(config, "notes", "list")


def wait_until(check: Callable[[], bool], timeout: float = 20.0, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return check()


@dataclass
class Daemon:
    """A `followup run` subprocess whose output is collected in a file (never a full pipe)."""

    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        text = self.log_path.read_text(errors="replace")
        secret_watch.scan(text, f"daemon log {self.log_path.name}")
        return text

    def stop(self, timeout: float = 15) -> tuple[int, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=timeout)
        return code, self.log()


@dataclass
class Daemons:
    started: list[Daemon] = field(default_factory=list)

    def start(self, config: Path, *args: str, env: Mapping[str, str] | None = None) -> Daemon:
        log_path = config.parent / f"daemon-{len(self.started)}.log"
        out = open(log_path, "wb")  # noqa: SIM115 - the child owns it
        proc = subprocess.Popen(
            [sys.executable, "-m", "followup", "--config", str(config), *args, "run"],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        out.close()
        daemon = Daemon(proc, log_path)
        self.started.append(daemon)
        return daemon

    def kill_all(self) -> None:
        for d in self.started:
            if d.proc.poll() is None:
                d.proc.kill()
                d.proc.wait()


def daemons() -> Iterator[Daemons]:
    """Body of a fixture: every daemon a test starts is killed at its end."""
    started = Daemons()
    try:
        yield started
    finally:
        started.kill_all()
        for daemon in started.started:
            daemon.log()  # searched for secrets


Message = tuple[set[bytes], EmailMessage]


class ImapBox:
    """The test's own view of the mailbox: a plain imapclient connection, reconnecting
    after the server was restarted."""

    def __init__(self, dovecot: Dovecot, user: str) -> None:
        self.dovecot = dovecot
        self.user = user
        self._client: IMAPClient | None = None

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            client = IMAPClient(self.dovecot.host, port=self.dovecot.port, ssl=False, timeout=10)
            client.login(self.user, self.dovecot.password)
            self._client = client
        return self._client

    def _retry(self, fn: Callable[[IMAPClient], Any]) -> Any:
        try:
            return fn(self.client)
        except Exception:  # the server was restarted under us: one fresh connection
            self._client = None
            return fn(self.client)

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        self._retry(lambda c: c.append(folder, raw))

    def messages(self, folder: str) -> list[Message]:
        def read(c: IMAPClient) -> list[Message]:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            uids = c.search("ALL")
            out = []
            for data in c.fetch(uids, ["FLAGS", "BODY.PEEK[]"]).values():
                msg = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
                assert isinstance(msg, EmailMessage)
                out.append((set(data[b"FLAGS"]), msg))
            c.unselect_folder()
            return out

        result: list[Message] = self._retry(read)
        return result

    def raw_messages(self, folder: str) -> list[tuple[set[bytes], bytes]]:
        def read(c: IMAPClient) -> list[tuple[set[bytes], bytes]]:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            uids = c.search("ALL")
            out = [(set(d[b"FLAGS"]), bytes(d[b"BODY[]"]))
                   for d in c.fetch(uids, ["FLAGS", "BODY.PEEK[]"]).values()]
            c.unselect_folder()
            return out

        result: list[tuple[set[bytes], bytes]] = self._retry(read)
        return result

    def count(self, folder: str) -> int:
        def status(c: IMAPClient) -> int:
            if not c.folder_exists(folder):
                return 0
            return int(c.folder_status(folder, [b"MESSAGES"])[b"MESSAGES"])

        result: int = self._retry(status)
        return result

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):  # the server may be gone already
                self._client.logout()
            self._client = None


def message_ids(msgs: list[Message]) -> list[str]:
    return [str(m["Message-ID"]) for _f, m in msgs]


def assert_exactly_once(config: Path, box: ImapBox, note_ids: range | list[int],
                        stranger_ids: range | list[int] = ()) -> None:
    """Every owner note processed once: one contact, two follow-ups (one drafted), one draft
    in Drafts, one copy in Processed, none left in INBOX; strangers untouched in INBOX."""
    expected = [person(i)[1] for i in note_ids]
    people = contacts(config)
    emails = [e for c in people for e in c["emails"]]
    diff = (Counter(emails) - Counter(expected)) + (Counter(expected) - Counter(emails))
    assert not diff, f"contacts differ from the notes delivered: {diff}"
    assert len(people) == len(expected)

    plans = followups(config)
    keys = Counter(f["draft_key"] for f in plans)
    assert all(n == 1 for n in keys.values()), keys
    per_contact = Counter(f["contact_id"] for f in plans)
    assert set(per_contact.values()) <= {2}, per_contact
    drafted = {f["draft_key"] for f in plans if f["status"] == "drafted"}
    assert len(drafted) == len(expected), [f["status"] for f in plans]

    drafts = box.messages("Drafts")
    ids = Counter(str(m["X-Followup-Id"]) for _f, m in drafts)
    assert all(n == 1 for n in ids.values()), f"duplicate drafts: {ids}"
    assert set(ids) == drafted
    assert all(b"\\Draft" in f for f, _m in drafts)

    processed = Counter(message_ids(box.messages(PROCESSED)))
    assert processed == Counter(f"<note-{i}@owner.example>" for i in note_ids), processed
    inbox = box.messages("INBOX")
    assert Counter(message_ids(inbox)) == Counter(
        f"<stranger-{i}@evil.example>" for i in stranger_ids)
    assert all(b"\\Seen" not in f for f, _m in inbox), "a stranger's mail was marked read"

    listed = notes(config)
    recorded = Counter(n["message_id"] for n in listed if n["status"] == "processed")
    assert recorded == Counter(f"<note-{i}@owner.example>" for i in note_ids)
    assert sum(n["status"] == "ignored" for n in listed) == len(list(stranger_ids))
    assert len(listed) == len(list(note_ids)) + len(list(stranger_ids))
