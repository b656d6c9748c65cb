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


def test_flake8_file_level_noqa_silences_the_file_and_fix_leaves_it(tmp_path):
    source = "# flake8: noqa\nimport time\n\n\nasync def v():\n    time.sleep(1)\n"
    path = tmp_path / "app.py"
    path.write_text(source)
    assert flake8("app.py", cwd=tmp_path).stdout == ""
    done = cli("app.py", cwd=tmp_path)
    assert done.stdout == "" and done.returncode == 0
    fixed = cli("--fix", "app.py", cwd=tmp_path)
    assert fixed.returncode == 0 and fixed.stdout == "" and fixed.stderr == ""
    assert path.read_text() == source
    # flake8 7 honours it only at the start of a line
    path.write_text(source.replace("# flake8: noqa\n", "x = 1  # flake8: noqa\n"))
    assert _codes_by_line(flake8("app.py", cwd=tmp_path).stdout) == [(6, "FAS100")]
    assert _codes_by_line(cli("app.py", cwd=tmp_path).stdout) == [(6, "FAS100")]


MULTI_LINE = '''\
import time


async def v():
    s = f"""{time.sleep(1)}
    """  # noqa: FAS100
    t = f"""
    {time.sleep(2)}"""  # noqa: E501
    u = (1,
         time.sleep(3),
         )  # noqa
    w = [time.sleep(4),  # noqa:FAS1
         time.sleep(5)]
    time.sleep(6)  # noqa: E501 FAS100
    time.sleep(7)  # noqa: fas100
    time.sleep(8)  # noqa: E501  # noqa: FAS100
    x = time.sleep(9) + \\
        1  # noqa: FAS100
'''


def test_noqa_covers_the_lines_of_a_multi_line_string_or_statement_as_flake8_maps_them(tmp_path):
    (tmp_path / "app.py").write_text(MULTI_LINE)
    # flake8 joins the lines of a multi-line string or a backslash continuation, not those of
    # brackets (each ends with an NL token); only the first "# noqa" counts, codes are
    # compared case-sensitively
    expected = [(8, "FAS100"), (10, "FAS100"), (13, "FAS100"), (15, "FAS100"), (16, "FAS100")]
    assert _codes_by_line(flake8("app.py", cwd=tmp_path).stdout) == expected
    assert _codes_by_line(cli("app.py", cwd=tmp_path).stdout) == expected
    assert _codes_by_line(cli("-", "--stdin-filename", "app.py", stdin=MULTI_LINE.encode(), cwd=tmp_path).stdout) \
        == expected
