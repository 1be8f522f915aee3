"""The `followup` command line (click): parse, run, contacts, drafts, notes."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from followup.cli_output import (
    emit_json,
    open_store_of,
    printable,
    readable_message,
    show_contact,
    show_rows,
    write_private,
)
from followup.errors import ConfigError, DraftsFailedError, FollowupError, InputError

if TYPE_CHECKING:
    from followup.bootstrap import App
    from followup.config import AccountConfig, Config
    from followup.store import Store


_emit_json = emit_json  # the name the commands below use


class _SafeFormatter(logging.Formatter):
    """Log lines carry addresses and subjects from untrusted mail: escape them."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


@click.group()
@click.version_option(package_name="followup", prog_name="followup",
                      message="%(prog)s %(version)s")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: $FOLLOWUP_CONFIG, else "
                   "$XDG_CONFIG_HOME/followup/config.toml).")
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
@click.option("--ocr/--no-ocr", default=True, show_default=True,
              help="Read business-card photos with the local tesseract (if installed).")
def parse(file: str, as_json: bool, region: str, ocr: bool) -> None:
    """Show what followup understands from one message (an .eml file, or - for stdin)."""
    from followup.cardimage import read_card_image
    from followup.parsing import ParseOptions, parse_message

    raw = _read_input(file)
    options = ParseOptions(region=region.upper(), card_reader=read_card_image if ocr else None)
    note = parse_message(raw, options)
    if as_json:
        _emit_json(note.to_json())
        return
    _print_note_summary(note.to_json())
    # not in the JSON contract: what drafting makes of the note
    if note.sequence:
        click.echo(printable(f"sequence: {note.sequence}"))
    if note.language:
        click.echo(f"language: {note.language}")


def _setup_logging(debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    # Under systemd the journal adds time and unit; on a terminal the time helps.
    fmt = "%(levelname)s %(name)s: %(message)s"
    if sys.stderr.isatty():
        fmt = "%(asctime)s " + fmt
    handler.setFormatter(_SafeFormatter(fmt))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for noisy in ("apscheduler", "imapclient", "alembic"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.WARNING)


def _config(ctx: click.Context) -> Config:
    # imported here: `followup parse` never reads the config, and the config's imports
    # (digest, planning, the model) cost it start-up time
    from followup.config import load_config

    return load_config(ctx.obj.get("config_path"))


def _store(ctx: click.Context) -> contextlib.AbstractContextManager[Store]:
    return open_store_of(ctx)


@cli.command()
@click.option("--once", is_flag=True,
              help="Ingest every new note, draft every follow-up due now, then exit.")
@click.pass_context
def run(ctx: click.Context, once: bool) -> None:
    """Watch the inbox and prepare drafts (the daemon)."""
    from followup.bootstrap import build_app, rebuild_app
    from followup.daemon import Daemon, run_once
    from followup.ports import MailboxUnavailable

    _setup_logging(bool(ctx.obj.get("debug")))
    app = build_app(_config(ctx), schema_apart=not once)
    try:
        if once:
            try:
                report = run_once(app)
            except MailboxUnavailable as exc:
                raise FollowupError(f"mailbox unavailable: {exc}") from exc
            summary = (f"{report.processed} note(s) processed, {report.needs_review} need "
                       f"review, {report.ignored} ignored, {report.drafts_summary()}; "
                       f"{report.stopped} follow-up plan(s) stopped, {report.sent} draft(s) "
                       f"seen sent, {report.discarded} discarded")
            if report.failed_drafts:
                raise DraftsFailedError(summary)
            click.echo(summary, err=True)
            return
        code = Daemon(app, reload=lambda running: rebuild_app(running, _config(ctx))).run()
        if code:
            raise SystemExit(code)
    finally:
        app.close()


@cli.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Validate the config, open the database and log in to every mailbox (reads nothing).

    Says "valid" only at the end, once every step passed: a mistake found by logging in
    (a ca_file, a security setting, a refused password) is a mistake in the config too."""
    from followup.bootstrap import build_app
    from followup.ports import MailboxUnavailable

    _setup_logging(bool(ctx.obj.get("debug")))  # --debug: the IMAP exchange, secrets redacted
    config = _config(ctx)
    app = build_app(config)
    try:
        _check_templates(app)
        click.echo(f"database: {_redact(config.database_url)} ready")
        for acct in config.accounts:
            mailbox = app.open_mailbox(acct)
            try:
                state = mailbox.scan()
                # as reply tracking finds it: the configured one, else \Sent, else "Sent"
                sent = acct.folders.sent or mailbox.special_folder("\\Sent")
            except MailboxUnavailable as exc:
                raise FollowupError(f"account '{acct.name}': mailbox unavailable: {exc}") from exc
            except ConfigError as exc:  # found by connecting: say which account's setting
                if len(config.accounts) < 2:
                    raise
                raise ConfigError([f"account '{acct.name}': {p}" for p in exc.problems],
                                  exc.path) from None
            finally:
                mailbox.close()
            click.echo(f"account '{acct.name}': {_account_where(acct)} reachable, "
                       f"{len(state.refs)} message(s) in it; notes are read from "
                       f"{', '.join(acct.owner_addresses)}")
            found = (f"sent mail in {sent!r}" if sent else
                     "no Sent folder found (none flagged \\Sent, none named 'Sent')")
            click.echo(printable(f"account '{acct.name}': {found}"))
    finally:
        app.close()
    click.echo(f"config: {config.path} is valid ({len(config.accounts)} account(s))")


def _account_where(acct: AccountConfig) -> str:
    if acct.maildir:
        return f"maildir {acct.maildir.path}"
    if acct.imap:
        i = acct.imap
        login = "password" if i.auth == "password" else i.auth.upper()
        return (f"{acct.watched_folder} on {i.host}:{i.port} ({i.security}, {login} from "
                f"{i.secret.describe()})")
    return "inbox"


def _check_templates(app: App) -> None:
    """Render every template of every sequence, in every language it exists in."""
    from followup.clock import SystemClock
    from followup.drafting import check_rendering, template_variants

    policy = app.drafter.policy
    names = [step.template for seq in policy.all_sequences().values() for step in seq.steps]
    names.append(policy.dated_template)
    problems = check_rendering(app.drafter.env, names, SystemClock().now())
    if problems:
        raise ConfigError([f"template {p}" for p in problems], str(app.config.path))
    count = len(template_variants(app.drafter.env, names))
    click.echo(f"templates: {count} template file(s) of {len(policy.all_sequences())} "
               "sequence(s) render with a sample contact")


def _redact(url: str) -> str:
    """A database URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@cli.group()
def contacts() -> None:
    """The people followup knows."""


@contacts.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def contacts_list(ctx: click.Context, as_json: bool) -> None:
    """List every contact."""
    with _store(ctx) as store, store.unit() as u:
        people = u.list_contacts()
    if as_json:
        _emit_json([c.to_json() for c in people])
        return
    rows, plain = [], []
    for c in people:
        where = " ".join(x for x in (c.met_at or "", c.met_on.isoformat() if c.met_on else "") if x)
        rows.append([str(c.id), c.full_name or "(no name)", ", ".join(c.emails or c.phones),
                     c.company or "", where])
        plain.append(f"{c.id:>4}  {c.full_name or '(no name)'}  {', '.join(c.emails)}"
                     f"{'  ' + c.company if c.company else ''}"
                     f"{'  [' + where + ']' if where else ''}")
    show_rows("Contacts", ["id", "name", "email / phone", "company", "met"], rows, plain)


@contacts.command("show")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Everything stored, as JSON.")
@click.pass_context
def contacts_show(ctx: click.Context, query: str, as_json: bool) -> None:
    """Everything stored about one person (by id, email or name)."""
    with _store(ctx) as store, store.unit() as u:
        contact = _one_contact(u, query)
        data = u.export_contact(contact.id)
    if as_json:
        _emit_json(data)
        return
    show_contact(data)


@contacts.command("export")
@click.argument("query")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-",
              help="File to write (default: standard output).")
