"""The TOML configuration: read, validate (every problem at once), and typed frozen values.

One spec (`_SECTIONS`) names every key of every section with its type and default; the
loader reports unknown keys with a suggestion, wrong types and bad values together, so a
user fixes the file in one pass (as khard and todoman do).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
import shlex
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.digest import WEEKDAYS, DigestSchedule
from followup.errors import ConfigError
from followup.planning import (
    DEFAULT_SEQUENCE,
    DraftingWindow,
    FollowUpSequence,
    Holidays,
    SequenceStep,
    country_holidays,
    parse_interval,
    parse_window,
)
from followup.secrets import PASSWORD_SOURCES, TOKEN_SOURCES, SecretSpec

DEFAULT_PROCESSED = "Followup/Processed"
DEFAULT_REVIEW = "Followup/Needs review"


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    security: Literal["tls", "starttls", "none"]
    username: str
    secret: SecretSpec  # where the password or OAuth2 token comes from
    ca_file: str | None
    folder: str
    drafts_folder: str | None
    idle_renew_seconds: int
    socket_timeout: int
    poll_interval: int
    fetch_batch: int
    auth: Literal["password", "xoauth2", "oauthbearer"] = "password"


@dataclass(frozen=True)
class MaildirConfig:
    path: Path
    layout: Literal["verbatim", "maildir++"]
    drafts_folder: str
    poll_interval: float


@dataclass(frozen=True)
class FolderConfig:
    processed: str = DEFAULT_PROCESSED
    needs_review: str = DEFAULT_REVIEW
    ignored: str | None = None  # None: strangers' mail stays in the inbox untouched
    # further folders where a contact's reply may land (the watched folder always counts)
    watch_replies: tuple[str, ...] = ()
    sent: str | None = None  # None: the folder flagged \Sent (RFC 6154), else "Sent"


@dataclass(frozen=True)
class AccountConfig:
    """One watched mailbox and whose mail in it counts as notes."""

    name: str
    imap: ImapConfig | None
    maildir: MaildirConfig | None
    owner_addresses: tuple[str, ...]
    authserv_id: str | None
    folders: FolderConfig

    @property
    def watched_folder(self) -> str:
        return self.imap.folder if self.imap else "INBOX"

    @property
    def reply_folders(self) -> tuple[str, ...]:
        """Where a contact's reply is looked for: the watched folder, then watch_replies."""
        return tuple(dict.fromkeys((self.watched_folder, *self.folders.watch_replies)))


