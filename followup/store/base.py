"""What every part of the store shares: its error, the race-retry rule and the unit base."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from followup.errors import FollowupError

# How often a writer that lost a race on a unique key re-reads and tries again.
RACE_RETRIES = 3


class StoreError(FollowupError):
    """The database cannot be used as it is (for example a schema newer than this program)."""

    exit_code = 4


class LostRace(Exception):
    """Another writer changed what a match was based on; the savepoint is retried."""


class UnitBase:
    """A connection inside one transaction; the operation mixins of `Unit` build on it."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