@click.pass_context
def contacts_export(ctx: click.Context, query: str, output: str) -> None:
    """Export one person's data (contact, follow-ups, notes) as JSON."""
    with _store(ctx) as store, store.unit() as u:
        data = u.export_contact(_one_contact(u, query).id)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output == "-":
        click.echo(text)
    else:
        write_private(Path(output), text + "\n")  # the owner's data: 0600


def _one_contact(u: Any, query: str) -> Any:
    found = u.find_contacts(query)
    if not found:
        raise FollowupError(f"no contact matches {query!r} (try 'followup contacts list')")
    if len(found) > 1:
        names = ", ".join(f"{c.id} {c.full_name}" for c in found[:10])
        raise FollowupError(f"{query!r} matches {len(found)} contacts ({names}); use the id")
    return found[0]


@cli.group()
def drafts() -> None:
    """Follow-ups: planned, and drafted into your Drafts folder."""


@drafts.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--status", default=None, type=click.Choice(
    ["planned", "drafted", "sent", "discarded", "skipped", "cancelled"]))
@click.pass_context
def drafts_list(ctx: click.Context, as_json: bool, status: str | None) -> None:
    """List follow-ups with their status and due day; a closed one says why (a reply, you
    sent the draft, you deleted it)."""
    from followup.cli_control import followup_row
    from followup.model import FollowUpStatus

    config = _config(ctx)
    with _store(ctx) as store, store.unit() as u:
        rows = [followup_row(u, f, config)
                for f in u.list_followups(FollowUpStatus(status) if status else None)]
    if as_json:
        _emit_json(rows)
        return
    plain, table = [], []
    for r in rows:
        what = r["subject"] or f"[template {r['template']}]"
        why = f"  ({r['reason']})" if r["reason"] else ""
        plain.append(f"{r['id']:>4}  {r['status']:<9} due {r['due_on']}  {r['to'] or '-'}  "
                     f"{what}{why}")
        table.append([str(r["id"]), r["status"], r["due_on"], r["to"] or r["full_name"] or "-",
                      what if r["channel"] == "draft" else f"reminder: {what}",
                      "/".join(x for x in (r["sequence"], r["language"]) if x),
                      r["reason"] or ""])
    show_rows("Follow-ups", ["id", "status", "due", "to", "subject", "sequence", "why"], table,
              plain)


