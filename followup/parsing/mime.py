"""Safe loading of untrusted RFC 5322 bytes: limits, outer headers, text, attachments.

Owned by the MIME layer. Everything above it sees a LoadedMessage and never the raw
`email` objects, so limits and charset quirks are handled in one place.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """Caps applied before and while parsing, so hostile mail ends quickly and safely."""

    max_bytes: int = 25 * 1024 * 1024
    max_headers: int = 1000
    max_header_bytes: int = 256 * 1024
    max_depth: int = 20
    max_parts: int = 500
    max_text_chars: int = 1_000_000


@dataclass
class LoadedMessage:
    """The parts of a message the parser reads, decoded and capped."""

    from_mailboxes: list[tuple[str, str]] = field(default_factory=list)  # (display name, addr)
    to: list[tuple[str, str]] = field(default_factory=list)
    cc: list[tuple[str, str]] = field(default_factory=list)
    subject: str | None = None
    date: dt.datetime | None = None  # tz-aware, in the header's own offset
    message_id: str | None = None
    text: str = ""  # best text body; HTML converted to text (links kept as text)
    html: str | None = None  # original HTML body when there was one
    vcards: list[str] = field(default_factory=list)
    attached_messages: list[LoadedMessage] = field(default_factory=list)  # message/rfc822
    images: list[bytes] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    limit_hit: str | None = None


def load_message(raw: bytes, limits: Limits | None = None) -> LoadedMessage:
    """Decode `raw` into a LoadedMessage. Never raises on bad input: it warns instead."""
    limits = limits or Limits()
    out = LoadedMessage()
    if len(raw) > limits.max_bytes:
        out.limit_hit = f"message is {len(raw)} bytes, over the {limits.max_bytes}-byte limit"
        return out
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    out.subject = str(msg.get("Subject") or "") or None
    out.message_id = str(msg.get("Message-ID") or "").strip() or None
    try:
        out.date = email.utils.parsedate_to_datetime(str(msg.get("Date")))
    except (TypeError, ValueError):
        out.date = None
    for addr in msg.get_all("From") or []:
        for a in getattr(addr, "addresses", ()):
            out.from_mailboxes.append((a.display_name, a.addr_spec.lower()))
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        out.text = str(body.get_content())
    return out
