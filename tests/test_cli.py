"""The command line as a user types it: demo, check, lists, export and forget, parse."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from followup.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "followup", *args], capture_output=True,
                          input=stdin, timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("demo")
    result = run("demo", "--dir", str(directory))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "Jane Doe" in out and "drafted" in out
    return directory / "config.toml"


def test_demo_makes_contacts_drafts_and_ignores_the_stranger(demo: Path) -> None:
    people = json.loads(run("--config", str(demo), "contacts", "list", "--json").stdout)
    emails = sorted(e for p in people for e in p["emails"])
    assert "jane@acme.example" in emails and "mallory@evil.example" not in emails
    assert len(people) >= 3
    drafts_dir = demo.parent / "Maildir" / "Drafts" / "cur"
    files = list(drafts_dir.iterdir())
    assert files and all(f.name.endswith(":2,DS") for f in files)
    notes = json.loads(run("--config", str(demo), "notes", "list", "--json").stdout)
    assert {n["status"] for n in notes} <= {"processed", "needs-review", "ignored"}
    assert [n["reason"] for n in notes if n["status"] == "ignored"] == [
        "not from an owner address: mallory@evil.example"]


def test_demo_again_adds_nothing(demo: Path) -> None:
    before = run("--config", str(demo), "drafts", "list", "--json").stdout
    result = run("demo", "--dir", str(demo.parent))
    assert result.returncode == 0
    assert "0 note(s) processed" in result.stderr.decode()
    assert run("--config", str(demo), "drafts", "list", "--json").stdout == before


def test_check(demo: Path) -> None:
    result = run("--config", str(demo), "check")
    assert result.returncode == 0, result.stderr
    assert b"reachable" in result.stdout


def test_show_export_forget(demo: Path, tmp_path: Path) -> None:
    shown = json.loads(run("--config", str(demo), "contacts", "show", "jane@acme.example",
                           "--json").stdout)
    assert "jane@acme.example" in json.dumps(shown)
    out = tmp_path / "jane.json"
    assert run("--config", str(demo), "contacts", "export", "Jane Doe", "-o", str(out)
               ).returncode == 0
    assert "PyCon" in out.read_text()
    missing = run("--config", str(demo), "contacts", "show", "nobody@nowhere.example")
    assert missing.returncode == 1 and b"no contact matches" in missing.stderr
    assert run("--config", str(demo), "contacts", "forget", "jane@acme.example", "--yes"
               ).returncode == 0
    people = json.loads(run("--config", str(demo), "contacts", "list", "--json").stdout)
    assert all("jane@acme.example" not in p["emails"] for p in people)
    drafts = json.loads(run("--config", str(demo), "drafts", "list", "--json").stdout)
    assert all(d["to"] != "jane@acme.example" for d in drafts)


def test_parse_from_stdin_and_unreadable_file() -> None:
    note = (b"From: Sam <sam@owner.example>\r\nDate: Thu, 14 May 2026 18:02:00 -0700\r\n\r\n"
            b"met Jane Doe, jane@acme.example, at PyCon\r\n")
    result = run("parse", "-", "--json", stdin=note)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["contacts"][0]["emails"] == ["jane@acme.example"]
    assert set(data) == {"message_id", "kind", "note", "contacts", "met_at", "met_on",
                         "follow_up_on", "tags", "forwarded", "warnings"}
    human = run("parse", "-", stdin=note)
    assert b"contact: Jane Doe" in human.stdout
    missing = run("parse", "/nonexistent.eml", "--json")
    assert missing.returncode == 2 and b"cannot read" in missing.stderr
    assert b"Traceback" not in missing.stderr


def test_parse_garbage_exits_zero_with_warnings() -> None:
    result = run("parse", "-", "--json", stdin=b"\x00\xff\xfe garbage \r\n\r\n\x00")
    assert result.returncode == 0
    assert isinstance(json.loads(result.stdout)["warnings"], list)


def test_main_returns_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", "/nonexistent/config.toml", "contacts", "list"]) == 2
    assert "no config file" in capsys.readouterr().err
    assert main(["no-such-command"]) == 2


def test_help_lists_the_commands() -> None:
    out = run("--help").stdout.decode()
    for name in ("run", "parse", "contacts", "drafts", "notes", "check", "demo"):
        assert name in out


def test_terminal_escapes_from_mail_are_never_printed_raw() -> None:
    from followup.cli import printable

    assert printable("Evil\x1b]0;owned\x07 \u202eName\r\n") == (
        "Evil\\x1b]0;owned\\x07 \\u202eName\\x0d\n")
    note = (b"From: Sam <sam@owner.example>\r\nSubject: \x1b[31mred\r\n"
            b"Date: Thu, 14 May 2026 18:02:00 -0700\r\n\r\n"
            b"met Evil \x1b]0;owned\x07Name, evil@x.example, at PyCon\r\n")
    result = run("parse", "-", stdin=note)
    assert result.returncode == 0, result.stderr
    assert b"kind: note" in result.stdout and b"contact: " in result.stdout
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout


def test_parse_reads_a_business_card_photo(tmp_path: Path) -> None:
    import shutil
    from email.message import EmailMessage

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr is not installed")
    cards = ROOT / "tests" / "fixtures" / "cards"
    msg = EmailMessage()
    msg["From"] = "Sam <sam@owner.example>"
    msg["To"] = "notes@owner.example"
    msg["Subject"] = "card"
    msg["Date"] = "Thu, 14 May 2026 18:02:00 -0700"
    msg.set_content("met her at the robotics mixer, follow up in 3 days")
    msg.add_attachment((cards / "card-classic.png").read_bytes(), maintype="image",
                       subtype="png", filename="IMG_2041.png")
    path = tmp_path / "card.eml"
    path.write_bytes(bytes(msg))
    data = json.loads(run("parse", str(path), "--json").stdout)
    assert data["kind"] == "card-image"
    (person,) = data["contacts"]
    assert person["full_name"] == "Priya Raman"
    assert person["emails"] == ["priya.raman@lumenfold.example"]
    assert person["phones"] == ["+14155550134"]
    assert data["met_at"] == "robotics mixer" and data["follow_up_on"] == "2026-05-17"
    off = json.loads(run("parse", str(path), "--json", "--no-ocr").stdout)
    assert off["contacts"] == [] and any("card image" in w for w in off["warnings"])


def test_drafts_show_previews_a_planned_follow_up(demo: Path) -> None:
    rows = json.loads(run("--config", str(demo), "drafts", "list", "--json").stdout)
    planned = [r for r in rows if r["status"] == "planned"]
    assert planned
    shown = run("--config", str(demo), "drafts", "show", str(planned[0]["id"]))
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.decode()
    assert "To: " in text and planned[0]["to"] in text and "X-Followup-Id: " in text
    assert run("--config", str(demo), "drafts", "show", "99999").returncode == 1


def test_demo_files_are_the_owners_only(tmp_path: Path) -> None:
    """`followup demo` (a loose umask as on many desktops): its folder 0700, its config and
    database 0600; an earlier demo's folder and config are narrowed when run again."""
    import os
    import stat

    directory = tmp_path / "demo"
    old = os.umask(0o022)
    try:
        assert main(["demo", "--dir", str(directory)]) == 0
        mode = {p: stat.S_IMODE(p.stat().st_mode)
                for p in (directory, directory / "config.toml", directory / "followup.db")}
        assert mode == {directory: 0o700, directory / "config.toml": 0o600,
                        directory / "followup.db": 0o600}
        directory.chmod(0o755)
        (directory / "config.toml").chmod(0o644)
        assert main(["demo", "--dir", str(directory)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE((directory / "config.toml").stat().st_mode) == 0o600
