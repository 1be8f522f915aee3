"""A contact as the TOML document `contacts edit` opens, and its validation on save.

Pure: the editor loop lives in the CLI. Every problem names its line, so the owner finds
it when the file opens again (as `git commit` shows what it refused)."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from typing import Any

from followup.model import Contact
from followup.ownerwords import check_email, check_phone

_TEXT_FIELDS = ("full_name", "company", "title", "website", "linkedin", "address", "met_at")
_LIST_FIELDS = ("emails", "phones")
_KNOWN = (*_TEXT_FIELDS, *_LIST_FIELDS, "met_on")


class EditProblem(ValueError):
    """What is wrong with an edited contact, one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _quote(value: str) -> str:
    # JSON strings are valid TOML basic strings (same escapes), control characters included
    return json.dumps(value, ensure_ascii=False)


def contact_to_toml(contact: Contact) -> str:
    """The document the editor opens."""
    lines = [
        f"# followup contact {contact.id}. Change what is wrong, save and close the editor.",
        "# Fields you change are kept when later notes about this person arrive.",
        "# Phones are stored as E.164 (+ and country code); an empty file changes nothing.",
        "",
    ]
    for name in _KNOWN:
        value = getattr(contact, name)
        if name in _LIST_FIELDS:
            lines.append(f"{name} = [{', '.join(_quote(v) for v in value)}]")
        elif name == "met_on":
            lines.append(f"met_on = {_quote(value.isoformat() if value else '')}"
                         "  # YYYY-MM-DD")
        else:
            lines.append(f"{name} = {_quote(value or '')}")
    return "\n".join(lines) + "\n"


def line_of(text: str, needle: str, key: str | None = None) -> int:
    """The 1-based line where `needle` (else `key =`) is written, for error messages."""
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if needle and needle in line and not line.lstrip().startswith("#"):
            return number
    for number, line in enumerate(lines, 1):
        if key and re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return 1


def read_contact_toml(text: str, region: str) -> dict[str, Any]:
    """The values of an edited document, checked; EditProblem lists every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EditProblem([f"not valid TOML: {exc}"]) from None
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key in data:
        if key not in _KNOWN:
            problems.append(f"line {line_of(text, '', key)}: unknown field {key!r} "
                            f"(fields: {', '.join(_KNOWN)})")
    for key in _TEXT_FIELDS:
        if key in data:
            values[key] = _text(data[key], key, text, problems)
    values["met_on"] = _date(data.get("met_on", ""), text, problems)
    values["emails"] = _checked_list(data, "emails", text, problems,
                                     lambda v: check_email(v))
    values["phones"] = _checked_list(data, "phones", text, problems,
                                     lambda v: check_phone(v, region))
    if problems:
        raise EditProblem(problems)
    return {k: v for k, v in values.items() if k in data}


def _text(value: Any, key: str, text: str, problems: list[str]) -> str | None:
    if not isinstance(value, str):
        problems.append(f"line {line_of(text, '', key)}: {key} must be text in quotes")
        return None
    cleaned = " ".join(value.split()) if key != "address" else value.strip()
    return cleaned or None


def _date(value: Any, text: str, problems: list[str]) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if value in ("", None):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"line {line_of(text, '', 'met_on')}: met_on {value!r} is not a "
                        "date: write YYYY-MM-DD, or \"\"")
        return None


def _checked_list(data: dict[str, Any], key: str, text: str, problems: list[str],
                  check: Any) -> list[str]:
    raw = data.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        problems.append(f"line {line_of(text, '', key)}: {key} must be a list of "
                        f"quoted strings, e.g. {key} = [\"...\"]")
        return []
    good: list[str] = []
    for value in raw:
        if not value.strip():
            continue
        try:
            good.append(check(value))
        except ValueError as exc:
            problems.append(f"line {line_of(text, value, key)}: {exc}")
    return list(dict.fromkeys(good))
