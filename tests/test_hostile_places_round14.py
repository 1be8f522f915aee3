"""Hostile notes for the place finder of ownertext: the cost stays linear in the note.

Time is CPU time (time.process_time), as in the other linearity tests, with a wide margin:
the bound only catches a quadratic or worse cost, never a slow machine.
"""

from __future__ import annotations

import time

import pytest

from followup.parsing.ownertext import find_met_at


def cpu_seconds(text: str) -> float:
    start = time.process_time()
    find_met_at(text, [], ())
    return time.process_time() - start


@pytest.mark.parametrize("text", [
    "x" * 38000,  # one word, no space and no '@': an address was sought from every letter
    "x" * 37999 + "@",
])
def test_a_long_word_with_no_address_stays_linear(text: str) -> None:
    # ~0.05 s; the address pattern read the word's rest from each letter (2 s)
    assert cpu_seconds(text) < 1.0
