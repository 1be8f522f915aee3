"""The commands where the owner acts (click): `followups list|snooze|reschedule|skip|cancel`,
`contacts edit|merge|forget`, `drafts regenerate`, `notes retry`. `register(cli)` adds them.

Exit codes: 0 done; 1 nothing changed (an unknown id, a refused change, "no" to a
question, an edit saved unchanged or empty); 2 a bad argument; 4 the database."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup.bootstrap import App
    from followup.control import Change, Control
    from followup.model import Contact
    from followup.store import Unit

NOTHING_CHANGED = "nothing changed"


def _cli() -> Any:
    from followup import cli

    return cli


@contextlib.contextmanager
def _control(ctx: click.Context) -> Iterator[tuple[Control, App]]:
    from followup.bootstrap import build_app
    from followup.control import Control

    app = build_app(_cli()._config(ctx))
    accounts = {a.name: a for a in app.config.accounts}

    def mailbox_for(name: str) -> Any:
        if name not in accounts:
            raise FollowupError(f"account {name!r} is no longer in the config: its drafts "
                                f"cannot be reached; {NOTHING_CHANGED}")
        return app.open_mailbox(accounts[name])

    control = Control(app.store, app.clock, app.drafter.policy, mailbox_for, app.drafter)
    try:
        yield control, app
    finally:
        control.close()
        app.close()


def _run(ctx: click.Context, action: str, *args: Any) -> Change:
    """Apply one Control request; its refusal or an unreachable mailbox changes nothing."""
    from followup.control import ControlError
    from followup.ports import MailboxUnavailable

    with _control(ctx) as (control, _app):
        try:
            change: Change = getattr(control, action)(*args)
        except ControlError as exc:
            raise FollowupError(str(exc)) from None
        except MailboxUnavailable as exc:
            raise FollowupError(f"mailbox unavailable ({exc}); {NOTHING_CHANGED}") from None
    click.echo(_cli().printable(change.message))
    return change


# -- followups --------------------------------------------------------------------------------
@click.group()
def followups() -> None:
    """Follow-ups: list them, and snooze, reschedule, skip or cancel one."""


@followups.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--status", type=click.Choice(["planned", "drafted", "sent", "discarded",
                                             "skipped", "cancelled", "open"]), default="open",
              show_default=True, help="Which follow-ups ('open': planned or drafted).")
@click.option("--all", "show_all", is_flag=True, help="Every follow-up, whatever its status.")
@click.pass_context
def followups_list(ctx: click.Context, as_json: bool, status: str, show_all: bool) -> None:
    """List follow-ups with their contact, due day and status."""
    from followup.model import FollowUpStatus

    cli = _cli()
    config = cli._config(ctx)
    with cli._store(ctx) as store, store.unit() as u:
        rows = [followup_row(u, f, config) for f in u.list_followups()
                if show_all or (f.status.is_open if status == "open"
                                else f.status is FollowUpStatus(status))]
    if as_json:
        cli._emit_json(rows)
        return
    for r in rows:
        reason = f"  ({r['reason']})" if r["reason"] else ""
        kind = f"  [{r['sequence']}{', ' + r['language'] if r['language'] else ''}]"
        click.echo(cli.printable(f"{r['id']:>4}  {r['status']:<9} due {r['due_on']}  "
                                 f"step {r['step']}  {r['what']}{kind}{reason}"))


def followup_row(u: Unit, f: Any, config: Any) -> dict[str, Any]:
    """A follow-up as `drafts list` and `followups list` show it: its contact, local due
    day, sequence, and the language it is (or will be) drafted in (the sequence's
    `language`, else the note's)."""
    from followup.digest import call_line
    from followup.model import FollowUpChannel

    contact = u.get_contact(f.contact_id)
    note = u.get_note(f.note_id)
    due_local = f.due_at.astimezone(config.timezone)
    to = f.draft_to or (contact.emails[0] if contact and contact.emails else None)
    sequence = config.sequences.get(f.sequence)
    language = (sequence.language if sequence else None) or (note.language if note else None)
    # what the owner does: a draft to send, or (no address) a call to make
    what = (call_line(contact) if contact and (f.channel is FollowUpChannel.REMINDER or not to)
            else f"{contact.full_name if contact else '(forgotten contact)'} <{to or '-'}>")
    return {**f.to_json(), "to": to, "due_on": due_local.date().isoformat(),
            "due_at_local": due_local.isoformat(), "language": language, "what": what,
            "full_name": contact.full_name if contact else None,
            "phones": list(contact.phones) if contact else []}


@followups.command("snooze")
@click.argument("followup_id", type=int)
@click.argument("when", nargs=-1, required=True)
@click.pass_context
def followups_snooze(ctx: click.Context, followup_id: int, when: tuple[str, ...]) -> None:
    """Postpone a follow-up by WHEN (1w, 3d, "2 weeks", "next monday"), counted from its
    due day (from today when already due); a draft already in Drafts leaves it until then."""
    _run(ctx, "snooze", followup_id, " ".join(when))


@followups.command("reschedule")
@click.argument("followup_id", type=int)
@click.argument("when", nargs=-1, required=True)
@click.pass_context
def followups_reschedule(ctx: click.Context, followup_id: int, when: tuple[str, ...]) -> None:
    """Move a follow-up to the day WHEN names, counted from today ("next monday",
    "in 3 days", 2026-07-01), as notes say it."""
    _run(ctx, "reschedule", followup_id, " ".join(when))


@followups.command("skip")
@click.argument("followup_id", type=int)
@click.pass_context
def followups_skip(ctx: click.Context, followup_id: int) -> None:
    """Skip this step (its draft leaves Drafts); the plan goes on with the next step."""
    _run(ctx, "skip", followup_id)


@followups.command("cancel")
@click.argument("followup_id", type=int)
@click.pass_context
def followups_cancel(ctx: click.Context, followup_id: int) -> None:
    """End the plan of this follow-up's contact: every open step is cancelled."""
    _run(ctx, "cancel", followup_id)


# -- contacts ----------------------------------------------------------------------------------
def _one(ctx: click.Context, query: str) -> Contact:
    from followup.control import ControlError, find_contact

    with _cli()._store(ctx) as store, store.unit() as u:
        try:
            return find_contact(u, query)
        except ControlError as exc:
            raise FollowupError(str(exc)) from None


def _ask(question: str, default: bool) -> bool:
    """A yes/no question; no answer (end of input, Ctrl-C) counts as no."""
    try:
        return click.confirm(question, default=default, err=True)
    except click.exceptions.Abort:
        return False


def _confirm(question: str, yes: bool) -> None:
    if not yes and not _ask(question, default=False):
        raise FollowupError(NOTHING_CHANGED)


@click.command("forget")
@click.argument("query")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def contacts_forget(ctx: click.Context, query: str, yes: bool) -> None:
    """Forget one person (by id, email or name): their contact and follow-ups are deleted,
    the notes about them wiped, and their unsent drafts removed from Drafts."""
    from followup.control import label

    contact = _one(ctx, query)
    # asked before any lock is taken: a waiting prompt must not hold the database
    _confirm(f"Forget {label(contact)} and remove their unsent drafts?", yes)
    change = _run(ctx, "forget", contact.id)
    click.echo(f"{change.removed} unsent draft(s) of theirs removed from Drafts; your notes "
               "about them stay in Followup/Processed: delete them there if asked to.")


@click.command("merge")
@click.argument("keep")
@click.argument("other")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def contacts_merge(ctx: click.Context, keep: str, other: str, yes: bool) -> None:
    """Join OTHER into KEEP (two records of one person): emails, phones, notes and
    follow-ups move to KEEP; one plan remains (KEEP's when both have one)."""
    from followup.control import label

    a, b = _one(ctx, keep), _one(ctx, other)
    _confirm(f"Merge {b.id} {label(b)} into {a.id} {label(a)}?", yes)
    _run(ctx, "merge", a.id, b.id)


@click.command("edit")
@click.argument("query")
@click.pass_context
def contacts_edit(ctx: click.Context, query: str) -> None:
    """Edit a contact (by id, email or name) as TOML in $VISUAL/$EDITOR. A field you
    change stays as you wrote it when later notes about the person arrive."""
    from followup.contact_toml import EditProblem, contact_to_toml, read_contact_toml

    cli = _cli()
    contact = _one(ctx, query)
    region = cli._config(ctx).region
    original = contact_to_toml(contact)
    text, problems = original, list[str]()
    while True:
        text = _edit_file(text, problems)
        body = _strip_comments(text)
        if not body.strip() or (body == _strip_comments(original) and not problems):
            raise FollowupError(NOTHING_CHANGED)
        try:
            values = read_contact_toml(text, region)
            _check_addresses(ctx, contact.id, values.get("emails", []), text)
            break
        except EditProblem as exc:
            problems = exc.problems
            click.echo("\n".join(problems), err=True)
            if not _ask("Edit again?", default=True):
                raise FollowupError(NOTHING_CHANGED) from None
    _run(ctx, "edit", contact.id, values)


def _check_addresses(ctx: click.Context, contact_id: int, emails: list[str], text: str) -> None:
    from followup.contact_toml import EditProblem, line_of

    with _cli()._store(ctx) as store, store.unit() as u:
        for email in emails:
            owner = u.email_owner(email)
            if owner is not None and owner != contact_id:
                raise EditProblem([f"line {line_of(text, email)}: {email} belongs to contact "
                                   f"{owner}; use 'followup contacts merge {contact_id} "
                                   f"{owner}' to join the two"])


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _edit_file(text: str, problems: list[str]) -> str:
    head = "".join(f"# ERROR {p}\n" for p in problems)
    fd, name = tempfile.mkstemp(prefix="followup-contact-", suffix=".toml")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(head + "\n".join(line for line in text.splitlines()
                                      if not line.startswith("# ERROR ")) + "\n")
        click.edit(filename=str(path))
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


# -- drafts and notes --------------------------------------------------------------------------
@click.command("regenerate")
@click.argument("followup_id", type=int)
@click.pass_context
def drafts_regenerate(ctx: click.Context, followup_id: int) -> None:
    """Render a drafted follow-up again (after a template or contact change) and replace
    its draft in Drafts."""
    _run(ctx, "regenerate", followup_id)


@click.command("retry")
@click.argument("note_id", type=int)
@click.pass_context
def notes_retry(ctx: click.Context, note_id: int) -> None:
    """Read a note in needs review again (after you fixed it in that folder, or after an
    upgrade): it moves back to the watched folder and this pass reads it. (Moving it back
    in your mail client does the same at the daemon's next pass.)"""
    from followup.daemon import run_once
    from followup.ports import MailboxUnavailable
    from followup.retry import RetryError, move_back, note_to_retry

    with _control(ctx) as (_unused, app):
        try:
            note = note_to_retry(app.store, note_id)
            accounts = {a.name: a for a in app.config.accounts}
            if note.account not in accounts:
                raise RetryError(f"note {note_id} came from account {note.account!r}, "
                                 "which is no longer in the config")
            setup = app.ingestors[note.account].account
            mailbox = app.open_mailbox(accounts[note.account])
            try:
                move_back(mailbox, setup, note)
            finally:
                mailbox.close()
            run_once(app)
        except RetryError as exc:
            raise FollowupError(str(exc)) from None
        except MailboxUnavailable as exc:
            raise FollowupError(f"mailbox unavailable ({exc})") from None
        click.echo(_cli().printable(_retried(app, note)))


def _retried(app: App, before: Any) -> str:
    """What became of a retried note: its own record, or the edited copy's."""
    from followup.model import NoteStatus

    with app.store.unit() as u:
        after = u.get_note(before.id)
        if after is not None and after.status is NoteStatus.NEEDS_REVIEW \
                and after.content_hash == before.content_hash and after.uid == before.uid:
            newer = [n for n in u.list_notes() if n.id > before.id
                     and n.message_id == before.message_id and n.message_id]
            if newer:  # the owner's edited copy was read as a note of its own
                u.update_note(before.id, status=NoteStatus.IGNORED,
                              reason=f"replaced by the edited copy, note {newer[-1].id}")
                after = newer[-1]
    if after is None:
        return f"note {before.id} moved back to the watched folder"
    return (f"note {after.id}: {after.status}" + (f" ({after.reason})" if after.reason else "")
            + (f" -> {after.action}" if after.action else ""))


def register(cli: click.Group) -> None:
    """Add the owner's commands to the `followup` group and its subgroups."""
    cli.add_command(followups)
    contacts = cli.commands["contacts"]
    assert isinstance(contacts, click.Group)
    for command in (contacts_edit, contacts_merge, contacts_forget):
        contacts.add_command(command)
    drafts, notes = cli.commands["drafts"], cli.commands["notes"]
    assert isinstance(drafts, click.Group) and isinstance(notes, click.Group)
    drafts.add_command(drafts_regenerate)
    notes.add_command(notes_retry)


