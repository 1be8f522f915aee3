"""Benchmark `idle`: RSS of the daemon idling after ~50 notes, beside a bare imapclient process
logged in over STARTTLS and sitting in IDLE."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
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
    mb,
    mixed_notes,
    proc_status,
    write_config,
)

AIM_KB = 64 * 1024
PROFILE = Path(__file__).with_name("profile-idle.txt")
STEP_MODULES = ["ssl", "email.policy", "click", "followup.cli", "imapclient", "sqlalchemy",
                "followup.store", "followup.service", "apscheduler.schedulers.background",
                "jinja2", "followup.bootstrap", "followup.daemon", "followup.mailbox.imap",
                "dateparser", "phonenumbers", "vobject", "rich.progress", "alembic"]


def idle_seconds() -> float:
    return float(os.environ.get("BENCH_IDLE_SECONDS", "5" if QUICK else "10"))


def bare_idle_main(params: str) -> None:
    """The floor process: log in over STARTTLS, select INBOX, IDLE until stdin closes."""
    p = json.loads(params)
    server = type("S", (), p)()
    client = imap_client(server, p["user"])
    client.select_folder("INBOX")
    client.idle()
    print("ready", flush=True)
    sys.stdin.read()
    client.idle_done()
    client.logout()


def stop(proc: subprocess.Popen[Any]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def daemon_rss(server: Any, tmp: Path, pause: float,
               existing_db: bool = False) -> tuple[dict[str, int], float]:
    """RSS of `followup run` after 50 notes and `pause` idle seconds. With `existing_db`
    the database was made beforehand (by `followup check`), as on every restart; on the
    first start the daemon has a child process create the schema (alembic stays out)."""
    user = server.add_user()
    server.fill_maildir(mixed_notes(50, tag="idle"), user=user)
    tmp = tmp / ("restart" if existing_db else "first")
    tmp.mkdir()
    config = write_config(tmp, server, user)
    if existing_db:
        subprocess.run([*FOLLOWUP, "--config", str(config), "check"], cwd=ROOT, check=True,
                       capture_output=True, timeout=120)
    log = (tmp / "daemon.log").open("w")
    proc = subprocess.Popen([*FOLLOWUP, "--config", str(config), "run"], cwd=ROOT,
                            stdout=log, stderr=log)
    client = imap_client(server, user)
    try:
        t0 = time.monotonic()
        while folder_count(client, "INBOX") and time.monotonic() - t0 < 120:
            time.sleep(0.2)
        took = time.monotonic() - t0
        time.sleep(pause)
        return proc_status(proc.pid), took
    finally:
        client.logout()
        stop(proc)
        log.close()


def bare_rss(server: Any) -> dict[str, int]:
    user = server.add_user()
    params = json.dumps({"host": server.host, "port": server.port, "cafile": server.cafile,
                         "password": server.password, "user": user})
    proc = subprocess.Popen([sys.executable, "-m", "bench.idle", "--bare", params], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(2)
        return proc_status(proc.pid)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=20)


def run() -> list[Row]:
    pause = idle_seconds()
    with dovecot_server() as server, tempfile.TemporaryDirectory() as tmp:
        first, _ = daemon_rss(server, Path(tmp), pause)
        ours, took = daemon_rss(server, Path(tmp), pause, existing_db=True)
        bare = bare_rss(server)
        rss = ours.get("VmRSS", 0)
        steps = memory_steps(server, Path(tmp)) if rss >= AIM_KB or os.environ.get(
            "BENCH_PROFILE") == "1" else ""
    if steps:
        PROFILE.write_text("VmRSS growth of one process doing what the daemon does "
                           "(in-process run_once over 50 notes)\n\n" + steps)
    rows = [
        Row("idle", "daemon: 50 notes processed in", f"{took:.1f} s, then idled {pause:.0f} s"),
        Row("idle", "daemon VmRSS idle (restart: database already there)", mb(rss), "< 64 MB",
            0 < rss < AIM_KB),
        Row("idle", "daemon VmRSS idle (first start: a child process creates the schema)",
            mb(first.get("VmRSS", 0)), "< 64 MB", 0 < first.get("VmRSS", 0) < AIM_KB),
        Row("idle", "daemon VmHWM (peak while ingesting the 50)", mb(ours.get("VmHWM", 0))),
        Row("idle", "bare imapclient STARTTLS + IDLE VmRSS / VmHWM",
            f"{mb(bare.get('VmRSS', 0))} / {mb(bare.get('VmHWM', 0))}"),
        Row("idle", "daemon minus bare (VmRSS)", mb(rss - bare.get("VmRSS", 0))),
    ]
    if steps:
        rows.append(Row("idle", "memory steps written", f"bench/{PROFILE.name}"))
    return rows


def steps_main(config: str) -> None:
    """Where the daemon's RSS comes from: VmRSS after each import and each step of a run."""
    import importlib

    def rss() -> int:
        return proc_status(os.getpid()).get("VmRSS", 0)

    lines, prev = [], rss()
    lines.append(f"interpreter + bench.common: {mb(prev)}")

    def step(label: str) -> None:
        nonlocal prev
        now = rss()
        lines.append(f"{label:45s} +{(now - prev) / 1024:5.1f} MB  = {mb(now)}")
        prev = now

    for name in STEP_MODULES:
        importlib.import_module(name)
        step(f"import {name}")
    from followup.bootstrap import build_app
    from followup.config import load_config
    from followup.daemon import run_once

    app = build_app(load_config(config))
    step("build_app (store open, alembic upgrade, templates)")
    report = run_once(app)
    step(f"run_once: {report.processed} notes ingested and drafted")
    import gc

    gc.collect()
    step("gc.collect()")
    print("\n".join(lines))


def memory_steps(server: Any, tmp: Path) -> str:
    user = server.add_user()
    server.fill_maildir(mixed_notes(50, tag="steps"), user=user)
    steps_tmp = tmp / "steps"
    steps_tmp.mkdir()
    config = write_config(steps_tmp, server, user)
    out = subprocess.run([sys.executable, "-m", "bench.idle", "--steps", str(config)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return out.stdout


if __name__ == "__main__" and "--steps" in sys.argv:
    steps_main(sys.argv[sys.argv.index("--steps") + 1])
if __name__ == "__main__" and "--bare" in sys.argv:
    bare_idle_main(sys.argv[sys.argv.index("--bare") + 1])