@drafts.command("show")
@click.argument("followup_id", type=int)
@click.pass_context
def drafts_show(ctx: click.Context, followup_id: int) -> None:
    """Preview a follow-up's draft as it would be written now (nothing is stored)."""
    from followup.bootstrap import build_app
    from followup.drafting import DraftingError

    app = build_app(_config(ctx))
    try:
        rendered = app.drafter.preview(followup_id)
    except (LookupError, DraftingError) as exc:
        raise FollowupError(str(exc)) from None
    finally:
        app.close()
    click.echo(printable(readable_message(rendered.raw)))


@cli.group()
def notes() -> None:
    """Messages seen in the watched folder, and what became of each."""


@notes.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--status", type=click.Choice(["processed", "needs-review", "ignored"]),
              default=None)
@click.pass_context
def notes_list(ctx: click.Context, as_json: bool, status: str | None) -> None:
    """List notes with their status and, for those needing review, the reason."""
    from followup.model import NoteStatus

    with _store(ctx) as store, store.unit() as u:
        rows = u.list_notes(NoteStatus(status) if status else None)
    if as_json:
        _emit_json([n.to_json() for n in rows])
        return
    plain, table = [], []
    for n in rows:
        subject = n.subject or ("(not read)" if n.status == "ignored" else "(no subject)")
        plain.append(f"{n.id:>4}  {n.status:<12} {subject}"
                     f"{'  — ' + n.reason if n.reason else ''}"
                     f"{'  -> ' + n.action if n.action else ''}")
        table.append([str(n.id), n.status, n.received_at.date().isoformat(), subject,
                      n.reason or n.action or ""])
    show_rows("Notes", ["id", "status", "received", "subject", "reason"], table, plain)


@cli.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False), default="demo",
              show_default=True, help="Folder for the demo's Maildir, database and config.")
def demo(directory: str) -> None:
    """Run the embedded default: sample notes in a local Maildir, SQLite, one pass."""
    from followup.demo import write_demo

    config_path = write_demo(Path(directory))
    click.echo(f"demo config: {config_path}")
    for args in (["run", "--once"], ["contacts", "list"], ["drafts", "list"],
                 ["notes", "list"]):
        click.echo(f"\n$ followup --config {config_path} {' '.join(args)}")
        cli.main(args=["--config", str(config_path), *args], prog_name="followup",
                 standalone_mode=False)
    drafts_dir = Path(directory).resolve() / "Maildir" / "Drafts"
    click.echo(f"\ndrafts (open them in your mail client, or read the files): {drafts_dir}")


@cli.group()
def db() -> None:
    """The database: schema upgrades."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the database schema to this version's (stop every daemon using it first)."""
    from followup.store import Store
    from followup.store.engine import SCHEMA_HEAD, create_engine, current_revision

    url = _config(ctx).database_url
    engine = create_engine(url)
    try:
        before = current_revision(engine)
    finally:
        engine.dispose()
    Store.open(url).close()
    if before == SCHEMA_HEAD:
        click.echo(f"database: {_redact(url)} is at revision {SCHEMA_HEAD} already")
    else:
        click.echo(f"database: {_redact(url)} upgraded from revision {before or '(empty)'} "
                   f"to {SCHEMA_HEAD}")


def _read_input(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from exc


def _print_note_summary(data: dict[str, Any]) -> None:
    def echo(text: str) -> None:
        click.echo(printable(text))

    echo(f"kind: {data['kind']}")
    for c in data["contacts"]:
        bits = [c["full_name"] or "(no name)", *c["emails"], *c["phones"]]
        if c["title"] or c["company"]:
            bits.append(" at ".join(x for x in (c["title"], c["company"]) if x))
        bits.extend(c[k] for k in ("website", "linkedin", "address") if c[k])
        echo("contact: " + ", ".join(bits))
    for key in ("met_at", "met_on", "follow_up_on"):
        if data[key]:
            echo(f"{key}: {data[key]}")
    if data["tags"]:
        echo("tags: " + " ".join("#" + t for t in data["tags"]))
    if data["forwarded"]:
        f = data["forwarded"]
        echo(f"forwarded: {f['from']} / {f['subject']} / {f['date']}")
    for w in data["warnings"]:
        echo(f"warning: {w}")


def _register_more() -> None:
    from followup import cli_io, cli_setup

    cli_io.register(cli)
    cli_setup.register(cli)


_register_more()


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
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except Exception as exc:  # a bug: say so plainly; the traceback is one flag away
        if debug:
            raise
        click.echo(f"followup: internal error: {type(exc).__name__}: {exc} "
                   "(run with --debug for the traceback)", err=True)
        return 1
    return 0


# The owner's commands (followups, contacts edit/merge/forget, drafts regenerate) live in
# their own module; registered here, after every group they join exists.
from followup.cli_control import register  # noqa: E402

register(cli)
