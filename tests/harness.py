"""Fixture harness: annotated source files state every finding they must produce.

A fixture is a Python file under ``tests/fixtures/``; a trailing ``# expect: FAS100`` (or
``# expect: FAS100, FAS105``) on a line says that line must be reported with that code,
and every line without a marker must get no finding at all. A first-line comment
``# fixture-options: --framework=quart`` (reserved for options) is passed to every front
door. The same expectations are checked through the engine, the CLI and real flake8.
"""
from __future__ import annotations

import ast
import collections
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent

MARK = re.compile(r"#.*?expect:\s*([A-Z]{3}\d{3}(?:\s*,\s*[A-Z]{3}\d{3})*)")
OUTPUT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+):\s*(?P<code>[A-Z]{3}\d{3})\b")

Expectations = collections.Counter  # (line, code) -> count


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.py") if "projects" not in p.relative_to(FIXTURES).parts)


def expected(path: Path) -> Expectations:
    want: Expectations = collections.Counter()
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = MARK.search(text)
        if match:
            for code in re.split(r"\s*,\s*", match.group(1).strip()):
                want[(number, code)] += 1
    return want


def via_engine(path: Path) -> Expectations:
    from flask_async_lint.engine import lint

    source = path.read_text(encoding="utf-8")
    findings = lint(ast.parse(source), source)
    return collections.Counter((f.line, f.code) for f in findings)


def parse_output(text: str) -> dict[Path, Expectations]:
    got: dict[Path, Expectations] = collections.defaultdict(collections.Counter)
    for raw in text.splitlines():
        match = OUTPUT_LINE.match(raw.strip())
        if match:
            path = Path(match.group("path"))
            path = path if path.is_absolute() else (ROOT / path)
            got[path.resolve()][(int(match.group("line")), match.group("code"))] += 1
    return got


def run(args: list[str], stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        args, input=stdin.decode() if stdin is not None else None, capture_output=True,
        text=True, cwd=cwd, env=env, timeout=600,
    )


def flake8(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "flake8"), "--isolated", "--select", "FAS", *args], stdin=stdin, cwd=cwd)


def cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "flask-async-lint"), *args], stdin=stdin, cwd=cwd)


def describe_difference(want: Expectations, got: Expectations) -> str:
    missing = sorted((want - got).elements())
    extra = sorted((got - want).elements())
    parts = []
    if missing:
        parts.append("missing: " + ", ".join(f"line {line} {code}" for line, code in missing))
    if extra:
        parts.append("unexpected: " + ", ".join(f"line {line} {code}" for line, code in extra))
    return "; ".join(parts)
