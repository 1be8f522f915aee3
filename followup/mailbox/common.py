"""What both mailbox adapters share: the draft id header and its checks."""

from __future__ import annotations

import email.parser
import email.policy

DRAFT_ID_HEADER = "X-Followup-Id"


def check_draft_key(draft_key: str) -> None:
    """Keys go into an IMAP SEARCH and a header: printable ASCII, no spaces, not empty."""
    if not draft_key or not draft_key.isascii() or not draft_key.isprintable() or any(
            c.isspace() for c in draft_key):
        raise ValueError(f"a draft key must be printable ASCII without spaces: {draft_key!r}")


def draft_ids(header_block: bytes) -> set[str]:
    """The X-Followup-Id values in a header block."""
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    return {str(v).strip() for v in parser.parsebytes(header_block).get_all(DRAFT_ID_HEADER, [])}
