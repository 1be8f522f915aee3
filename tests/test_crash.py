"""SIGKILL at every step of ingestion and drafting, and at random moments: after a restart
every note is processed exactly once (no lost note, no duplicate contact, follow-up or draft).

The kills come from the real command: FOLLOWUP_TEST_CRASH_AT="step:N" makes `followup run`
SIGKILL itself the Nth time it reaches a step (see followup/bootstrap.py), and os.kill after a
random delay hits whatever it is doing. Each kill is one `run --once` subprocess with a few
fresh notes delivered before it; the chain ends with clean runs and the invariants of
`daemon_harness.assert_exactly_once`."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from daemon_harness import (
    Daemons,
    ImapBox,
    assert_exactly_once,
    daemons,
    owner_note,
    run_once,
    stranger_note,
    wait_until,
    write_config,
)
from dovecot import Dovecot

STEPS = ("recorded", "fetched", "in-transaction", "committed", "moved", "rendered", "appended")
# Enough for every step to be reached three times in one run: "recorded" is once per
# stranger, "committed" once per chunk, "moved" once per chunk with an owner's note.
PER_STEP = {"owner": 5, "strangers": 3}


@dataclass
class Chain:
    """Notes delivered so far, and kills that really happened."""

    config: Path
    box: ImapBox
    notes: int = 0
    strangers: int = 0
    kills: int = 0
    runs: int = 0
    missed: list[str] = field(default_factory=list)

    def deliver(self, owner: int, strangers: int) -> None:
        for _ in range(owner):
            self.box.append(owner_note(self.notes))
            self.notes += 1
        for _ in range(strangers):
            self.box.append(stranger_note(self.strangers))
            self.strangers += 1

    def crash_at(self, spec: str) -> None:
        result = run_once(self.config, spec)
        self.runs += 1
        assert result.returncode in (0, -signal.SIGKILL), result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        self.kills += result.returncode == -signal.SIGKILL
        if result.returncode == 0:
            self.missed.append(spec)

    def calibrate(self) -> float:
        """Seconds a clean `run --once` with a few new notes takes here and now."""
        self.deliver(owner=2, strangers=1)
        start = time.monotonic()
        result = run_once(self.config)
        assert result.returncode == 0, result.stderr
        return time.monotonic() - start

    def kill_after(self, delay: float, args: tuple[str, ...] = ("run", "--once")) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-m", "followup", "--config", str(self.config), *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
        self.runs += 1
        assert proc.returncode in (0, -signal.SIGKILL), err.decode(errors="replace")
        self.kills += alive
        if not alive:
            self.missed.append(f"random {delay:.2f}s")

    def settle_and_check(self) -> None:
        """Two clean runs: the first finishes what the kills left, the second must find
        nothing left to do; then every invariant."""
        first = run_once(self.config)
        assert first.returncode == 0, first.stderr
        second = run_once(self.config)
        assert second.returncode == 0, second.stderr
        assert "0 note(s) processed, 0 need review, 0 ignored, 0 draft(s)" in second.stderr
        assert_exactly_once(self.config, self.box, range(self.notes), range(self.strangers))


@pytest.fixture
def chain(tmp_path: Path, dovecot: Dovecot, dovecot_user: str) -> Iterator[Chain]:
    box = ImapBox(dovecot, dovecot_user)
    # Two notes per chunk, so one run commits and moves several chunks: a kill lands between
    # two transactions as well as inside one.
    yield Chain(write_config(tmp_path, dovecot, dovecot_user, daemon_extra="batch_size = 2"),
                box)
    box.close()


@pytest.fixture
def procs() -> Iterator[Daemons]:
    yield from daemons()


def step_plan(counts: tuple[int, ...]) -> list[str]:
    return [f"{step}:{n}" for n in counts for step in STEPS]


# 55 s: behind -m slow; the default suite keeps the kill between APPEND and mark-drafted and
# the daemon killed while busy (below), and test_reply_crash's kills during the scans
@pytest.mark.slow
def test_kill_at_every_step_then_exactly_once(chain: Chain) -> None:
    """21 self-kills (every step, 1st/2nd/3rd time it is reached), then 9 random ones."""
    for spec in step_plan((1, 2, 3)):
        chain.deliver(**PER_STEP)
        chain.crash_at(spec)
    assert not chain.missed, f"steps never reached: {chain.missed}"
    rng = random.Random(20261125)
    life = chain.calibrate()
    for _ in range(9):
        chain.deliver(owner=2, strangers=1)
        chain.kill_after(rng.uniform(0.1, 0.95) * life)
    chain.settle_and_check()
    print(f"kills: {chain.kills} of {chain.runs} runs; not killed: {chain.missed}")
    assert chain.kills >= 25  # the steps were really reached; a run that ends is no kill


def test_kill_between_append_and_mark_drafted_makes_no_second_draft(chain: Chain) -> None:
    """The narrowest window: the draft is in Drafts, the database does not know it yet."""
    chain.deliver(owner=1, strangers=0)
    chain.crash_at("appended")
    assert chain.kills == 1
    assert chain.box.count("Drafts") == 1
    chain.settle_and_check()


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_two_hundred_kills(chain: Chain) -> None:
    """147 step kills (every step, N = 1..3, seven rounds), 70 random kills of `run --once`
    and a few of the long-running daemon, checking the invariants every round."""
    rng = random.Random(7)
    for _round in range(7):
        for spec in step_plan((1, 2, 3)):
            chain.deliver(**PER_STEP)
            chain.crash_at(spec)
        life = chain.calibrate()
        for _ in range(10):
            chain.deliver(owner=2, strangers=1)
            chain.kill_after(rng.uniform(0.1, 0.95) * life)
        chain.settle_and_check()
    started = Daemons()
    try:
        for _ in range(10):
            chain.deliver(owner=2, strangers=0)
            daemon = started.start(chain.config)
            time.sleep(rng.uniform(1.0, 4.0))
            chain.kills += daemon.proc.poll() is None
            daemon.proc.kill()
            daemon.proc.wait()
    finally:
        started.kill_all()
    chain.settle_and_check()
    print(f"kills: {chain.kills} of {chain.runs} runs")
    assert chain.kills >= 200


def test_daemon_killed_while_busy_resumes(chain: Chain, procs: Daemons) -> None:
    """The long-running daemon killed mid-backlog; a new daemon finishes the job once."""
    chain.deliver(owner=12, strangers=2)
    first = procs.start(chain.config, env={"FOLLOWUP_TEST_CRASH_AT": "committed:5"})
    assert first.proc.wait(timeout=60) == -signal.SIGKILL, first.log()
    chain.kills += 1
    second = procs.start(chain.config)
    assert wait_until(lambda: chain.box.count("Drafts") >= 12, timeout=60), second.log()
    code, log = second.stop()
    assert code == 0, log
    chain.settle_and_check()
