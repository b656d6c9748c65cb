"""Every rule code has a rule module, a fixture and a doc page; no code exists without them."""
from __future__ import annotations

import re

import pytest

from harness import FIXTURES, MARK, ROOT, SHARED
from flask_async_lint.registry import all_rules

CODE = re.compile(r"\bFAS\d{3}\b")
REGISTERED = {cls.CODE: cls for cls in all_rules()}
# FAS900 is the linter's own failure: no valid fixture can produce it. Its fixture states
# that valid code never does, and a test forces a real internal error instead.
NOT_PRODUCIBLE_BY_A_FIXTURE = {"FAS900"}


def _fixture_texts() -> dict[str, str]:
    return {str(p.relative_to(FIXTURES)): p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.py")}


def _expected_codes() -> set[str]:
    codes = set()
    for text in _fixture_texts().values():
        for line in text.splitlines():
            match = MARK.search(line)
            if match:
                codes.update(CODE.findall(match.group(1)))
    return codes


@pytest.mark.parametrize("code", sorted(REGISTERED))
def test_rule_module_is_named_for_its_code(code):
    module = REGISTERED[code].__module__.rpartition(".")[2]
    assert module.startswith(code.lower() + "_"), f"{code} lives in {module}"


@pytest.mark.parametrize("code", sorted(REGISTERED))
def test_rule_has_a_doc_page(code):
    assert (ROOT / "docs" / "rules" / f"{code}.md").is_file()


@pytest.mark.parametrize("code", sorted(REGISTERED))
def test_rule_has_a_fixture(code):
    if code in NOT_PRODUCIBLE_BY_A_FIXTURE:
        assert any(code in text for text in _fixture_texts().values())
        assert any(code in p.read_text() for p in (ROOT / "tests").glob("test_*.py") if p.name != "test_meta.py")
    else:
        assert code in _expected_codes(), f"no fixture expects {code}"


def test_no_code_exists_without_a_rule():
    documented = {p.stem for p in (ROOT / "docs" / "rules").glob("FAS*.md")}
    assert documented <= set(REGISTERED), documented - set(REGISTERED)
    assert _expected_codes() <= set(REGISTERED), _expected_codes() - set(REGISTERED)


@pytest.mark.skipif(not (SHARED / "RULES.md").is_file(),
                    reason="../shared/RULES.md (the catalogue) is not beside this checkout")
def test_every_catalogue_code_is_a_rule_and_every_rule_is_in_the_catalogue():
    catalogue = set(CODE.findall((SHARED / "RULES.md").read_text(encoding="utf-8")))
    assert catalogue == set(REGISTERED), (catalogue ^ set(REGISTERED))
