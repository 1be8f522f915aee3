"""The parser's kept regex code (followup/parsing/rx.py): a pattern from the cache is the
pattern `re.compile` makes, and a missing, torn, tampered or unwritable cache only costs time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from re import _constants, _parser
from typing import Any

import pytest

from followup.parsing import rx

NOTES = Path(__file__).parent / "fixtures" / "notes"
PARSING = Path(__file__).parents[1] / "followup" / "parsing"

PARSE_ALL = """
import json, sys
from pathlib import Path
from re import _constants, _parser
from typing import Any
from followup.parsing import parse_message, rx
notes = sorted(Path(sys.argv[1]).glob("*.eml"))
out = {p.name: parse_message(p.read_bytes()).to_json() for p in notes}
state = rx._state
print(json.dumps({"notes": out, "cached": bool(state and state.usable),
                  "entries": len(state.entries) if state else 0,
                  "new": bool(state and state.dirty)}, sort_keys=True))
"""


def _run(env: dict[str, str]) -> dict[str, object]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    full.update(env)
    done = subprocess.run([sys.executable, "-c", PARSE_ALL, str(NOTES)], env=full,
                          capture_output=True, text=True, timeout=300, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_parses_the_same_cold_warm_and_without_cache(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.json"
    plain = _run({"FOLLOWUP_NO_PATTERN_CACHE": "1"})
    cold = _run({"FOLLOWUP_PATTERN_CACHE": str(cache)})
    assert cache.exists() and cold["cached"] and cold["new"]
    warm = _run({"FOLLOWUP_PATTERN_CACHE": str(cache)})
    assert warm["cached"] and not warm["new"], "a second run compiles nothing anew"
    assert plain["cached"] is False and not (tmp_path / "other").exists()
    assert plain["notes"] == cold["notes"] == warm["notes"]


def test_every_kept_pattern_is_what_re_compiles(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.json"
    _run({"FOLLOWUP_PATTERN_CACHE": str(cache)})
    entries = json.loads(cache.read_text(encoding="utf-8"))
    assert len(entries) > 300
    engine = rx._Engine.probe()
    assert engine is not None
    for key, entry in entries.items():
        flags, _, pattern = key.partition("\x00")
        kept = engine.rebuild(pattern, entry)
        assert kept is not None and kept == re.compile(pattern, int(flags)), pattern[:80]
        assert kept.groupindex == re.compile(pattern, int(flags)).groupindex


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"0\\u0000a": [0]}',
                                     b"\xff\xfe garbage"])
def test_a_torn_or_foreign_file_is_replaced(tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / "patterns.json"
    cache.write_bytes(content)
    run = _run({"FOLLOWUP_PATTERN_CACHE": str(cache)})
    assert run["cached"] and run["new"]
    assert len(json.loads(cache.read_text(encoding="utf-8"))) > 300


def test_code_the_engine_refuses_is_compiled_again(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.json"
    _run({"FOLLOWUP_PATTERN_CACHE": str(cache)})
    entries = json.loads(cache.read_text(encoding="utf-8"))
    for entry in entries.values():
        entry[4] = "AAAAAP////8="  # two words of nonsense: the engine's check refuses them
    cache.write_text(json.dumps(entries), encoding="utf-8")
    broken = _run({"FOLLOWUP_PATTERN_CACHE": str(cache)})
    plain = _run({"FOLLOWUP_NO_PATTERN_CACHE": "1"})
    assert broken["notes"] == plain["notes"]
    assert broken["new"], "the refused entries are compiled and kept again"


def test_an_unwritable_place_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    run = _run({"FOLLOWUP_PATTERN_CACHE": str(blocked / "patterns.json")})
    plain = _run({"FOLLOWUP_NO_PATTERN_CACHE": "1"})
    assert run["notes"] == plain["notes"]
    assert not list(tmp_path.glob(".patterns-*"))


def test_without_home_nothing_is_kept(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "")}
    run = _run(env | {"HOME": "", "XDG_CACHE_HOME": ""})
    assert run["cached"] is False


def test_default_place_is_the_xdg_cache(tmp_path: Path) -> None:
    run = _run({"XDG_CACHE_HOME": str(tmp_path)})
    assert run["cached"]
    files = list((tmp_path / "followup").glob("patterns-*.json"))
    assert len(files) == 1 and files[0].stat().st_mode & 0o077 == 0
    assert (tmp_path / "followup").stat().st_mode & 0o077 == 0


def test_a_bad_pattern_fails_as_re_says() -> None:
    with pytest.raises(re.error) as ours:
        rx.compile(r"(unclosed")
    with pytest.raises(re.error) as theirs:
        re.compile(r"(unclosed")
    assert str(ours.value) == str(theirs.value)


def test_flags_groups_and_names_are_kept() -> None:
    pattern = r"(?P<first>\w+)\s+(?:de\s+)?(?P<last>\w+)(?i:\s+X)?"
    flags = re.IGNORECASE | re.MULTILINE | re.VERBOSE
    engine = rx._Engine.probe()
    assert engine is not None
    built, entry = engine.build(pattern, int(flags))
    assert entry is not None
    again = engine.rebuild(pattern, json.loads(json.dumps(entry)))
    want = re.compile(pattern, flags)
    for got in (built, again):
        assert got is not None and got == want
        assert (got.flags, got.groups, got.groupindex) == (want.flags, want.groups,
                                                           want.groupindex)
        assert got.match("Ana de Silva x").groupdict() == want.match("Ana de Silva x").groupdict()


def test_the_parser_compiles_its_text_patterns_through_rx() -> None:
    """So every new pattern is kept as well: only byte patterns use re.compile directly."""
    text_compiles = re.compile(r"\bre\.compile\(\s*(?!rb|br|b)[\"'rRfF]")
    for path in sorted(PARSING.glob("*.py")):
        if path.name == "rx.py":
            continue
        found = text_compiles.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: use rx.compile for text patterns"


def test_the_same_patterns_under_any_hash_seed(tmp_path: Path) -> None:
    """A pattern built from a set in hash order would be a new key in every process."""
    keys = []
    for seed in ("1", "2"):
        cache = tmp_path / f"patterns-{seed}.json"
        _run({"FOLLOWUP_PATTERN_CACHE": str(cache), "PYTHONHASHSEED": seed})
        keys.append(set(json.loads(cache.read_text(encoding="utf-8"))))
    assert keys[0] == keys[1], sorted(k[:120] for k in keys[0] ^ keys[1])[:4]


def test_longest_first_is_one_order() -> None:
    assert rx.longest_first({"de", "da", "von", "Santa Cruz", "Santa Cruz de la Sierra"}) == [
        "Santa Cruz de la Sierra", "Santa Cruz", "von", "da", "de"]


def test_remembered_answers_are_the_patterns_own() -> None:
    plain = re.compile(r"\b(?:ceo|head|\w{3,}leider)\b", re.IGNORECASE)
    kept = rx.Remembered(plain, maxsize=4)
    texts = ["Head of Sales", "projectleider", "nobody", "", "CEO", "x ceo y", "Head of Sales"]
    for text in texts * 3:  # asked again, and past the kept size
        for ask in ("search", "match", "fullmatch"):
            ours, theirs = getattr(kept, ask)(text), getattr(plain, ask)(text)
            assert (ours and (ours.span(), ours.group())) == (theirs and (theirs.span(),
                                                                          theirs.group()))
        assert kept.search(text, 2) == plain.search(text, 2) or \
            kept.search(text, 2).span() == plain.search(text, 2).span()  # type: ignore[union-attr]
    assert kept.pattern == plain.pattern and kept.flags == plain.flags
    assert [m.span() for m in kept.finditer("ceo, head")] == [(0, 3), (5, 9)]
    assert kept.sub("X", "ceo and head") == "X and X"


def test_the_lexicons_kept_patterns_answer_as_compiled() -> None:
    from followup.parsing import lexicon

    for kept in (lexicon.TITLE_WORDS, lexicon.COMPANY_SUFFIX):
        plain = re.compile(kept.pattern, kept.flags)
        for text in ("Head of Product", "Acme GmbH", "projectleider", "met Ana", "Inc."):
            assert kept.search(text) == plain.search(text) or (
                kept.search(text).span() == plain.search(text).span())  # type: ignore[union-attr]


def test_the_module_functions_answer_as_re_does() -> None:
    """rx.search/match/fullmatch/split: `re`'s answers, from a pattern compiled once."""
    cases = [(r"(?:^|\s)(?:at|von der)\s", "met at the expo", re.IGNORECASE),
             (r"\s*[,|·•–—]\s*|\s+-\s+", "Alex Rivera | Rivera Partners - CFA", 0),
             (r"next|this\s+coming", "THIS  coming", re.I), (r"[|·•,;()]|\d", "", 0)]
    for pattern, text, flags in cases:
        for ask in ("search", "match", "fullmatch"):
            ours, theirs = getattr(rx, ask)(pattern, text, flags), getattr(re, ask)(
                pattern, text, flags)
            assert (ours and ours.span()) == (theirs and theirs.span()), (ask, pattern)
        assert rx.split(pattern, text, flags=flags) == re.split(pattern, text, flags=flags)
        assert rx.split(pattern, text, 1, flags) == re.split(pattern, text, maxsplit=1,
                                                            flags=flags)
    assert rx._fixed(cases[0][0], int(re.IGNORECASE)) is rx._fixed(cases[0][0], re.I)


def _first_letters(items: list[tuple[Any, Any]]) -> set[str]:
    op, av = items[0]
    if op is _constants.LITERAL:
        return {chr(av)}
    if op is _constants.SUBPATTERN:
        return _first_letters(av[3])
    if op is _constants.BRANCH:
        return set().union(*(_first_letters(alt) for alt in av[1]))
    if op is _constants.IN and all(o is _constants.LITERAL for o, _ in av):
        return {chr(a) for _, a in av}
    raise AssertionError(f"no first letter in {op} {av}")


def test_meet_before_lookahead_holds_every_verbs_first_letter() -> None:
    # (sp12c) `_MEET_BEFORE` opens `\b(?=[...])(?:verbs)`: a verb added with a first letter
    # outside the lookahead would never be found
    from followup.parsing import freetext
    data = _parser.parse(freetext._MEET_BEFORE.pattern, re.IGNORECASE).data
    assert data[0][0] is _constants.AT and data[1][0] is _constants.ASSERT
    ahead = re.compile(r"(?:" + freetext._MEET_BEFORE.pattern.split("(?=", 1)[1].split(")", 1)[0]
                       + ")", re.IGNORECASE)
    assert all(ahead.fullmatch(c) for c in _first_letters(data[2:3]))
