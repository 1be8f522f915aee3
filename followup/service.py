"""Use cases: ingest new notes from a mailbox and draft due follow-ups, exactly once.

The order of every step is what makes a kill at any moment safe:
1. a message is keyed by (account, folder, UIDVALIDITY, UID) and by the hash of its bytes
   (of its header and size when it is judged without its body); known bytes under a new
   key are re-keyed, or recorded as a copy while the known message is still in the folder;
2. its note, contacts and follow-ups are written in ONE database transaction, with those
   of the other messages of its chunk (a backlog is read in chunks of `batch_size`);
3. only after that commit does the mailbox change (the chunk moves to Processed / Needs
   review); a message still in the inbox whose key is known just gets its move repeated;
4. a draft carries `X-Followup-Id` = the follow-up's stable key; a drafting pass, holding
   the store's drafting lock, looks once for its keys in Drafts and APPENDs only those not
   there; the follow-up is marked drafted after the APPEND.
So a crash between any two steps repeats only idempotent work on the next run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from followup.digest import DIGEST_HEADER, header_message_id
from followup.drafting import (
    DraftContext,
    DraftEnvironment,
    DraftingError,
    RenderedDraft,
    render_draft,
)
from followup.lifecycle import note_date, written_at
from followup.model import (
    Contact,
    FollowUp,
    FollowUpChannel,
    NoteRecord,
    NoteStatus,
    ParsedContact,
    ParsedNote,
)
from followup.ownerwords import (
    MailCommand,
    digest_references,
    labelled_fields,
    read_command,
    says_no_follow_up,
)
from followup.parsing import ParseOptions, parse_or_explain
from followup.parsing.assemble import CardReading
from followup.parsing.headers import header_values, scan_headers
from followup.parsing.mime import header_subject
from followup.planning import (
    DEFAULT_SEQUENCE,
    DraftingWindow,
    FollowUpSequence,
    SequenceStep,
    choose_sequence,
    in_drafting_window,
    plan_followups,
)
from followup.ports import Clock, Mailbox, MailboxRefused, MailboxUnavailable, MessageRef
from followup.sender import not_a_note
from followup.store import NewFollowUp, Store, StoreError, Unit, normalise_name

log = logging.getLogger("followup.service")

# Test hook for the crash tests: FOLLOWUP_TEST_CRASH_AT=<step>[:<n>] makes the process kill
# itself at that step (see tests/test_crash.py). Set by bootstrap from the environment only.
CrashHook = Callable[[str], None]
CardReader = Callable[[bytes], CardReading]


def _no_crash(_step: str) -> None:
    return None


@dataclass(frozen=True)
class AccountSetup:
    """What ingestion needs to know about one watched account."""

    name: str
    folder: str
    owner_addresses: tuple[str, ...]
    authserv_id: str | None
    processed_folder: str
    review_folder: str
    ignored_folder: str | None
    owner_name: str
    max_message_bytes: int
    # new messages per chunk: one transaction and one MOVE per target folder each
    batch_size: int = 200


@dataclass(frozen=True)
class Policy:
    """How follow-ups are planned and drafted."""

    sequence: tuple[SequenceStep, ...]  # the default sequence's steps
    window: DraftingWindow
    timezone: ZoneInfo
    region: str = "US"
    # Named sequences besides the default ([sequences.NAME]); "default" here overrides `sequence`.
    sequences: Mapping[str, FollowUpSequence] = field(default_factory=dict)
    # A note that names its own day ("follow up in 2 weeks") gets its first follow-up that
    # day from this template; the sequence's later steps keep their distance to it.
    dated_template: str = "follow-up"

    def all_sequences(self) -> dict[str, FollowUpSequence]:
        """Every sequence a note may choose, "default" first."""
        return {DEFAULT_SEQUENCE: FollowUpSequence(DEFAULT_SEQUENCE, self.sequence),
                **self.sequences}


@dataclass
class RunReport:
    """What one pass did, for logs, `run --once` and tests."""

    processed: int = 0
    needs_review: int = 0
    ignored: int = 0
    repeated_moves: int = 0
    rekeyed: int = 0
    drafted: int = 0
    refused: int = 0  # due drafts the mail server would not store (see FollowUp.reason)
    contacts: list[int] = field(default_factory=list)
    # what reply tracking (followup.tracking) did in the pass
    stopped: int = 0  # plans stopped by a reply or the owner's own mail
    sent: int = 0
    discarded: int = 0
    # Follow-ups that could not be drafted (a broken template, an unusable address): each
    # says which and why; they stay planned and are tried again at the next pass.
    failed_drafts: list[str] = field(default_factory=list)

    def merge(self, other: RunReport) -> None:
        for name in ("processed", "needs_review", "ignored", "repeated_moves", "rekeyed",
                     "drafted", "refused", "stopped", "sent", "discarded"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.contacts.extend(other.contacts)
        self.failed_drafts.extend(other.failed_drafts)

    def drafts_summary(self) -> str:
        """ "3 draft(s) written", and how many failed and why, for logs and `run --once`."""
        text = f"{self.drafted} draft(s) written"
        if self.failed_drafts:
            text += (f", {len(self.failed_drafts)} draft(s) FAILED (they wait until fixed): "
                     + "; ".join(self.failed_drafts[:5]))
            if len(self.failed_drafts) > 5:
                text += f"; and {len(self.failed_drafts) - 5} more"
        return text

    @property
    def new_messages(self) -> int:
        return self.processed + self.needs_review + self.ignored


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _header_key(header: bytes, ref: MessageRef) -> str:
    """The content key of a message judged without its body: its header and its size
    (two messages with one header template and different bodies are two messages)."""
    return "h:" + content_hash(b"%d\0" % ref.size + header)


# A chunk of new messages (AccountSetup.batch_size of them at most) gets one transaction and
# one MOVE per target folder; its bytes are held until it is parsed, so they are bounded too.
CHUNK_BYTES = 16 * 1024 * 1024
# A pass with this many new messages (a first start on a backlog) parses in a worker process
# while this one stores; fewer are not worth the worker's start of about a third of a second.
WORKER_MIN_MESSAGES = 400
# The first chunk is small, so the parser has its first notes (and the pipeline is full)
# after a few dozen milliseconds rather than after a whole chunk.
FIRST_CHUNK = 25


class ChunkParser(Protocol):
    """Parses one chunk of raw messages at a time: `submit`, then `result`, alternating."""

    def submit(self, raws: Sequence[bytes]) -> None: ...

    def result(self) -> list[ParsedNote]: ...

    def close(self) -> None: ...


ParserFactory = Callable[[ParseOptions], ChunkParser]


class InlineParser:
    """The `ChunkParser` that parses in this process, at `submit`."""

    def __init__(self, options: ParseOptions) -> None:
        self.options = options
        self._notes: list[ParsedNote] = []

    def submit(self, raws: Sequence[bytes]) -> None:
        self._notes = [parse_or_explain(raw, self.options) for raw in raws]

    def result(self) -> list[ParsedNote]:
        notes, self._notes = self._notes, []
        return notes

    def close(self) -> None:
        return None


@dataclass
class _Item:
    """One new message of a chunk, from its fetch to its move."""

    ref: MessageRef
    digest: str
    # judged from the header alone (not the owner's, automatic, or over the size limit)
    status: NoteStatus | None = None
    reason: str | None = None
    subject: str | None = None
    # the message's bytes, kept only while its content hash was already known when fetched
    # (it is then not parsed, but may have to be if that record is gone by the write)
    raw: bytes | None = None
    note: ParsedNote | None = None
    message: str = ""  # the log line, written after the commit
    rekeyed: bool = False  # counted as re-keyed, not as a new note
    references: tuple[str, ...] = ()  # In-Reply-To/References naming a digest entry
    # a note in needs review that the owner moved back into the watched folder (or `notes
    # retry` did): it is read again and its record (this id) takes the new outcome
    retry_of: int | None = None
    date_field: str | None = None  # its Date field as written (the note's own date)
    arrived: dt.datetime | None = None  # when it arrived (asked only without a usable Date)


@dataclass
class _Chunk:
    items: list[_Item]
    parsed: list[_Item]  # the items whose bytes went to the parser, in that order


class Ingestor:
    """Reads new messages of one account's watched folder into the store."""

    def __init__(self, store: Store, clock: Clock, account: AccountSetup, policy: Policy,
                 crash: CrashHook = _no_crash, card_reader: CardReader | None = None,
                 worker: ParserFactory | None = None) -> None:
        self.card_reader = card_reader  # OCR for business-card photos, when available
        self.store = store
        self.clock = clock
        self.account = account
        self.policy = policy
        self.crash = crash
        self.worker = worker  # parses a big backlog in another process, when given
        # UIDs in the watched folder at this pass's scan: a known message still among them
        # is a live original, so a message with the same bytes is a copy, not the original
        # under a new key
        self._live: frozenset[str] = frozenset()
        self._again: set[str] = set()  # known needs-review keys to read again this pass
        # drafts that commands and "no follow-up needed" notes of the chunk being written
        # take out of Drafts, inside its transaction (see followup.control)
        self._mailbox: Mailbox | None = None
        self._stale_drafts: list[str] = []
        # (uidvalidity, uid) of our own digests in the watched folder: never notes, never
        # moved (the owner reads them there), their headers fetched once
        self._digests: set[tuple[int, str]] = set()

    def parse_options(self) -> ParseOptions:
        return ParseOptions(owner_addresses=self.account.owner_addresses,
                            region=self.policy.region, card_reader=self.card_reader)

    def ingest(self, mailbox: Mailbox, progress: Callable[[int, int], None] | None = None,
               stop: Callable[[], bool] | None = None) -> RunReport:
        """One pass over the watched folder: every message ends processed, in review or
        ignored; what was already handled is not handled again.

        Chunks overlap: chunk k+1 is fetched and parsed (in a worker process, for a big
        backlog) while chunk k is stored and moved. When `stop()` turns true the pass ends
        after the chunk being stored; the chunk read ahead is dropped (nothing of it was
        committed or moved), so the next pass reads it again."""
        report = RunReport()
        self._mailbox = mailbox
        state = mailbox.scan()
        self._live = frozenset(r.uid for r in state.refs)
        self._check_uidvalidity(state.uidvalidity)
        new_refs = [r for r in self._sort_known(mailbox, state.refs, report)
                    if (r.uidvalidity, r.uid) not in self._digests]
        total, done = len(new_refs), 0
        parser = self._parser(total)
        try:
            pending: _Chunk | None = None
            for refs in _chunks(new_refs, self.account.batch_size, CHUNK_BYTES,
                                first=FIRST_CHUNK):
                chunk, raws = self._read_chunk(mailbox, refs)
                if pending is not None:
                    self._take_notes(pending, parser)
                parser.submit(raws)
                del raws
                if pending is not None:
                    done += self._finish(mailbox, pending, report)
                    if progress:
                        progress(done, total)
                    if stop is not None and stop():
                        log.info("%s: stopping after %d of %d new message(s); the rest "
                                 "waits for the next start", self.account.name, done, total)
                        return report
                pending = chunk
            if pending is not None:
                self._take_notes(pending, parser)
                done += self._finish(mailbox, pending, report)
                if progress:
                    progress(total, total)
        finally:
            parser.close()
        return report

    def _parser(self, new_messages: int) -> ChunkParser:
        if self.worker is not None and new_messages >= WORKER_MIN_MESSAGES:
            return self.worker(self.parse_options())
        return InlineParser(self.parse_options())

    # -- known messages -----------------------------------------------------------------
    def _check_uidvalidity(self, uidvalidity: int) -> None:
        acct, folder = self.account.name, self.account.folder
        with self.store.unit() as u:
            before = u.folder_uidvalidity(acct, folder)
            if before != uidvalidity:
                if before is not None:
                    log.warning("%s/%s: UIDVALIDITY changed from %s to %s; messages are "
                                "re-keyed by content hash, none is ingested twice",
                                acct, folder, before, uidvalidity)
                u.set_folder_uidvalidity(acct, folder, uidvalidity)

    def _sort_known(self, mailbox: Mailbox, refs: Sequence[MessageRef],
                    report: RunReport) -> list[MessageRef]:
        """Return the refs never seen; repeat the move of known ones still in the inbox."""
        if not refs:
            return []
        with self.store.unit() as u:
            known = u.known_statuses(self.account.name, self.account.folder,
                                     refs[0].uidvalidity)
        # A needs-review note under a known key in the folder was moved back by the owner (a
        # Maildir message keeps its key when moved) or never moved away: either way it is
        # read again into its own record, which gives the same outcome in the second case.
        self._again = {uid for uid, status in known.items()
                       if status is NoteStatus.NEEDS_REVIEW}
        again: dict[str, list[MessageRef]] = {}
        for ref in refs:
            target = self._target(known[ref.uid]) if ref.uid in known else None
            if target is not None and ref.uid not in self._again:
                again.setdefault(target, []).append(ref)
        for target, moving in again.items():
            mailbox.move_many(moving, target, seen=self._seen(target))
            report.repeated_moves += len(moving)
        return [r for r in refs if r.uid not in known or r.uid in self._again]

    # -- new messages: read ---------------------------------------------------------------
    def _read_chunk(self, mailbox: Mailbox, refs: Sequence[MessageRef]
                    ) -> tuple[_Chunk, list[bytes]]:
        """Judge each header, fetch the bodies worth reading; return the chunk and the bytes
        to parse (the bodies whose content is not known already)."""
        items: list[_Item] = []
        small = []
        replies: dict[str, tuple[str, ...]] = {}
        dates: dict[str, str] = {}
        for ref, header in mailbox.fetch_headers(refs):
            if self._own_digest(header):
                self._digests.add((ref.uidvalidity, ref.uid))
                continue
            reason = self._not_a_note(header)
            if reason is not None:
                items.append(_Item(ref, _header_key(header, ref), NoteStatus.IGNORED, reason))
            elif ref.size > self.account.max_message_bytes:
                # the owner's mail over the limit keeps its Subject for the review listing;
                # a stranger's message is never read, not even its Subject
                reason = (f"message is {ref.size} bytes, over the limit of "
                          f"{self.account.max_message_bytes} (daemon.max_message_bytes); "
                          "not downloaded")
                items.append(_Item(ref, _header_key(header, ref), NoteStatus.NEEDS_REVIEW,
                                   reason, header_subject(header)))
            else:
                small.append(ref)
                if written := header_values(scan_headers(header, 200).fields, "Date"):
                    dates[ref.uid] = written[0][:200].decode("ascii", "replace")
                if found := digest_references(header):
                    replies[ref.uid] = found
        # a note whose Date field is missing or absurd is dated by its arrival instead
        now = self.clock.now()
        undated = [r for r in small if written_at(dates.get(r.uid), now) is None]
        arrivals = mailbox.arrived(undated) if undated else {}
        bodies = []
        for ref, raw in mailbox.fetch(small):
            bodies.append((_Item(ref, content_hash(raw), references=replies.get(ref.uid, ()),
                                 date_field=dates.get(ref.uid),
                                 arrived=arrivals.get(ref.uid)), raw))
            self.crash("fetched")
        with self.store.unit() as u:
            known = u.notes_by_hashes(self.account.name, [i.digest for i, _ in bodies])
        parsed, raws = [], []
        with self.store.unit() as u:
            same_key = {i.ref.uid: u.find_note(self.account.name, self.account.folder,
                                               i.ref.uidvalidity, i.ref.uid)
                        for i, _ in bodies if i.ref.uid in self._again}
        for item, raw in bodies:
            kept = same_key.get(item.ref.uid)
            item.retry_of = (kept.id if kept is not None
                             else self._moved_back(item, known.get(item.digest, [])))
            if item.digest in known and item.retry_of is None:
                item.raw = raw  # handled before under another key: re-keyed, not parsed
            else:
                parsed.append(item)
                raws.append(raw)
        items.extend(item for item, _ in bodies)
        return _Chunk(items, parsed), raws

    def _moved_back(self, item: _Item, known: list[NoteRecord]) -> int | None:
        """The record to read again when this message is a needs-review note moved back
        into the watched folder: its bytes are known, every record of them is in needs
        review, and none is a message still in the folder (then this would be a copy)."""
        if not known or any(n.status is not NoteStatus.NEEDS_REVIEW
                            or self._is_live(n, item.ref) for n in known):
            return None
        return known[0].id

    def _take_notes(self, chunk: _Chunk, parser: ChunkParser) -> None:
        for item, note in zip(chunk.parsed, parser.result(), strict=True):
            item.note = note

    def _own_digest(self, header: bytes) -> bool:
        """A digest followup wrote: its header, and its Message-ID in the digests table
        (the header alone is not trusted: anyone can write it)."""
        if DIGEST_HEADER.lower().encode() not in header.lower():
            return False
        message_id = header_message_id(header)
        if not message_id:
            return False
        with self.store.unit() as u:
            return u.is_digest(message_id)

    def _not_a_note(self, header: bytes) -> str | None:
        return not_a_note(header, self.account.owner_addresses, self.account.authserv_id)

    # -- new messages: store, then move -------------------------------------------------
    def _finish(self, mailbox: Mailbox, chunk: _Chunk, report: RunReport) -> int:
        """Record the chunk in ONE transaction, then (only after the commit) move it."""
        self._stale_drafts = []  # never those of a chunk whose transaction failed
        # A chunk whose notes change plans (commands, "no follow-up needed") holds the
        # drafting lock, so no drafting pass drafts a follow-up it is cancelling
        acts = any(_owner_acts(i) for i in chunk.items)
        with (self.store.exclusive("drafting") if acts else contextlib.nullcontext()), \
                self.store.unit() as u:
            seen = u.notes_by_hashes(self.account.name, [i.digest for i in chunk.items])
            for item in chunk.items:
                self._record(u, item, seen, report)
            self._remove_stale_drafts(mailbox)
        self.crash("committed")
        moves: dict[str, list[MessageRef]] = {}
        for item in chunk.items:
            log.info("%s uid %s%s", self.account.name, item.ref.uid, item.message)
            assert item.status is not None
            if not item.rekeyed:
                _count(report, item.status)
            target = self._target(item.status)
            if target is not None:
                moves.setdefault(target, []).append(item.ref)
        for target, refs in moves.items():
            mailbox.move_many(refs, target, seen=self._seen(target))
            self.crash("moved")
        return len(chunk.items)

    def _record(self, u: Unit, item: _Item, seen: dict[str, list[NoteRecord]],
                report: RunReport) -> None:
        """Write one message's note (and its people), or re-key it when its bytes are known."""
        if item.digest in seen and item.retry_of is None:
            self._rekey(u, item, seen[item.digest])
            report.rekeyed += 1
            return
        acct, ref, now = self.account.name, item.ref, self.clock.now()
        if item.status is not None:
            record = u.add_note(account=acct, folder=self.account.folder,
                                uidvalidity=ref.uidvalidity, uid=ref.uid,
                                content_hash=item.digest, message_id=None, subject=item.subject,
                                status=item.status, reason=item.reason, received_at=now)
            item.message = f": {item.status} ({item.reason})"
            seen[item.digest] = [record]
            self.crash("recorded")
            return
        note = item.note
        if note is None:  # known when fetched, its record gone since: read it after all
            assert item.raw is not None
            note = parse_or_explain(item.raw, self.parse_options())
        item.raw = None
        command = read_command(note.note, note.subject, item.references)
        if command is not None:
            self._record_command(u, item, note, command, seen)
            return
        item.status, item.reason = _judge(note)
        choice = choose_sequence(note.sequence, note.tags, self.policy.all_sequences())
        if item.status is NoteStatus.PROCESSED and choice.warning:
            item.reason = choice.warning  # processed all the same: `notes list` shows why
        record = self._write_note(
            u, item, account=acct, folder=self.account.folder, uidvalidity=ref.uidvalidity,
            uid=ref.uid, content_hash=item.digest, message_id=note.message_id,
            subject=note.subject, status=item.status, reason=item.reason, received_at=now,
            kind=str(note.kind), note_text=note.note, met_at=note.met_at, met_on=note.met_on,
            follow_up_on=note.follow_up_on, tags=note.tags, language=note.language,
            forwarded_message_id=note.forwarded_message_id,
            forwarded_at=_forwarded_at(note),
            # mail "after the note" is mail dated after this, not after we read it
            note_date=note_date(item.date_field, now, item.arrived),
        )
        seen[item.digest] = [record]
        if item.status is NoteStatus.PROCESSED:
            report.contacts.extend(self._save_people(u, record, note, item.digest,
                                                     choice.sequence))
        people = ", ".join(c.full_name or (c.emails[0] if c.emails else "?")
                           for c in note.contacts)
        item.message = (f" {note.subject!r}: {item.status}"
                        + (f" ({item.reason})" if item.reason else f": {people}"))
        item.note = None  # the chunk keeps only what its log lines and moves need
        self.crash("in-transaction")

    def _record_command(self, u: Unit, item: _Item, note: ParsedNote, command: MailCommand,
                        seen: dict[str, list[NoteRecord]]) -> None:
        """A command by mail: applied, and the note processed with what it did; or, when it
        is unclear (which contact, what value), the note goes to review with the reason."""
        # imported here: control builds on this module (Policy, Drafter)
        from followup.control import ControlError, apply_mail_command

        now, ref = self.clock.now(), item.ref
        action = None
        try:
            with u.conn.begin_nested():  # a refused command leaves no half-done change
                change = apply_mail_command(u, command, now, self.policy)
            item.status, item.reason, action = NoteStatus.PROCESSED, None, change.message
            self._stale_drafts.extend(k for acct, keys in change.drafts.items()
                                      if acct == self.account.name for k in keys)
        except ControlError as exc:
            item.status = NoteStatus.NEEDS_REVIEW
            item.reason = f"command {command.describe()!r} not applied: {exc}"
        forgotten = command.verb == "forget" and action is not None
        record = self._write_note(
            u, item, account=self.account.name, folder=self.account.folder,
            uidvalidity=ref.uidvalidity, uid=ref.uid, content_hash=item.digest,
            message_id=None if forgotten else note.message_id,
            subject=None if forgotten else note.subject, status=item.status,
            reason=item.reason, received_at=now, kind="command")
        if action is not None:
            u.set_note_action(record.id, action)
        seen[item.digest] = [record]
        item.note = None
        item.message = f": command {item.status}: {action or item.reason}"

    def _write_note(self, u: Unit, item: _Item, **values: Any) -> NoteRecord:
        """Record a note; a note read again takes its new key and outcome in its old record."""
        if item.retry_of is None:
            return u.add_note(**values)
        log.info("%s uid %s: note %d moved back from needs review, read again",
                 self.account.name, item.ref.uid, item.retry_of)
        return u.reread_note(item.retry_of, **values)

    def _remove_stale_drafts(self, mailbox: Mailbox) -> None:
        """Inside the chunk's transaction, before its commit: a failure rolls it back and
        the chunk is read again on the next pass (the removal itself is idempotent)."""
        keys, self._stale_drafts = self._stale_drafts, []
        if keys:
            removed = mailbox.delete_drafts(keys)
            log.info("%s: %d draft(s) removed from Drafts", self.account.name, removed)

    def _rekey(self, u: Unit, item: _Item, known: list[NoteRecord]) -> None:
        """A message whose bytes we know under another key (new UIDVALIDITY, or moved back):
        point the record at its new key and repeat its move; never ingest it again.
        While the known message is itself still in the folder, this one is a second copy:
        it gets a record of its own with the same outcome (re-keying the one record back
        and forth between the two would leave one of them unrecorded at every pass)."""
        ref = item.ref
        # A record whose key is stale (old UIDVALIDITY, moved away) belongs to this
        # message; only when every record is live is this an extra copy.
        stale = [n for n in known if not self._is_live(n, ref)]
        seen = stale[0] if stale else known[0]
        if not stale:
            copy = u.add_note(account=self.account.name, folder=self.account.folder,
                              uidvalidity=ref.uidvalidity, uid=ref.uid, content_hash=item.digest,
                              message_id=seen.message_id, subject=seen.subject,
                              status=seen.status, received_at=self.clock.now(),
                              reason=f"a copy of note {seen.id}, which was {seen.status}")
            known.append(copy)
            what = "recorded as a copy"
        else:
            u.update_note(seen.id, folder=self.account.folder, uidvalidity=ref.uidvalidity,
                          uid=ref.uid)
            known[known.index(seen)] = replace(seen, folder=self.account.folder,
                                               uidvalidity=ref.uidvalidity, uid=ref.uid)
            what = "re-keyed"
        item.status, item.raw, item.note, item.rekeyed = seen.status, None, None, True
        item.message = (f": already handled as note {seen.id} ({seen.status}); {what}, "
                        "not ingested again")

    def _is_live(self, seen: NoteRecord, ref: MessageRef) -> bool:
        return (seen.folder == self.account.folder and seen.uidvalidity == ref.uidvalidity
                and seen.uid != ref.uid and seen.uid in self._live)

    def _save_people(self, u: Unit, record: NoteRecord, note: ParsedNote,
                     digest: str, sequence: FollowUpSequence) -> list[int]:
        now = self.clock.now()
        ids = []
        no_follow_up = says_no_follow_up(note.note)
        labelled = labelled_fields(note.note) if len(note.contacts) == 1 else {}
        for index, person in enumerate(note.contacts):
            if not _is_person(person):
                continue
            corrects = _corrected_contact(u, person, labelled) if "email" in labelled else None
            stored = u.store_person(person, met_at=note.met_at, met_on=note.met_on, now=now,
                                    note_id=record.id, into=corrects)
            ids.append(stored.id)
            if not stored.created and labelled:
                self._correct(u, stored.id, record.id, labelled, now)
            if no_follow_up is not None:
                self._no_follow_up(u, stored.id, stored.created, no_follow_up, now)
                continue
            # no address: the plan is kept as reminders ("call Karl Brandt") for the digest
            channel = FollowUpChannel.DRAFT if stored.has_email else FollowUpChannel.REMINDER
            known = stored.known_by_email or corrects is not None or (
                channel is FollowUpChannel.REMINDER and not stored.created)
            if known and note.follow_up_on is None and not note.sequence:
                # A note about someone already known keeps their plan: no second
                # "nice to meet you", and a follow-up the owner asked for stays (unless
                # this note names a day or a sequence of its own).
                continue
            if not stored.created:
                u.cancel_planned(stored.id)  # the owner's newest words set the plan
            plans = plan_followups(
                follow_up_on=note.follow_up_on, received_at=now,
                sequence=sequence.steps, window=self.policy.window,
                tz=self.policy.timezone, dated_template=self.policy.dated_template,
            )
            u.add_followups([
                NewFollowUp(contact_id=stored.id, note_id=record.id, step=plan.step,
                            template=plan.template, due_at=plan.due_at, sequence=sequence.name,
                            draft_key=f"{digest[:24]}.{index}.{plan.step}@followup",
                            channel=channel)
                for plan in plans], now=now)
            if person.emails:
                # mail from them dated since the note may have been read before they were
                # a contact: the next tracking pass looks for it once (from the forwarded
                # mail's date: their later mail in that thread is the one to reply to)
                since = min(d for d in (record.note_date or now, record.forwarded_at)
                            if d is not None)
                u.add_lookback(self.account.name, stored.id, person.emails, since)
        return ids

    def _correct(self, u: Unit, contact_id: int, note_id: int, labelled: dict[str, str],
                 now: dt.datetime) -> None:
        """A later note of the owner's with labelled fields ("Name: Jane Roe", "Met at: ...",
        "Email: ...") about a known person corrects those fields, as the owner's word; the
        fields the owner set by hand (`contacts edit`, `#fix`) stay as they are. A labelled
        address becomes the primary one and the one it corrects (the old primary) is
        removed; drafts already written to it are written again. `notes list` says what
        was corrected."""
        from followup.control import redraft_in  # control builds on this module

        before = u.get_contact(contact_id)
        if before is None:
            return
        fields = {k: v for k, v in labelled.items() if k != "email"}
        emails = _corrected_emails(before.emails, labelled.get("email"))
        try:
            after = u.correct_contact(contact_id, fields, emails=emails, now=now, by_note=True)
        except StoreError as exc:  # the address is another contact's: a merge, not a fix
            u.set_note_action(note_id, f"not corrected: {exc}")
            return
        changed = [f for f in ("full_name", "title", "company", "met_at")
                   if getattr(after, f) != getattr(before, f)]
        said = [f"{f} {_shown(getattr(before, f))} -> {_shown(getattr(after, f))}"
                for f in changed]
        if after.emails != before.emails:  # the old primary is the address corrected
            changed.append("emails")
            said.append(f"email {_shown(before.emails[:1])} -> {after.emails[0]}")
        if not changed:
            return
        what = "; ".join(said)
        u.set_note_action(note_id, f"corrected contact {contact_id}: {what}")
        log.info("contact %d corrected by a labelled note: %s", contact_id, ", ".join(changed))
        if after.emails != before.emails:
            change = redraft_in(u, contact_id, now, "re-drafted: a note corrected the address")
            self._stale_drafts.extend(k for acct, keys in change.drafts.items()
                                      if acct == self.account.name for k in keys)

    def _no_follow_up(self, u: Unit, contact_id: int, created: bool, phrase: str,
                      now: dt.datetime) -> None:
        """The note says no follow-up is needed: nothing is planned, a known person's open
        plan is cancelled (and their drafts leave Drafts) instead of drafting."""
        from followup.control import cancel_in  # control builds on this module

        if created:
            log.info("contact %d: the note says %r, nothing planned", contact_id, phrase)
            return
        change = cancel_in(u, contact_id, now, f"the owner wrote {phrase!r}")
        self._stale_drafts.extend(k for acct, keys in change.drafts.items()
                                  if acct == self.account.name for k in keys)
        log.info("%s", change.message)

    def _seen(self, target: str) -> bool:
        """Notes that go to Processed are flagged \\Seen: the owner wrote them, there is
        nothing in them to read (a note to review stays unread: it wants attention)."""
        return target == self.account.processed_folder

    def _target(self, status: NoteStatus) -> str | None:
        if status is NoteStatus.PROCESSED:
            return self.account.processed_folder
        if status is NoteStatus.NEEDS_REVIEW:
            return self.account.review_folder
        if status is NoteStatus.IGNORED:
            return self.account.ignored_folder
        return None


