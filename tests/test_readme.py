"""The README tells the truth: every `followup ...` command it shows runs as printed
(against the demo's Maildir and database), and every config key it shows is valid."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from followup.config import parse_config

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _commands() -> list[list[str]]:
    out = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("followup "):
                out.append(shlex.split(line)[1:])
    return out


COMMANDS = _commands()


def test_the_readme_shows_the_review_commands() -> None:
    shown = {tuple(c[:2]) for c in COMMANDS}
    for expected in (("contacts", "list"), ("drafts", "list"), ("notes", "list"),
                     ("contacts", "forget"), ("contacts", "export")):
        assert expected in shown


@pytest.fixture(scope="module")
def demo_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("readme-demo")
    done = subprocess.run([sys.executable, "-m", "followup", "demo", "--dir", str(directory)],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return directory / "config.toml"


def test_every_followup_command_runs(demo_config: Path, tmp_path: Path) -> None:
    note = ROOT / "followup" / "samples" / "01-phone-note.eml"
    ordered = sorted(COMMANDS, key=lambda c: "forget" in c)  # forget last: it deletes Jane
    for args in ordered:
        args = [str(note) if a == "note.eml" else a for a in args]
        args = [str(tmp_path / a) if a.endswith(".json") and "-o" in args else a for a in args]
        if args[:2] == ["run"] or args[:1] == ["run"]:
            continue  # the daemon itself is tested in test_e2e.py
        if "--yes" not in args and "forget" in args:
            args.append("--yes")
        done = subprocess.run([sys.executable, "-m", "followup", "--config", str(demo_config),
                               *args], capture_output=True, timeout=120)
        assert done.returncode == 0, (args, done.stderr.decode())


def test_toml_snippets_are_valid_config() -> None:
    for block in _blocks("toml"):
        if "[owner]" in block:
            parse_config(block)


def _console_examples() -> list[tuple[list[str], str]]:
    out = []
    for block in _blocks("console"):
        lines = block.splitlines()
        if lines and lines[0].startswith("$ followup parse "):
            out.append((shlex.split(lines[0][2:])[1:], "\n".join(lines[1:]).strip()))
    return out


@pytest.mark.parametrize(("args", "expected"), _console_examples())
def test_parse_examples_print_what_the_readme_shows(args: list[str], expected: str) -> None:
    done = subprocess.run([sys.executable, "-m", "followup", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


def test_the_config_error_example_is_real(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[imap]\nhots = "x"\nusername = "me@example.org"\n'
                   'password_command = "true"\n[owner]\naddresses = ["me@example.org"]\n'
                   'timezone = "Mars/Olympus"\n')
    done = subprocess.run([sys.executable, "-m", "followup", "--config", str(bad), "run",
                           "--once"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    shown = re.search(r"\$ followup --config bad.toml run --once\n(.*?)```", README, re.S)
    assert shown is not None
    for line in shown.group(1).strip().splitlines()[1:]:
        assert line.strip() in done.stderr