@dataclass(frozen=True)
class Config:
    path: Path | None
    accounts: tuple[AccountConfig, ...]
    owner_name: str
    timezone: ZoneInfo
    database_url: str
    window: DraftingWindow
    templates_dir: Path | None
    sequence: tuple[SequenceStep, ...]  # the default sequence's steps
    region: str
    max_message_bytes: int
    catchup_interval: int
    draft_interval: int
    parse_worker: bool = True
    batch_size: int = 200
    discard_grace: int = 300  # seconds a draft is missing (and not in Sent) before discarded
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Every named sequence, "default" first (its steps are `sequence`), in config order.
    sequences: Mapping[str, FollowUpSequence] = field(default_factory=dict)
    digest: DigestSchedule = field(default_factory=DigestSchedule)

    @property
    def owner_addresses(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for acct in self.accounts:
            seen.update(dict.fromkeys(acct.owner_addresses))
        return tuple(seen)

    @property
    def digest_reply_to(self) -> str:
        """The address the digest's mailto: links and Reply-To name: `[digest] reply_to`,
        else the first owner address of the first account (whose folder gets the digest)."""
        if self.digest.reply_to:
            return self.digest.reply_to
        return self.accounts[0].owner_addresses[0] if self.accounts else "me@localhost"


# --- the spec: section -> key -> (type, default) ------------------------------------------
_REQUIRED = object()
_Spec = dict[str, tuple[type | tuple[type, ...], Any]]

_IMAP: _Spec = {
    "host": (str, _REQUIRED),
    "port": (int, None),
    "security": (str, "tls"),
    "username": (str, _REQUIRED),
    "auth": (str, "password"),
    "password_command": ((str, list), None),
    "password_file": (str, None),
    "password_env": (str, None),
    "password_credential": (str, None),
    "password_keyring": (dict, None),
    "oauth2_token_command": ((str, list), None),
    "oauth2_token_file": (str, None),
    "secret_command_timeout": (int, 60),
    "ca_file": (str, ""),
    "folder": (str, "INBOX"),
    "drafts_folder": (str, ""),
    "idle_renew_seconds": (int, 540),
    "socket_timeout": (int, 120),
    "poll_interval": (int, 60),
    "fetch_batch": (int, 100),
}
_MAILDIR: _Spec = {
    "path": (str, _REQUIRED),
    "layout": (str, "verbatim"),
    "drafts_folder": (str, "Drafts"),
    "poll_interval": ((int, float), 1.0),
}
_OWNER: _Spec = {
    "addresses": (list, _REQUIRED),
    "name": (str, ""),
    "timezone": (str, "UTC"),
    "authserv_id": (str, ""),
}
_FOLDERS: _Spec = {
    "processed": (str, DEFAULT_PROCESSED),
    "needs_review": (str, DEFAULT_REVIEW),
    "ignored": (str, ""),
    "watch_replies": (list, []),
    "sent": (str, ""),
}
_DATABASE: _Spec = {"url": (str, "")}
_DRAFTING: _Spec = {
    "window": (str, "09:00-17:00"),
    "weekdays_only": (bool, True),
    "templates_dir": (str, ""),
    "holidays": (list, []),
    "holidays_country": (str, ""),
    "holidays_subdivision": (str, ""),
}
_DAEMON: _Spec = {
    "catchup_interval": (int, 300),
    "draft_interval": (int, 60),
    "max_message_bytes": (int, 25 * 1024 * 1024),
    "parse_worker": (bool, True),
    "batch_size": (int, 200),
    "discard_grace": (int, 300),
}
_PARSE: _Spec = {"region": (str, "US")}
_DIGEST: _Spec = {
    "enabled": (bool, True),
    "at": (str, "08:00"),
    "days": (list, ["mon", "tue", "wed", "thu", "fri"]),
    "reply_to": (str, ""),
}
_SEQUENCE: _Spec = {"after": (str, _REQUIRED), "template": (str, _REQUIRED)}
_NAMED_SEQUENCE: _Spec = {"steps": (list, _REQUIRED), "tags": (list, []), "language": (str, "")}
_SEQUENCE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2}$")
_ACCOUNT: _Spec = {"name": (str, "")}

_TOP_SECTIONS = {
    "imap": _IMAP,
    "maildir": _MAILDIR,
    "owner": _OWNER,
    "folders": _FOLDERS,
    "database": _DATABASE,
    "drafting": _DRAFTING,
    "daemon": _DAEMON,
    "parse": _PARSE,
    "digest": _DIGEST,
}
_DEFAULT_SEQUENCE = (("1d", "nice-to-meet-you"), ("2w", "check-in"))


class _Problems:
    """Collects every problem found, so the user sees them all at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    """$FOLLOWUP_CONFIG, else $XDG_CONFIG_HOME/followup/config.toml (~/.config by default)."""
    env = os.environ if env is None else env
    if env.get("FOLLOWUP_CONFIG"):
        return Path(env["FOLLOWUP_CONFIG"]).expanduser()
    base = env.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    return Path(base) / "followup" / "config.toml"


def default_database_url(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or str(Path("~/.local/share").expanduser())
    return f"sqlite:///{Path(base) / 'followup' / 'followup.db'}"


def load_config(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read and validate the config file; raise ConfigError listing every problem."""
    cfg_path = Path(path).expanduser() if path else default_config_path(env)
    try:
        text = cfg_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            [f"no config file at {cfg_path}: copy config.example.toml there "
             "(or pass --config PATH, or set $FOLLOWUP_CONFIG)"]
        ) from None
    except OSError as exc:
        raise ConfigError([f"cannot read {cfg_path}: {exc.strerror}"]) from None
    return parse_config(text, cfg_path, env)


