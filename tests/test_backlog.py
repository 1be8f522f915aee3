"""A backlog in chunks: one transaction and one MOVE per chunk, parsed in a worker process
that gives the same result as parsing in this one, and whose failure loses nothing."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeMailbox, FixedClock
from test_service import FRIDAY_EVENING, OWNER, World, note

from followup import service
from followup.model import NoteStatus
from followup.parseworker import ParseWorker
from followup.parsing import ParseOptions, parse_message
from followup.ports import MailboxUnavailable, MessageRef
from followup.service import ParserFactory, _chunks

ROOT = Path(__file__).resolve().parents[1]


def backlog() -> list[bytes]:
    """Forty notes of every kind: people, a stranger, automatic mail, one too big, one
    without a person, and two identical copies of one note."""
    out = [note(f"met Person {i} Example, person{i}@firm{i % 7}.example, at Expo {i % 3}; "
                f"follow up in {1 + i % 3} weeks") for i in range(30)]
    out.insert(5, note("met Mallory, mallory@evil.example", sender="Mallory <m@evil.example>"))
    out.insert(9, note("out of office", extra="Auto-Submitted: auto-replied\r\n"))
    out.insert(12, note("x" * 5000 + " met Big Note, big@big.example"))
    out.insert(20, note("remember to buy milk"))
    twin = note("met Twin Copy, twin@copy.example, at the airport")
    out[25:25] = [twin, twin]
    return out


class Recorder:
    """A ParserFactory that starts real workers and remembers them."""

    def __init__(self) -> None:
        self.workers: list[ParseWorker] = []

    def __call__(self, options: ParseOptions) -> ParseWorker:
        worker = ParseWorker(options)
        self.workers.append(worker)
        return worker


def world_with(tmp: Path, name: str, worker: ParserFactory | None = None,
               batch_size: int = 7) -> World:
    (tmp / name).mkdir()
    world = World(tmp / name, max_bytes=4000)
    world.account = dataclasses.replace(world.account, batch_size=batch_size)
    world.ingestor = service.Ingestor(world.store, world.clock, world.account, world.policy,
                                      worker=worker)
    for raw in backlog():
        world.mailbox.deliver(raw)
    return world


def state(world: World) -> dict[str, Any]:
    with world.store.unit() as u:
        return {
            "notes": [(n.uid, n.status, n.reason, n.met_at, n.follow_up_on, n.content_hash)
                      for n in u.list_notes()],
            "contacts": [(c.full_name, c.emails, c.met_at) for c in u.list_contacts()],
            "followups": [(f.contact_id, f.step, f.template, f.due_at, f.draft_key)
                          for f in u.list_followups()],
        }


def test_a_backlog_in_a_worker_ends_as_it_does_in_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "WORKER_MIN_MESSAGES", 10)
    recorder = Recorder()
    inline = world_with(tmp_path, "inline")
    parallel = world_with(tmp_path, "worker", worker=recorder)
    progress: list[tuple[int, int]] = []
    one = inline.ingestor.ingest(inline.mailbox)
    two = parallel.ingestor.ingest(parallel.mailbox, lambda d, t: progress.append((d, t)))
    assert len(recorder.workers) == 1, "one worker for the pass"
    assert recorder.workers[0]._proc is None, "the worker ends with the pass"
    assert state(inline) == state(parallel)
    for report in (one, two):
        # 30 people + the twin; the stranger and the auto-reply ignored; the big note and
        # the one without a person in review; the second twin a copy of the first
        assert (report.processed, report.needs_review, report.ignored, report.rekeyed) == \
            (31, 2, 2, 1)
    assert progress[-1] == (36, 36) and [d for d, _ in progress] == sorted(
        d for d, _ in progress)
    assert len(parallel.mailbox.messages("Followup/Processed")) == 32  # with the copy
    assert len(parallel.mailbox.messages("Followup/Needs review")) == 2
    assert len(parallel.mailbox.messages("INBOX")) == 2  # strangers stay, untouched
    assert parallel.ingestor.ingest(parallel.mailbox).new_messages == 0


def test_a_failed_move_leaves_later_chunks_unread_and_loses_nothing(tmp_path: Path) -> None:
    world = world_with(tmp_path, "w", batch_size=10)
    world.mailbox.fail_next("move")  # the first chunk's move
    with pytest.raises(MailboxUnavailable):
        world.ingestor.ingest(world.mailbox)
    with world.store.unit() as u:
        # chunk 1 committed (its move failed); chunk 2 was read and parsed, never stored
        assert len(u.list_notes()) == 10
    report = world.ingestor.ingest(world.mailbox)
    assert report.repeated_moves == 10 - 2  # the two strangers of chunk 1 never move
    assert report.new_messages + report.rekeyed == 36 - 10
    reference = world_with(tmp_path, "ref", batch_size=10)
    reference.ingestor.ingest(reference.mailbox)
    assert state(world)["contacts"] == state(reference)["contacts"]
    assert len(world.mailbox.messages("INBOX")) == 2


def test_chunks_are_bounded_by_count_and_bytes() -> None:
    refs = [MessageRef("INBOX", 1, str(i), size) for i, size in
            enumerate([10, 10, 10, 10, 500, 10, 10])]
    sizes = [[r.size for r in c] for c in _chunks(refs, 3, 100)]
    assert sizes == [[10, 10, 10], [10], [500], [10, 10]]
    assert [len(c) for c in _chunks(refs, 100, 10**9)] == [7]
    assert list(_chunks([], 3, 100)) == []
    assert [len(c) for c in _chunks(refs[:6], 3, 10**9, first=1)] == [1, 3, 2]
    assert [len(c) for c in _chunks(refs[:6], 2, 10**9, first=5)] == [2, 2, 2]


def owner_notes(n: int) -> list[bytes]:
    return [note(f"met Ann {i} Lee, ann{i}@lee.example, at the fair") for i in range(n)]


def test_the_worker_parses_as_this_process_does() -> None:
    options = ParseOptions(owner_addresses=(OWNER,))
    raws = [*owner_notes(5), b"\xff\xfe not mail at all", b""]
    worker = ParseWorker(options)
    try:
        for _ in range(2):  # the same worker serves chunk after chunk
            worker.submit(raws)
            assert worker.result() == [parse_message(r, options) for r in raws]
        worker.submit([])
        assert worker.result() == []
    finally:
        worker.close()


def test_a_worker_that_dies_is_replaced_by_parsing_here(caplog: pytest.LogCaptureFixture
                                                        ) -> None:
    options = ParseOptions(owner_addresses=(OWNER,))
    raws = owner_notes(3)
    worker = ParseWorker(options)
    try:
        assert worker._proc is not None
        worker._proc.kill()
        worker._proc.wait()
        worker.submit(raws)
        assert worker.result() == [parse_message(r, options) for r in raws]
        assert "parse worker failed" in caplog.text
        worker.submit(raws)  # and it stays in this process
        assert len(worker.result()) == 3
    finally:
        worker.close()


def test_a_worker_that_hangs_is_given_up_after_its_timeout(caplog: pytest.LogCaptureFixture
                                                           ) -> None:
    options = ParseOptions(owner_addresses=(OWNER,))
    raws = owner_notes(2)
    worker = ParseWorker(options, timeout_s=1.0, per_message_s=0.0)
    try:
        assert worker._proc is not None
        proc = worker._proc
        os.kill(proc.pid, signal.SIGSTOP)
        worker.submit(raws)
        started = time.monotonic()
        assert worker.result() == [parse_message(r, options) for r in raws]
        assert time.monotonic() - started < 10
        assert "no answer in time" in caplog.text
        assert proc.poll() is not None, "the stuck worker was stopped"
    finally:
        worker.close()


def test_the_worker_ends_when_the_daemon_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "daemon.py"
    script.write_text(
        "import sys, time\n"
        "from followup.parsing import ParseOptions\n"
        "from followup.parseworker import ParseWorker\n"
        "w = ParseWorker(ParseOptions())\n"
        "print(w._proc.pid, flush=True)\n"
        "time.sleep(600)\n")
    daemon = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                              text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert daemon.stdout is not None
        pid = int(daemon.stdout.readline())
        daemon.kill()  # SIGKILL: no cleanup of any kind in the daemon
        daemon.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.05)
        assert not _alive(pid), "the worker outlived the daemon"
    finally:
        daemon.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1].split()[0] != "Z"  # a zombie waits for init
    except FileNotFoundError:
        return False


def test_small_passes_parse_in_this_process(tmp_path: Path) -> None:
    recorder = Recorder()
    world = World(tmp_path)
    world.ingestor = service.Ingestor(world.store, FixedClock(FRIDAY_EVENING), world.account,
                                      world.policy, worker=recorder)
    world.mailbox = FakeMailbox()
    for raw in owner_notes(3):
        world.mailbox.deliver(raw)
    assert world.ingestor.ingest(world.mailbox).processed == 3
    assert recorder.workers == [], "no worker for three notes"
    assert NoteStatus.PROCESSED in {s for s, _ in world.notes()}


def test_a_stop_signal_to_the_whole_group_leaves_the_worker_to_the_daemon(
        caplog: pytest.LogCaptureFixture) -> None:
    """systemd signals every process of the service: the worker keeps serving until the
    daemon (which decides when to stop) goes away, so no chunk falls back needlessly."""
    options = ParseOptions(owner_addresses=(OWNER,))
    worker = ParseWorker(options)
    try:
        assert worker._proc is not None
        worker.submit(owner_notes(1))  # answered once the worker is up and serving
        worker.result()
        os.kill(worker._proc.pid, signal.SIGTERM)
        os.kill(worker._proc.pid, signal.SIGINT)
        worker.submit(owner_notes(2))
        assert len(worker.result()) == 2
        assert "parse worker failed" not in caplog.text
        assert worker._proc is not None and worker._proc.poll() is None
    finally:
        worker.close()
