"""The long-running daemon: one watcher thread per account it holds the lease of,
APScheduler for drafting, reconnects with backoff, signals (TERM stops, HUP reloads),
sd_notify (READY, STATUS, WATCHDOG, STOPPING) and progress for a backlog."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

from followup.bootstrap import App
from followup.config import AccountConfig
from followup.digest import WEEKDAYS
from followup.errors import FollowupError
from followup.lease import AccountLeases
from followup.mailbox.backoff import Backoff
from followup.notify import Notifier
from followup.ports import Mailbox, MailboxRefused, MailboxUnavailable
from followup.service import RunReport

log = logging.getLogger("followup.daemon")

# SIGTERM to exit: watchers finish their chunk and log out within this; systemd's
# TimeoutStopSec (90 s by default) is far longer, but a reboot should not wait on us.
STOP_GRACE = 8.0
# How often accounts held by nobody (a daemon died) are claimed: takeover within this.
LEASE_RETRY = 15.0
# The status line's counts come from the database: at most this often.
STATUS_EVERY = 30.0


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
        tracked = app.tracker.track(mailboxes, failures=failures)
        log.info("replies and sent mail: %d message(s) read in %.1f s; %d reply(ies), %d "
                 "sent, %d discarded, %d stopped by your own mail, %d automatic",
                 tracked.read, time.monotonic() - started, tracked.replies, tracked.sent,
                 tracked.discarded, tracked.owner_wrote, tracked.automatic)
        report.stopped += tracked.replies + tracked.owner_wrote
        report.sent += tracked.sent
        report.discarded += tracked.discarded
        started = time.monotonic()
        drafted = app.drafter.draft_due(mailboxes, failures=failures)
        report.merge(drafted)
        log.log(logging.ERROR if drafted.failed_drafts else logging.INFO, "%s in %.1f s",
                drafted.drafts_summary(), time.monotonic() - started)
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
    """Watches every account it holds until stopped; drafts on a schedule.

    `reload`: called on SIGHUP with the running App, returns the App of the reloaded config
    (or raises FollowupError: the running config is kept)."""

    def __init__(self, app: App, *, notifier: Notifier | None = None,
                 reload: Callable[[App], App] | None = None,
                 lease_retry: float = LEASE_RETRY) -> None:
        self.app = app
        self.notifier = notifier or Notifier()
        self.reload = reload
        self.lease_retry = lease_retry
        self.stop = threading.Event()
        self.fatal: FollowupError | None = None
        self.draft_lock = threading.Lock()
        self.leases = AccountLeases(app.store)
        self.watchers: dict[str, Watcher] = {}
        self._retiring: dict[str, Watcher] = {}  # stopped, but still finishing
        self._wake = threading.Event()  # the main loop: a signal came
        self._reload_asked = False
        self._queue_lock = threading.Lock()
        self._queued = 0  # drafting passes waiting for draft_lock
        self._draft_mailboxes: dict[str, Mailbox] = {}
        self._scheduler: Any = None
        self._last_error: tuple[dt.datetime, str] | None = None
        self._status_at = float("-inf")
        self._claimed_at = float("-inf")
        self._told_waiting: list[str] = []
        self._stuck: list[str] = []
        self._draft_beat: float | None = None  # set while a drafting pass runs

    @property
    def beat_every(self) -> float:
        """How long a watcher may block between two signs of life (inf without watchdog)."""
        interval = self.notifier.watchdog
        return interval / 3 if interval else float("inf")

    # --- lifecycle --------------------------------------------------------------------

    def run(self) -> int:
        """Run until SIGTERM/SIGINT; return the exit code (non-zero only for fatal errors)."""
        self._install_signals()
        scheduler = self._start_scheduler()
        try:
            self._claim_accounts()
            self._wait_started()
            if self.fatal is None and not self.stop.is_set():
                self.notifier.ready()
                log.info("followup running: %d of %d account(s), drafting every %d s",
                         len(self.watchers), len(self.app.config.accounts),
                         self.app.config.draft_interval)
            self._main_loop()
        finally:
            self._shutdown(scheduler)
        if self.fatal is not None:
            log.error("%s", self.fatal)
            return self.fatal.exit_code
        log.info("followup stopped")
        return 0

    def request_stop(self) -> None:
        self.stop.set()
        self._wake.set()

    def request_reload(self) -> None:
        self._reload_asked = True
        self._wake.set()

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # embedded (tests): the caller stops us with request_stop()

        def handle(signum: int, _frame: FrameType | None) -> None:
            if signum == signal.SIGHUP:
                self.request_reload()
                return
            log.info("received %s, stopping", signal.Signals(signum).name)
            self.request_stop()

        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, handle)

    def _wait_started(self) -> None:
        # READY only once every held account has logged in (or found its server down, which
        # the daemon waits out): a wrong password then fails `systemctl start` itself.
        while not self.stop.is_set():
            if all(w.started.is_set() for w in self.watchers.values()):
                return
            self._wake.wait(0.2)

    def _main_loop(self) -> None:
        tick = min(5.0, (self.notifier.watchdog or 10.0) / 4)
        while not self.stop.is_set():
            self._wake.wait(tick)
            self._wake.clear()
            if self.stop.is_set():
                break
            if self._reload_asked:
                self._reload_asked = False
                self._reload()
            if time.monotonic() - self._claimed_at >= self.lease_retry:
                self._claim_accounts()
            self._pet_watchdog()
            self._update_status()

    def _shutdown(self, scheduler: Any) -> None:
        self.notifier.status("stopping: finishing the chunk in hand, logging out")
        self.notifier.stopping()
        self.stop.set()
        deadline = time.monotonic() + STOP_GRACE
        every = [*self.watchers.values(), *self._retiring.values()]
        for watcher in every:
            watcher.retire()
        scheduler.shutdown(wait=False)
        for watcher in every:
            watcher.thread.join(timeout=max(0.0, deadline - time.monotonic()))
            if watcher.thread.is_alive():
                log.warning("%s: still busy at exit; its connection is dropped, not logged "
                            "out (nothing is lost: the next start repeats what was cut off)",
                            watcher.acct.name)
        if self.draft_lock.acquire(timeout=max(0.1, deadline - time.monotonic())):
            try:
                for mailbox in self._draft_mailboxes.values():
                    _close_quietly(mailbox)
                self._draft_mailboxes.clear()
            finally:
                self.draft_lock.release()
        self.leases.close()

    # --- accounts and leases ----------------------------------------------------------

    def _claim_accounts(self) -> None:
        """Hold what we can of our accounts; start a watcher for each newly held one, stop
        the watcher of one whose lease was lost."""
        first = self._claimed_at == float("-inf")
        self._claimed_at = time.monotonic()
        names = [a.name for a in self.app.config.accounts]
        held = self.leases.claim(names)
        for name in [n for n in self.watchers if n not in held]:
            log.warning("%s: lease lost; another process may watch it now", name)
            self._retire(name)
        self._retiring = {n: w for n, w in self._retiring.items() if w.thread.is_alive()}
        for acct in self.app.config.accounts:
            # an old watcher still finishing its chunk: one watcher per account, ever
            if acct.name in held and acct.name not in self.watchers | self._retiring:
                if not first:
                    log.info("%s: claimed (this process watches it now)", acct.name)
                self.watchers[acct.name] = Watcher(self, acct)
                self.watchers[acct.name].start()
        waiting = [n for n in names if n not in held]
        if waiting and waiting != self._told_waiting:
            log.info("held by another process, watched here when it stops: %s",
                     ", ".join(waiting))
        self._told_waiting = waiting

    def _retire(self, name: str) -> None:
        """Stop an account's watcher (it logs out) and drop its drafting connection."""
        watcher = self.watchers.pop(name, None)
        if watcher is not None:
            watcher.retire()
            watcher.thread.join(timeout=STOP_GRACE)
            if watcher.thread.is_alive():
                self._retiring[name] = watcher  # replaced only once it has ended
        with self.draft_lock:
            mailbox = self._draft_mailboxes.pop(name, None)
        if mailbox is not None:
            _close_quietly(mailbox)

    def account_started(self, name: str) -> None:
        """A watcher has logged in (or found the server down) for the first time."""
        self._wake.set()

    # --- reload -----------------------------------------------------------------------

    def _reload(self) -> None:
        """SIGHUP: read the config and templates again. Accounts whose settings did not
        change keep their connection; a config that does not load is reported and the
        running one kept."""
        if self.reload is None:
            return
        self.notifier.reloading(time.monotonic_ns() // 1000)
        log.info("received SIGHUP: reloading the config and templates")
        try:
            new = self.reload(self.app)
        except FollowupError as exc:
            log.error("reload refused, the running config stays in use: %s", exc)
            self.note_error(f"reload refused: {exc}")
        except Exception as exc:  # a bug in reloading must not end a running daemon
            log.exception("reload failed, the running config stays in use")
            self.note_error(f"reload failed: {exc}")
        else:
            self._swap(new)
        self.notifier.ready()
        self._status_at = float("-inf")

    def _swap(self, new: App) -> None:
        before = {a.name: a for a in self.app.config.accounts}
        after = {a.name: a for a in new.config.accounts}
        changed = sorted(n for n in before if after.get(n) != before[n])
        for name in changed:  # they log out before their new settings log in
            self._retire(name)
        old = self.app
        with self.draft_lock:
            self.app = new
        if new.config.draft_interval != self._scheduler_interval:
            self._reschedule(new.config.draft_interval)
        self._reschedule_digest(old)
        self._claim_accounts()
        log.info("reloaded: %d account(s) kept their connection, %d restarted, %d added",
                 len(set(before) & set(after)) - len(set(changed) & set(after)),
                 len(set(changed) & set(after)), len(set(after) - set(before)))
        self.wake_drafter()

    # --- watchdog and status ----------------------------------------------------------

    def _pet_watchdog(self) -> None:
        """WATCHDOG=1 only while every watcher (and a drafting pass, while one runs) showed
        life within the watchdog interval: one stuck in a hung call or a deadlock makes
        systemd restart us."""
        interval = self.notifier.watchdog
        if interval is None:
            return
        now = time.monotonic()
        stuck = [w.acct.name for w in self.watchers.values() if now - w.beat > interval]
        drafting = self._draft_beat
        if drafting is not None and now - drafting > interval:
            stuck.append("the drafting pass")
        if stuck:
            if stuck != self._stuck:  # once per episode, not at every tick
                log.error("no sign of life from %s for over %.0f s: not telling the "
                          "watchdog we are alive", ", ".join(stuck), interval)
            self._stuck = stuck
            return
        if self._stuck:
            log.info("%s alive again", ", ".join(self._stuck))
            self._stuck = []
        self.notifier.pet()

    def note_error(self, text: str) -> None:
        self._last_error = (self.app.clock.now(), " ".join(text.split())[:160])
        self._status_at = float("-inf")

    def _update_status(self) -> None:
        if time.monotonic() - self._status_at < STATUS_EVERY:
            return
        self._status_at = time.monotonic()
        try:
            self.notifier.status(self.status_line())
        except Exception as exc:  # the database may be down: the status must not kill us
            log.debug("status line: %s", exc)

    def status_line(self) -> str:
        """`systemctl status`'s one line: accounts, today's notes and drafts, last error."""
        config = self.app.config
        now = self.app.clock.now()
        midnight = now.astimezone(config.timezone).replace(hour=0, minute=0, second=0,
                                                           microsecond=0)
        with self.app.store.unit() as u:
            notes, review, drafted, waiting = u.activity(midnight.astimezone(dt.UTC), now)
        total = len(config.accounts)
        held = len(self.watchers)
        parts = [f"watching {held} account(s)" + (
            f" ({total - held} held by another process)" if held < total else ""),
            f"today {notes} note(s), {review} to review, {drafted} draft(s) written",
            f"{waiting} follow-up(s) due not drafted yet"]
        if self._last_error is not None:
            at, text = self._last_error
            local = at.astimezone(config.timezone).strftime("%Y-%m-%d %H:%M")
            parts.append(f"last error {local}: {text}")
        return "; ".join(parts)

    # --- drafting ---------------------------------------------------------------------

    def _start_scheduler(self) -> Any:
        # Due dates live in our tables; APScheduler only wakes the drafter (no job store).
        from apscheduler.schedulers.background import BackgroundScheduler

        scheduler = BackgroundScheduler(timezone="UTC")
        self._scheduler = scheduler
        self._scheduler_interval = self.app.config.draft_interval
        # Two instances: a wake while a pass runs must queue one more pass behind it
        # (draft_lock serialises them); with one instance APScheduler skips the wake and
        # the notes just ingested wait a whole draft_interval for their drafts.
        scheduler.add_job(self._draft, "interval", id="draft",
                          seconds=self.app.config.draft_interval, coalesce=True,
                          max_instances=2, next_run_time=self.app.clock.now())
        self._schedule_digest(scheduler)
        scheduler.start()
        self._log_digest_job()
        return scheduler

    def _reschedule(self, seconds: int) -> None:
        self._scheduler_interval = seconds
        self._scheduler.reschedule_job("draft", trigger="interval", seconds=seconds)

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

    def _reschedule_digest(self, old: App) -> None:
        """SIGHUP: the digest's cron job follows a changed `[digest] at`, `days`,
        `enabled` (or time zone, or first account) without a restart."""
        def when(app: App) -> tuple[object, ...]:
            setup = app.digester.setup if app.digester else None
            digest = app.config.digest
            return (setup.account if setup else None, digest.enabled, digest.at,
                    digest.days, app.config.timezone)

        if self._scheduler is None or when(old) == when(self.app):
            return
        if self._scheduler.get_job("digest") is not None:
            self._scheduler.remove_job("digest")
        self._schedule_digest(self._scheduler)
        self._log_digest_job()

    def _log_digest_job(self) -> None:
        """One line saying when the digest job runs next (or that there is none)."""
        job = self._scheduler.get_job("digest") if self._scheduler is not None else None
        if job is None:
            log.info("digest: off (no [digest] job)")
            return
        digest = self.app.config.digest
        days = ",".join(WEEKDAYS[d] for d in sorted(digest.days))
        nxt = job.next_run_time
        log.info("digest: %s at %s %s, next %s", days, digest.at.strftime("%H:%M"),
                 self.app.config.timezone.key,
                 nxt.astimezone(self.app.config.timezone).isoformat() if nxt else "-")

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
            if self.stop.is_set():
                return
            try:
                self._draft_with_retry()
            except MailboxUnavailable as exc:
                log.warning("drafting postponed, mailbox unavailable: %s", exc)
                self.note_error(f"drafting: {exc}")
            except FollowupError as exc:  # a refused login, a config mistake: no retry helps
                self._fail(exc)
            except Exception as exc:
                log.exception("drafting failed; will try again at the next interval")
                self.note_error(f"drafting failed: {exc}")

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
        # only the accounts we hold: another daemon drafts the others
        for acct in self.app.config.accounts:
            if acct.name in self.watchers and acct.name not in self._draft_mailboxes:
                self._draft_mailboxes[acct.name] = self.app.open_mailbox(acct)
        mailboxes = {n: m for n, m in self._draft_mailboxes.items() if n in self.watchers}
        self._draft_beat = time.monotonic()
        try:
            # Replies, Sent and Drafts are read before each drafting pass (every
            # draft_interval seconds, and when the watcher saw new mail), so no draft goes
            # out after a reply
            tracked = self.app.tracker.track(mailboxes)
            if tracked.replies or tracked.sent or tracked.discarded or tracked.owner_wrote:
                log.info("replies and sent mail: %d reply(ies), %d sent, %d discarded, "
                         "%d stopped by your own mail", tracked.replies, tracked.sent,
                         tracked.discarded, tracked.owner_wrote)
            report = self.app.drafter.draft_due(mailboxes, stop=self._drafting_alive)
        finally:
            self._draft_beat = None
        if report.failed_drafts:
            log.error("drafting pass: %s", report.drafts_summary())
        elif report.drafted:
            log.info("drafted %d follow-up(s)", report.drafted)
            self._status_at = float("-inf")
        digester = self.app.digester  # a digest the cron job could not append is retried
        if digester is not None and digester.setup.account in mailboxes:
            digester.write_due(mailboxes[digester.setup.account])

    def _drafting_alive(self) -> bool:
        """The drafting pass's sign of life, between drafts; True when asked to stop."""
        self._draft_beat = time.monotonic()
        return self.stop.is_set()

    def _fail(self, exc: FollowupError) -> None:
        self.fatal = exc
        self.request_stop()


class Watcher:
    """The loop of one account, in a thread of its own: ingest, then wait for a change (IDLE
    or poll), catch up periodically, reconnect with backoff after any failure. Shows life
    (`beat`) at every turn so the daemon can tell a stuck watcher from a quiet one."""

    def __init__(self, daemon: Daemon, acct: AccountConfig) -> None:
        self.daemon = daemon
        self.acct = acct
        self.backoff = Backoff()
        self.progress = ProgressReporter(acct.name)
        self.halt = threading.Event()
        self.started = threading.Event()
        self.beat = time.monotonic()
        self.mailbox: Mailbox | None = None
        self.reason = "start"  # why the next turn ingests ("" when it only waits)
        self.next_catchup = 0.0
        self.down_since: float | None = None
        self.thread = threading.Thread(target=self._run, daemon=True, name=f"watch-{acct.name}")

    def start(self) -> None:
        self.thread.start()

    def retire(self) -> None:
        """From another thread: finish the chunk in hand, log out, end the thread."""
        self.halt.set()
        mailbox = self.mailbox
        if mailbox is not None:
            mailbox.interrupt()

    def _run(self) -> None:
        try:
            self.loop()
        except FollowupError as exc:  # LoginError, ConfigError: no retry can fix it
            self.daemon._fail(exc)
        finally:
            self._mark_started()

    def _mark_started(self) -> None:
        if not self.started.is_set():
            self.started.set()
            self.daemon.account_started(self.acct.name)

    def _alive(self) -> bool:
        """A sign of life; True when asked to stop (the ingest's stop check)."""
        self.beat = time.monotonic()
        return self.halt.is_set()

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self._alive() and (left := end - time.monotonic()) > 0:
            self.halt.wait(min(left, self.daemon.beat_every))

    def loop(self) -> None:
        mailbox = self.mailbox = self.daemon.app.open_mailbox(self.acct)
        if self.halt.is_set():
            mailbox.interrupt()
        self.next_catchup = time.monotonic() + self.daemon.app.config.catchup_interval
        try:
            while not self._alive():
                try:
                    self._turn(mailbox)
                except MailboxUnavailable as exc:
                    self._mark_started()
                    self.down_since = self.down_since or time.monotonic()
                    self._retry_later("reconnect", "mailbox unavailable", exc)
                except FollowupError:
                    raise
                except MailboxRefused as exc:
                    # the server said no (a folder it will not create...): no traceback,
                    # the same slow retry, in case the owner fixes it on the server
                    self._retry_later("retry", "the server refused", exc)
                except Exception as exc:
                    log.exception("%s: ingestion failed", self.acct.name)
                    self._retry_later("retry", "ingestion failed", exc)
        finally:
            _close_quietly(mailbox)  # LOGOUT

    def _turn(self, mailbox: Mailbox) -> None:
        """Ingest when there is a reason to, then wait for a change (or a sign of life due)."""
        if not self.started.is_set():
            mailbox.scan()  # logs in: a wrong password stops us before READY
            self._mark_started()
        if self.reason:
            self._ingest(mailbox, self.reason)
        if self.down_since is not None:
            log.info("%s: reconnected after %.1f s", self.acct.name,
                     time.monotonic() - self.down_since)
            self.down_since = None
        self.backoff.reset()
        remaining = self.next_catchup - time.monotonic()
        if remaining <= 0:
            self.reason = "catch-up"
            self.next_catchup = time.monotonic() + self.daemon.app.config.catchup_interval
            return
        changed = mailbox.wait(timeout=min(remaining, self.daemon.beat_every))
        self.reason = "change" if changed else ""

    def _retry_later(self, reason: str, what: str, exc: Exception) -> None:
        delay = self.backoff.next_delay()
        log.warning("%s: %s (%s); retrying in %.1f s", self.acct.name, what, exc, delay)
        self.daemon.note_error(f"{self.acct.name}: {what}: {exc}")
        self.reason = reason
        self._sleep(delay)

    def _ingest(self, mailbox: Mailbox, reason: str) -> None:
        ingestor = self.daemon.app.ingestors[self.acct.name]  # a reload may bring a new one

        def progress(done: int, total: int) -> None:
            self._alive()
            self.progress(done, total)

        report = ingestor.ingest(mailbox, progress, stop=self._alive)
        if reason == "catch-up" and report.new_messages:
            log.warning("%s: catch-up found %d message(s) the watch had not reported",
                        self.acct.name, report.new_messages)
        if report.new_messages or report.rekeyed:
            log.info("%s: %d processed, %d needs review, %d ignored, %d re-keyed",
                     self.acct.name, report.processed, report.needs_review, report.ignored,
                     report.rekeyed)
        if report.processed or report.ignored:
            # a note to draft for, or someone else's mail: maybe a reply that stops a plan
            self.daemon.wake_drafter()


def _close_quietly(mailbox: Mailbox) -> None:
    try:
        mailbox.close()
    except Exception as exc:  # closing a dead connection must not mask the real error
        log.debug("closing mailbox: %s", exc)
