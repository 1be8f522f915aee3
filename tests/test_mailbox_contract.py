"""One contract for every Mailbox: FakeMailbox, MaildirMailbox and ImapMailbox on real Dovecot."""

from __future__ import annotations

import datetime as dt
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

import pytest
from dovecot import Dovecot
from fakes import FakeMailbox
from imapclient import IMAPClient
from imapservers import Courier, Cyrus

from followup.mailbox.imap import ImapMailbox, ImapSettings
from followup.mailbox.maildir import MaildirMailbox, MaildirSettings, folder_path
from followup.ports import Mailbox, MessageRef

MAILDIR_FLAGS = {"D": "\\Draft", "S": "\\Seen", "F": "\\Flagged", "R": "\\Answered",
                 "T": "\\Deleted"}


def note(subject: str = "", body: str = "met Ada at the fair\r\n",
         extra: str = "") -> bytes:
    subject = subject or f"note {uuid.uuid4().hex[:8]}"
    return (f"From: Owner <owner@example.test>\r\nTo: notes@example.test\r\n"
            f"Subject: {subject}\r\nMessage-ID: <{uuid.uuid4().hex}@example.test>\r\n"
            f"{extra}\r\n{body}").encode()


def draft(key: str) -> bytes:
    return note(f"Follow up {key}", "Hi Ada,\r\n", extra=f"X-Followup-Id: {key}\r\n")


class Harness(Protocol):
    """What the contract needs besides the Mailbox: put mail in, look inside."""

    mailbox: Mailbox
    drafts: str

    def deliver(self, raws: Sequence[bytes]) -> None: ...

    def deliver_deleted(self, raw: bytes) -> None:
        """Deliver one message already flagged \\Deleted (a client that expunges later)."""

    def contents(self, folder: str) -> list[tuple[bytes, set[str]]]: ...

    def deliver_to(self, folder: str, raw: bytes) -> None:
        """Put one message in another folder (Sent, an archive), creating it."""


class FakeHarness:
    def __init__(self) -> None:
        self.fake = FakeMailbox()
        self.mailbox: Mailbox = self.fake
        self.drafts = "Drafts"

    def deliver(self, raws: Sequence[bytes]) -> None:
        for raw in raws:
            self.fake.deliver(raw)

    def deliver_deleted(self, raw: bytes) -> None:
        self.fake.deliver(raw, flags={"\\Deleted"})

    def deliver_to(self, folder: str, raw: bytes) -> None:
        self.fake.deliver(raw, folder)

    def contents(self, folder: str) -> list[tuple[bytes, set[str]]]:
        return list(zip(self.fake.messages(folder), self.fake.flags(folder), strict=True))


class MaildirHarness:
    def __init__(self, root: Path, **settings: Any) -> None:
        self.settings = MaildirSettings(str(root), poll_interval=0.05, **settings)
        self.root = root
        self.mailbox: Mailbox = MaildirMailbox(self.settings)
        self.drafts = self.settings.drafts_folder
        self._n = 0

    def deliver(self, raws: Sequence[bytes]) -> None:
        inbox = self.root
        for sub in ("cur", "new", "tmp"):
            (inbox / sub).mkdir(parents=True, exist_ok=True)
        for raw in raws:
            self._n += 1
            name = f"{int(time.time())}.T{self._n}R{uuid.uuid4().hex[:8]}.test"
            (inbox / "tmp" / name).write_bytes(raw)
            (inbox / "tmp" / name).rename(inbox / "new" / name)

    def deliver_to(self, folder: str, raw: bytes) -> None:
        path = folder_path(self.root, folder, self.settings.layout)
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        self._n += 1
        (path / "cur" / f"{int(time.time())}.T{self._n}.test:2,S").write_bytes(raw)

    def deliver_deleted(self, raw: bytes) -> None:
        self.deliver([])
        (self.root / "cur" / f"{int(time.time())}.X{uuid.uuid4().hex}.test:2,ST").write_bytes(raw)

    def contents(self, folder: str) -> list[tuple[bytes, set[str]]]:
        path = folder_path(self.root, folder, self.settings.layout)
        out = []
        for sub in ("new", "cur"):
            d = path / sub
            for f in sorted(d.iterdir()) if d.is_dir() else []:
                info = f.name.split(":2,", 1)[1] if ":2," in f.name else ""
                out.append((f.read_bytes(), {MAILDIR_FLAGS[c] for c in info if c in MAILDIR_FLAGS}))
        return out


