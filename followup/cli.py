"""The `followup` command line (click): parse, run, contacts, drafts, notes."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from followup.errors import FollowupError, InputError


def _emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.group()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: $FOLLOWUP_CONFIG, else $XDG_CONFIG_HOME/followup/config.toml).")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, debug: bool) -> None:
    """followup: turns forwarded meeting notes into follow-up drafts. Never sends mail."""
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the contract's JSON object.")
@click.option("--region", default="US", show_default=True,
              help="Country for phone numbers written without a country code.")
def parse(file: str, as_json: bool, region: str) -> None:
    """Show what followup understands from one message (an .eml file, or - for stdin)."""
    from followup.parsing import ParseOptions, parse_message

    raw = _read_input(file)
    note = parse_message(raw, ParseOptions(region=region.upper()))
    if as_json:
        _emit_json(note.to_json())
        return
    _print_note_summary(note.to_json())


def _read_input(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from exc


def _print_note_summary(data: dict[str, Any]) -> None:
    click.echo(f"kind: {data['kind']}")
    for c in data["contacts"]:
        bits = [c["full_name"] or "(no name)", *c["emails"], *c["phones"]]
        if c["title"] or c["company"]:
            bits.append(" at ".join(x for x in (c["title"], c["company"]) if x))
        click.echo("contact: " + ", ".join(bits))
    for key in ("met_at", "met_on", "follow_up_on"):
        if data[key]:
            click.echo(f"{key}: {data[key]}")
    if data["tags"]:
        click.echo("tags: " + " ".join("#" + t for t in data["tags"]))
    if data["forwarded"]:
        f = data["forwarded"]
        click.echo(f"forwarded: {f['from']} / {f['subject']} / {f['date']}")
    for w in data["warnings"]:
        click.echo(f"warning: {w}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising SystemExit."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="followup", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except FollowupError as exc:
        if debug:
            raise
        click.echo(f"followup: {exc}", err=True)
        return exc.exit_code
    return 0
