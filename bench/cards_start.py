"""What tesseract's start costs: CPU seconds of one tesseract process reading a tiny page,
for each language set and option given (the page is so small that the start is nearly all
of it). Measured as the children's CPU (getrusage), the way bench/cards.py counts a card.

Run: taskset -c 0 .venv/bin/python -m bench.cards_start [--reps 6] [SET ...]
  SET: a -l value ("spa+fra+deu+eng"), optionally with tesseract options after a colon,
  e.g. "spa+fra+deu+eng:--oem 1" or "eng:-c load_system_dawg=0"
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import subprocess
import sys

DEFAULT = ("eng", "spa", "fra", "deu", "spa+eng", "spa+fra", "spa+fra+deu",
           "spa+fra+deu+eng", "spa+fra+deu+eng:--oem 1",
           "spa+fra+deu+eng:-c load_system_dawg=0 -c load_freq_dawg=0",
           "spa+fra+deu+eng:-c tessedit_do_invert=0")
ENV = {"PATH": "/usr/bin:/bin", "OMP_THREAD_LIMIT": "1", "LC_ALL": "C"}


def _children_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _page() -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("L", (200, 60), 255)
    ImageDraw.Draw(im).text((10, 20), "Hello", fill=0)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def measure(sets: list[str], reps: int) -> dict[str, list[float]]:
    """CPU seconds of each run, the sets taken in turn (so a change of load falls on all)."""
    page = _page()
    spent: dict[str, list[float]] = {s: [] for s in sets}
    for _ in range(reps):
        for entry in sets:
            langs, _, options = entry.partition(":")
            before = _children_cpu()
            subprocess.run(["tesseract", "stdin", "stdout", "--psm", "11", "-l", langs,
                            *options.split(), "tsv"], input=page, env=ENV,
                           capture_output=True, check=False)
            spent[entry].append(_children_cpu() - before)
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=6)
    ap.add_argument("sets", nargs="*", default=list(DEFAULT))
    args = ap.parse_args(argv)
    with open("/proc/loadavg") as load:
        print(f"load {load.read().split()[0]}")
    for entry, runs in measure(args.sets, args.reps).items():
        print(f"{entry:60} CPU s median {statistics.median(runs):.3f} "
              f"min {min(runs):.3f} max {max(runs):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
