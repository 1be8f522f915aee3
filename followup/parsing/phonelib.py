"""phonenumbers as the parser loads it: imported on first need, its patterns kept by `rx`.

phonenumbers compiles the regular expressions of a country's metadata (number patterns,
formats, prefixes) the first time it reads a number of that country, through
`phonenumbers.re_util.re_compile`, which its modules import by name; a first pass over the
fixtures compiles about 145 of them, a sixth of the pass's one-time work. Here those names
are pointed at `rx.compile`, so that the engine's code of each is kept between runs like the
parser's own patterns, and each compiled pattern is held for the process (as phonenumbers'
own `enable_pattern_cache` would: the set is bounded by the metadata, about 2,000 patterns
for every country, and no pattern is built from a note's text).

Its modules also compile about thirty fixed patterns of their own when imported, with
`re.compile`, half of the import's time. While this module imports phonenumbers (once, under
a lock), `re.compile` calls made from phonenumbers' own modules go to `rx.compile` as well;
every other caller of `re.compile` meanwhile gets plain `re.compile`, and the name is put
back as soon as the import ends.

Only names that exist are replaced, so a phonenumbers without `re_compile` is used as it
is; with the cache off (FOLLOWUP_NO_PATTERN_CACHE=1) nothing of `re` is touched and
`rx.compile` is `re.compile`.
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from followup.parsing import rx

# the modules of phonenumbers that compile metadata patterns through a `re_compile` name
_USERS = ("phonenumbers.re_util", "phonenumbers.phonenumberutil",
          "phonenumbers.phonenumbermatcher", "phonenumbers.asyoutypeformatter")

_lock = threading.Lock()
_loaded: ModuleType | None = None
_kept: dict[str, re.Pattern[str]] = {}


def phonenumbers() -> ModuleType:
    """The phonenumbers package, imported and adapted once."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                with _import_compiles_kept():
                    import phonenumbers as module

                _route_compiles()
                _loaded = module
    return _loaded


def re_compile(regex: str) -> re.Pattern[str]:
    """`phonenumbers.re_util.re_compile`, through `rx` and held for the process."""
    pattern = _kept.get(regex)
    if pattern is None:
        pattern = _kept.setdefault(regex, rx.compile(regex))
    return pattern


@contextlib.contextmanager
def _import_compiles_kept() -> Iterator[None]:
    """`re.compile` of phonenumbers' modules through `rx` while they are first imported."""
    if "phonenumbers" in sys.modules or not rx.keeping():
        yield  # imported already (digest, cards), or nothing to keep: re as it is
        return
    plain = re.compile

    def routed(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if isinstance(pattern, str) and caller.partition(".")[0] == "phonenumbers":
            return rx.compile(pattern, flags)
        return plain(pattern, flags)

    setattr(re, "compile", routed)  # noqa: B010 (the module's global, put back below)
    try:
        yield
    finally:
        setattr(re, "compile", plain)  # noqa: B010


def _route_compiles() -> None:
    for name in _USERS:
        module = sys.modules.get(name)
        if module is not None and callable(getattr(module, "re_compile", None)):
            setattr(module, "re_compile", re_compile)  # noqa: B010 (a module's global)
