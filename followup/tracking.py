"""Use case: follow the conversation after a note. One pass per account reads what is new in
the reply folders and in Sent (header fields only), looks once in Drafts, and applies the
life cycle's decisions (followup.lifecycle) to the stored follow-ups.

The path of a reply, as plainly as that of a note:
1. `folder_since(folder, mark)` lists the messages above the folder's high-water mark
   (keyed as notes are: account, folder, UIDVALIDITY, UID; a new UIDVALIDITY reads the
   folder again; Maildir, whose keys are not ordered, uses a ledger of keys read);
2. `fetch_fields` reads only TRACKED_FIELDS with BODY.PEEK: the message stays unread and
   where it is, its body is never fetched; a message from a stranger is dropped at once;
3. the decisions for a batch and the folder's new mark are written in ONE transaction, so a
   kill at any moment repeats at most the batch, whose decisions are idempotent (each one
   only changes follow-ups that are still open, and only from mail dated after their note:
   after the note's own Date, not after followup read it);
4. an auto-reply from a contact with a step still to draft, whose subject names no return
   day, is the one message with some text read: the first AUTO_REPLY_TEXT_BYTES of its first
   text/plain part (`fetch_text`), searched for the day and forgotten.
Before the folders, the one-time lookbacks: a note that plans follow-ups for an address
queues a look for that address's mail dated since the note (`find_since`, a server-side
SEARCH), which the marks alone would miss when the mail was read before the note was;
found mail is decided as above and the lookback dropped in the same transaction.
Drafts are looked at BEFORE Sent is read: a draft the owner sends between the two looks is
present at the first and in Sent at the second, never taken for deleted.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from followup.lifecycle import (
    TRACKED_FIELDS,
    Change,
    SeenMail,
    Timing,
    TrackedStep,
    away_until,
    draft_missing,
    draft_sent,
    is_auto_reply,
    match_draft,
    mentions,
    out_of_office_until,
    read_mail,
    rethread,
    return_date,
    stop_plan,
    strip_prefixes,
)
from followup.model import FollowUpStatus
from followup.parsing.charsets import decoded_text
from followup.ports import Clock, Mailbox, MailboxRefused, MailboxUnavailable, MessageRef
from followup.store import Store, TrackedFollowUp, Unit

log = logging.getLogger("followup.tracking")

# Messages whose fields are read and decided per transaction.
TRACK_BATCH = 500
# Where an inline forward's original may be: besides the watched folder.
_ORIGINAL_ROLES = ("\\Archive", "\\All")
_CANDIDATES = 50  # same sender and subject: the latest this many are compared by date
_DRAFT_FIELDS = ("To", "Subject", "Date", "Message-ID", "X-Followup-Id")
# Of an auto-reply from a contact, only this much of its first text/plain part is read, for
# its return date; nothing of it is kept or logged.
AUTO_REPLY_TEXT_BYTES = 4096
_LOOKBACK_GROUP = 50  # new addresses looked for with one SEARCH
_LOOKBACK_LIMIT = 2000  # the newest this many messages from (to) such a group are read


def _no_crash(_step: str) -> None:
    return None


@dataclass(frozen=True)
class TrackingSetup:
    """What reply tracking needs to know about one account."""

    name: str
    owner_addresses: tuple[str, ...]
    watched_folder: str
    reply_folders: tuple[str, ...]  # the watched folder and `[folders] watch_replies`
    sent_folder: str | None = None  # `[folders] sent`; None: the \Sent folder, else "Sent"


@dataclass
class TrackReport:
    """What one tracking pass saw and did."""

    read: int = 0  # messages whose fields were read
    replies: int = 0  # mail from a contact that stopped or touched a plan
    owner_wrote: int = 0
    sent: int = 0
    discarded: int = 0
    automatic: int = 0
    moved: int = 0  # steps moved by an out-of-office
    threaded: int = 0  # inline forwards whose original was found

    def merge(self, other: TrackReport) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Pass:
    """One account's pass: its mailbox, its setup, the moment it runs at."""

    mailbox: Mailbox
    setup: TrackingSetup
    now: dt.datetime
    report: TrackReport
    owners: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class _People:
    """The contacts a batch of messages may be about, by address and by thread."""

    by_email: dict[str, int]
    by_thread: dict[str, set[int]]

    def named(self, addresses: set[str], thread_ids: set[str]) -> bool:
        return (any(a in self.by_email for a in addresses)
                or any(i in self.by_thread for i in thread_ids))


