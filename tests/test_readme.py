"""The README's promises: its two quick-start commands work, CI runs the second, its table is current.

The first quick-start command is run for real in a copy of this working tree (a fresh venv,
``pip install .`` from PyPI), and its output is scored against the ``# expect:`` markers of
examples/: every marked mistake reported, nothing else.
"""
from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from harness import ROOT, cli, describe_difference, expected, flake8, parse_output
from flask_async_lint import ruledocs
from flask_async_lint.registry import all_rules

README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"
EXAMPLES = ROOT / "examples"
# What a copy of the repository leaves out: local environments, VCS data and build output.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", "venv", ".git", "__pycache__", "*.egg-info", "build", "dist",
    ".pytest_cache", ".ruff_cache", ".mypy_cache",
)


def quick_start_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Quick start\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert match, "README.md has no '## Quick start' section"
    blocks = re.findall(r"^```sh\n(.*?)^```", match.group(1), re.MULTILINE | re.DOTALL)
    commands = []
    for block in blocks:
        lines = [line for line in block.splitlines() if line.strip()]
        assert len(lines) == 1, f"a quick-start block must be one shell line, got {lines}"
        commands.append(lines[0].strip())
    return commands


def example_files() -> list[Path]:
    return sorted(EXAMPLES.rglob("*.py"))


def example_expectations() -> dict[Path, collections.Counter]:
    return {path.resolve(): expected(path) for path in example_files()}


def assert_matches_markers(output: str) -> None:
    got = parse_output(output)
    want = example_expectations()
    problems = []
    for path, marks in want.items():
        found = got.get(path, collections.Counter())
        if found != marks:
            problems.append(f"{path.relative_to(ROOT)}: {describe_difference(marks, found)}")
    outside = sorted(str(p) for p in got if p not in want)
    assert not outside, f"findings outside the example files: {outside}"
    assert not problems, "\n".join(problems)


def test_quick_start_has_exactly_two_single_line_commands():
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    lint_command, test_command = commands
    assert "flask-async-lint" in lint_command and "examples/" in lint_command
    assert "pytest" in test_command and ".[test]" in test_command


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = quick_start_commands()[1]
    script = CI_RUN.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert os.access(CI_RUN, os.X_OK), ".ci/run must be executable"
    assert test_command in [line.strip() for line in script.splitlines()], (
        f".ci/run does not run the README's test command:\n  {test_command}"
    )


def test_readme_rule_table_is_generated_from_the_rule_docs():
    text = README.read_text(encoding="utf-8")
    assert ruledocs.README_TABLE_START in text and ruledocs.README_TABLE_END in text
    assert ruledocs.readme_with_table(text) == text, (
        "the README's rule table is stale: run python -m flask_async_lint.ruledocs --write docs/rules"
    )
    for cls in all_rules():
        assert f"| [{cls.CODE}](docs/rules/{cls.CODE}.md) | `{cls.NAME}` |" in text


def test_examples_mark_enough_mistakes_with_registered_codes():
    markers = collections.Counter()
    for marks in example_expectations().values():
        markers.update(marks)
    codes = {code for _, code in markers}
    assert sum(markers.values()) >= 12, markers
    assert codes <= {cls.CODE for cls in all_rules()}, codes
    assert {"FAS100", "FAS101", "FAS102", "FAS103", "FAS104", "FAS105", "FAS202"} <= codes


def test_cli_reports_exactly_the_marked_example_mistakes():
    result = cli("examples/")
    assert result.returncode == 1, result.stderr
    assert_matches_markers(result.stdout)


def test_flake8_reports_exactly_the_marked_example_mistakes():
    result = flake8("examples/")
    assert "Traceback" not in result.stderr, result.stderr
    assert_matches_markers(result.stdout)


def test_first_quick_start_command_works_in_a_fresh_copy(tmp_path):
    """The user's first command, verbatim, in a copy of the tree with no venv: PyPI installs."""
    repo = tmp_path / "flask-async-lint"
    shutil.copytree(ROOT, repo, ignore=NOT_COPIED)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    # The copy must not find the interpreter of the venv running this test first on PATH.
    env["PATH"] = os.pathsep.join(
        part for part in env.get("PATH", "").split(os.pathsep)
        if not Path(part).resolve().is_relative_to(ROOT)
    )
    command = quick_start_commands()[0]
    try:
        result = subprocess.run(
            ["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True, timeout=300,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"the quick-start command did not finish: {error}")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lint_lines = "\n".join(line for line in result.stdout.splitlines() if line.startswith("examples/"))
    assert lint_lines, "the quick start printed no findings:\n" + result.stdout[-3000:]
    # The copy prints paths relative to itself; they name the same files as here.
    assert_matches_markers(lint_lines)
