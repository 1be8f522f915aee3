"""Scoring the held-out timing phrases (tests/fixtures/timing/*.jsonl, timing3-5)
through the whole parser: each row becomes an owner's note, with the row's subject, body and
the address it was sent to, dated Wed 2026-03-04 10:00 UTC (a row of timing3 to timing5: its
own `date`); the wanted date is the note's follow_up_on (kind "follow") or met_on (kind "met").
The test half is scored once, as a whole."""

from __future__ import annotations

import json
import sys
from email.message import EmailMessage
from pathlib import Path

from followup.parsing import parse_message

FIXTURES = Path(__file__).parent / "fixtures" / "timing"


def rows(half: str) -> list[dict[str, str | None]]:
    """The rows of FIXTURES/`half`.jsonl, or of a later set in a directory of its own, as its
    author built it: "timing3-dev" is fixtures/timing3/dev.jsonl, "timing4-dev"
    fixtures/timing4/dev/dev.jsonl."""
    path = FIXTURES / f"{half}.jsonl"
    corpus, _, part = half.partition("-")
    own = FIXTURES.parent / corpus
    if part and own.is_dir():
        flat = own / f"{part}.jsonl"
        path = flat if flat.exists() else own / part / f"{part}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def note_bytes(row: dict[str, str | None]) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Dana Owner <dana@owner.example>"
    msg["To"] = row["to"] or "followup@owner.example"
    msg["Subject"] = row["subject"] or "note"
    # the later sets' rows carry their own Date (month ends, year end, time zones)
    msg["Date"] = row.get("date") or "Wed, 04 Mar 2026 10:00:00 +0000"
    msg["Message-ID"] = "<timing-heldout@owner.example>"
    msg.set_content(str(row["body"]))
    return msg.as_bytes()


def got(row: dict[str, str | None]) -> str | None:
    note = parse_message(note_bytes(row)).to_json()
    return note["follow_up_on"] if row["kind"] == "follow" else note["met_on"]


def score(half: str) -> tuple[int, int, list[str]]:
    misses, right, all_rows = [], 0, rows(half)
    for row in all_rows:
        value = got(row)
        if value == row["want"]:
            right += 1
        else:
            misses.append(f"{row['subject']!r} {row['body']!r} {row['to']!r}: "
                          f"want {row['want']} got {value}")
    return right, len(all_rows), misses


if __name__ == "__main__":
    r, t, m = score(sys.argv[1] if len(sys.argv) > 1 else "dev")
    print("\n".join(m))
    print(f"{r}/{t} = {100.0 * r / t:.1f}%")
