"""Parsing a big backlog in a worker process, so a second core parses while this one stores.

The daemon's own process fetches, stores and moves; on a first start with thousands of notes
in the inbox it would otherwise leave a core idle while it parses. `ParseWorker` sends one
chunk of raw messages at a time to `python -m followup.parseworker` (length-prefixed pickles
over its stdin/stdout; only this program's own child reads or writes them) and holds the
chunk until the answer is in: if the worker dies, hangs or answers nonsense, the chunk is
parsed in this process instead, as it would be without a worker, and nothing is lost.
The worker reads EOF and exits when the daemon goes away, even by SIGKILL.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from followup.model import ParsedNote
from followup.parsing import ParseOptions, parse_or_explain

log = logging.getLogger("followup.parseworker")

_HEADER = struct.Struct(">Q")
# How long a worker may take over a chunk before it counts as stuck (or stopped) and the
# chunk is parsed here instead: parsing a note takes milliseconds, but one with a card photo
# may take up to cardimage's 10 s of OCR, so the allowance grows with the chunk.
ANSWER_BASE_S = 60.0
ANSWER_PER_MESSAGE_S = 15.0


class WorkerFailed(Exception):
    """The worker died, hung or answered what is not a list of notes."""


class ParseWorker:
    """A worker process that parses one chunk while the caller stores the previous one.

    Use `submit(raws)` then `result()`, strictly alternating; `close()` when done."""

    def __init__(self, options: ParseOptions, timeout_s: float = ANSWER_BASE_S,
                 per_message_s: float = ANSWER_PER_MESSAGE_S) -> None:
        self.options = options
        self.timeout_s = timeout_s
        self.per_message_s = per_message_s
        self._raws: list[bytes] | None = None
        self._proc: subprocess.Popen[bytes] | None = self._start()

    def _start(self) -> subprocess.Popen[bytes] | None:
        env = dict(os.environ)
        # the worker imports this very package, also when it runs from a source checkout
        root = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "followup.parseworker"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, env=env, close_fds=True)
        except OSError as exc:
            log.warning("no parse worker (%s): parsing in this process", exc)
            return None
        try:
            _send(proc, pickle.dumps(self.options, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:
            log.warning("parse worker did not start (%s): parsing in this process", exc)
            _stop(proc)
            return None
        log.info("parse worker %d started for a backlog", proc.pid)
        return proc

    def submit(self, raws: Sequence[bytes]) -> None:
        """Start parsing `raws` (in the worker when there is one)."""
        assert self._raws is None, "submit() twice without result()"
        self._raws = list(raws)
        if self._proc is not None:
            try:
                _send(self._proc, pickle.dumps(self._raws, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError as exc:
                self._give_up(f"could not send it a chunk ({exc})")

    def result(self) -> list[ParsedNote]:
        """The notes of the chunk last submitted, in order."""
        raws, self._raws = self._raws, None
        assert raws is not None, "result() without submit()"
        if self._proc is not None and raws:
            try:
                allowed = self.timeout_s + self.per_message_s * len(raws)
                notes = pickle.loads(_receive(self._proc, allowed))  # noqa: S301 - our own child
                if (not isinstance(notes, list) or len(notes) != len(raws)
                        or not all(isinstance(n, ParsedNote) for n in notes)):
                    raise WorkerFailed("its answer is not one note per message")
                return notes
            except (OSError, EOFError, WorkerFailed, pickle.UnpicklingError) as exc:
                self._give_up(str(exc) or type(exc).__name__)
        return [parse_or_explain(raw, self.options) for raw in raws]

    def _give_up(self, why: str) -> None:
        log.error("parse worker failed: %s; this chunk and the rest of the backlog are "
                  "parsed in this process", why)
        if self._proc is not None:
            _stop(self._proc)
            self._proc = None

    def close(self) -> None:
        if self._proc is not None:
            _stop(self._proc)
            self._proc = None


def _send(proc: subprocess.Popen[bytes], payload: bytes) -> None:
    assert proc.stdin is not None
    proc.stdin.write(_HEADER.pack(len(payload)) + payload)
    proc.stdin.flush()


def _receive(proc: subprocess.Popen[bytes], timeout_s: float) -> bytes:
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    deadline = time.monotonic() + timeout_s
    header = _read_exactly(fd, _HEADER.size, deadline)
    (size,) = _HEADER.unpack(header)
    return _read_exactly(fd, size, deadline)


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    parts: list[bytes] = []
    left = size
    while left:
        wait = deadline - time.monotonic()
        if wait <= 0 or not select.select([fd], [], [], wait)[0]:
            raise WorkerFailed("no answer in time")
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            raise EOFError("the worker exited")
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    try:
        proc.wait(timeout=5)  # EOF on its stdin ends it
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- the worker side ----------------------------------------------------------------------

def _read_message(stream: int) -> bytes | None:
    header = _read_all(stream, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    return _read_all(stream, size)


def _read_all(fd: int, size: int) -> bytes | None:
    parts: list[bytes] = []
    left = size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None  # the daemon is gone
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def serve(requests: int, answers: int) -> None:
    """Parse chunks from `requests` and write the notes to `answers` until EOF."""
    first = _read_message(requests)
    if first is None:
        return
    options = pickle.loads(first)  # noqa: S301 - from the daemon that started us
    while (data := _read_message(requests)) is not None:
        raws: list[bytes] = pickle.loads(data)  # noqa: S301 - likewise
        notes = [parse_or_explain(raw, options) for raw in raws]
        payload = pickle.dumps(notes, protocol=pickle.HIGHEST_PROTOCOL)
        os.write(answers, _HEADER.pack(len(payload)))
        view = memoryview(payload)
        while view:
            view = view[os.write(answers, view):]


def main() -> None:
    # The answers get a private descriptor; fd 1 goes to stderr, so nothing a library
    # prints can corrupt them.
    answers = os.dup(1)
    os.dup2(2, 1)
    # Ctrl-C on a terminal reaches the whole process group, and systemd's stop signals the
    # whole cgroup: the daemon decides, and the worker ends with the EOF on its stdin that
    # follows the daemon's exit (or with systemd's final SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s (parse worker): %(message)s")
    with contextlib.suppress(BrokenPipeError):  # the daemon stopped reading: it is going
        serve(0, answers)


if __name__ == "__main__":
    main()
