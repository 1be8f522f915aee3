"""Retry delays for an unavailable mailbox: capped exponential backoff with full jitter."""

from __future__ import annotations

import random as _random
from collections.abc import Callable


class Backoff:
    """Delays for successive failures; it never sleeps, the caller does.

    Full jitter (a uniform draw in [0, min(cap, base * 2**n)]) spreads reconnects after a
    server restart instead of having every client retry in step (AWS Architecture Blog,
    "Exponential Backoff And Jitter")."""

    def __init__(self, base: float = 1.0, cap: float = 300.0,
                 random: Callable[[], float] = _random.random) -> None:
        if base <= 0 or cap < base:
            raise ValueError("Backoff needs 0 < base <= cap")
        self.base = base
        self.cap = cap
        self._random = random
        self.failures = 0

    def ceiling(self) -> float:
        """The largest delay the next failure can get."""
        # min() before the power would overflow after ~1000 failures
        exponent = min(self.failures, 64)
        return float(min(self.cap, self.base * 2.0**exponent))

    def next_delay(self) -> float:
        """Record one more failure and return how long to wait before retrying."""
        delay = self._random() * self.ceiling()
        self.failures += 1
        return delay

    def reset(self) -> None:
        """Call after a success: the next failure starts again from `base`."""
        self.failures = 0
