"""IMAP adapter of the Mailbox port (imapclient): lazy connection, IDLE, batches, safe moves."""

from __future__ import annotations

import contextlib
import datetime as dt
import imaplib
import ipaddress
import logging
import re
import select
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from imapclient import DELETED, DRAFT, SEEN, IMAPClient, SocketTimeout
from imapclient import exceptions as imap_errors
from imapclient.imapclient import ALL, ARCHIVE, DRAFTS, SENT

from followup.errors import ConfigError, FollowupError, LoginError
from followup.mailbox.common import (
    DRAFT_ID_HEADER,
    check_draft_key,
    checked_keys,
    draft_ids,
    poll_until,
)
from followup.ports import (
    FolderState,
    MailboxRefused,
    MailboxUnavailable,
    MessageRef,
    TextPiece,
)

log = logging.getLogger(__name__)

Security = Literal["tls", "starttls", "none"]
SECURITY_CHOICES: tuple[Security, ...] = ("tls", "starttls", "none")
Auth = Literal["password", "xoauth2", "oauthbearer"]
AUTH_CHOICES: tuple[Auth, ...] = ("password", "xoauth2", "oauthbearer")
# Seconds to wait for the connection and the server's greeting: a server greets at once, and
# a STARTTLS client on an IMAPS port would otherwise wait the whole socket_timeout
GREETING_TIMEOUT = 8.0

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
    """How to reach the IMAP account and log in.

    `secret`, when given, is called at each login for the password or OAuth2 access token,
    with renew=True after a refusal; `secret_source` names it in messages (the config key
    and its file, program or variable). Without it, `password` is used as it is.
    `socket_timeout` bounds how long a silently dead connection goes unnoticed: reads time
    out after it, and an IDLE with no traffic is probed (DONE, then IDLE again) after half
    of it, the probe's answer itself being awaited at most the other half."""

    host: str
    username: str
    password: str = field(default="", repr=False)
    port: int = 993
    security: Security = "tls"
    ca_file: str | None = None
    folder: str = "INBOX"
    drafts_folder: str | None = None
    idle_renew_seconds: float = 540
    socket_timeout: float = 120
    poll_interval: float = 60
    fetch_batch: int = 100
    auth: Auth = "password"
    secret: Callable[[bool], str] | None = field(default=None, repr=False, compare=False)
    secret_source: str = "ImapSettings.password"  # noqa: S105 (a description, not a secret)

    def __post_init__(self) -> None:
        if self.auth not in AUTH_CHOICES:
            raise ValueError(f"IMAP auth must be one of {', '.join(AUTH_CHOICES)}, "
                             f"not {self.auth!r}")
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


# What each port call asks of the server, for the message when the server says no
_ACTIONS = {"scan": "to list the watched folder", "fetch": "to fetch messages",
            "move": "to move messages", "drafts_present": "to look in the drafts folder",
            "append_draft": "to store a draft (APPEND)", "wait": "to wait for new mail",
            "delete_drafts": "to delete drafts", "append_digest": "to store the digest (APPEND)",
            "folder_since": "to list a folder", "fetch_fields": "to fetch header fields",
            "find_messages": "to search a folder", "special_folder": "to list folders"}


