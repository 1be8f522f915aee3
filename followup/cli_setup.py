"""`followup init`: a commented config from a few answers, then a connection check."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from followup.cli_output import printable, write_private

CONFIG_TEMPLATE = """\
# followup configuration, written by `followup init`. Every key is explained in
# config.example.toml; `followup check` validates this file and reaches the server.
# followup never sends mail: it reads notes from one folder and writes drafts to Drafts.

[imap]
# "tls" (port 993), "starttls" (143), or "none" (refused unless the host is loopback)
host = {host}
{port_line}security = {security}
username = {user}
# its first output line is the password (as mbsync's PassCmd)
password_command = {password_command}
{ca_line}# the folder watched for notes; "" below = the folder flagged \\Drafts (RFC 6154)
folder = {folder}
drafts_folder = ""

[owner]
# only mail From one of these is read as a note; the name goes into drafts' From
addresses = [{addresses}]
name = {name}
# the drafting window, due days and the digest are in this zone
timezone = {timezone}

[database]
url = {database}

[drafting]
window = "09:00-17:00"             # local time in which drafts are created
weekdays_only = true

[digest]                           # a daily summary put in your inbox (never sent)
enabled = true
at = "08:00"                       # local time
days = ["mon", "tue", "wed", "thu", "fri"]
"""


def _toml(value: str) -> str:
    """A TOML basic string (escapes quotes, backslashes and control characters)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def system_timezone(env: dict[str, str] | None = None) -> str:
    """The machine's IANA zone name: $TZ, /etc/timezone, the /etc/localtime link; 'UTC'."""
    from zoneinfo import ZoneInfo

    environ = os.environ if env is None else env
    candidates = [environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = os.readlink("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in candidates:
        try:
            if name and ZoneInfo(name):
                return name
        except (ValueError, KeyError, OSError):
            continue
    return "UTC"


@dataclass
class Answers:
    host: str
    port: int | None
    security: str
    user: str
    password_command: str
    addresses: list[str]
    name: str
    timezone: str
    folder: str
    ca_file: str
    database: str

    def render(self) -> str:
        return CONFIG_TEMPLATE.format(
            host=_toml(self.host), security=_toml(self.security), user=_toml(self.user),
            port_line=f"port = {self.port}\n" if self.port else "",
            password_command=_toml(self.password_command), folder=_toml(self.folder),
            ca_line=f"ca_file = {_toml(self.ca_file)}\n" if self.ca_file else "",
            addresses=", ".join(_toml(a) for a in self.addresses), name=_toml(self.name),
            timezone=_toml(self.timezone), database=_toml(self.database))


class _Asker:
    """A flag's value, else a question (interactive), else the default; a required answer
    missing under --non-interactive is collected, so all of them are named at once."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        self.missing: list[str] = []

    def __call__(self, value: str | None, question: str, default: str | None,
                 flag: str = "") -> str:
        if value is not None:
            return value
        if self.interactive:
            return str(click.prompt(question, default=default))
        if default is None:
            self.missing.append(flag)
            return ""
        return default


def _gather(given: dict[str, Any], ask: _Asker) -> Answers:
    from followup.config import default_database_url

    user = ask(given["user"], "IMAP user name", None, "--user")
    security = ask(given["security"], "Security (tls/starttls/none)", "tls")
    password_command = ask(given["password_command"], "Command that prints the password",
                           None, "--password-command")
    addresses = list(given["addresses"]) or ask(
        None, "Your own address(es), comma-separated", user if "@" in user else None,
        "--address").split(",")
    return Answers(
        host=given["server"] or "", port=given["port"], security=security, user=user,
        password_command=password_command,
        addresses=[a.strip() for a in addresses if a.strip()],
        name=ask(given["name"], "Your name (for drafts)", ""),
        timezone=ask(given["timezone"], "Your time zone", system_timezone()),
        folder=ask(given["folder"], "Folder watched for notes", "INBOX"),
        ca_file=given["ca_file"], database=given["database"] or default_database_url())


@click.command("init")
@click.option("--server", help="IMAP server host name.")
@click.option("--port", type=int, default=None, help="IMAP port (default: by security).")
@click.option("--security", type=click.Choice(["tls", "starttls", "none"]), default=None,
              help="Implicit TLS (993), STARTTLS (143), or none (loopback only).")
@click.option("--user", help="IMAP user name.")
@click.option("--password-command", help="A command that prints the password "
              "(e.g. 'pass show mail/imap').")
@click.option("--address", "addresses", multiple=True,
              help="Your own address; notes are read only from these (repeatable).")
@click.option("--name", help="Your name, for the From of drafts.")
@click.option("--timezone", help="Your time zone (default: the system's).")
@click.option("--folder", default=None, help="The folder watched for notes (INBOX).")
@click.option("--ca-file", default="", help="A CA bundle for a self-signed server.")
@click.option("--database", default=None, help="Database URL (default: SQLite in "
              "$XDG_DATA_HOME/followup).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write (default: --config, $FOLLOWUP_CONFIG, or "
                   "~/.config/followup/config.toml).")
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
@click.option("--non-interactive", is_flag=True,
              help="Ask nothing: take the flags, fail on a missing one.")
@click.option("--no-check", is_flag=True, help="Do not connect to the server at the end.")
@click.pass_context
def init_command(ctx: click.Context, /, output: str | None, force: bool,
                 non_interactive: bool, no_check: bool, **given: Any) -> None:
    """Write a commented config from a few questions, then check the connection."""
    from followup.config import default_config_path
    from followup.errors import FollowupError, InputError

    path = Path(output or ctx.obj.get("config_path") or default_config_path()).expanduser()
    if path.exists() and not force:
        raise FollowupError(f"{path} exists; pass --force to overwrite it (nothing changed)")
    ask = _Asker(interactive=not non_interactive)
    given["server"] = ask(given["server"], "IMAP server", None, "--server")
    answers = _gather(given, ask)
    if ask.missing:
        raise InputError(f"--non-interactive needs {', '.join(ask.missing)} (nothing written)")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(path, answers.render())
    click.echo(printable(f"wrote {path}"))
    if not no_check:
        _check(ctx, path)


def _check(ctx: click.Context, path: Path) -> None:
    """The new config through `followup check`; its failure leaves the file for editing."""
    from followup.cli import check
    from followup.errors import FollowupError

    ctx.obj["config_path"] = str(path)
    try:
        ctx.invoke(check)
    except FollowupError as exc:
        exc.args = (f"{exc} (the config is written: edit {path}, then run "
                    "'followup check')",)
        raise
    click.echo("ready: start it with 'followup run' (or the systemd unit in README)")


def register(group: click.Group) -> None:
    group.add_command(init_command)
