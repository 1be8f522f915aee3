"""Benchmark `backlog`: `followup run --once` over notes already in INBOX, against the parser
alone on the same messages and the raw floor (batched FETCH + `email` parse)."""

from __future__ import annotations

import contextlib
import os
import pstats
import re
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
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


def sweep() -> list[int]:
    """Other backlog sizes to run (BENCH_BACKLOG_SWEEP="500,20000"), for memory's flatness."""
    text = os.environ.get("BENCH_BACKLOG_SWEEP", "")
    return [int(part) for part in text.split(",") if part.strip()]


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


@dataclass
class Run:
    """One `followup run --once`: its times, exit, and memory."""

    elapsed: float  # wall seconds, process start to exit
    code: int
    peak_kb: int  # the daemon's own peak (max of wait4's ru_maxrss and sampled VmHWM)
    peak_sum_kb: int  # peak of daemon + parse worker together (VmRSS, sampled every 0.1 s)
    worker_peak_kb: int  # the parse worker's own peak VmHWM (0: no worker ran)
    read_s: float | None  # "N new message(s) read in X s": scan, fetch, parse, store, move
    draft_s: float | None  # "N draft(s) written in Y s"
    summary: str


def _children(pid: int) -> list[int]:
    found = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _seconds(lines: list[str], pattern: str) -> float | None:
    for line in lines:
        match = re.search(pattern, line)
        if match:
            return float(match.group(1))
    return None


def run_once(config: Path, profile: Path | None = None) -> Run:
    prefix = FOLLOWUP if profile is None else [
        FOLLOWUP[0], "-m", "cProfile", "-o", str(profile), "-m", "followup"]
    t0 = time.perf_counter()
    proc = subprocess.Popen([*prefix, "--config", str(config), "run", "--once"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    hwm, total, worker = [0], [0], [0]
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read() if proc.stderr else ""))
    reader.start()
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            own = proc_status(proc.pid)
            hwm[0] = max(hwm[0], own.get("VmHWM", 0))
            rss = own.get("VmRSS", 0)
            for child in _children(proc.pid):
                status = proc_status(child)
                worker[0] = max(worker[0], status.get("VmHWM", 0))
                rss += status.get("VmRSS", 0)
            total[0] = max(total[0], rss)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code, maxrss = wait_child(proc)
    elapsed = time.perf_counter() - t0
    done.set()
    sampler.join()
    reader.join()
    lines = "".join(err).strip().splitlines()
    peak = max(maxrss, hwm[0])
    return Run(elapsed, code, peak, max(total[0], peak), worker[0],
               _seconds(lines, r"new message\(s\) read in ([0-9.]+) s"),
               _seconds(lines, r"draft\(s\) written in ([0-9.]+) s"),
               lines[-1] if lines else "")


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
        got = run_once(config)
        client = imap_client(server, user)
        left, processed = folder_count(client, "INBOX"), folder_count(client, PROCESSED)
        client.logout()
        # the notes' figure: from start to the last note moved out of INBOX (scan, fetch,
        # parse, store, move); drafting is a separate scheduled job, timed on its own
        read_s = got.read_s if got.read_s is not None else got.elapsed
        rate, parse_rate, floor_rate = n / read_s, n / parse_s, fetched / floor_s
        ratio = rate / parse_rate
        rows = [
            Row("backlog", "notes in INBOX at start", str(n)),
            Row("backlog", "`followup run --once` exit code / summary",
                f"{got.code}: {got.summary}"),
            Row("backlog", "left in INBOX / moved to Processed", f"{left} / {processed}",
                "0 / all", left == 0 and processed == n),
            Row("backlog", "reading the backlog: scan, fetch, parse, store, move (daemon log)",
                f"{read_s:.1f} s"),
            Row("backlog", "backlog rate", f"{rate:.0f} notes/s"),
            Row("backlog", "parser alone, same messages (one process, warm)",
                f"{parse_rate:.0f} notes/s"),
            Row("backlog", "ratio backlog rate / parser alone", f"{ratio:.2f}",
                f">= {AIM_RATIO}", ratio >= AIM_RATIO),
            Row("backlog", "raw floor: FETCH BODY.PEEK[] by 100 + email parse",
                f"{floor_rate:.0f} notes/s ({floor_s:.1f} s)"),
            Row("backlog", "ratio backlog rate / raw floor", f"{rate / floor_rate:.2f}"),
            Row("backlog", "drafts for notes whose follow-up day is past (same run)",
                f"{got.draft_s:.1f} s" if got.draft_s is not None else "?"),
            Row("backlog", "whole `run --once` (start, backlog, drafts, exit) / its rate",
                f"{got.elapsed:.1f} s / {n / got.elapsed:.0f} notes/s"),
            Row("backlog", "peak RSS, daemon + parse worker together (sampled)",
                mb(got.peak_sum_kb), "< 150 MB", got.peak_sum_kb < AIM_RSS_KB),
            Row("backlog", "peak RSS of the daemon / of the parse worker (VmHWM)",
                f"{mb(got.peak_kb)} / {mb(got.worker_peak_kb)}"),
        ]
        single = os.environ.get("BENCH_BACKLOG_SINGLE", "1") == "1"
        if single:
            # the same backlog without the worker: what a one-CPU machine gets
            user3 = fresh_user(server, messages)
            one_tmp = Path(tmp) / "one"
            one_tmp.mkdir()
            config3 = write_config(one_tmp, server, user3, after="1d",
                                   daemon_extra="parse_worker = false")
            alone = run_once(config3)
            alone_s = alone.read_s if alone.read_s is not None else alone.elapsed
            rows += [
                Row("backlog", "same backlog, parse_worker = false: rate / ratio to parser",
                    f"{n / alone_s:.0f} notes/s / {n / alone_s / parse_rate:.2f}"),
                Row("backlog", "same backlog, parse_worker = false: peak RSS",
                    mb(alone.peak_sum_kb)),
            ]
        for size in sweep():
            # memory must stay flat whatever the backlog: the same run at other sizes
            more = mixed_notes(size, tag=f"sweep{size}")
            user4 = fresh_user(server, more)
            del more
            sweep_tmp = Path(tmp) / f"sweep{size}"
            sweep_tmp.mkdir()
            swept = run_once(write_config(sweep_tmp, server, user4, after="1d"))
            swept_s = swept.read_s if swept.read_s is not None else swept.elapsed
            rows.append(Row(
                "backlog", f"backlog of {size}: rate / peak RSS daemon + worker / exit",
                f"{size / swept_s:.0f} notes/s / {mb(swept.peak_sum_kb)} / {swept.code}",
                "< 150 MB", swept.code == 0 and swept.peak_sum_kb < AIM_RSS_KB))
        if (os.environ.get("BENCH_PROFILE") == "1" or ratio < AIM_RATIO
                or got.peak_sum_kb >= AIM_RSS_KB):
            sample = messages[:1000]  # the per-note costs show at 1,000; the profiler doubles time
            user2 = fresh_user(server, sample)
            prof_tmp = Path(tmp) / "p"
            prof_tmp.mkdir()
            config2 = write_config(prof_tmp, server, user2, after="1d")
            prof = prof_tmp / "run.prof"
            p_run = run_once(config2, profile=prof)
            PROFILE.write_text(f"cProfile of `followup run --once` over {len(sample)} notes "
                               f"({p_run.elapsed:.1f} s under the profiler; the daemon "
                               "process only, not its parse worker)\n\n" + profile_top(prof))
            rows.append(Row("backlog", "profile written", f"bench/{PROFILE.name}"))
    return rows
