"""What every benchmark shares: paths, the test Dovecot, configs, generated notes, RSS, results."""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent
FOLLOWUP = [sys.executable, "-m", "followup"]
OWNER = "sam@owner.example"
PROCESSED = "Followup/Processed"
RESULTS_JSON = Path(__file__).with_name("results.json")
RESULTS_MD = Path(__file__).with_name("results.md")
QUICK = os.environ.get("BENCH_QUICK") == "1"

if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Row:
    """One reported figure."""

    bench: str
    figure: str
    value: str
    aim: str = ""
    ok: bool | None = None


def corpus_dir(local: str, shared: str) -> Path | None:
    for d in (ROOT / "tests" / "fixtures" / local, SHARED / shared):
        if d.is_dir():
            return d
    return None


def sample_notes() -> list[bytes]:
    d = corpus_dir("notes", "samples/notes")
    return [p.read_bytes() for p in sorted(d.glob("*.eml"))] if d else []


def forwarded_corpus() -> list[bytes]:
    d = corpus_dir("forwarded", "conformance/forwarded")
    return [p.read_bytes() for p in sorted(d.rglob("*.eml"))] if d else []


_FROM = re.compile(rb"^From:.*(?:\r?\n[ \t].*)*\r?\n", re.MULTILINE | re.IGNORECASE)


def as_owner(raw: bytes, tag: str) -> bytes:
    """A sample note re-addressed From the owner, with a unique Message-ID."""
    head, sep, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    head = _FROM.sub(b"", head + b"\n").rstrip(b"\r\n")
    head = re.sub(rb"(?im)^Message-ID:.*(?:\r?\n[ \t].*)*\r?\n?", b"", head + b"\n").rstrip(b"\r\n")
    nl = b"\r\n" if b"\r\n" in raw else b"\n"
    extra = (f"From: Sam Owner <{OWNER}>".encode() + nl
             + f"Message-ID: <bench-{tag}@owner.example>".encode())
    return extra + nl + head + (sep or nl + nl) + body


COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"]
ROLES = ["CTO", "VP Engineering", "Head of Data", "CEO", "Product Lead", "Staff Engineer"]
EVENTS = ["PyCon", "KubeCon", "FOSDEM", "EuroPython", "Web Summit", "RailsConf"]
WHEN = ["follow up in 2 weeks", "follow up tomorrow", "ping her next Tuesday",
        "follow up in 3 days", "check in next month", ""]
FIRST = ["Jane", "Maria", "Priya", "Chen", "Olga", "Ahmed", "Lucia", "Kofi", "Hana", "Diego"]
LAST = ["Doe", "Lopez", "Patel", "Wang", "Ivanova", "Hassan", "Rossi", "Mensah", "Sato", "Silva"]


