"""How the CLI prints, through the real entry point: tables on a terminal (a real pty),
plain lines when piped, NO_COLOR, --json, readable drafts, --version, exit codes."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

import followup
from followup.cli import main

ANSI_COLOUR = re.compile(rb"\x1b\[[0-9;]*m")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The entry point (`followup.cli.main`) in this process, output captured (a pipe)."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = saved
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def on_a_terminal(*args: str, env: dict[str, str] | None = None) -> bytes:
    """Run followup with its standard output on a pseudo-terminal; what it printed."""
    master, slave = pty.openpty()
    environ = {**os.environ, "COLUMNS": "140"}
    environ.pop("NO_COLOR", None)
    environ.update(env or {})
    proc = subprocess.Popen([sys.executable, "-m", "followup", *args], stdout=slave,
                            stderr=subprocess.DEVNULL, env=environ)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(master)
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("demo")
    assert run("demo", "--dir", str(directory)).returncode == 0
    return directory / "config.toml"


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"followup {followup.__version__}"


@pytest.mark.parametrize("listing", [["contacts", "list"], ["drafts", "list"],
                                     ["notes", "list"]])
def test_listings_table_on_a_terminal_plain_when_piped_json_on_request(
        demo: Path, listing: list[str]) -> None:
    piped = run("--config", str(demo), *listing)
    assert piped.returncode == 0 and "\x1b" not in piped.stdout
    assert all(line.split()[0].isdigit() for line in piped.stdout.splitlines())
    table = on_a_terminal("--config", str(demo), *listing)
    assert b"\xe2\x94" in table  # box drawing: a rich table
    assert b"id" in table.splitlines()[1] or b"id" in table
    plain_table = on_a_terminal("--config", str(demo), *listing, env={"NO_COLOR": "1"})
    assert b"\xe2\x94" in plain_table and not ANSI_COLOUR.search(plain_table)
    data = json.loads(run("--config", str(demo), *listing, "--json").stdout)
    assert isinstance(data, list) and data


def test_contacts_show_text_and_json(demo: Path) -> None:
    text = run("--config", str(demo), "contacts", "show", "jane@acme.example").stdout
    assert text.startswith("Jane Doe (contact ") and "met at:" in text
    assert "follow-ups:" in text and "notes:" in text
    data = json.loads(run("--config", str(demo), "contacts", "show", "jane@acme.example",
                          "--json").stdout)
    assert data["contact"]["emails"] == ["jane@acme.example"]


def test_drafts_show_is_decoded_text(demo: Path, tmp_path: Path) -> None:
    maildir = demo.parent / "Maildir" / "new"
    raw = (b"From: Sam Owner <sam@owner.example>\r\nTo: n@owner.example\r\n"
           b"Subject: =?utf-8?q?Treffen_M=C3=BCnchen?=\r\nDate: Fri, 15 May 2026 10:00:00 +0200"
           b"\r\nMessage-ID: <muc@owner.example>\r\nContent-Type: text/plain; charset=utf-8\r\n"
           b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
           b"met J=C3=BCrgen M=C3=BCller, juergen@muenchen.example, at the Oktoberfest "
           b"meetup in M=C3=BCnchen; talked about gr=C3=B6=C3=9Fere Projekte\r\n")
    (maildir / "1.muc.host").write_bytes(raw)
    assert run("--config", str(demo), "run", "--once").returncode == 0
    drafts = json.loads(run("--config", str(demo), "drafts", "list", "--json").stdout)
    mine = next(d for d in drafts if d["to"] == "juergen@muenchen.example")
    shown = run("--config", str(demo), "drafts", "show", str(mine["id"])).stdout
    assert "To: Jürgen Müller <juergen@muenchen.example>" in shown
    assert "Hi Jürgen" in shown and "=C3" not in shown and "Content-Transfer" not in shown


def test_exit_codes(demo: Path, tmp_path: Path) -> None:
    assert run("--config", str(demo), "contacts", "show", "nobody@x.example").returncode == 1
    assert run("--config", str(tmp_path / "none.toml"), "contacts", "list").returncode == 2
    assert run("--config", str(demo), "contacts", "frobnicate").returncode == 2  # usage
    assert run("--config", str(demo), "parse", str(tmp_path / "missing.eml")).returncode == 2
    no = run("--config", str(demo), "contacts", "forget", "jane@acme.example", stdin="n\n")
    assert no.returncode == 1 and "nothing changed" in no.stderr
    assert run("--config", str(demo), "contacts", "show", "jane@acme.example").returncode == 0


def test_digest_preview_writes_nothing(demo: Path) -> None:
    def digests() -> int:  # the demo's run may have written today's (weekdays from 08:00)
        return sum(b"X-Followup-Digest" in p.read_bytes()
                   for p in (demo.parent / "Maildir").rglob("*") if p.is_file())

    before = digests()
    shown = run("--config", str(demo), "digest")
    assert shown.returncode == 0 and "MET SINCE THE LAST DIGEST" in shown.stdout
    assert "Jane Doe" in shown.stdout
    assert digests() == before
