"""`followup parse FILE` starts quickly: it must not import what only the daemon and the
store need (the config loader, the digest, planning, the database)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NOTE = Path(__file__).parent / "fixtures" / "notes" / "a01-phone-terse-pycon.eml"

PROBE = """
import contextlib, io, sys
from followup.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["parse", sys.argv[1], "--json"])
heavy = sorted(m for m in sys.modules if m.split(".")[:2] in (
    ["followup", "config"], ["followup", "digest"], ["followup", "planning"],
    ["followup", "store"], ["followup", "bootstrap"]) or m in ("sqlalchemy", "apscheduler",
    "jinja2", "imapclient"))
print(code, " ".join(heavy))
"""


def test_parse_command_imports_only_the_parser() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE, str(NOTE)], capture_output=True,
                         text=True, check=True, timeout=120).stdout.split()
    assert out == ["0"], out
