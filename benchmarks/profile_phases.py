"""Where the engine's time goes on the corpus, phase by phase, in one process.

    python benchmarks/profile_phases.py [--corpus DIR] [--rounds 3] [--hotspots 15] [--markdown]

Phases, per file: read (bytes from disk and decoding, as the CLI does), pre-filter (the
regex that lets a file skip everything else), ``ast.parse`` (flake8 pays this anyway; the
plugin reuses flake8's tree), facts (``FileContext``: the one walk that builds the per-file
facts), project (finding the file's project for cross-module analysis, where the engine
does that) and rules (the rest of ``lint()``: summaries and the batched rule pass).
The engine's own functions are wrapped with timers in its module namespace, so this
measures the real ``lint()``; each phase total is the best of ``--rounds`` passes, each in a fresh process
with the engine's on-disk caches removed (a first run's cost).
``--hotspots`` adds a cProfile of ``lint()`` over the files that pass the pre-filter.
"""
from __future__ import annotations

import argparse
import ast
import cProfile
import functools
import io
import json
import shutil
import subprocess
import pstats
import sys
import time
import tokenize
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CACHE, ensure_corpus, python_files  # noqa: E402

from flask_async_lint import engine  # noqa: E402

# Names looked up in the engine module when lint() runs; wrapping them there times them.
TIMED_IN_ENGINE = {
    "might_have_event_loop_code": "pre-filter",
    "project_for": "project",
    "FileContext": "facts",
}


def decode(data: bytes) -> str:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def _timed(function, phase: str, totals: dict[str, float]):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[phase] += time.perf_counter() - start
    return wrapper


def one_pass(files: list[Path]) -> tuple[dict[str, float], dict[str, int]]:
    totals: dict[str, float] = defaultdict(float)
    counts = {"files": len(files), "passed pre-filter": 0, "findings": 0, "failed": 0}
    originals = {name: getattr(engine, name) for name in TIMED_IN_ENGINE if hasattr(engine, name)}
    try:
        for name, phase in TIMED_IN_ENGINE.items():
            if name in originals:
                setattr(engine, name, _timed(originals[name], f"{phase} (inside lint)", totals))
        for path in files:
            start = time.perf_counter()
            source = decode(path.read_bytes())
            totals["read"] += time.perf_counter() - start

            start = time.perf_counter()
            passes = originals["might_have_event_loop_code"](source)
            totals["pre-filter"] += time.perf_counter() - start
            # flake8 parses every file whatever the plugin does: timed for scale.
            start = time.perf_counter()
            try:
                tree = ast.parse(source, filename=str(path))
            except SyntaxError:
                counts["failed"] += 1
                continue
            totals["ast.parse (every file)" if not passes else "ast.parse"] += time.perf_counter() - start
            if not passes:
                continue
            counts["passed pre-filter"] += 1
            start = time.perf_counter()
            findings = engine.lint(tree, source, filename=str(path))
            totals["lint()"] += time.perf_counter() - start
            counts["findings"] += len(findings)
    finally:
        for name, original in originals.items():
            setattr(engine, name, original)
    return totals, counts


def clear_caches(corpus: Path) -> None:
    for folder in corpus.rglob(".flask_async_lint_cache"):
        shutil.rmtree(folder, ignore_errors=True)


def best_of(corpus: Path, rounds: int) -> tuple[dict[str, float], dict[str, int]]:
    """Each pass in a fresh process with the on-disk caches removed: the engine caches
    module summaries in memory and on disk, and a warm pass would hide what a first
    (flake8 or CI) run pays."""
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    for _ in range(rounds):
        clear_caches(corpus)
        done = subprocess.run([sys.executable, __file__, "--one-pass", "--corpus", str(corpus)],
                              capture_output=True, text=True, check=True)
        totals, counts = json.loads(done.stdout)
        for phase, seconds in totals.items():
            best[phase] = min(best.get(phase, seconds), seconds)
    clear_caches(corpus)
    return best, counts


