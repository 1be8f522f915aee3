"""Dates in the owner's words: when they met, and when to follow up, relative to the note's Date."""

from __future__ import annotations

import datetime as dt


def find_follow_up_on(text: str, ref: dt.datetime) -> dt.date | None:
    """The first day the owner asked to follow up ("follow up in 2 weeks", "#followup 3d",
    "f/u next tuesday", "remind me in a month"), counted from `ref` (the outer Date, in its
    own offset); None when the text asks for nothing or says no follow-up is needed."""
    return None


def find_met_on(text: str, ref: dt.datetime) -> dt.date | None:
    """The day of the meeting when the text names one ("yesterday", "last Thursday",
    "jeudi dernier", "21.04."); None when it says nothing (the caller then uses ref's day)."""
    return None
