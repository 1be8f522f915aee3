"""What the mailbox adapters share: the draft id header, its checks, polling, and the
header and text reads Maildir does by hand where IMAP asks the server."""

from __future__ import annotations

import codecs
import datetime as dt
import email.parser
import email.policy
import email.utils
import threading
import time
from collections.abc import Callable, Sequence

from followup.ports import TextPiece

DRAFT_ID_HEADER = "X-Followup-Id"


def check_draft_key(draft_key: str) -> None:
    """Keys go into an IMAP SEARCH and a header: printable ASCII, no spaces, not empty."""
    if not draft_key or not draft_key.isascii() or not draft_key.isprintable() or any(
            c.isspace() for c in draft_key):
        raise ValueError(f"a draft key must be printable ASCII without spaces: {draft_key!r}")


def checked_keys(draft_keys: Sequence[str]) -> set[str]:
    """The keys as a set, each checked by `check_draft_key` (ValueError for a bad one)."""
    for key in draft_keys:
        check_draft_key(key)
    return set(draft_keys)


def draft_ids(header_block: bytes) -> set[str]:
    """The X-Followup-Id values in a header block."""
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    return {str(v).strip() for v in parser.parsebytes(header_block).get_all(DRAFT_ID_HEADER, [])}


def poll_until(changed: Callable[[], bool], timeout: float, interval: float,
               interrupted: threading.Event | None = None) -> bool:
    """Call `changed` every `interval` seconds until it says True (return True) or
    `timeout` seconds have passed or `interrupted` is set (return False); for servers and
    folders without push."""
    deadline = time.monotonic() + timeout
    interrupted = interrupted or threading.Event()
    while not interrupted.is_set():
        if changed():
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        interrupted.wait(min(interval, left))
    return False


def names_since(header: bytes, names: Sequence[str], addresses: Sequence[str],
                since: dt.date) -> bool:
    """What an IMAP SEARCH FROM (or TO/CC) address SENTSINCE since-1 would match, for any
    of `addresses`."""
    msg = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(header)
    values = [str(msg.get(n, "")).lower() for n in names]
    if not any(a.lower() in v for a in addresses for v in values):
        return False
    try:
        sent = email.utils.parsedate_to_datetime(str(msg.get("Date", "")))
    except (ValueError, TypeError, IndexError, OverflowError):
        return True  # no readable Date: the caller decides with its fallback
    return sent.date() >= since - dt.timedelta(days=1)


def first_text_piece(raw: bytes, limit: int) -> TextPiece | None:
    """The first text/plain part's first `limit` bytes, still encoded (what IMAP's
    BODY.PEEK[n]<0.limit> gives); an attached message's parts are not walked into."""
    msg = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(raw)
    stack = [msg]
    while stack:
        part = stack.pop(0)
        kind = part.get_content_type()
        if part.is_multipart():
            if kind != "message/rfc822":
                stack[:0] = list(part.get_payload())[:50]
            continue
        if kind == "text/plain":
            payload = part.get_payload(decode=False)
            text = payload if isinstance(payload, str) else ""
            charset = part.get_content_charset()
            try:
                data = text.encode("ascii", "surrogateescape")
            except UnicodeEncodeError:  # 8-bit text compat32 decoded with its charset
                data = text.encode(_codec(charset), "replace")
            encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
            return TextPiece(data[:limit], encoding, charset)
    return None


def _codec(charset: str | None) -> str:
    try:
        return codecs.lookup(charset or "utf-8").name
    except LookupError:
        return "utf-8"