def _owner_acts(item: _Item) -> bool:
    """The note is a command by mail or says no follow-up is needed."""
    note = item.note
    return note is not None and (
        read_command(note.note, note.subject, item.references) is not None
        or says_no_follow_up(note.note) is not None)


def _is_person(person: ParsedContact) -> bool:
    """Someone a follow-up can be about: a name, an address or a phone number at least."""
    return bool(person.full_name or person.emails or person.phones)


def _corrected_contact(u: Unit, person: ParsedContact, labelled: dict[str, str]) -> int | None:
    """The known person a note with a labelled `Email:` corrects when no address of the
    note is known (store_person finds those by email): the one contact of the note's name,
    without another company. Two of that name, or none: None, someone new."""
    emails = [labelled["email"], *(e.strip().lower() for e in person.emails)]
    if any(u.email_owner(e) is not None for e in emails):
        return None
    name = labelled.get("full_name") or person.full_name
    key = normalise_name(name)
    if key is None or name is None or name.strip().isdigit():
        return None
    found = [c for c in u.find_contacts(name) if normalise_name(c.full_name) == key]
    if len(found) != 1:
        return None
    theirs, ours = normalise_name(found[0].company), normalise_name(person.company)
    return found[0].id if not (theirs and ours and theirs != ours) else None


