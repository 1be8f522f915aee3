"""Backoff: capped exponential ceilings, full jitter from an injected random, reset."""

from __future__ import annotations

import pytest

from followup.mailbox.backoff import Backoff


def test_ceiling_doubles_up_to_the_cap() -> None:
    b = Backoff(base=1, cap=30, random=lambda: 1.0)
    assert [b.next_delay() for _ in range(8)] == [1, 2, 4, 8, 16, 30, 30, 30]


def test_full_jitter_scales_the_ceiling() -> None:
    draws = iter([0.0, 0.5, 0.25])
    b = Backoff(base=2, cap=100, random=lambda: next(draws))
    assert [b.next_delay() for _ in range(3)] == [0.0, 2.0, 2.0]


def test_reset_starts_over_and_many_failures_do_not_overflow() -> None:
    b = Backoff(base=1, cap=300, random=lambda: 1.0)
    for _ in range(5000):
        b.next_delay()
    assert b.next_delay() == 300
    b.reset()
    assert b.next_delay() == 1


def test_real_random_stays_within_bounds() -> None:
    b = Backoff(base=1, cap=10)
    delays = [b.next_delay() for _ in range(200)]
    assert all(0 <= d <= 10 for d in delays) and len(set(delays)) > 100


@pytest.mark.parametrize(("base", "cap"), [(0, 10), (-1, 10), (5, 1)])
def test_bad_parameters(base: float, cap: float) -> None:
    with pytest.raises(ValueError, match="base"):
        Backoff(base=base, cap=cap)
