"""Finding a forwarded (or quoted) message inside a note's text, in many clients and languages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ForwardSplit:
    """A note's text cut at the outermost forwarded block."""

    above: str  # the owner's own words above the block
    from_name: str | None
    from_addr: str | None
    subject: str | None
    date: str | None  # ISO 8601 with the header's offset (or the outer Date's when none printed)
    to: tuple[tuple[str, str], ...] = ()
    cc: tuple[tuple[str, str], ...] = ()
    body: str = ""  # the forwarded message's own text, below its header block
    is_reply: bool = False  # a quoted reply ("On ... wrote:"), not a forward


def split_forward(text: str, outer_date: dt.datetime | None) -> ForwardSplit | None:
    """Find the outermost forwarded block in `text`, or None when there is none."""
    return None
