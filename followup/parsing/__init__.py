"""Turning one raw message into a ParsedNote: the public entry of the pure parsing core."""

from followup.parsing.assemble import ParseOptions, parse_message

__all__ = ["ParseOptions", "parse_message"]
