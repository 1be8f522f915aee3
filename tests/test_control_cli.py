"""The owner acting from the terminal, through the real `followup` command, against a
temporary database and the suite's real Dovecot: snooze, reschedule, skip, cancel, forget,
edit (with a fake $EDITOR), merge, drafts regenerate."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from test_e2e import ImapBox, imap_env  # noqa: F401

from followup.cli import main

OWNER = "sam@owner.example"


def note(body: str, tag: str, subject: str = "met someone") -> bytes:
    return (f"From: Sam Owner <{OWNER}>\r\nTo: notes@owner.example\r\nSubject: {subject}\r\n"
            f"Date: Thu, 14 May 2026 18:02:00 -0700\r\nMessage-ID: <ctl-{tag}@owner.example>"
            f"\r\n\r\n{body}\r\n").encode()


JANE = note("met Jane Doe, VP Eng at Acme, jane@acme.example, at PyCon", "jane")
KARL = note("met Karl Brandt, CTO at Brandt GmbH, karl@brandt.example, at the Berlin meetup",
            "karl")


def followup(config: Path, *args: str, stdin: str | None = None,
             env: dict[str, str] | None = None,
             real: bool = False) -> subprocess.CompletedProcess[str]:
    """`followup --config CONFIG ARGS`: through `followup.cli.main` in this process (a new
    interpreter per call would cost a second and a half each), or with `real` as the
    installed command in a process of its own."""
    argv = ["--config", str(config), *args]
    if real:
        return subprocess.run([sys.executable, "-m", "followup", *argv], capture_output=True,
                              text=True, timeout=120, input=stdin,
                              env={**os.environ, **(env or {})})
    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    stdin_before, sys.stdin = sys.stdin, io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = stdin_before
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def ok(config: Path, *args: str, **kw: Any) -> str:
    result = followup(config, *args, **kw)
    assert result.returncode == 0, result.stderr
    return result.stdout


def listing(config: Path, *args: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(ok(config, "followups", "list", "--json", *args))
    return data


def people(config: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(ok(config, "contacts", "list", "--json"))
    return data


def drafts_to(box: ImapBox, address: str) -> list[str]:
    return [str(m["X-Followup-Id"]) for _f, m in box.messages("Drafts")
            if address in str(m["To"])]


@pytest.fixture
def env(imap_env: tuple[Path, ImapBox]) -> tuple[Path, ImapBox]:  # noqa: F811
    """test_e2e's account on the suite's Dovecot, with Jane's and Karl's notes read."""
    config, box = imap_env
    box.append(JANE)
    box.append(KARL)
    ok(config, "run", "--once")
    return config, box


def jane_step(config: Path, step: int) -> dict[str, Any]:
    return next(f for f in listing(config, "--all")
                if f["to"] == "jane@acme.example" and f["step"] == step)


def test_snooze_of_a_drafted_follow_up_removes_its_draft_and_drafts_it_when_due(
        env: tuple[Path, ImapBox]) -> None:
    config, box = env
    first, second = jane_step(config, 1), jane_step(config, 2)
    assert first["status"] == "drafted"
    assert drafts_to(box, "jane@acme.example") == [first["draft_key"]]
    out = ok(config, "followups", "snooze", str(first["id"]), "1w")
    assert "its draft is removed from Drafts" in out
    assert drafts_to(box, "jane@acme.example") == []  # gone from Dovecot's Drafts
    moved = jane_step(config, 1)
    today = dt.date.fromisoformat(first["due_on"])
    assert moved["status"] == "planned" and moved["due_on"] > today.isoformat()
    assert moved["reason"].startswith("snoozed by the owner to ")
    # the later step keeps its distance to the snoozed one
    later = jane_step(config, 2)
    assert later["due_at"] > second["due_at"]
    # nothing is due now: a pass writes no draft for Jane; Karl's draft is untouched
    ok(config, "run", "--once")
    assert drafts_to(box, "jane@acme.example") == []
    assert len(drafts_to(box, "karl@brandt.example")) == 1


def test_reschedule_skip_cancel(env: tuple[Path, ImapBox]) -> None:
    config, box = env
    first = jane_step(config, 1)
    out = ok(config, "followups", "reschedule", str(first["id"]), "2099-01-05")
    assert "rescheduled" in out and jane_step(config, 1)["due_on"] == "2099-01-05"
    bad = followup(config, "followups", "reschedule", str(first["id"]), "whenever")
    assert bad.returncode == 1 and "cannot read a day" in bad.stderr
    assert jane_step(config, 1)["due_on"] == "2099-01-05"  # nothing changed
    out = ok(config, "followups", "skip", str(first["id"]))
    assert "next: follow-up" in out
    assert jane_step(config, 1)["status"] == "skipped"
    again = followup(config, "followups", "skip", str(first["id"]))
    assert again.returncode == 1 and "is skipped" in again.stderr
    karl = next(f for f in listing(config) if f["to"] == "karl@brandt.example"
                and f["status"] == "drafted")
    out = ok(config, "followups", "cancel", str(karl["id"]))
    assert "cancelled 2 follow-up(s)" in out and "1 draft(s) removed" in out
    assert drafts_to(box, "karl@brandt.example") == []
    statuses = {f["status"] for f in listing(config, "--all") if f["to"] == "karl@brandt.example"}
    assert statuses == {"cancelled"}
    text = ok(config, "followups", "list")
    assert "Jane Doe <jane@acme.example>" in text and "Karl" not in text


def test_forget_leaves_no_row_and_no_unsent_draft(env: tuple[Path, ImapBox],
                                                  tmp_path: Path) -> None:
    config, box = env
    assert len(drafts_to(box, "jane@acme.example")) == 1
    no = followup(config, "contacts", "forget", "jane@acme.example", stdin="n\n", real=True)
    assert no.returncode == 1 and "nothing changed" in no.stderr
    assert len(drafts_to(box, "jane@acme.example")) == 1
    assert followup(config, "contacts", "forget", "jane@acme.example", "--yes",
                    real=True).returncode == 0
    assert drafts_to(box, "jane@acme.example") == []
    assert len(drafts_to(box, "karl@brandt.example")) == 1
    assert [p["emails"] for p in people(config)] == [["karl@brandt.example"]]
    import sqlite3

    db = sqlite3.connect(tmp_path / "f.db")
    dump = "\n".join(db.iterdump())
    db.close()
    assert "jane@acme.example" not in dump and "Jane Doe" not in dump
    ok(config, "run", "--once")  # her note is known: nothing comes back
    assert drafts_to(box, "jane@acme.example") == []


EDITOR = """
import re, sys
from pathlib import Path
path = Path(sys.argv[1])
count = Path(sys.argv[0]).with_suffix(".count")
n = int(count.read_text()) if count.exists() else 0
count.write_text(str(n + 1))
text = path.read_text()
steps = {steps!r}
text = re.sub(r'(?m)^title = .*$', 'title = "CTO"', text)
text = re.sub(r'(?m)^phones = .*$', 'phones = [' + steps[min(n, len(steps) - 1)] + ']', text)
path.write_text(text)
"""


def fake_editor(tmp_path: Path, *phones: str) -> dict[str, str]:
    script = tmp_path / "editor.py"
    script.write_text(textwrap.dedent(EDITOR.format(steps=list(phones))))
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


def test_edit_valid_is_kept_when_a_later_note_arrives(env: tuple[Path, ImapBox],
                                                     tmp_path: Path) -> None:
    config, box = env
    out = ok(config, "contacts", "edit", "jane@acme.example",
             env=fake_editor(tmp_path, '"+49 30 1234567"'))
    assert "title" in out and "phones" in out
    (jane,) = [p for p in people(config) if p["emails"] == ["jane@acme.example"]]
    assert jane["title"] == "CTO" and jane["phones"] == ["+49301234567"]
    assert set(jane["owner_fields"]) >= {"title", "phones"}
    # a later note saying otherwise does not undo the owner's correction
    box.append(note("Jane Doe, VP Sales at Acme, jane@acme.example", "jane2"))
    ok(config, "run", "--once")
    (jane,) = [p for p in people(config) if p["emails"] == ["jane@acme.example"]]
    assert jane["title"] == "CTO"


def test_edit_invalid_then_valid_reopens_with_the_line(env: tuple[Path, ImapBox],
                                                      tmp_path: Path) -> None:
    config, _box = env
    result = followup(config, "contacts", "edit", "karl@brandt.example", stdin="y\n",
                      env=fake_editor(tmp_path, '"not a phone"', '"+49 30 901820"'), real=True)
    assert result.returncode == 0, result.stderr
    assert "line " in result.stderr and "'not a phone' is not a phone number" in result.stderr
    (karl,) = [p for p in people(config) if p["emails"] == ["karl@brandt.example"]]
    assert karl["phones"] == ["+4930901820"] and karl["title"] == "CTO"


def test_edit_unchanged_or_emptied_changes_nothing(env: tuple[Path, ImapBox],
                                                  tmp_path: Path) -> None:
    config, _box = env
    before = people(config)
    keep = tmp_path / "keep.py"
    keep.write_text("")
    result = followup(config, "contacts", "edit", "jane@acme.example",
                      env={"EDITOR": f"{sys.executable} {keep}", "VISUAL": ""})
    assert result.returncode == 1 and "nothing changed" in result.stderr
    empty = tmp_path / "empty.py"
    empty.write_text("import sys; open(sys.argv[1], 'w').close()\n")
    result = followup(config, "contacts", "edit", "jane@acme.example",
                      env={"EDITOR": f"{sys.executable} {empty}", "VISUAL": ""})
    assert result.returncode == 1 and "nothing changed" in result.stderr
    assert people(config) == before


def test_merge_keeps_one_plan(env: tuple[Path, ImapBox]) -> None:
    config, box = env
    box.append(note("met J. Doe, jdoe@gmail.example, at PyCon", "jane3"))
    ok(config, "run", "--once")
    ids = {p["emails"][0]: p["id"] for p in people(config)}
    out = ok(config, "contacts", "merge", "jane@acme.example", "jdoe@gmail.example", "--yes")
    assert "the second plan was cancelled" in out
    (jane,) = [p for p in people(config) if "jane@acme.example" in p["emails"]]
    assert jane["emails"] == ["jane@acme.example", "jdoe@gmail.example"]
    assert jane["id"] == ids["jane@acme.example"]
    open_ = [f for f in listing(config) if f["contact_id"] == jane["id"]]
    assert len({f["note_id"] for f in open_}) == 1  # one plan remains
    assert drafts_to(box, "jdoe@gmail.example") == []


def test_drafts_regenerate_replaces_the_draft(env: tuple[Path, ImapBox],
                                             tmp_path: Path) -> None:
    config, box = env
    first = jane_step(config, 1)
    ok(config, "contacts", "edit", "jane@acme.example", env=fake_editor(tmp_path, ""))
    out = ok(config, "drafts", "regenerate", str(first["id"]))
    assert "1 old draft(s) replaced" in out
    (only,) = [m for _f, m in box.messages("Drafts") if "jane@acme.example" in str(m["To"])]
    assert str(only["X-Followup-Id"]) == first["draft_key"]
    planned = jane_step(config, 2)
    refused = followup(config, "drafts", "regenerate", str(planned["id"]))
    assert refused.returncode == 1 and "not drafted yet" in refused.stderr


def test_lists_show_reminders_as_calls_with_sequence_and_language(
        env: tuple[Path, ImapBox]) -> None:
    """A person with only a phone: `followups list` says whom to call and on which number;
    both listings' JSON carry each follow-up's sequence and language."""
    config, box = env
    box.append(note("met Otto Brandt at the Hannover fair, mobile +49 170 1234567, call him "
                    "about the pilot", "otto"))
    box.append(note("Ich habe Lena Schmidt auf der Hannover Messe getroffen, "
                    "lena@datenwerk.example. Bitte in zwei Wochen nachfassen.", "lena"))
    ok(config, "run", "--once")
    text = ok(config, "followups", "list")
    otto = [line for line in text.splitlines() if "Otto" in line]
    assert otto and all("call Otto Brandt, +49 170 1234567" in line for line in otto), text
    assert all("[default, en]" in line for line in otto), text
    for rows in (listing(config), json.loads(ok(config, "drafts", "list", "--json"))):
        by_to = {(r["to"] or r["full_name"]): r for r in rows}
        assert by_to["Otto Brandt"]["channel"] == "reminder"
        assert {r["sequence"] for r in rows} == {"default"}
        assert by_to["Otto Brandt"]["language"] == "en"
        assert by_to["lena@datenwerk.example"]["language"] == "de"
        assert by_to["jane@acme.example"]["language"] == "en"
