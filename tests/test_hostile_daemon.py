"""The hostile MIME corpus in a real Dovecot inbox, read by the real daemon: it never crashes or
stalls, every message ends in exactly one of processed / needs review / ignored (with a reason
for the last two), and no draft carries an injected header or evaluated template code.

Each file is delivered twice over: as it is (so mostly strangers' mail, judged on its header
alone) and with its From fields replaced by the owner's, so that the parser reads it."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
import time
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

import pytest
from daemon_harness import (
    OWNER,
    PROCESSED,
    REVIEW,
    Daemons,
    ImapBox,
    followup,
    followups,
    notes,
    wait_until,
    write_config,
)
from dovecot import Dovecot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"
DRAFT_HEADERS = {"from", "to", "subject", "date", "message-id", "x-followup-id",
                 "mime-version", "content-type", "content-transfer-encoding",
                 "in-reply-to", "references"}  # a "Re:" draft threads to the forwarded mail
EVALUATED = {"49", "uid=", "'PATH'", "/usr/bin", "<function ", "<module ", "<built-in"}
_FROM_LINE = re.compile(rb"(?i)^from[ \t]*:")
_BLANK = re.compile(rb"\r?\n\r?\n")


def corpus() -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file()
                  and p.suffix not in {".md", ".py", ".tsv"}
                  and not p.name.startswith(("LICENSE", "NOTICE", ".")))


def as_owner(raw: bytes) -> bytes:
    """The same message with every From field (and its folded lines) replaced by the
    owner's single From; what has no header/body separator is all header."""
    found = _BLANK.search(raw)
    head, body = (raw[:found.start()], raw[found.start():]) if found else (raw, b"")
    kept, dropping = [], False
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and dropping:
            continue
        dropping = bool(_FROM_LINE.match(line))
        if not dropping:
            kept.append(line)
    return b"From: Sam Owner <" + OWNER.encode() + b">\r\n" + b"".join(kept) + body


def unique(messages: list[bytes]) -> list[bytes]:
    """One copy of each byte string: an exact copy is, on purpose, the same message."""
    seen: dict[str, bytes] = {}
    for raw in messages:
        seen.setdefault(hashlib.sha256(raw).hexdigest(), raw)
    return list(seen.values())


def sample(every: int) -> list[bytes]:
    files = corpus()
    chosen = [p for i, p in enumerate(files) if "own" in p.parts or i % every == 0]
    raws = [p.read_bytes() for p in chosen]
    return unique([*raws, *(as_owner(r) for r in raws)])


def parse_draft(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def check_outcome(config: Path, box: ImapBox, delivered: int,
                  injected: set[str]) -> Counter[str]:
    """Every message in exactly one terminal state, each folder holding its share, and
    every draft a plain one: one To, no Cc/Bcc, only the headers drafting writes."""
    listed = notes(config)
    states = Counter(n["status"] for n in listed)
    assert len(listed) == delivered, (len(listed), delivered, states)
    assert set(states) <= {"processed", "needs-review", "ignored"}
    assert all(n["reason"] for n in listed if n["status"] != "processed")
    assert box.count(REVIEW) == states["needs-review"]
    assert box.count(PROCESSED) == states["processed"]
    assert box.count("INBOX") == states["ignored"]  # no [folders] ignored: they stay

    drafts = box.raw_messages("Drafts")
    assert len(drafts) == sum(f["status"] == "drafted" for f in followups(config))
    for flags, raw in drafts:
        assert b"\\Draft" in flags
        head = raw[:_BLANK.search(raw).start()] if _BLANK.search(raw) else raw  # type: ignore[union-attr]
        names = [line.split(b":", 1)[0].decode().lower()
                 for line in head.splitlines() if line[:1] not in (b" ", b"\t")]
        assert set(names) <= DRAFT_HEADERS, names
        assert Counter(names)["to"] == 1 and "bcc" not in names and "cc" not in names, names
        assert Counter(names)["in-reply-to"] <= 1 and Counter(names)["references"] <= 1, names
        msg = parse_draft(raw)
        assert len(msg["To"].addresses) == 1, str(msg["To"])
        text = msg.get_body(preferencelist=("plain",))
        content = (text.get_content() if text is not None else "") + str(msg["Subject"])
        # template code from the note is shown as text, never run: no 7*7 = 49, no output
        # of os.popen('id'), no environment dump
        assert not any(marker in content for marker in injected), content
    return states


@pytest.mark.slow  # 34 s: the default suite keeps test_hostile_corpus_daemon (every third)
def test_whole_hostile_corpus_run_once(tmp_path: Path, dovecot: Dovecot, dovecot_user: str,
                                 box: ImapBox) -> None:
    messages = sample(every=1)
    config = write_config(tmp_path, dovecot, dovecot_user)
    dovecot.fill_maildir(messages, user=dovecot_user)
    start = time.monotonic()
    result = followup(config, "run", "--once", check=False, timeout=600)
    elapsed = time.monotonic() - start
    # 5: the pass ran, but some follow-ups could not be drafted; in this corpus only
    # because a person's address cannot go into a draft (it needs SMTPUTF8), said per draft
    assert result.returncode in (0, 5), result.stderr[-5000:]
    if result.returncode == 5:
        failed = re.findall(r"follow-up \d+: ([^;]*)", result.stderr.splitlines()[-1])
        assert failed and all("address" in why or "SMTPUTF8" in why for why in failed), \
            result.stderr[-5000:]
    assert "Traceback" not in result.stderr, result.stderr[-5000:]
    states = check_outcome(config, box, len(messages), EVALUATED)
    print(f"{len(messages)} hostile messages in {elapsed:.1f} s: {dict(states)}")
    assert states["processed"] and states["needs-review"] and states["ignored"]
    again = followup(config, "run", "--once", check=False)
    assert again.returncode == result.returncode, again.stderr  # the same drafts still wait
    assert "0 note(s) processed, 0 need review, 0 ignored" in again.stderr, again.stderr


def test_hostile_corpus_daemon(tmp_path: Path, dovecot: Dovecot, dovecot_user: str,
                               box: ImapBox, procs: Daemons) -> None:
    """A short daemon run over part of the corpus delivered while it watches."""
    messages = sample(every=3)
    config = write_config(tmp_path, dovecot, dovecot_user, daemon_extra="catchup_interval = 600")
    daemon = procs.start(config)
    time.sleep(1.5)
    half = len(messages) // 2
    dovecot.fill_maildir(messages[:half], user=dovecot_user)
    time.sleep(0.5)
    dovecot.fill_maildir(messages[half:], user=dovecot_user)
    assert wait_until(lambda: len(notes(config)) >= len(messages), timeout=300, step=2), \
        daemon.log()[-5000:]
    assert daemon.proc.poll() is None, daemon.log()[-5000:]
    code, log = daemon.stop()
    assert code == 0, log[-5000:]
    assert "Traceback" not in log, log[-5000:]
    check_outcome(config, box, len(messages), EVALUATED)
