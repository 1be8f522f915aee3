"""When followup stops, end to end: the real app (bootstrap, adapters, SQLite) with an injected
clock, on the suite's real Dovecot and on a local Maildir. A reply, the owner's own mail, a
sent or deleted draft and an out-of-office each do what README's "When followup stops" says,
and the contact's mail stays unread where it is."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ssl
import uuid
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

import pytest
from dovecot import Dovecot
from fakes import FixedClock
from imapclient import IMAPClient

from followup.bootstrap import App, build_app
from followup.config import load_config
from followup.daemon import run_once
from followup.mailbox.imap import ImapMailbox
from followup.mailbox.maildir import MaildirMailbox, folder_path
from followup.model import FollowUpStatus

OWNER = "sam@owner.example"
JANE = "jane@acme.example"
# Monday 2 March 2026, 09:30 in Berlin (CET): inside the drafting window
T0 = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)

CONFIG = f"""
[owner]
addresses = ["{OWNER}"]
name = "Sam Owner"
timezone = "Europe/Berlin"

[database]
url = "sqlite:///{{db}}"

[drafting]
window = "09:00-17:00"
weekdays_only = true

[daemon]
discard_grace = 300

[digest]
enabled = false  # these tests count what is in INBOX; the digest has tests of its own

[[sequence]]
after = "1d"
template = "nice-to-meet-you"
[[sequence]]
after = "2w"
template = "check-in"
"""


def rfc(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(dt.timezone(dt.timedelta(hours=1))))


def note(body: str = f"met Jane Doe, VP Eng at Acme, {JANE}, at PyCon; talked about robots",
         subject: str = "met jane") -> bytes:
    return (f"From: Sam Owner <{OWNER}>\r\nTo: notes@owner.example\r\nSubject: {subject}\r\n"
            f"Date: {rfc(T0 - dt.timedelta(minutes=5))}\r\n"
            f"Message-ID: <note-{uuid.uuid4().hex[:8]}@owner.example>\r\n\r\n{body}\r\n").encode()


def mail(sender: str, at: dt.datetime, subject: str = "Re: great to meet you",
         extra: str = "", to: str = OWNER) -> bytes:
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {rfc(at)}\r\n"
            f"Message-ID: <{uuid.uuid4().hex}@mail.example>\r\n{extra}\r\n"
            "Thanks, let's talk next week.\r\n").encode()


ORIGINAL_ID = "<orig-slides-1@acme.example>"


def attached_forward() -> bytes:
    """A note with Jane's own mail attached as message/rfc822: its Message-ID is known."""
    inner = (f"From: Jane Doe <{JANE}>\r\nTo: Sam Owner <{OWNER}>\r\n"
             "Subject: Slides from PyCon\r\nDate: Fri, 27 Feb 2026 17:00:00 +0100\r\n"
             f"Message-ID: {ORIGINAL_ID}\r\n\r\nHi Sam, the slides are attached.\r\n\r\n"
             f"Jane Doe\r\nVP Engineering, Acme\r\n{JANE}\r\n")
    return (f"From: Sam Owner <{OWNER}>\r\nTo: notes@owner.example\r\n"
            f"Subject: Fwd: Slides from PyCon\r\nDate: {rfc(T0 - dt.timedelta(minutes=5))}\r\n"
            "Message-ID: <note-attached@owner.example>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
            "Content-Type: text/plain; charset=utf-8\r\n\r\nmet Jane at PyCon, nice person\r\n"
            "--b1\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "--b1--\r\n").encode()


class Box(Protocol):
    """The test's own hands in the mailbox: deliver, look, delete (as a mail client)."""

    def deliver(self, folder: str, raw: bytes, flags: tuple[str, ...] = (),
                arrived: dt.datetime | None = None) -> None: ...

    def messages(self, folder: str) -> list[tuple[set[str], bytes]]: ...

    def delete(self, folder: str, needle: bytes) -> None: ...

    def config(self) -> str: ...


class ImapTestBox:
    def __init__(self, server: Dovecot, user: str, tmp: Path) -> None:
        self.server, self.user, self.tmp = server, user, tmp
        self.client = IMAPClient(server.host, port=server.ssl_port, ssl=True, timeout=10,
                                 ssl_context=ssl.create_default_context(cafile=server.cafile))
        self.client.login(user, server.password)

    def deliver(self, folder: str, raw: bytes, flags: tuple[str, ...] = (),
                arrived: dt.datetime | None = None) -> None:
        if not self.client.folder_exists(folder):
            self.client.create_folder(folder)
        self.client.append(folder, raw, flags=list(flags), msg_time=arrived)

    def messages(self, folder: str) -> list[tuple[set[str], bytes]]:
        if not self.client.folder_exists(folder):
            return []
        self.client.select_folder(folder, readonly=True)
        uids = self.client.search("ALL")
        data = self.client.fetch(uids, ["FLAGS", "BODY.PEEK[]"]) if uids else {}
        self.client.unselect_folder()
        return [({f.decode() for f in d[b"FLAGS"] if f != b"\\Recent"}, bytes(d[b"BODY[]"]))
                for _, d in sorted(data.items())]

    def delete(self, folder: str, needle: bytes) -> None:
        self.client.select_folder(folder)
        data = self.client.fetch(self.client.search("ALL"), ["BODY.PEEK[]"])
        gone = [uid for uid, d in data.items() if needle in bytes(d[b"BODY[]"])]
        self.client.delete_messages(gone)
        self.client.expunge()
        self.client.unselect_folder()

    def config(self) -> str:
        password = self.tmp / "password"
        password.write_text(self.server.password + "\n")
        password.chmod(0o600)  # followup refuses a password file others can read
        return (f'[imap]\nhost = "{self.server.host}"\nport = {self.server.port}\n'
                f'security = "starttls"\nusername = "{self.user}"\n'
                f'password_file = "{password}"\nca_file = "{self.server.cafile}"\n'
                "socket_timeout = 10\n")

    def close(self) -> None:
        self.client.logout()


class MaildirTestBox:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.n = 0

    def _dir(self, folder: str) -> Path:
        path = folder_path(self.root, folder, "verbatim")
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        return path

    def deliver(self, folder: str, raw: bytes, flags: tuple[str, ...] = (),
                arrived: dt.datetime | None = None) -> None:
        self.n += 1
        letters = "".join(sorted({"\\Seen": "S", "\\Draft": "D"}[f] for f in flags))
        stamp = int(arrived.timestamp()) if arrived else 1700000000  # as delivery agents do
        name = f"{stamp}.T{self.n}R{uuid.uuid4().hex[:6]}.test"
        path = self._dir(folder)
        (path / "tmp" / name).write_bytes(raw)
        target = path / ("cur" if letters else "new") / (name + (f":2,{letters}" if letters
                                                                   else ""))
        (path / "tmp" / name).rename(target)

    def messages(self, folder: str) -> list[tuple[set[str], bytes]]:
        path = self._dir(folder)
        out = []
        for sub in ("new", "cur"):
            for f in sorted((path / sub).iterdir()):
                info = f.name.split(":2,", 1)[1] if ":2," in f.name else ""
                out.append(({{"S": "\\Seen", "D": "\\Draft"}[c] for c in info if c in "SD"},
                            f.read_bytes()))
        return out

    def delete(self, folder: str, needle: bytes) -> None:
        path = self._dir(folder)
        for sub in ("new", "cur"):
            for f in (path / sub).iterdir():
                if needle in f.read_bytes():
                    f.unlink()

    def config(self) -> str:
        return f'[maildir]\npath = "{self.root}"\n'

    def close(self) -> None:
        return None


class World:
    """The app as `followup run --once` builds it, with a clock the test moves."""

    def __init__(self, box: Box, tmp: Path, extra: str = "") -> None:
        self.box = box
        self.clock = FixedClock(T0)
        self.path = tmp / "config.toml"
        self.path.write_text(box.config() + CONFIG.format(db=tmp / "f.db") + extra)
        self.app: App = build_app(load_config(self.path), self.clock)

    def run(self, at: dt.datetime | None = None) -> None:
        if at is not None:
            self.clock.set(at)
        run_once(self.app)

    def restart(self) -> None:
        """As a stopped and started daemon: nothing kept in memory."""
        self.app.close()
        self.app = build_app(load_config(self.path), self.clock)

    def plan(self) -> list[Any]:
        with self.app.store.unit() as u:
            return u.list_followups()

    def statuses(self) -> list[tuple[int, FollowUpStatus]]:
        return [(f.step, f.status) for f in self.plan()]

    def drafts(self) -> list[EmailMessage]:
        out = []
        for _flags, raw in self.box.messages("Drafts"):
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(msg, EmailMessage)
            out.append(msg)
        return out

    def send_draft(self, at: dt.datetime, *, keep_message_id: bool = False) -> str:
        """What a mail client does on send: a copy in Sent (without our X-Followup-Id, with
        a Message-ID of its own unless kept), the draft gone from Drafts. Returns the sent
        copy's Message-ID."""
        (draft,) = self.drafts()
        key = str(draft["X-Followup-Id"])
        del draft["X-Followup-Id"], draft["Date"]
        draft["Date"] = rfc(at)
        if not keep_message_id:
            del draft["Message-ID"]
            draft["Message-ID"] = f"<client-{uuid.uuid4().hex}@owner.example>"
        self.box.deliver("Sent", draft.as_bytes(policy=email.policy.SMTP), ("\\Seen",))
        self.box.delete("Drafts", key.encode())
        return str(draft["Message-ID"])

    def contact(self) -> Any:
        with self.app.store.unit() as u:
            (person,) = u.list_contacts()
        return person


@pytest.fixture(params=["maildir", pytest.param("imap", marks=pytest.mark.imap)])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    box: Any
    if request.param == "imap":
        server: Dovecot = request.getfixturevalue("dovecot")
        box = ImapTestBox(server, request.getfixturevalue("dovecot_user"), tmp_path)
    else:
        box = MaildirTestBox(tmp_path / "Mail")
        box._dir("Sent")  # mbsync creates the folders it syncs
    w = World(box, tmp_path)
    yield w
    w.app.close()
    box.close()


DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
PLANNED, DRAFTED = FollowUpStatus.PLANNED, FollowUpStatus.DRAFTED
SENT, DISCARDED, CANCELLED = FollowUpStatus.SENT, FollowUpStatus.DISCARDED, \
    FollowUpStatus.CANCELLED


# 1 -------------------------------------------------------------------------------------
def test_a_contact_who_wrote_before_the_first_draft_gets_none(world: World) -> None:
    world.box.deliver("INBOX", note())
    world.run()
    assert world.statuses() == [(1, PLANNED), (2, PLANNED)]
    reply = mail(f"Jane Doe <{JANE}>", T0 + 2 * HOUR)
    world.box.deliver("INBOX", reply)
    world.run(T0 + 3 * HOUR)
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]
    assert all("wrote on 2026-03-02" in (f.reason or "") for f in world.plan())
    assert world.contact().last_contact_at == T0 + 2 * HOUR
    world.run(T0 + 20 * DAY)
    assert world.drafts() == []
    # her mail is still in INBOX, unread and unchanged; the note went to Processed
    assert world.box.messages("INBOX") == [(set(), reply)]


