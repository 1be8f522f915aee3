"""Reading vCard 2.1 / 3.0 / 4.0 text into contacts, tolerant of what phones export."""

from __future__ import annotations

from followup.model import ParsedContact


def read_vcards(text: str, region: str = "US") -> tuple[list[ParsedContact], list[str]]:
    """Every card in `text` as a ParsedContact (phones in E.164), plus warnings for cards
    that could not be read. Never raises."""
    return [], []
