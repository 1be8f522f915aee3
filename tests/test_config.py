"""Config: the issue's keys load; every problem is reported at once; exit code 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from followup.config import default_config_path, parse_config
from followup.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]

FULL = """
[imap]
host = "imap.example.org"
port = 993
security = "tls"
username = "me@example.org"
password_command = "pass show mail/imap"
ca_file = ""
folder = "INBOX"
drafts_folder = ""

[owner]
addresses = ["me@example.org", "Me@Other.example"]
name = "Sam Owner"
timezone = "Europe/Berlin"

[database]
url = "sqlite:///~/.local/share/followup/followup.db"

[drafting]
window = "09:00-17:00"
weekdays_only = true

[[sequence]]
after = "1d"
template = "nice-to-meet-you"
[[sequence]]
after = "2w"
template = "check-in"
"""


def test_issue_keys_load() -> None:
    cfg = parse_config(FULL)
    (acct,) = cfg.accounts
    assert acct.imap is not None and acct.imap.host == "imap.example.org"
    assert acct.imap.port == 993 and acct.imap.security == "tls"
    assert acct.imap.drafts_folder is None and acct.imap.ca_file is None
    assert acct.owner_addresses == ("me@example.org", "me@other.example")
    assert str(cfg.timezone) == "Europe/Berlin"
    assert "~" not in cfg.database_url and cfg.database_url.startswith("sqlite:////")
    assert [s.template for s in cfg.sequence] == ["nice-to-meet-you", "check-in"]
    assert cfg.window.weekdays_only is True
    assert acct.folders.processed == "Followup/Processed"


def test_example_file_is_valid() -> None:
    cfg = parse_config((ROOT / "config.example.toml").read_text())
    assert cfg.accounts[0].imap is not None


def test_every_problem_at_once() -> None:
    bad = """
[imap]
hots = "x"
security = "plain"
port = "993"
[owner]
addresses = "me@example.org"
timezone = "Mars/Olympus"
[drafting]
window = "9-5"
[[sequence]]
after = "soon"
template = "x"
"""
    with pytest.raises(ConfigError) as err:
        parse_config(bad)
    text = str(err.value)
    for needle in (
        "unknown key 'imap.hots' (did you mean 'imap.host'?)",
        "imap.host' is required",
        "imap.security",
        "imap.port' must be a whole number",
        "imap.username",
        "password_command",
        "owner.addresses",
        "Mars/Olympus",
        "drafting.window",
        "sequence[1].after",
    ):
        assert needle in text, f"{needle!r} missing from:\n{text}"


def test_exactly_one_backend() -> None:
    with pytest.raises(ConfigError, match="exactly one"):
        parse_config('[owner]\naddresses = ["a@b.example"]\n')
    with pytest.raises(ConfigError, match="exactly one"):
        parse_config(
            '[maildir]\npath = "/tmp/x"\n[imap]\nhost = "h"\nusername = "u"\n'
            'password_file = "/p"\n[owner]\naddresses = ["a@b.example"]\n'
        )


def test_accounts() -> None:
    cfg = parse_config("""
[owner]
addresses = ["me@example.org"]
[[accounts]]
name = "work"
[accounts.maildir]
path = "/tmp/work"
[accounts.owner]
addresses = ["me@work.example"]
[[accounts]]
name = "home"
[accounts.maildir]
path = "/tmp/home"
""")
    assert [a.name for a in cfg.accounts] == ["work", "home"]
    assert cfg.accounts[0].owner_addresses == ("me@work.example",)
    assert cfg.accounts[1].owner_addresses == ("me@example.org",)


def test_default_path_order(tmp_path: Path) -> None:
    assert default_config_path({"FOLLOWUP_CONFIG": "/x/c.toml"}) == Path("/x/c.toml")
    assert default_config_path({"XDG_CONFIG_HOME": "/cfg"}) == Path("/cfg/followup/config.toml")


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "followup", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_cli_bad_config_exit_2_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[imap]\nhost = 1\n")
    r = _cli("--config", str(path), "contacts", "list", "--json")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "imap.host' must be a string" in r.stderr and "owner.addresses" in r.stderr


def test_cli_missing_config_names_the_fix(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    r = _cli("run", "--once", env=env)
    assert r.returncode == 2
    assert "config.example.toml" in r.stderr and "Traceback" not in r.stderr


def test_each_problem_is_named_once() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config('[imap]\nhots = "x"\nusername = "u"\npassword_command = "true"\n'
                     '[owner]\naddresses = ["me@example.org"]\n')
    assert err.value.problems == ["unknown key 'imap.hots' (did you mean 'imap.host'?)",
                                  "'imap.host' is required"]


def test_unknown_template_is_a_config_error_at_start(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[maildir]\npath = "{tmp_path / "Mail"}"\n[owner]\n'
                    f'addresses = ["me@example.org"]\n[database]\n'
                    f'url = "sqlite:///{tmp_path / "f.db"}"\n'
                    '[[sequence]]\nafter = "1d"\ntemplate = "nope"\n')
    r = _cli("--config", str(path), "check")
    assert r.returncode == 2, r.stderr
    assert "no template 'nope'" in r.stderr and "Traceback" not in r.stderr


def test_reply_tracking_keys_load_with_defaults_and_per_account() -> None:
    config = parse_config(FULL)
    (acct,) = config.accounts
    assert acct.reply_folders == ("INBOX",) and acct.folders.sent is None
    assert config.discard_grace == 300
    config = parse_config(FULL + '\n[folders]\nwatch_replies = ["Archive", "INBOX"]\n'
                          'sent = "Sent Items"\n[daemon]\ndiscard_grace = 0\n')
    (acct,) = config.accounts
    assert acct.reply_folders == ("INBOX", "Archive")  # the watched folder once, first
    assert acct.folders.sent == "Sent Items" and config.discard_grace == 0


@pytest.mark.parametrize(("extra", "problem"), [
    ('[folders]\nwatch_replies = "Archive"\n', "'folders.watch_replies' must be"),
    ('[folders]\nwatch_replies = ["", 3]\n', "'folders.watch_replies' must be a list of folder"),
    ("[daemon]\ndiscard_grace = -1\n", "'daemon.discard_grace' must be 0 or more"),
])
def test_bad_reply_tracking_keys_are_reported(extra: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        parse_config(FULL + "\n" + extra)