def test_a_strangers_mail_and_old_mail_change_nothing(world: World) -> None:
    world.box.deliver("INBOX", mail(f"Jane Doe <{JANE}>", T0 - 3 * DAY))  # before the note
    world.box.deliver("INBOX", note())
    world.box.deliver("INBOX", mail("Mallory <mallory@evil.example>", T0 + HOUR))
    world.run()
    world.run(T0 + 2 * HOUR)
    assert world.statuses() == [(1, PLANNED), (2, PLANNED)]
    assert [flags for flags, _ in world.box.messages("INBOX")] == [set(), set()]


# 2 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("keep_message_id", [False, True])
def test_a_draft_moved_to_sent_is_sent_and_the_next_step_counts_from_then(
        world: World, keep_message_id: bool) -> None:
    world.box.deliver("INBOX", note())
    world.run()
    world.run(T0 + DAY + HOUR)  # Tuesday 10:30 Berlin: step 1 is drafted
    assert world.statuses() == [(1, DRAFTED), (2, PLANNED)]
    before = world.plan()[1].due_at
    sent_at = T0 + 2 * DAY + 2 * HOUR  # the owner sends it a day later
    sent_id = world.send_draft(sent_at, keep_message_id=keep_message_id)
    world.run(sent_at + 5 * dt.timedelta(minutes=1))
    first, second = world.plan()
    assert (first.status, first.sent_at) == (SENT, sent_at)
    assert second.status is PLANNED
    # the check-in keeps its distance from the sent step: 2 weeks minus 1 day after it
    assert second.due_at == before + (sent_at - first.due_at)
    assert world.contact().last_contact_at == sent_at
    world.run(second.due_at)
    (check_in,) = world.drafts()
    # it replies to the follow-up as found in Sent: the conversation's latest message
    assert str(check_in["Subject"]) == "Re: Great meeting you at PyCon"
    assert check_in["In-Reply-To"] == sent_id and check_in["References"] == sent_id


