"""Every fixture through the engine, the CLI and real flake8: all expected findings, nothing else."""
from __future__ import annotations

from pathlib import Path

import pytest

from harness import (
    FIXTURES, ROOT, cli, describe_difference, expected, fixture_files, flake8, parse_output, via_engine,
)

FILES = fixture_files()
IDS = [str(p.relative_to(FIXTURES)) for p in FILES]


@pytest.fixture(scope="session")
def flake8_results():
    result = flake8(*(str(p.relative_to(ROOT)) for p in FILES))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return parse_output(result.stdout)


@pytest.fixture(scope="session")
def cli_results():
    result = cli(*(str(p.relative_to(ROOT)) for p in FILES))
    assert result.returncode in (0, 1), result.stderr
    return parse_output(result.stdout)


def test_there_are_fixtures():
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_engine(path: Path):
    want, got = expected(path), via_engine(path)
    assert got == want, describe_difference(want, got)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_flake8(path: Path, flake8_results):
    want, got = expected(path), flake8_results.get(path.resolve(), {})
    assert got == want, describe_difference(want, got)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_cli(path: Path, cli_results):
    want, got = expected(path), cli_results.get(path.resolve(), {})
    assert got == want, describe_difference(want, got)


def test_flake8_stdin_reads_the_buffer_not_the_file():
    """Editors lint unsaved buffers through stdin: the plugin must use flake8's lines."""
    path = FIXTURES / "blocking" / "fas100_time_sleep.py"
    source = path.read_bytes()
    result = flake8("--stdin-display-name", "buffer.py", "-", stdin=source)
    got = parse_output(result.stdout).get((ROOT / "buffer.py").resolve(), {})
    assert got == expected(path), describe_difference(expected(path), got)
    assert got, "the stdin run found nothing"
