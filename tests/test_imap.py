"""ImapMailbox on a real Dovecot: TLS, login errors, reconnects, IDLE, UIDVALIDITY, fallbacks."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dovecot import Dovecot
from imapclient import IMAPClient

from followup.errors import LoginError
from followup.mailbox import imap as imap_module
from followup.mailbox.imap import ImapMailbox, ImapSettings, is_loopback
from followup.ports import MailboxUnavailable, MessageRef

pytestmark = pytest.mark.imap

Settings = Callable[..., ImapSettings]

# Dovecot's own list minus MOVE and IDLE: a client sees a server without them
NO_MOVE_NO_IDLE = ("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT THREAD=REFERENCES "
                   "MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED "
                   "I18NLEVEL=1 CONDSTORE ESEARCH LIST-STATUS LITERAL+ SPECIAL-USE")


def note() -> bytes:
    return (f"From: owner@example.test\r\nSubject: note {uuid.uuid4().hex[:6]}\r\n"
            f"Message-ID: <{uuid.uuid4().hex}@example.test>\r\n\r\nmet Ada\r\n").encode()


def deliver(server: Dovecot, user: str, raw: bytes, folder: str = "INBOX") -> None:
    c = IMAPClient(server.host, port=server.port, ssl=False, timeout=10)
    c.login(user, server.password)
    c.append(folder, raw)
    c.logout()


@pytest.fixture
def mailbox(imap_settings: Settings) -> Iterator[ImapMailbox]:
    mb = ImapMailbox(imap_settings())
    yield mb
    mb.close()


@pytest.fixture(scope="module")
def plain_server(dovecot: Dovecot) -> Iterator[Dovecot]:
    """A second server: \\Drafts is 'Brouillons' and neither MOVE nor IDLE is offered."""
    server = Dovecot(tls_from=Path(dovecot.tls), drafts="Brouillons",
                     capabilities=NO_MOVE_NO_IDLE)
    server.start()
    yield server
    server.cleanup()


def plain_settings(server: Dovecot, **overrides: object) -> ImapSettings:
    values: dict[str, object] = {
        "host": server.host, "port": server.ssl_port, "security": "tls",
        "username": server.add_user(), "password": server.password, "ca_file": server.cafile,
        "socket_timeout": 10}
    values.update(overrides)
    return ImapSettings(**values)  # type: ignore[arg-type]


def wait_in_thread(mb: ImapMailbox, timeout: float) -> tuple[threading.Thread, list[object]]:
    out: list[object] = []

    def run() -> None:
        t0 = time.monotonic()
        try:
            out.append(mb.wait(timeout))
        except Exception as e:
            out.append(e)
        out.append(time.monotonic() - t0)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.3)  # let it enter IDLE
    return thread, out


# --- TLS and settings ---------------------------------------------------------------------

def test_imaps_verifies_against_the_test_ca(dovecot: Dovecot, imap_settings: Settings) -> None:
    mb = ImapMailbox(imap_settings(port=dovecot.ssl_port, security="tls"))
    assert mb.scan().refs == []
    assert mb._client is not None and isinstance(mb._client.socket(), ssl.SSLSocket)
    mb.close()


def test_starttls_upgrades_before_login(imap_settings: Settings) -> None:
    mb = ImapMailbox(imap_settings(security="starttls"))
    mb.scan()
    assert mb._client is not None and isinstance(mb._client.socket(), ssl.SSLSocket)
    mb.close()


def test_unknown_ca_is_unavailable_with_a_hint(dovecot: Dovecot, imap_settings: Settings) -> None:
    mb = ImapMailbox(imap_settings(port=dovecot.ssl_port, security="tls", ca_file=None))
    with pytest.raises(MailboxUnavailable, match="ca_file"):
        mb.scan()


@pytest.mark.parametrize("host", ["mail.example.com", "10.0.0.1", "127.example.com", "::2"])
def test_security_none_refused_for_remote_hosts(host: str) -> None:
    with pytest.raises(ValueError, match="clear text"):
        ImapSettings(host=host, port=143, security="none", username="me", password="pw")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


def test_security_none_works_on_loopback(imap_settings: Settings) -> None:
    mb = ImapMailbox(imap_settings(security="none", ca_file=None))
    assert mb.scan().refs == []
    assert mb._client is not None and not isinstance(mb._client.socket(), ssl.SSLSocket)
    mb.close()


def test_password_not_in_repr(imap_settings: Settings) -> None:
    settings = imap_settings()
    assert settings.password not in repr(settings)


# --- login and connection failures --------------------------------------------------------

def test_wrong_password_is_a_login_error_at_once(imap_settings: Settings,
                                                 dovecot_user: str) -> None:
    mb = ImapMailbox(imap_settings(password="wrong"))
    t0 = time.monotonic()
    with pytest.raises(LoginError) as info:
        mb.scan()
    assert time.monotonic() - t0 < 3  # one attempt: Dovecot answers a bad password in ~0.5 s
    message = str(info.value)
    assert "127.0.0.1" in message and dovecot_user in message and "ImapSettings.password" in message
    # the server's own words, not Python's repr of bytes
    assert "[AUTHENTICATIONFAILED] Authentication failed." in message and "b'" not in message
    assert info.value.exit_code == 3


class ScriptedServer:
    """One connection on 127.0.0.1 that answers LOGIN with a given line, closes, or hangs."""

    def __init__(self, login_reply: str) -> None:
        self.login_reply = login_reply
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.release = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn, conn.makefile("rwb") as f:
            f.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] scripted\r\n")
            f.flush()
            for line in f:
                tag, command = line.split()[:2]
                if command.upper() == b"CAPABILITY":
                    f.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
                elif command.upper() == b"LOGIN":
                    if self.login_reply == "close":
                        return
                    if self.login_reply == "hang":
                        self.release.wait(10)
                        return
                    f.write(tag + b" " + self.login_reply.encode() + b"\r\n")
                else:
                    f.write(b"* BYE bye\r\n" + tag + b" OK done\r\n")
                    f.flush()
                    return
                f.flush()

    def close(self) -> None:
        self.release.set()
        self.thread.join(5)
        self.sock.close()


@pytest.mark.parametrize(("reply", "error"), [
    ("NO [AUTHENTICATIONFAILED] Authentication failed.", LoginError),
    ("NO Login failed.", LoginError),  # no RFC 5530 code: assume the credentials
    ("NO [UNAVAILABLE] Temporary authentication failure.", MailboxUnavailable),
    ("close", MailboxUnavailable),
    ("hang", MailboxUnavailable),
])
def test_login_failures_told_apart(reply: str, error: type[Exception]) -> None:
    server = ScriptedServer(reply)
    mb = ImapMailbox(ImapSettings(host="127.0.0.1", port=server.port, security="none",
                                  username="me", password="pw", socket_timeout=1))
    t0 = time.monotonic()
    try:
        with pytest.raises(error) as info:
            mb.scan()
    finally:
        server.close()
    assert type(info.value) is error  # LoginError is no MailboxUnavailable, nor the reverse
    assert time.monotonic() - t0 < 3


def test_server_down_is_unavailable_then_recovers(dovecot: Dovecot, mailbox: ImapMailbox) -> None:
    mailbox.scan()
    dovecot.stop()
    try:
        with pytest.raises(MailboxUnavailable, match=r"127\.0\.0\.1"):
            mailbox.scan()
        with pytest.raises(MailboxUnavailable):  # connection refused, not a LoginError
            mailbox.scan()
    finally:
        dovecot.start()
    assert mailbox.scan().refs == []


@pytest.mark.parametrize("how", ["restart", "crash_and_restart", "kick"])
def test_broken_idle_raises_then_next_call_reconnects(
        dovecot: Dovecot, imap_settings: Settings, dovecot_user: str, how: str) -> None:
    mb = ImapMailbox(imap_settings())
    uidvalidity = mb.scan().uidvalidity
    thread, out = wait_in_thread(mb, 30)
    if how == "kick":
        assert dovecot.kick(dovecot_user) is True
    else:
        getattr(dovecot, how)()
    thread.join(15)
    assert not thread.is_alive()
    assert isinstance(out[0], MailboxUnavailable), out
    assert out[1] < 5  # type: ignore[operator]
    deliver(dovecot, dovecot_user, note())
    state = mb.scan()  # lazily reconnects: connect, login, select
    assert state.uidvalidity == uidvalidity and len(state.refs) == 1
    mb.close()


def test_silently_dead_server_is_noticed_within_socket_timeout(
        dovecot: Dovecot, imap_settings: Settings) -> None:
    mb = ImapMailbox(imap_settings(socket_timeout=2))
    mb.scan()
    assert dovecot.proc is not None
    thread, out = wait_in_thread(mb, 30)
    os.killpg(dovecot.proc.pid, signal.SIGSTOP)  # TCP stays up, nothing answers
    try:
        thread.join(10)
    finally:
        os.killpg(dovecot.proc.pid, signal.SIGCONT)
    assert not thread.is_alive()
    assert isinstance(out[0], MailboxUnavailable), out
    assert out[1] < 2 + 0.5  # type: ignore[operator]
    assert mb.scan().refs == []
    mb.close()


# --- UIDVALIDITY --------------------------------------------------------------------------

def test_uidvalidity_change_is_seen_and_old_refs_go_stale(
        dovecot: Dovecot, mailbox: ImapMailbox, dovecot_user: str) -> None:
    deliver(dovecot, dovecot_user, note())
    before = mailbox.scan()
    new_value = before.uidvalidity + 1000
    dovecot.set_uidvalidity(new_value, user=dovecot_user)
    try:
        after = mailbox.scan()
    except MailboxUnavailable:  # Dovecot drops sessions that had the folder selected
        after = mailbox.scan()
    assert after.uidvalidity == new_value
    assert [r.uidvalidity for r in after.refs] == [new_value]
    assert list(mailbox.fetch(before.refs)) == []  # same UID, other numbering: not trusted
    mailbox.move(before.refs[0], "Processed")
    assert len(mailbox.scan().refs) == 1


def test_wait_reports_a_uidvalidity_change(dovecot: Dovecot, mailbox: ImapMailbox,
                                           dovecot_user: str) -> None:
    mailbox.scan()
    dovecot.set_uidvalidity(4242, user=dovecot_user)
    with pytest.raises(MailboxUnavailable):
        mailbox.wait(2)
    assert mailbox.wait(2) is True


# --- IDLE ---------------------------------------------------------------------------------

def test_idle_renew_returns_false_and_connection_still_works(
        dovecot: Dovecot, imap_settings: Settings, dovecot_user: str) -> None:
    mb = ImapMailbox(imap_settings(idle_renew_seconds=1))
    mb.scan()
    t0 = time.monotonic()
    assert mb.wait(30) is False
    assert 0.9 <= time.monotonic() - t0 < 3
    client = mb._client
    deliver(dovecot, dovecot_user, note())
    assert mb.wait(30) is True
    assert mb._client is client  # the same connection, not a reconnect
    assert len(mb.scan().refs) == 1
    mb.close()


def test_close_logs_out_and_next_call_reconnects(mailbox: ImapMailbox) -> None:
    mailbox.scan()
    mailbox.close()
    mailbox.close()
    assert mailbox.scan().refs == []


# --- folders and servers without MOVE / IDLE ----------------------------------------------

def test_drafts_folder_found_by_special_use(plain_server: Dovecot) -> None:
    mb = ImapMailbox(plain_settings(plain_server))
    mb.append_draft(b"Subject: hi\r\nX-Followup-Id: k1\r\n\r\nHello\r\n", "k1")
    mb.append_draft(b"Subject: hi\r\nX-Followup-Id: k1\r\n\r\nHello\r\n", "k1")
    c = IMAPClient(plain_server.host, port=plain_server.port, ssl=False, timeout=10)
    c.login(mb.settings.username, plain_server.password)
    assert c.select_folder("Brouillons", readonly=True)[b"EXISTS"] == 1
    assert not c.folder_exists("Drafts")
    c.logout()
    mb.close()


def test_configured_drafts_folder_is_created(imap_settings: Settings, dovecot: Dovecot) -> None:
    mb = ImapMailbox(imap_settings(drafts_folder="Followup/Drafts"))
    mb.append_draft(b"Subject: hi\r\nX-Followup-Id: k2\r\n\r\nHello\r\n", "k2")
    c = IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10)
    c.login(mb.settings.username, dovecot.password)
    info = c.select_folder("Followup/Drafts", readonly=True)
    assert info[b"EXISTS"] == 1
    assert set(c.fetch(c.search("ALL"), ["FLAGS"]).popitem()[1][b"FLAGS"]) >= {
        b"\\Draft", b"\\Seen"}
    c.logout()
    mb.close()


def test_move_without_move_capability(plain_server: Dovecot) -> None:
    settings = plain_settings(plain_server)
    mb = ImapMailbox(settings)
    deliver(plain_server, settings.username, note())
    deliver(plain_server, settings.username, note())
    refs = mb.scan().refs
    assert mb._client is not None and not mb._client.has_capability("MOVE")
    mb.move(refs[0], "Followup/Processed")
    mb.move(refs[0], "Followup/Processed")  # gone already: nothing to copy twice
    assert [r.uid for r in mb.scan().refs] == [refs[1].uid]
    c = IMAPClient(plain_server.host, port=plain_server.port, ssl=False, timeout=10)
    c.login(settings.username, plain_server.password)
    assert c.select_folder("Followup/Processed", readonly=True)[b"EXISTS"] == 1
    assert c.select_folder("INBOX", readonly=True)[b"EXISTS"] == 1  # expunged, not just flagged
    c.logout()
    mb.close()


def test_wait_polls_with_noop_without_idle(plain_server: Dovecot) -> None:
    settings = plain_settings(plain_server, poll_interval=0.2)
    mb = ImapMailbox(settings)
    mb.scan()
    assert mb._client is not None and not mb._client.has_capability("IDLE")
    t0 = time.monotonic()
    assert mb.wait(1.0) is False
    assert 0.9 <= time.monotonic() - t0 < 2
    timer = threading.Timer(0.3, deliver, args=(plain_server, settings.username, note()))
    timer.start()
    t0 = time.monotonic()
    assert mb.wait(10) is True
    timer.join()
    assert time.monotonic() - t0 < 2
    mb.close()


@pytest.mark.parametrize(("prefix", "delimiter", "name", "expected"), [
    ("", "/", "Followup/Processed", "Followup/Processed"),
    ("", ".", "Followup/Processed", "Followup.Processed"),
    ("INBOX.", ".", "Followup/Processed", "INBOX.Followup.Processed"),
    ("INBOX.", ".", "INBOX/Notes", "INBOX.Notes"),
    ("INBOX.", ".", "INBOX.Notes", "INBOX.Notes"),
    ("INBOX.", ".", "inbox", "INBOX"),
])
def test_folder_names_follow_the_server_namespace(prefix: str, delimiter: str, name: str,
                                                   expected: str) -> None:
    mb = ImapMailbox(ImapSettings(host="localhost", security="none", username="u",
                                  password="p"))
    mb._prefix, mb._delimiter = prefix, delimiter
    assert mb._server_name(name) == expected


# --- batches ------------------------------------------------------------------------------

def test_batches_split_by_count_bytes_and_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imap_module, "MAX_BATCH_BYTES", 1000)

    def ref(uid: int, size: int = 10, folder: str = "INBOX") -> MessageRef:
        return MessageRef(folder, 1, str(uid), size)

    refs = [ref(1), ref(2), ref(3), ref(4, 900), ref(5, 2000), ref(6), ref(7, folder="Other")]
    got = [[int(r.uid) for r in b] for b in imap_module._batches(refs, 3)]
    assert got == [[1, 2, 3], [4], [5], [6], [7]]  # an oversized message still goes alone


def test_fetch_is_lazy_one_batch_at_a_time(dovecot: Dovecot, imap_settings: Settings,
                                           dovecot_user: str) -> None:
    dovecot.fill_maildir([note() for _ in range(250)], user=dovecot_user)
    mb = ImapMailbox(imap_settings(fetch_batch=100))
    refs = mb.scan().refs
    assert mb._client is not None
    client = mb._client
    calls: list[int] = []
    real_fetch = client.fetch

    def counting_fetch(messages: list[int], data: list[str]) -> object:
        calls.append(len(messages))
        return real_fetch(messages, data)

    client.fetch = counting_fetch
    stream = mb.fetch(refs)
    next(stream)
    assert calls == [100]  # memory holds one batch, not the backlog
    assert sum(1 for _ in stream) == 249
    assert calls == [100, 100, 50]
    mb.close()