def _refusal(e: BaseException) -> bool:
    """A tagged NO or BAD (imaplib.IMAP4.error): the server's refusal, not a lost connection.
    Aborts (imaplib.IMAP4.abort, also imapclient's IMAPClientAbortError), answers imapclient
    could not parse (ProtocolError) and socket errors are failures of the connection."""
    if not isinstance(e, imaplib.IMAP4.error) or isinstance(
            e, imaplib.IMAP4.abort | imap_errors.ProtocolError):
        return False
    # RFC 5530 codes that mean "not now" are worth a retry like a dropped connection
    return not any(code in _text(e) for code in _TEMPORARY_LOGIN_CODES)


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
    next call reconnects (connect, login, select). Refused credentials raise LoginError; a
    mistake in the settings that no retry can fix (ca_file, security) raises ConfigError."""

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
        self._last_folder: str | None = None  # the folder the last command was about
        self._special: dict[str, str | None] = {}  # RFC 6154 role -> folder, per connection
        # (UIDVALIDITY, highest UID) at the last scan: wait() reports mail that came after it
        self._scan_mark: tuple[int, int] | None = None
        # interrupt() from another thread: the event ends waits; a byte on the socket pair
        # wakes an IDLE blocked in poll() at once
        self._interrupted = threading.Event()
        self._wake_lock = threading.Lock()
        self._wake: tuple[socket.socket, socket.socket] | None = None
        self._logged_in_before = False

    # --- connection ---------------------------------------------------------------------

    def _where(self) -> str:
        s = self.settings
        return f"IMAP server {s.host}:{s.port} (user {s.username!r})"

    def _ssl_context(self) -> ssl.SSLContext:
        # verification always on; ca_file adds to the system CAs (a private CA, a test CA)
        ctx = ssl.create_default_context()
        ca_file = self.settings.ca_file
        if ca_file:
            try:
                ctx.load_verify_locations(cafile=ca_file)
            except (OSError, ssl.SSLError) as exc:
                # a mistake in the config, not network trouble: retrying cannot fix it
                raise ConfigError([f"'imap.ca_file' = {ca_file!r} cannot be used: "
                                   f"{getattr(exc, 'strerror', None) or exc}"]) from None
        return ctx

    def _open(self) -> IMAPClient:
        s = self.settings
        ctx = self._ssl_context() if s.security != "none" else None
        # connect and greeting within seconds; afterwards reads wait socket_timeout
        first = min(float(s.socket_timeout), GREETING_TIMEOUT)
        timeout = SocketTimeout(connect=first, read=s.socket_timeout)
        try:
            client = IMAPClient(s.host, port=s.port, ssl=s.security == "tls", ssl_context=ctx,
                                timeout=timeout)
        except (ssl.SSLError, TimeoutError, imaplib.IMAP4.abort) as exc:
            self._check_port_security(exc)
            raise
        if s.security == "starttls":
            if not client.has_capability("STARTTLS"):
                _shutdown(client)
                raise MailboxUnavailable(
                    f"{self._where()} does not offer STARTTLS; refusing to send the password "
                    "in clear text (use security = \"tls\" if it listens for IMAPS)")
            client.starttls(ctx)
        return client

    def _check_port_security(self, exc: BaseException) -> None:
        """Raise a ConfigError when the port speaks the other kind of IMAP than `security`
        says: a TLS client on a plain port fails its handshake at once, a plain client on
        an IMAPS port waits for a greeting that never comes."""
        s = self.settings
        if isinstance(exc, ssl.SSLCertVerificationError):
            return
        if s.security == "tls" and isinstance(exc, ssl.SSLError | imaplib.IMAP4.abort) \
                and _speaks_plain_imap(s.host, s.port):
            raise ConfigError([
                f"'imap.security' = \"tls\", but port {s.port} of {s.host} speaks plain IMAP "
                f"(no TLS): set security = \"starttls\" to keep port {s.port}, or set the "
                "server's IMAPS port (usually port = 993) with security = \"tls\""]) from exc
        if s.security != "tls" and isinstance(exc, TimeoutError) \
                and _speaks_tls(s.host, s.port):
            raise ConfigError([
                f"'imap.security' = \"{s.security}\", but port {s.port} of {s.host} speaks "
                f"implicit TLS (IMAPS): set security = \"tls\" to keep port {s.port}, or set "
                "the server's STARTTLS port (usually port = 143) with security = "
                "\"starttls\""]) from exc

    def _connect_and_login(self) -> IMAPClient:
        """A new logged-in connection. A refused secret is fetched once more (a token that
        expired, a password changed in the store) before the login counts as refused."""
        try:
            return self._login(self._open(), renew=False)
        except _Refused as first:
            if self.settings.secret is None:
                raise self._login_error(first.reason) from first
            log.info("%s refused the login with %s; fetching it again", self._where(),
                     self.settings.secret_source)
        try:
            return self._login(self._open(), renew=True)
        except _Refused as second:
            raise self._login_error(second.reason, again=True) from second

    def _secret(self, renew: bool) -> str:
        s = self.settings
        if s.secret is None:
            return s.password
        try:
            return s.secret(renew)
        except FollowupError as exc:
            if self._logged_in_before:
                # it worked before: a token endpoint down for now is no reason to stop
                raise MailboxUnavailable(f"{self._where()}: {exc}") from exc
            raise

    def _login(self, client: IMAPClient, renew: bool) -> IMAPClient:
        s = self.settings
        try:
            secret = self._secret(renew)
            if s.auth == "password":
                client.login(s.username, secret)
            else:
                self._oauth2_login(client, secret)
        except imap_errors.LoginError as e:
            _shutdown(client)
            reason = _server_text(e)
            # imapclient turns every failure during LOGIN into LoginError: a dropped
            # connection (its __context__) or a temporary RFC 5530 code is not a bad password
            if isinstance(e.__context__, imaplib.IMAP4.abort | OSError) or any(
                    code in reason for code in _TEMPORARY_LOGIN_CODES):
                raise MailboxUnavailable(f"{self._where()}: login failed for now: {reason}") from e
            raise _Refused(reason) from e
        except BaseException:
            _shutdown(client)
            raise
        self._logged_in_before = True
        return client

    def _oauth2_login(self, client: IMAPClient, token: str) -> None:
        s = self.settings
        mechanism = s.auth.upper()
        capabilities = client.capabilities()
        if f"AUTH={mechanism}".encode() not in capabilities:
            offered = sorted(c.decode()[5:] for c in capabilities if c.startswith(b"AUTH="))
            raise LoginError(f"{self._where()} does not offer {mechanism} (it offers "
                             f"{', '.join(offered) or 'no SASL mechanism'}): set imap.auth "
                             "to one it offers")
        if s.auth == "xoauth2":
            payload = f"user={s.username}\x01auth=Bearer {token}\x01\x01"
        else:  # RFC 7628 3.1: the GS2 header names the user, as Gmail requires
            user = s.username.replace("=", "=3D").replace(",", "=2C")
            payload = f"n,a={user},\x01auth=Bearer {token}\x01\x01"
        sasl = _SaslOnce(payload)
        try:
            client.sasl_login(mechanism, sasl)
        except imap_errors.LoginError as e:
            if sasl.error:  # the server's JSON status makes the refusal's reason plain
                raise imap_errors.LoginError(f"{_server_text(e)} {sasl.error}") from e
            raise

    def _login_error(self, reason: str, again: bool = False) -> LoginError:
        s = self.settings
        what = "password" if s.auth == "password" else f"{s.auth.upper()} access token"
        hint = ("Check the user name and the password there." if s.auth == "password" else
                "Check the user name (usually the full address) and that the token is for "
                "IMAP (its scope) and for this user.")
        return LoginError(
            f"{s.host} refused the login of user {s.username!r} with the {what} from "
            f"{s.secret_source}{', also after fetching it again' if again else ''}: "
            f"{reason.rstrip('. ')}. {hint}")

    def _conn(self) -> IMAPClient:
        if self._client is not None:
            return self._client
        client = self._connect_and_login()
        try:
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
        self._special.clear()
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
            if _refusal(e):
                # the server answered NO/BAD: the session is fine, but a failed SELECT
                # leaves no folder selected (RFC 3501 6.3.1)
                self._selected = None
                raise MailboxRefused(f"{self._where()} refused {_ACTIONS.get(what, what)}"
                                     f"{self._folder_hint()}: {_text(e)}") from e
            self._drop()
            detail = str(e) or type(e).__name__
            if isinstance(e, ssl.SSLCertVerificationError):
                detail += " (set ca_file if the server uses a private CA)"
            raise MailboxUnavailable(f"{self._where()}, {what}: {detail}") from e
        except BaseException:
            self._drop()  # whatever broke mid-command, the session's state is unknown now
            raise

    # --- folders ------------------------------------------------------------------------

    def _folder_hint(self) -> str:
        return f" (folder {self._last_folder})" if self._last_folder else ""

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
        self._last_folder = folder
        if self._selected == folder and (readonly or not self._selected_readonly):
            return self._uidvalidity
        info = client.select_folder(folder, readonly=readonly)
        self._selected, self._selected_readonly = folder, readonly
        self._uidvalidity = int(info[b"UIDVALIDITY"])
        return self._uidvalidity

    def _select_synced(self, client: IMAPClient, folder: str, readonly: bool = True) -> int:
        """Select `folder` for a SEARCH, and when it was selected already, NOOP first: a
        selected folder shows mail other sessions added (and, on Courier, what this very
        session APPENDed) only after a sync point, and a SEARCH that misses a draft would
        write it twice."""
        if self._selected == folder:
            client.noop()
        return self._select(client, folder, readonly=readonly)

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
                self._last_folder = name
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
        uidvalidity, uids, refs = self._list(self.settings.folder, "scan")
        # the mark counts \Deleted ones too, or wait() would keep reporting them as new
        self._scan_mark = (uidvalidity, max(uids, default=0))
        return FolderState(uidvalidity, refs)

    def list_folder(self, folder: str) -> FolderState:
        with self._guard("list_folder"):
            if not self._conn().folder_exists(self._server_name(folder)):
                return FolderState(0, [])
        uidvalidity, _uids, refs = self._list(folder, "list_folder")
        return FolderState(uidvalidity, refs)

    def _list(self, folder: str, what: str) -> tuple[int, list[int], list[MessageRef]]:
        with self._guard(what):
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
        return uidvalidity, uids, refs

    def _fetch_items(self, refs: Sequence[MessageRef], item: str,
                     key: bytes) -> Iterator[tuple[MessageRef, bytes]]:
        for ref, value in self._fetch_values(refs, item, key):
            yield ref, bytes(value)

    def _fetch_values(self, refs: Sequence[MessageRef], item: str,
                      key: bytes) -> Iterator[tuple[MessageRef, Any]]:
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
                    yield ref, body

    def fetch_headers(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        return self._fetch_items(refs, "BODY.PEEK[HEADER]", b"BODY[HEADER]")

    def fetch(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        return self._fetch_items(refs, "BODY.PEEK[]", b"BODY[]")

    def arrived(self, refs: Sequence[MessageRef]) -> dict[str, dt.datetime]:
        found: dict[str, dt.datetime] = {}
        for ref, value in self._fetch_values(refs, "INTERNALDATE", b"INTERNALDATE"):
            if isinstance(value, dt.datetime):
                # imapclient gives local wall time without a zone (normalise_times)
                found[ref.uid] = (value.astimezone() if value.tzinfo is None else value
                                  ).astimezone(dt.UTC)
        return found

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
        self._select_synced(client, folder)
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
        wanted = checked_keys(draft_keys)
        if not wanted:
            return set()
        with self._guard("drafts_present"):
            client = self._conn()
            drafts = self._drafts_folder(client)
            self._ensure_folder(client, drafts)
            self._select_synced(client, drafts)
            found: set[str] = set()
            for ids in self._draft_uids(client).values():
                found |= ids
            self._leave(client)
        return wanted & found

    def _leave(self, client: IMAPClient) -> None:
        """Leave the selected folder before APPENDs to it: the server otherwise syncs this
        session's view after each one (Dovecot: 5x slower APPENDs to the selected folder)."""
        if self._selected is not None and client.has_capability("UNSELECT"):
            client.unselect_folder()
            self._selected = None

    def _draft_uids(self, client: IMAPClient) -> dict[int, set[str]]:
        """UID -> X-Followup-Id values of every draft in the selected Drafts that has one."""
        # every message with the header at all (an empty string is in every value);
        # Dovecot answers from its cache after the first time
        uids = sorted(client.search(["HEADER", DRAFT_ID_HEADER, ""]))
        found: dict[int, set[str]] = {}
        fields = f"BODY.PEEK[HEADER.FIELDS ({DRAFT_ID_HEADER})]"
        for start in range(0, len(uids), _SIZE_BATCH):
            for uid, data in client.fetch(uids[start:start + _SIZE_BATCH], [fields]).items():
                for k, value in data.items():
                    if isinstance(k, bytes) and k.startswith(b"BODY[HEADER.FIELDS"):
                        found.setdefault(int(uid), set()).update(draft_ids(bytes(value)))
        return found

    def delete_drafts(self, draft_keys: Sequence[str]) -> int:
        wanted = checked_keys(draft_keys)
        if not wanted:
            return 0
        with self._guard("delete_drafts"):
            client = self._conn()
            drafts = self._drafts_folder(client)
            if not client.folder_exists(drafts):
                return 0
            self._select_synced(client, drafts, readonly=False)
            uids = [uid for uid, ids in self._draft_uids(client).items() if ids & wanted]
            if not uids:
                return 0
            client.add_flags(uids, [DELETED], silent=True)
            # UID EXPUNGE removes only these; without UIDPLUS a plain EXPUNGE would also
            # remove what the owner flagged \Deleted in Drafts, so they stay flagged (mail
            # clients hide them, and drafts_present still finds them: see below)
            if client.has_capability("UIDPLUS"):
                client.uid_expunge(uids)
            else:
                log.warning("%s has no UIDPLUS: %d draft(s) flagged \\Deleted, not expunged",
                            self.settings.host, len(uids))
        return len(uids)

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
            if self._selected == drafts and self._selected_readonly:
                # Courier refuses APPEND into the folder this session EXAMINEd ("Current box
                # is selected READ-ONLY"); Dovecot and Cyrus allow it
                self._select(client, drafts)
            self._last_folder = drafts
            answer = client.append(drafts, raw, flags=[DRAFT, SEEN])
            log.debug("draft %s appended to %s: %r", draft_key, drafts, answer)

    def append_drafts(self, drafts: Sequence[tuple[bytes, str]]) -> None:
        for _raw, draft_key in drafts:
            check_draft_key(draft_key)
        if not drafts:
            return
        with self._guard("append_draft"):
            multi = self._conn().has_capability("MULTIAPPEND")
        if not multi:
            for raw, draft_key in drafts:
                self.append_draft(raw, draft_key, looked=True)
            return
        with self._guard("append_draft"):
            client = self._conn()
            folder = self._drafts_folder(client)
            self._ensure_folder(client, folder)
            if self._selected == folder and self._selected_readonly:
                self._select(client, folder)  # Courier: no APPEND into an EXAMINEd folder
            self._last_folder = folder
            # one command for the lot (with LITERAL+, one round trip): a draft costs
            # its bytes, not a round trip each
            typ, answer = client.multiappend(folder, [{"msg": raw, "flags": [DRAFT, SEEN]}
                                                      for raw, _key in drafts])
            if typ != "OK":  # imapclient returns a tagged NO instead of raising it
                said = " ".join(_text(a) for a in answer) if isinstance(answer, list) else answer
                raise imaplib.IMAP4.error(f"APPEND => {_text(said)}")
            log.debug("%d drafts appended to %s: %r", len(drafts), folder, answer)

    # --- reply tracking: read-only looks at other folders -----------------------------

    def special_folder(self, role: str) -> str | None:
        guesses = {"\\Sent": SENT, "\\All": ALL, "\\Archive": ARCHIVE}
        with self._guard("special_folder"):
            client = self._conn()
            if role == "\\Drafts":
                return self._our_name(self._drafts_folder(client))
            if role not in self._special:  # a LIST of every folder: once per connection
                # RFC 6154 SPECIAL-USE first; imapclient then tries the usual names
                found = client.find_special_folder(guesses.get(role, role.encode()))
                self._special[role] = None if found is None else self._our_name(str(found))
        return self._special[role]

    def _our_name(self, name: str) -> str:
        """The server's name of a folder in followup's terms (the inverse of _server_name):
        'INBOX.Sent' on a server with the 'INBOX.' prefix and '.' separator is 'Sent'."""
        if name.upper() == "INBOX":
            return "INBOX"
        if self._prefix and name.startswith(self._prefix):
            name = name[len(self._prefix):]
        return name.replace(self._delimiter, "/") if self._delimiter != "/" else name

    def _exists(self, client: IMAPClient, name: str) -> bool:
        if name not in self._known_folders:
            if not client.folder_exists(name):
                return False
            self._known_folders.add(name)
        return True

    def folder_since(self, folder: str, after_uid: int) -> FolderState | None:
        with self._guard("folder_since"):
            client = self._conn()
            name = self._server_name(folder)
            if not self._exists(client, name):
                return None
            if after_uid and self._selected != name:
                # nothing new is one STATUS, without selecting the folder (RFC 3501 6.3.10
                # advises against STATUS on the selected one: that one is searched)
                status = client.folder_status(name, [b"UIDNEXT", b"UIDVALIDITY"])
                uidvalidity, uidnext = int(status[b"UIDVALIDITY"]), int(status[b"UIDNEXT"])
                if uidnext <= after_uid + 1:
                    return FolderState(uidvalidity, [])
            uidvalidity = self._select_synced(client, name)
            # "n:*" matches the highest UID even when it is below n (RFC 3501 6.4.8)
            criteria = ["UID", f"{after_uid + 1}:*"] if after_uid else ["ALL"]
            uids = sorted(u for u in client.search(criteria) if u > after_uid)
        return FolderState(uidvalidity, [MessageRef(folder, uidvalidity, str(u), 0)
                                         for u in uids])

    def fetch_fields(self, refs: Sequence[MessageRef], fields: Sequence[str]
                     ) -> Iterator[tuple[MessageRef, bytes]]:
        item = f"BODY.PEEK[HEADER.FIELDS ({' '.join(fields)})]"
        for batch in _batches(refs, _SIZE_BATCH, max_bytes=sys.maxsize):
            with self._guard("fetch_fields"):
                client = self._conn()
                first = batch[0]
                name = self._server_name(first.folder)
                if self._select(client, name, readonly=True) != first.uidvalidity:
                    continue  # renumbered since the listing: the caller reads it again
                data = client.fetch([int(r.uid) for r in batch], [item])
            for ref in batch:
                for key, value in data.get(int(ref.uid), {}).items():
                    if isinstance(key, bytes) and key.startswith(b"BODY[HEADER.FIELDS"):
                        yield ref, bytes(value)

    def find_messages(self, folder: str, sender: str, subject: str,
                      on: dt.date | None) -> list[MessageRef]:
        criteria: list[Any] = ["FROM", sender, "HEADER", "Subject", subject]
        if on is not None:  # the date a forward shows may be in another zone: a day each way
            criteria += ["SENTSINCE", on - dt.timedelta(days=1),
                         "SENTBEFORE", on + dt.timedelta(days=2)]
        with self._guard("find_messages"):
            client = self._conn()
            name = self._server_name(folder)
            if not self._exists(client, name):
                return []
            uidvalidity = self._select_synced(client, name)
            charset = None if (sender + subject).isascii() else "UTF-8"
            uids = sorted(client.search(criteria, charset=charset))
        return [MessageRef(folder, uidvalidity, str(u), 0) for u in uids]

    def find_since(self, folder: str, field: str, addresses: Sequence[str], since: dt.date
                   ) -> list[MessageRef]:
        if not addresses:
            return []
        terms: list[list[Any]] = [["FROM", a] if field.lower() == "from"
                                  else ["OR", "TO", a, "CC", a] for a in addresses]
        who = terms[-1]
        for term in reversed(terms[:-1]):  # OR t1 OR t2 ... t(n-1) tn (RFC 3501 6.4.4)
            who = ["OR", *term, *who]
        # SENTSINCE compares the Date field's day in its own zone: a day of margin, the
        # caller compares the exact moments
        criteria = [*who, "SENTSINCE", since - dt.timedelta(days=1)]
        with self._guard("find_since"):
            client = self._conn()
            name = self._server_name(folder)
            if not self._exists(client, name):
                return []
            uidvalidity = self._select_synced(client, name)
            charset = None if all(a.isascii() for a in addresses) else "UTF-8"
            uids = sorted(client.search(criteria, charset=charset))
        return [MessageRef(folder, uidvalidity, str(u), 0) for u in uids]

    def fetch_text(self, ref: MessageRef, limit: int) -> TextPiece | None:
        with self._guard("fetch_text"):
            client = self._conn()
            if self._select(client, self._server_name(ref.folder), readonly=True) \
                    != ref.uidvalidity:
                return None
            uid = int(ref.uid)
            shape = client.fetch([uid], ["BODYSTRUCTURE"]).get(uid, {}).get(b"BODYSTRUCTURE")
            found = _first_text_part(shape) if shape is not None else None
            if found is None:
                return None
            section, encoding, charset = found
            data = client.fetch([uid], [f"BODY.PEEK[{section}]<0.{int(limit)}>"]).get(uid, {})
        piece = next((bytes(v) for k, v in data.items()
                      if isinstance(k, bytes) and k.startswith(f"BODY[{section}]".encode())
                      and v is not None), None)
        return None if piece is None else TextPiece(piece[:limit], encoding, charset)

    def append_digest(self, raw: bytes, message_id: str) -> None:
        check_draft_key(message_id)
        folder = self._server_name(self.settings.folder)
        with self._guard("append_digest"):
            client = self._conn()
            # read-write: Courier refuses APPEND into a folder the session EXAMINEd
            self._select_synced(client, folder, readonly=False)
            if client.search(["HEADER", "Message-ID", message_id]):
                log.debug("digest %s already in %s", message_id, folder)
                return
            client.append(folder, raw, flags=[])  # unread: it is news for the owner

    def wait(self, timeout: float) -> bool:
        s = self.settings
        if self._interrupted.is_set():
            return False
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
        while not changed and not self._interrupted.is_set():
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
            if not self._readable(client, left):
                return False  # interrupted, or the segment is over
            responses = client.idle_check(timeout=0)
            if any(_is_bye(r) for r in responses):
                raise MailboxUnavailable(f"{self._where()} closed the connection: {responses}")
            if any(_is_change(r) for r in responses):
                return True
            if not responses and end - time.monotonic() > 0.05:
                # idle_check swallows EOF and returns []: let DONE find out what happened
                return False
        return False

    def _readable(self, client: IMAPClient, timeout: float) -> bool:
        """Wait until the server sends something (True), or `timeout` passes or interrupt()
        is called (False). imapclient's idle_check polls the same socket the same way."""
        poller = select.poll()
        server = client.socket().fileno()
        poller.register(server, select.POLLIN)
        poller.register(self._wake_pair()[0].fileno(), select.POLLIN)
        events = poller.poll(timeout * 1000)
        return not self._interrupted.is_set() and any(fd == server for fd, _ in events)

    def _wake_pair(self) -> tuple[socket.socket, socket.socket]:
        with self._wake_lock:
            if self._wake is None:
                self._wake = socket.socketpair()
                self._wake[1].setblocking(False)
                if self._interrupted.is_set():
                    self._wake[1].send(b"!")
            return self._wake

    def interrupt(self) -> None:
        self._interrupted.set()
        with self._wake_lock:
            if self._wake is not None:
                with contextlib.suppress(OSError):  # full or closed: it is awake anyway
                    self._wake[1].send(b"!")

    def _poll(self, client: IMAPClient, timeout: float) -> bool:
        def changed() -> bool:
            _, responses = client.noop()
            return any(_is_change(r) for r in responses)

        return poll_until(changed, timeout, self.settings.poll_interval, self._interrupted)

    def close(self) -> None:
        client, self._client = self._client, None
        self._selected = None
        with self._wake_lock:
            wake, self._wake = self._wake, None
        for end in wake or ():
            end.close()
        if client is None:
            return
        try:
            client.socket().settimeout(5)  # a dead server must not hold up shutdown
            client.logout()
        except Exception:
            log.debug("logout from %s failed", self._where(), exc_info=True)
            _shutdown(client)