def _corrected_emails(emails: Sequence[str], labelled: str | None) -> list[str] | None:
    """The addresses after a labelled `Email:`: it first, the old primary (the one it
    corrects) gone, the others kept; None when it changes nothing."""
    if not labelled or (emails and emails[0] == labelled):
        return None
    return [labelled, *(e for e in emails[1:] if e != labelled)]


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value) if value not in (None, "") else "(none)"


def _replied_subject(followup: FollowUp, note: NoteRecord) -> str | None:
    """The subject of the message a draft replies to: the owner's sent follow-up or the
    contact's later mail when it threads to one, else the forwarded message's."""
    if followup.thread_message_id and followup.thread_subject:
        return followup.thread_subject
    return note.subject if note.kind in ("forward", "mixed") else None


def _forwarded_at(note: ParsedNote) -> dt.datetime | None:
    """The forwarded message's Date as the forward shows it (ISO 8601), in UTC; None when
    there is none or it does not read as a date. One without an offset is taken as UTC:
    the lookup that uses it allows a day each way."""
    shown = note.forwarded.date if note.forwarded else None
    try:
        at = dt.datetime.fromisoformat(shown) if shown else None
    except ValueError:
        return None
    if at is None:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def _judge(note: ParsedNote) -> tuple[NoteStatus, str | None]:
    """Processed, or needs review with the reason a person can act on."""
    if note.limit_hit:
        return NoteStatus.NEEDS_REVIEW, note.limit_hit
    if not any(_is_person(p) for p in note.contacts):
        why = "no contact found in the note"
        if note.warnings:
            why += ": " + "; ".join(note.warnings)
        return NoteStatus.NEEDS_REVIEW, why
    return NoteStatus.PROCESSED, None


