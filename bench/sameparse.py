"""Does a change keep the parser's output? `python -m bench.sameparse TREE_A TREE_B`.

Runs `followup parse FILE --json` (through click's runner, one process per tree, the tree
on PYTHONPATH) over every tests/fixtures/**/*.eml of TREE_A and prints the files whose
output differs between the two trees; exit status 1 when any does. For speed work, whose
output must stay byte for byte the same. A card photo's reading stops at a CPU budget, so on
a loaded machine its output can change from one run to the next: a file that differs is
read again by TREE_A, and one that differs from itself is listed as unstable, not as a
difference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

_WORKER = r"""
import json, sys
from pathlib import Path
from click.testing import CliRunner
from followup.cli import cli
root = Path(sys.argv[1])
runner = CliRunner()
out = {}
every = root.glob("tests/fixtures/**/*.eml")
names = sys.argv[3:] or sorted(str(p.relative_to(root)) for p in every)
for name in names:
    path = root / name
    got = runner.invoke(cli, ["parse", str(path), "--json"])
    out[name] = [got.exit_code, got.output]
Path(sys.argv[2]).write_text(json.dumps(out), encoding="utf-8")
"""


def _outputs(tree: Path, fixtures: Path, into: Path, *names: str) -> dict[str, list[object]]:
    # its own pattern cache, left in the result's folder: the user's stays as it was
    env = dict(os.environ, PYTHONPATH=str(tree),
               FOLLOWUP_PATTERN_CACHE=str(into.with_name(f"patterns-{into.stem}.json")))
    subprocess.run([sys.executable, "-c", _WORKER, str(fixtures), str(into), *names], cwd=tree,
                   env=env, check=True)
    result: dict[str, list[object]] = json.loads(into.read_text(encoding="utf-8"))
    return result


def main(argv: list[str]) -> int:
    a, b = (Path(p).resolve() for p in argv[:2])
    with tempfile.TemporaryDirectory() as tmp:
        first = _outputs(a, a, Path(tmp) / "a.json")
        second = _outputs(b, a, Path(tmp) / "b.json")
        differ = sorted(k for k in first if first[k] != second.get(k))
        again = _outputs(a, a, Path(tmp) / "again.json", *differ) if differ else {}
    unstable = [k for k in differ if again[k] != first[k]]
    differ = [k for k in differ if k not in unstable]
    for name in unstable:
        print(f"unstable (differs from itself): {name}")
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(first)} files, {len(differ)} differ, {len(unstable)} unstable", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
