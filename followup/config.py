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
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.digest import WEEKDAYS, DigestSchedule
from followup.errors import ConfigError
from followup.planning import (
    DraftingWindow,
    SequenceStep,
    parse_interval,
    parse_window,
)

DEFAULT_PROCESSED = "Followup/Processed"
DEFAULT_REVIEW = "Followup/Needs review"


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    security: Literal["tls", "starttls", "none"]
    username: str
    password_command: str | None
    password_file: str | None
    ca_file: str | None
    folder: str
    drafts_folder: str | None
    idle_renew_seconds: int
    socket_timeout: int
    poll_interval: int
    fetch_batch: int


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


@dataclass(frozen=True)
class Config:
    path: Path | None
    accounts: tuple[AccountConfig, ...]
    owner_name: str
    timezone: ZoneInfo
    database_url: str
    window: DraftingWindow
    templates_dir: Path | None
    sequence: tuple[SequenceStep, ...]
    region: str
    max_message_bytes: int
    catchup_interval: int
    draft_interval: int
    parse_worker: bool = True
    batch_size: int = 200
    extra: Mapping[str, Any] = field(default_factory=dict)
    digest: DigestSchedule = field(default_factory=DigestSchedule)

    @property
    def owner_addresses(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for acct in self.accounts:
            seen.update(dict.fromkeys(acct.owner_addresses))
        return tuple(seen)


# --- the spec: section -> key -> (type, default) ------------------------------------------
_REQUIRED = object()
_Spec = dict[str, tuple[type | tuple[type, ...], Any]]

_IMAP: _Spec = {
    "host": (str, _REQUIRED),
    "port": (int, None),
    "security": (str, "tls"),
    "username": (str, _REQUIRED),
    "password_command": (str, None),
    "password_file": (str, None),
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
}
_DATABASE: _Spec = {"url": (str, "")}
_DRAFTING: _Spec = {
    "window": (str, "09:00-17:00"),
    "weekdays_only": (bool, True),
    "templates_dir": (str, ""),
}
_DAEMON: _Spec = {
    "catchup_interval": (int, 300),
    "draft_interval": (int, 60),
    "max_message_bytes": (int, 25 * 1024 * 1024),
    "parse_worker": (bool, True),
    "batch_size": (int, 200),
}
_PARSE: _Spec = {"region": (str, "US")}
_DIGEST: _Spec = {
    "enabled": (bool, True),
    "at": (str, "08:00"),
    "days": (list, ["mon", "tue", "wed", "thu", "fri"]),
}
_SEQUENCE: _Spec = {"after": (str, _REQUIRED), "template": (str, _REQUIRED)}
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
    known = {*_TOP_SECTIONS, "sequence", "accounts"}
    _unknown_keys("", data, known, p)
    # [imap] and [maildir] are checked with the account they belong to (_account)
    sec = {name: _section(data, name, spec, p) for name, spec in _TOP_SECTIONS.items()
           if name not in ("imap", "maildir")}
    owner = sec["owner"]
    timezone = _timezone(owner.get("timezone"), p)
    folders = _folders(sec["folders"])
    accounts = _accounts(data, sec, folders, p)
    window = _parsed(parse_window, sec["drafting"].get("window"), "drafting.window", p)
    sequence = _sequence(data.get("sequence"), p)
    db_url = sec["database"].get("url") or default_database_url(env)
    for key in ("batch_size", "max_message_bytes", "catchup_interval", "draft_interval"):
        value = sec["daemon"].get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value < 1:
            p.add(f"'daemon.{key}' must be at least 1, not {value}")
    digest = _digest(sec["digest"], p)
    if p.items or window is None or timezone is None or sequence is None:
        return None
    tdir = sec["drafting"].get("templates_dir")
    return Config(
        path=path,
        accounts=accounts,
        owner_name=owner.get("name") or "",
        timezone=timezone,
        database_url=_expand_sqlite_url(db_url),
        window=dataclasses.replace(
            window, weekdays_only=bool(sec["drafting"].get("weekdays_only", True))),
        templates_dir=Path(tdir).expanduser() if tdir else None,
        sequence=sequence,
        region=str(sec["parse"].get("region", "US")).upper(),
        max_message_bytes=int(sec["daemon"]["max_message_bytes"]),
        catchup_interval=int(sec["daemon"]["catchup_interval"]),
        draft_interval=int(sec["daemon"]["draft_interval"]),
        parse_worker=bool(sec["daemon"]["parse_worker"]),
        batch_size=int(sec["daemon"]["batch_size"]),
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
    return DigestSchedule(enabled=bool(sec.get("enabled", True)), at=at,
                          days=frozenset(days))


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
             float: "a number"}
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
    )


def _sequence(raw: Any, p: _Problems) -> tuple[SequenceStep, ...] | None:
    if raw is None:
        return tuple(SequenceStep(after=parse_interval(a), template=t)
                     for a, t in _DEFAULT_SEQUENCE)
    if not isinstance(raw, list) or not raw:
        p.add("'sequence' must be one or more [[sequence]] tables with 'after' and 'template'")
        return None
    steps: list[SequenceStep] = []
    for i, item in enumerate(raw, 1):
        vals = _section({"s": item}, "s", _SEQUENCE, p, prefix=f"sequence[{i}]")
        after = _parsed(parse_interval, vals.get("after"), f"sequence[{i}].after", p)
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
    if not raw.get("password_command") and not raw.get("password_file"):
        p.add(f"'{prefix}imap.password_command' or '{prefix}imap.password_file' is required "
              "(e.g. password_command = \"pass show mail/imap\")")
    port = raw.get("port") or (993 if security == "tls" else 143)
    if not all(isinstance(raw.get(k), str) for k in ("host", "username")):
        return None
    return ImapConfig(
        host=raw["host"], port=int(port), username=raw["username"],
        security=cast(Literal["tls", "starttls", "none"], security),
        password_command=raw.get("password_command") or None,
        password_file=str(Path(raw["password_file"]).expanduser())
        if raw.get("password_file") else None,
        ca_file=str(Path(raw["ca_file"]).expanduser()) if raw.get("ca_file") else None,
        folder=raw.get("folder") or "INBOX",
        drafts_folder=raw.get("drafts_folder") or None,
        idle_renew_seconds=int(raw["idle_renew_seconds"]),
        socket_timeout=int(raw["socket_timeout"]),
        poll_interval=int(raw["poll_interval"]),
        fetch_batch=int(raw["fetch_batch"]),
    )


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
