"""Not only Dovecot: note -> contact -> draft through the real `followup` command against
Cyrus IMAP 3.6 and Courier-IMAP 5.0 (tests/imapservers.py), which put personal folders under
`INBOX.` with `.` as separator; Courier has no SPECIAL-USE and no MOVE, and refuses APPEND
into a folder the session selected read-only. A server's refusal is reported as one, with
the server's words, and never retried as if the connection had dropped."""

from __future__ import annotations

import email
import email.policy
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from daemon_harness import DIGEST_OFF
from imapclient import IMAPClient
from imapservers import Courier, Cyrus

pytestmark = pytest.mark.imap

OWNER = "sam@owner.example"
NOTE = (
    "From: Sam Owner <sam@owner.example>\r\n"
    "To: notes@owner.example\r\n"
    "Subject: met jane\r\n"
    "Date: Thu, 14 May 2026 18:02:00 -0700\r\n"
    "Message-ID: <other-{tag}@owner.example>\r\n"
    "\r\n"
    "met Jane Doe, VP Eng at Acme, jane@acme.example, at PyCon; talked about robots.\r\n"
)


@pytest.fixture(params=["cyrus", "courier"])
def server(request: pytest.FixtureRequest) -> Cyrus | Courier:
    found: Cyrus | Courier = request.getfixturevalue(request.param)
    return found


class Box:
    """The test's own session, in the server's own folder names."""

    def __init__(self, server: Cyrus | Courier, user: str) -> None:
        self.client = IMAPClient(server.host, port=server.port, ssl=False, timeout=10)
        self.client.login(user, server.password)
        prefix, delimiter = self.client.namespace().personal[0]
        self.prefix, self.delimiter = prefix, delimiter

    def name(self, folder: str) -> str:
        return "INBOX" if folder == "INBOX" else self.prefix + folder.replace("/", self.delimiter)

    def messages(self, folder: str) -> list[tuple[set[bytes], email.message.EmailMessage]]:
        name = self.name(folder)
        if not self.client.folder_exists(name):
            return []
        self.client.select_folder(name, readonly=True)
        out = []
        for data in self.client.fetch(self.client.search("ALL"), ["FLAGS", "BODY.PEEK[]"]).values():
            msg = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
            assert isinstance(msg, email.message.EmailMessage)
            out.append((set(data[b"FLAGS"]), msg))
        self.client.close_folder()  # Courier has no UNSELECT; CLOSE after EXAMINE expunges nothing
        return out


def write_config(tmp_path: Path, server: Cyrus | Courier, user: str) -> Path:
    """A config for `user` on `server` over plain IMAP (loopback), drafting at once."""
    password = tmp_path / "password"
    password.write_text(server.password + "\n")
    password.chmod(0o600)
    config = tmp_path / "config.toml"
    config.write_text(f"""
[imap]
host = "{server.host}"
port = {server.port}
security = "none"
username = "{user}"
password_file = "{password}"
folder = "INBOX"

[owner]
addresses = ["{OWNER}"]
name = "Sam Owner"
timezone = "Europe/Berlin"

[database]
url = "sqlite:///{tmp_path / 'f.db'}"

[drafting]
window = "00:00-24:00"
weekdays_only = false

{DIGEST_OFF}
[[sequence]]
after = "0d"
template = "nice-to-meet-you"
""")
    return config


@pytest.fixture
def account(tmp_path: Path, server: Cyrus | Courier) -> Iterator[tuple[Path, Box]]:
    user = server.add_user()
    config = write_config(tmp_path, server, user)
    box = Box(server, user)
    yield config, box
    box.client.logout()


def followup(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup", "--config", str(config), *args],
                          capture_output=True, text=True, timeout=120)


def listed(config: Path, what: str) -> list[dict[str, Any]]:
    result = followup(config, what, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_note_becomes_one_draft_in_the_servers_own_folders(account: tuple[Path, Box]) -> None:
    config, box = account
    box.client.append("INBOX", NOTE.format(tag="a").encode())
    first = followup(config, "run", "--once")
    assert first.returncode == 0, first.stderr
    assert "1 note(s) processed" in first.stderr and "1 draft(s) written" in first.stderr
    drafts = box.messages("Drafts")  # INBOX.Drafts: found by SPECIAL-USE or by its name
    assert len(drafts) == 1
    flags, msg = drafts[0]
    assert b"\\Draft" in flags and str(msg["To"]) == "Jane Doe <jane@acme.example>"
    # Followup/Processed became INBOX.Followup.Processed, from NAMESPACE and LIST
    assert len(box.messages("Followup/Processed")) == 1
    assert box.messages("INBOX") == []
    assert [c["full_name"] for c in listed(config, "contacts")] == ["Jane Doe"]

    again = followup(config, "run", "--once")
    assert again.returncode == 0, again.stderr
    assert len(box.messages("Drafts")) == 1 and len(listed(config, "contacts")) == 1


def test_a_refused_append_is_reported_as_a_refusal_not_retried(tmp_path: Path,
                                                               cyrus: Cyrus | Courier) -> None:
    """The owner (or an admin) took away the right to add messages to Drafts: `run --once`
    says the server refused, with its words, and stops at once; the follow-up waits with
    the reason in `drafts list`; once the right is back, the next run writes the draft."""
    user = cyrus.add_user()
    config = write_config(tmp_path, cyrus, user)
    box = Box(cyrus, user)
    box.client.append("INBOX", NOTE.format(tag="r").encode())
    drafts = box.name("Drafts")
    box.client.setacl(drafts, user, "lrswtexa")  # every right but i (insert) and p (post)
    started = time.monotonic()
    refused = followup(config, "run", "--once")
    assert time.monotonic() - started < 30
    assert refused.returncode == 5, refused.stderr  # some follow-ups could not be drafted
    assert "refused" in refused.stderr and "1 draft(s) FAILED" in refused.stderr
    assert drafts in refused.stderr  # which folder
    assert "reconnect" not in refused.stderr.lower() and "Traceback" not in refused.stderr
    (waiting,) = listed(config, "drafts")
    assert waiting["status"] == "planned" and "refused" in waiting["reason"]
    assert drafts in waiting["reason"]

    box.client.setacl(drafts, user, "lrswipkxtecda")
    fixed = followup(config, "run", "--once")
    assert fixed.returncode == 0, fixed.stderr
    (done,) = listed(config, "drafts")
    assert done["status"] == "drafted" and done["reason"] is None
    assert len(box.messages("Drafts")) == 1
    box.client.logout()


def test_daemon_sees_a_new_note_while_idle(account: tuple[Path, Box]) -> None:
    """Cyrus pushes through idled; Courier without FAM looks every few seconds inside IDLE:
    either way the daemon reads a note that arrives while it waits."""
    config, box = account
    daemon = subprocess.Popen([sys.executable, "-m", "followup", "--config", str(config), "run"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(3)  # logged in and waiting (IDLE) by now; a later note is seen either way
        box.client.append("INBOX", NOTE.format(tag="idle").encode())
        deadline = time.monotonic() + 30
        while not box.messages("Drafts") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert len(box.messages("Drafts")) == 1
        assert len(box.messages("Followup/Processed")) == 1
    finally:
        daemon.terminate()
        _, err = daemon.communicate(timeout=20)
    assert daemon.returncode == 0, err[-3000:]
    assert "Traceback" not in err
