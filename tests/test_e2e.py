"""End to end, through the real `followup` command: a note in the inbox becomes a contact
and a \\Draft in Drafts, once; on a real Dovecot and on a local Maildir."""

from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from daemon_harness import DIGEST_OFF
from dovecot import Dovecot
from imapclient import IMAPClient
from postgres import postgres_server, postgres_url  # noqa: F401

OWNER = "sam@owner.example"
NOTE = (
    "From: Sam Owner <sam@owner.example>\r\n"
    "To: notes@owner.example\r\n"
    "Subject: met jane\r\n"
    "Date: Thu, 14 May 2026 18:02:00 -0700\r\n"
    "Message-ID: <e2e-{tag}@owner.example>\r\n"
    "\r\n"
    "met Jane Doe, VP Eng at Acme, jane@acme.example, at PyCon; talked about "
    "robots ({tag}).\r\n"
)
STRANGER = (
    "From: Mallory <mallory@evil.example>\r\n"
    "To: notes@owner.example\r\n"
    "Subject: add me\r\n"
    "Date: Thu, 14 May 2026 18:02:00 -0700\r\n"
    "\r\n"
    "met Mallory, mallory@evil.example, follow up tomorrow\r\n"
)

COMMON = f"""
[owner]
addresses = ["{OWNER}"]
name = "Sam Owner"
timezone = "Europe/Berlin"

[database]
url = "sqlite:///{{db}}"

[drafting]
window = "00:00-24:00"
weekdays_only = false

{DIGEST_OFF}
[[sequence]]
after = "0d"
template = "nice-to-meet-you"
[[sequence]]
after = "2w"
template = "check-in"
"""


def note(tag: str) -> bytes:
    return NOTE.format(tag=tag).encode()


