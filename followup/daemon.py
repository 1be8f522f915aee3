"""The long-running daemon: one watcher thread per account, APScheduler for drafting,
reconnects with backoff, signals, sd_notify and progress for a backlog."""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import threading
import time
from types import FrameType
from typing import Any

from followup.bootstrap import App
from followup.config import AccountConfig
from followup.errors import FollowupError, LoginError
from followup.mailbox.backoff import Backoff
from followup.ports import Mailbox, MailboxUnavailable
from followup.service import RunReport

log = logging.getLogger("followup.daemon")


def sd_notify(message: str) -> None:
    """Tell systemd (Type=notify) about our state; a no-op outside systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError as exc:
        log.debug("sd_notify failed: %s", exc)


class ProgressReporter:
    """A progress bar on a terminal; a log line every few seconds under systemd."""

    def __init__(self, account: str, every: float = 5.0) -> None:
        self.account = account
        self.every = every
        self.last = 0.0
        self.tty = sys.stderr.isatty()
        self._bar: object | None = None

    def __call__(self, done: int, total: int) -> None:
        if total < 50:
            return
        now = time.monotonic()
        if self.tty:
            self._draw(done, total)
        elif now - self.last >= self.every or done == total:
            self.last = now
            log.info("%s: backlog %d/%d messages (%.0f%%)", self.account, done, total,
                     100.0 * done / total)

    def _draw(self, done: int, total: int) -> None:
        from rich.progress import Progress

        if self._bar is None:
            bar = Progress(transient=False)
            bar.start()
            self._task = bar.add_task(f"{self.account}: backlog", total=total)
            self._bar = bar
        assert isinstance(self._bar, Progress)
        self._bar.update(self._task, completed=done)
        if done >= total:
            self._bar.stop()
            self._bar = None


def run_once(app: App) -> RunReport:
    """Connect, ingest every new note of every account, draft what is due now, return.

    An unavailable account does not stop the others: their notes are read and drafted,
    then the first failure is raised (so `run --once` still exits non-zero)."""
    report = RunReport()
    mailboxes: dict[str, Mailbox] = {}
    failures: list[MailboxUnavailable] = []
    try:
        for acct in app.config.accounts:
            mailbox = app.open_mailbox(acct)
            try:
                started = time.monotonic()
                part = app.ingestors[acct.name].ingest(mailbox, ProgressReporter(acct.name))
                report.merge(part)
                log.info("%s: %d new message(s) read in %.1f s", acct.name, part.new_messages,
                         time.monotonic() - started)
            except MailboxUnavailable as exc:
                log.error("%s: mailbox unavailable, skipped in this run: %s", acct.name, exc)
                failures.append(exc)
                _close_quietly(mailbox)
                continue
            mailboxes[acct.name] = mailbox
        started = time.monotonic()
        drafted = app.drafter.draft_due(mailboxes, failures=failures)
        report.merge(drafted)
        log.info("%d draft(s) written in %.1f s", drafted.drafted, time.monotonic() - started)
        if app.digester and app.digester.setup.account in mailboxes:
            app.digester.write_due(mailboxes[app.digester.setup.account])
    finally:
        for mailbox in mailboxes.values():
            _close_quietly(mailbox)
    if failures:
        log.info("before the failure: %d note(s) processed, %d need review, %d ignored, "
                 "%d draft(s) written", report.processed, report.needs_review, report.ignored,
                 report.drafted)
        raise failures[0]
    return report


class Daemon:
    """Watches every account until stopped; drafts on a schedule."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.stop = threading.Event()
        self.fatal: FollowupError | None = None
        self.draft_lock = threading.Lock()
        self._all_started = threading.Event()
        self._started: set[str] = set()
        self._started_lock = threading.Lock()
        self._queue_lock = threading.Lock()
        self._queued = 0  # drafting passes waiting for draft_lock
        self._draft_mailboxes: dict[str, Mailbox] = {}
        self._scheduler: Any = None

    def run(self) -> int:
        """Run until SIGTERM/SIGINT; return the exit code (non-zero only for fatal errors)."""
        self._install_signals()
        scheduler = self._start_scheduler()
        threads = [threading.Thread(target=self._watch, args=(acct,), daemon=True,
                                    name=f"watch-{acct.name}") for acct in self.app.config.accounts]
        for thread in threads:
            thread.start()
        # READY only once every account has logged in (or found its server down, which
        # the daemon waits out): a wrong password then fails `systemctl start` itself.
        while not self.stop.is_set() and not self._all_started.wait(timeout=0.2):
            pass
        if self.fatal is None:
            sd_notify("READY=1")
            log.info("followup running: %d account(s), drafting every %d s",
                     len(threads), self.app.config.draft_interval)
        self.stop.wait()
        sd_notify("STOPPING=1")
        scheduler.shutdown(wait=False)
        for thread in threads:
            thread.join(timeout=2)
        for mailbox in self._draft_mailboxes.values():
            _close_quietly(mailbox)
        if self.fatal is not None:
            log.error("%s", self.fatal)
            return self.fatal.exit_code
        log.info("followup stopped")
        return 0

    def _install_signals(self) -> None:
        def handle(signum: int, _frame: FrameType | None) -> None:
            log.info("received %s, stopping", signal.Signals(signum).name)
            self.stop.set()

        signal.signal(signal.SIGTERM, handle)
        signal.signal(signal.SIGINT, handle)

    def _start_scheduler(self) -> Any:
        # Due dates live in our tables; APScheduler only wakes the drafter (no job store).
        from apscheduler.schedulers.background import BackgroundScheduler

        scheduler = BackgroundScheduler(timezone="UTC")
        # Two instances: a wake while a pass runs must queue one more pass behind it
        # (draft_lock serialises them); with one instance APScheduler skips the wake and
        # the notes just ingested wait a whole draft_interval for their drafts.
        scheduler.add_job(self._draft, "interval", id="draft",
                          seconds=self.app.config.draft_interval, coalesce=True,
                          max_instances=2, next_run_time=self.app.clock.now())
        self._schedule_digest(scheduler)
        scheduler.start()
        self._scheduler = scheduler
        return scheduler

    def _schedule_digest(self, scheduler: Any) -> None:
        """A cron job at [digest] at/days in the owner's zone. Each drafting pass (the first
        at start) also looks, so a daemon started after 08:00 still writes the day's digest
        and one the server refused is tried again."""
        from followup.digest import GRACE, WEEKDAYS

        digest = self.app.config.digest
        if self.app.digester is None or not digest.enabled or not digest.days:
            return
        days = ",".join(WEEKDAYS[d] for d in sorted(digest.days))
        scheduler.add_job(self._digest, "cron", id="digest", day_of_week=days,
                          hour=digest.at.hour, minute=digest.at.minute,
                          timezone=self.app.config.timezone, coalesce=True, max_instances=1,
                          misfire_grace_time=int(GRACE.total_seconds()))

    def _digest(self) -> None:
        digester = self.app.digester
        assert digester is not None
        with self.draft_lock:  # it shares the drafting pass's connections
            try:
                acct = next(a for a in self.app.config.accounts
                            if a.name == digester.setup.account)
                if acct.name not in self._draft_mailboxes:
                    self._draft_mailboxes[acct.name] = self.app.open_mailbox(acct)
                digester.write_due(self._draft_mailboxes[acct.name])
            except Exception:
                log.exception("the digest failed; the next drafting pass tries again")

    def account_started(self, name: str) -> None:
        """A watcher has logged in (or found the server down) for the first time."""
        with self._started_lock:
            self._started.add(name)
            if len(self._started) == len(self.app.config.accounts):
                self._all_started.set()

    def wake_drafter(self) -> None:
        scheduler = self._scheduler
        with self._queue_lock:
            if self._queued:  # a pass not started yet will see what was just committed
                return
        if scheduler is not None:
            try:
                scheduler.modify_job("draft", next_run_time=self.app.clock.now())
            except Exception as exc:  # the scheduler may be shutting down
                log.debug("could not wake the drafter: %s", exc)

    def _draft(self) -> None:
        with self._queue_lock:
            self._queued += 1
        with self.draft_lock:
            with self._queue_lock:
                self._queued -= 1
            try:
                self._draft_with_retry()
            except MailboxUnavailable as exc:
                log.warning("drafting postponed, mailbox unavailable: %s", exc)
            except LoginError as exc:
                self._fail(exc)
            except Exception:
                log.exception("drafting failed; will try again at the next interval")

    def _draft_with_retry(self) -> None:
        # The drafter's connections sleep between passes, so one that a server restart or
        # kick closed is only found dead when used. The adapter drops it on that failure;
        # one immediate retry reconnects, instead of leaving the drafts for the next interval.
        try:
            self._draft_pass()
        except MailboxUnavailable as exc:
            log.info("drafting: mailbox connection lost (%s); reconnecting", exc)
            self._draft_pass()

    def _draft_pass(self) -> None:
        for acct in self.app.config.accounts:
            if acct.name not in self._draft_mailboxes:
                self._draft_mailboxes[acct.name] = self.app.open_mailbox(acct)
        report = self.app.drafter.draft_due(self._draft_mailboxes)
        if report.drafted:
            log.info("drafted %d follow-up(s)", report.drafted)
        digester = self.app.digester  # a digest the cron job could not append is retried
        if digester is not None and digester.setup.account in self._draft_mailboxes:
            digester.write_due(self._draft_mailboxes[digester.setup.account])

    def _fail(self, exc: FollowupError) -> None:
        self.fatal = exc
        self.stop.set()

    def _watch(self, acct: AccountConfig) -> None:
        try:
            Watcher(self, acct).loop()
        except LoginError as exc:
            self._fail(exc)
        except FollowupError as exc:
            self._fail(exc)


