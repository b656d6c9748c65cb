"""``flask-async-lint --explain FASnnn`` prints the rule's documentation page."""
from __future__ import annotations

import pytest

from flask_async_lint.registry import all_rules
from harness import cli

ruledocs = pytest.importorskip("flask_async_lint.ruledocs", reason="rule documentation is not built yet")
CODES = [cls.CODE for cls in all_rules()]


@pytest.mark.parametrize("code", CODES)
def test_explain_prints_the_rule_page(code):
    doc = ruledocs.rule_doc(code)
    result = cli("--explain", code)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    first_line = result.stdout.splitlines()[0]
    assert code in first_line and doc.title in first_line, first_line
    assert result.stdout.strip() in doc.markdown
    for section in ("## What it does", "## Example", "## Use instead"):
        assert section in result.stdout


def test_explain_accepts_lower_case():
    assert cli("--explain", "fas100").stdout == cli("--explain", "FAS100").stdout


@pytest.mark.parametrize("code", ["FAS999", "E501", "nonsense"])
def test_explain_unknown_code(code):
    result = cli("--explain", code)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and code in result.stderr, result.stderr
