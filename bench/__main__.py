"""`python -m bench [parse|latency|backlog|idle|replies ...]`: run, print and save results."""

from __future__ import annotations

import importlib
import sys

from bench.common import RESULTS_MD, Row, save

NAMES = ("parse", "latency", "backlog", "idle", "replies")


def main(argv: list[str]) -> int:
    names = argv or list(NAMES)
    unknown = [n for n in names if n not in NAMES]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {', '.join(NAMES)}", file=sys.stderr)
        return 2
    rows: list[Row] = []
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        module = importlib.import_module(f"bench.{name}")
        got = module.run()
        for r in got:
            print(f"  {r.figure}: {r.value}" + (f"  [aim {r.aim}: "
                  f"{'met' if r.ok else 'MISSED'}]" if r.ok is not None else ""),
                  file=sys.stderr, flush=True)
        rows += got
        save(got)  # after each one, so a later failure keeps what was measured
    print(RESULTS_MD.read_text())  # saved per benchmark above, each with its own time
    return 0


sys.exit(main(sys.argv[1:]))