class ImapHarness:
    """Folder names in the contract are followup's ('Drafts', 'Followup/Processed'); on a
    server with a prefix and another separator (Cyrus, Courier: 'INBOX.', '.') the harness
    looks them up under the server's own name."""

    def __init__(self, server: Dovecot | Cyrus | Courier, settings: ImapSettings) -> None:
        self.server = server
        self.settings = settings
        self.mailbox: Mailbox = ImapMailbox(settings)
        self.drafts = "Drafts"

    def client(self) -> IMAPClient:
        if isinstance(self.server, Dovecot):
            c = IMAPClient(self.server.host, port=self.server.ssl_port, ssl=True, timeout=10,
                           ssl_context=ssl.create_default_context(cafile=self.server.cafile))
        else:
            c = IMAPClient(self.server.host, port=self.server.port, ssl=False, timeout=10)
        c.login(self.settings.username, self.settings.password)
        return c

    def server_name(self, c: IMAPClient, folder: str) -> str:
        if folder.upper() == "INBOX":
            return "INBOX"
        prefix, delimiter = c.namespace().personal[0]
        delimiter = delimiter or "/"
        return prefix + folder.replace("/", delimiter)

    def deliver(self, raws: Sequence[bytes]) -> None:
        if len(raws) > 20 and isinstance(self.server, Dovecot | Courier):  # bulk: maildir
            self.server.fill_maildir(list(raws), user=self.settings.username)
            return
        if len(raws) > 20:  # Cyrus: a bulk in 5 sessions at once (it fsyncs every APPEND)
            with ThreadPoolExecutor(5) as pool:
                list(pool.map(self._append_all, [raws[i::5] for i in range(5)]))
        else:
            self._append_all(raws)

    def _append_all(self, raws: Sequence[bytes]) -> None:
        c = self.client()
        for raw in raws:
            c.append("INBOX", raw)
        c.logout()

    def deliver_deleted(self, raw: bytes) -> None:
        c = self.client()
        c.append("INBOX", raw, flags=[b"\\Deleted"])
        c.logout()

    def deliver_to(self, folder: str, raw: bytes) -> None:
        c = self.client()
        folder = self.server_name(c, folder)
        if not c.folder_exists(folder):
            c.create_folder(folder)
        c.append(folder, raw, flags=[b"\\Seen"])
        c.logout()

    def contents(self, folder: str) -> list[tuple[bytes, set[str]]]:
        c = self.client()
        try:
            folder = self.server_name(c, folder)
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            uids = c.search("ALL")
            data = c.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
            return [(bytes(d[b"BODY[]"]),
                     {f.decode() for f in d[b"FLAGS"] if f != b"\\Recent"})
                    for _, d in sorted(data.items())]
        finally:
            c.logout()


@pytest.fixture(params=["fake", "maildir", pytest.param("imap", marks=pytest.mark.imap),
                        pytest.param("cyrus", marks=pytest.mark.imap),
                        pytest.param("courier", marks=pytest.mark.imap)])
