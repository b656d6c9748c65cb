"""Does the engine's cost grow linearly with file size?

    python benchmarks/scaling.py [--sizes 1000,10000,100000] [--rounds 3] [--markdown]

Builds files of async Flask views (five lines each, one blocking call per view, so one
finding per view) of each size, and times ``ast.parse`` and ``lint()`` separately, best of
``--rounds``, in one process. The engine is linear when the per-line cost of the largest
file is within 2x of the smallest's. Not a test: a timing, printed, never asserted.
"""
from __future__ import annotations

import argparse
import ast
import sys
import time

from flask_async_lint.engine import lint

HEADER = ["import time", "from flask import Flask", "", "app = Flask(__name__)", ""]


def async_views(lines: int) -> str:
    out = HEADER[:]
    view = 0
    while len(out) + 5 <= lines:
        out += [f'@app.route("/v{view}")', f"async def v{view}():", "    time.sleep(1)", '    return "ok"', ""]
        view += 1
    out += [""] * (lines - len(out))
    return "\n".join(out) + "\n"


def best_time(function, rounds: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated line counts")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]

    rows = []
    for size in sizes:
        source = async_views(size)
        parse_seconds, tree = best_time(lambda: ast.parse(source), args.rounds)
        lint_seconds, findings = best_time(lambda: lint(tree, source), args.rounds)  # type: ignore[arg-type]
        rows.append((size, parse_seconds, lint_seconds, len(findings)))  # type: ignore[arg-type]

    per_line = {size: lint_seconds / size for size, _, lint_seconds, _ in rows}
    smallest, largest = sizes[0], sizes[-1]
    growth = per_line[largest] / per_line[smallest]
    verdict = "linear (within 2x per-line cost)" if growth <= 2 else "NOT linear (more than 2x per-line cost)"

    out = [f"Files of async Flask views, one finding per view; best of {args.rounds}, one process "
           f"(Python {sys.version.split()[0]}).", "",
           "| lines | ast.parse s | lint() s | lint() per line, µs | lint() / ast.parse | findings |",
           "|---:|---:|---:|---:|---:|---:|"]
    for size, parse_seconds, lint_seconds, count in rows:
        out.append(f"| {size} | {parse_seconds:.3f} | {lint_seconds:.3f} | {lint_seconds / size * 1e6:.1f} | "
                   f"{lint_seconds / parse_seconds:.2f} | {count} |")
    out += ["", f"Per-line cost of lint() at {largest} lines is {growth:.2f}x that at {smallest} lines: {verdict}."]
    text = "\n".join(out) + "\n"
    sys.stdout.write(text if args.markdown else text.replace("| ", "").replace(" |", "  "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
