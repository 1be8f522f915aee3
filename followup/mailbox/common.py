"""What both mailbox adapters share: the draft id header, its checks, and polling."""

from __future__ import annotations

import email.parser
import email.policy
import threading
import time
from collections.abc import Callable, Sequence

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
