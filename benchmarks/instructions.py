"""Instructions executed by flake8 with and without the plugin: the noise-free ratio.

    python benchmarks/instructions.py --bare ENV --plugin ENV --corpus DIR [--jobs 1,2] [--markdown]

Wall and CPU seconds on a shared machine move by about 10% from one run to the next,
which is the size of the overhead the targets bound; the number of instructions a run
executes does not move (valgrind's cachegrind counts them, with ``PYTHONHASHSEED=0`` so
that every run hashes alike). With two jobs the count is the total of flake8's processes,
the main one and its forked workers. An instruction is not a fixed time (the plugin's
code may run at a different rate than flake8's), so this complements the timed table
rather than replacing it. Needs ``valgrind`` on the PATH; runs take about 20x longer
than without it.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from corpus import clear_linter_caches  # this folder is sys.path[0] when run as a script

_INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(argv: list[str]) -> int:
    """Instructions of one run of ``argv`` and of the processes it forks."""
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           *argv], capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    totals = [int(found.replace(",", "")) for found in _INSTRUCTIONS.findall(done.stderr)]
    if not totals:
        raise RuntimeError(f"valgrind gave no count (exit {done.returncode}): {done.stderr[-500:]}")
    return sum(totals)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bare", type=Path, required=True, help="environment with flake8 alone")
    parser.add_argument("--plugin", type=Path, required=True, help="environment with flake8 and this plugin")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--jobs", default="1,2", help="flake8 -j values, comma-separated (default 1,2)")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table only")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("(valgrind is not installed here: no instruction counts)")
        return 0
    rows = ["| jobs | bare flake8 G | + plugin, cold G | x bare | + plugin, warm cache G | x bare |",
            "|---|---:|---:|---:|---:|---:|"]
    for jobs in args.jobs.split(","):
        def flake8(env: Path) -> list[str]:
            return [str(env / "bin" / "flake8"), "--isolated", f"-j{jobs}", "--exit-zero", str(args.corpus)]

        bare = count(flake8(args.bare))
        clear_linter_caches(args.corpus)
        cold = count(flake8(args.plugin))  # writes the caches the warm run reads
        warm = count(flake8(args.plugin))
        rows.append(f"| {jobs} | {bare / 1e9:.2f} | {cold / 1e9:.2f} | {cold / bare:.3f} | "
                    f"{warm / 1e9:.2f} | {warm / bare:.3f} |")
        print(f"  instructions -j{jobs}: bare {bare}, cold {cold}, warm {warm}", file=sys.stderr)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
