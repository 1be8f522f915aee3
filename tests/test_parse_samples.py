"""The 28 sample notes (tests/fixtures/notes, see its README.md), scored field by field."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from followup.parsing import parse_message

NOTES = Path(__file__).parent / "fixtures" / "notes"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLOOR = 99.0  # achieved 100.0% (336/336 fields) when written; the floor is 1 point under it

TOP = ["kind", "met_at", "met_on", "follow_up_on", "tags"]
FWD = ["from", "subject", "date"]
CONTACT = ["full_name", "emails", "phones", "company", "title", "website", "linkedin", "address"]
HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "mx", "herr", "frau", "m", "mme", "sr", "sra"}


def _text(v: Any) -> str:
    if v is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(v)).casefold().split())


def _norm(field: str, v: Any) -> Any:
    if field in ("tags", "emails", "phones"):
        return {re.sub(r"\s+", "", _text(x)) for x in (v or [])}
    s = _text(v)
    if field == "full_name":
        words = s.split()
        while len(words) > 1 and words[0].rstrip(".") in HONORIFICS:
            words.pop(0)
        return " ".join(w.replace(".", "") if re.fullmatch(r"(?:\w\.)+", w) else w for w in words)
    if field in ("website", "linkedin"):
        return re.sub(r"^http://", "https://", s.replace(" ", "")).rstrip("/")
    if field == "address":
        return sorted(re.findall(r"\w+", s))
    if field == "met_at":
        return re.sub(r"^the\s+", "", s.strip(" .,;:!?\"'()"))
    if field == "from":
        m = re.search(r"<([^>]+)>", s)
        return (m.group(1) if m else s).strip()
    return s


def _score(expected: dict[str, Any], actual: dict[str, Any]) -> tuple[int, int, list[str]]:
    skip = set(expected.get("_unscored", []))
    right = total = 0
    fails: list[str] = []

    def judge(path: str, field: str, e: Any, a: Any) -> None:
        nonlocal right, total
        ne, na = _norm(field, e), _norm(field, a)
        if not ne and not na:
            return
        total += 1
        if ne == na:
            right += 1
        else:
            fails.append(f"{path}: expected {e!r} got {a!r}")

    for f in TOP:
        if f not in skip:
            judge(f, f, expected.get(f), actual.get(f))
    ef, af = expected.get("forwarded") or {}, actual.get("forwarded") or {}
    for f in FWD:
        judge(f"forwarded.{f}", f, ef.get(f), af.get(f))
    econ, acon = expected.get("contacts") or [], list(actual.get("contacts") or [])
    for i, ec in enumerate(econ):
        match = next((a for a in acon if set(a["emails"]) & set(ec["emails"])), None)
        match = match or next((a for a in acon if _norm("full_name", a["full_name"]) ==
                               _norm("full_name", ec["full_name"])), None)
        match = match or (acon[0] if acon else {})
        if match in acon:
            acon.remove(match)
        for f in CONTACT:
            if f"contacts[{i}].{f}" not in skip and f"contacts.{f}" not in skip:
                judge(f"contacts[{i}].{f}", f, ec.get(f), match.get(f))
    for extra in acon:
        for f in CONTACT:
            judge(f"extra.{f}", f, None, extra.get(f))
    return right, total, fails


def _cases() -> list[Path]:
    return sorted(NOTES.glob("*.eml"))


def test_fixture_copy_is_complete() -> None:
    assert len(_cases()) == 28
    assert (NOTES / "README.md").exists()


def test_samples_score_above_floor() -> None:
    right = total = 0
    report: list[str] = []
    for eml in _cases():
        expected = json.loads((NOTES / (eml.stem + ".expected.json")).read_text())
        actual = parse_message(eml.read_bytes()).to_json()
        r, t, fails = _score(expected, actual)
        right, total = right + r, total + t
        report += [f"{eml.stem}: {f}" for f in fails]
    pct = 100.0 * right / total
    assert pct >= FLOOR, f"{right}/{total} ({pct:.1f}%)\n" + "\n".join(report)


@pytest.mark.parametrize("eml", _cases(), ids=lambda p: p.stem)
def test_sample_kind_and_contact_count(eml: Path) -> None:
    expected = json.loads((NOTES / (eml.stem + ".expected.json")).read_text())
    actual = parse_message(eml.read_bytes()).to_json()
    assert actual["kind"] == expected["kind"]
    assert len(actual["contacts"]) == len(expected["contacts"])


# 20 s (a subprocess per note): behind -m slow; the samples are scored in process above
@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "samples" / "score_parse.py").exists(),
                    reason="shared samples scorer not present")
def test_shared_scorer_on_samples() -> None:
    followup = Path(sys.executable).with_name("followup")
    cmd = f"{followup} parse --json" if followup.exists() else \
        f"{sys.executable} -m followup parse --json"
    out = subprocess.run(
        [sys.executable, str(SHARED / "samples" / "score_parse.py"), str(SHARED / "samples" /
                                                                         "notes"), "--cmd", cmd],
        capture_output=True, text=True, timeout=600, check=True,
    ).stdout
    m = re.search(r"parse-score: (\d+)/(\d+)", out)
    assert m, out
    assert 100.0 * int(m.group(1)) / int(m.group(2)) >= FLOOR, out
