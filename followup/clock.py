"""SystemClock: the one place in followup that reads the wall clock."""

from __future__ import annotations

import datetime as dt


class SystemClock:
    """The real time, tz-aware UTC."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
