"""Use case: put the day's digest in the watched folder, once a day at most.

The order keeps "never two digests for one day", across restarts and processes:
1. under the store's `digest` lock (one process at a time), the day's row is looked up;
2. without one, the digest is built and its row (day = primary key, random Message-ID,
   the message's bytes) is committed BEFORE anything is APPENDed; with nothing to say no
   row is written, and later passes of the day's grace period look again (a daemon that
   starts at 08:00 has not read the morning's notes yet);
3. the APPEND looks for the Message-ID in the folder first, then the row is marked
   appended. A kill between 2 and 3 leaves a row not yet appended: the next run APPENDs
   the very same bytes, or finds them there.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from followup.digest import DigestSchedule, digest_message, due_day, new_message_id
from followup.ports import Clock, Mailbox
from followup.store import Store, Unit
from followup.store.digests import DigestRow

log = logging.getLogger("followup.digest")

FIRST_DIGEST_LOOKBACK = dt.timedelta(days=7)  # the first digest: the last week


@dataclass(frozen=True)
class DigestSetup:
    schedule: DigestSchedule
    timezone: ZoneInfo
    account: str  # the account whose watched folder gets the digest
    owner_name: str
    owner_address: str
    reply_to: str | None = None  # [digest] reply_to: where links and replies go


class DigestWriter:
    """Writes the digest that is due, when there is something to say."""

    def __init__(self, store: Store, clock: Clock, setup: DigestSetup) -> None:
        self.store = store
        self.clock = clock
        self.setup = setup

    def write_due(self, mailbox: Mailbox, now: dt.datetime | None = None) -> str | None:
        """APPEND today's digest when it is due and not written yet; its Message-ID, or
        None when nothing was appended (not due, written already, nothing to say)."""
        now = now or self.clock.now()
        if not self.setup.schedule.enabled:
            return None
        day = due_day(now, self.setup.schedule, self.setup.timezone)
        today = now.astimezone(self.setup.timezone).date()
        with self.store.exclusive("digest"):
            with self.store.unit() as u:
                # today's row, also after the grace period: an APPEND a crash interrupted
                row = u.digest_for(day or today)
                if row is None and day is not None:
                    row = self._claim(u, day, now)
            if row is None or row.message_id is None or row.raw is None \
                    or row.appended_at is not None:
                return None
            mailbox.append_digest(row.raw, row.message_id)
            with self.store.unit() as u:
                u.mark_digest_appended(row.day, self.clock.now())
        log.info("digest of %s put in %s's watched folder: %s", day, self.setup.account,
                 row.message_id)
        return row.message_id

    def _claim(self, u: Unit, day: dt.date, now: dt.datetime) -> DigestRow | None:
        s = self.setup
        since = u.last_digest_at() or now - FIRST_DIGEST_LOOKBACK
        data = u.digest_data(since=since, now=now)
        if data.is_empty():
            log.debug("digest of %s: nothing to say yet", day)
            return None
        message_id = new_message_id(day)
        raw = digest_message(data, day=day, now=now, tz=s.timezone, message_id=message_id,
                             owner_name=s.owner_name, owner_address=s.owner_address,
                             reply_to=s.reply_to)
        u.claim_digest(day=day, account=s.account, message_id=message_id, raw=raw, now=now)
        return u.digest_for(day)
