"""IMAP adapter of the Mailbox port (imapclient): lazy connection, IDLE, batches, safe moves."""

from __future__ import annotations

import contextlib
import imaplib
import ipaddress
import logging
import ssl
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from imapclient import DELETED, DRAFT, SEEN, IMAPClient, SocketTimeout
from imapclient import exceptions as imap_errors
from imapclient.imapclient import DRAFTS
from imapclient.imapclient import SENT as SENT_FOLDERS

from followup.errors import LoginError
from followup.mailbox.common import DRAFT_ID_HEADER, check_draft_key, draft_ids, poll_until
from followup.ports import FolderState, MailboxUnavailable, MessageRef

log = logging.getLogger(__name__)

Security = Literal["tls", "starttls", "none"]
SECURITY_CHOICES: tuple[Security, ...] = ("tls", "starttls", "none")

# Untagged responses during IDLE/NOOP that mean the watched folder changed (RFC 3501 7.3-7.4)
_CHANGE_RESPONSES = frozenset({b"EXISTS", b"EXPUNGE", b"RECENT", b"FETCH"})
# A FETCH batch also stops at this many bytes, so a backlog of big attachments stays bounded
MAX_BATCH_BYTES = 16 * 1024 * 1024
# RFC 5530 response codes on a failed LOGIN that mean "try later", not "wrong credentials"
_TEMPORARY_LOGIN_CODES = ("[UNAVAILABLE]", "[SERVERBUG]", "[LIMIT]", "[INUSE]")
# Sizes come back tiny, so the size scan uses bigger batches than message fetches
_SIZE_BATCH = 1000
# UIDs per UID MOVE: a short command line (servers accept 8 KB and more, RFC 7162 3.2.1)
_MOVE_BATCH = 500


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: the only hosts we talk to without TLS."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, kw_only=True)
class ImapSettings:
    """How to reach the IMAP account (the password is already resolved by the caller).

    `socket_timeout` bounds how long a silently dead connection goes unnoticed: reads time
    out after it, and an IDLE with no traffic is probed (DONE, then IDLE again) after half
    of it, the probe's answer itself being awaited at most the other half."""

    host: str
    username: str
    password: str = field(repr=False)
    port: int = 993
    security: Security = "tls"
    ca_file: str | None = None
    folder: str = "INBOX"
    drafts_folder: str | None = None
    idle_renew_seconds: float = 540
    socket_timeout: float = 120
    poll_interval: float = 60
    fetch_batch: int = 100

    def __post_init__(self) -> None:
        if self.security not in SECURITY_CHOICES:
            raise ValueError(f"IMAP security must be one of {', '.join(SECURITY_CHOICES)}, "
                             f"not {self.security!r}")
        if self.security == "none" and not is_loopback(self.host):
            raise ValueError(
                f"IMAP security 'none' would send the password for {self.username!r} to "
                f"{self.host!r} in clear text; it is only allowed for a loopback host "
                "(127.0.0.1, ::1, localhost). Use security = \"tls\" or \"starttls\".")
        if not 0 < self.port < 65536:
            raise ValueError(f"IMAP port must be 1-65535, not {self.port}")
        for name in ("idle_renew_seconds", "socket_timeout", "poll_interval"):
            if getattr(self, name) <= 0:
                raise ValueError(f"IMAP {name} must be positive")
        if self.fetch_batch < 1:
            raise ValueError("IMAP fetch_batch must be at least 1")


def _is_change(response: tuple[Any, ...]) -> bool:
    return len(response) > 1 and isinstance(response[0], int) and response[1] in _CHANGE_RESPONSES


def _is_bye(response: tuple[Any, ...]) -> bool:
    return len(response) > 0 and response[0] == b"BYE"


def _shutdown(client: IMAPClient) -> None:
    """Free the socket of a connection that may be half closed already."""
    with contextlib.suppress(Exception):
        client.shutdown()


