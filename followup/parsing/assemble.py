"""Putting the parsing pieces together: LoadedMessage -> ParsedNote, as the contract says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from followup.model import ForwardedInfo, NoteKind, ParsedNote
from followup.parsing.forwards import split_forward
from followup.parsing.mime import Limits, load_message


@dataclass(frozen=True)
class ParseOptions:
    """What the parser needs to know besides the message itself."""

    owner_addresses: Sequence[str] = ()  # empty: the outer From is the owner
    region: str = "US"  # default country for national phone numbers
    limits: Limits = Limits()


def parse_message(raw: bytes, options: ParseOptions | None = None) -> ParsedNote:
    """Parse one raw message. Pure: never reads the clock, the network or the disk."""
    options = options or ParseOptions()
    loaded = load_message(raw, options.limits)
    if loaded.limit_hit:
        return ParsedNote(warnings=(*loaded.warnings, loaded.limit_hit), limit_hit=loaded.limit_hit)
    fwd = split_forward(loaded.text, loaded.date)
    forwarded = None
    kind = NoteKind.NOTE
    note = loaded.text.strip() or None
    if fwd is not None and not fwd.is_reply:
        kind = NoteKind.FORWARD
        note = fwd.above.strip() or None
        name = fwd.from_name or ""
        from_ = f"{name} <{fwd.from_addr}>" if fwd.from_addr else (name or None)
        forwarded = ForwardedInfo(from_=from_, subject=fwd.subject, date=fwd.date)
    return ParsedNote(
        message_id=loaded.message_id,
        kind=kind,
        note=note,
        met_on=loaded.date.date() if loaded.date else None,
        forwarded=forwarded,
        warnings=tuple(loaded.warnings),
        subject=loaded.subject,
    )
