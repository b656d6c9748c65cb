"""The report formats of the real CLI: SARIF 2.1.0 (validated against the official schema),
GitHub workflow-command annotations, and --output-file."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flask_async_lint.output import Located
from flask_async_lint.output.github import annotation
from flask_async_lint.registry import all_rules
from flask_async_lint.rule import Finding
from harness import OUTPUT_LINE, SHARED, cli

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
SEED = SHARED / "seed_examples"

VIEW = '''\
import time

from flask import Flask

app = Flask(__name__)


@app.route("/a")
async def a():
    time.sleep(1)
    label = "héllo wörld"; time.sleep(2)
    return label
'''

ANOTHER = '''\
import subprocess


async def job():
    subprocess.run(["true"])
'''


def _validate(log: dict) -> None:
    if not SCHEMA.exists():
        pytest.skip(f"the SARIF schema is not available at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "my view.py").write_text(VIEW, encoding="utf-8")
    (tmp_path / "jobs.py").write_text(ANOTHER, encoding="utf-8")
    (tmp_path / "clean.py").write_text("async def f():\n    return 1\n", encoding="utf-8")
    return tmp_path


def _text_findings(project: Path) -> list[tuple[str, int, int, str]]:
    result = cli(".", cwd=project)
    assert result.returncode == 1, result.stderr
    found = []
    for line in result.stdout.splitlines():
        match = OUTPUT_LINE.match(line)
        assert match, line
        path = Path(match.group("path")).as_posix().removeprefix("./")
        found.append((path, int(match.group("line")), int(match.group("col")), match.group("code")))
    return sorted(found)


# ---------------------------------------------------------------- SARIF

@pytest.mark.skipif(not SEED.is_dir(), reason=f"the seed examples are not available at {SEED}")
def test_sarif_of_the_seed_examples_validates():
    result = cli("--format", "sarif", str(SEED))
    assert result.returncode in (0, 1), result.stderr
    log = json.loads(result.stdout)
    _validate(log)
    assert log["runs"][0]["results"], "the seed examples produced no findings at all"


def test_sarif_results_match_the_findings(project):
    want = _text_findings(project)
    result = cli("--format", "sarif", ".", cwd=project)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    _validate(log)
    run = log["runs"][0]

    driver = run["tool"]["driver"]
    assert driver["name"] == "flask-async-lint" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == [cls.CODE for cls in all_rules()]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["helpUri"].startswith("https://") and rule["defaultConfiguration"]["level"] == "warning"

    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    got = []
    for entry in run["results"]:
        assert driver["rules"][entry["ruleIndex"]]["id"] == entry["ruleId"]
        assert entry["message"]["text"] and entry["level"] == "warning"
        location = entry["locations"][0]["physicalLocation"]
        artifact, region = location["artifactLocation"], location["region"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        uri = artifact["uri"].replace("%20", " ")
        got.append((uri, region["startLine"], region["startColumn"], entry["ruleId"]))
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"] + 1)
    assert sorted(got) == want
    assert len(got) == 3
    # relative, forward slashes, percent-encoded
    assert {entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for entry in run["results"]} \
        == {"pkg/my%20view.py", "jobs.py"}


def test_sarif_columns_are_1_based_characters(project):
    log = json.loads(cli("--format", "sarif", "pkg", cwd=project).stdout)
    regions = sorted(
        (r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]),
        key=lambda region: (region["startLine"], region["startColumn"]),
    )
    line_10, line_11 = regions
    assert (line_10["startLine"], line_10["startColumn"], line_10["endColumn"]) == (10, 5, 18)
    # the call after the non-ASCII string: its column counts characters, not UTF-8 bytes
    source_line = VIEW.splitlines()[10]
    assert line_11["startColumn"] == source_line.index("time.sleep(2)") + 1
    assert line_11["endColumn"] == source_line.index("time.sleep(2)") + len("time.sleep(2)") + 1


def test_sarif_with_no_findings_still_validates(project):
    result = cli("--format", "sarif", "clean.py", cwd=project)
    assert result.returncode == 0, result.stderr
    log = json.loads(result.stdout)
    _validate(log)
    assert log["runs"][0]["results"] == []


def test_output_file(project, tmp_path):
    target = tmp_path / "report.sarif"
    result = cli("--format", "sarif", "--output-file", str(target), ".", cwd=project)
    assert result.returncode == 1 and result.stdout == "", result.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]) == 3


def test_output_file_that_cannot_be_written(project):
    result = cli("--output-file", str(project / "missing-dir" / "out.txt"), ".", cwd=project)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "missing-dir" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- GitHub annotations

ANNOTATION = re.compile(
    r"^::warning file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=\d+,endColumn=\d+,title=(?P<code>FAS\d{3})::(?P<message>[^\r\n]+)$"
)


def test_github_annotations_are_well_formed(project):
    want = _text_findings(project)
    result = cli("--format", "github", ".", cwd=project)
    assert result.returncode == 1, result.stderr
    got = []
    for line in result.stdout.splitlines():
        match = ANNOTATION.match(line)
        assert match, line
        got.append((match.group("file").removeprefix("./"), int(match.group("line")),
                    int(match.group("col")), match.group("code")))
    assert sorted(got) == want


def test_github_escapes_data_and_properties():
    finding = Finding(3, 4, "FAS100", "100% blocking,\r\nsecond line: here", 3, 9)
    line = annotation(Located("dir,with:odd%name.py", finding))
    assert line.endswith("\n") and line.count("\n") == 1
    assert line == (
        "::warning file=dir%2Cwith%3Aodd%25name.py,line=3,col=5,endLine=3,endColumn=10,"
        "title=FAS100::100%25 blocking,%0D%0Asecond line: here\n"
    )
