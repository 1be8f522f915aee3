"""The embedded default: a local Maildir seeded with sample notes, SQLite, one run."""

from __future__ import annotations

import os
import socket
import time
from importlib import resources
from pathlib import Path

DEMO_CONFIG = """\
# Written by `followup demo`: a local Maildir inbox and SQLite, nothing else.
[maildir]
path = "{maildir}"

[owner]
addresses = ["sam@owner.example"]
name = "Sam Owner"
timezone = "UTC"

[database]
url = "sqlite:///{db}"

[drafting]
window = "00:00-24:00"      # the demo drafts at any hour
weekdays_only = false

[[sequence]]
after = "0d"                # due at once, so the demo shows drafts right away
template = "nice-to-meet-you"

[[sequence]]
after = "2w"
template = "check-in"
"""


def write_demo(directory: Path) -> Path:
    """Create (or reuse) the demo folder; return its config path. Seeds each sample note
    only once, so running the demo again shows that nothing is ingested twice."""
    from followup.cli_output import write_private

    directory = directory.resolve()
    config = directory / "config.toml"
    # the demo's notes, contacts and drafts are personal data like any other: readable by
    # the owner only (its own folder, or one an earlier demo made; never a folder of theirs)
    if not directory.exists() or config.exists():
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        directory.chmod(0o700)
    maildir = directory / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
    if not config.exists():
        write_private(config, DEMO_CONFIG.format(maildir=maildir, db=directory / "followup.db"))
    config.chmod(0o600)
    seeded = directory / ".seeded"
    if not seeded.exists():
        _seed(maildir)
        seeded.write_text("sample notes delivered\n", encoding="utf-8")
    return config


def _seed(maildir: Path) -> None:
    samples = resources.files("followup") / "samples"
    for i, entry in enumerate(sorted(samples.iterdir(), key=lambda e: e.name)):
        if not entry.name.endswith(".eml"):
            continue
        raw = entry.read_bytes()
        name = f"{int(time.time())}.M{i}P{os.getpid()}.{socket.gethostname()},S={len(raw)}"
        tmp = maildir / "tmp" / name
        tmp.write_bytes(raw)
        tmp.rename(maildir / "new" / name)  # Maildir delivery: write in tmp/, rename into new/
