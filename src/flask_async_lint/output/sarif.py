"""SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

One run; ``tool.driver.rules`` lists every registered rule (whether or not it fired), with
the texts of its documentation page, so a viewer can explain a result without the
linter installed. Paths under the working directory become URIs relative to
``%SRCROOT%`` (the working directory itself, as a file URI in ``originalUriBaseIds``), so
the log is portable between checkouts; other paths stay absolute file URIs.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..registry import all_rules
from ..ruledocs import rule_doc
from . import Located

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/flask-async-lint/flask-async-lint"
SRCROOT = "%SRCROOT%"
LEVEL = "warning"


def _rule_descriptor(code: str) -> dict[str, Any]:
    doc = rule_doc(code)
    return {
        "id": doc.code,
        "name": doc.name,
        "shortDescription": {"text": doc.title},
        "fullDescription": {"text": doc.summary},
        "help": {"text": doc.summary, "markdown": doc.markdown},
        "helpUri": doc.help_uri,
        "defaultConfiguration": {"level": LEVEL},
    }


def _directory_uri(directory: Path) -> str:
    uri = directory.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _artifact_location(path: str, root: Path) -> dict[str, str]:
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


def _region(located: Located) -> dict[str, int]:
    finding = located.finding
    region = {"startLine": finding.line, "startColumn": finding.col + 1}
    if finding.end_line >= finding.line:
        region["endLine"] = finding.end_line
        region["endColumn"] = finding.end_col + 1
    return region


def sarif_log(results: list[Located], root: Path | None = None) -> dict[str, Any]:
    root = Path(os.path.abspath(root or Path.cwd()))
    codes = [cls.CODE for cls in all_rules()]
    rule_index = {code: index for index, code in enumerate(codes)}
    sarif_results = []
    for located in results:
        finding = located.finding
        result: dict[str, Any] = {"ruleId": finding.code}
        if finding.code in rule_index:  # FAS900 (internal error) is not a rule
            result["ruleIndex"] = rule_index[finding.code]
        result.update({
            "level": LEVEL,
            "message": {"text": finding.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": _artifact_location(located.path, root),
                    "region": _region(located),
                },
            }],
        })
        sarif_results.append(result)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "flask-async-lint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(code) for code in codes],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root)}},
            # columns count characters (code points), not the UTF-16 units SARIF assumes
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


def render(results: list[Located]) -> str:
    return json.dumps(sarif_log(results), indent=2, ensure_ascii=False) + "\n"
