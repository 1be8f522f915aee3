"""One contract for every Mailbox: FakeMailbox, MaildirMailbox and ImapMailbox on real Dovecot."""

from __future__ import annotations

import ssl
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import pytest
from dovecot import Dovecot
from fakes import FakeMailbox
from imapclient import IMAPClient

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
    def __init__(self, server: Dovecot, settings: ImapSettings) -> None:
        self.server = server
        self.settings = settings
        self.mailbox: Mailbox = ImapMailbox(settings)
        self.drafts = "Drafts"

    def client(self) -> IMAPClient:
        c = IMAPClient(self.server.host, port=self.server.ssl_port, ssl=True, timeout=10,
                       ssl_context=ssl.create_default_context(cafile=self.server.cafile))
        c.login(self.settings.username, self.settings.password)
        return c

    def deliver(self, raws: Sequence[bytes]) -> None:
        if len(raws) > 20:  # bulk: straight into the maildir, as the recipe measured
            self.server.fill_maildir(raws, user=self.settings.username)
            return
        c = self.client()
        for raw in raws:
            c.append("INBOX", raw)
        c.logout()

    def deliver_deleted(self, raw: bytes) -> None:
        c = self.client()
        c.append("INBOX", raw, flags=[b"\\Deleted"])
        c.logout()

    def contents(self, folder: str) -> list[tuple[bytes, set[str]]]:
        c = self.client()
        try:
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


@pytest.fixture(params=["fake", "maildir", pytest.param("imap", marks=pytest.mark.imap)])
def harness(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    h: Harness
    if request.param == "fake":
        h = FakeHarness()
    elif request.param == "maildir":
        h = MaildirHarness(tmp_path / "mail")
    else:
        make: Callable[..., ImapSettings] = request.getfixturevalue("imap_settings")
        h = ImapHarness(request.getfixturevalue("dovecot"), make())
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