def _read(fields: bytes, now: dt.datetime) -> SeenMail | None:
    """`read_mail`, with a message it cannot read logged and skipped: one hostile header
    must never stop every later pass (and every draft) in a loop."""
    try:
        return read_mail(fields, now)
    except Exception as exc:
        log.warning("a message's header fields could not be read (%s: %s); skipped",
                    type(exc).__name__, exc)
        return None


def _step(t: TrackedFollowUp) -> TrackedStep:
    f = t.followup
    return TrackedStep(id=f.id, contact_id=f.contact_id, step=f.step, status=f.status,
                       due_at=f.due_at, note_at=t.note_at, draft_key=f.draft_key,
                       draft_to=f.draft_to, draft_subject=f.draft_subject,
                       drafted_at=f.drafted_at, draft_missing_at=t.draft_missing_at,
                       thread_id=t.thread_id, thread_at=t.thread_at)


class Tracker:
    """Reads replies, sent mail and Drafts of every account; stops, moves and closes plans."""

    def __init__(self, store: Store, clock: Clock, accounts: Mapping[str, TrackingSetup],
                 timing: Timing, discard_grace: dt.timedelta,
                 crash: Callable[[str], None] = _no_crash) -> None:
        self.store = store
        self.clock = clock
        self.accounts = accounts
        self.timing = timing
        self.discard_grace = discard_grace
        self.crash = crash

    def track(self, mailboxes: Mapping[str, Mailbox], now: dt.datetime | None = None,
              failures: list[MailboxUnavailable] | None = None) -> TrackReport:
        """One pass over every account; an unavailable mailbox skips its account (its
        error goes to `failures`, or is raised after the pass without that list)."""
        report = TrackReport()
        now = now or self.clock.now()
        down: list[MailboxUnavailable] = []
        for name, mailbox in mailboxes.items():
            if name not in self.accounts:
                continue
            owners = frozenset(a.lower() for a in self.accounts[name].owner_addresses)
            try:
                self._track_account(_Pass(mailbox, self.accounts[name], now, report, owners))
            except MailboxUnavailable as exc:
                log.warning("%s: replies not read this time, mailbox unavailable: %s", name, exc)
                down.append(exc)
            except MailboxRefused as exc:  # a folder the server will not open: say so, go on
                log.error("%s: replies not read this time: %s", name, exc)
        if failures is not None:
            failures.extend(down)
        elif down:
            raise down[0]
        return report

    def _track_account(self, p: _Pass) -> None:
        sent = p.setup.sent_folder or p.mailbox.special_folder("\\Sent")
        with self.store.unit() as u:  # one read for the whole pass's starting points
            marks = u.reply_marks(p.setup.name)
            drafted = u.drafted_followups(p.setup.name)
        present = self._look_in_drafts(p, drafted)
        self._look_back(p, sent)
        for folder in p.setup.reply_folders:
            self._scan(p, folder, marks.get(folder), inbound=True)
        if sent:
            self._scan(p, sent, marks.get(sent), inbound=False)
        if present is not None:
            self._missing_drafts(p, present, {t.followup.id for t in drafted})
        self._thread_due(p)

    # -- 1. reading a folder past its mark ------------------------------------------------
    def _scan(self, p: _Pass, folder: str, mark: tuple[int, int] | None, *,
              inbound: bool) -> None:
        acct = p.setup.name
        state = p.mailbox.folder_since(folder, mark[1] if mark else 0)
        if state is None:
            return
        if state.ordered and mark is not None and mark[0] != state.uidvalidity:
            log.warning("%s/%s: UIDVALIDITY changed from %s to %s; reading it again (what "
                        "was decided stays decided)", acct, folder, mark[0], state.uidvalidity)
            state = p.mailbox.folder_since(folder, 0)
            if state is None:
                return
        refs: Sequence[MessageRef] = state.refs
        if not state.ordered:
            with self.store.unit() as u:
                seen = u.seen_uids(acct, folder, state.uidvalidity)
                if len(seen) > 2 * len(refs) + 100:  # keep the ledger near the folder's size
                    u.forget_seen(acct, folder, [r.uid for r in refs])
            refs = [r for r in refs if r.uid not in seen]
        for start in range(0, len(refs), TRACK_BATCH):
            self._batch(p, folder, state.uidvalidity, state.ordered,
                        refs[start:start + TRACK_BATCH], inbound)

    def _batch(self, p: _Pass, folder: str, uidvalidity: int, ordered: bool,
               refs: Sequence[MessageRef], inbound: bool) -> None:
        read = list(p.mailbox.fetch_fields(refs, TRACKED_FIELDS))
        p.report.read += len(read)
        with self.store.unit() as u:
            mails, people = self._careful(u, p, read)
            if inbound:
                self._inbound(u, p, mails, people)
            else:
                self._outbound(u, p, [m for _r, m in mails], people)
            self.crash("tracking")
            if ordered:
                u.set_reply_mark(p.setup.name, folder, uidvalidity, max(int(r.uid) for r in refs))
            else:
                u.add_seen(p.setup.name, folder, uidvalidity, [r.uid for r in refs])
        self.crash("tracked")

    def _careful(self, u: Unit, p: _Pass, read: Sequence[tuple[MessageRef, bytes]]
                 ) -> tuple[list[tuple[MessageRef, SeenMail]], _People]:
        """The messages of `read` that name a contact or a known thread, read with care;
        the rest (most of a mailbox, and every stranger's mail) is dropped here."""
        named = [mentions(b) for _ref, b in read]
        people = _People(u.contacts_by_emails(a for addrs, _ in named for a in addrs),
                         u.contacts_by_thread_ids(i for _, ids in named for i in ids))
        mails = [(ref, m) for (ref, b), (addrs, ids) in zip(read, named, strict=True)
                 if people.named(addrs, ids) and (m := _read(b, p.now)) is not None]
        return mails, people

    # -- 1b. a one-time look back for addresses a note just made a contact's ------------
    def _look_back(self, p: _Pass, sent: str | None) -> None:
        """Mail from a new contact's address (and the owner's to it) dated since their note,
        found with a server-side SEARCH: the incremental pass may have read it before the
        note was (a note and its reply both came while the daemon was down, a note retried
        from needs review, a note that arrived after the reply). What it finds is decided
        as the incremental pass decides it, and the lookback is dropped in the same
        transaction: a kill repeats the look, and the decisions are idempotent."""
        with self.store.unit() as u:
            pending = u.pending_lookbacks(p.setup.name)
        # a group of addresses is one SEARCH per folder (one read of a Maildir folder)
        for start in range(0, len(pending), _LOOKBACK_GROUP):
            group = pending[start:start + _LOOKBACK_GROUP]
            addresses = sorted({look.email for look in group})
            since = min(look.since for look in group).date()
            found: list[tuple[MessageRef, bytes]] = []
            for folder in p.setup.reply_folders:
                found += self._fetch_found(p, folder, "From", addresses, since)
            outgoing = self._fetch_found(p, sent, "To", addresses, since) if sent else []
            with self.store.unit() as u:
                mails, people = self._careful(u, p, found)
                self._inbound(u, p, mails, people)
                out, people = self._careful(u, p, outgoing)
                self._outbound(u, p, [m for _r, m in out], people)
                self.crash("looking-back")
                for look in group:
                    u.drop_lookback(look.id)
            self.crash("looked-back")

    def _fetch_found(self, p: _Pass, folder: str, field_name: str, addresses: Sequence[str],
                     since: dt.date) -> list[tuple[MessageRef, bytes]]:
        refs = p.mailbox.find_since(folder, field_name, addresses, since)
        found = list(p.mailbox.fetch_fields(refs[-_LOOKBACK_LIMIT:], TRACKED_FIELDS))
        p.report.read += len(found)
        return found

    # -- 2. what a message means -----------------------------------------------------
    def _inbound(self, u: Unit, p: _Pass, mails: Sequence[tuple[MessageRef, SeenMail]],
                 people: _People) -> None:
        """Mail to the owner: from a contact, or in a contact's thread."""
        by_email, by_thread = people.by_email, people.by_thread
        for ref, mail in mails:
            if mail.sender in p.owners:
                continue  # the owner's own mail here is a note, or nobody's reply
            who = {by_email[mail.sender]} if mail.sender in by_email else set()
            for thread_id in mail.thread_ids:
                who |= by_thread.get(thread_id, set())
            if who:  # a stranger's message is dropped here, nothing of it kept
                self._contact_wrote(u, p, ref, mail, who)

    def _return_date(self, p: _Pass, ref: MessageRef, mail: SeenMail) -> dt.date | None:
        """The day an auto-reply says its writer is back: from its Subject, else (only for
        an auto-reply or out-of-office by its header fields) from the first
        AUTO_REPLY_TEXT_BYTES of its text, which is read, searched and forgotten."""
        back = out_of_office_until(mail.subject, mail.at)
        if back is not None or not is_auto_reply(mail):
            return back
        try:
            piece = p.mailbox.fetch_text(ref, AUTO_REPLY_TEXT_BYTES)
        except MailboxRefused:
            return None
        if piece is None:
            return None
        return return_date(decoded_text(piece.data, piece.transfer_encoding, piece.charset),
                           mail.at)

    def _contact_wrote(self, u: Unit, p: _Pass, ref: MessageRef, mail: SeenMail,
                       who: set[int]) -> None:
        plan = [_step(t) for t in u.open_followups_of(who)]
        if mail.automatic:
            p.report.automatic += 1
            back = (self._return_date(p, ref, mail)
                    if any(s.status is FollowUpStatus.PLANNED for s in plan) else None)
            changes = []
            if back is not None:
                for contact in who:
                    changes += away_until([s for s in plan if s.contact_id == contact], back,
                                          self.timing)
                p.report.moved += len(changes)
            log.info("automatic mail from %s (%s)%s", mail.sender, mail.automatic,
                     f": next step moved past {back}" if changes else ": plan left alone")
            self._apply(u, changes)
            return
        for contact in who:
            u.touch_contact(contact, mail.at)
        changes = stop_plan(plan, mail.at, f"{mail.sender} wrote on {mail.at:%Y-%m-%d}", p.now)
        self._apply(u, rethread(plan, mail, changes))
        if changes:
            p.report.replies += 1
            log.info("%s wrote on %s: %d planned follow-up(s) cancelled", mail.sender,
                     mail.at.date(), len(changes))
        self._apply(u, changes)

    def _outbound(self, u: Unit, p: _Pass, mails: Sequence[SeenMail], people: _People
                  ) -> None:
        """Mail in Sent: one of our drafts sent, or the owner writing to a contact."""
        drafted = [_step(t) for t in u.drafted_followups(p.setup.name)] if mails else []
        by_email = people.by_email
        for mail in mails:
            who = {by_email[r] for r in mail.recipients if r in by_email}
            sent = match_draft(mail, drafted)
            if sent is not None:
                drafted.remove(sent)
                who.discard(sent.contact_id)
                u.touch_contact(sent.contact_id, mail.at)
                plan = [_step(t) for t in u.open_followups_of([sent.contact_id])]
                self._apply(u, draft_sent(sent, plan, mail.at, p.now, self.timing, mail))
                p.report.sent += 1
                log.info("follow-up %d was sent on %s", sent.id, mail.at.date())
            who -= {c for c, at in u.sent_at_of(who) if at == mail.at}  # a sent copy again
            for contact in who:
                u.touch_contact(contact, mail.at)
            plan = [_step(t) for t in u.open_followups_of(who)]
            changes = stop_plan(plan, mail.at, f"you wrote to them on {mail.at:%Y-%m-%d}",
                                p.now)
            if changes:
                p.report.owner_wrote += 1
                log.info("you wrote to %s on %s: %d planned follow-up(s) cancelled",
                         ", ".join(mail.recipients), mail.at.date(), len(changes))
            self._apply(u, changes)

    # -- 3. drafts that left Drafts ---------------------------------------------------
    def _look_in_drafts(self, p: _Pass, drafted: Sequence[TrackedFollowUp]) -> set[str] | None:
        """The draft keys of drafted follow-ups still in Drafts (None: nothing drafted)."""
        if not drafted:
            return None
        keys = [t.followup.draft_key for t in drafted]
        present = p.mailbox.drafts_present(keys)
        missing = [_step(t) for t in drafted if t.followup.draft_key not in present]
        if missing:  # a mail client may have saved an edited draft without our field
            present |= self._drafts_by_content(p, missing)
        return present

    def _drafts_by_content(self, p: _Pass, missing: Sequence[TrackedStep]) -> set[str]:
        folder = p.mailbox.special_folder("\\Drafts")
        state = p.mailbox.folder_since(folder, 0) if folder else None
        if state is None:
            return set()
        found: set[str] = set()
        for _ref, fields in p.mailbox.fetch_fields(state.refs, _DRAFT_FIELDS):
            step = match_draft(read_mail(fields, p.now), missing)
            if step is not None:
                found.add(step.draft_key)
        return found

    def _missing_drafts(self, p: _Pass, present: set[str], looked: set[int]) -> None:
        """Drafted follow-ups looked for in Drafts and not found (nor sent meanwhile); one
        drafted since the look (by another process) waits for the next pass."""
        with self.store.unit() as u:
            for tracked in u.drafted_followups(p.setup.name):  # sent ones are gone by now
                step = _step(tracked)
                if step.id not in looked:
                    continue
                if step.draft_key in present:
                    if step.draft_missing_at is not None:  # it came back (a client's resave)
                        u.change_followup(step.id, draft_missing_at=None)
                    continue
                plan = [_step(t) for t in u.open_followups_of([step.contact_id])]
                changes = draft_missing(step, plan, p.now, self.discard_grace)
                if any(c.values.get("status") is FollowUpStatus.DISCARDED for c in changes):
                    p.report.discarded += 1
                    log.info("follow-up %d: its draft was deleted without being sent; "
                             "the plan for contact %d stops", step.id, step.contact_id)
                self._apply(u, changes)

    # -- 4. threading an inline forward to its original --------------------------------
    def _thread_due(self, p: _Pass) -> None:
        """Due follow-ups of inline forwards (no Message-ID in the note): find the original
        in the owner's mailbox by its sender and subject, and reply to it."""
        with self.store.unit() as u:
            due = [f for f in u.due_followups(p.now, limit=200) if f.thread_message_id is None]
            notes = u.notes_by_ids({f.note_id for f in due})
            people = u.contacts_by_ids(f.contact_id for f in due)
        looked: dict[tuple[int, int], str | None] = {}
        for f in due:
            note, person = notes.get(f.note_id), people.get(f.contact_id)
            if (note is None or person is None or not person.emails or note.account !=
                    p.setup.name or note.kind not in ("forward", "mixed")
                    or note.forwarded_message_id or not note.subject):
                continue
            key = (note.id, person.id)
            if key not in looked:
                looked[key] = self._find_original(p, person.emails, note.subject,
                                                  note.forwarded_at)
            if looked[key] is not None:
                with self.store.unit() as u:
                    u.change_followup(f.id, thread_message_id=looked[key])
                p.report.threaded += 1

    def _find_original(self, p: _Pass, emails: Sequence[str], subject: str,
                       sent_at: dt.datetime | None) -> str | None:
        """The Message-ID of the mail the note forwarded: from one of `emails`, with its
        subject, sent within a day of `sent_at` when the forward showed a date (the one
        closest to it among several), else the latest."""
        wanted = strip_prefixes(subject)
        if not wanted:
            return None
        folders = [p.setup.watched_folder,
                   *(f for f in (p.mailbox.special_folder(r) for r in _ORIGINAL_ROLES) if f)]
        on = sent_at.date() if sent_at else None
        for folder in dict.fromkeys(folders):
            for sender in emails:
                refs = p.mailbox.find_messages(folder, sender, wanted, on)
                found = self._closest(p, refs[-_CANDIDATES:], sent_at)
                if found:
                    return found
        return None

    def _closest(self, p: _Pass, refs: Sequence[MessageRef], sent_at: dt.datetime | None
                 ) -> str | None:
        """The Message-ID of the message of `refs` dated closest to `sent_at` (None: the
        latest by UID)."""
        mails = [(int(ref.uid) if ref.uid.isdigit() else 0, read_mail(fields, p.now))
                 for ref, fields in p.mailbox.fetch_fields(refs, ("Message-ID", "Date"))]
        mails = [(uid, mail) for uid, mail in mails if mail.message_id]
        if not mails:
            return None
        if sent_at is None:
            return max(mails, key=lambda m: m[0])[1].message_id
        return min(mails, key=lambda m: (abs((m[1].at - sent_at).total_seconds()),
                                         -m[0]))[1].message_id

    def _apply(self, u: Unit, changes: Sequence[Change]) -> None:
        for change in changes:
            u.change_followup(change.followup_id, **change.values)