# 3 -------------------------------------------------------------------------------------
def test_a_deleted_draft_is_discarded_and_never_drafted_again(world: World) -> None:
    world.box.deliver("INBOX", note())
    world.run()
    world.run(T0 + DAY + HOUR)
    (draft,) = world.drafts()
    world.box.delete("Drafts", str(draft["X-Followup-Id"]).encode())
    world.run(T0 + DAY + 2 * HOUR)  # missing once: it may be on its way to Sent
    assert world.statuses() == [(1, DRAFTED), (2, PLANNED)]
    world.run(T0 + DAY + 2 * HOUR + 10 * dt.timedelta(minutes=1))
    assert world.statuses() == [(1, DISCARDED), (2, CANCELLED)]
    world.run(T0 + 30 * DAY)
    assert world.drafts() == []
    listed = [(f.status, f.reason) for f in world.plan()]
    assert listed[0] == (DISCARDED, "deleted from Drafts without being sent")


def test_a_draft_resaved_without_our_field_is_not_discarded(world: World) -> None:
    world.box.deliver("INBOX", note())
    world.run()
    world.run(T0 + DAY + HOUR)
    (draft,) = world.drafts()
    key = str(draft["X-Followup-Id"])
    del draft["X-Followup-Id"]
    draft.replace_header("Subject", "  " + str(draft["Subject"]).upper())  # the owner's edit
    world.box.delete("Drafts", key.encode())
    world.box.deliver("Drafts", draft.as_bytes(policy=email.policy.SMTP), ("\\Draft",))
    world.run(T0 + DAY + 2 * HOUR)
    world.run(T0 + 3 * DAY)
    assert world.statuses() == [(1, DRAFTED), (2, PLANNED)]


