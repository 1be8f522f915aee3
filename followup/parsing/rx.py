"""The parser's regular expressions, compiled once per Python and kept between runs.

The parser's word lists make a few hundred large patterns; CPython's `re` parses and
translates them in pure Python on every start, about two thirds of a cold `followup parse
FILE`. Here the engine's compiled code of each pattern is kept in a file under
$XDG_CACHE_HOME/followup/ and handed back to the engine (`_sre.compile`, the step `re`
itself ends with) on the next start. The cache is keyed by the interpreter's version and
the engine's MAGIC, checked by a probe before use, validated by the engine itself on every
load, and any failure means an ordinary `re.compile`. FOLLOWUP_NO_PATTERN_CACHE=1 turns it
off; FOLLOWUP_PATTERN_CACHE names another file.
"""

from __future__ import annotations

import array
import atexit
import base64
import contextlib
import importlib
import json
import logging
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger("followup.parsing.rx")

MAX_ENTRIES = 4000  # a stale file (older rules) is pruned to what a run used
_PROBE = r"(?P<word>[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*)\s+(?:de|von|van)\b(?i:\s*x)?|\d{2,4}"

_lock = threading.Lock()
_state: _Cache | None = None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the kept code when there is some."""
    cache = _cache()
    if cache is None:
        return re.compile(pattern, flags)
    return cache.compile(pattern, int(flags))


def keeping() -> bool:
    """Whether `compile` keeps code between runs (False: it is plain `re.compile`)."""
    return _cache() is not None


@lru_cache(maxsize=256)
def _fixed(pattern: str, flags: int) -> re.Pattern[str]:
    return compile(pattern, flags)


# `re`'s module functions, for a fixed pattern written inline in a function (`rx.search(
# r"...", text)`): compiled once from the kept code, where `re.search` parses it on its first
# call in every process. Never for a pattern built from a note's words (a name, a firm): the
# cache file would keep them, and each one is new anyway.
def search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    """`re.search` of a fixed pattern."""
    return _fixed(pattern, int(flags)).search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    """`re.match` of a fixed pattern."""
    return _fixed(pattern, int(flags)).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    """`re.fullmatch` of a fixed pattern."""
    return _fixed(pattern, int(flags)).fullmatch(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    """`re.split` of a fixed pattern."""
    return _fixed(pattern, int(flags)).split(string, maxsplit)


def longest_first(words: Iterable[str]) -> list[str]:
    """Alternatives for a pattern: longer ones first (so "Santa Cruz de la Sierra" wins over
    "Santa Cruz"), ties in a fixed order: a set's order changes with the hash seed, and a
    pattern must be the same string in every process to be found in the cache."""
    return sorted(set(words), key=lambda w: (-len(w), w))


class Remembered:
    """A compiled pattern whose `search`, `match` and `fullmatch` answers are kept for texts
    asked again. For the lexicon's big word patterns, which the readers try on the same words
    and phrases many times over a note (TITLE_WORDS: 2,472 calls in a first pass over the
    fixtures, 972 distinct, a twelfth of the pass): a regex's answer depends on nothing but
    its arguments, so a kept answer is the one it would give (the same Match, which nobody
    changes). Everything else (`pattern`, `flags`, `finditer`, `sub`...) is the pattern's own.
    """

    def __init__(self, compiled: re.Pattern[str], maxsize: int = 4096) -> None:
        self.compiled = compiled
        self.pattern: str = compiled.pattern
        self.flags: int = compiled.flags
        self.search: Callable[..., re.Match[str] | None] = lru_cache(maxsize)(compiled.search)
        self.match: Callable[..., re.Match[str] | None] = lru_cache(maxsize)(compiled.match)
        self.fullmatch: Callable[..., re.Match[str] | None] = lru_cache(maxsize)(
            compiled.fullmatch)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)


def _cache() -> _Cache | None:
    global _state
    with _lock:
        if _state is None:
            _state = _Cache.open()
        return _state if _state.usable else None


class _Cache:
    """The kept code of one interpreter: loaded at the first compile, written at exit."""

    def __init__(self, path: Path | None, engine: _Engine | None) -> None:
        self.path = path
        self.engine = engine
        self.entries: dict[str, list[Any]] = {}
        self.used: set[str] = set()
        self.dirty = False

    @property
    def usable(self) -> bool:
        return self.engine is not None and self.path is not None

    @classmethod
    def open(cls) -> _Cache:
        if os.environ.get("FOLLOWUP_NO_PATTERN_CACHE"):
            return cls(None, None)
        engine = _Engine.probe()
        path = _cache_file(engine) if engine else None
        cache = cls(path, engine)
        if cache.usable:
            cache.entries = _read(path)
            atexit.register(cache.save)
        return cache

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        assert self.engine is not None
        key = f"{flags}\x00{pattern}"
        with _lock:
            entry = self.entries.get(key)
            self.used.add(key)
        if entry is not None:
            compiled = self.engine.rebuild(pattern, entry)
            if compiled is not None:
                return compiled
        compiled, entry = self.engine.build(pattern, flags)
        if entry is not None:
            with _lock:
                self.entries[key] = entry
                self.dirty = True
        return compiled

    def save(self) -> None:
        """Write the file when this run compiled something new (atomically: concurrent
        runs each leave a whole file, the last one wins)."""
        if not self.dirty or self.path is None:
            return
        with _lock:
            entries = dict(self.entries)
            if len(entries) > MAX_ENTRIES:
                entries = {k: v for k, v in entries.items() if k in self.used}
            self.dirty = False
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
        except OSError as exc:  # a read-only cache is only slower
            log.debug("pattern cache not written (%s): %s", self.path, exc)
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(entries, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError as exc:  # a full disk: leave no half-written file behind
            log.debug("pattern cache not written (%s): %s", self.path, exc)
            with contextlib.suppress(OSError):
                os.unlink(tmp)


class _Engine:
    """The two internal steps of `re.compile` this module relies on, found by a probe."""

    def __init__(self, sre: Any, parser: Any, compiler: Any) -> None:
        self.sre, self.parser, self.compiler = sre, parser, compiler

    @classmethod
    def probe(cls) -> _Engine | None:
        try:
            engine = cls(importlib.import_module("_sre"), importlib.import_module("re._parser"),
                         importlib.import_module("re._compiler"))
            for flags in (0, int(re.IGNORECASE | re.VERBOSE | re.MULTILINE)):
                ours, entry = engine.build(_PROBE, flags)
                again = engine.rebuild(_PROBE, json.loads(json.dumps(entry)))
                if entry is None or again is None or not _same(ours, again, flags):
                    return None
            return engine
        except Exception as exc:  # any other Python: plain re.compile
            log.debug("pattern cache off: %s", exc)
            return None

    @property
    def tag(self) -> str:
        version = ".".join(map(str, sys.version_info[:3]))
        return f"{sys.implementation.cache_tag}-{version}-{self.sre.MAGIC}-{self.sre.CODESIZE}"

    def build(self, pattern: str, flags: int) -> tuple[re.Pattern[str], list[Any] | None]:
        """Compile as `re._compiler.compile` does, keeping the code it hands the engine."""
        try:
            parsed = self.parser.parse(pattern, flags)
            code = self.compiler._code(parsed, flags)
            state = parsed.state
            indexgroup: list[str | None] = [None] * state.groups
            for name, index in state.groupdict.items():
                indexgroup[index] = name
            entry = [flags | state.flags, state.groups - 1, dict(state.groupdict), indexgroup,
                     base64.b64encode(array.array("I", code).tobytes()).decode("ascii")]
        except Exception:  # let re say what is wrong with the pattern, as it always does
            return re.compile(pattern, flags), None
        compiled = self.rebuild(pattern, entry)
        if compiled is None:
            return re.compile(pattern, flags), None
        return compiled, entry

    def rebuild(self, pattern: str, entry: list[Any]) -> re.Pattern[str] | None:
        try:
            flags, groups, groupindex, indexgroup, packed = entry
            code = array.array("I")
            code.frombytes(base64.b64decode(packed))
            # the engine validates the code itself and refuses what it cannot run
            compiled: re.Pattern[str] = self.sre.compile(
                pattern, flags, code.tolist(), groups, groupindex, tuple(indexgroup))
            return compiled
        except Exception:
            return None


def _same(ours: re.Pattern[str], theirs: re.Pattern[str], flags: int) -> bool:
    plain = re.compile(_PROBE, flags)
    texts = ["Jean-Luc de Paris", "Ana von x", "1234", "ÉLISE VAN X", "no", ""]
    return all(
        p.pattern == plain.pattern and p.flags == plain.flags and p.groups == plain.groups
        and p.groupindex == plain.groupindex and p == plain
        and [m.span() for m in p.finditer(t)] == [m.span() for m in plain.finditer(t)]
        for p in (ours, theirs) for t in texts)


def _cache_file(engine: _Engine) -> Path | None:
    named = os.environ.get("FOLLOWUP_PATTERN_CACHE")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or (
        str(Path.home() / ".cache") if os.environ.get("HOME") else "")
    if not base:
        return None
    return Path(base) / "followup" / f"patterns-{engine.tag}.json"


def _read(path: Path | None) -> dict[str, list[Any]]:
    if path is None:
        return {}
    try:
        with path.open(encoding="utf-8") as src:
            data = json.load(src)
    except (OSError, ValueError):  # none yet, or torn: start afresh
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, list)
            and len(v) == 5}
