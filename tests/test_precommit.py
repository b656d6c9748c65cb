"""The pre-commit hook, run for real: ``pre-commit try-repo`` installs this repository's
committed tree (plus uncommitted changes to tracked files) into a fresh virtualenv and
runs the hook in a throw-away git repository, as a user's ``pre-commit run`` would.

Slow by nature (each try-repo builds its own virtualenv and pip-installs the package), so
both cases share one throw-away repository and one module-scoped budget.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness import ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
# building the hook's virtualenv pip-installs flake8 and libcst: minutes on a cold 2-core CI
TIMEOUT = 900

BAD = '''\
import time

from flask import Flask

app = Flask(__name__)


@app.route("/slow")
async def slow():
    time.sleep(1)
    return "ok"
'''

GOOD = BAD.replace("import time\n", "import asyncio\n").replace("time.sleep(1)", "await asyncio.sleep(1)")

pytestmark = [
    pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is not installed (pip install -e '.[test]')"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="the package is not a git checkout"),
]


def _env(home: Path) -> dict[str, str]:
    # Drop the GIT_* of any enclosing git process (a hook running these tests would point
    # every git command at the outer repository), then give commits an identity.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update({
        "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(home),  # no user-level git config (hooks path, signing) leaks in
        "PYTHONIOENCODING": "utf-8",
        "NO_COLOR": "1",
    })
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)


def _try_repo(repo: Path, env: dict[str, str], hook: str = "flask-async-lint") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    env = _env(tmp_path)
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, env, "init", "-q")
    return repo, env


def test_hook_fails_on_a_finding_and_passes_once_fixed(project):
    repo, env = project
    (repo / "app.py").write_text(BAD, encoding="utf-8")
    _git(repo, env, "add", "app.py")
    _git(repo, env, "commit", "-q", "-m", "bad")

    failing = _try_repo(repo, env)
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "flask-async-lint" in output and "Failed" in output, output
    assert "app.py:10:5: FAS100" in output, output

    (repo / "app.py").write_text(GOOD, encoding="utf-8")
    _git(repo, env, "commit", "-q", "-am", "fixed")

    passing = _try_repo(repo, env)
    output = passing.stdout + passing.stderr
    assert passing.returncode == 0, output
    assert "Passed" in output and "FAS100" not in output, output


def _tracked(path: str) -> bool:
    listed = subprocess.run(["git", "ls-files", "--", path], cwd=ROOT, capture_output=True, text=True, timeout=60)
    return bool(listed.stdout.strip())


@pytest.mark.skipif(not _tracked("src/flask_async_lint/fixes.py"),
                    reason="--fix is not committed yet: try-repo installs only tracked files")
def test_fix_hook_rewrites_the_file(project):
    repo, env = project
    (repo / "app.py").write_text(BAD, encoding="utf-8")
    _git(repo, env, "add", "app.py")
    _git(repo, env, "commit", "-q", "-m", "bad")

    result = _try_repo(repo, env, "flask-async-lint-fix")
    output = result.stdout + result.stderr
    # pre-commit fails a hook that modified files, so that the user reviews the change
    assert result.returncode == 1 and "files were modified by this hook" in output, output
    fixed = (repo / "app.py").read_text(encoding="utf-8")
    assert "await asyncio.sleep(1)" in fixed and "time.sleep(1)" not in fixed, fixed
