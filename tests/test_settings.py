"""Options (RULES.md "Options") through every front door: flake8's configuration files and
command line, the CLI's flags, ``[tool.flask-async-lint]`` in pyproject.toml and
``--config``; and every kind of bad value rejected in one line, never a traceback.

Where a rule already reads an option, the test runs the real program and checks the
finding changes; for the others it checks the value that reaches the engine, parsed by
flake8's and the CLI's own option machinery.
"""
from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from flask_async_lint.blocking import consequence
from flask_async_lint.settings import (
    DEFAULT_SETTINGS,
    OPTIONS,
    OptionError,
    Settings,
    build_settings,
    settings_from_cli,
)
from harness import BIN, ROOT, cli, expected, run

SLEEP_IN_FLASK_VIEW = '''\
import time

from flask import Flask

app = Flask(__name__)


@app.route("/slow")
async def slow():
    time.sleep(1)
    return "ok"
'''

CUSTOM_BLOCKING_CALL = '''\
import mylib


async def handler():
    mylib.fetch_sync()
'''

CUSTOM_VIEW_DECORATOR = '''\
import time

from mylib import api


@api.thing("x")
async def handler():
    time.sleep(1)
'''

# one valid value per option, in the INI spelling and in TOML, and what Settings must hold
VALID = {
    "extend-blocking-calls": ("mylib.fetch_sync=FAS101, other.lib.get=fas103",
                              '["mylib.fetch_sync=FAS101", "other.lib.get=FAS103"]',
                              (("mylib.fetch_sync", "FAS101"), ("other.lib.get", "FAS103"))),
    "extend-view-decorators": ("api.route, route", '["api.route", "route"]', ("api.route", "route")),
    "cpu-loop-threshold": ("5000", "5000", 5000),
    "extend-cpu-heavy-calls": ("mylib.hash_it", '["mylib.hash_it"]', ("mylib.hash_it",)),
    "extend-coroutine-functions": ("aiogram.Dispatcher.feed_raw_update",
                                   '"aiogram.Dispatcher.feed_raw_update"',
                                   ("aiogram.Dispatcher.feed_raw_update",)),
    "framework": ("quart", '"quart"', "quart"),
}

# bad values, in the INI spelling and in TOML
BAD = {
    "framework": ("django", '"django"'),
    "cpu-loop-threshold": ("-5", "-5"),
    "extend-blocking-calls": ("mylib.fetch_sync", '["mylib.fetch_sync"]'),  # no =CODE
}
BAD_CODE = ("mylib.fetch_sync=FAS400", '["mylib.fetch_sync=FAS999"]')


def test_every_option_has_a_valid_example_here():
    assert set(VALID) == {spec.name for spec in OPTIONS}