# 4 -------------------------------------------------------------------------------------
def test_an_out_of_office_does_not_cancel_and_a_return_date_moves_the_next_step(
        world: World) -> None:
    world.box.deliver("INBOX", note())
    world.run()
    due = [f.due_at for f in world.plan()]
    auto = "Auto-Submitted: auto-replied\r\n"
    world.box.deliver("INBOX", mail(JANE, T0 + HOUR, "Automatic reply: met jane", auto))
    world.box.deliver("INBOX", mail(JANE, T0 + HOUR, "Newsletter", "Precedence: bulk\r\n"))
    world.run(T0 + 2 * HOUR)
    assert [f.due_at for f in world.plan()] == due
    assert world.statuses() == [(1, PLANNED), (2, PLANNED)]
    # "until March 20" (a Friday): the next step is the first drafting time after it,
    # Monday 23 March 09:00 in Berlin; the check-in keeps its distance
    world.box.deliver("INBOX", mail(JANE, T0 + 3 * HOUR,
                                    "Abwesenheitsnotiz: zurück am 20.3.", auto))
    world.run(T0 + 4 * HOUR)
    first, second = world.plan()
    assert first.status is PLANNED and first.due_at == dt.datetime(2026, 3, 23, 8, 0,
                                                                   tzinfo=dt.UTC)
    assert second.due_at - first.due_at >= dt.timedelta(days=12)
    assert "out of office until 2026-03-20" in (first.reason or "")
    assert world.contact().last_contact_at is None  # automatic mail is no contact


# 5 -------------------------------------------------------------------------------------
def test_a_reply_in_the_forwarded_thread_counts_from_any_address(world: World) -> None:
    world.box.deliver("INBOX", attached_forward())
    world.run()
    with world.app.store.unit() as u:
        assert [n.forwarded_message_id for n in u.list_notes()] == [ORIGINAL_ID]
    world.box.deliver("INBOX", mail("Jane <jane.doe@home.example>", T0 + HOUR,
                                    "Re: Slides from PyCon", f"In-Reply-To: {ORIGINAL_ID}\r\n"))
    world.run(T0 + 2 * HOUR)
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]


# 6 -------------------------------------------------------------------------------------
def test_a_re_draft_replies_to_the_attached_original(world: World) -> None:
    world.box.deliver("INBOX", attached_forward())
    world.run()
    world.run(T0 + DAY + HOUR)
    (draft,) = world.drafts()
    assert str(draft["Subject"]) == "Re: Slides from PyCon"
    assert draft["In-Reply-To"] == ORIGINAL_ID and draft["References"] == ORIGINAL_ID


def test_an_inline_forward_is_threaded_to_the_original_found_in_the_mailbox(
        world: World) -> None:
    original = ("From: Jane Doe <jane@acme.example>\r\nTo: Sam Owner <sam@owner.example>\r\n"
                "Subject: Slides from PyCon\r\nDate: Fri, 27 Feb 2026 17:00:00 +0100\r\n"
                "Message-ID: <inline-orig-7@acme.example>\r\n\r\nHi Sam, slides attached.\r\n")
    world.box.deliver("INBOX", original.encode())
    body = ("nice person, send her the paper\r\n\r\n"
            "---------- Forwarded message ---------\r\n"
            "From: Jane Doe <jane@acme.example>\r\nDate: Fri, Feb 27, 2026 at 5:00 PM\r\n"
            "Subject: Slides from PyCon\r\nTo: Sam Owner <sam@owner.example>\r\n\r\n"
            "Hi Sam, slides attached.\r\n\r\nJane Doe\r\nVP Engineering, Acme\r\n"
            "jane@acme.example\r\n")
    world.box.deliver("INBOX", note(body, "Fwd: Slides from PyCon"))
    world.run()
    world.run(T0 + DAY + HOUR)
    (draft,) = world.drafts()
    assert str(draft["Subject"]) == "Re: Slides from PyCon"
    assert draft["In-Reply-To"] == "<inline-orig-7@acme.example>"


def test_an_inline_forward_is_threaded_to_the_mail_of_the_date_it_shows(world: World) -> None:
    """Jane wrote several mails with the same subject; the forward shows the date of one
    of them (a later one and one earlier that day are in the mailbox too): the draft replies
    to that one, not to the latest."""
    def original(n: int, date: str) -> bytes:
        return ("From: Jane Doe <jane@acme.example>\r\nTo: Sam Owner <sam@owner.example>\r\n"
                f"Subject: Slides from PyCon\r\nDate: {date}\r\n"
                f"Message-ID: <slides-{n}@acme.example>\r\n\r\nslides, take {n}\r\n").encode()

    world.box.deliver("INBOX", original(1, "Fri, 20 Feb 2026 17:00:00 +0100"))
    world.box.deliver("INBOX", original(2, "Fri, 27 Feb 2026 09:12:00 +0100"))
    world.box.deliver("INBOX", original(3, "Fri, 27 Feb 2026 17:00:00 +0100"))
    world.box.deliver("INBOX", original(4, "Sun, 01 Mar 2026 10:00:00 +0100"))
    body = ("nice person, send her the paper\r\n\r\n"
            "---------- Forwarded message ---------\r\n"
            "From: Jane Doe <jane@acme.example>\r\nDate: Fri, 27 Feb 2026 17:00:00 +0100\r\n"
            "Subject: Slides from PyCon\r\nTo: Sam Owner <sam@owner.example>\r\n\r\n"
            "slides, take 3\r\n\r\nJane Doe\r\nVP Engineering, Acme\r\n"
            "jane@acme.example\r\n")
    world.box.deliver("INBOX", note(body, "Fwd: Slides from PyCon"))
    world.run()
    with world.app.store.unit() as u:
        (record,) = [n for n in u.list_notes() if n.kind in ("forward", "mixed")]
    assert record.forwarded_at == dt.datetime(2026, 2, 27, 16, 0, tzinfo=dt.UTC)
    world.run(T0 + DAY + HOUR)
    (draft,) = world.drafts()
    assert str(draft["Subject"]) == "Re: Slides from PyCon"
    assert draft["In-Reply-To"] == "<slides-3@acme.example>"
    assert draft["References"] == "<slides-3@acme.example>"


