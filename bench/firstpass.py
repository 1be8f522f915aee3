"""The parser's first pass, code against code: `python -m bench.firstpass TREE [TREE...]`.

Each run is a fresh process pinned to one core (`taskset -c 1` where there is one), with
the tree on PYTHONPATH and its own pattern cache file, filled by one run before the timed
ones. The trees run in turn (A B A B ...) so that the machine's load falls on both alike;
the figure is CPU time (`process_time`), which a shared machine disturbs less than the wall
clock. Reported per tree: min / median / max of the first pass over the sample notes and the
forwarded corpus (lazy imports such as phonenumbers included, `import followup.parsing`
not) and of the import. `--profile TREE` prints cProfile of one first pass instead.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_WORKER = r"""
import json, sys, time
t0 = time.process_time()
from followup.parsing import ParseOptions, parse_message
t1 = time.process_time()
from pathlib import Path
fx = Path("tests/fixtures")
raws = [p.read_bytes() for p in sorted((fx / "notes").glob("*.eml"))]
raws += [p.read_bytes() for p in sorted((fx / "forwarded").rglob("*.eml"))]
options = ParseOptions(owner_addresses=("sam@owner.example",))
if "--profile" in sys.argv:
    import cProfile, pstats
    prof = cProfile.Profile()
    prof.enable()
for raw in raws:
    parse_message(raw, options)
t2 = time.process_time()
if "--profile" in sys.argv:
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
print(json.dumps({"n": len(raws), "import_s": t1 - t0, "first_s": t2 - t1}))
"""


def _run(tree: Path, cache: Path, *extra: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(tree), FOLLOWUP_PATTERN_CACHE=str(cache))
    pin = ["taskset", "-c", "1"] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []
    out = subprocess.run([*pin, sys.executable, "-c", _WORKER, *extra], cwd=tree, env=env,
                         check=True, capture_output=True, text=True)
    return out.stdout


def main(argv: list[str]) -> int:
    runs = int(os.environ.get("RUNS", "7"))
    if argv[:1] == ["--profile"]:
        tree = Path(argv[1]).resolve()
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "patterns.json"
            _run(tree, cache)
            print(_run(tree, cache, "--profile"))
        return 0
    trees = [Path(a).resolve() for a in argv]
    got: dict[Path, list[dict[str, float]]] = {t: [] for t in trees}
    with tempfile.TemporaryDirectory() as tmp:
        caches = {t: Path(tmp) / f"patterns-{i}.json" for i, t in enumerate(trees)}
        for t in trees:
            _run(t, caches[t])  # fills the cache and the bytecode
        for _ in range(runs):
            for t in trees:
                got[t].append(json.loads(_run(t, caches[t]).splitlines()[-1]))
    for t in trees:
        rates = sorted(r["n"] / r["first_s"] for r in got[t])
        imports = sorted(r["import_s"] * 1000 for r in got[t])
        print(f"{t}: first pass {rates[0]:.0f} / {statistics.median(rates):.0f} / "
              f"{rates[-1]:.0f} notes/s (min/median/max of {runs}, n={got[t][0]['n']:.0f}); "
              f"import {imports[0]:.0f} / {statistics.median(imports):.0f} / "
              f"{imports[-1]:.0f} ms CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
