"""Rule documentation: every rule documented in ruff's layout, and docs/rules/ generated from it."""
from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path

import pytest

from harness import ROOT, run
from flask_async_lint import ruledocs
from flask_async_lint.engine import lint
from flask_async_lint.registry import all_rules

DOCS = ROOT / "docs" / "rules"
RULES = all_rules()
CODES = [cls.CODE for cls in RULES]
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def ruledocs_cli(*args: str, cwd: Path = ROOT):
    return run([sys.executable, "-m", "flask_async_lint.ruledocs", *args], cwd=cwd)


def test_rules_are_registered():
    assert len(RULES) >= 7


@pytest.mark.parametrize("cls", RULES, ids=CODES)
def test_docstring_has_every_section_in_order(cls):
    assert ruledocs.docstring_problems(cls) == []


@pytest.mark.parametrize("cls", RULES, ids=CODES)
def test_rule_doc_fields_come_from_the_docstring(cls):
    doc = ruledocs.rule_doc(cls.CODE)
    module_doc = sys.modules[cls.__module__].__doc__
    assert doc.code == cls.CODE and doc.name == cls.NAME and doc.fixable == cls.FIXABLE
    assert doc.name and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", doc.name), "NAME must be kebab-case"
    assert module_doc.lstrip().startswith(f"{cls.CODE}: {doc.title}\n")
    assert doc.summary.endswith(".") and doc.summary in " ".join(doc.sections["What it does"].split())
    assert doc.help_uri == f"https://github.com/flask-async-lint/flask-async-lint/blob/main/docs/rules/{cls.CODE}.md"
    assert f"# {cls.CODE}: {doc.title}\n" in doc.markdown
    for section in ruledocs.SECTIONS:
        assert f"\n## {section}\n" in doc.markdown


def _self_contained_blocks(doc: ruledocs.RuleDoc, section: str) -> list[str]:
    """The python blocks of a section that import what they use, so they can be linted alone.

    ruff-style snippets (``asyncio.create_task(...)`` with no ``import asyncio``) mean the
    same to a reader but not to the linter, which resolves names through imports.
    """
    blocks = PYTHON_BLOCK.findall(doc.sections[section])
    return [b for b in blocks if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.parse(b).body)]


@pytest.mark.parametrize("cls", RULES, ids=CODES)
def test_every_code_block_is_valid_python(cls):
    doc = ruledocs.rule_doc(cls.CODE)
    for section in ruledocs.CODE_SECTIONS:
        for block in PYTHON_BLOCK.findall(doc.sections[section]):
            ast.parse(block)  # a SyntaxError names the block's line


@pytest.mark.parametrize("cls", RULES, ids=CODES)
def test_self_contained_example_is_reported_and_use_instead_is_not(cls):
    """A page whose example the linter does not flag, or whose fix it does, teaches a falsehood."""
    doc = ruledocs.rule_doc(cls.CODE)
    example = _self_contained_blocks(doc, "Example")
    instead = _self_contained_blocks(doc, "Use instead")
    if not example and not instead:
        pytest.skip(f"{cls.CODE}'s examples are snippets without imports")
    for block in example:
        codes = [f.code for f in lint(ast.parse(block), block)]
        assert cls.CODE in codes, f"'## Example' of {cls.CODE} gets {codes}:\n{block}"
    for block in instead:
        codes = [f.code for f in lint(ast.parse(block), block)]
        assert cls.CODE not in codes, f"'## Use instead' of {cls.CODE} gets {codes}:\n{block}"


def test_the_blocking_rules_have_self_contained_examples():
    """Checked above only when self-contained: these pages must stay that way."""
    for code in ("FAS100", "FAS101", "FAS102", "FAS103", "FAS104", "FAS105", "FAS202"):
        doc = ruledocs.rule_doc(code)
        assert _self_contained_blocks(doc, "Example") and _self_contained_blocks(doc, "Use instead"), code


def test_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        ruledocs.rule_doc("FAS999")


def test_first_sentence_ignores_full_stops_in_code():
    text = "Reports `time.sleep()` and `os.path.exists` calls. Then more.\nNext line."
    assert ruledocs.first_sentence(text) == "Reports `time.sleep()` and `os.path.exists` calls."


def test_docs_rules_is_up_to_date_with_the_docstrings():
    result = ruledocs_cli("--check", "docs/rules")
    assert result.returncode == 0, (
        result.stdout + result.stderr + "\nrun: python -m flask_async_lint.ruledocs --write docs/rules"
    )


def test_every_page_belongs_to_a_registered_rule():
    pages = {p.stem for p in DOCS.glob("*.md") if p.name != ruledocs.INDEX_NAME}
    assert pages, "docs/rules holds no rule pages"
    assert pages <= set(CODES), f"pages without a rule: {sorted(pages - set(CODES))}"
    assert set(CODES) <= pages, f"rules without a page: {sorted(set(CODES) - pages)}"


def test_check_names_stale_missing_and_orphan_pages(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(DOCS, folder)
    first, second = CODES[0], CODES[1]
    (folder / f"{first}.md").write_text("edited by hand\n", encoding="utf-8")
    (folder / f"{second}.md").unlink()
    (folder / "FAS998.md").write_text("# a rule that does not exist\n", encoding="utf-8")

    result = ruledocs_cli("--check", str(folder), "--readme", "")
    assert result.returncode == 1
    assert f"{first}.md: out of date" in result.stdout
    assert f"{second}.md: missing" in result.stdout
    assert "FAS998.md: no registered rule" in result.stdout

    written = ruledocs_cli("--write", str(folder), "--readme", "")
    assert written.returncode == 0, written.stderr
    assert not (folder / "FAS998.md").exists()
    assert ruledocs_cli("--check", str(folder), "--readme", "").returncode == 0


def test_write_renders_a_page_per_rule_and_an_index(tmp_path):
    ruledocs.write_pages(tmp_path)
    index = (tmp_path / "README.md").read_text(encoding="utf-8")
    for cls in RULES:
        page = (tmp_path / f"{cls.CODE}.md").read_text(encoding="utf-8")
        assert page == ruledocs.rule_doc(cls.CODE).markdown
        row = next(line for line in index.splitlines() if line.startswith(f"| [{cls.CODE}]"))
        assert f"`{cls.NAME}`" in row and row.rstrip(" |").endswith("yes" if cls.FIXABLE else "no")


def test_write_refreshes_a_readme_table_and_check_sees_it_stale(tmp_path):
    (tmp_path / "docs").mkdir()
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# Project\n\n{ruledocs.README_TABLE_START}\n| old table |\n{ruledocs.README_TABLE_END}\n\nAfter.\n",
        encoding="utf-8",
    )
    folder = tmp_path / "docs" / "rules"
    assert ruledocs_cli("--write", str(folder)).returncode == 0
    assert ruledocs_cli("--check", str(folder)).returncode == 0
    text = readme.read_text(encoding="utf-8")
    assert "| old table |" not in text and text.endswith("After.\n")
    for code in CODES:
        assert f"[{code}](docs/rules/{code}.md)" in text

    readme.write_text(text.replace(f"[{CODES[0]}]", "[FAS000]"), encoding="utf-8")
    stale = ruledocs_cli("--check", str(folder))
    assert stale.returncode == 1 and "rule table is out of date" in stale.stdout