def test_a_draft_that_cannot_be_threaded_has_no_re(world: World) -> None:
    body = ("---------- Forwarded message ---------\r\n"
            "From: Jane Doe <jane@acme.example>\r\nDate: Fri, Feb 27, 2026 at 5:00 PM\r\n"
            "Subject: Slides from PyCon\r\nTo: Sam Owner <sam@owner.example>\r\n\r\n"
            "Hi Sam.\r\n\r\nJane Doe\r\nVP Engineering, Acme\r\njane@acme.example\r\n")
    world.box.deliver("INBOX", note(body, "Fwd: Slides from PyCon"))  # original not kept
    world.run()
    world.run(T0 + DAY + HOUR)
    (draft,) = world.drafts()
    assert not str(draft["Subject"]).startswith("Re:") and draft["In-Reply-To"] is None


# owner wrote ----------------------------------------------------------------------------
def test_the_owner_writing_to_the_contact_stops_the_plan(world: World) -> None:
    world.box.deliver("INBOX", note())
    world.run()
    world.box.deliver("Sent", mail(f"Sam Owner <{OWNER}>", T0 + HOUR, "lunch?",
                                   to=f"Jane Doe <{JANE}>"), ("\\Seen",))
    world.run(T0 + 2 * HOUR)
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]
    assert "you wrote to them on 2026-03-02" in (world.plan()[0].reason or "")


# 7 -------------------------------------------------------------------------------------
def test_a_reply_while_stopped_is_seen_after_the_restart(world: World) -> None:
    world.box.deliver("INBOX", note())
    world.run()
    world.restart()
    world.box.deliver("INBOX", mail(JANE, T0 + 5 * HOUR))  # while nothing runs
    world.clock.set(T0 + 3 * DAY)  # the daemon comes back days later
    world.restart()
    world.run()
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]
    assert world.drafts() == []


@pytest.mark.imap
def test_a_new_uidvalidity_reads_the_folder_again_and_decides_nothing_twice(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str) -> None:
    box = ImapTestBox(dovecot, dovecot_user, tmp_path)
    w = World(box, tmp_path)
    try:
        box.deliver("INBOX", note())
        w.run()
        w.run(T0 + DAY + HOUR)
        sent_at = T0 + DAY + 2 * HOUR
        w.send_draft(sent_at)
        w.run(sent_at + HOUR)
        before = [(f.status, f.due_at, f.reason) for f in w.plan()]
        assert [s for s, _d, _r in before] == [SENT, PLANNED]
        w.restart()
        # the server renumbers both folders (a restore, a migration): every message has a
        # new key; the sent copy read again must not move the next step a second time, nor
        # count as "you wrote to them"
        dovecot.set_uidvalidity(dovecot.uidvalidity(dovecot_user, "Sent") + 7,
                                user=dovecot_user, folder="Sent")
        dovecot.set_uidvalidity(dovecot.uidvalidity(dovecot_user) + 7, user=dovecot_user)
        w.run(sent_at + 2 * HOUR)
        assert [(f.status, f.due_at, f.reason) for f in w.plan()] == before
        box.deliver("INBOX", mail(JANE, sent_at + 3 * HOUR))  # and a reply after it counts
        w.run(sent_at + 4 * HOUR)
        assert [f.status for f in w.plan()] == [SENT, CANCELLED]
    finally:
        w.app.close()
        box.close()


# "after the note" is after the note's own Date ------------------------------------------
def dated_note(at: dt.datetime, date_field: str | None = None) -> bytes:
    """The owner's note written at `at` (its Date field; `date_field` overrides it)."""
    field = rfc(at) if date_field is None else date_field
    return (f"From: Sam Owner <{OWNER}>\r\nTo: notes@owner.example\r\nSubject: met jane\r\n"
            + (f"Date: {field}\r\n" if field else "")
            + f"Message-ID: <note-{uuid.uuid4().hex[:8]}@owner.example>\r\n\r\n"
            f"met Jane Doe, VP Eng at Acme, {JANE}, at PyCon; talked about robots\r\n").encode()