def parse_config(text: str, path: Path | None = None,
                 env: Mapping[str, str] | None = None) -> Config:
    """Validate TOML text into a Config (separate from reading, for tests)."""
    where = str(path) if path else None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"not valid TOML: {exc}"], where) from None
    problems = _Problems()
    config = _build(data, path, env, problems)
    if problems.items or config is None:
        raise ConfigError(problems.items or ["unusable configuration"], where)
    return config


def _build(data: dict[str, Any], path: Path | None, env: Mapping[str, str] | None,
           p: _Problems) -> Config | None:
    known = {*_TOP_SECTIONS, "sequence", "sequences", "accounts"}
    _unknown_keys("", data, known, p)
    # [imap] and [maildir] are checked with the account they belong to (_account)
    sec = {name: _section(data, name, spec, p) for name, spec in _TOP_SECTIONS.items()
           if name not in ("imap", "maildir")}
    owner = sec["owner"]
    timezone = _timezone(owner.get("timezone"), p)
    folders = _folders(sec["folders"])
    accounts = _accounts(data, sec, folders, p)
    window = _parsed(parse_window, sec["drafting"].get("window"), "drafting.window", p)
    sequences = _sequences(data, p)
    holidays = _holidays(sec["drafting"], p)
    db_url = sec["database"].get("url") or default_database_url(env)
    for key in ("batch_size", "max_message_bytes", "catchup_interval", "draft_interval"):
        value = sec["daemon"].get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value < 1:
            p.add(f"'daemon.{key}' must be at least 1, not {value}")
    grace = sec["daemon"].get("discard_grace")
    if isinstance(grace, int) and grace < 0:
        p.add(f"'daemon.discard_grace' must be 0 or more seconds, not {grace}")
    replies = sec["folders"].get("watch_replies")
    if isinstance(replies, list) and not all(isinstance(f, str) and f for f in replies):
        p.add("'folders.watch_replies' must be a list of folder names, e.g. [\"Archive\"]")
    digest = _digest(sec["digest"], p)
    owned = {a.lower() for acct in accounts for a in acct.owner_addresses}
    if digest.reply_to and digest.reply_to.lower() not in owned:
        p.add(f"'digest.reply_to' = {digest.reply_to!r} is not one of the owner addresses "
              f"({', '.join(sorted(owned)) or 'none'}): commands by mail are only read from "
              "them; add it to [owner] addresses or pick one of those")
    if p.items or window is None or timezone is None or sequences is None:
        return None
    tdir = sec["drafting"].get("templates_dir")
    return Config(
        path=path,
        accounts=accounts,
        owner_name=owner.get("name") or "",
        timezone=timezone,
        database_url=_expand_sqlite_url(db_url),
        window=dataclasses.replace(
            window, weekdays_only=bool(sec["drafting"].get("weekdays_only", True)),
            holidays=holidays),
        templates_dir=Path(tdir).expanduser() if tdir else None,
        sequence=sequences[DEFAULT_SEQUENCE].steps,
        sequences=sequences,
        region=str(sec["parse"].get("region", "US")).upper(),
        max_message_bytes=int(sec["daemon"]["max_message_bytes"]),
        catchup_interval=int(sec["daemon"]["catchup_interval"]),
        draft_interval=int(sec["daemon"]["draft_interval"]),
        parse_worker=bool(sec["daemon"]["parse_worker"]),
        batch_size=int(sec["daemon"]["batch_size"]),
        discard_grace=int(sec["daemon"]["discard_grace"]),
        digest=digest,
    )


def _digest(sec: Mapping[str, Any], p: _Problems) -> DigestSchedule:
    """[digest]: `at` a local time HH:MM, `days` weekday names (mon ... sun)."""
    at = dt.time(8, 0)
    try:
        at = dt.time.fromisoformat(str(sec.get("at", "08:00")))
    except ValueError:
        p.add(f"'digest.at' = {sec.get('at')!r} is not a time like '08:00'")
    days: set[int] = set()
    for day in sec.get("days") or []:
        name = str(day).strip().lower()[:3]
        if name in WEEKDAYS:
            days.add(WEEKDAYS.index(name))
        else:
            p.add(f"'digest.days': {day!r} is not a weekday (mon, tue, ... sun)")
    reply_to = str(sec.get("reply_to") or "").strip() or None
    return DigestSchedule(enabled=bool(sec.get("enabled", True)), at=at,
                          days=frozenset(days), reply_to=reply_to)


