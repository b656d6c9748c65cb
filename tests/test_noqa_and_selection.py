"""# noqa, --select/--ignore and exit codes behave in the CLI as flake8 users expect."""
from __future__ import annotations

import json

from harness import cli, flake8

SOURCE = """\
import time
import requests

async def view():
    time.sleep(1)  # noqa: FAS100
    time.sleep(2)  # noqa: FAS101
    time.sleep(3)  # noqa
    time.sleep(4)  # NOQA:FAS1
    requests.get("x")
    time.sleep(5)
"""


def _codes_by_line(output: str) -> list[tuple[int, str]]:
    return sorted((int(line.split(":")[1]), line.split()[1]) for line in output.splitlines() if line.strip())


def _write(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(SOURCE)
    return path


def test_noqa_in_flake8_and_cli_agree(tmp_path):
    _write(tmp_path)
    expected = [(6, "FAS100"), (9, "FAS101"), (10, "FAS100")]
    assert _codes_by_line(flake8("app.py", cwd=tmp_path).stdout) == expected
    assert _codes_by_line(cli("app.py", cwd=tmp_path).stdout) == expected


def test_select_and_ignore_take_prefixes(tmp_path):
    _write(tmp_path)
    assert _codes_by_line(cli("--select", "FAS101", "app.py", cwd=tmp_path).stdout) == [(9, "FAS101")]
    assert _codes_by_line(cli("--ignore", "FAS100", "app.py", cwd=tmp_path).stdout) == [(9, "FAS101")]
    assert _codes_by_line(cli("--select", "FAS1", "--ignore", "FAS101", "app.py", cwd=tmp_path).stdout) \
        == [(6, "FAS100"), (10, "FAS100")]
    assert _codes_by_line(flake8("--extend-ignore", "FAS100", "app.py", cwd=tmp_path).stdout) == [(9, "FAS101")]


def test_exit_codes(tmp_path):
    _write(tmp_path)
    (tmp_path / "clean.py").write_text("async def f():\n    return 1\n")
    assert cli("clean.py", cwd=tmp_path).returncode == 0
    assert cli("app.py", cwd=tmp_path).returncode == 1
    assert cli("--exit-zero", "app.py", cwd=tmp_path).returncode == 0
    unknown = cli("--select", "XYZ", "app.py", cwd=tmp_path)
    assert unknown.returncode == 2 and "XYZ" in unknown.stderr and "Traceback" not in unknown.stderr
    missing = cli("app.py", "missing.py", cwd=tmp_path)
    assert missing.returncode == 2
    assert [line for line in missing.stderr.splitlines() if line.strip()] == [
        line for line in missing.stderr.splitlines() if "missing.py" in line
    ] and len(missing.stderr.strip().splitlines()) == 1
    assert "FAS101" in missing.stdout, "the readable file was not linted"


def test_stdin_and_json(tmp_path):
    result = cli("--format", "json", "--stdin-filename", "buffer.py", "-", stdin=SOURCE.encode(), cwd=tmp_path)
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert [(f["line"], f["code"], f["path"]) for f in findings] == [
        (6, "FAS100", "buffer.py"), (9, "FAS101", "buffer.py"), (10, "FAS100", "buffer.py")]
    assert all(f["column"] == 5 and f["message"] for f in findings)
