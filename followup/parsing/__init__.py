"""Turning one raw message into a ParsedNote: the public entry of the pure parsing core."""

import logging

from followup.model import ParsedNote
from followup.parsing.assemble import ParseOptions, parse_message

__all__ = ["ParseOptions", "parse_message", "parse_or_explain"]


def parse_or_explain(raw: bytes, options: ParseOptions) -> ParsedNote:
    """`parse_message` that never raises: a parser bug must not stop the daemon or lose the
    note, so it gives an empty note whose `limit_hit` sends it to needs review."""
    try:
        return parse_message(raw, options)
    except Exception as exc:
        logging.getLogger("followup.parsing").exception(
            "parser failed on a message; it goes to needs review")
        return ParsedNote(warnings=(f"parser error: {type(exc).__name__}",),
                          limit_hit=f"the parser failed ({type(exc).__name__})")
