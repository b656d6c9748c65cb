"""The CLI's many-file path: parallel workers and the results cache give the same answers."""
from __future__ import annotations

import os
import shutil

from harness import FIXTURES, cli

CACHE = ".flask_async_lint_cache"


def _copy_fixtures(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES, project / "fixtures")
    (project / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "0"\n')
    return project


def test_parallel_and_serial_runs_agree(tmp_path):
    project = _copy_fixtures(tmp_path)
    serial = cli("--no-cache", "--jobs", "1", "fixtures", cwd=project)
    parallel = cli("--no-cache", "--jobs", "2", "fixtures", cwd=project)
    assert serial.returncode == parallel.returncode == 1, serial.stderr + parallel.stderr
    assert serial.stdout.count("\n") > 100
    assert parallel.stdout == serial.stdout
    assert not (project / CACHE).exists(), "--no-cache wrote a cache"


def test_warm_cache_gives_the_same_answers(tmp_path):
    project = _copy_fixtures(tmp_path)
    cold = cli("fixtures", cwd=project)
    entries = list((project / CACHE / "results").glob("*.json"))
    assert entries, "no results cached"
    warm = cli("fixtures", cwd=project)
    assert warm.stdout == cold.stdout and warm.returncode == cold.returncode


def test_cache_notices_a_change_in_another_module(tmp_path):
    project = tmp_path / "srcapp"
    shutil.copytree(FIXTURES / "projects" / "srcapp", project)
    first = cli("src/myapp/web.py", cwd=project)
    assert "FAS101" in first.stdout
    db = project / "src" / "myapp" / "db.py"
    db.write_text(db.read_text().replace("requests.get(", "dict(").replace(".json()", ""))
    second = cli("src/myapp/web.py", cwd=project)
    assert "FAS101" not in second.stdout, second.stdout


def test_cache_notices_a_changed_file(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    (project / "pyproject.toml").write_text("")
    app = project / "app.py"
    app.write_text("import time\nasync def f():\n    time.sleep(1)\n")
    assert "FAS100" in cli("app.py", cwd=project).stdout
    app.write_text("import asyncio\nasync def f():\n    await asyncio.sleep(1)\n")
    assert cli("app.py", cwd=project).stdout == ""


def test_cache_dir_option(tmp_path):
    project = _copy_fixtures(tmp_path)
    cache = tmp_path / "elsewhere"
    first = cli("--cache-dir", str(cache), "fixtures", cwd=project)
    assert list((cache / "results").glob("*.json")), "no results in --cache-dir"
    assert not (project / CACHE / "results").exists()
    assert cli("--cache-dir", str(cache), "fixtures", cwd=project).stdout == first.stdout


def _same_size_edit(path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (as long), then put the modification time back."""
    stat = path.stat()
    text = path.read_text()
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_cache_is_keyed_by_content_not_size_and_mtime(tmp_path):
    # an edit that keeps the size, with the modification time put back (as some tools do)
    project = tmp_path / "p"
    project.mkdir()
    (project / "pyproject.toml").write_text("")
    app = project / "app.py"
    app.write_text("import time\nfrom helper import work\n\n\nasync def view():\n    work()\n"
                   "    time.sleep(1)\n")
    helper = project / "helper.py"
    helper.write_text("import time\n\n\ndef work():\n    time.sleep(1)\n")
    assert _codes(cli("app.py", cwd=project).stdout) == [(6, "FAS100"), (7, "FAS100")]
    _same_size_edit(helper, "time.sleep(1)", "time.ctime(1)")  # a module the file depends on
    assert _codes(cli("app.py", cwd=project).stdout) == [(7, "FAS100")]
    _same_size_edit(app, "time.sleep(1)", "time.ctime(1)")  # the file itself
    assert _codes(cli("app.py", cwd=project).stdout) == []
    _same_size_edit(helper, "time.ctime(1)", "time.sleep(1)")
    assert _codes(cli("app.py", cwd=project).stdout) == [(6, "FAS100")]


def _codes(output: str) -> list[tuple[int, str]]:
    return [(int(line.split(":")[1]), line.split()[1]) for line in output.splitlines()]