@pytest.mark.parametrize("reply_first", [True, False])
def test_a_note_and_a_reply_that_both_came_while_stopped_are_ordered_by_their_dates(
        world: World, reply_first: bool) -> None:
    """Written Monday 09:25, her reply Monday 11:30, the daemon back on Thursday: she wrote
    after the note, whichever of the two has the lower UID; her own earlier mail, the one
    the owner forwarded, does not count."""
    original = mail(f"Jane Doe <{JANE}>", T0 - 3 * DAY, "Slides from PyCon")
    reply = mail(f"Jane Doe <{JANE}>", T0 + 3 * HOUR)
    for raw in ([original, reply, dated_note(T0)] if reply_first
                else [original, dated_note(T0), reply]):
        world.box.deliver("INBOX", raw)
    world.run(T0 + 3 * DAY)
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]
    assert world.contact().last_contact_at == T0 + 3 * HOUR
    assert world.drafts() == []
    assert world.box.messages("INBOX") == [(set(), original), (set(), reply)]


def test_the_contacts_earlier_mail_read_after_the_note_never_cancels(world: World) -> None:
    world.box.deliver("INBOX", dated_note(T0))
    world.run()
    # the forwarded original reaches INBOX after the note (a client syncing late): its
    # UID is above everything read, its Date before the note
    world.box.deliver("INBOX", mail(f"Jane Doe <{JANE}>", T0 - DAY, "Slides from PyCon"))
    world.run(T0 + HOUR)
    assert world.statuses() == [(1, PLANNED), (2, PLANNED)]


def test_a_reply_read_before_the_note_that_made_her_a_contact_counts(world: World) -> None:
    """Her reply came first and was read while she was a stranger (dropped, the mark past
    it); the owner's note, written before her reply, arrives later: the one-time lookback
    for her address finds the reply."""
    reply = mail(f"Jane Doe <{JANE}>", T0 + HOUR)
    world.box.deliver("INBOX", reply)
    world.run(T0 + 2 * HOUR)
    assert world.plan() == []
    world.box.deliver("INBOX", dated_note(T0))  # written at T0, delayed on its way
    world.run(T0 + 3 * HOUR)
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]
    world.run(T0 + 20 * DAY)
    assert world.drafts() == []
    assert world.box.messages("INBOX") == [(set(), reply)]
    with world.app.store.unit() as u:
        assert u.pending_lookbacks("default") == []  # looked once, not at every pass


class Interrupted(Exception):
    """Stands for a crash inside a transaction (kill -9 is tested in test_reply_crash)."""


def test_a_lookback_interrupted_inside_its_transaction_is_done_again_and_only_once(
        world: World) -> None:
    reply = mail(f"Jane Doe <{JANE}>", T0 + HOUR)
    world.box.deliver("INBOX", reply)
    world.run(T0 + 2 * HOUR)  # she is a stranger: read and dropped
    world.box.deliver("INBOX", dated_note(T0))
    steps: list[str] = []

    def crash(step: str) -> None:
        steps.append(step)
        if steps.count("looking-back") == 1 and step == "looking-back":
            raise Interrupted(step)

    world.app.tracker.crash = crash
    with pytest.raises(Interrupted):
        world.run(T0 + 3 * HOUR)
    with world.app.store.unit() as u:
        assert len(u.pending_lookbacks("default")) == 1  # rolled back: still to do
    assert world.statuses() == [(1, PLANNED), (2, PLANNED)]
    world.run(T0 + 4 * HOUR)
    world.run(T0 + 5 * HOUR)
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]
    assert steps.count("looked-back") == 1  # looked once after the interruption, not again
    with world.app.store.unit() as u:
        assert u.pending_lookbacks("default") == []
    assert world.contact().last_contact_at == T0 + HOUR
    assert world.box.messages("INBOX") == [(set(), reply)]


def test_a_corrected_note_after_one_sent_to_review_counts_from_its_own_date(
        world: World) -> None:
    """The note went to needs review (nobody in it), the owner fixed it: the corrected note
    is dated before her reply, which the tracker read while she was a stranger."""
    world.box.deliver("INBOX", dated_note(T0, rfc(T0)).replace(
        f"met Jane Doe, VP Eng at Acme, {JANE}, at PyCon".encode(), b"met someone at PyCon"))
    world.run()
    reply = mail(f"Jane Doe <{JANE}>", T0 + HOUR)
    world.box.deliver("INBOX", reply)
    world.run(T0 + 2 * HOUR)
    assert world.plan() == []
    world.box.deliver("INBOX", dated_note(T0 + 2 * dt.timedelta(minutes=1)))  # the fix
    world.run(T0 + 5 * HOUR)
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]