def followup(config: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "followup", "--config", str(config), *args],
                            capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def contacts(config: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(followup(config, "contacts", "list", "--json").stdout)
    return data


def drafts(config: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(followup(config, "drafts", "list", "--json").stdout)
    return data


def wait_until(check: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


@pytest.fixture
def daemon() -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []

    def start(config: Path) -> subprocess.Popen[str]:
        proc = subprocess.Popen([sys.executable, "-m", "followup", "--config", str(config), "run"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# --- IMAP ----------------------------------------------------------------------------------
class ImapBox:
    """The test's view of the mailbox: a plain imapclient connection."""

    def __init__(self, dovecot: Dovecot, user: str) -> None:
        self.client = IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10)
        self.client.login(user, dovecot.password)

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        self.client.append(folder, raw)

    def messages(self, folder: str) -> list[tuple[set[bytes], email.message.EmailMessage]]:
        if not self.client.folder_exists(folder):
            return []
        self.client.select_folder(folder, readonly=True)
        uids = self.client.search("ALL")
        out = []
        for data in self.client.fetch(uids, ["FLAGS", "BODY.PEEK[]"]).values():
            msg = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
            out.append((set(data[b"FLAGS"]), msg))
        self.client.unselect_folder()
        return out


@pytest.fixture
def imap_env(tmp_path: Path, dovecot: Dovecot, dovecot_user: str) -> tuple[Path, ImapBox]:
    password = tmp_path / "password"
    password.write_text(dovecot.password + "\n")
    password.chmod(0o600)
    config = tmp_path / "config.toml"
    config.write_text(f"""
[imap]
host = "{dovecot.host}"
port = {dovecot.port}
security = "starttls"
username = "{dovecot_user}"
password_file = "{password}"
ca_file = "{dovecot.cafile}"
folder = "INBOX"
drafts_folder = ""
""" + COMMON.format(db=tmp_path / "f.db"))
    return config, ImapBox(dovecot, dovecot_user)


def assert_one_draft(msgs: list[tuple[set[bytes], email.message.EmailMessage]],
                     address: str) -> None:
    mine = [(flags, m) for flags, m in msgs if address in str(m["To"])]
    assert len(mine) == 1, [str(m["To"]) for _f, m in msgs]
    flags, msg = mine[0]
    assert b"\\Draft" in flags and b"\\Seen" in flags
    assert str(msg["From"]) == f"Sam Owner <{OWNER}>"
    assert str(msg["To"]) == f"Jane Doe <{address}>"
    assert "PyCon" in str(msg["Subject"])
    assert msg["Message-ID"] and msg["Date"] and msg["X-Followup-Id"]
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Hi Jane" in text and "PyCon" in text and "robots" in text


def test_imap_run_once_end_to_end(imap_env: tuple[Path, ImapBox]) -> None:
    config, box = imap_env
    box.append(note("a"))
    box.append(STRANGER.encode())
    result = followup(config, "run", "--once")
    assert "1 note(s) processed" in result.stderr
    (person,) = contacts(config)
    assert person["full_name"] == "Jane Doe" and person["emails"] == ["jane@acme.example"]
    assert person["company"] == "Acme" and person["met_at"] == "PyCon"
    assert person["met_on"] == "2026-05-14"
    assert_one_draft(box.messages("Drafts"), "jane@acme.example")
    listed = drafts(config)
    assert {d["status"] for d in listed} == {"drafted", "planned"}
    assert all({"id", "contact_id", "to", "subject", "status", "created_at", "due_on"} <= d.keys()
               for d in listed)
    # The note moved to Processed; the stranger's mail stays in the inbox, untouched.
    assert len(box.messages("Followup/Processed")) == 1
    inbox = box.messages("INBOX")
    assert len(inbox) == 1 and "mallory" in str(inbox[0][1]["From"])
    assert b"\\Seen" not in inbox[0][0]

    followup(config, "run", "--once")
    assert len(contacts(config)) == 1
    assert_one_draft(box.messages("Drafts"), "jane@acme.example")
    assert len(drafts(config)) == len(listed)


def test_imap_daemon_picks_up_notes_through_idle(
        imap_env: tuple[Path, ImapBox], daemon: Callable[[Path], subprocess.Popen[str]]) -> None:
    config, box = imap_env
    proc = daemon(config)
    time.sleep(1.5)  # let it reach IDLE; the note must then arrive through a push
    box.append(note("b"))
    assert wait_until(lambda: len(box.messages("Drafts")) >= 1), "no draft appeared"
    assert_one_draft(box.messages("Drafts"), "jane@acme.example")
    assert [c["emails"] for c in contacts(config)] == [["jane@acme.example"]]
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0, out
    assert "Traceback" not in out


# --- Maildir -------------------------------------------------------------------------------
def deliver(maildir: Path, raw: bytes, name: str) -> None:
    (maildir / "tmp").mkdir(parents=True, exist_ok=True)
    (maildir / "new").mkdir(parents=True, exist_ok=True)
    (maildir / "cur").mkdir(parents=True, exist_ok=True)
    tmp = maildir / "tmp" / f"{time.time_ns()}.{name}.test"
    tmp.write_bytes(raw)
    os.rename(tmp, maildir / "new" / tmp.name)


def maildir_messages(folder: Path) -> list[tuple[str, email.message.EmailMessage]]:
    out = []
    for sub in ("new", "cur"):
        for path in sorted((folder / sub).glob("*")) if (folder / sub).is_dir() else []:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            out.append((path.name, msg))
    return out


@pytest.fixture
def maildir_env(tmp_path: Path) -> tuple[Path, Path]:
    maildir = tmp_path / "Mail"
    config = tmp_path / "config.toml"
    config.write_text(f'[maildir]\npath = "{maildir}"\n' + COMMON.format(db=tmp_path / "f.db"))
    return config, maildir


def assert_one_maildir_draft(maildir: Path, address: str) -> None:
    found = [(n, m) for n, m in maildir_messages(maildir / "Drafts") if address in str(m["To"])]
    assert len(found) == 1
    name, msg = found[0]
    assert name.endswith(":2,DS")  # \Draft and \Seen in Maildir flags
    assert str(msg["To"]) == f"Jane Doe <{address}>" and "PyCon" in str(msg["Subject"])


def test_maildir_run_once_end_to_end(maildir_env: tuple[Path, Path]) -> None:
    config, maildir = maildir_env
    deliver(maildir, note("c"), "c")
    deliver(maildir, STRANGER.encode(), "s")
    followup(config, "run", "--once")
    (person,) = contacts(config)
    assert person["emails"] == ["jane@acme.example"]
    assert_one_maildir_draft(maildir, "jane@acme.example")
    assert len(maildir_messages(maildir / "Followup" / "Processed")) == 1
    assert [str(m["From"]) for _n, m in maildir_messages(maildir)] == [
        "Mallory <mallory@evil.example>"]

    followup(config, "run", "--once")
    assert len(contacts(config)) == 1
    assert_one_maildir_draft(maildir, "jane@acme.example")


def test_maildir_daemon_watches_new(maildir_env: tuple[Path, Path],
                                    daemon: Callable[[Path], subprocess.Popen[str]]) -> None:
    config, maildir = maildir_env
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    proc = daemon(config)
    time.sleep(1.0)
    deliver(maildir, note("d"), "d")
    assert wait_until(lambda: bool(maildir_messages(maildir / "Drafts")))
    assert_one_maildir_draft(maildir, "jane@acme.example")
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0, out


@pytest.mark.postgres
def test_maildir_end_to_end_on_postgresql(tmp_path: Path, postgres_url: str) -> None:  # noqa: F811
    maildir = tmp_path / "Mail"
    config = tmp_path / "config.toml"
    config.write_text(f'[maildir]\npath = "{maildir}"\n'
                      + COMMON.replace('"sqlite:///{db}"', f'"{postgres_url}"'))
    deliver(maildir, note("pg"), "pg")
    followup(config, "run", "--once")
    followup(config, "run", "--once")
    (person,) = contacts(config)
    assert person["emails"] == ["jane@acme.example"] and person["met_at"] == "PyCon"
    assert_one_maildir_draft(maildir, "jane@acme.example")
    notes = json.loads(followup(config, "notes", "list", "--json").stdout)
    assert [n["status"] for n in notes] == ["processed"]


def _notify_socket(tmp_path: Path) -> tuple[Any, str]:
    import socket

    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(20)
    return sock, path


def test_systemd_ready_after_login_and_never_on_a_wrong_password(
        imap_env: tuple[Path, ImapBox], tmp_path: Path) -> None:
    config, _box = imap_env
    sock, path = _notify_socket(tmp_path)
    env = {**os.environ, "NOTIFY_SOCKET": path}
    proc = subprocess.Popen([sys.executable, "-m", "followup", "--config", str(config), "run"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert sock.recv(100) == b"READY=1"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    while (message := sock.recv(1000)) != b"STOPPING=1":  # STATUS= lines come in between
        assert message.startswith(b"STATUS="), message

    password = config.parent / "password"
    password.write_text("wrong\n")
    sock.settimeout(1)
    done = subprocess.run([sys.executable, "-m", "followup", "--config", str(config), "run"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    with pytest.raises(TimeoutError):
        while sock.recv(100) != b"READY=1":
            pass
    sock.close()