def _flake8(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # not harness.flake8: that one passes --isolated, which skips the configuration files
    return run([str(BIN / "flake8"), "--select", "FAS", *args], cwd=cwd)


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return cli(*args, cwd=cwd)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _messages(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result.stdout


# ---------------------------------------------------------------- behaviour, through flake8

def test_flake8_framework_from_config_changes_the_consequence(tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    before = _messages(_flake8(tmp_path, "app.py"))
    assert consequence("flask") in before
    _write(tmp_path, ".flake8", "[flake8]\nflask-async-framework = quart\n")
    after = _messages(_flake8(tmp_path, "app.py"))
    assert "FAS100" in after and consequence("quart") in after and consequence("flask") not in after


def test_flake8_extend_blocking_calls_from_config(tmp_path):
    _write(tmp_path, "app.py", CUSTOM_BLOCKING_CALL)
    assert "FAS1" not in _messages(_flake8(tmp_path, "app.py"))
    _write(tmp_path, "setup.cfg", "[flake8]\nflask-async-extend-blocking-calls =\n    mylib.fetch_sync=FAS101,\n")
    assert "app.py:5:5: FAS101 mylib.fetch_sync()" in _messages(_flake8(tmp_path, "app.py"))


def test_flake8_extend_view_decorators_from_config(tmp_path):
    _write(tmp_path, "app.py", CUSTOM_VIEW_DECORATOR)
    assert "view 'handler'" not in _messages(_flake8(tmp_path, "app.py"))
    _write(tmp_path, "tox.ini", "[flake8]\nflask-async-extend-view-decorators = api.thing\n")
    out = _messages(_flake8(tmp_path, "app.py"))
    assert "FAS100" in out and "view 'handler'" in out


def test_flake8_command_line_flag(tmp_path):
    _write(tmp_path, "app.py", CUSTOM_BLOCKING_CALL)
    out = _messages(_flake8(tmp_path, "--flask-async-extend-blocking-calls=mylib.fetch_sync=FAS104", "app.py"))
    assert "app.py:5:5: FAS104" in out


def test_flake8_options_reach_the_worker_processes(tmp_path):
    # with -j2 and several files flake8 checks in a process pool: the settings must get there
    for name in ("a.py", "b.py", "c.py"):
        _write(tmp_path, name, CUSTOM_BLOCKING_CALL)
    _write(tmp_path, ".flake8", "[flake8]\nflask-async-extend-blocking-calls = mylib.fetch_sync=FAS101\n")
    out = _messages(_flake8(tmp_path, "-j2", "a.py", "b.py", "c.py"))
    assert out.count("FAS101") == 3, out


# The options read by FAS200, FAS400 and FAS401, each through both front doors. A rule not
# written yet is skipped; once it exists it must honour its option.
OTHER_OPTIONS_SOURCE = '''\
import mylib


async def handler():
    mylib.fetch_async()
    for i in range(5000):
        pass
    mylib.crunch(b"x")
    return 1
'''
OTHER_OPTIONS = [
    # (option, INI value, TOML value, code, line)
    ("extend-coroutine-functions", "mylib.fetch_async", '["mylib.fetch_async"]', "FAS200", 5),
    ("cpu-loop-threshold", "1000", "1000", "FAS400", 6),
    ("extend-cpu-heavy-calls", "mylib.crunch", '["mylib.crunch"]', "FAS401", 8),
]


def _needs_rule(code: str) -> None:
    from flask_async_lint.registry import rule_by_code

    if code not in rule_by_code():
        pytest.skip(f"{code} is not implemented yet")


@pytest.mark.parametrize(("name", "ini", "toml", "code", "line"), OTHER_OPTIONS, ids=[o[0] for o in OTHER_OPTIONS])
def test_option_changes_its_rule_through_flake8(name, ini, toml, code, line, tmp_path):
    _needs_rule(code)
    _write(tmp_path, "app.py", OTHER_OPTIONS_SOURCE)
    assert f"app.py:{line}:5: {code}" not in _messages(_flake8(tmp_path, "app.py"))
    _write(tmp_path, ".flake8", f"[flake8]\nflask-async-{name} = {ini}\n")
    assert f"app.py:{line}:5: {code}" in _messages(_flake8(tmp_path, "app.py"))


@pytest.mark.parametrize(("name", "ini", "toml", "code", "line"), OTHER_OPTIONS, ids=[o[0] for o in OTHER_OPTIONS])
def test_option_changes_its_rule_through_the_cli(name, ini, toml, code, line, tmp_path):
    _needs_rule(code)
    _write(tmp_path, "app.py", OTHER_OPTIONS_SOURCE)
    assert f"app.py:{line}:5: {code}" not in _messages(_cli(tmp_path, "app.py"))
    assert f"app.py:{line}:5: {code}" in _messages(_cli(tmp_path, "app.py", f"--{name}={ini}"))
    _write(tmp_path, "pyproject.toml", f"[tool.flask-async-lint]\n{name} = {toml}\n")
    assert f"app.py:{line}:5: {code}" in _messages(_cli(tmp_path, "app.py"))


# ---------------------------------------------------------------- every option, as flake8 parses it

@pytest.mark.parametrize("name", list(VALID))
def test_flake8_reads_every_option_from_its_config(name, tmp_path, monkeypatch):
    from flake8.options.parse_args import parse_args

    from flask_async_lint.flake8_plugin import Plugin

    ini, _, want = VALID[name]
    _write(tmp_path, ".flake8", f"[flake8]\nflask-async-{name} = {ini}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Plugin, "settings", DEFAULT_SETTINGS)
    parse_args(["x.py"])  # flake8's own procedure: config, plugin options, parse_options
    field = name.replace("-", "_")
    assert getattr(Plugin.settings, field) == want
    assert getattr(Plugin.settings, field) != getattr(DEFAULT_SETTINGS, field)


# ---------------------------------------------------------------- behaviour, through the CLI

def test_cli_framework_from_pyproject_and_flag(tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    assert consequence("flask") in _messages(_cli(tmp_path, "app.py"))
    _write(tmp_path, "pyproject.toml", '[tool.flask-async-lint]\nframework = "quart"\n')
    from_file = _messages(_cli(tmp_path, "app.py"))
    assert consequence("quart") in from_file and consequence("flask") not in from_file
    # the flag wins over the file
    from_flag = _messages(_cli(tmp_path, "app.py", "--framework", "flask"))
    assert consequence("flask") in from_flag and consequence("quart") not in from_flag


def test_cli_extend_blocking_calls_from_pyproject_and_flag(tmp_path):
    _write(tmp_path, "app.py", CUSTOM_BLOCKING_CALL)
    assert _cli(tmp_path, "app.py").returncode == 0
    _write(tmp_path, "pyproject.toml", '[tool.flask-async-lint]\nextend-blocking-calls = ["mylib.fetch_sync=FAS101"]\n')
    result = _cli(tmp_path, "app.py")
    assert result.returncode == 1 and "app.py:5:5: FAS101 mylib.fetch_sync()" in result.stdout
    result = _cli(tmp_path, "app.py", "--extend-blocking-calls", "mylib.fetch_sync=FAS105")
    assert "app.py:5:5: FAS105" in result.stdout and "FAS101" not in result.stdout


def test_cli_extend_blocking_calls_as_a_toml_table(tmp_path):
    _write(tmp_path, "app.py", CUSTOM_BLOCKING_CALL)
    _write(tmp_path, "pyproject.toml",
           '[tool.flask-async-lint.extend-blocking-calls]\n"mylib.fetch_sync" = "FAS102"\n')
    assert "app.py:5:5: FAS102" in _cli(tmp_path, "app.py").stdout


def test_cli_extend_view_decorators_from_pyproject_and_flag(tmp_path):
    _write(tmp_path, "app.py", CUSTOM_VIEW_DECORATOR)
    assert "view 'handler'" not in _messages(_cli(tmp_path, "app.py"))
    assert "view 'handler'" in _messages(_cli(tmp_path, "app.py", "--extend-view-decorators=api.thing"))
    _write(tmp_path, "pyproject.toml", '[tool.flask-async-lint]\nextend-view-decorators = ["api.thing"]\n')
    assert "view 'handler'" in _messages(_cli(tmp_path, "app.py"))


def test_cli_uses_the_nearest_pyproject_with_the_table(tmp_path):
    _write(tmp_path, "pyproject.toml", '[tool.flask-async-lint]\nframework = "quart"\n')
    # a nearer pyproject.toml that configures other tools only does not stop the search
    _write(tmp_path, "outer/pyproject.toml", '[tool.black]\nline-length = 100\n')
    _write(tmp_path, "outer/inner/pyproject.toml", '[tool.flask-async-lint]\nframework = "flask"\n')
    _write(tmp_path, "outer/app.py", SLEEP_IN_FLASK_VIEW)
    _write(tmp_path, "outer/inner/app.py", SLEEP_IN_FLASK_VIEW)
    # run from elsewhere: the search starts at the linted path, not at the cwd
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert consequence("quart") in _messages(_cli(elsewhere, str(tmp_path / "outer" / "app.py")))
    assert consequence("flask") in _messages(_cli(elsewhere, str(tmp_path / "outer" / "inner")))


def test_cli_with_several_paths_reads_the_pyproject_of_the_cwd(tmp_path):
    _write(tmp_path, "pyproject.toml", '[tool.flask-async-lint]\nframework = "quart"\n')
    _write(tmp_path, "pkg/pyproject.toml", '[tool.flask-async-lint]\nframework = "flask"\n')
    _write(tmp_path, "pkg/a.py", SLEEP_IN_FLASK_VIEW)
    _write(tmp_path, "pkg/b.py", SLEEP_IN_FLASK_VIEW)
    out = _messages(_cli(tmp_path, "pkg/a.py", "pkg/b.py"))
    assert out.count(consequence("quart")) == 2, out


def test_cli_config_flag_replaces_the_search(tmp_path):
    _write(tmp_path, "pyproject.toml", '[tool.flask-async-lint]\nframework = "flask"\n')
    _write(tmp_path, "ci/lint.toml", '[tool.flask-async-lint]\nframework = "quart"\n')
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    assert consequence("quart") in _messages(_cli(tmp_path, "app.py", "--config", "ci/lint.toml"))


def test_cli_stdin_uses_the_pyproject_near_stdin_filename(tmp_path):
    _write(tmp_path, "proj/pyproject.toml", '[tool.flask-async-lint]\nframework = "quart"\n')
    result = cli("-", "--stdin-filename", str(tmp_path / "proj" / "app.py"),
                 stdin=SLEEP_IN_FLASK_VIEW.encode(), cwd=tmp_path)
    assert consequence("quart") in _messages(result)


# ---------------------------------------------------------------- every option, as the CLI parses it

@pytest.mark.parametrize("name", list(VALID))
def test_cli_reads_every_option_from_pyproject_and_flag(name, tmp_path, monkeypatch):
    from flask_async_lint.cli import _parser

    ini, toml, want = VALID[name]
    field = name.replace("-", "_")
    _write(tmp_path, "pyproject.toml", f"[tool.flask-async-lint]\n{name} = {toml}\n")
    monkeypatch.chdir(tmp_path)
    args = _parser().parse_args(["."])
    assert getattr(settings_from_cli(args, args.paths), field) == want
    (tmp_path / "pyproject.toml").unlink()
    args = _parser().parse_args([".", f"--{name}", ini])
    assert getattr(settings_from_cli(args, args.paths), field) == want
    assert want != getattr(DEFAULT_SETTINGS, field)


def test_settings_and_option_table_agree():
    built = build_settings({spec.name: VALID[spec.name][0] for spec in OPTIONS}, "test")
    assert isinstance(built, Settings)
    assert all(getattr(built, spec.field) == VALID[spec.name][2] for spec in OPTIONS)


# ---------------------------------------------------------------- bad values: one line, exit 2

def _bad_cases():
    for name, (ini, toml) in BAD.items():
        yield name, ini, toml
    yield "extend-blocking-calls", *BAD_CODE


BAD_CASES = list(_bad_cases())
BAD_IDS = [f"{name}={ini}" for name, ini, _ in BAD_CASES]


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(("name", "ini", "toml"), BAD_CASES, ids=BAD_IDS)
def test_cli_bad_value_in_pyproject(name, ini, toml, tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    _write(tmp_path, "pyproject.toml", f"[tool.flask-async-lint]\n{name} = {toml}\n")
    line = _one_error_line(_cli(tmp_path, "app.py"))
    assert name in line and "pyproject.toml" in line


@pytest.mark.parametrize(("name", "ini", "toml"), BAD_CASES, ids=BAD_IDS)
def test_cli_bad_value_on_the_command_line(name, ini, toml, tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    line = _one_error_line(_cli(tmp_path, "app.py", f"--{name}={ini}"))
    assert f"--{name}" in line and "command line" in line


@pytest.mark.parametrize(("name", "ini", "toml"), BAD_CASES, ids=BAD_IDS)
def test_flake8_bad_value_in_config(name, ini, toml, tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    _write(tmp_path, ".flake8", f"[flake8]\nflask-async-{name} = {ini}\n")
    result = _flake8(tmp_path, "app.py")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "app.py:" not in output  # flake8 stopped before linting with a half-read config
    ours = [line for line in output.splitlines() if line.startswith("flask-async-lint:")]
    assert len(ours) == 1, output
    assert f"flask-async-{name}" in ours[0] and ".flake8" in ours[0]


def test_flake8_bad_value_on_the_command_line(tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    result = _flake8(tmp_path, "--flask-async-cpu-loop-threshold=many", "app.py")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "--flask-async-cpu-loop-threshold" in output and "command line" in output


def test_cli_unknown_key_in_pyproject(tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    _write(tmp_path, "pyproject.toml", '[tool.flask-async-lint]\nframwork = "quart"\n')
    line = _one_error_line(_cli(tmp_path, "app.py"))
    assert "framwork" in line and "pyproject.toml" in line and "'framework'" in line


def test_cli_invalid_toml(tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    _write(tmp_path, "pyproject.toml", "[tool.flask-async-lint\nframework = quart\n")
    line = _one_error_line(_cli(tmp_path, "app.py"))
    assert "pyproject.toml" in line and "TOML" in line


def test_cli_config_file_missing_or_without_the_table(tmp_path):
    _write(tmp_path, "app.py", SLEEP_IN_FLASK_VIEW)
    assert "nope.toml" in _one_error_line(_cli(tmp_path, "app.py", "--config", "nope.toml"))
    _write(tmp_path, "other.toml", "[tool.black]\nline-length = 1\n")
    line = _one_error_line(_cli(tmp_path, "app.py", "--config", "other.toml"))
    assert "other.toml" in line and "[tool.flask-async-lint]" in line


@pytest.mark.parametrize("raw", [True, 0, "1.5", [1]])
def test_threshold_rejects_non_positive_integers(raw):
    with pytest.raises(OptionError, match="cpu-loop-threshold"):
        build_settings({"cpu-loop-threshold": raw}, "test")


@pytest.mark.parametrize("raw", ["my-lib.x", "1abc", "a..b", [3]])
def test_names_must_be_dotted_identifiers(raw):
    with pytest.raises(OptionError, match="extend-cpu-heavy-calls"):
        build_settings({"extend-cpu-heavy-calls": raw}, "test")


OPTION_FIXTURES = {
    # fixture under tests/fixtures_options/: (option, value)
    "extend_view_decorators.py": ("extend-view-decorators", "api_view,rpc.expose,register"),
    "extend_coroutine_functions.py": ("extend-coroutine-functions",
                                      "aiogram.Dispatcher.feed_raw_update,mylib.fetch_async,mylib.Client.get"),
}


@pytest.mark.parametrize("name", sorted(OPTION_FIXTURES))
def test_option_fixture_in_both_front_doors(tmp_path, name):
    """Fixtures that need an option: a bare configured view decorator matches called or
    not, a dotted one only that receiver's; a configured coroutine method counts on
    instances of its class. The fixture marks every finding."""
    option, value = OPTION_FIXTURES[name]
    fixture = ROOT / "tests" / "fixtures_options" / name
    _write(tmp_path, "views.py", fixture.read_text(encoding="utf-8"))
    want = sorted((line, code) for (line, code), n in expected(fixture).items() for _ in range(n))
    for result in (run([str(BIN / "flask-async-lint"), "--no-cache", f"--{option}", value, "views.py"], cwd=tmp_path),
                   _flake8(tmp_path, "--isolated", f"--flask-async-{option}={value}", "views.py")):
        got = sorted((int(line.split(":")[1]), line.split()[1]) for line in result.stdout.splitlines())
        assert got == want, result.stdout + result.stderr
