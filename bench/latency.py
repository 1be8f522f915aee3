"""Benchmark `latency`: time from APPEND returning to the note leaving INBOX with `followup run`
in IDLE, beside a bare imapclient IDLE client that fetches and parses each new message."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import (
    FOLLOWUP,
    QUICK,
    ROOT,
    Row,
    dovecot_server,
    folder_count,
    imap_client,
    mixed_notes,
    parse_floor,
    pct,
)

AIM_GAP_MS = 100.0


def settings() -> tuple[int, float, float]:
    n = int(os.environ.get("BENCH_LATENCY_N", "20" if QUICK else "200"))
    spacing = float(os.environ.get("BENCH_SPACING", "1.2"))
    poll = float(os.environ.get("BENCH_POLL_MS", "20")) / 1000
    return n, spacing, poll


def wait_inbox_empty(client: Any, poll: float, timeout: float = 15) -> float:
    """Poll STATUS INBOX (MESSAGES) until 0; the monotonic time it was first seen empty."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder_count(client, "INBOX") == 0:
            return time.monotonic()
        time.sleep(poll)
    raise RuntimeError("note still in INBOX after 15 s: is the daemon running?")


def measure_followup(server: Any, notes: list[bytes], spacing: float, poll: float,
                     tmp: Path) -> tuple[list[float], str]:
    from bench.common import write_config

    user = server.add_user()
    config = write_config(tmp, server, user)
    log = (tmp / "daemon.log").open("w")
    proc = subprocess.Popen([*FOLLOWUP, "--config", str(config), "run"], cwd=ROOT,
                            stdout=log, stderr=log)
    client = imap_client(server, user)
    latencies: list[float] = []
    try:
        # warm-up note: the daemon is connected, in IDLE and past its first draft pass
        client.append("INBOX", notes[0])
        wait_inbox_empty(client, poll, timeout=60)
        time.sleep(1.0)
        for raw in notes[1:]:
            start = time.monotonic()
            client.append("INBOX", raw)
            appended = time.monotonic()
            latencies.append(wait_inbox_empty(client, poll) - appended)
            time.sleep(max(0.0, spacing - (time.monotonic() - start)))
    finally:
        client.logout()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return latencies, f"exit {proc.returncode}"


def floor_client(server: Any, user: str, done: dict[int, float], ready: threading.Event,
                 stop: threading.Event) -> None:
    """The least any IDLE client can do: wake on EXISTS, FETCH BODY.PEEK[], parse it."""
    client = imap_client(server, user)
    client.use_uid = False  # EXISTS gives sequence numbers
    seen = int(client.select_folder("INBOX")[b"EXISTS"])
    client.idle()
    ready.set()
    while not stop.is_set():
        exists = [r[0] for r in client.idle_check(timeout=0.5) if len(r) > 1 and r[1] == b"EXISTS"]
        if not exists or max(exists) <= seen:
            continue
        client.idle_done()
        top = max(exists)
        data = client.fetch(list(range(seen + 1, top + 1)), ["BODY.PEEK[]"])
        for seq, item in data.items():
            parse_floor(item[b"BODY[]"])
            done[seq] = time.monotonic()
        seen = top
        client.idle()
    client.idle_done()
    client.logout()


def measure_floor(server: Any, notes: list[bytes], spacing: float) -> list[float]:
    user = server.add_user()
    done: dict[int, float] = {}
    ready, stop = threading.Event(), threading.Event()
    thread = threading.Thread(target=floor_client, args=(server, user, done, ready, stop))
    thread.start()
    ready.wait(30)
    client = imap_client(server, user)
    appended: dict[int, float] = {}
    try:
        for seq, raw in enumerate(notes[1:], start=1):
            start = time.monotonic()
            client.append("INBOX", raw)
            appended[seq] = time.monotonic()
            deadline = time.monotonic() + 15
            while seq not in done and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(max(0.0, spacing - (time.monotonic() - start)))
    finally:
        stop.set()
        thread.join(5)
        client.logout()
    return [done[s] - appended[s] for s in appended if s in done]


def run() -> list[Row]:
    n, spacing, poll = settings()
    notes = mixed_notes(n + 1, tag="latency")
    with dovecot_server() as server, tempfile.TemporaryDirectory() as tmp:
        floor = measure_floor(server, notes, spacing)
        ours, status = measure_followup(server, notes, spacing, poll, Path(tmp))
    f50, f95 = pct(floor, 50) * 1000, pct(floor, 95) * 1000
    o50, o95 = pct(ours, 50) * 1000, pct(ours, 95) * 1000
    return [
        Row("latency", "notes appended (one at a time) / spacing / STATUS poll",
            f"{n} / {spacing:.1f} s / {poll * 1000:.0f} ms"),
        Row("latency", "floor (imapclient IDLE + FETCH + email parse) p50 / p95 / max",
            f"{f50:.0f} / {f95:.0f} / {max(floor) * 1000:.0f} ms ({len(floor)} seen)"),
        Row("latency", "`followup run` APPEND -> gone from INBOX p50 / p95 / max",
            f"{o50:.0f} / {o95:.0f} / {max(ours) * 1000:.0f} ms "
            f"({len(ours)} seen; daemon {status})"),
        Row("latency", "p50 gap to floor", f"{o50 - f50:.0f} ms"),
        Row("latency", "p95 gap to floor", f"{o95 - f95:.0f} ms", f"<= {AIM_GAP_MS:.0f} ms",
            o95 - f95 <= AIM_GAP_MS),
        Row("latency", "mean followup / floor",
            f"{statistics.mean(ours) * 1000:.0f} / {statistics.mean(floor) * 1000:.0f} ms"),
    ]