@pytest.mark.parametrize("date_field", ["", "Mon, 02 Mar 2099 09:00:00 +0000"])
def test_a_note_without_a_sane_date_counts_from_its_arrival(world: World,
                                                            date_field: str) -> None:
    """Arrived at 09:40 (IMAP INTERNALDATE, the Maildir file's delivery time), read at
    10:30: her mail of 09:35 came before it, her mail of 10:00 after."""
    minute = dt.timedelta(minutes=1)
    world.box.deliver("INBOX", dated_note(T0, date_field), arrived=T0 + 10 * minute)
    world.run(T0 + HOUR)
    with world.app.store.unit() as u:
        (record,) = u.list_notes()
    assert record.note_date == T0 + 10 * minute
    world.box.deliver("INBOX", mail(JANE, T0 + 5 * minute))
    world.run(T0 + 2 * HOUR)
    assert world.statuses() == [(1, PLANNED), (2, PLANNED)]
    world.box.deliver("INBOX", mail(JANE, T0 + 30 * minute))
    world.run(T0 + 3 * HOUR)
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]


def test_a_note_without_a_date_that_arrived_in_the_future_counts_from_its_reading(
        world: World) -> None:
    world.box.deliver("INBOX", dated_note(T0, ""), arrived=T0 + 30 * DAY)  # a wrong clock
    world.run(T0 + HOUR)
    with world.app.store.unit() as u:
        (record,) = u.list_notes()
    assert record.note_date == T0 + HOUR


# an out-of-office's return date from its text ---------------------------------------------
def auto_reply(body: bytes, cte: str, charset: str, subject: str = "Automatic reply: met jane",
               at: dt.datetime = T0 + HOUR) -> bytes:
    """An auto-reply as Exchange and Gmail write them: text/plain and text/html, the return
    date only in the text."""
    return (f"From: Jane Doe <{JANE}>\r\nTo: {OWNER}\r\nSubject: {subject}\r\n"
            f"Date: {rfc(at)}\r\nMessage-ID: <{uuid.uuid4().hex}@acme.example>\r\n"
            "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n--alt\r\n'
            f'Content-Type: text/plain; charset="{charset}"\r\n'
            f"Content-Transfer-Encoding: {cte}\r\n\r\n").encode() + body + (
            b"\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            b"<p>back on 1 April</p>\r\n--alt--\r\n")


MONDAY_23 = dt.datetime(2026, 3, 23, 8, 0, tzinfo=dt.UTC)  # 09:00 Berlin, after Fri 20.3.


@pytest.mark.parametrize(("body", "cte", "charset"), [
    ("Vielen Dank. Ich bin ab dem 20.3. wieder im Büro.".encode("latin-1"), "8bit",
     "iso-8859-1"),
    (__import__("base64").encodebytes(
        "Gracias. Estaré de vuelta el 20 de marzo.\nSaludos".encode()).replace(b"\n", b"\r\n"),
     "base64", "utf-8"),
])
def test_an_out_of_office_return_date_is_read_from_its_text(
        world: World, body: bytes, cte: str, charset: str) -> None:
    world.box.deliver("INBOX", note())
    world.run()
    auto = auto_reply(body, cte, charset, "Abwesenheitsnotiz")
    world.box.deliver("INBOX", auto)
    world.run(T0 + 2 * HOUR)
    first, second = world.plan()
    assert (first.status, first.due_at) == (PLANNED, MONDAY_23)
    assert second.due_at - first.due_at >= dt.timedelta(days=12)
    assert "out of office until 2026-03-20" in (first.reason or "")
    assert world.box.messages("INBOX") == [(set(), auto)]  # unread, in place


class FetchLog:
    """Every FETCH the app sends on its real Dovecot connection: (UIDs, items)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[list[int], list[str]]] = []
        real = IMAPClient.fetch

        def fetch(client: IMAPClient, messages: Any, data: Any, modifiers: Any = None
                  ) -> Any:
            self.calls.append((sorted(int(m) for m in messages),
                               [str(d.decode() if isinstance(d, bytes) else d) for d in data]))
            return real(client, messages, data, modifiers)

        monkeypatch.setattr(IMAPClient, "fetch", fetch)

    def items_for(self, uid: int) -> set[str]:
        return {item for uids, items in self.calls if uid in uids for item in items}


@pytest.mark.imap
def test_an_auto_replys_text_is_read_and_nothing_of_a_persons_reply_but_its_fields(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    box = ImapTestBox(dovecot, dovecot_user, tmp_path)
    w = World(box, tmp_path)
    try:
        box.deliver("INBOX", note())
        w.run()  # the note leaves INBOX for Processed
        box.deliver("INBOX", auto_reply(b"I'm back on March 20 and will reply then.", "7bit",
                                        "us-ascii", "Automatic reply: Re: met jane"))
        box.deliver("INBOX", mail(f"Jane Doe <{JANE}>", T0 + 2 * HOUR,
                                  extra="X-Note: the body says back on April 30\r\n"))
        box.client.select_folder("INBOX", readonly=True)
        auto_uid, reply_uid = sorted(box.client.search("ALL"))
        box.client.unselect_folder()
        fetches = FetchLog(monkeypatch)
        w.run(T0 + 3 * HOUR)
        assert [f.status for f in w.plan()] == [CANCELLED, CANCELLED]  # she wrote, too
        # her reply: its size and flags (the listing), the header for the owner check, the
        # tracked fields; never a body
        reply_items = fetches.items_for(reply_uid)
        assert "BODY.PEEK[HEADER]" in reply_items
        assert all(i in ("RFC822.SIZE", "FLAGS", "BODY.PEEK[HEADER]") or
                   i.startswith("BODY.PEEK[HEADER.FIELDS (") for i in reply_items), reply_items
        # the auto-reply: also its structure and the first 4 KB of its text/plain part
        assert fetches.items_for(auto_uid) - reply_items == {"BODYSTRUCTURE",
                                                            "BODY.PEEK[1]<0.4096>"}
        assert [flags for flags, _raw in box.messages("INBOX")] == [set(), set()]
    finally:
        w.app.close()
        box.close()


def test_an_ordinary_reply_or_a_newsletter_never_has_its_text_read(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """On both adapters: the port's fetch_text is asked only for auto-replies."""
    asked: list[str] = []
    for cls in (ImapMailbox, MaildirMailbox):
        real = cls.fetch_text

        def spy(self: Any, ref: Any, limit: int, real: Any = real) -> Any:
            asked.append(ref.uid)
            return real(self, ref, limit)

        monkeypatch.setattr(cls, "fetch_text", spy)
    world.box.deliver("INBOX", note())
    world.run()
    world.box.deliver("INBOX", mail(JANE, T0 + HOUR, "Newsletter: back on April 30",
                                    "Precedence: bulk\r\n"))
    world.run(T0 + 2 * HOUR)
    world.box.deliver("INBOX", mail(JANE, T0 + 3 * HOUR, "Re: back on April 30?"))
    world.run(T0 + 4 * HOUR)
    assert asked == []
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]


