"""Multi-module projects: helpers followed across the project's own modules.

Each folder under tests/fixtures/projects/ is a small project (its own pyproject.toml
makes it the project root) whose files carry ``# expect:`` markers. The CLI and flake8
must both find exactly the marked findings, and agree with each other.
"""
from __future__ import annotations

import collections
import shutil
from pathlib import Path

import pytest

from harness import FIXTURES, cli, expected, flake8

PROJECTS = sorted(p for p in (FIXTURES / "projects").iterdir() if p.is_dir())


def _expected(project: Path) -> dict[Path, collections.Counter]:
    return {p.resolve(): expected(p) for p in sorted(project.rglob("*.py")) if expected(p)}


def _run(front_door, project: Path) -> dict[Path, collections.Counter]:
    result = front_door(".", cwd=project)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    got = collections.defaultdict(collections.Counter)
    for line in result.stdout.splitlines():
        path, row, _, rest = line.split(":", 3)
        got[(project / path).resolve()][(int(row), rest.split()[0])] += 1
    return dict(got)


@pytest.fixture(autouse=True)
def _no_disk_cache(monkeypatch):
    # Each run computes summaries afresh: the cache has its own tests below.
    monkeypatch.setenv("FLASK_ASYNC_LINT_NO_CACHE", "1")


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_cli_follows_helpers_across_modules(project: Path):
    assert _run(cli, project) == _expected(project)


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_flake8_gets_the_same_answers_as_the_cli(project: Path):
    assert _run(flake8, project) == _expected(project)


def test_flake8_on_one_file_still_reads_its_project(monkeypatch):
    """flake8 hands the plugin one file at a time: the other modules come from disk."""
    project = FIXTURES / "projects" / "shop"
    result = flake8("shop/views.py", cwd=project)
    got = {(int(line.split(":")[1]), line.split()[1]) for line in result.stdout.splitlines()}
    assert got == set(expected(project / "shop" / "views.py"))


def test_stdin_buffer_is_linted_as_its_own_module():
    """An editor's unsaved buffer: its own text counts, the other modules come from disk."""
    project = FIXTURES / "projects" / "srcapp"
    saved = (project / "src/myapp/web.py").read_text()
    buffer = saved + "\n\n@app.get('/x')\nasync def x():\n    get_user(1)\n"
    result = flake8("--stdin-display-name", "src/myapp/web.py", "-", stdin=buffer.encode(), cwd=project)
    rows = sorted(int(line.split(":")[1]) for line in result.stdout.splitlines())
    new_line = len(buffer.splitlines())
    assert rows == sorted([line for line, _ in expected(project / "src/myapp/web.py")] + [new_line]), result.stdout


def test_cache_notices_a_changed_module(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_ASYNC_LINT_NO_CACHE")
    project = tmp_path / "srcapp"
    shutil.copytree(FIXTURES / "projects" / "srcapp", project)
    first = cli("src/myapp/web.py", cwd=project)
    assert "FAS101" in first.stdout
    assert list((project / ".flask_async_lint_cache" / "summaries").glob("*.json")), "no cache written"
    db = project / "src" / "myapp" / "db.py"
    db.write_text(db.read_text().replace('requests.get(f"https://users.example.com/{user_id}").json()', "{}"))
    second = cli("src/myapp/web.py", cwd=project)
    assert "FAS101" not in second.stdout, second.stdout
    assert "FAS200" in second.stdout
    third = cli("src/myapp/web.py", cwd=project)  # warm cache, same answers
    assert third.stdout == second.stdout


def test_cache_notices_a_module_created_after_the_first_run(tmp_path, monkeypatch):
    """A cached summary of ``mid.py`` made while ``from .low import work`` resolved to
    nothing must not outlive the creation of ``low.py``, in either front door."""
    monkeypatch.delenv("FLASK_ASYNC_LINT_NO_CACHE")
    (tmp_path / "pyproject.toml").write_text("")
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "mid.py").write_text("from .low import work\n\n\ndef step():\n    return work()\n")
    (app / "views.py").write_text(
        "from flask import Flask\n\nfrom .mid import step\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/')\nasync def index():\n    step()\n    return 'ok'\n")
    for front_door in (cli, flake8):
        assert "FAS100" not in front_door("app/views.py", cwd=tmp_path).stdout
    (app / "low.py").write_text("import time\n\n\ndef work():\n    time.sleep(1)\n")
    for front_door in (cli, flake8):
        result = front_door("app/views.py", cwd=tmp_path)
        assert "views.py:10:5: FAS100" in result.stdout, result.stdout + result.stderr


def test_damaged_or_foreign_cache_entries_are_recomputed(tmp_path, monkeypatch):
    """A summaries cache written in another shape (an older build, a damaged file) is
    never trusted: both front doors recompute and give the same answers, no FAS900."""
    monkeypatch.delenv("FLASK_ASYNC_LINT_NO_CACHE")
    project = tmp_path / "shop"
    shutil.copytree(FIXTURES / "projects" / "shop", project)
    want = _run(cli, project)
    cache = project / ".flask_async_lint_cache"
    entries = list((cache / "summaries").glob("*.json"))
    assert entries, "no summaries cache written"
    for number, entry in enumerate(entries):
        entry.write_text(['{"summary": [1, 2], "deps": {}}', '{"objects": []}', "[]", "{not json"][number % 4])
    shutil.rmtree(cache / "results", ignore_errors=True)
    for front_door in (cli, flake8):
        assert _run(front_door, project) == want