class Watcher:
    """The loop of one account: ingest, then wait for a change (IDLE or poll), catch up
    periodically, reconnect with backoff after any failure."""

    def __init__(self, daemon: Daemon, acct: AccountConfig) -> None:
        self.daemon = daemon
        self.acct = acct
        self.ingestor = daemon.app.ingestors[acct.name]
        self.catchup = float(daemon.app.config.catchup_interval)
        self.backoff = Backoff()
        self.progress = ProgressReporter(acct.name)

    def loop(self) -> None:
        stop = self.daemon.stop
        mailbox = self.daemon.app.open_mailbox(self.acct)
        reason = "start"
        next_catchup = time.monotonic() + self.catchup
        down_since: float | None = None
        started = False
        try:
            while not stop.is_set():
                try:
                    if not started:
                        mailbox.scan()  # logs in: a wrong password stops us before READY
                        started = True
                        self.daemon.account_started(self.acct.name)
                    if reason:
                        self._ingest(mailbox, reason)
                    if down_since is not None:
                        log.info("%s: reconnected after %.1f s", self.acct.name,
                                 time.monotonic() - down_since)
                        down_since = None
                    self.backoff.reset()
                    remaining = next_catchup - time.monotonic()
                    if remaining <= 0:
                        reason, next_catchup = "catch-up", time.monotonic() + self.catchup
                        continue
                    reason = "change" if mailbox.wait(timeout=remaining) else ""
                except MailboxUnavailable as exc:
                    if not started:
                        started = True
                        self.daemon.account_started(self.acct.name)
                    down_since = down_since or time.monotonic()
                    delay = self.backoff.next_delay()
                    log.warning("%s: mailbox unavailable (%s); retrying in %.1f s",
                                self.acct.name, exc, delay)
                    reason = "reconnect"
                    stop.wait(delay)
                except LoginError:
                    raise
                except Exception:
                    delay = self.backoff.next_delay()
                    log.exception("%s: ingestion failed; retrying in %.1f s", self.acct.name,
                                  delay)
                    reason = "retry"
                    stop.wait(delay)
        finally:
            _close_quietly(mailbox)

    def _ingest(self, mailbox: Mailbox, reason: str) -> None:
        report = self.ingestor.ingest(mailbox, self.progress)
        if reason == "catch-up" and report.new_messages:
            log.warning("%s: catch-up found %d message(s) the watch had not reported",
                        self.acct.name, report.new_messages)
        if report.new_messages or report.rekeyed:
            log.info("%s: %d processed, %d needs review, %d ignored, %d re-keyed",
                     self.acct.name, report.processed, report.needs_review, report.ignored,
                     report.rekeyed)
        if report.processed:
            self.daemon.wake_drafter()


def _close_quietly(mailbox: Mailbox) -> None:
    try:
        mailbox.close()
    except Exception as exc:  # closing a dead connection must not mask the real error
        log.debug("closing mailbox: %s", exc)
