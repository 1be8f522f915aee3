"""Benchmark `replies`: (a) render and APPEND 1,000 due drafts, against a bare imapclient
APPEND of the same bytes; (b) reply and Sent tracking with 10,000 messages in INBOX and
10,000 in Sent and 1,000 contacts: a catch-up pass and an incremental pass after one new
message, against a bare `UID SEARCH UID n:*` + header FETCH of the same messages. The
incremental pass is measured at two folder sizes, to show it does not grow with the folder.

Runs in-process: the app as bootstrap builds it (real ImapMailbox on the test Dovecot, real
SQLite), the store seeded with notes, people and follow-ups through the store's own API."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import (
    OWNER,
    QUICK,
    Row,
    dovecot_server,
    imap_client,
    write_config,
)

AIM_DRAFT_RATIO = 0.5
APPEND_BATCH = 50  # followup.service.APPEND_BATCH
AIM_INCREMENTAL = 2.0
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
FIELDS = ("From", "To", "Cc", "Bcc", "Date", "Message-ID", "In-Reply-To", "References",
          "Subject", "Auto-Submitted", "X-Autoreply", "X-Autorespond", "X-Auto-Reply",
          "Precedence", "List-Id", "Return-Path", "Content-Type", "X-Followup-Id")


def sizes() -> tuple[int, int, int]:
    """(drafts, messages per folder, contacts)."""
    if QUICK:
        return 100, 1000, 100
    return (int(os.environ.get("BENCH_DRAFTS_N", "1000")),
            int(os.environ.get("BENCH_FOLDER_N", "10000")), 1000)


def contact(i: int) -> str:
    return f"person{i}@acme{i % 50}.example"


def seed(app: Any, people: int, due: dt.datetime) -> None:
    """`people` contacts, each with a note and one follow-up due at `due`."""
    from followup.model import NoteStatus, ParsedContact
    from followup.store import NewFollowUp

    with app.store.unit() as u:
        plans = []
        for i in range(people):
            note = u.add_note(account="default", folder="INBOX", uidvalidity=1, uid=f"s{i}",
                              content_hash=f"seed{i}", message_id=f"<seed{i}@owner.example>",
                              subject=f"met person {i}", status=NoteStatus.PROCESSED,
                              reason=None, received_at=NOW - dt.timedelta(days=30),
                              kind="note", met_at="PyCon", note_text="talked about robots")
            person = u.store_person(ParsedContact(full_name=f"Person Number{i}",
                                                  emails=(contact(i),), company="Acme"),
                                    met_at="PyCon", met_on=None, now=NOW, note_id=note.id)
            plans.append(NewFollowUp(contact_id=person.id, note_id=note.id, step=1,
                                     template="nice-to-meet-you", due_at=due,
                                     draft_key=f"bench{i:06d}.0.1@followup"))
        u.add_followups(plans, now=NOW)


def build(tmp: Path, server: Any, user: str) -> Any:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from fakes import FixedClock  # type: ignore[import-not-found]

    from followup.bootstrap import build_app
    from followup.config import load_config

    return build_app(load_config(write_config(tmp, server, user)), FixedClock(NOW))


# --- (a) drafting ----------------------------------------------------------------------

def drafting(server: Any, n: int) -> list[Row]:
    user = server.add_user()
    with tempfile.TemporaryDirectory() as tmp:
        app = build(Path(tmp), server, user)
        seed(app, n, NOW - dt.timedelta(hours=1))
        mailbox = app.open_mailbox(app.config.accounts[0])
        t0 = time.perf_counter()
        report = app.drafter.draft_due({"default": mailbox}, NOW)
        ours = time.perf_counter() - t0
        mailbox.close()
        app.close()
    assert report.drafted == n, report
    client = imap_client(server, user)
    client.select_folder("Drafts", readonly=True)
    raws = [bytes(d[b"BODY[]"]) for d in client.fetch(client.search("ALL"),
                                                      ["BODY.PEEK[]"]).values()]
    client.create_folder("Floor")
    t0 = time.perf_counter()
    for raw in raws:
        client.append("Floor", raw, flags=[b"\\Draft", b"\\Seen"])
    floor = time.perf_counter() - t0
    # followup stores a batch per MULTIAPPEND: the bare client doing the same is the floor
    # of that way of writing
    client.create_folder("FloorMulti")
    t0 = time.perf_counter()
    for start in range(0, len(raws), APPEND_BATCH):
        client.multiappend("FloorMulti", [{"msg": raw, "flags": [b"\\Draft", b"\\Seen"]}
                                          for raw in raws[start:start + APPEND_BATCH]])
    multi = time.perf_counter() - t0
    client.logout()
    ratio = floor / ours
    return [
        Row("replies", f"drafts: render + APPEND of {n} due drafts", f"{n / ours:.0f}/s "
            f"({ours:.2f} s)"),
        Row("replies", "drafts: bare imapclient APPEND of the same bytes",
            f"{n / floor:.0f}/s ({floor:.2f} s)"),
        Row("replies", "drafts: ratio to the floor", f"{ratio:.2f}", f">= {AIM_DRAFT_RATIO}",
            ratio >= AIM_DRAFT_RATIO),
        Row("replies", f"drafts: bare imapclient MULTIAPPEND of the same bytes, "
            f"{APPEND_BATCH} a command (followup's way)",
            f"{n / multi:.0f}/s ({multi:.2f} s); ratio {multi / ours:.2f}"),
    ]


# --- (b) tracking ----------------------------------------------------------------------

def inbox_mail(i: int, people: int) -> bytes:
    sender = contact(i % people) if i % 10 == 0 else f"someone{i}@elsewhere.example"
    return (f"From: Someone <{sender}>\r\nTo: {OWNER}\r\nSubject: message {i}\r\n"
            "Date: Mon, 02 Feb 2026 10:00:00 +0000\r\n"
            f"Message-ID: <in{i}@elsewhere.example>\r\n\r\nbody {i}\r\n").encode()


def sent_mail(i: int, people: int) -> bytes:
    to = contact(i % people) if i % 10 == 0 else f"friend{i}@elsewhere.example"
    return (f"From: Sam Owner <{OWNER}>\r\nTo: {to}\r\nSubject: sent {i}\r\n"
            "Date: Mon, 02 Feb 2026 11:00:00 +0000\r\n"
            f"Message-ID: <out{i}@owner.example>\r\n\r\nbody {i}\r\n").encode()


def floor_pass(server: Any, user: str, marks: dict[str, int]) -> float:
    """Bare `UID SEARCH UID n:*` + HEADER.FIELDS FETCH of what is past `marks` in each
    folder (batches of 1,000), on a connection already open; advances the marks."""
    client = imap_client(server, user)
    item = f"BODY.PEEK[HEADER.FIELDS ({' '.join(FIELDS)})]"
    try:
        t0 = time.perf_counter()
        for folder in ("INBOX", "Sent"):
            client.select_folder(folder, readonly=True)
            uids = sorted(u for u in client.search(["UID", f"{marks[folder] + 1}:*"])
                          if u > marks[folder])
            for start in range(0, len(uids), 1000):
                client.fetch(uids[start:start + 1000], [item])
            if uids:
                marks[folder] = uids[-1]
        return time.perf_counter() - t0
    finally:
        client.logout()


def timed_track(app: Any, mailbox: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    report = app.tracker.track({"default": mailbox}, NOW)
    return time.perf_counter() - t0, report


def incremental(server: Any, user: str, app: Any, mailbox: Any, marks: dict[str, int],
                people: int, tag: int) -> tuple[float, float, Any]:
    """One new reply from a contact in INBOX: followup's pass and the floor's, median of 5."""
    ours, floors = [], []
    report = None
    for k in range(5):
        client = imap_client(server, user)
        client.append("INBOX", inbox_mail(10 * (tag + k), people))  # from a contact
        client.logout()
        floors.append(floor_pass(server, user, dict(marks)))
        took, report = timed_track(app, mailbox)
        ours.append(took)
        floor_pass(server, user, marks)  # advance the floor's marks past it
    return statistics.median(ours), statistics.median(floors), report


def tracking(server: Any, folder_n: int, people: int) -> list[Row]:
    rows: list[Row] = []
    for size in sorted({min(1000, folder_n), folder_n}):
        rows += tracking_at(server, size, people)
    return rows


def tracking_at(server: Any, size: int, people: int) -> list[Row]:
    """A fresh account with `size` messages in INBOX and in Sent: the catch-up pass over
    all of them, then incremental passes after one new message each."""
    user = server.add_user()
    with tempfile.TemporaryDirectory() as tmp:
        app = build(Path(tmp), server, user)
        seed(app, people, NOW + dt.timedelta(days=7))
        mailbox = app.open_mailbox(app.config.accounts[0])
        server.fill_maildir([inbox_mail(i, people) for i in range(size)], user=user)
        server.fill_maildir([sent_mail(i, people) for i in range(size)], user=user,
                            folder="Sent", seen=True)
        client = imap_client(server, user)  # Dovecot indexes the new files once
        for folder in ("INBOX", "Sent"):
            client.select_folder(folder, readonly=True)
        client.logout()
        marks = {"INBOX": 0, "Sent": 0}
        floor_catchup = floor_pass(server, user, marks)
        took, report = timed_track(app, mailbox)
        ours, floor, last = incremental(server, user, app, mailbox, marks, people,
                                        size + 100_000)
        mailbox.close()
        app.close()
    ratio = ours / floor
    return [
        Row("replies", f"tracking: catch-up pass, {size:,} in INBOX + {size:,} in Sent, "
            f"{people:,} contacts", f"{took:.2f} s ({report.read:,} read; floor "
            f"{floor_catchup:.2f} s)"),
        Row("replies", f"tracking: incremental pass after 1 new message, folders of {size:,}",
            f"{ours * 1000:.1f} ms (floor {floor * 1000:.1f} ms; x{ratio:.2f}; "
            f"{last.read} read)", f"<= {AIM_INCREMENTAL}x the floor",
            ratio <= AIM_INCREMENTAL),
    ]


def run() -> list[Row]:
    drafts_n, folder_n, people = sizes()
    with dovecot_server() as server:
        return drafting(server, drafts_n) + tracking(server, folder_n, people)
