"""Reply tracking under kill -9 and restarts, through the real `followup` command on the
suite's Dovecot (the crash harness of tests/test_crash.py): a kill inside or after a batch of
the reply/Sent scan loses nothing and does nothing twice, and a reply that came while the
daemon was stopped is seen after its restart."""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import signal
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
from daemon_harness import (
    OWNER,
    Daemons,
    ImapBox,
    followups,
    owner_note,
    person,
    run_once,
    wait_until,
    write_config,
)
from dovecot import Dovecot

pytestmark = pytest.mark.imap


def reply(sender: str, subject: str = "Re: nice to meet you") -> bytes:
    stamp = email.utils.formatdate(time.time() + 1, localtime=False)
    return (f"From: {sender}\r\nTo: {OWNER}\r\nSubject: {subject}\r\nDate: {stamp}\r\n"
            f"Message-ID: <{uuid.uuid4().hex}@acme.example>\r\n\r\nThanks!\r\n").encode()


def send_as_a_client(box: ImapBox, address: str) -> None:
    """Move the draft to `address` to Sent as a mail client does: our field dropped, a new
    Message-ID, a new Date; the draft deleted."""
    c = box.client
    c.select_folder("Drafts")
    data = c.fetch(c.search("ALL"), ["BODY.PEEK[]"])
    (raw,) = [bytes(d[b"BODY[]"]) for d in data.values()
              if address.encode() in bytes(d[b"BODY[]"])]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    del msg["X-Followup-Id"], msg["Message-ID"], msg["Date"]
    msg["Message-ID"] = f"<client-{uuid.uuid4().hex}@owner.example>"
    msg["Date"] = email.utils.formatdate(time.time() + 1, localtime=False)
    c.append("Sent", msg.as_bytes(policy=email.policy.SMTP), flags=[b"\\Seen"])
    delete_draft(box, address)


def delete_draft(box: ImapBox, address: str) -> None:
    c = box.client
    c.select_folder("Drafts")
    data = c.fetch(c.search("ALL"), ["BODY.PEEK[]"])
    c.delete_messages([u for u, d in data.items() if address.encode() in bytes(d[b"BODY[]"])])
    c.expunge()
    c.unselect_folder()


EXPECTED = {
    person(0)[1]: [(1, "drafted"), (2, "cancelled")],  # she replied: the draft is yours
    person(1)[1]: [(1, "sent"), (2, "planned")],  # you sent it: the plan goes on
    person(2)[1]: [(1, "discarded"), (2, "cancelled")],  # you deleted it: the plan stops
    person(3)[1]: [(1, "drafted"), (2, "planned")],  # nothing happened
}


# "tracking": inside a batch's transaction; "tracked": just after its commit. The chain hits
# the INBOX batch, then the Sent batch, each before and after its commit.
@pytest.mark.parametrize("kills", [("tracking:1",),
                                   ("tracking:1", "tracked:1", "tracking:1", "tracked:1")])
def test_a_kill_during_the_reply_and_sent_scan_loses_and_duplicates_nothing(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str, box: ImapBox,
        kills: tuple[str, ...]) -> None:
    config = write_config(tmp_path, dovecot, dovecot_user, daemon_extra="discard_grace = 0")
    for i in range(4):
        box.append(owner_note(i))
    assert run_once(config).returncode == 0
    box.append(reply(f"Someone <{person(0)[1]}>"))
    send_as_a_client(box, person(1)[1])
    delete_draft(box, person(2)[1])
    before = {f["id"]: f for f in followups(config)}
    for spec in kills:
        result = run_once(config, spec)
        assert result.returncode == -signal.SIGKILL, (spec, result.stderr)
    assert run_once(config).returncode == 0
    assert run_once(config).returncode == 0  # and once more: nothing changes twice
    after = followups(config)
    got = {str(f["to"]): sorted((g["step"], g["status"]) for g in after if g["to"] == f["to"])
           for f in after}
    assert got == EXPECTED
    assert len(after) == len(before) == 8  # no follow-up added
    # the sent step's successor moved once, by the send's distance from its due time
    sent = next(f for f in after if f["to"] == person(1)[1] and f["step"] == 1)
    nxt = next(f for f in after if f["to"] == person(1)[1] and f["step"] == 2)
    shift = at(sent["sent_at"]) - at(before[sent["id"]]["due_at"])
    assert at(nxt["due_at"]) - at(before[nxt["id"]]["due_at"]) == shift
    drafts = box.messages("Drafts")
    assert sorted(str(m["To"]).split("<")[-1].rstrip(">") for _f, m in drafts) == [
        person(0)[1], person(3)[1]]
    # her reply: unread, in place (a digest of the day may be there too, after 08:00)
    inbox = [(flags, raw) for flags, raw in box.raw_messages("INBOX")
             if raw.split(b"\r\n", 1)[0].endswith(b"@acme.example>")]
    assert len(inbox) == 1 and b"\\Seen" not in inbox[0][0]


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_a_reply_while_the_daemon_is_stopped_is_seen_after_the_restart(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str, box: ImapBox,
        procs: Daemons) -> None:
    config = write_config(tmp_path, dovecot, dovecot_user)
    daemon = procs.start(config)
    box.append(owner_note(0))
    assert wait_until(lambda: len(followups(config)) == 2), daemon.log()
    code, log = daemon.stop()
    assert code == 0, log
    box.append(reply(f"Maria <{person(0)[1]}>"))  # while nothing runs
    daemon = procs.start(config)
    assert wait_until(lambda: sorted(f["status"] for f in followups(config)) == [
        "cancelled", "drafted"]), daemon.log()
    code, log = daemon.stop()
    assert code == 0 and "Traceback" not in log, log


# ~40 s of subprocesses: the default suite keeps the in-process interruption of a lookback
# (tests/test_replies.py, test_a_lookback_interrupted_inside_its_transaction_...)
@pytest.mark.slow
def test_a_kill_during_the_lookback_for_new_contacts_loses_and_duplicates_nothing(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str, box: ImapBox) -> None:
    """Their replies came first and were read while they were strangers; the notes, dated
    before the replies, come later: the one-time lookback for each new address finds the
    reply, however often the process is killed around it."""
    config = write_config(tmp_path, dovecot, dovecot_user)
    box.append(reply(f"Maria <{person(0)[1]}>"))
    box.append(reply(f"Jo <{person(1)[1]}>"))
    assert run_once(config).returncode == 0  # strangers: nothing kept, the marks move on
    box.append(owner_note(0))  # dated May 2026, before the replies
    box.append(owner_note(1))
    # killed inside the first lookback's transaction, then just after its commit
    for spec in ("looking-back:1", "looked-back:1"):
        result = run_once(config, spec)
        assert result.returncode == -signal.SIGKILL, (spec, result.stderr)
    assert run_once(config).returncode == 0
    assert run_once(config).returncode == 0
    after = followups(config)
    assert sorted((f["step"], f["status"]) for f in after) == [
        (1, "cancelled"), (1, "cancelled"), (2, "cancelled"), (2, "cancelled")]
    assert box.messages("Drafts") == []
    replies = [flags for flags, raw in box.raw_messages("INBOX")
               if raw.split(b"\r\n", 1)[0].endswith(b"@acme.example>")]
    assert len(replies) == 2 and all(b"\\Seen" not in flags for flags in replies)
    with sqlite3.connect(tmp_path / "f.db") as db:
        assert db.execute("select count(*) from lookbacks").fetchone() == (0,)
        # one touch per contact: her reply's date, not a later pass's
        touched = db.execute("select count(*) from contacts where last_contact_at is not null")
        assert touched.fetchone() == (2,)