def _unknown_keys(prefix: str, table: Mapping[str, Any], known: set[str] | Mapping[str, Any],
                  p: _Problems) -> None:
    for key in table:
        if key not in known:
            hint = difflib.get_close_matches(key, list(known), n=1)
            did = f" (did you mean '{prefix}{hint[0]}'?)" if hint else ""
            p.add(f"unknown key '{prefix}{key}'{did}")


def _section(data: Mapping[str, Any], name: str, spec: _Spec, p: _Problems,
             prefix: str | None = None) -> dict[str, Any]:
    """Check one table against its spec; return its values with defaults filled in."""
    label = prefix if prefix is not None else name
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        p.add(f"'{label}' must be a table ([{label}])")
        return {}
    _unknown_keys(f"{label}.", raw, spec, p)
    out: dict[str, Any] = {}
    for key, (typ, default) in spec.items():
        if key not in raw:
            if default is _REQUIRED:
                out[key] = None
                if name in data or prefix is not None:
                    p.add(f"'{label}.{key}' is required")
            else:
                out[key] = default
            continue
        value = raw[key]
        if isinstance(value, bool) and typ is not bool:
            p.add(f"'{label}.{key}' must be {_type_name(typ)}, not true/false")
        elif not isinstance(value, typ):
            p.add(f"'{label}.{key}' must be {_type_name(typ)}, not {type(value).__name__}")
        out[key] = value
    return out


def _type_name(typ: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", bool: "true or false", list: "a list",
             float: "a number", dict: "a table"}
    if typ == (str, list):
        return "a string or a list of strings"
    if isinstance(typ, tuple):
        return names.get(typ[-1], "a number")
    return names.get(typ, typ.__name__)


def _timezone(name: Any, p: _Problems) -> ZoneInfo | None:
    if not isinstance(name, str):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        p.add(f"'owner.timezone' = {name!r} is not a time zone name (like 'Europe/Berlin')")
        return None


def _parsed(fn: Callable[[str], Any], value: Any, key: str, p: _Problems) -> Any:
    if not isinstance(value, str):
        return None
    try:
        return fn(value)
    except ValueError as exc:
        p.add(f"'{key}' = {value!r}: {exc}")
        return None


def _folders(raw: Mapping[str, Any]) -> FolderConfig:
    return FolderConfig(
        processed=raw.get("processed") or DEFAULT_PROCESSED,
        needs_review=raw.get("needs_review") or DEFAULT_REVIEW,
        ignored=raw.get("ignored") or None,
        watch_replies=tuple(f for f in raw.get("watch_replies") or () if isinstance(f, str) and f),
        sent=raw.get("sent") or None,
    )


def _holidays(drafting: Mapping[str, Any], p: _Problems) -> Holidays:
    """`[drafting] holidays` (ISO dates) and `holidays_country` (+ `holidays_subdivision`)."""
    dates: set[dt.date] = set()
    for value in drafting.get("holidays") or []:
        day = value if isinstance(value, dt.date) else None  # TOML's own dates: 2026-12-24
        if isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                day = None
        if day is None or isinstance(day, dt.datetime):
            p.add(f"'drafting.holidays': {value!r} is not a date: write \"YYYY-MM-DD\"")
        else:
            dates.add(day)
    country = (drafting.get("holidays_country") or "").strip().upper() or None
    subdivision = (drafting.get("holidays_subdivision") or "").strip().upper() or None
    if subdivision and not country:
        p.add("'drafting.holidays_subdivision' needs 'drafting.holidays_country'")
    if country:
        try:
            country_holidays(country, subdivision)
        except ValueError as exc:
            p.add(f"'drafting.holidays_country' = {country!r}"
                  f"{f' / {subdivision!r}' if subdivision else ''}: {exc}")
            country = subdivision = None
    return Holidays(dates=frozenset(dates), country=country, subdivision=subdivision)


