"""The small interfaces the service talks to: Mailbox and Clock, and their value types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)  # slots: a scan of a big folder holds one per message
class MessageRef:
    """One message in a mailbox folder.

    `uid` is the IMAP UID (as text) or the Maildir key; together with `uidvalidity`
    (0 for Maildir) and `folder` it names the message until it is moved.
    """

    folder: str
    uidvalidity: int
    uid: str
    size: int


@dataclass(frozen=True)
class FolderState:
    """What the watched folder holds right now."""

    uidvalidity: int
    refs: Sequence[MessageRef]
    # False where keys are not ordered by arrival (Maildir: a moved message keeps its old
    # name), so "the UIDs above a mark" cannot tell what is new there
    ordered: bool = True


@dataclass(frozen=True)
class TextPiece:
    """The start of a message's first text/plain part, still encoded as it travels: the
    caller decodes it (transfer encoding, then charset) and keeps nothing of it."""

    data: bytes
    transfer_encoding: str  # "7bit", "quoted-printable", "base64"... lower case
    charset: str | None


class MailboxUnavailable(Exception):
    """The mail store cannot be reached right now (network, server restart, BYE, timeout).

    The daemon retries with backoff; a wrong password is a LoginError instead."""


class MailboxRefused(Exception):
    """The mail store answered and said no (an IMAP NO or BAD): a folder it will not create,
    an APPEND it refuses. The connection is fine and retrying at once would get the same
    answer, so this is no reason to reconnect: the message names what was refused, where,
    and the server's own words."""


class Mailbox(Protocol):
    """A mail store followup reads notes from and writes drafts to. It can never send."""

    def scan(self) -> FolderState:
        """List every message now in the watched folder, with its size."""
        ...

    def list_folder(self, folder: str) -> FolderState:
        """Every message now in another folder (Needs review, for `notes retry`), with its
        size; unlike `scan` it leaves what `wait` compares against alone. A missing folder
        is empty."""
        ...

    def fetch_headers(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        """The raw header block of each message, without marking it read."""
        ...

    def fetch(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        """The raw bytes of each message (fetched in batches), without marking it read."""
        ...

    def arrived(self, refs: Sequence[MessageRef]) -> dict[str, dt.datetime]:
        """uid -> when each message arrived in the mailbox (IMAP INTERNALDATE; Maildir: the
        delivery time its file name starts with, else the file's mtime), tz-aware. For a
        note with no usable Date field; a message gone since is left out."""
        ...

    def move(self, ref: MessageRef, folder: str) -> None:
        """Move a message to `folder`, creating it when missing. A message already gone is fine."""
        ...

    def move_many(self, refs: Sequence[MessageRef], folder: str, *, seen: bool = False) -> None:
        """`move` for several messages of one folder, in as few commands as the store allows.
        `seen`: flag them \\Seen as they go (the owner wrote them: nothing new to read)."""
        ...

    def append_digest(self, raw: bytes, message_id: str) -> None:
        """Store the digest `raw` in the watched folder, unread, unless a message with this
        Message-ID is there already (so a retry after a crash never shows it twice)."""
        ...

    def drafts_present(self, draft_keys: Sequence[str]) -> set[str]:
        """Those of `draft_keys` that a draft in Drafts carries as its X-Followup-Id, found
        in one look at the folder (not one search per key)."""
        ...

    def append_draft(self, raw: bytes, draft_key: str, *, looked: bool = False) -> None:
        """Store `raw` in Drafts flagged \\Draft and \\Seen, unless a draft whose
        X-Followup-Id is `draft_key` is already there (so a retry never duplicates).

        `looked`: the caller asked `drafts_present` in this drafting pass, under the store's
        drafting lock, and the key was not there: do not look again."""
        ...

    def append_drafts(self, drafts: Sequence[tuple[bytes, str]]) -> None:
        """Store each (raw, draft key) of `drafts` as `append_draft(..., looked=True)` does,
        in as few commands as the server allows (IMAP MULTIAPPEND, RFC 3502: all or none).
        The caller looked in Drafts in this pass under the store's drafting lock."""
        ...

    def delete_drafts(self, draft_keys: Sequence[str]) -> int:
        """Remove from Drafts every draft whose X-Followup-Id is one of `draft_keys` (a
        snoozed, cancelled, regenerated or forgotten follow-up's draft); returns how many
        were removed. Keys with no draft are fine: a retry removes nothing more."""
        ...

    def special_folder(self, role: str) -> str | None:
        """The folder flagged with the RFC 6154 `role` ("\\Sent", "\\All", "\\Archive"),
        else the one with the usual name for it ("Sent", "Archive"...), else None."""
        ...

    def folder_since(self, folder: str, after_uid: int) -> FolderState | None:
        """The messages of `folder` whose UID is above `after_uid` (every message where keys
        are not ordered, `FolderState.ordered` False), read-only; None when there is no such
        folder. Sizes are not asked for (0)."""
        ...

    def fetch_fields(self, refs: Sequence[MessageRef], fields: Sequence[str]
                     ) -> Iterator[tuple[MessageRef, bytes]]:
        """Only the named header fields of each message (IMAP BODY.PEEK[HEADER.FIELDS]):
        the message stays unread, and nothing else of it is read."""
        ...

    def find_messages(self, folder: str, sender: str, subject: str,
                      on: dt.date | None) -> list[MessageRef]:
        """The messages of `folder` from `sender` whose Subject contains `subject`, sent
        within a day of `on` when given (a server-side SEARCH where there is one)."""
        ...

    def find_since(self, folder: str, field: str, addresses: Sequence[str], since: dt.date
                   ) -> list[MessageRef]:
        """The messages of `folder` whose `field` ("From" or "To", To including Cc) names
        one of `addresses`, dated (their Date field) on or after the day before `since`: one
        server-side SEARCH where there is one. Read-only; a missing folder has none."""
        ...

    def fetch_text(self, ref: MessageRef, limit: int) -> TextPiece | None:
        """At most `limit` bytes from the start of the message's first text/plain part
        (IMAP BODYSTRUCTURE, then BODY.PEEK[n]<0.limit>): \\Seen stays as it is, and no
        other part is read. None when it has no such part or is gone."""
        ...

    def wait(self, timeout: float) -> bool:
        """Block until the watched folder may have changed (IDLE, or a poll) or `timeout`
        seconds pass. True when something changed. Returns False at once after `interrupt`."""
        ...

    def interrupt(self) -> None:
        """From another thread: end a `wait` now (and every later one), so the daemon can
        log out and stop without waiting for the server. Safe to call at any time."""
        ...

    def close(self) -> None: ...


class Clock(Protocol):
    """The one source of the current time (tz-aware UTC)."""

    def now(self) -> dt.datetime: ...