def phase_rows(best: dict[str, float]) -> list[tuple[str, float]]:
    inside = {phase: seconds for phase, seconds in best.items() if phase.endswith("(inside lint)")}
    lint_total = best.get("lint()", 0.0)
    rows = [
        ("read + decode", best.get("read", 0.0)),
        ("pre-filter", best.get("pre-filter", 0.0) + inside.get("pre-filter (inside lint)", 0.0)),
        ("ast.parse, files that pass the pre-filter", best.get("ast.parse", 0.0)),
        ("ast.parse, files skipped by it (flake8 pays this, we do not)", best.get("ast.parse (every file)", 0.0)),
        ("project lookup", inside.get("project (inside lint)", 0.0)),
        ("facts (FileContext)", inside.get("facts (inside lint)", 0.0)),
        ("rules (rest of lint(): summaries, rule pass)", max(0.0, lint_total - sum(inside.values()))),
    ]
    return rows


def hotspots(files: list[Path], limit: int) -> str:
    prepared = []
    for path in files:
        source = decode(path.read_bytes())
        if engine.might_have_event_loop_code(source):
            try:
                prepared.append((ast.parse(source), source, str(path)))
            except SyntaxError:
                pass
    profiler = cProfile.Profile()
    profiler.enable()
    for tree, source, filename in prepared:
        engine.lint(tree, source, filename=filename)
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        entries.append((tottime, cumtime, calls, f"{Path(filename).name}:{line} {name}"))
    entries.sort(reverse=True)
    total = sum(e[0] for e in entries) or 1.0
    lines = ["| own time s | share | cumulative s | calls | function |", "|---:|---:|---:|---:|---|"]
    for tottime, cumtime, calls, where in entries[:limit]:
        lines.append(f"| {tottime:.3f} | {tottime / total:.0%} | {cumtime:.3f} | {calls} | `{where}` |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="folder of .py files (default: the pinned corpus)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--hotspots", type=int, default=15, help="functions to list from cProfile (0: none)")
    parser.add_argument("--markdown", action="store_true", help="print a markdown section (for docs/benchmarks.md)")
    parser.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = args.corpus or ensure_corpus(DEFAULT_CACHE)
    files = python_files(corpus)
    if args.one_pass:
        json.dump(one_pass(files), sys.stdout)
        return 0
    best, counts = best_of(corpus, args.rounds)
    rows = phase_rows(best)
    engine_total = sum(seconds for name, seconds in rows if "skipped by it" not in name)
    parse_all = best.get("ast.parse", 0.0) + best.get("ast.parse (every file)", 0.0)

    out = [f"{counts['files']} files, {counts['passed pre-filter']} pass the pre-filter, "
           f"{counts['findings']} findings; best of {args.rounds} cold passes, each in one process "
           f"(Python {sys.version.split()[0]}).", "",
           "| phase | seconds | share of the CLI's work | per file passing the pre-filter, ms |",
           "|---|---:|---:|---:|"]
    passed = max(counts["passed pre-filter"], 1)
    for name, seconds in rows:
        share = "" if "skipped by it" in name else f"{seconds / engine_total:.0%}"
        out.append(f"| {name} | {seconds:.3f} | {share} | {seconds / passed * 1000:.2f} |")
    plugin_cost = sum(s for n, s in rows if n.startswith(("pre-filter", "project", "facts", "rules")))
    out += ["", f"What the flake8 plugin adds (pre-filter + project + facts + rules, no parse, no read): "
                f"{plugin_cost:.3f} s, {plugin_cost / parse_all:.0%} of one `ast.parse` of every file "
                f"({parse_all:.3f} s)."]
    if args.hotspots:
        clear_caches(corpus)
        out += ["", f"Hot spots of `lint()` (cProfile, by own time, top {args.hotspots}; profiling inflates "
                    "the total):", "", hotspots(files, args.hotspots)]
    text = "\n".join(out) + "\n"
    if args.markdown:
        sys.stdout.write(text)
    else:
        print(text.replace("| ", "").replace(" |", "  "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
