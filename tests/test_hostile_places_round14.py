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
    "1x" * 19000,  # a break after each digit, none after 'x': no address from there either
    "x," * 19000,
])
def test_a_long_word_with_no_address_stays_linear(text: str) -> None:
    # ~0.05 s; the address pattern read the word's rest from each letter (2 s)
    assert cpu_seconds(text) < 1.0


def test_runs_of_spaces_after_locatives_stay_linear() -> None:
    # each locative reads a window of spaces: each space of a run was a new start of every
    # stop word's "\s+", read to the run's end again (~10 s for these 10,000 characters)
    text = ("Gala at The" + " " * 230) * 40
    assert cpu_seconds(text) < 3.0  # ~0.3 s


@pytest.mark.parametrize(("text", "want"), [
    ("Met Ana at the Gala   on Monday", "Gala"),
    ("Met Ana at the Web Summit  \t with Jo", "Web Summit"),
    ("Met Jo on the flight  to Leeds", "flight  to Leeds"),  # as main gave it
])
def test_spaces_before_a_stop_still_end_the_place(text: str, want: str) -> None:
    assert find_met_at(text, [], ()) == want
