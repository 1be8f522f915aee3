"""phonenumbers through followup/parsing/phonelib.py: its patterns kept by rx, the numbers it
reads the same as plain phonenumbers reads them, with the cache on, warm, or off."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from followup.parsing import phonelib, rx

# Numbers of many countries, read in several ways: E.164, validity, the national format (the
# metadata's format patterns), the region, and the matcher over running text.
READ = r"""
import json, re, sys
plain_compile = re.compile
if sys.argv[1] == "plain":
    import phonenumbers as pn
else:
    from followup.parsing import phonelib, rx
    pn = phonelib.phonenumbers()
    assert re.compile is plain_compile, "re.compile is put back after the import"
RAW = [("+44 20 7946 0958", None), ("020 7946 0958", "GB"), ("07823 456789", "GB"),
       ("(415) 555-2671", "US"), ("98450 12345", "IN"), ("06 12 34 56 78", "FR"),
       ("030 1234567", "DE"), ("+49 (0)30 1234 5678", None), ("0917 823 4471", "PH"),
       ("(02) 8771 2040", "AU"), ("+81 3-1234-5678", None), ("91 123 45 67", "ES"),
       ("+52 55 1234 5678", None), ("011 4321-1234", "AR"), ("+376 812 345", None),
       ("+27 21 123 4567", None), ("+65 6123 4567", None), ("12345", "US"), ("abc", "US"),
       ("+1 800 FLOWERS", None), ("+971 4 123 4567", None), ("+7 495 123-45-67", None)]
out = []
for raw, region in RAW:
    try:
        num = pn.parse(raw, region)
    except pn.NumberParseException as exc:
        out.append([raw, "error", str(exc)])
        continue
    out.append([raw, pn.format_number(num, pn.PhoneNumberFormat.E164), pn.is_valid_number(num),
                pn.format_number(num, pn.PhoneNumberFormat.NATIONAL),
                pn.format_number(num, pn.PhoneNumberFormat.INTERNATIONAL),
                pn.region_code_for_number(num), str(pn.number_type(num))])
text = "Call +44 20 7946 0958 or (415) 555-2671, fax 030 1234567; ref 2024-01-05 12:30."
out.append([[m.raw_string, m.start] for m in pn.PhoneNumberMatcher(text, "US")])
kept = None
if sys.argv[1] != "plain":
    kept = {"keeping": rx.keeping(), "held": len(phonelib._kept),
            "routed": sys.modules["phonenumbers.phonenumberutil"].re_compile
            is phonelib.re_compile}
print(json.dumps({"numbers": out, "kept": kept}))
"""


def _read(mode: str, env: dict[str, str]) -> dict[str, object]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    full.update(env)
    done = subprocess.run([sys.executable, "-c", READ, mode], env=full, capture_output=True,
                          text=True, timeout=120, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_numbers_read_the_same_plain_kept_warm_and_without_cache(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.json"
    plain = _read("plain", {"FOLLOWUP_PATTERN_CACHE": str(cache)})
    assert not cache.exists(), "plain phonenumbers keeps nothing"
    cold = _read("phonelib", {"FOLLOWUP_PATTERN_CACHE": str(cache)})
    assert cache.exists()
    warm = _read("phonelib", {"FOLLOWUP_PATTERN_CACHE": str(cache)})
    off = _read("phonelib", {"FOLLOWUP_NO_PATTERN_CACHE": "1",
                             "FOLLOWUP_PATTERN_CACHE": str(tmp_path / "off.json")})
    assert not (tmp_path / "off.json").exists(), "FOLLOWUP_NO_PATTERN_CACHE=1 keeps nothing"
    assert plain["numbers"] == cold["numbers"] == warm["numbers"] == off["numbers"]
    for run, keeping in ((cold, True), (warm, True), (off, False)):
        kept = run["kept"]
        assert isinstance(kept, dict)
        assert kept["keeping"] is keeping and kept["routed"] and kept["held"] > 10


def test_metadata_and_import_patterns_are_kept(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.json"
    _read("phonelib", {"FOLLOWUP_PATTERN_CACHE": str(cache)})
    patterns = {key.partition("\x00")[2] for key in json.loads(cache.read_text("utf-8"))}
    import phonenumbers

    gb = phonenumbers.PhoneMetadata.metadata_for_region("GB")
    assert gb is not None and gb.fixed_line.national_number_pattern in patterns  # metadata
    assert "(?:\\D+)" in patterns  # phonenumberutil's NON_DIGITS_PATTERN, made on import
    for pattern in patterns:  # each is only a pattern: rx's own test checks the code
        re.compile(pattern)


def test_only_phonenumbers_own_compiles_are_routed_during_the_import(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def spy(pattern: str, flags: int = 0) -> re.Pattern[str]:
        seen.append(pattern)
        return re.compile(pattern, flags)

    plain = re.compile
    monkeypatch.setattr(rx, "keeping", lambda: True)
    monkeypatch.setattr(rx, "compile", spy)
    monkeypatch.delitem(sys.modules, "phonenumbers", raising=False)
    with phonelib._import_compiles_kept():
        ours = re.compile("ours+")
        theirs: dict[str, object] = {"__name__": "phonenumbers.someutil", "re": re}
        exec("made = re.compile('theirs+'); raw = re.compile(b'bytes+')", theirs)
    assert re.compile is plain
    assert seen == ["theirs+"], "only phonenumbers' text patterns go to rx"
    assert ours == plain("ours+") and theirs["made"] == plain("theirs+")
    assert theirs["raw"] == plain(b"bytes+")


def test_nothing_of_re_is_touched_with_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rx, "keeping", lambda: False)
    monkeypatch.delitem(sys.modules, "phonenumbers", raising=False)
    plain = re.compile
    with phonelib._import_compiles_kept():
        assert re.compile is plain
