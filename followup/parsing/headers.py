"""The raw header section of untrusted bytes: fields split out within limits, unparsed.

Used before any MIME parsing: by `mime` to read a message, and by `followup.sender` to
judge who sent it without loading the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE_RE = re.compile(rb"([^\r\n]*)(\r\n|\r|\n|$)")
_FIELD_NAME_RE = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]*:")


@dataclass
class HeaderScan:
    """Result of splitting the header section out of raw bytes, within limits."""

    fields: list[tuple[str, bytes]]  # (name as written, raw unfolded value)
    body_offset: int  # index of the first body byte; len(raw) when there is no body
    problem: str | None = None  # a limit that stopped the scan
    bad_spans: list[tuple[int, int]] = field(default_factory=list)  # lines that are no field


def scan_headers(raw: bytes, max_fields: int = 1000, max_bytes: int = 256 * 1024) -> HeaderScan:
    """Split the header section into fields, stopping at `max_fields`/`max_bytes`.

    Any of CRLF, LF or CR ends a line (mixed line endings exist in the wild). A line
    without a colon is recorded and skipped rather than ending the header section, so a
    security check reading these fields sees at least what a lenient MUA would see.
    """
    scan = HeaderScan(fields=[], body_offset=len(raw))
    names: list[str] = []
    pieces: list[list[bytes]] = []  # joined at the end: folded lines must not be quadratic
    pos, end = 0, len(raw)
    while pos < end:
        m = _LINE_RE.match(raw, pos)
        if m is None or m.end() == pos:  # pragma: no cover - the pattern always advances
            break
        line, start, pos = m.group(1), pos, m.end()
        if pos > max_bytes:
            scan.problem = f"header section longer than {max_bytes} bytes"
            break
        if not line:
            scan.body_offset = pos
            break
        if line[:1] in (b" ", b"\t"):
            if pieces:
                pieces[-1].append(line)
            continue
        fm = _FIELD_NAME_RE.match(line)
        if fm is None:
            if not (start == 0 and line.startswith(b"From ")):  # mbox envelope line
                scan.bad_spans.append((start, pos))
            continue
        if len(names) >= max_fields:
            scan.problem = f"more than {max_fields} header fields"
            break
        names.append(fm.group(1).decode("ascii"))
        pieces.append([line[fm.end():]])
    scan.fields = [(n, b"".join(p).strip(b" \t")) for n, p in zip(names, pieces, strict=True)]
    return scan


def header_values(fields: list[tuple[str, bytes]], name: str) -> list[bytes]:
    """All raw values of the fields called `name` (case-insensitive), in order."""
    low = name.lower()
    return [v for n, v in fields if n.lower() == low]
