"""Composition root: config -> store, mailboxes, ingestors, tracker and drafter. Nothing at
import time."""

from __future__ import annotations

import datetime as dt
import functools
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass

from followup.config import AccountConfig, Config
from followup.digesting import DigestSetup, DigestWriter
from followup.errors import ConfigError
from followup.lifecycle import Timing
from followup.ports import Clock, Mailbox
from followup.secrets import Secret, SecretSpec
from followup.service import (
    AccountSetup,
    CrashHook,
    Drafter,
    Ingestor,
    ParserFactory,
    Policy,
)
from followup.store import Store, refuse_older_schema, upgrade_schema_apart
from followup.tracking import Tracker, TrackingSetup


@dataclass
class App:
    """Everything a command needs, built once from the config."""

    config: Config
    store: Store
    clock: Clock
    ingestors: dict[str, Ingestor]
    drafter: Drafter
    open_mailbox: Callable[[AccountConfig], Mailbox]
    tracker: Tracker
    digester: DigestWriter | None = None  # None: no account to put a digest in

    def close(self) -> None:
        self.store.close()


def open_store(config: Config, *, schema_apart: bool = False) -> Store:
    """The database, its schema at head (SQLite and a new database are upgraded; an older
    PostgreSQL schema is refused: `followup db upgrade`). `schema_apart`: a schema upgrade
    runs in a child process, so a long-running daemon never holds alembic in its memory."""
    refuse_older_schema(config.database_url)
    if schema_apart:
        upgrade_schema_apart(config.database_url)
    return Store.open(config.database_url)


def build_app(config: Config, clock: Clock | None = None, *,
              schema_apart: bool = False, store: Store | None = None) -> App:
    """Wire the real adapters. Only this module names concrete implementations.
    `store`: an open store to reuse (a reload keeps the database it has)."""
    from followup.cardimage import read_card_image
    from followup.clock import SystemClock
    from followup.drafting import (
        DraftingError,
        TemplateMissingError,
        check_templates,
        make_environment,
    )

    clock = clock or SystemClock()
    store = store or open_store(config, schema_apart=schema_apart)
    crash = crash_hook_from_env()
    policy = Policy(sequence=config.sequence, window=config.window, timezone=config.timezone,
                    region=config.region, sequences=config.sequences)
    worker = parse_worker_factory() if config.parse_worker else None
    ingestors = {
        acct.name: Ingestor(store, clock, account_setup(config, acct), policy, crash,
                            card_reader=read_card_image, worker=worker)
        for acct in config.accounts
    }
    owners = {a.name: (config.owner_name, a.owner_addresses[0]) for a in config.accounts}
    dirs = [config.templates_dir] if config.templates_dir else []
    try:
        env = make_environment(dirs)
    except TemplateMissingError as exc:
        raise ConfigError([f"'drafting.templates_dir': {exc}"]) from None
    try:
        check_templates(env, [*(step.template for seq in policy.all_sequences().values()
                                for step in seq.steps), policy.dated_template])
    except DraftingError as exc:
        raise ConfigError([f"'sequence' template: {exc}"]) from None
    drafter = Drafter(store, clock, policy, env, owners, crash)
    tracker = Tracker(store, clock, {a.name: tracking_setup(a) for a in config.accounts},
                      Timing(config.window, config.timezone),
                      dt.timedelta(seconds=config.discard_grace), crash)
    return App(config, store, clock, ingestors, drafter, open_mailbox, tracker,
               digest_writer(config, store, clock))


def tracking_setup(acct: AccountConfig) -> TrackingSetup:
    return TrackingSetup(name=acct.name, owner_addresses=acct.owner_addresses,
                         watched_folder=acct.watched_folder, reply_folders=acct.reply_folders,
                         sent_folder=acct.folders.sent)


def rebuild_app(running: App, config: Config) -> App:
    """The App of a reloaded config, on the running one's database and clock; templates are
    read again. A change of database needs a restart (ConfigError)."""
    if config.database_url != running.config.database_url:
        raise ConfigError(["'database.url' changed: a reload keeps the open database; "
                           "restart followup to use another one"])
    return build_app(config, running.clock, store=running.store)


def digest_writer(config: Config, store: Store, clock: Clock) -> DigestWriter | None:
    """The digest goes to the first account's watched folder, from the owner's address."""
    if not config.accounts:
        return None
    first = config.accounts[0]
    return DigestWriter(store, clock, DigestSetup(
        schedule=config.digest, timezone=config.timezone, account=first.name,
        owner_name=config.owner_name, owner_address=first.owner_addresses[0],
        reply_to=config.digest_reply_to))


def parse_worker_factory() -> ParserFactory | None:
    """A worker process parses big backlogs, when there is a second CPU to run it on."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if (usable or 1) < 2:
        return None
    from followup.parseworker import ParseWorker

    return ParseWorker


def account_setup(config: Config, acct: AccountConfig) -> AccountSetup:
    return AccountSetup(
        name=acct.name,
        folder=acct.watched_folder,
        owner_addresses=acct.owner_addresses,
        authserv_id=acct.authserv_id,
        processed_folder=acct.folders.processed,
        review_folder=acct.folders.needs_review,
        ignored_folder=acct.folders.ignored,
        owner_name=config.owner_name,
        max_message_bytes=config.max_message_bytes,
        batch_size=config.batch_size,
    )


def open_mailbox(acct: AccountConfig) -> Mailbox:
    """The account's mailbox adapter (connects lazily, on first use)."""
    if acct.maildir is not None:
        from followup.mailbox.maildir import MaildirMailbox, MaildirSettings

        m = acct.maildir
        try:
            return MaildirMailbox(MaildirSettings(
                path=str(m.path), drafts_folder=m.drafts_folder, layout=m.layout,
                poll_interval=m.poll_interval))
        except ValueError as exc:
            raise ConfigError([f"account '{acct.name}': {exc}"]) from None
    assert acct.imap is not None
    from followup.mailbox.imap import ImapMailbox, ImapSettings

    i = acct.imap
    secret = shared_secret(i.secret)
    try:
        return ImapMailbox(ImapSettings(
            host=i.host, port=i.port, security=i.security, username=i.username,
            auth=i.auth, secret=secret, secret_source=secret.source, ca_file=i.ca_file,
            folder=i.folder, drafts_folder=i.drafts_folder,
            idle_renew_seconds=i.idle_renew_seconds, socket_timeout=i.socket_timeout,
            poll_interval=i.poll_interval, fetch_batch=i.fetch_batch))
    except ValueError as exc:
        raise ConfigError([f"account '{acct.name}': {exc}"]) from None


@functools.cache
def shared_secret(spec: SecretSpec) -> Secret:
    """One Secret per source for the whole process: the watcher's and the drafter's
    connections share it, so a password command (a gpg prompt) runs once, not per
    connection; tokens are fetched at each login all the same."""
    from followup.secrets import make_secret

    return make_secret(spec)


def crash_hook_from_env() -> CrashHook:
    """Test-only: FOLLOWUP_TEST_CRASH_AT="step" or "step:N" kills this process with SIGKILL
    the Nth time the service reaches `step` (steps: recorded, fetched, in-transaction,
    committed, moved, rendered, appended; reply tracking: tracking, tracked). Unset in
    normal use: a no-op."""
    spec = os.environ.get("FOLLOWUP_TEST_CRASH_AT", "")
    if not spec:
        return lambda _step: None
    step, _, nth = spec.partition(":")
    remaining = [int(nth or "1")]

    def hook(reached: str) -> None:
        if reached != step:
            return
        remaining[0] -= 1
        if remaining[0] <= 0:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook
