"""How the CLI prints: JSON, tables (rich on a terminal, plain lines when piped), safe text.

Every listing goes through `show_rows`: on a terminal a rich table (no colour when NO_COLOR
is set, https://no-color.org), piped one plain line per row that scripts can cut; with
`--json` the rows as JSON. Text from mail is escaped before it reaches a terminal.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from followup.store import Store

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x20), 0x7F) if c not in (0x09, 0x0A)}
_CONTROL.update({c: f"\\u{c:04x}" for c in (*range(0x80, 0xA0), 0x202A, 0x202B, 0x202C,
                                             0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)})


def printable(text: str) -> str:
    """Text from mail made safe for a terminal or a log: control characters (ESC sequences
    that retitle or recolour a terminal, bidi overrides) are shown escaped, never sent."""
    return text.translate(_CONTROL)


def emit_json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # A lone surrogate from a broken header would make the output invalid UTF-8.
    click.echo(text.encode("utf-8", "replace").decode("utf-8"))


def on_terminal() -> bool:
    """Standard output is a terminal (not a pipe or a file)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def no_color() -> bool:
    """NO_COLOR set to anything non-empty turns colour off (https://no-color.org)."""
    return bool(os.environ.get("NO_COLOR"))


def show_rows(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]],
              plain: Sequence[str]) -> None:
    """A rich table on a terminal, else the `plain` lines (one per row)."""
    if not on_terminal():
        for line in plain:
            click.echo(printable(line))
        return
    from rich.console import Console
    from rich.table import Table

    # NO_COLOR: no escape sequence at all (rich alone would still send bold and italics)
    console = Console(color_system=None if no_color() else "auto", highlight=False)
    table = Table(title=title or None, show_edge=False, header_style="bold",
                  title_justify="left")
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(printable(cell) for cell in row), style=None)
    console.print(table)
    if not rows:
        console.print(f"(no {title.lower() or 'rows'})")


def show_fields(title: str, fields: Sequence[tuple[str, str]]) -> None:
    """'label: value' lines (a rich panel-like block on a terminal), for one record."""
    width = max((len(k) for k, _ in fields), default=0)
    if on_terminal() and not no_color():
        click.secho(printable(title), bold=True)
    else:
        click.echo(printable(title))
    for label, value in fields:
        lines = value.splitlines() or [""]
        click.echo(printable(f"  {label + ':':<{width + 1}} {lines[0]}"))
        for more in lines[1:]:
            click.echo(printable(f"  {'':<{width + 1}} {more}"))


def write_private(path: Path, text: str) -> None:
    """Write a file only the owner can read (0600), whatever the umask; an existing file
    is narrowed to 0600 before it gets the data."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            fd = -1
            out.write(text)
    finally:
        if fd >= 0:
            os.close(fd)


@contextlib.contextmanager
def open_store_of(ctx: click.Context) -> Iterator[Store]:
    """The database of the config named on the command line, closed afterwards."""
    from followup.bootstrap import open_store
    from followup.config import load_config

    store = open_store(load_config(ctx.obj.get("config_path")))
    try:
        yield store
    finally:
        store.close()


def readable_message(raw: bytes) -> str:
    """A message as its reader sees it: the headers that matter, then the decoded text
    body (not quoted-printable or base64)."""
    import email
    import email.policy
    from email.message import EmailMessage

    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    lines = [f"{name}: {msg[name]}" for name in ("From", "To", "Cc", "Subject", "In-Reply-To",
                                                 "X-Followup-Id")
             if msg[name]]
    part = msg.get_body(preferencelist=("plain", "html"))
    body = ""
    if isinstance(part, EmailMessage):
        try:
            body = str(part.get_content())
        except (LookupError, ValueError):  # an unknown charset: the bytes as they are
            payload = part.get_payload(decode=True)
            body = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return "\n".join(lines) + "\n\n" + body.replace("\r\n", "\n").rstrip("\n")


def show_contact(data: dict[str, Any]) -> None:
    """`contacts show` on a terminal: the person, then their follow-ups and notes."""
    c = data["contact"]
    fields = [(label, ", ".join(v) if isinstance(v, list) else str(v))
              for label, v in (("emails", c["emails"]), ("phones", c["phones"]),
                               ("company", c["company"]), ("title", c["title"]),
                               ("website", c["website"]), ("linkedin", c["linkedin"]),
                               ("address", c["address"]), ("met at", c["met_at"]),
                               ("met on", c["met_on"]), ("last contact", c["last_contact_at"]),
                               ("you corrected", c.get("owner_fields")))
              if v]
    show_fields(f"{c['full_name'] or '(no name)'} (contact {c['id']})", fields)
    if data["followups"]:
        click.echo("\nfollow-ups:")
        for f in data["followups"]:
            what = f["subject"] or f"[{f['template']}]"
            how = "" if f["channel"] == "draft" else f" ({f['channel']})"
            click.echo(printable(f"  {f['id']:>4}  {f['status']:<9} due "
                                 f"{f['due_at'][:10]}{how}  {what}"))
    if data["notes"]:
        click.echo("\nnotes:")
        for n in data["notes"]:
            click.echo(printable(f"  {n['id']:>4}  {n['received_at'][:10]}  "
                                 f"{n['subject'] or '(no subject)'}"))
            for line in (n.get("note_text") or "").splitlines():
                click.echo(printable(f"        {line}"))
