"""CLI commands over the whole address book (`export`, `import`) and `digest` (a preview)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from followup.cli_output import emit_json, open_store_of, printable, write_private
from followup.errors import InputError

if TYPE_CHECKING:
    from followup.contactio import ReadResult

FORMATS = ("vcard", "json", "csv")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="vcard",
              show_default=True, help="vCard 4.0, JSON (as contacts list --json plus "
              "follow-ups and notes) or CSV (Outlook/Google Contacts columns).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-",
              help="File to write, readable by you only (default: standard output).")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, output: str) -> None:
    """Export every contact, with where and when you met them and your notes."""
    from followup import contactio

    with open_store_of(ctx) as store, store.unit() as u:
        cards = u.address_cards()
    if fmt == "json":
        import json

        text = json.dumps(contactio.to_json(cards), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = contactio.to_csv(cards)
    else:
        text = contactio.to_vcard(cards)
    if output == "-":
        click.echo(text, nl=False)
        return
    write_private(Path(output), text)
    click.echo(f"exported {len(cards)} contact(s) to {output} ({fmt})", err=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(("auto", *FORMATS)), default="auto",
              show_default=True, help="auto: by the file's name and content.")
@click.option("--region", default=None,
              help="Country for phone numbers written without a country code "
                   "(default: [parse] region of the config).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def import_command(ctx: click.Context, file: str, fmt: str, region: str | None,
                   as_json: bool) -> None:
    """Import contacts from a vCard (2.1/3.0/4.0, one or many cards), CSV or JSON file.

    A contact whose email address is known is merged into the stored one (empty fields
    filled, new addresses and phones added); nothing is planned or drafted for them."""
    from followup.config import load_config

    text = _read_text(file)
    kind = fmt if fmt != "auto" else guess_format(file, text)
    config = load_config(ctx.obj.get("config_path"))
    result = _read_cards(kind, text, region or config.region)
    counts = {"added": 0, "merged": 0, "skipped": 0}
    lines = list(result.skipped)
    name = "stdin" if file == "-" else Path(file).name
    now = dt.datetime.now(dt.UTC)
    with open_store_of(ctx) as store, store.unit() as u:
        for card in result.cards:
            outcome = u.import_card(card, source_name=name, now=now)
            counts[outcome] += 1
    counts["skipped"] += len(result.skipped)
    if as_json:
        emit_json({**counts, "unreadable": result.skipped})
        return
    click.echo(f"{counts['added']} added, {counts['merged']} merged, "
               f"{counts['skipped']} skipped ({kind}, {name})")
    for line in lines:
        click.echo(printable(f"  skipped {line}"))


def guess_format(name: str, text: str) -> str:
    """vcard, json or csv: by the content first (a .txt may hold cards), then the name."""
    head = text.lstrip("\ufeff \r\n\t")[:200].upper()
    if head.startswith("BEGIN:VCARD"):
        return "vcard"
    if head.startswith(("[", "{")):
        return "json"
    suffix = Path(name).suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    return "csv"


def _read_cards(kind: str, text: str, region: str) -> ReadResult:
    from followup import contactio

    if kind == "vcard":
        return contactio.read_vcard_file(text, region)
    if kind == "json":
        return contactio.read_json_file(text)
    return contactio.read_csv_file(text, region)


def _read_text(file: str) -> str:
    import sys

    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")  # Outlook's "Unicode" CSV export
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")  # Outlook's "Windows" CSV export


@click.command("digest")
@click.pass_context
def digest_command(ctx: click.Context) -> None:
    """Print what a digest written now would say (nothing is written or stored)."""
    from followup.config import load_config
    from followup.digest import digest_text
    from followup.digesting import FIRST_DIGEST_LOOKBACK

    config = load_config(ctx.obj.get("config_path"))
    now = dt.datetime.now(dt.UTC)
    with open_store_of(ctx) as store, store.unit() as u:
        since = u.last_digest_at() or now - FIRST_DIGEST_LOOKBACK
        data = u.digest_data(since=since, now=now)
    if data.is_empty():
        click.echo("nothing to say: no digest would be written now")
        return
    day = now.astimezone(config.timezone).date()
    click.echo(digest_text(data, day=day, tz=config.timezone, owner_name=config.owner_name,
                           owner_address=config.digest_reply_to), nl=False)


def register(group: click.Group) -> None:
    """Add these commands to the `followup` group."""
    group.add_command(export_command)
    group.add_command(import_command)
    group.add_command(digest_command)