def generated_note(i: int) -> bytes:
    """A varied free-text note from the owner about one person."""
    first, last = FIRST[i % 10], LAST[(i // 10) % 10]
    company = COMPANIES[i % len(COMPANIES)]
    text = (f"met {first} {last}{i}, {ROLES[i % len(ROLES)]} at {company}{i}, "
            f"{first.lower()}{i}@{company.lower()}{i}.example, at {EVENTS[i % len(EVENTS)]}{i}; "
            f"talked about batch APIs and robots. {WHEN[i % len(WHEN)]}")
    if i % 3 == 0:
        text += f"\nphone +1 415 555 {i % 10000:04d}"
    return (f"From: Sam Owner <{OWNER}>\r\nTo: notes@owner.example\r\n"
            f"Subject: met {first} n{i}\r\nDate: Thu, 14 May 2026 18:02:00 -0700\r\n"
            f"Message-ID: <bench-gen-{i}@owner.example>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n\r\n-- \r\nSam\r\n"
            ).encode()


def mixed_notes(n: int, tag: str = "") -> list[bytes]:
    """n owner notes: generated ones with every 5th a re-addressed sample note."""
    samples = sample_notes()
    out = []
    for i in range(n):
        if samples and i % 5 == 4:
            out.append(as_owner(samples[(i // 5) % len(samples)], f"{tag}s{i}"))
        else:
            out.append(generated_note(i))
    return out


def parse_floor(raw: bytes) -> Any:
    return email.message_from_bytes(raw, policy=email.policy.default)


# --- the server and followup's config ------------------------------------------------------

@contextlib.contextmanager
def dovecot_server() -> Iterator[Any]:
    from dovecot import Dovecot, why_no_dovecot  # type: ignore[import-not-found]

    why = why_no_dovecot()
    if why:
        raise SystemExit(f"cannot run the benchmarks: {why}")
    server = Dovecot()
    server.start()
    try:
        yield server
    finally:
        server.cleanup()


def write_config(tmp: Path, server: Any, user: str, daemon_extra: str = "",
                 after: str = "0d") -> Path:
    """A followup config for `user` over STARTTLS, SQLite in tmp; drafts due `after`
    the note arrives (at once by default)."""
    password = tmp / "password"
    password.write_text(server.password + "\n")
    password.chmod(0o600)  # followup refuses a password file others can read
    text = f"""
[imap]
host = "{server.host}"
port = {server.port}
security = "starttls"
username = "{user}"
password_file = "{password}"
ca_file = "{server.cafile}"
folder = "INBOX"

[owner]
addresses = ["{OWNER}"]
name = "Sam Owner"
timezone = "UTC"

[database]
url = "sqlite:///{tmp / 'followup.db'}"

[drafting]
window = "00:00-24:00"
weekdays_only = false

[daemon]
{daemon_extra}

[[sequence]]
after = "{after}"
template = "nice-to-meet-you"
"""
    from followup.config import parse_config

    parse_config(text)  # the same validation the CLI does: fail here, not in the child
    path = tmp / "config.toml"
    path.write_text(text)
    return path


def imap_client(server: Any, user: str) -> Any:
    """A bare imapclient connection: STARTTLS with the test CA, logged in."""
    import ssl

    from imapclient import IMAPClient

    ctx = ssl.create_default_context(cafile=server.cafile)
    client = IMAPClient(server.host, port=server.port, ssl=False, timeout=60)
    client.starttls(ctx)
    client.login(user, server.password)
    return client


def folder_count(client: Any, folder: str) -> int:
    return int(client.folder_status(folder, ["MESSAGES"])[b"MESSAGES"])


# --- processes and memory ------------------------------------------------------------------

def proc_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM... of a live process, in kB."""
    out = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Vm"):
                key, _, value = line.partition(":")
                out[key] = int(value.split()[0])
    return out


def wait_child(proc: subprocess.Popen[Any]) -> tuple[int, int]:
    """Reap the child with wait4: (exit code, its peak RSS in kB from the kernel)."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, int(usage.ru_maxrss)


def mb(kb: float) -> str:
    return f"{kb / 1024:.1f} MB"


def pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


# --- results -------------------------------------------------------------------------------

def machine() -> str:
    return (f"nproc {os.cpu_count()}, Python {platform.python_version()}, "
            f"{platform.machine()} {platform.system()} {platform.release()}")


def save(rows: list[Row]) -> str:
    """Replace the rows of the benchmarks run now, keep the others; write results.md."""
    kept: dict[str, Any] = {}
    if RESULTS_JSON.exists():
        kept = json.loads(RESULTS_JSON.read_text())
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    for bench in dict.fromkeys(r.bench for r in rows):
        kept[bench] = {"date": stamp, "machine": machine(), "quick": QUICK,
                       "rows": [asdict(r) for r in rows if r.bench == bench]}
    RESULTS_JSON.write_text(json.dumps(kept, indent=1) + "\n")
    md = render(kept)
    RESULTS_MD.write_text(md)
    return md


def render(kept: dict[str, Any]) -> str:
    lines = ["# followup benchmark results", "",
             "Written by `python -m bench`; see bench/README.md for what each figure means.", ""]
    for bench in ("parse", "latency", "backlog", "idle", "replies"):
        if bench not in kept:
            continue
        run = kept[bench]
        quick = " (BENCH_QUICK=1)" if run.get("quick") else ""
        lines += [f"## {bench}", "", f"{run['date']}{quick}; {run['machine']}", "",
                  "| figure | value | aim | met |", "|---|---|---|---|"]
        for r in run["rows"]:
            met = {True: "yes", False: "**no**", None: ""}[r["ok"]]
            lines.append(f"| {r['figure']} | {r['value']} | {r['aim']} | {met} |")
        lines.append("")
    return "\n".join(lines)
