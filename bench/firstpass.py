"""The parser's first pass, code against code: `python -m bench.firstpass TREE [TREE...]`.

Each run is a fresh process pinned to one core (`taskset -c 1` where there is one), with
the tree on PYTHONPATH and its own pattern cache file, filled by one run before the timed
ones. The trees run in turn (A B A B ...) so that the machine's load falls on both alike;
the figure is CPU time (`process_time`), which a shared machine disturbs less than the wall
clock. Reported per tree: min / median / max of the first pass over the sample notes and the
forwarded corpus (lazy imports such as phonenumbers included, `import followup.parsing`
not), of the import, and of `followup parse FILE --json` (wall and CPU) run after each.
`--profile TREE` prints cProfile of one first pass instead.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def _env(tree: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), FOLLOWUP_PATTERN_CACHE=str(cache))
    # as installed: bytecode written once and read after (without it every run compiles
    # all of followup's sources again, ~100 ms that no user's run pays)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _pin() -> list[str]:
    return ["taskset", "-c", "1"] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []


def _run(tree: Path, cache: Path, *extra: str) -> str:
    out = subprocess.run([*_pin(), sys.executable, "-c", _WORKER, *extra], cwd=tree,
                         env=_env(tree, cache), check=True, capture_output=True, text=True)
    return out.stdout


def _parse_file(tree: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `followup parse FILE --json`, a fresh process."""
    note = tree / "tests" / "fixtures" / "notes" / "a01-phone-terse-pycon.eml"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([*_pin(), sys.executable, "-m", "followup", "parse", str(note), "--json"],
                   cwd=tree, env=_env(tree, cache), check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _spread(values: list[float], unit: str, scale: float = 1.0) -> str:
    v = sorted(x * scale for x in values)
    return f"{v[0]:.0f} / {statistics.median(v):.0f} / {v[-1]:.0f} {unit}"


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
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    got: dict[Path, list[dict[str, float]]] = {t: [] for t in trees}
    with tempfile.TemporaryDirectory() as tmp:
        caches = {t: Path(tmp) / f"patterns-{i}.json" for i, t in enumerate(trees)}
        for t in trees:
            _run(t, caches[t])  # fills the cache and the bytecode
        for _ in range(runs):
            for t in trees:
                got[t].append(json.loads(_run(t, caches[t]).splitlines()[-1]))
                wall, cpu = _parse_file(t, caches[t])
                got[t][-1].update(parse_wall=wall, parse_cpu=cpu)
    print(f"min / median / max of {runs} runs each, in turn; load average before / after: "
          f"{load} / {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for t in trees:
        rows = got[t]
        print(f"{t}:\n  first pass {_spread([r['n'] / r['first_s'] for r in rows], 'notes/s')}"
              f" (n={rows[0]['n']:.0f}, CPU)\n"
              f"  import followup.parsing {_spread([r['import_s'] for r in rows], 'ms', 1000)}"
              f" CPU\n  followup parse FILE --json "
              f"{_spread([r['parse_wall'] for r in rows], 'ms', 1000)} wall, "
              f"{_spread([r['parse_cpu'] for r in rows], 'ms', 1000)} CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