# threading to the conversation's latest mail ----------------------------------------------
def test_the_contacts_later_mail_in_the_forwarded_thread_is_what_the_draft_replies_to(
        world: World) -> None:
    """The owner forwards Jane's mail of 27 Feb; Jane had written again in that thread on
    1 Mar (read while she was a stranger), and her auto-reply came after it: the draft
    replies to her 1 Mar mail, with the whole chain."""
    later = ("From: Jane Doe <jane@acme.example>\r\nTo: Sam Owner <sam@owner.example>\r\n"
             "Subject: Re: Slides from PyCon\r\nDate: Sun, 01 Mar 2026 10:00:00 +0100\r\n"
             "Message-ID: <later-1@acme.example>\r\n"
             f"In-Reply-To: {ORIGINAL_ID}\r\nReferences: {ORIGINAL_ID}\r\n\r\n"
             "and the video link\r\n").encode()
    ooo = auto_reply(b"I am travelling, with little access to mail.", "7bit", "us-ascii",
                     "Automatic reply: Slides",
                     at=T0 - dt.timedelta(hours=10)).replace(
        b"Auto-Submitted: auto-replied\r\n",
        f"Auto-Submitted: auto-replied\r\nIn-Reply-To: {ORIGINAL_ID}\r\n".encode())
    world.box.deliver("INBOX", later)
    world.box.deliver("INBOX", ooo)
    world.run(T0 - dt.timedelta(hours=9))
    world.box.deliver("INBOX", attached_forward())
    world.run(T0)
    world.run(T0 + DAY + HOUR)
    (draft,) = world.drafts()
    assert str(draft["Subject"]) == "Re: Slides from PyCon"
    assert draft["In-Reply-To"] == "<later-1@acme.example>"
    assert str(draft["References"]).split() == [ORIGINAL_ID, "<later-1@acme.example>"]


def test_a_note_retried_from_needs_review_counts_from_its_own_date(world: World) -> None:
    """The note was over the size limit and went to needs review; her reply came and was
    read while she was a stranger; the owner raised the limit and retried the note (as
    `followup notes retry` does): it was written before her reply, so her reply counts."""
    from followup.retry import move_back, note_to_retry

    text = world.path.read_text()
    world.path.write_text(text.replace("discard_grace = 300",
                                       "discard_grace = 300\nmax_message_bytes = 200"))
    world.restart()
    world.box.deliver("INBOX", dated_note(T0))
    world.run(T0 + HOUR)
    with world.app.store.unit() as u:
        (record,) = u.list_notes()
    assert record.status.value == "needs-review"
    world.box.deliver("INBOX", mail(f"Jane Doe <{JANE}>", T0 + 2 * HOUR))
    world.run(T0 + 3 * HOUR)
    world.path.write_text(text)
    world.restart()
    setup = world.app.ingestors["default"].account
    mailbox = world.app.open_mailbox(world.app.config.accounts[0])
    try:
        move_back(mailbox, setup, note_to_retry(world.app.store, record.id))
    finally:
        mailbox.close()
    world.run(T0 + 4 * HOUR)
    with world.app.store.unit() as u:  # its old record, or (IMAP: a new UID) one of its own
        (again,) = [n for n in u.list_notes() if n.status.value == "processed"]
    assert again.note_date == T0
    assert world.statuses() == [(1, CANCELLED), (2, CANCELLED)]