def _sequences(data: Mapping[str, Any], p: _Problems) -> dict[str, FollowUpSequence] | None:
    """`[sequences.NAME]` tables (or `[[sequences.NAME]]` step lists); the old `[[sequence]]`
    is the default sequence, as before; without either, the built-in default."""
    named = data.get("sequences", {})
    if not isinstance(named, dict):
        p.add("'sequences' must be tables: [sequences.default], [sequences.investor], ...")
        return None
    old = data.get("sequence")
    if old is not None and DEFAULT_SEQUENCE in named:
        p.add("both [[sequence]] and [sequences.default] are set: keep one (they are the same "
              "thing; [[sequence]] is the older spelling)")
    out = {DEFAULT_SEQUENCE: FollowUpSequence(DEFAULT_SEQUENCE, _sequence(old, p) or ())}
    for name, raw in named.items():
        seq = _named_sequence(str(name), raw, p)
        if seq is not None:
            out[seq.name] = seq
    return out


def _named_sequence(name: str, raw: Any, p: _Problems) -> FollowUpSequence | None:
    label = f"sequences.{name}"
    if not _SEQUENCE_NAME_RE.match(name):
        p.add(f"'{label}': a sequence name is lower-case letters, digits, '-' or '_'")
        return None
    if isinstance(raw, list):  # [[sequences.NAME]]: just the steps
        raw = {"steps": raw}
    vals = _section({"s": raw}, "s", _NAMED_SEQUENCE, p, prefix=label)
    steps = _sequence(vals.get("steps"), p, label=f"{label}.steps") or ()
    tags = vals.get("tags") or []
    if not all(isinstance(t, str) and t.strip() for t in tags):
        p.add(f"'{label}.tags' must be a list of words, e.g. [\"investor\"]")
        tags = []
    language = (vals.get("language") or "").strip().lower() or None
    if language and not _LANGUAGE_RE.match(language):
        p.add(f"'{label}.language' = {language!r}: write a two-letter code such as \"de\"")
        language = None
    return FollowUpSequence(name, steps, tuple(t.strip().lstrip("#").lower() for t in tags),
                            language)


def _sequence(raw: Any, p: _Problems, label: str = "sequence"
              ) -> tuple[SequenceStep, ...] | None:
    if raw is None and label == "sequence":
        return tuple(SequenceStep(after=parse_interval(a), template=t)
                     for a, t in _DEFAULT_SEQUENCE)
    if not isinstance(raw, list) or not raw:
        p.add(f"'{label}' must be one or more steps (tables with 'after' and 'template')")
        return None
    steps: list[SequenceStep] = []
    for i, item in enumerate(raw, 1):
        vals = _section({"s": item}, "s", _SEQUENCE, p, prefix=f"{label}[{i}]")
        after = _parsed(parse_interval, vals.get("after"), f"{label}[{i}].after", p)
        tmpl = vals.get("template")
        if after is not None and isinstance(tmpl, str) and tmpl:
            steps.append(SequenceStep(after=after, template=tmpl))
    return tuple(steps)


def _accounts(data: Mapping[str, Any], sec: Mapping[str, dict[str, Any]], folders: FolderConfig,
              p: _Problems) -> tuple[AccountConfig, ...]:
    raw_accounts = data.get("accounts")
    if raw_accounts is None:
        return (_account("default", data, sec["owner"], folders, p, ""),)
    if not isinstance(raw_accounts, list) or not raw_accounts:
        p.add("'accounts' must be one or more [[accounts]] tables")
        return ()
    if "imap" in data or "maildir" in data:
        p.add("use either top-level [imap]/[maildir] or [[accounts]] entries, not both")
    out = []
    for i, acct in enumerate(raw_accounts, 1):
        if not isinstance(acct, dict):
            p.add(f"accounts[{i}] must be a table")
            continue
        label = f"accounts[{i}]"
        _unknown_keys(f"{label}.", acct, {"name", "imap", "maildir", "owner", "folders"}, p)
        name = acct.get("name") or f"account{i}"
        owner = {**sec["owner"], **_section(acct, "owner", {
            k: (t, None) for k, (t, _d) in _OWNER.items()}, p, prefix=f"{label}.owner")}
        owner = {k: v if v is not None else sec["owner"].get(k) for k, v in owner.items()}
        fold = _folders({**vars(folders), **{k: v for k, v in _section(
            acct, "folders", _FOLDERS, p, prefix=f"{label}.folders").items()
            if k in acct.get("folders", {})}})
        out.append(_account(str(name), acct, owner, fold, p, f"{label}."))
    names = [a.name for a in out]
    if len(set(names)) != len(names):
        p.add("every [[accounts]] entry needs a different 'name'")
    return tuple(out)


