"""Benchmark `backlog`: `followup run --once` over notes already in INBOX, against the parser
alone on the same messages and the raw floor (batched FETCH + `email` parse)."""

from __future__ import annotations

import os
import pstats
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import (
    FOLLOWUP,
    OWNER,
    PROCESSED,
    QUICK,
    ROOT,
    Row,
    dovecot_server,
    folder_count,
    imap_client,
    mb,
    mixed_notes,
    parse_floor,
    proc_status,
    wait_child,
    write_config,
)

AIM_RATIO = 0.8
AIM_RSS_KB = 150 * 1024
PROFILE = Path(__file__).with_name("profile-backlog.txt")


def count() -> int:
    return int(os.environ.get("BENCH_BACKLOG_N", "500" if QUICK else "5000"))


def raw_floor(server: Any, user: str) -> tuple[float, int]:
    """Seconds to FETCH BODY.PEEK[] of every message in batches of 100 and parse each."""
    client = imap_client(server, user)
    try:
        t0 = time.perf_counter()
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search(["ALL"]))
        for i in range(0, len(uids), 100):
            for data in client.fetch(uids[i:i + 100], ["BODY.PEEK[]"]).values():
                parse_floor(data[b"BODY[]"])
        return time.perf_counter() - t0, len(uids)
    finally:
        client.logout()


def parser_only(messages: list[bytes]) -> float:
    from followup.parsing import ParseOptions, parse_message

    options = ParseOptions(owner_addresses=(OWNER,))
    for raw in messages[:50]:  # warm-up: lazy imports and compiled patterns
        parse_message(raw, options)
    t0 = time.perf_counter()
    for raw in messages:
        parse_message(raw, options)
    return time.perf_counter() - t0


def run_once(config: Path, profile: Path | None = None) -> tuple[float, int, int, str]:
    """Wall seconds, exit code, peak RSS kB (max of wait4's ru_maxrss and sampled VmHWM)."""
    prefix = FOLLOWUP if profile is None else [
        FOLLOWUP[0], "-m", "cProfile", "-o", str(profile), "-m", "followup"]
    t0 = time.perf_counter()
    proc = subprocess.Popen([*prefix, "--config", str(config), "run", "--once"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    hwm = [0]
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read() if proc.stderr else ""))
    reader.start()
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            hwm[0] = max(hwm[0], proc_status(proc.pid).get("VmHWM", 0))

    sampler = threading.Thread(target=sample)
    sampler.start()
    code, maxrss = wait_child(proc)
    elapsed = time.perf_counter() - t0
    done.set()
    sampler.join()
    reader.join()
    lines = "".join(err).strip().splitlines()
    return elapsed, code, max(maxrss, hwm[0]), lines[-1] if lines else ""


def fresh_user(server: Any, messages: list[bytes]) -> str:
    user: str = server.add_user()
    server.fill_maildir(messages, user=user)
    client = imap_client(server, user)  # Dovecot indexes the new maildir on first look
    client.select_folder("INBOX", readonly=True)
    client.logout()
    return user


def profile_top(path: Path, lines: int = 30) -> str:
    import io

    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("cumulative").print_stats(lines)
    stats.sort_stats("cumulative").print_stats(r"followup/", 60)  # our own functions only
    stats.sort_stats("tottime").print_stats(25)
    text: str = out.getvalue()
    return text


def run() -> list[Row]:
    n = count()
    messages = mixed_notes(n, tag="backlog")
    with dovecot_server() as server, tempfile.TemporaryDirectory() as tmp:
        user = fresh_user(server, messages)
        floor_s, fetched = raw_floor(server, user)
        parse_s = parser_only(messages)
        # The sequence's drafts fall due tomorrow; notes that name a follow-up day already
        # past (their Date is old) are drafted in the same run, as on a real first start.
        config = write_config(Path(tmp), server, user, after="1d")
        elapsed, code, peak_kb, summary = run_once(config)
        client = imap_client(server, user)
        left, processed = folder_count(client, "INBOX"), folder_count(client, PROCESSED)
        client.logout()
        rate, parse_rate, floor_rate = n / elapsed, n / parse_s, fetched / floor_s
        ratio = rate / parse_rate
        rows = [
            Row("backlog", "notes in INBOX at start", str(n)),
            Row("backlog", "`followup run --once` exit code / summary", f"{code}: {summary}"),
            Row("backlog", "left in INBOX / moved to Processed", f"{left} / {processed}",
                "0 / all", left == 0 and processed == n),
            Row("backlog", "`run --once` wall time (fetch, parse, store, move, and drafts for "
                "notes whose follow-up day is past)",
                f"{elapsed:.1f} s"),
            Row("backlog", "`run --once` rate", f"{rate:.0f} notes/s"),
            Row("backlog", "parser alone, same messages (one process, warm)",
                f"{parse_rate:.0f} notes/s"),
            Row("backlog", "ratio run --once / parser alone", f"{ratio:.2f}",
                f">= {AIM_RATIO}", ratio >= AIM_RATIO),
            Row("backlog", "raw floor: FETCH BODY.PEEK[] by 100 + email parse",
                f"{floor_rate:.0f} notes/s ({floor_s:.1f} s)"),
            Row("backlog", "ratio run --once / raw floor", f"{rate / floor_rate:.2f}"),
            Row("backlog", "peak RSS of `run --once` (VmHWM / ru_maxrss)", mb(peak_kb),
                "< 150 MB", peak_kb < AIM_RSS_KB),
        ]
        if os.environ.get("BENCH_PROFILE") == "1" or ratio < AIM_RATIO or peak_kb >= AIM_RSS_KB:
            sample = messages[:1000]  # the per-note costs show at 1,000; the profiler doubles time
            user2 = fresh_user(server, sample)
            prof_tmp = Path(tmp) / "p"
            prof_tmp.mkdir()
            config2 = write_config(prof_tmp, server, user2, after="1d")
            prof = prof_tmp / "run.prof"
            p_elapsed, _, _, _ = run_once(config2, profile=prof)
            PROFILE.write_text(f"cProfile of `followup run --once` over {len(sample)} notes "
                               f"({p_elapsed:.1f} s under the profiler)\n\n" + profile_top(prof))
            rows.append(Row("backlog", "profile written", f"bench/{PROFILE.name}"))
    return rows