def _batches(refs: Sequence[MessageRef], count: int,
             max_bytes: int | None = None) -> Iterator[list[MessageRef]]:
    """Consecutive refs of one folder, at most `count` of them and `max_bytes` together
    (MAX_BATCH_BYTES by default)."""
    max_bytes = MAX_BATCH_BYTES if max_bytes is None else max_bytes
    batch: list[MessageRef] = []
    size = 0
    for ref in refs:
        full = len(batch) >= count or (batch and size + ref.size > max_bytes)
        if batch and (full or batch[0].folder != ref.folder
                      or batch[0].uidvalidity != ref.uidvalidity):
            yield batch
            batch, size = [], 0
        batch.append(ref)
        size += ref.size
    if batch:
        yield batch


class ImapMailbox:
    """The Mailbox port over one lazily opened IMAP connection.

    Any network or protocol failure drops the connection and raises MailboxUnavailable; the
    next call reconnects (connect, login, select). A refused password raises LoginError."""

    def __init__(self, settings: ImapSettings) -> None:
        self.settings = settings
        self._client: IMAPClient | None = None
        self._selected: str | None = None
        self._selected_readonly = False
        self._uidvalidity = 0
        self._delimiter = "/"
        self._prefix = ""
        self._drafts: str | None = None
        self._known_folders: set[str] = set()
        # (UIDVALIDITY, highest UID) at the last scan: wait() reports mail that came after it
        self._scan_mark: tuple[int, int] | None = None

    # --- connection ---------------------------------------------------------------------

    def _where(self) -> str:
        s = self.settings
        return f"IMAP server {s.host}:{s.port} (user {s.username!r})"

    def _ssl_context(self) -> ssl.SSLContext:
        # verification always on; ca_file adds to the system CAs (a private CA, a test CA)
        ctx = ssl.create_default_context()
        if self.settings.ca_file:
            ctx.load_verify_locations(cafile=self.settings.ca_file)
        return ctx

    def _open(self) -> IMAPClient:
        s = self.settings
        timeout = SocketTimeout(connect=s.socket_timeout, read=s.socket_timeout)
        if s.security == "tls":
            return IMAPClient(s.host, port=s.port, ssl=True, ssl_context=self._ssl_context(),
                              timeout=timeout)
        client = IMAPClient(s.host, port=s.port, ssl=False, timeout=timeout)
        if s.security == "starttls":
            if not client.has_capability("STARTTLS"):
                _shutdown(client)
                raise MailboxUnavailable(
                    f"{self._where()} does not offer STARTTLS; refusing to send the password "
                    "in clear text (use security = \"tls\" if it listens for IMAPS)")
            client.starttls(self._ssl_context())
        return client

    def _login(self, client: IMAPClient) -> None:
        s = self.settings
        try:
            client.login(s.username, s.password)
        except imap_errors.LoginError as e:
            _shutdown(client)
            reason = _text(e.args[0] if e.args else e)
            # imapclient turns every failure during LOGIN into LoginError: a dropped
            # connection (its __context__) or a temporary RFC 5530 code is not a bad password
            if isinstance(e.__context__, imaplib.IMAP4.abort | OSError) or any(
                    code in reason for code in _TEMPORARY_LOGIN_CODES):
                raise MailboxUnavailable(f"{self._where()}: login failed for now: {reason}") from e
            raise LoginError(
                f"{s.host} refused the login of user {s.username!r}: {reason}. "
                "Check the user name and the password (password_command).") from e

    def _conn(self) -> IMAPClient:
        if self._client is not None:
            return self._client
        client = self._open()
        try:
            self._login(client)
            if client.has_capability("NAMESPACE"):
                personal = client.namespace().personal
                if personal:
                    self._prefix, delimiter = personal[0]
                    self._delimiter = delimiter or "/"
        except BaseException:
            _shutdown(client)
            raise
        log.debug("connected to %s", self._where())
        self._client = client
        return client

    def _drop(self) -> None:
        client, self._client = self._client, None
        self._selected = None
        self._drafts = None
        self._known_folders.clear()
        if client is not None:
            _shutdown(client)

    @contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        try:
            yield
        except MailboxUnavailable:
            self._drop()
            raise
        except (imaplib.IMAP4.error, OSError) as e:
            self._drop()
            detail = str(e) or type(e).__name__
            if isinstance(e, ssl.SSLCertVerificationError):
                detail += " (set ca_file if the server uses a private CA)"
            raise MailboxUnavailable(f"{self._where()}, {what}: {detail}") from e
        except BaseException:
            self._drop()  # whatever broke mid-command, the session's state is unknown now
            raise

    # --- folders ------------------------------------------------------------------------

    def _server_name(self, folder: str) -> str:
        """Our folder names use '/'; the server may use another delimiter and a prefix
        (Courier and Cyrus put personal folders under 'INBOX.')."""
        if folder.upper() == "INBOX":
            return "INBOX"
        name = folder.replace("/", self._delimiter)
        if self._prefix and not name.startswith(self._prefix):
            name = self._prefix + name
        return name

    def _select(self, client: IMAPClient, folder: str, readonly: bool = False) -> int:
        """Select a server-side folder (only when needed); returns its UIDVALIDITY."""
        if self._selected == folder and (readonly or not self._selected_readonly):
            return self._uidvalidity
        info = client.select_folder(folder, readonly=readonly)
        self._selected, self._selected_readonly = folder, readonly
        self._uidvalidity = int(info[b"UIDVALIDITY"])
        return self._uidvalidity

    def _ensure_folder(self, client: IMAPClient, folder: str) -> None:
        """Create `folder` and its parents when missing (RFC 3501 only says SHOULD for parents)."""
        if folder in self._known_folders or folder.upper() == "INBOX":
            return
        parts = folder.split(self._delimiter)
        for i in range(1, len(parts) + 1):
            name = self._delimiter.join(parts[:i])
            if name in self._known_folders or (self._prefix and len(name) < len(self._prefix)):
                continue
            if not client.folder_exists(name):
                client.create_folder(name)
                log.info("created folder %s on %s", name, self.settings.host)
            self._known_folders.add(name)

    def _drafts_folder(self, client: IMAPClient) -> str:
        if self.settings.drafts_folder:
            return self._server_name(self.settings.drafts_folder)
        if self._drafts is None:
            # RFC 6154 SPECIAL-USE, else imapclient's guesses by common names
            found = client.find_special_folder(DRAFTS)
            self._drafts = found or self._server_name("Drafts")
        return self._drafts

    # --- the port -----------------------------------------------------------------------

    def scan(self) -> FolderState:
        folder = self.settings.folder
        with self._guard("scan"):
            client = self._conn()
            uidvalidity = self._select(client, self._server_name(folder))
            uids = sorted(client.search(["ALL"]))
            refs: list[MessageRef] = []
            for i in range(0, len(uids), _SIZE_BATCH):
                # lists of ints: imapclient 4.1 raises on "1:*" after the server answered
                found = client.fetch(uids[i:i + _SIZE_BATCH], ["RFC822.SIZE", "FLAGS"])
                # a message flagged \Deleted (by us without UIDPLUS, or by a mail client
                # that expunges later) is on its way out and is no note to read
                refs.extend(MessageRef(folder, uidvalidity, str(uid), int(data[b"RFC822.SIZE"]))
                            for uid, data in sorted(found.items())
                            if b"RFC822.SIZE" in data and DELETED not in data.get(b"FLAGS", ()))
        # the mark counts \Deleted ones too, or wait() would keep reporting them as new
        self._scan_mark = (uidvalidity, max(uids, default=0))
        return FolderState(uidvalidity, refs)

    def _fetch_items(self, refs: Sequence[MessageRef], item: str,
                     key: bytes) -> Iterator[tuple[MessageRef, bytes]]:
        for batch in _batches(refs, self.settings.fetch_batch):
            with self._guard("fetch"):
                client = self._conn()
                first = batch[0]
                if self._select(client, self._server_name(first.folder)) != first.uidvalidity:
                    log.warning("UIDVALIDITY of %s changed: skipping %d stale refs",
                                first.folder, len(batch))
                    continue
                data = client.fetch([int(r.uid) for r in batch], [item])
            for ref in batch:
                body = data.get(int(ref.uid), {}).get(key)
                if body is not None:  # None: expunged since the scan
                    yield ref, bytes(body)

    def fetch_headers(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        return self._fetch_items(refs, "BODY.PEEK[HEADER]", b"BODY[HEADER]")

    def fetch(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        return self._fetch_items(refs, "BODY.PEEK[]", b"BODY[]")

    def move(self, ref: MessageRef, folder: str) -> None:
        self.move_many([ref], folder)

    def move_many(self, refs: Sequence[MessageRef], folder: str, *, seen: bool = False) -> None:
        # sizes do not matter to a move: only the command line's length does
        for batch in _batches(refs, _MOVE_BATCH, max_bytes=sys.maxsize):
            self._move_batch(batch[0].folder, batch, folder, seen)

    def _move_batch(self, source: str, refs: Sequence[MessageRef], folder: str,
                    seen: bool = False) -> None:
        with self._guard("move"):
            client = self._conn()
            if self._select(client, self._server_name(source)) != refs[0].uidvalidity:
                log.warning("UIDVALIDITY of %s changed: not moving %d stale UID(s)",
                            source, len(refs))
                return
            target = self._server_name(folder)
            self._ensure_folder(client, target)
            uids = [int(r.uid) for r in refs]
            if seen:  # flags travel with MOVE and COPY (RFC 6851 3.3)
                client.add_flags(uids, [SEEN], silent=True)
            # UID commands on a UID that is gone succeed and do nothing: a retry is safe
            if client.has_capability("MOVE"):
                client.move(uids, target)
                return
            client.copy(uids, target)
            client.add_flags(uids, [DELETED], silent=True)
            if client.has_capability("UIDPLUS"):
                client.uid_expunge(uids)
            # without UIDPLUS a plain EXPUNGE would also remove what the user flagged
            # \Deleted; scan() skips \Deleted messages, so leaving it flagged is enough

    def _find_draft(self, client: IMAPClient, folder: str, draft_key: str) -> int | None:
        self._select(client, folder, readonly=True)
        # SEARCH HEADER matches substrings (RFC 3501 6.4.4): confirm the exact value
        uids = client.search(["HEADER", DRAFT_ID_HEADER, draft_key])
        if not uids:
            return None
        fields = f"BODY.PEEK[HEADER.FIELDS ({DRAFT_ID_HEADER})]"
        for uid, data in client.fetch(uids, [fields]).items():
            for k, value in data.items():
                if (isinstance(k, bytes) and k.startswith(b"BODY[HEADER.FIELDS")
                        and draft_key in draft_ids(bytes(value))):
                    return int(uid)
        return None

    def drafts_present(self, draft_keys: Sequence[str]) -> set[str]:
        for key in draft_keys:
            check_draft_key(key)
        wanted = set(draft_keys)
        if not wanted:
            return set()
        with self._guard("drafts_present"):
            client = self._conn()
            drafts = self._drafts_folder(client)
            self._ensure_folder(client, drafts)
            self._select(client, drafts, readonly=True)
            # every message with the header at all (an empty string is in every value);
            # Dovecot answers from its cache after the first time
            uids = sorted(client.search(["HEADER", DRAFT_ID_HEADER, ""]))
            found: set[str] = set()
            fields = f"BODY.PEEK[HEADER.FIELDS ({DRAFT_ID_HEADER})]"
            for start in range(0, len(uids), _SIZE_BATCH):
                for data in client.fetch(uids[start:start + _SIZE_BATCH], [fields]).values():
                    for k, value in data.items():
                        if isinstance(k, bytes) and k.startswith(b"BODY[HEADER.FIELDS"):
                            found |= draft_ids(bytes(value))
        return wanted & found

    def append_draft(self, raw: bytes, draft_key: str, *, looked: bool = False) -> None:
        check_draft_key(draft_key)
        with self._guard("append_draft"):
            client = self._conn()
            drafts = self._drafts_folder(client)
            self._ensure_folder(client, drafts)
            existing = None if looked else self._find_draft(client, drafts, draft_key)
            if existing is not None:
                log.debug("draft %s already in %s as UID %s", draft_key, drafts, existing)
                return
            answer = client.append(drafts, raw, flags=[DRAFT, SEEN])
            log.debug("draft %s appended to %s: %r", draft_key, drafts, answer)

    def sent_folder(self) -> str | None:
        with self._guard("sent_folder"):
            client = self._conn()
            found = client.find_special_folder(SENT_FOLDERS)  # \Sent, then common names
            if found:
                return str(found)
            name = self._server_name("Sent")
            return name if client.folder_exists(name) else None

    def append_digest(self, raw: bytes, message_id: str) -> None:
        check_draft_key(message_id)
        folder = self._server_name(self.settings.folder)
        with self._guard("append_digest"):
            client = self._conn()
            self._select(client, folder, readonly=True)
            if client.search(["HEADER", "Message-ID", message_id]):
                log.debug("digest %s already in %s", message_id, folder)
                return
            client.append(folder, raw, flags=[])  # unread: it is news for the owner

    def wait(self, timeout: float) -> bool:
        s = self.settings
        with self._guard("wait"):
            client = self._conn()
            uidvalidity = self._select(client, self._server_name(s.folder))
            if self._arrived_since_scan(client, uidvalidity):
                return True
            if client.has_capability("IDLE"):
                return self._idle(client, min(timeout, s.idle_renew_seconds))
            return self._poll(client, timeout)

    def _arrived_since_scan(self, client: IMAPClient, uidvalidity: int) -> bool:
        """Mail that came between scan() and wait() is not announced again by IDLE."""
        if self._scan_mark is None:
            return False
        seen_validity, seen_max = self._scan_mark
        if seen_validity != uidvalidity:
            return True
        # NOOP first: Dovecot shows other sessions' deliveries only after a sync point;
        # "n:*" still matches the highest UID when nothing is newer (RFC 3501 6.4.8)
        client.noop()
        return any(uid > seen_max for uid in client.search(["UID", f"{seen_max + 1}:*"]))

    def _idle(self, client: IMAPClient, duration: float) -> bool:
        deadline = time.monotonic() + duration
        probe = self.settings.socket_timeout / 2
        changed = False
        while not changed:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            client.idle()
            changed = self._idle_segment(client, min(remaining, probe))
            # DONE doubles as the liveness probe: a dead peer never answers it
            client.socket().settimeout(probe)
            _, responses = client.idle_done()
            client.socket().settimeout(self.settings.socket_timeout)
            changed = changed or any(_is_change(r) for r in responses)
        return changed

    def _idle_segment(self, client: IMAPClient, length: float) -> bool:
        end = time.monotonic() + length
        while (left := end - time.monotonic()) > 0:
            responses = client.idle_check(timeout=left)
            if any(_is_bye(r) for r in responses):
                raise MailboxUnavailable(f"{self._where()} closed the connection: {responses}")
            if any(_is_change(r) for r in responses):
                return True
            if not responses and end - time.monotonic() > 0.05:
                # idle_check swallows EOF and returns []: let DONE find out what happened
                return False
        return False

    def _poll(self, client: IMAPClient, timeout: float) -> bool:
        def changed() -> bool:
            _, responses = client.noop()
            return any(_is_change(r) for r in responses)

        return poll_until(changed, timeout, self.settings.poll_interval)

    def close(self) -> None:
        client, self._client = self._client, None
        self._selected = None
        if client is None:
            return
        try:
            client.socket().settimeout(5)  # a dead server must not hold up shutdown
            client.logout()
        except Exception:
            log.debug("logout from %s failed", self._where(), exc_info=True)
            _shutdown(client)


def _text(value: object) -> str:
    """A server's answer as text: imapclient hands some of them over as bytes."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