def _account(name: str, data: Mapping[str, Any], owner: Mapping[str, Any], folders: FolderConfig,
             p: _Problems, prefix: str) -> AccountConfig:
    has_imap, has_maildir = "imap" in data, "maildir" in data
    if has_imap == has_maildir:
        p.add(f"'{prefix}imap' or '{prefix}maildir': exactly one of the two must be set "
              "(see config.example.toml)")
    imap = _imap(_section(data, "imap", _IMAP, p, prefix=f"{prefix}imap"), prefix, p) \
        if has_imap else None
    maildir = _maildir(_section(data, "maildir", _MAILDIR, p, prefix=f"{prefix}maildir"),
                       prefix, p) if has_maildir else None
    addresses = _addresses(owner.get("addresses"), p)
    return AccountConfig(
        name=name, imap=imap, maildir=maildir, owner_addresses=addresses,
        authserv_id=owner.get("authserv_id") or None, folders=folders,
    )


def _addresses(raw: Any, p: _Problems) -> tuple[str, ...]:
    if raw is None:
        p.add("'owner.addresses' is required: the addresses you send notes from")
        return ()
    if not isinstance(raw, list) or not raw or not all(isinstance(a, str) for a in raw):
        p.add("'owner.addresses' must be a non-empty list of email addresses")
        return ()
    bad = [a for a in raw if a.count("@") != 1 or " " in a.strip() or a.strip() != a]
    for a in bad:
        p.add(f"'owner.addresses': {a!r} is not a plain address like me@example.org")
    return tuple(a.lower() for a in raw if a not in bad)


def _imap(raw: dict[str, Any], prefix: str, p: _Problems) -> ImapConfig | None:
    security = raw.get("security")
    if security not in ("tls", "starttls", "none"):
        p.add(f"'{prefix}imap.security' must be \"tls\", \"starttls\" or \"none\"")
    auth = raw.get("auth")
    if auth not in ("password", "xoauth2", "oauthbearer"):
        p.add(f"'{prefix}imap.auth' must be \"password\", \"xoauth2\" or \"oauthbearer\"")
    secret = _secret(raw, f"{prefix}imap.", auth == "password", p)
    ca_file = str(Path(raw["ca_file"]).expanduser()) if raw.get("ca_file") else None
    if ca_file and not Path(ca_file).is_file():
        p.add(f"'{prefix}imap.ca_file' = {ca_file!r}: no such file (the CA certificate that "
              "signed the server's certificate, in PEM)")
    port = raw.get("port") or (993 if security == "tls" else 143)
    if secret is None or not all(isinstance(raw.get(k), str) for k in ("host", "username")):
        return None
    return ImapConfig(
        host=raw["host"], port=int(port), username=raw["username"],
        security=cast(Literal["tls", "starttls", "none"], security),
        auth=cast(Literal["password", "xoauth2", "oauthbearer"], auth),
        secret=secret, ca_file=ca_file,
        folder=raw.get("folder") or "INBOX",
        drafts_folder=raw.get("drafts_folder") or None,
        idle_renew_seconds=int(raw["idle_renew_seconds"]),
        socket_timeout=int(raw["socket_timeout"]),
        poll_interval=int(raw["poll_interval"]),
        fetch_batch=int(raw["fetch_batch"]),
    )


