"""Forwarded-email conformance corpus (copied to tests/fixtures/forwarded), scored in-process.

The comparison follows tests/fixtures/forwarded/README.md: `forwarded` null or not, the
sender's address and display name, the subject, the calendar day of the date, and the note.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import pytest

from followup.parsing import parse_message
from followup.parsing.forwards import split_forward
from followup.parsing.mime import load_message

CORPUS = Path(__file__).resolve().parent / "fixtures" / "forwarded"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Achieved figures minus one point. split_forward alone (given the note's subject) scored
# 100.0%; through parse_message it depends on assemble.py passing that subject and on the
# MIME layer's HTML-to-text (93.1% when this was written, before assemble passed it).
SPLIT_FORWARD_FLOOR = 99.0
PARSE_MESSAGE_FLOOR = 92.0


def _fold(value: object) -> str:
    if value is None:
        return ""
    text = str(value).replace("\u00a0", " ").replace("\ufeff", "")
    return " ".join(text.split()).casefold()


def _fold_name(value: object) -> str:
    text = _fold(value)
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return text


def _name_addr(from_: str | None) -> tuple[str, str]:
    if not from_:
        return "", ""
    m = re.match(r"^(.*?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$", from_)
    if m:
        return m.group(1), m.group(2)
    name, addr = parseaddr(from_)
    if "@" in addr:
        return name, addr
    return (from_, "") if "@" not in from_ else ("", from_)


def _cases() -> Iterator[tuple[Path, dict[str, Any]]]:
    for eml in sorted(CORPUS.rglob("*.eml")):
        expected = eml.with_name(eml.name[: -len(".eml")] + ".expected.json")
        yield eml, json.loads(expected.read_text(encoding="utf-8"))


def _checks(expected: dict[str, Any], forwarded: dict[str, Any] | None, note: str | None
            ) -> list[tuple[str, bool]]:
    """(field, passed) for every check the expected file asks for (outermost block)."""
    want = expected.get("forwarded")
    if want is not None and expected.get("peer_outermost"):
        want = {**want, **expected["peer_outermost"], "date_day": None}
    out: list[tuple[str, bool]] = [("forwarded", (want is None) == (forwarded is None))]
    if want is not None:
        name, addr = _name_addr(forwarded.get("from") if forwarded else None)
        got = {
            "from_address": _fold(addr).strip("<>"),
            "from_name": _fold_name(name),
            "subject": _fold(forwarded.get("subject") if forwarded else None),
            "date_day": str((forwarded or {}).get("date") or "")[:10],
        }
        for key in ("from_address", "from_name", "subject", "date_day"):
            if want.get(key) is None:
                continue
            if forwarded is None:
                out.append((key, False))
            elif key == "date_day":
                out.append((key, got[key] == want[key]))
            elif key == "from_name":
                out.append((key, got[key] == _fold_name(want[key])))
            else:
                out.append((key, got[key] == _fold(want[key])))
    if expected.get("note_contains") is not None:
        out.append(("note_contains", _fold(expected["note_contains"]) in _fold(note)))
    if expected.get("note_empty"):
        out.append(("note_empty", not _fold(note)))
    return out


def _score(results: list[tuple[str, list[tuple[str, bool]]]]) -> tuple[float, list[str]]:
    total = sum(len(checks) for _, checks in results)
    passed = sum(ok for _, checks in results for _, ok in checks)
    failures = [f"{name}: {[f for f, ok in checks if not ok]}"
                for name, checks in results if not all(ok for _, ok in checks)]
    return 100.0 * passed / total, failures


def _via_split_forward(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    loaded = load_message(raw)
    fwd = split_forward(loaded.text, loaded.date, loaded.subject)
    if fwd is None or fwd.is_reply:
        return None, (fwd.above if fwd else loaded.text)
    from_ = f"{fwd.from_name or ''} <{fwd.from_addr}>" if fwd.from_addr else fwd.from_name
    return {"from": from_, "subject": fwd.subject, "date": fwd.date}, fwd.above


def test_corpus_is_complete() -> None:
    cases = list(_cases())
    assert len(cases) == 237
    assert "MIT" in (CORPUS / "README.md").read_text(encoding="utf-8")


def test_split_forward_scores_above_floor() -> None:
    results = []
    for eml, expected in _cases():
        forwarded, note = _via_split_forward(eml.read_bytes())
        results.append((eml.stem, _checks(expected, forwarded, note)))
    score, failures = _score(results)
    assert score >= SPLIT_FORWARD_FLOOR, failures


def test_parse_message_scores_above_floor() -> None:
    results = []
    for eml, expected in _cases():
        out = parse_message(eml.read_bytes()).to_json()
        results.append((eml.stem, _checks(expected, out.get("forwarded"), out.get("note"))))
    score, failures = _score(results)
    assert score >= PARSE_MESSAGE_FLOOR, failures


def test_scorer_helpers_fail_on_wrong_output() -> None:
    eml = CORPUS / "crisp-oss_email-forward-parser" / "gmail_en_body.eml"
    expected = json.loads(eml.with_name("gmail_en_body.expected.json").read_text("utf-8"))
    wrong = {"from": "Jane Roe <jane@x.example>", "subject": "nope", "date": "2020-01-01"}
    checks = dict(_checks(expected, wrong, "owner text"))
    assert checks.pop("forwarded") is True
    assert checks and not any(checks.values())
    assert dict(_checks(expected, None, None))["forwarded"] is False
    right = {"from": "John Doe <john.doe@acme.com>", "subject": "Integer consequat non purus",
             "date": "2021-10-27T09:31:00+00:00"}
    assert all(ok for _, ok in _checks(expected, right, None))
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert str(msg["Subject"]).startswith("Fwd:")


# 21 s (a subprocess per case): behind -m slow; the corpus is scored in process above
@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "conformance" / "score_forwarded.py").exists(),
                    reason="../shared is not present")
def test_shared_scorer_agrees() -> None:
    """The shared scorer, run on the CLI over part of the shared corpus, reaches the floor.

    Gmail and quotequail cases only: one process per file is slow on a shared machine.
    """
    cmd = f"{sys.executable} -m followup parse --json"
    proc = subprocess.run(
        [sys.executable, str(SHARED / "conformance" / "score_forwarded.py"), "--cmd", cmd,
         "--jobs", "2", "--only", "crisp-oss_email-forward-parser/gmail_", "--only",
         "closeio_quotequail/", str(SHARED / "conformance" / "forwarded")],
        capture_output=True, text=True, timeout=280, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"forwarded-conformance: (\d+)/(\d+) fields", proc.stdout)
    assert m, proc.stdout[-2000:]
    assert 100.0 * int(m.group(1)) / int(m.group(2)) >= PARSE_MESSAGE_FLOOR, proc.stdout[-3000:]