def _count(report: RunReport, status: NoteStatus) -> None:
    if status is NoteStatus.PROCESSED:
        report.processed += 1
    elif status is NoteStatus.NEEDS_REVIEW:
        report.needs_review += 1
    else:
        report.ignored += 1


def _chunks(refs: Sequence[MessageRef], count: int, max_bytes: int, first: int | None = None
            ) -> Iterable[Sequence[MessageRef]]:
    """Consecutive refs, at most `count` of them (`first` in the first chunk) and
    `max_bytes` together (a message alone may be bigger: its size limit is checked alone)."""
    start, size, limit = 0, 0, min(count, first or count)
    for i, ref in enumerate(refs):
        if i > start and (i - start >= limit or size + ref.size > max_bytes):
            yield refs[start:i]
            start, size, limit = i, 0, count
        size += ref.size
    if start < len(refs):
        yield refs[start:]


# Due follow-ups drafted per database read: bounds a drafting pass's memory.
DRAFT_PAGE = 500
# Drafts stored per APPEND command and database transaction (MULTIAPPEND where the server
# has it): a round trip and a commit per 50 drafts rather than per draft.
APPEND_BATCH = 50


class Drafter:
    """Renders due follow-ups and puts them in each account's Drafts folder."""

    def __init__(self, store: Store, clock: Clock, policy: Policy, env: DraftEnvironment,
                 owners: Mapping[str, tuple[str, str]], crash: CrashHook = _no_crash) -> None:
        self.store = store
        self.clock = clock
        self.policy = policy
        self.env = env
        self.owners = owners  # account -> (owner name, owner address)
        self.crash = crash

    def draft_due(self, mailboxes: Mapping[str, Mailbox], now: dt.datetime | None = None,
                  failures: list[MailboxUnavailable] | None = None,
                  stop: Callable[[], bool] | None = None) -> RunReport:
        """Draft every follow-up due at `now` (inside the drafting window).

        An account whose mailbox is unavailable is skipped for the rest of the pass, the
        other accounts' drafts are still written; its error is appended to `failures`, or,
        without that list, the first one is raised after the pass. When `stop()` turns
        true the pass ends after the drafts in hand (at most one APPEND_BATCH; the rest are
        drafted next time)."""
        report = RunReport()
        now = now or self.clock.now()
        if not in_drafting_window(now, self.policy.window, self.policy.timezone):
            return report
        down: dict[str, MailboxUnavailable] = {}
        refused: dict[str, MailboxRefused] = {}
        # One pass at a time across processes (the daemon and a `run --once`): a pass looks
        # in Drafts once, then APPENDs what was not there.
        with self.store.exclusive("drafting"):
            present = self._look_in_drafts(mailboxes, now, down, refused)
            # Pages, so a first start with thousands of due drafts holds one page of
            # follow-ups, people and notes at a time, not all of them
            after: tuple[dt.datetime, int] | None = None
            while True:
                page, after = self._due_page(now, after)
                if after is None:
                    break
                if stop is not None and stop():
                    break
                self._draft_page(page, mailboxes, now, present, down, refused, report, stop)
        if failures is not None:
            failures.extend(down.values())
        elif down:
            raise next(iter(down.values()))
        return report

    def _draft_page(self, page: Sequence[tuple[FollowUp, Contact, NoteRecord]],
                    mailboxes: Mapping[str, Mailbox], now: dt.datetime,
                    present: Mapping[str, set[str]], down: dict[str, MailboxUnavailable],
                    refused: dict[str, MailboxRefused], report: RunReport,
                    stop: Callable[[], bool] | None) -> None:
        """Render the page's drafts and store them APPEND_BATCH at a time per account."""
        batches: dict[str, list[tuple[FollowUp, RenderedDraft]]] = {}
        for followup, contact, note in page:
            if stop is not None and stop():
                break
            account = note.account
            if account in refused:
                self._refused(followup, refused[account], report)
                continue
            if account not in present or account in down or not contact.emails:
                continue
            try:
                rendered = self.render(followup, contact, note, now)
            except DraftingError as exc:
                # One broken template or address must not stop every other draft; the
                # follow-up stays planned and is tried again next pass.
                log.error("follow-up %d for contact %d cannot be drafted: %s",
                          followup.id, contact.id, exc)
                report.failed_drafts.append(f"follow-up {followup.id}: {exc}")
                continue
            self.crash("rendered")
            batch = batches.setdefault(account, [])
            batch.append((followup, rendered))
            if len(batch) >= APPEND_BATCH:
                self._store_batch(account, mailboxes[account], batches.pop(account), now,
                                  present[account], down, refused, report)
        for account, batch in batches.items():
            self._store_batch(account, mailboxes[account], batch, now, present[account],
                              down, refused, report)

    def _store_batch(self, account: str, mailbox: Mailbox,
                     batch: Sequence[tuple[FollowUp, RenderedDraft]], now: dt.datetime,
                     present: set[str], down: dict[str, MailboxUnavailable],
                     refused: dict[str, MailboxRefused], report: RunReport) -> None:
        """APPEND the drafts not in Drafts yet (one command), then mark them all drafted in
        one transaction. A kill in between leaves drafts the database does not know: the
        next pass finds them by X-Followup-Id (`present`) and only marks them."""
        for followup, _ in batch:
            if followup.draft_key in present:  # APPENDed before a kill, not yet marked
                log.info("follow-up %d: its draft is in Drafts already", followup.id)
        try:
            mailbox.append_drafts([(r.raw, f.draft_key) for f, r in batch
                                   if f.draft_key not in present])
        except MailboxUnavailable as exc:
            log.warning("%s: drafts postponed, mailbox unavailable: %s", account, exc)
            down[account] = exc
            return
        except MailboxRefused as exc:
            # the same folder will refuse the next draft too: the account's other drafts
            # wait with this reason until the next pass
            log.error("%s: drafts postponed, %s", account, exc)
            refused[account] = exc
            for followup, _ in batch:
                self._refused(followup, exc, report)
            return
        for _ in batch:  # the crash harness counts drafts: a kill after the Nth is here
            self.crash("appended")
        with self.store.unit() as u:
            for followup, rendered in batch:
                u.mark_drafted(followup.id, at=now, to=rendered.to, subject=rendered.subject)
        report.drafted += len(batch)
        for followup, rendered in batch:
            log.info("drafted follow-up %d for %s: %s", followup.id, rendered.to,
                     rendered.subject)

    def _refused(self, followup: FollowUp, exc: MailboxRefused, report: RunReport) -> None:
        report.refused += 1
        report.failed_drafts.append(f"follow-up {followup.id}: {exc}")
        with self.store.unit() as u:
            u.note_waiting([followup.id], f"not drafted: {exc}")

    def _look_in_drafts(self, mailboxes: Mapping[str, Mailbox], now: dt.datetime,
                        down: dict[str, MailboxUnavailable],
                        refused: dict[str, MailboxRefused]) -> dict[str, set[str]]:
        """account -> the keys of its due follow-ups already in its Drafts (one look)."""
        with self.store.unit() as u:
            keys = u.due_draft_keys(now)
        present: dict[str, set[str]] = {}
        for account, wanted in keys.items():
            if account not in mailboxes:
                continue
            try:
                present[account] = mailboxes[account].drafts_present(wanted)
            except MailboxUnavailable as exc:
                log.warning("%s: drafts postponed, mailbox unavailable: %s", account, exc)
                down[account] = exc
            except MailboxRefused as exc:
                log.error("%s: drafts postponed, %s", account, exc)
                refused[account] = exc
        return present

    def _due_page(self, now: dt.datetime, after: tuple[dt.datetime, int] | None
                  ) -> tuple[list[tuple[FollowUp, Contact, NoteRecord]],
                             tuple[dt.datetime, int] | None]:
        """The next page of due follow-ups after `after` with their people and notes, and
        the key to ask for the page after it (None: there is no more)."""
        with self.store.unit() as u:
            due = u.due_followups(now, after=after, limit=DRAFT_PAGE)
            people = u.contacts_by_ids(f.contact_id for f in due)
            notes = u.notes_by_ids({f.note_id for f in due})
        page = []
        for followup in due:
            contact, note = people.get(followup.contact_id), notes.get(followup.note_id)
            if contact is not None and note is not None:  # else forgotten meanwhile
                page.append((followup, contact, note))
        return page, ((due[-1].due_at, due[-1].id) if due else None)

    def preview(self, followup_id: int) -> RenderedDraft:
        """The draft a follow-up gives (or gave), rendered now, without storing anything."""
        with self.store.unit() as u:
            followup = u.get_followup(followup_id)
            if followup is None:
                raise LookupError(f"no follow-up {followup_id}")
            contact = u.get_contact(followup.contact_id)
            note = u.get_note(followup.note_id)
        if contact is None or note is None or not contact.emails:
            raise LookupError(f"follow-up {followup_id} has no contact with an address")
        return self.render(followup, contact, note, self.clock.now())

    def render(self, followup: FollowUp, contact: Contact, note: NoteRecord,
               now: dt.datetime) -> RenderedDraft:
        """The draft of `followup` at `now` (raises DraftingError)."""
        owner_name, owner_address = self.owners[note.account]
        ctx = draft_context(contact, note, followup, owner_name, owner_address,
                            self.policy.timezone, self._language(followup, note))
        return render_draft(self.env, followup.template, ctx, now=now,
                            draft_key=followup.draft_key)

    def _language(self, followup: FollowUp, note: NoteRecord) -> str | None:
        """The sequence's `language` when it sets one, else the note's (detected)."""
        sequence = self.policy.all_sequences().get(followup.sequence)
        return (sequence.language if sequence else None) or note.language


def draft_context(contact: Contact, note: NoteRecord, followup: FollowUp, owner_name: str,
                  owner_address: str, tz: ZoneInfo, language: str | None = None
                  ) -> DraftContext:
    """The values a template may use: the person, the meeting, the owner."""
    return DraftContext(
        full_name=contact.full_name,
        emails=contact.emails,
        company=contact.company,
        title=contact.title,
        met_at=note.met_at or contact.met_at,
        met_on=note.met_on or contact.met_on,
        note=note.note_text,
        tags=note.tags,
        forwarded_subject=_replied_subject(followup, note),
        owner_name=owner_name,
        owner_address=owner_address,
        step=followup.step,
        due_on=followup.due_at.astimezone(tz).date(),
        tz=tz,
        # the contact's latest mail in the thread when known, else the forwarded message
        thread_message_id=followup.thread_message_id or note.forwarded_message_id,
        thread_references=followup.thread_references if followup.thread_message_id else (),
        language=language,
    )