def _secret(raw: dict[str, Any], prefix: str, password: bool,
            p: _Problems) -> SecretSpec | None:
    """Exactly one source of the password (auth = "password") or of the token (OAuth2)."""
    wanted, other = (PASSWORD_SOURCES, TOKEN_SOURCES) if password else \
        (TOKEN_SOURCES, PASSWORD_SOURCES)
    given = [k for k in wanted if raw.get(k) is not None]
    switch = '"xoauth2"' if password else '"password"'
    for key in (k for k in other if raw.get(k) is not None):
        p.add(f"'{prefix}{key}' is not used with auth = {raw.get('auth')!r}: remove it, or "
              f"set auth = {switch}")
    if len(given) != 1:
        choice = "', '".join(prefix + k for k in wanted)
        example = ('password_command = "pass show mail/imap"' if password
                   else 'oauth2_token_command = "oama access me@gmail.com"')
        p.add(f"{'one' if not given else 'only one'} of '{choice}' is "
              f"{'required' if not given else 'allowed'} (e.g. {example})")
        return None
    key = given[0]
    timeout = raw.get("secret_command_timeout")
    if isinstance(timeout, int) and timeout < 1:
        p.add(f"'{prefix}secret_command_timeout' must be at least 1, not {timeout}")
    target = _secret_target(key, raw[key], raw.get("username"), f"{prefix}{key}", p)
    if target is None:
        return None
    return SecretSpec(key=key, target=target, timeout=float(timeout or 60))


def _secret_target(key: str, value: Any, username: Any, label: str,
                   p: _Problems) -> tuple[str, ...] | None:
    if key.endswith("_command"):
        return _command(value, label, p)
    if key == "password_keyring":
        return _keyring(value, username, label, p)
    if not isinstance(value, str) or not value:
        return None  # a wrong type is reported by _section already
    if key.endswith("_file"):
        return (str(Path(value).expanduser()),)
    if key == "password_credential" and ("/" in value or value in (".", "..")):
        p.add(f"'{label}' is a credential name (as in LoadCredential=NAME:...), not a path")
        return None
    return (value,)


def _command(value: Any, label: str, p: _Problems) -> tuple[str, ...] | None:
    """A command's argv: a list as it is, a string split into words like a shell would, but
    refused when it needs a shell (pipes, variables, redirections)."""
    if isinstance(value, list):
        if not value or not all(isinstance(v, str) and v for v in value):
            p.add(f"'{label}' as a list must hold the program and its arguments, as strings")
            return None
        return (str(Path(value[0]).expanduser()), *value[1:])
    if not isinstance(value, str):
        return None
    try:
        lexer = shlex.shlex(value, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
    except ValueError as exc:
        p.add(f"'{label}' = {value!r}: {exc}")
        return None
    if any(c in value for c in "$`") or any(w and set(w) <= set("|&;<>()") for w in words):
        p.add(f"'{label}' = {value!r} needs a shell, and followup runs commands without "
              f"one: write it as a list, e.g. {label.rpartition('.')[2]} = "
              f"[\"sh\", \"-c\", {value!r}]")
        return None
    if not words:
        p.add(f"'{label}' is empty")
        return None
    return tuple(str(Path(w).expanduser()) if w.startswith("~") else w for w in words)


def _keyring(value: Any, username: Any, label: str, p: _Problems) -> tuple[str, ...] | None:
    if not isinstance(value, dict):
        return None
    _unknown_keys(f"{label}.", value, {"service", "username"}, p)
    service, user = value.get("service"), value.get("username", username)
    if not isinstance(service, str) or not service or not isinstance(user, str) or not user:
        p.add(f"'{label}' needs service = \"...\" (and username, when it is not the IMAP "
              "user name), e.g. password_keyring = { service = \"imap.example.org\" }")
        return None
    return (service, user)


def _maildir(raw: dict[str, Any], prefix: str, p: _Problems) -> MaildirConfig | None:
    layout = raw.get("layout") or "verbatim"
    if layout not in ("verbatim", "maildir++"):
        p.add(f"'{prefix}maildir.layout' must be \"verbatim\" or \"maildir++\"")
    if not isinstance(raw.get("path"), str):
        return None
    return MaildirConfig(
        path=Path(raw["path"]).expanduser(),
        layout=cast(Literal["verbatim", "maildir++"], layout),
        drafts_folder=str(raw.get("drafts_folder") or "Drafts"),
        poll_interval=float(raw.get("poll_interval") or 1.0),
    )


def _expand_sqlite_url(url: str) -> str:
    """Expand '~' in sqlite file URLs (SQLAlchemy does not)."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and url[len(prefix):].startswith("~"):
        return prefix + str(Path(url[len(prefix):]).expanduser())
    return url