def harness(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    h: Harness
    if request.param == "fake":
        h = FakeHarness()
    elif request.param == "maildir":
        h = MaildirHarness(tmp_path / "mail")
    elif request.param == "imap":
        make: Callable[..., ImapSettings] = request.getfixturevalue("imap_settings")
        h = ImapHarness(request.getfixturevalue("dovecot"), make())
    else:
        server: Cyrus | Courier = request.getfixturevalue(request.param)
        user = server.add_user()
        h = ImapHarness(server, ImapSettings(host=server.host, port=server.port,
                                             security="none", username=user,
                                             password=server.password, socket_timeout=10))
    yield h
    h.mailbox.close()


def by_uid(pairs: Iterator[tuple[MessageRef, bytes]]) -> dict[str, bytes]:
    return {ref.uid: raw for ref, raw in pairs}


def test_scan_sees_delivered_notes_with_sizes(harness: Harness) -> None:
    raws = [note(), note(body="x" * 5000 + "\r\n"), note()]
    harness.deliver(raws)
    state = harness.mailbox.scan()
    assert sorted(r.size for r in state.refs) == sorted(len(r) for r in raws)
    assert len({r.uid for r in state.refs}) == 3
    assert all(r.folder == "INBOX" and r.uidvalidity == state.uidvalidity for r in state.refs)


def test_empty_folder_scans_empty(harness: Harness) -> None:
    assert list(harness.mailbox.scan().refs) == []


def test_fetch_returns_exact_bytes_and_headers(harness: Harness) -> None:
    raws = [note(), note(body="line\r\n" * 300)]
    harness.deliver(raws)
    refs = harness.mailbox.scan().refs
    got = by_uid(harness.mailbox.fetch(refs))
    assert sorted(got.values()) == sorted(raws)
    headers = by_uid(harness.mailbox.fetch_headers(refs))
    for uid, raw in got.items():
        assert headers[uid] == raw[: raw.index(b"\r\n\r\n") + 4]


def test_fetch_does_not_set_seen(harness: Harness) -> None:
    harness.deliver([note(), note()])
    refs = harness.mailbox.scan().refs
    assert len(list(harness.mailbox.fetch(refs))) == 2
    assert len(list(harness.mailbox.fetch_headers(refs))) == 2
    assert [flags for _, flags in harness.contents("INBOX")] == [set(), set()]


def test_move_to_new_nested_folder(harness: Harness) -> None:
    raws = [note(), note()]
    harness.deliver(raws)
    refs = harness.mailbox.scan().refs
    moved = next(raw for ref, raw in harness.mailbox.fetch(refs) if ref == refs[0])
    harness.mailbox.move(refs[0], "Followup/Processed")
    assert [r.uid for r in harness.mailbox.scan().refs] == [refs[1].uid]
    assert [raw for raw, _ in harness.contents("Followup/Processed")] == [moved]
    assert [raw for raw, _ in harness.contents("INBOX")] == [r for r in raws if r != moved]


def test_move_twice_is_fine(harness: Harness) -> None:
    harness.deliver([note()])
    ref = harness.mailbox.scan().refs[0]
    harness.mailbox.move(ref, "Processed")
    harness.mailbox.move(ref, "Processed")  # a retry after a crash between move and commit
    assert len(harness.contents("Processed")) == 1
    assert harness.mailbox.scan().refs == []


def test_fetch_skips_a_message_that_vanished(harness: Harness) -> None:
    harness.deliver([note(), note()])
    refs = harness.mailbox.scan().refs
    harness.mailbox.move(refs[0], "Elsewhere")
    assert [ref for ref, _ in harness.mailbox.fetch(refs)] == [refs[1]]
    assert [ref for ref, _ in harness.mailbox.fetch_headers(refs)] == [refs[1]]


def test_append_draft_twice_leaves_one_draft(harness: Harness) -> None:
    raw = draft("fu-1-ada")
    harness.mailbox.append_draft(raw, "fu-1-ada")
    harness.mailbox.append_draft(raw, "fu-1-ada")
    drafts = harness.contents(harness.drafts)
    assert drafts == [(raw, {"\\Draft", "\\Seen"})]


def test_append_draft_key_must_match_exactly(harness: Harness) -> None:
    harness.mailbox.append_draft(draft("fu-12"), "fu-12")
    harness.mailbox.append_draft(draft("fu-1"), "fu-1")  # a prefix of the first key
    harness.mailbox.append_draft(draft("fu-123"), "fu-123")
    assert len(harness.contents(harness.drafts)) == 3
    assert harness.mailbox.scan().refs == []  # drafts never land in the watched folder


def test_wait_returns_true_after_a_delivery(harness: Harness) -> None:
    harness.mailbox.scan()
    timer = threading.Timer(0.2, harness.deliver, args=([note()],))
    t0 = time.monotonic()
    timer.start()
    try:
        assert harness.mailbox.wait(10) is True
    finally:
        timer.join()
    assert time.monotonic() - t0 < 5  # Dovecot delays IDLE pushes by 500 ms
    assert len(harness.mailbox.scan().refs) == 1


def test_wait_sees_mail_that_came_after_the_scan(harness: Harness) -> None:
    harness.mailbox.scan()
    harness.deliver([note()])
    t0 = time.monotonic()
    assert harness.mailbox.wait(10) is True
    assert time.monotonic() - t0 < 5


def test_wait_returns_false_on_timeout(harness: Harness) -> None:
    harness.deliver([note()])
    harness.mailbox.scan()
    t0 = time.monotonic()
    assert harness.mailbox.wait(1.0) is False
    assert 0.9 <= time.monotonic() - t0 < 4
    assert len(harness.mailbox.scan().refs) == 1  # still usable


def test_interrupt_ends_a_wait_at_once_and_every_later_one(harness: Harness) -> None:
    harness.deliver([note()])
    harness.mailbox.scan()
    timer = threading.Timer(0.5, harness.mailbox.interrupt)
    t0 = time.monotonic()
    timer.start()
    try:
        assert harness.mailbox.wait(30) is False
    finally:
        timer.join()
    assert time.monotonic() - t0 < 3  # not the 30 s, nor an IDLE probe interval
    t0 = time.monotonic()
    assert harness.mailbox.wait(30) is False
    assert time.monotonic() - t0 < 1
    assert len(harness.mailbox.scan().refs) == 1  # the connection is still usable


def test_deleted_messages_are_not_notes_and_do_not_wake_wait(harness: Harness) -> None:
    harness.deliver([note()])
    harness.deliver_deleted(note())
    assert len(harness.mailbox.scan().refs) == 1
    t0 = time.monotonic()
    assert harness.mailbox.wait(0.5) is False
    assert time.monotonic() - t0 >= 0.4


@pytest.mark.parametrize("key", ["", "two words", "caf\u00e9", "a\r\nBcc: x"])
def test_bad_draft_keys_are_refused(harness: Harness, key: str) -> None:
    with pytest.raises(ValueError, match="draft key"):
        harness.mailbox.append_draft(draft("ok"), key)


def test_batches_return_everything_for_1000_messages(harness: Harness) -> None:
    raws = [note(f"bulk {i}", body=f"{i}\r\n" * (i % 7 + 1)) for i in range(1000)]
    harness.deliver(raws)
    refs = harness.mailbox.scan().refs
    assert len(refs) == 1000
    got = by_uid(harness.mailbox.fetch(refs))
    assert sorted(got.values()) == sorted(raws)
    assert {r.uid: r.size for r in refs} == {uid: len(raw) for uid, raw in got.items()}
    assert len(by_uid(harness.mailbox.fetch_headers(refs))) == 1000


def test_drafts_present_names_the_keys_in_drafts_in_one_look(harness: Harness) -> None:
    assert harness.mailbox.drafts_present(["fu-12", "fu-1"]) == set()  # no Drafts folder yet
    harness.mailbox.append_draft(draft("fu-12"), "fu-12")
    harness.mailbox.append_draft(draft("fu-3"), "fu-3")
    # exact keys only: "fu-1" is a prefix of a stored key, "fu-123" has one as its prefix
    assert harness.mailbox.drafts_present(["fu-12", "fu-1", "fu-123", "fu-3"]) == {
        "fu-12", "fu-3"}
    assert harness.mailbox.drafts_present([]) == set()
    # what the caller has looked for is written without a second look
    harness.mailbox.append_draft(draft("fu-1"), "fu-1", looked=True)
    assert harness.mailbox.drafts_present(["fu-1"]) == {"fu-1"}
    assert len(harness.contents(harness.drafts)) == 3


def test_append_drafts_stores_each_one_in_one_call(harness: Harness) -> None:
    """A drafting pass's batch (IMAP: one MULTIAPPEND): every draft lands in Drafts with its
    own bytes and flags, found afterwards by its key; an empty batch is nothing."""
    harness.mailbox.append_drafts([])
    batch = [(draft(f"fu-b{i}"), f"fu-b{i}") for i in range(7)]
    harness.mailbox.append_drafts(batch)
    assert sorted(harness.contents(harness.drafts)) == sorted(
        (raw, {"\\Draft", "\\Seen"}) for raw, _ in batch)
    keys = [key for _, key in batch]
    assert harness.mailbox.drafts_present([*keys, "fu-other"]) == set(keys)
    assert harness.mailbox.scan().refs == []


def test_delete_drafts_removes_exactly_the_named_keys(harness: Harness) -> None:
    assert harness.mailbox.delete_drafts(["fu-1"]) == 0  # no Drafts folder yet
    for key in ("fu-1", "fu-12", "fu-2"):
        harness.mailbox.append_draft(draft(key), key)
    # a draft the owner keeps in Drafts, without our header, is never touched
    harness.mailbox.append_draft(note("mine"), "owner-own")
    assert harness.mailbox.delete_drafts(["fu-1", "fu-3"]) == 1  # "fu-12" is not "fu-1"
    assert harness.mailbox.drafts_present(["fu-1", "fu-12", "fu-2"]) == {"fu-12", "fu-2"}
    assert harness.mailbox.delete_drafts(["fu-1"]) == 0  # a retry removes nothing more
    assert harness.mailbox.delete_drafts([]) == 0
    left = [raw for raw, _ in harness.contents(harness.drafts)]
    assert len(left) == 3 and not any(b"X-Followup-Id: fu-1\r\n" in raw for raw in left)
    # the same key can be written again (a snoozed follow-up drafted when due)
    harness.mailbox.append_draft(draft("fu-1"), "fu-1")
    assert harness.mailbox.drafts_present(["fu-1"]) == {"fu-1"}


def test_delete_drafts_finds_a_draft_a_mail_client_copied(harness: Harness) -> None:
    """A client that re-saves a draft gives it a new name/UID; the header still names it."""
    if isinstance(harness, MaildirHarness):
        drafts = folder_path(harness.root, harness.drafts, harness.settings.layout)
        for sub in ("cur", "new", "tmp"):
            (drafts / sub).mkdir(parents=True, exist_ok=True)
        (drafts / "cur" / "1700000000.client.test:2,DS").write_bytes(draft("fu-9"))
    elif isinstance(harness, ImapHarness):
        c = harness.client()
        name = harness.server_name(c, "Drafts")  # INBOX.Drafts on Cyrus and Courier
        if not c.folder_exists(name):
            c.create_folder(name)
        c.append(name, draft("fu-9"), flags=[b"\\Draft"])
        c.logout()
    else:
        harness.mailbox.append_draft(draft("fu-9"), "fu-9")
    assert harness.mailbox.delete_drafts(["fu-9"]) == 1
    assert harness.contents(harness.drafts) == []


def test_list_folder_sees_another_folder_and_fetch_reads_it(harness: Harness) -> None:
    assert list(harness.mailbox.list_folder("Followup/Needs review").refs) == []
    raws = [note(), note()]
    harness.deliver(raws)
    refs = harness.mailbox.scan().refs
    harness.mailbox.move_many(refs, "Followup/Needs review")
    listed = harness.mailbox.list_folder("Followup/Needs review").refs
    assert sorted(r.size for r in listed) == sorted(len(r) for r in raws)
    assert sorted(by_uid(harness.mailbox.fetch(listed)).values()) == sorted(raws)
    # moved back into the watched folder, they are notes there again
    harness.mailbox.move(listed[0], "INBOX")
    assert len(harness.mailbox.scan().refs) == 1
    assert len(harness.mailbox.list_folder("Followup/Needs review").refs) == 1


# --- reading other folders for replies and sent mail (followup.tracking) -----------------

def reply(sender: str, subject: str, n: int) -> bytes:
    return (f"From: {sender}\r\nTo: owner@example.test\r\nSubject: {subject}\r\n"
            f"Date: Mon, 02 Mar 2026 10:0{n}:00 +0100\r\nMessage-ID: <r{n}@example.test>\r\n"
            "X-Private: not for us\r\n\r\nthe body is never read\r\n").encode()


def test_folder_since_lists_what_came_after_a_mark(harness: Harness) -> None:
    assert harness.mailbox.folder_since("Nowhere", 0) is None  # no such folder
    harness.deliver([reply("jane@acme.example", "one", 1), reply("kim@acme.example", "two", 2)])
    state = harness.mailbox.folder_since("INBOX", 0)
    assert state is not None and len(state.refs) == 2
    assert all(r.folder == "INBOX" and r.uidvalidity == state.uidvalidity for r in state.refs)
    if state.ordered:  # IMAP UIDs: only what is above the mark comes back
        top = max(int(r.uid) for r in state.refs)
        assert harness.mailbox.folder_since("INBOX", top).refs == []  # type: ignore[union-attr]
        harness.mailbox.drafts_present(["k"])  # another folder selected: asked by STATUS
        assert harness.mailbox.folder_since("INBOX", top).refs == []  # type: ignore[union-attr]
        harness.deliver([reply("lee@acme.example", "three", 3)])
        later = harness.mailbox.folder_since("INBOX", top)
        assert later is not None and [int(r.uid) > top for r in later.refs] == [True]
        harness.mailbox.drafts_present(["k"])
        harness.deliver([reply("kai@acme.example", "four", 4)])
        again = harness.mailbox.folder_since("INBOX", top)
        assert again is not None and len(again.refs) == 2


def test_fetch_fields_reads_only_the_named_fields_and_leaves_mail_unread(
        harness: Harness) -> None:
    harness.deliver([reply("Jane <jane@acme.example>", "hello", 1)])
    state = harness.mailbox.folder_since("INBOX", 0)
    assert state is not None
    ((ref, block),) = list(harness.mailbox.fetch_fields(state.refs, ["From", "Subject"]))
    text = block.decode()
    assert "From: Jane <jane@acme.example>" in text and "Subject: hello" in text
    assert "X-Private" not in text and "body" not in text and "Message-ID" not in text
    assert ref == state.refs[0]
    assert [flags for _, flags in harness.contents("INBOX")] == [set()]


def test_special_folders_are_found(harness: Harness) -> None:
    assert harness.mailbox.special_folder("\\Drafts") == harness.drafts
    harness.deliver_to("Sent", reply("owner@example.test", "sent one", 1))
    assert harness.mailbox.special_folder("\\Sent") == "Sent"
    state = harness.mailbox.folder_since("Sent", 0)
    assert state is not None and len(state.refs) == 1


def test_find_messages_by_sender_subject_and_day(harness: Harness) -> None:
    harness.deliver_to("Archive", reply("Jane <jane@acme.example>", "Slides from PyCon", 1))
    harness.deliver_to("Archive", reply("kim@acme.example", "Slides from PyCon", 2))
    harness.deliver_to("Archive", reply("jane@acme.example", "Lunch", 3))
    found = harness.mailbox.find_messages("Archive", "jane@acme.example", "Slides from PyCon",
                                          dt.date(2026, 3, 2))
    assert len(found) == 1
    ((_, block),) = list(harness.mailbox.fetch_fields(found, ["Message-ID"]))
    assert b"<r1@example.test>" in block
    assert harness.mailbox.find_messages("Archive", "jane@acme.example", "Slides",
                                         dt.date(2026, 5, 1)) == []
    assert harness.mailbox.find_messages("Nowhere", "jane@acme.example", "x", None) == []


def test_move_many_seen_flags_what_it_moves(harness: Harness) -> None:
    harness.deliver([note(), note()])
    first, second = harness.mailbox.scan().refs
    harness.mailbox.move_many([first], "Followup/Processed", seen=True)
    harness.mailbox.move_many([second], "Followup/Needs review")
    assert ["\\Seen" in flags for _, flags in harness.contents("Followup/Processed")] == [True]
    assert ["\\Seen" in flags for _, flags in harness.contents("Followup/Needs review")] == [
        False]


def test_append_digest_twice_leaves_one_unread_digest(harness: Harness) -> None:
    digest = (b"From: followup <sam@owner.example>\r\nSubject: followup digest\r\n"
              b"Message-ID: <digest.2026-01-12.0123abcd@followup>\r\n"
              b"X-Followup-Digest: 2026-01-12\r\n\r\nGood morning.\r\n")
    harness.deliver([note()])
    harness.mailbox.append_digest(digest, "<digest.2026-01-12.0123abcd@followup>")
    harness.mailbox.append_digest(digest, "<digest.2026-01-12.0123abcd@followup>")
    inbox = harness.contents("INBOX")
    digests = [(raw, flags) for raw, flags in inbox if b"X-Followup-Digest" in raw]
    assert len(digests) == 1 and "\\Seen" not in digests[0][1]
    assert digests[0][0].replace(b"\r\n", b"\n") == digest.replace(b"\r\n", b"\n")
    assert len(harness.mailbox.scan().refs) == 2


def test_find_since_searches_from_or_to_an_address_since_a_day(harness: Harness) -> None:
    harness.deliver([reply("Jane <jane@acme.example>", "hello", 1),
                     reply("kim@acme.example", "hello", 2),
                     reply("Jane <JANE@acme.example>", "old", 3).replace(b"Mon, 02 Mar 2026",
                                                                        b"Mon, 02 Feb 2026")])
    mailbox, march = harness.mailbox, dt.date(2026, 3, 1)
    found = mailbox.find_since("INBOX", "From", ["jane@acme.example"], march)
    assert [b for _, b in mailbox.fetch_fields(found, ["Message-ID"])] == [
        b"Message-ID: <r1@example.test>\r\n\r\n"]
    both = mailbox.find_since("INBOX", "From", ["nobody@x.example", "jane@acme.example",
                                                "kim@acme.example"], march)
    assert len(both) == 2
    assert len(mailbox.find_since("INBOX", "To", ["owner@example.test"], march)) == 2
    assert mailbox.find_since("INBOX", "From", ["jane@acme.example"], dt.date(2026, 4, 1)) == []
    assert mailbox.find_since("Nowhere", "From", ["x@y.example"], dt.date(2026, 1, 1)) == []
    assert [flags for _, flags in harness.contents("INBOX")] == [set(), set(), set()]


def auto_reply_mail(text_part: bytes) -> bytes:
    return (b"From: jane@acme.example\r\nTo: owner@example.test\r\nSubject: Automatic reply\r\n"
            b"Date: Mon, 02 Mar 2026 10:00:00 +0100\r\nMessage-ID: <a1@example.test>\r\n"
            b"MIME-Version: 1.0\r\n" + text_part)


NESTED = (b'Content-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\n'
          b'Content-Type: multipart/alternative; boundary="a"\r\n\r\n--a\r\n'
          b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>not this one</p>\r\n--a\r\n"
          b'Content-Type: text/plain; charset="utf-8"\r\n'
          b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
          b"Ich bin ab dem 4.3. wieder im B=C3=BCro.\r\n--a--\r\n--m\r\n"
          b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nnot this either\r\n"
          b"--m--\r\n")


@pytest.mark.parametrize(("mime", "expected"), [
    (NESTED, (b"Ich bin ab dem 4.3. wieder im B=C3=BCro.", "quoted-printable", "utf-8")),
    (b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64"
     b"\r\n\r\nSWNoIGJpbiBhYiBkZW0gNC4zLiB3aWVkZXIgaW0gQvxyby4=\r\n",
     (b"SWNoIGJpbiBhYiBkZW0gNC4zLiB3aWVkZXIgaW0gQvxyby4=", "base64", "iso-8859-1")),
    (b"\r\nplain text without any MIME fields\r\n" + b"x" * 9000 + b"\r\n",
     (b"plain text without any MIME fields", "7bit", "us-ascii")),
])
def test_fetch_text_reads_the_start_of_the_first_text_plain_part_only(
        harness: Harness, mime: bytes, expected: tuple[bytes, str, str]) -> None:
    harness.deliver([auto_reply_mail(mime)])
    (ref,) = harness.mailbox.scan().refs
    piece = harness.mailbox.fetch_text(ref, 4096)
    assert piece is not None
    assert piece.data.strip().startswith(expected[0]) and len(piece.data) <= 4096
    assert b"not this" not in piece.data
    # an identity encoding may be named 7bit or 8bit (Courier says 8bit for a bare body)
    encoding = "7bit" if piece.transfer_encoding == "8bit" else piece.transfer_encoding
    assert (encoding, (piece.charset or "us-ascii").lower()) == expected[1:]
    assert [flags for _, flags in harness.contents("INBOX")] == [set()]  # \Seen untouched


def test_fetch_text_of_a_message_without_text_plain_is_none(harness: Harness) -> None:
    harness.deliver([auto_reply_mail(b"Content-Type: text/html\r\n\r\n<p>hi</p>\r\n")])
    (ref,) = harness.mailbox.scan().refs
    assert harness.mailbox.fetch_text(ref, 4096) is None


def test_arrived_says_when_each_message_came(harness: Harness) -> None:
    harness.deliver([note(), note()])
    refs = harness.mailbox.scan().refs
    got = harness.mailbox.arrived(refs)
    assert sorted(got) == sorted(r.uid for r in refs)
    assert all(v.tzinfo is not None and v.year >= 2000 for v in got.values())
