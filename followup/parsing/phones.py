"""Phone numbers: finding them in text and writing them in E.164 (phonenumbers)."""

from __future__ import annotations


def normalize_phone(raw: str, region: str = "US") -> str | None:
    """`raw` as E.164 (`+` and digits), or None when it is not a possible phone number."""
    return None


def find_phones(text: str, region: str = "US") -> list[tuple[str, str, int, int]]:
    """Phones in free text: (E.164, the text as written, start, end), in order found.
    Order numbers, dates and the like are not phones."""
    return []


def region_hint(text: str) -> str | None:
    """A country (ISO 3166 alpha-2) that the details in `text` make plain (a +44 number,
    a .de address or domain, a German city), or None."""
    return None