class _Refused(Exception):
    """The server refused the credentials (not: the connection broke)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _SaslOnce:
    """A client-first SASL exchange (XOAUTH2, OAUTHBEARER): the payload once; to a further
    challenge, which carries the server's error as JSON (RFC 7628 3.2.2), an empty answer
    (imapclient's own oauth2_login would send the token again). Keeps that error."""

    def __init__(self, payload: str) -> None:
        self.payload: str | None = payload
        self.error = ""

    def __call__(self, challenge: bytes) -> bytes:
        if self.payload is not None:
            payload, self.payload = self.payload, None
            return payload.encode()
        self.error = challenge.decode("utf-8", "replace").strip()
        return b""


def _server_text(error: BaseException) -> str:
    """The server's answer to a failed login as text, not as Python bytes: imaplib raises
    LOGIN's answer as bytes and imapclient wraps it with str(), giving "b'[...] ...'"."""
    context = error.__context__
    if context is not None and context.args and isinstance(context.args[0], bytes):
        return _text(context.args[0])
    text = _text(error.args[0]) if error.args else str(error)
    quoted = re.fullmatch(r"b(['\"])(.*)\1", text, re.DOTALL)
    return quoted.group(2) if quoted else text


def _speaks_plain_imap(host: str, port: int) -> bool:
    """Does `port` greet like plain IMAP ("* OK", "* PREAUTH", "* BYE")?"""
    try:
        with socket.create_connection((host, port), timeout=GREETING_TIMEOUT) as sock:
            return sock.recv(16).startswith((b"* OK", b"* PREAUTH", b"* BYE"))
    except OSError:
        return False


def _speaks_tls(host: str, port: int) -> bool:
    """Does `port` complete a TLS handshake? Nothing is sent but the handshake, so the
    certificate need not be checked for this question."""
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((host, port), timeout=GREETING_TIMEOUT) as sock, \
                probe.wrap_socket(sock, server_hostname=host):
            return True
    except (OSError, ssl.SSLError):
        return False


def _text(value: object) -> str:
    """A server's answer as text: imapclient hands some of them over as bytes."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _first_text_part(shape: Any, path: tuple[int, ...] = ()) -> tuple[str, str, str | None] | None:
    """(section, transfer encoding, charset) of the first text/plain part of a BODYSTRUCTURE
    (RFC 3501 7.4.2), depth first; an attached message's parts are not the message's text."""
    if not isinstance(shape, tuple) or not shape:
        return None
    if isinstance(shape[0], list):  # multipart: (parts, subtype, ...)
        for number, part in enumerate(shape[0][:50], 1):
            found = _first_text_part(part, (*path, number))
            if found is not None:
                return found
        return None
    if len(shape) < 6 or not isinstance(shape[0], bytes) or not isinstance(shape[1], bytes):
        return None
    if (shape[0].lower(), shape[1].lower()) != (b"text", b"plain"):
        return None
    params = shape[2] if isinstance(shape[2], tuple) else ()
    pairs = dict(zip(params[::2], params[1::2], strict=False))
    charset = next((v.decode("ascii", "replace") for k, v in pairs.items()
                    if isinstance(k, bytes) and k.lower() == b"charset" and isinstance(v, bytes)),
                   None)
    encoding = shape[5].decode("ascii", "replace").lower() if isinstance(shape[5], bytes) \
        else "7bit"
    return (".".join(map(str, path)) or "1"), encoding, charset

