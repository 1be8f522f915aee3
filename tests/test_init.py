"""`followup init` against the suite's real Dovecot, `followup check` finding Sent, and
shell completion for bash, zsh and fish, all through the real entry point."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from dovecot import Dovecot

from followup.cli_setup import system_timezone


def run(*args: str, stdin: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup", *args], capture_output=True,
                          text=True, input=stdin, timeout=120,
                          env={**os.environ, **(env or {})})


def flags(dovecot: Dovecot, user: str, secret: Path, config: Path) -> list[str]:
    return ["init", "--non-interactive", "-o", str(config), "--server", dovecot.host,
            "--port", str(dovecot.port), "--security", "starttls", "--user", user,
            "--password-command", f"cat {secret}", "--address", "sam@owner.example",
            "--name", "Sam Owner", "--timezone", "Europe/Berlin", "--ca-file",
            dovecot.cafile, "--database", f"sqlite:///{config.parent / 'db' / 'f.db'}"]


def test_init_non_interactive_writes_a_private_config_and_checks_it(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str) -> None:
    secret = tmp_path / "secret"
    secret.write_text(dovecot.password + "\n")
    config = tmp_path / "conf" / "config.toml"
    done = run(*flags(dovecot, dovecot_user, secret, config))
    assert done.returncode == 0, done.stderr
    assert "reachable" in done.stdout and "sent mail in 'Sent'" in done.stdout
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    data = tomllib.loads(config.read_text())
    assert data["imap"]["password_command"] == f"cat {secret}"
    assert data["owner"]["timezone"] == "Europe/Berlin"
    assert "# followup configuration" in config.read_text()  # commented
    assert run("--config", str(config), "check").returncode == 0
    again = run(*flags(dovecot, dovecot_user, secret, config))
    assert again.returncode == 1 and "--force" in again.stderr


def test_init_with_a_wrong_password_keeps_the_file_and_says_what_next(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str) -> None:
    secret = tmp_path / "secret"
    secret.write_text("wrong\n")
    config = tmp_path / "config.toml"
    done = run(*flags(dovecot, dovecot_user, secret, config))
    assert done.returncode == 3, done.stderr
    assert config.exists() and "followup check" in done.stderr


def test_init_asks_and_reads_the_system_time_zone(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    answers = "imap.example.org\nme@example.org\n\npass show mail\n\nMe Myself\n\n\n"
    home = {"XDG_DATA_HOME": str(tmp_path / "data")}  # the default database: not in ~
    done = run("init", "-o", str(config), "--no-check", stdin=answers, env=home)
    assert done.returncode == 0, done.stderr + done.stdout
    data = tomllib.loads(config.read_text())
    assert data["imap"]["host"] == "imap.example.org"
    assert data["imap"]["security"] == "tls"
    assert data["owner"]["addresses"] == ["me@example.org"]
    assert data["owner"]["timezone"] == system_timezone()
    assert data["database"]["url"].startswith(f"sqlite:///{tmp_path / 'data'}")
    assert run("--config", str(config), "contacts", "list", env=home).returncode == 0


def test_init_non_interactive_names_the_missing_flags(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    done = run("init", "--non-interactive", "-o", str(config), "--server", "imap.example.org")
    assert done.returncode == 2 and "--user" in done.stderr and "--password-command" in done.stderr
    assert not config.exists()


def test_system_time_zone_from_tz() -> None:
    assert system_timezone({"TZ": "America/Chicago"}) == "America/Chicago"
    assert system_timezone({"TZ": "Not/AZone"}) in (system_timezone({}), "UTC")


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o"), ("zsh", "compdef"),
                                           ("fish", "--command followup")])
def test_completion_scripts(shell: str, marker: str) -> None:
    done = run(env={"_FOLLOWUP_COMPLETE": f"{shell}_source"})
    assert done.returncode == 0 and marker in done.stdout


def completions(words: str, cword: int) -> set[str]:
    done = run(env={"_FOLLOWUP_COMPLETE": "bash_complete", "COMP_WORDS": words,
                    "COMP_CWORD": str(cword)})
    return {line.split(",", 1)[1] for line in done.stdout.splitlines()}


def test_completion_completes_commands_and_options() -> None:
    assert "contacts" in completions("followup con", 1)
    assert {"vcard", "json", "csv"} <= completions("followup export --format ", 3)


def test_completion_in_a_real_bash() -> None:
    """The documented line, in bash itself: eval the script, ask for a completion."""
    bindir = Path(sys.executable).parent
    if not (bindir / "followup").exists():
        pytest.skip("the followup script is not installed beside this python")
    script = ('eval "$(_FOLLOWUP_COMPLETE=bash_source followup)"; '
              'COMP_WORDS=(followup ex); COMP_CWORD=1; _followup_completion followup; '
              'echo "${COMPREPLY[@]}"')
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}"})
    assert set(done.stdout.split()) == {"export"}, done.stderr
