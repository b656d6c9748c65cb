"""--fix and --diff: each fix kind, byte preservation, refusals, the CLI, the seed examples.

Synthetic findings carry hand-computed spans (1-based lines, 0-based character columns,
end exclusive); the fixture pairs under tests/fixtures_fix/ and the end-to-end tests take
their findings from the real engine.
"""
from __future__ import annotations

import ast
import collections
import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from flask_async_lint import cli, fixes
from flask_async_lint.engine import lint
from flask_async_lint.fixes import apply_fixes, unified_diff
from flask_async_lint.rule import Finding, Fix

ROOT = Path(__file__).resolve().parents[1]
FIX_FIXTURES = ROOT / "tests" / "fixtures_fix"
SEED = ROOT.parent / "shared" / "seed_examples"
CLI = Path(sys.executable).parent / "flask-async-lint"

CODE_OF_KIND = {
    "sleep_to_asyncio_sleep": "FAS100", "insert_await": "FAS200", "drop_await": "FAS201",
    "async_with_to_with": "FAS500", "with_to_async_with": "FAS500", "get_running_loop": "FAS503",
}


# -- helpers


def span(source: str, needle: str, nth: int = 0) -> tuple[int, int, int, int]:
    """The span of the nth occurrence of ``needle``, counted in characters."""
    index = -1
    for _ in range(nth + 1):
        index = source.index(needle, index + 1)

    def where(offset: int) -> tuple[int, int]:
        before = source[:offset]
        return before.count("\n") + 1, offset - (before.rfind("\n") + 1)

    return (*where(index), *where(index + len(needle)))


def finding(kind: str, where: tuple[int, int, int, int], code: str | None = None) -> Finding:
    line, col, end_line, end_col = where
    return Finding(line, col, code or CODE_OF_KIND.get(kind, "FAS999"), "m", end_line, end_col,
                   Fix(kind, line, col, end_line, end_col))


def fix_at(source: str, kind: str, needle: str, nth: int = 0) -> fixes.FixResult:
    return apply_fixes(source, [finding(kind, span(source, needle, nth))])


def engine_findings(source: str) -> list[Finding]:
    return lint(ast.parse(source), source)


def fixed_by_engine(source: str) -> str:
    return apply_fixes(source, engine_findings(source)).new_source


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(CLI), *args], input=stdin, capture_output=True, cwd=cwd, timeout=600,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


ASYNC_HEAD = "import time\n\n\nasync def view():\n"


# -- FAS100: sleep_to_asyncio_sleep


def test_sleep_with_a_hand_computed_span():
    source = "import time\n\n\nasync def view():\n    time.sleep(1)  # keep me\n"
    result = apply_fixes(source, [finding("sleep_to_asyncio_sleep", (5, 4, 5, 17))])
    assert result.new_source == (
        "import time\nimport asyncio\n\n\nasync def view():\n    await asyncio.sleep(1)  # keep me\n")
    assert len(result.applied) == 1 and result.skipped == []


@pytest.mark.parametrize(("imports", "statement", "needle", "expected_imports", "expected"), [
    ("import time\n", "time.sleep(1)", "time.sleep(1)", "import time\nimport asyncio\n",
     "await asyncio.sleep(1)"),
    ("import time as t\n", "t.sleep( 0.5 ,)", "t.sleep( 0.5 ,)", "import time as t\nimport asyncio\n",
     "await asyncio.sleep( 0.5 ,)"),
    ("from time import sleep\n", "sleep(delay)", "sleep(delay)",
     "from time import sleep\nimport asyncio\n", "await asyncio.sleep(delay)"),
    ("import asyncio\nimport time\n", "x = time.sleep(1)", "time.sleep(1)",
     "import asyncio\nimport time\n", "x = await asyncio.sleep(1)"),
    ("import asyncio as aio\nimport time\n", "time.sleep(1)", "time.sleep(1)",
     "import asyncio as aio\nimport time\n", "await aio.sleep(1)"),
    # an import in a try block may fail: asyncio gets an unconditional one
    ("try:\n    import asyncio\nexcept ImportError:\n    pass\nimport time\n", "time.sleep(1)", "time.sleep(1)",
     "import asyncio\ntry:\n    import asyncio\nexcept ImportError:\n    pass\nimport time\n",
     "await asyncio.sleep(1)"),
    ("import time\n", "y = time.sleep(1) or 2", "time.sleep(1)", "import time\nimport asyncio\n",
     "y = await asyncio.sleep(1) or 2"),
    ("import time\n", "y = time.sleep(1).x", "time.sleep(1)", "import time\nimport asyncio\n",
     "y = (await asyncio.sleep(1)).x"),
    ("import time\n", "y = (time.sleep(1)).x", "time.sleep(1)", "import time\nimport asyncio\n",
     "y = (await asyncio.sleep(1)).x"),
    ("import time\n", "return(time.sleep)(1)", "(time.sleep)(1)", "import time\nimport asyncio\n",
     "return(await asyncio.sleep(1))"),
    ("import time\n", 'y = f"{time.sleep(1)}"', "time.sleep(1)", "import time\nimport asyncio\n",
     'y = f"{await asyncio.sleep(1)}"'),
    ("import time\n", "y = [time.sleep(1) for _ in z]", "time.sleep(1)", "import time\nimport asyncio\n",
     "y = [await asyncio.sleep(1) for _ in z]"),
    ("import time\n", "y = list(x for x in time.sleep(1))", "time.sleep(1)", "import time\nimport asyncio\n",
     "y = list(x for x in await asyncio.sleep(1))"),
])
def test_sleep_forms(imports, statement, needle, expected_imports, expected):
    source = f"{imports}\n\nasync def view():\n    {statement}  # c\n"
    result = fix_at(source, "sleep_to_asyncio_sleep", needle)
    assert result.skipped == []
    assert result.new_source == f"{expected_imports}\n\nasync def view():\n    {expected}  # c\n"


@pytest.mark.parametrize(("body", "needle", "reason"), [
    ("def view():\n    time.sleep(1)\n", "time.sleep(1)", "not inside an async def"),
    ("async def view():\n    f = lambda: time.sleep(1)\n", "time.sleep(1)", "lambda"),
    ("async def view():\n    def inner():\n        time.sleep(1)\n", "time.sleep(1)", "not inside an async def"),
    ("async def view():\n    class A:\n        x = time.sleep(1)\n", "time.sleep(1)", "class body"),
    ("async def view():\n    y = list(time.sleep(1) for _ in z)\n", "time.sleep(1)", "generator expression"),
    ("async def view():\n    y = list(x for x in z if time.sleep(1))\n", "time.sleep(1)", "generator expression"),
    ("time.sleep(1)\n", "time.sleep(1)", "not inside an async def"),
    ("async def view():\n    def inner(x: time.sleep(1)): ...\n", "time.sleep(1)", "annotation"),
    ("async def view():\n    y: time.sleep(1) = 1\n", "time.sleep(1)", "annotation"),
    ("async def view():\n    asyncio = 1\n    time.sleep(1)\n", "time.sleep(1)", "bound to something other"),
    ("async def view(asyncio):\n    time.sleep(1)\n", "time.sleep(1)", "bound to something other"),
])
def test_sleep_left_unfixed_where_unsafe(body, needle, reason):
    source = f"import time\n\n\n{body}"
    result = fix_at(source, "sleep_to_asyncio_sleep", needle)
    assert result.new_source == source
    assert result.applied == []
    [(_, why)] = result.skipped
    assert reason in why


def test_sleep_from_the_engine():
    source = ASYNC_HEAD + "    time.sleep(1)\n    return 1\n"
    [found] = engine_findings(source)
    assert found.code == "FAS100" and found.fix is not None
    assert fixed_by_engine(source) == (
        "import time\nimport asyncio\n\n\nasync def view():\n    await asyncio.sleep(1)\n    return 1\n")


# -- FAS200: insert_await


@pytest.mark.parametrize(("statement", "needle", "expected"), [
    ("fetch()", "fetch()", "await fetch()"),
    ("x = fetch()", "fetch()", "x = await fetch()"),
    ("x = fetch().value", "fetch()", "x = (await fetch()).value"),
    ('x = fetch()["k"]', "fetch()", 'x = (await fetch())["k"]'),
    ("x = fetch()()", "fetch()", "x = (await fetch())()"),
    ("x = (fetch()).value", "fetch()", "x = (await fetch()).value"),
    ("x = (\n        fetch()\n    ).value", "fetch()", "x = (\n        await fetch()\n    ).value"),
    ("return(make)()", "(make)()", "return(await (make)())"),
    ("x = -fetch() ** 2", "fetch()", "x = -await fetch() ** 2"),
    ("x = not fetch()", "fetch()", "x = not await fetch()"),
    ('x = f"{fetch()}"', "fetch()", 'x = f"{await fetch()}"'),
    ('x = {"data": fetch()}', "fetch()", 'x = {"data": await fetch()}'),
    ("if fetch():\n        pass", "fetch()", "if await fetch():\n        pass"),
    ('x = request.form["name"]', "request.form", 'x = (await request.form)["name"]'),
    ("x = request.json.get('k')", "request.json", "x = (await request.json).get('k')"),
    ("x = (a or b)", "a or b", "x = await (a or b)"),
    ("x = (y for y in z)", "(y for y in z)", "x = await (y for y in z)"),
    ("x = (1, 2)", "(1, 2)", "x = await (1, 2)"),
])
def test_insert_await(statement, needle, expected):
    source = f"async def view():\n    {statement}\n"
    result = fix_at(source, "insert_await", needle)
    assert result.skipped == []
    assert result.new_source == f"async def view():\n    {expected}\n"


@pytest.mark.parametrize(("source", "reason"), [
    ("def view():\n    fetch()\n", "not inside an async def"),
    ("async def view():\n    run(lambda: fetch())\n", "lambda"),
    ("async def view():\n    def inner():\n        fetch()\n", "not inside an async def"),
    ("async def view():\n    await fetch()\n", "already awaited"),
])
def test_insert_await_left_unfixed(source, reason):
    result = fix_at(source, "insert_await", "fetch()")
    assert result.new_source == source
    [(_, why)] = result.skipped
    assert reason in why


def test_nested_edits_compose():
    source = "async def view():\n    outer(inner())\n"
    result = apply_fixes(source, [finding("insert_await", span(source, "outer(inner())")),
                                  finding("insert_await", span(source, "inner()"))])
    assert result.new_source == "async def view():\n    await outer(await inner())\n"
    assert len(result.applied) == 2


def test_insert_await_from_the_engine():
    source = ("async def fetch():\n    return 1\n\n\nasync def view():\n"
              "    fetch()\n    value = fetch()\n    return {'v': value}\n")
    assert {f.code for f in engine_findings(source)} == {"FAS200"}
    assert fixed_by_engine(source) == (
        "async def fetch():\n    return 1\n\n\nasync def view():\n"
        "    await fetch()\n    value = await fetch()\n    return {'v': value}\n")


# -- FAS201: drop_await


@pytest.mark.parametrize(("statement", "needle", "expected"), [
    ("page = await render_template('i.html')", "await render_template('i.html')",
     "page = render_template('i.html')"),
    ("await flash('hi')", "await flash('hi')", "flash('hi')"),
    ("n = (await jsonify(a=1)).content_length", "await jsonify(a=1)", "n = jsonify(a=1).content_length"),
    ("return(await jsonify(a=1))", "await jsonify(a=1)", "return(jsonify(a=1))"),
    ("return (\n        await jsonify(a=1)\n    )", "await jsonify(a=1)", "return (\n        jsonify(a=1)\n    )"),
    ("x = await  (url_for('i'))", "await  (url_for('i'))", "x = (url_for('i'))"),
])
def test_drop_await(statement, needle, expected):
    source = f"async def view():\n    {statement}\n"
    result = fix_at(source, "drop_await", needle)
    assert result.skipped == []
    assert result.new_source == f"async def view():\n    {expected}\n"


def test_drop_await_from_the_engine():
    source = ("from flask import Flask, render_template\n\napp = Flask(__name__)\n\n\n"
              "@app.route('/')\nasync def index():\n    return await render_template('i.html')\n")
    assert [f.code for f in engine_findings(source)] == ["FAS201"]
    assert fixed_by_engine(source).endswith("    return render_template('i.html')\n")


# -- FAS500: async_with_to_with / with_to_async_with


def test_async_with_to_with_with_hand_computed_span():
    source = "async def job():\n    async with app.app_context():  # c\n        pass\n"
    result = apply_fixes(source, [finding("async_with_to_with", (2, 4, 3, 12))])
    assert result.new_source == "async def job():\n    with app.app_context():  # c\n        pass\n"


def test_with_to_async_with_only_in_a_coroutine():
    source = ("async def job():\n    with app.app_context() as a, b:\n        pass\n\n\n"
              "def sync():\n    with app.app_context():\n        pass\n")
    result = apply_fixes(source, [finding("with_to_async_with", (2, 4, 3, 12)),
                                  finding("with_to_async_with", (7, 4, 8, 12))])
    assert result.new_source == source.replace("    with app.app_context() as a",
                                               "    async with app.app_context() as a")
    [(skipped, why)] = result.skipped
    assert skipped.line == 7 and "not inside an async def" in why


def test_with_toggle_of_the_wrong_statement_is_skipped():
    source = "async def job():\n    with a():\n        pass\n"
    result = apply_fixes(source, [finding("async_with_to_with", (2, 4, 3, 12))])
    assert result.new_source == source
    assert "not async" in result.skipped[0][1]


def test_with_toggle_and_an_edit_inside_it_both_apply():
    source = "import time\n\n\nasync def job():\n    async with app.app_context():\n        time.sleep(1)\n"
    result = apply_fixes(source, [finding("async_with_to_with", (5, 4, 6, 21)),
                                  finding("sleep_to_asyncio_sleep", span(source, "time.sleep(1)"))])
    assert result.new_source == ("import time\nimport asyncio\n\n\nasync def job():\n"
                                 "    with app.app_context():\n        await asyncio.sleep(1)\n")


@pytest.mark.parametrize(("framework", "before", "after"), [
    ("flask", "    async with app.app_context():\n", "    with app.app_context():\n"),
    ("quart", "    with app.app_context():\n", "    async with app.app_context():\n"),
])
def test_context_manager_protocol_from_the_engine(framework, before, after):
    source = (f"from {framework} import {framework.title()}\n\napp = {framework.title()}(__name__)\n\n\n"
              f"async def job():\n{before}        return 1\n")
    assert [f.code for f in engine_findings(source)] == ["FAS500"]
    assert fixed_by_engine(source) == source.replace(before, after)


# -- FAS503: get_running_loop


@pytest.mark.parametrize(("imports", "call", "expected_imports", "expected"), [
    ("import asyncio\n", "asyncio.get_event_loop()", "import asyncio\n", "asyncio.get_running_loop()"),
    ("import asyncio as aio\n", "aio.get_event_loop()", "import asyncio as aio\n", "aio.get_running_loop()"),
    ("from asyncio import get_event_loop\n", "get_event_loop()",
     "from asyncio import get_event_loop\nimport asyncio\n", "asyncio.get_running_loop()"),
    ("import asyncio as aio\nfrom asyncio import get_event_loop\n", "get_event_loop()",
     "import asyncio as aio\nfrom asyncio import get_event_loop\n", "aio.get_running_loop()"),
])
def test_get_running_loop(imports, call, expected_imports, expected):
    source = f"{imports}\n\nasync def main():\n    loop = {call}\n"
    result = fix_at(source, "get_running_loop", call)
    assert result.skipped == []
    assert result.new_source == f"{expected_imports}\n\nasync def main():\n    loop = {expected}\n"


def test_bare_get_event_loop_left_when_asyncio_means_something_else():
    source = "from asyncio import get_event_loop\n\n\nasync def main(asyncio):\n    return get_event_loop()\n"
    result = fix_at(source, "get_running_loop", "get_event_loop()")
    assert result.new_source == source
    assert "bound to something other" in result.skipped[0][1]


def test_get_running_loop_from_the_engine():
    source = "import asyncio\n\n\nasync def main():\n    return asyncio.get_event_loop()\n"
    assert [f.code for f in engine_findings(source)] == ["FAS503"]
    assert fixed_by_engine(source) == source.replace("get_event_loop", "get_running_loop")


# -- several findings, odd findings


def test_same_node_different_kinds_first_wins():
    source = "async def view():\n    fetch()\n"
    where = span(source, "fetch()")
    first, second = finding("insert_await", where), finding("get_running_loop", where)
    result = apply_fixes(source, [first, second])
    assert result.new_source == "async def view():\n    await fetch()\n"
    assert result.applied == [first]
    assert result.skipped[0][0] == second and "conflicts" in result.skipped[0][1]


def test_two_findings_asking_for_the_same_edit_apply_once():
    source = "import time\n\n\nasync def view():\n    time.sleep(1)\n"
    where = span(source, "time.sleep(1)")
    result = apply_fixes(source, [finding("sleep_to_asyncio_sleep", where),
                                  finding("sleep_to_asyncio_sleep", where, code="FAS105")])
    assert result.new_source.count("await asyncio.sleep(1)") == 1
    assert len(result.applied) == 2


def test_unknown_kind_and_missing_node_are_skipped():
    source = "async def view():\n    fetch()\n"
    result = apply_fixes(source, [finding("make_it_fast", span(source, "fetch()")),
                                  finding("insert_await", (2, 5, 2, 9))])
    assert result.new_source == source
    reasons = sorted(why for _, why in result.skipped)
    assert "no BaseExpression node" in reasons[0] and "unknown fix kind" in reasons[1]


def test_findings_without_fixes_do_not_parse_with_libcst(monkeypatch):
    def explode(*args, **kwargs):
        raise AssertionError("libcst was used")

    monkeypatch.setattr(cst, "parse_module", explode)
    source = "async def view():\n    fetch()\n"
    result = apply_fixes(source, [Finding(2, 4, "FAS101", "m", 2, 11)])
    assert result.new_source == source and result.applied == [] and result.skipped == []


# -- refusals


def _broken_expression() -> cst.Attribute:
    """A node libcst accepts whose code does not parse: ``1.real`` (a float, then a name)."""
    return cst.Attribute(value=cst.Integer("1"), attr=cst.Name("real"))


def test_result_that_does_not_parse_is_refused(monkeypatch):
    monkeypatch.setattr(fixes._Editor, "_insert_await", lambda self, node: (_broken_expression(), None))
    source = "import time\n\n\nasync def view():\n    fetch()\n"
    result = apply_fixes(source, [finding("insert_await", span(source, "fetch()"))])
    assert result.new_source == source
    assert result.applied == []
    [(_, why)] = result.skipped
    assert "would not parse" in why
    assert result.refused and "would not parse" in result.refused


def test_one_fix_that_does_not_parse_does_not_drop_the_others(monkeypatch):
    # the edit of fetch2() breaks the file; every other edit is still applied
    real = fixes._Editor._insert_await

    def insert_await(self, node):
        if isinstance(node, cst.Call) and getattr(node.func, "value", "") == "fetch2":
            return _broken_expression(), None
        return real(self, node)

    monkeypatch.setattr(fixes._Editor, "_insert_await", insert_await)
    source = ("import time\n\n\nasync def view():\n    fetch1()\n    fetch2()\n    time.sleep(1)\n"
              + "".join(f"    fetch{n}()\n" for n in range(3, 12)))
    found = [finding("insert_await", span(source, f"fetch{n}()")) for n in range(1, 12)]
    found.append(finding("sleep_to_asyncio_sleep", span(source, "time.sleep(1)")))
    result = apply_fixes(source, found)
    assert result.refused is None
    assert len(result.applied) == 11
    [(bad, why)] = result.skipped
    assert bad.line == 6 and "would not parse" in why
    assert "    fetch2()\n" in result.new_source and "await fetch11()" in result.new_source
    assert "await asyncio.sleep(1)" in result.new_source and "import asyncio" in result.new_source
    compile(result.new_source, "x", "exec")


def test_await_outside_async_def_is_caught_by_the_reparse(monkeypatch):
    # the context check is bypassed: the compile() re-parse must still refuse the result
    monkeypatch.setattr(fixes._Editor, "_context", lambda self: fixes.ASYNC_BODY)
    source = "def view():\n    fetch()\n"
    result = fix_at(source, "insert_await", "fetch()")
    assert result.new_source == source
    assert "'await' outside async function" in result.skipped[0][1]


def test_source_libcst_cannot_parse_is_untouched():
    # 5000 implicitly concatenated literals: fine for Python, beyond libcst's parser
    source = ASYNC_HEAD + "    time.sleep(1)\n" + "X = " + " ".join(["'a'"] * 5000) + "\n"
    ast.parse(source)
    found = engine_findings(source)
    assert [f.code for f in found] == ["FAS100"]
    result = apply_fixes(source, found)
    assert result.new_source == source
    [(_, why)] = result.skipped
    assert why.startswith("libcst cannot parse: ")


def test_internal_error_leaves_the_source(monkeypatch):
    def broken(self, edit, node):
        raise RuntimeError("boom")

    monkeypatch.setattr(fixes._Editor, "_sleep", broken)
    source = ASYNC_HEAD + "    time.sleep(1)\n"
    result = fix_at(source, "sleep_to_asyncio_sleep", "time.sleep(1)")
    assert result.new_source == source
    assert "internal error" in result.skipped[0][1]


# -- byte preservation


def test_crlf_tabs_comments_and_non_ascii_are_kept():
    source = ("# -*- coding: utf-8 -*-\r\nimport time\r\n\r\n\r\nasync def view():\r\n"
              "\tname = 'é—ü'; time.sleep(1)  # späť\r\n"
              "\tx = [1,   2]   # odd   spacing\r\n"
              "\ttime.sleep(2)\r\n")
    found = engine_findings(source)
    assert [f.code for f in found] == ["FAS100", "FAS100"]
    # the engine's columns count characters, as libcst's do: é, — and ü are one each
    assert (found[0].fix.line, found[0].fix.col, found[0].fix.end_col) == (6, 15, 28)
    result = apply_fixes(source, found)
    assert result.new_source == ("# -*- coding: utf-8 -*-\r\nimport time\r\nimport asyncio\r\n\r\n\r\n"
                                 "async def view():\r\n"
                                 "\tname = 'é—ü'; await asyncio.sleep(1)  # späť\r\n"
                                 "\tx = [1,   2]   # odd   spacing\r\n"
                                 "\tawait asyncio.sleep(2)\r\n")


def test_line_separators_inside_lines_do_not_shift_spans():
    # U+2028 in a string and a form feed on a line of its own are inside lines for Python
    # (str.splitlines would split there)
    source = ("import time\n\n\nasync def view():\n"
              "    name = 'a\u2028b'; return(time.sleep)(1)\n"
              "\x0c\n"
              "    x = [1,\n\x0c  2]; return(time.sleep)(2)\n")
    result = apply_fixes(source, [finding("sleep_to_asyncio_sleep", (5, 24, 5, 39)),
                                  finding("sleep_to_asyncio_sleep", (8, 13, 8, 28))])
    assert result.skipped == []
    assert result.new_source == ("import time\nimport asyncio\n\n\nasync def view():\n"
                                 "    name = 'a\u2028b'; return(await asyncio.sleep(1))\n"
                                 "\x0c\n"
                                 "    x = [1,\n\x0c  2]; return(await asyncio.sleep(2))\n")


def test_a_file_libcst_does_not_reproduce_is_untouched():
    # libcst drops a form feed that starts a statement's line
    source = ASYNC_HEAD + "    x = 1\n\x0c    time.sleep(1)\n"
    found = engine_findings(source)
    assert [f.code for f in found] == ["FAS100"]
    result = apply_fixes(source, found)
    assert result.new_source == source
    assert "does not reproduce" in result.skipped[0][1]


def test_a_bom_in_the_string_is_kept():
    body = ASYNC_HEAD + "    time.sleep(1)\n"
    result = apply_fixes("\ufeff" + body, [finding("sleep_to_asyncio_sleep", span(body, "time.sleep(1)"))])
    assert result.new_source == "\ufeff" + body.replace("import time\n", "import time\nimport asyncio\n").replace(
        "time.sleep(1)", "await asyncio.sleep(1)")


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("bom_crlf.py",
     b"\xef\xbb\xbfimport time\r\n\r\n\r\nasync def v():\r\n\tx = '\xc3\xa9'; time.sleep(1)\r\n",
     b"\xef\xbb\xbfimport time\r\nimport asyncio\r\n\r\n\r\nasync def v():\r\n"
     b"\tx = '\xc3\xa9'; await asyncio.sleep(1)\r\n"),
    ("latin1.py",
     b"# coding: latin-1\nimport time\n\n\nasync def v():\n    x = '\xe9'; time.sleep(1)\n",
     b"# coding: latin-1\nimport time\nimport asyncio\n\n\nasync def v():\n    x = '\xe9'; await asyncio.sleep(1)\n"),
    ("no_final_newline.py",
     b"import time\n\n\nasync def v():\n    time.sleep(1)",
     b"import time\nimport asyncio\n\n\nasync def v():\n    await asyncio.sleep(1)"),
])
def test_cli_fix_is_byte_exact(tmp_path, capsys, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    assert cli.main(["--fix", str(path)]) == 0
    assert path.read_bytes() == expected
    assert cli.main(["--fix", str(path)]) == 0  # idempotent
    assert path.read_bytes() == expected


# -- the CLI


FIXABLE_AND_NOT = (
    "import time\n\nimport requests\n\n\nasync def view():\n"
    "    time.sleep(1)\n    return requests.get('http://x')\n"
)


def test_cli_fix_reports_what_remains(tmp_path, capsys):
    path = tmp_path / "app.py"
    path.write_text(FIXABLE_AND_NOT)
    assert cli.main(["--fix", str(path)]) == 1
    out = capsys.readouterr()
    assert "FAS101" in out.out and "FAS100" not in out.out
    assert f"{path}:9:" in out.out  # the line after `import asyncio` was added
    assert "await asyncio.sleep(1)" in path.read_text()
    assert "fixed 1 finding" in out.err


def test_cli_fix_exits_0_when_nothing_remains(tmp_path, capsys):
    path = tmp_path / "app.py"
    path.write_text(ASYNC_HEAD + "    time.sleep(1)\n")
    assert cli.main(["--fix", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_cli_diff_writes_nothing(tmp_path, capsys):
    path = tmp_path / "app.py"
    path.write_text(FIXABLE_AND_NOT)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    assert cli.main(["--diff", str(path)]) == 1
    out = capsys.readouterr()
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    shown = os.path.normpath(str(path)).replace(os.sep, "/").lstrip("/")
    assert out.out.startswith(f"--- a/{shown}\n+++ b/{shown}\n@@ ")
    assert "-    time.sleep(1)\n+    await asyncio.sleep(1)\n" in out.out
    assert "+import asyncio\n" in out.out
    assert "FAS101" in out.err and "FAS101" not in out.out  # stdout is only the diff


def test_cli_diff_exit_codes(tmp_path, capsys):
    clean = tmp_path / "clean.py"
    clean.write_text("async def view():\n    return 1\n")
    assert cli.main(["--diff", str(clean)]) == 0
    only_fixable = tmp_path / "fixable.py"
    only_fixable.write_text(ASYNC_HEAD + "    time.sleep(1)\n")
    assert cli.main(["--diff", str(only_fixable)]) == 1  # a change would be made
    assert capsys.readouterr().out


def test_cli_does_not_write_a_refused_result(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(fixes._Editor, "_sleep", lambda self, edit, node: (_broken_expression(), None))
    path = tmp_path / "app.py"
    path.write_text(ASYNC_HEAD + "    time.sleep(1)\n")
    before = path.read_bytes()
    assert cli.main(["--fix", str(path)]) == 1
    out = capsys.readouterr()
    assert path.read_bytes() == before
    assert "FAS100" in out.out
    assert "not fixed" in out.err and "would not parse" in out.err


def test_cli_stdin_fix_prints_the_fixed_source():
    data = b"\xef\xbb\xbfimport time\r\n\r\n\r\nasync def v():\r\n    time.sleep(1)\r\n    open('x')\r\n"
    done = run_cli("--fix", "-", "--stdin-filename", "app.py", stdin=data)
    assert done.returncode == 1, done.stderr
    assert done.stdout == data.replace(b"time\r\n", b"time\r\nimport asyncio\r\n", 1).replace(
        b"time.sleep(1)", b"await asyncio.sleep(1)")
    assert b"app.py:7:5: FAS103" in done.stderr


def test_cli_stdin_fix_echoes_a_source_it_cannot_parse():
    data = b"async def v(:\n    time.sleep(1)\n"
    done = run_cli("--fix", "-", stdin=data)
    assert done.returncode == 2
    assert done.stdout == data


def test_second_fix_through_the_real_cli_changes_nothing(tmp_path):
    for name in ("sleep_forms.py", "insert_await.py", "drop_await.py", "get_running_loop.py",
                 "context_managers_flask.py", "context_managers_quart.py"):
        shutil.copy(FIX_FIXTURES / name, tmp_path / name)
    first = run_cli("--fix", ".", cwd=tmp_path)
    assert b"Traceback" not in first.stderr, first.stderr
    after_first = {p.name: p.read_bytes() for p in tmp_path.glob("*.py")}
    second = run_cli("--fix", ".", cwd=tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.py")} == after_first
    assert b"fixed" not in second.stderr
    assert second.stdout == first.stdout
    assert run_cli("--diff", ".", cwd=tmp_path).stdout == b""


def test_unified_diff_marks_a_missing_final_newline():
    text = unified_diff("a\nb", "a\nc", "./x.py")
    assert text.startswith("--- a/x.py\n+++ b/x.py\n")
    assert text.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")


# -- fixture pairs: tests/fixtures_fix/<name>.py -> <name>.fixed.py through the engine


FIXTURE_PAIRS = sorted(p for p in FIX_FIXTURES.glob("*.py") if not p.name.endswith(".fixed.py"))


@pytest.mark.parametrize("path", FIXTURE_PAIRS, ids=lambda p: p.stem)
def test_fixture_pair(path):
    expected_path = path.with_name(path.stem + ".fixed.py")
    assert expected_path.is_file(), f"{expected_path.name} is missing"
    source = path.read_text(encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    result = apply_fixes(source, engine_findings(source), str(path))
    assert result.applied, "the fixture should have something to fix"
    assert result.new_source == expected
    # the fixed file has no fix left to apply
    again = apply_fixes(expected, engine_findings(expected))
    assert again.new_source == expected and again.applied == []


# -- the seed examples, end to end


def _line_map(old: list[str], new: list[str]) -> tuple[dict[int, int], list[tuple[str, int, int, int, int]]]:
    """Old line number -> new line number for lines kept or replaced one for one, and the opcodes."""
    mapping: dict[int, int] = {}
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for offset in range(i2 - i1):
                mapping[i1 + offset + 1] = j1 + offset + 1
    return mapping, opcodes


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed_examples is not beside this checkout "
                                              "(CI has it; a user's clone does not)")
def test_fix_on_the_seed_examples(tmp_path):
    work = tmp_path / "seed"
    shutil.copytree(SEED, work)
    files = sorted(work.rglob("*.py"))
    before = {p: p.read_bytes() for p in files}
    findings_before = {p: cli.lint_source(cli.decode_source(before[p]), str(p), cli_settings(), all_codes())
                       for p in files}
    fixable = sum(1 for found in findings_before.values() for f in found if f.fix)
    assert fixable, "the seed examples have fixable findings (FAS100, FAS200, FAS500, FAS503)"

    first = run_cli("--fix", ".", cwd=work)
    assert b"Traceback" not in first.stderr, first.stderr
    assert b"not fixed" not in first.stderr, first.stderr
    after = {p: p.read_bytes() for p in files}
    for path in files:
        text = cli.decode_source(after[path])
        compile(text, str(path), "exec", dont_inherit=True)  # still parses
        cst.parse_module(text)
        old_lines = cli.decode_source(before[path]).splitlines()
        new_lines = text.splitlines()
        mapping, opcodes = _line_map(old_lines, new_lines)
        had = findings_before[path]
        fixed_lines = {line for f in had if f.fix for line in range(f.fix.line, f.fix.end_line + 1)}
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                continue
            assert tag in ("replace", "insert"), f"{path.name}: lines {i1 + 1}-{i2} deleted"
            assert all(old + 1 in fixed_lines for old in range(i1, i2)), (
                f"{path.name}: a line without a fixable finding changed: {old_lines[i1:i2]}")
            if tag == "insert" or i2 - i1 != j2 - j1:
                added = [line for line in new_lines[j1:j2] if line.strip()]
                assert all(line.startswith("import asyncio") or
                           any(line == old for old in old_lines[i1:i2]) or
                           any(word in line for word in ("await ", "async with", "get_running_loop"))
                           for line in added), f"{path.name}: unexpected lines {added}"
        findings_after = cli.lint_source(text, str(path), cli_settings(), all_codes())
        want = collections.Counter((f.code, mapping.get(f.line)) for f in had if f.fix is None)
        got = collections.Counter((f.code, f.line) for f in findings_after)
        # every finding that had a fix is gone (none of the seed's fixes is refused), the rest remain
        assert got == want, f"{path.name}: after --fix {sorted(got.elements())}, want {sorted(want.elements())}"

    second = run_cli("--fix", ".", cwd=work)
    assert {p: p.read_bytes() for p in files} == after
    assert b"fixed" not in second.stderr


def cli_settings():
    from flask_async_lint.settings import DEFAULT_SETTINGS

    return DEFAULT_SETTINGS


def all_codes() -> frozenset[str]:
    return cli.enabled_codes("", "")


# -- red-team findings (each drives the real CLI)


def _fix_in(tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    shutil.copy(FIX_FIXTURES / name, tmp_path / name)
    return run_cli("--fix", "--no-cache", *args, name, cwd=tmp_path)


@pytest.mark.parametrize(("name", "unfixed_line"), [
    ("with_several_items_flask.py", 9), ("with_several_items_quart.py", 8)])
def test_cli_fix_toggles_with_only_when_every_item_is_a_framework_context(tmp_path, name, unfixed_line):
    done = _fix_in(tmp_path, name)
    assert done.returncode == 1, done.stderr
    fixed = FIX_FIXTURES / name.replace(".py", ".fixed.py")
    assert (tmp_path / name).read_bytes() == fixed.read_bytes()
    assert f"{name}:{unfixed_line}:5: FAS500".encode() in done.stdout
    assert b"fixed 1 finding" in done.stderr


def test_cli_fix_adds_import_asyncio_when_it_is_imported_only_conditionally(tmp_path):
    name = "asyncio_imported_conditionally.py"
    done = _fix_in(tmp_path, name)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / name).read_bytes() == (FIX_FIXTURES / name.replace(".py", ".fixed.py")).read_bytes()
    ran = subprocess.run([sys.executable, "-c", "import asyncio, asyncio_imported_conditionally as m; "
                          "print(asyncio.run(m.view()))"], cwd=tmp_path, capture_output=True, text=True)
    assert ran.returncode == 0 and ran.stdout == "done\n", ran.stderr


def test_cli_fix_type_checking_import_alone_still_gets_a_real_import(tmp_path):
    (tmp_path / "app.py").write_text(
        "from typing import TYPE_CHECKING\nimport time\n\nif TYPE_CHECKING:\n    import asyncio\n\n\n"
        "async def view():\n    time.sleep(0.01)\n    return 'done'\n")
    done = run_cli("--fix", "--no-cache", "app.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    fixed = (tmp_path / "app.py").read_text()
    assert fixed.startswith("from typing import TYPE_CHECKING\nimport time\nimport asyncio\n")
    ran = subprocess.run([sys.executable, "-c", "import asyncio, app; print(asyncio.run(app.view()))"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert ran.stdout == "done\n", ran.stderr


def test_cli_fix_leaves_get_event_loop_in_a_generator_expression(tmp_path):
    source = ("import asyncio\n\n\nasync def view():\n"
              "    g = (asyncio.get_event_loop() for _ in range(1))\n"
              "    f = lambda: asyncio.get_event_loop()\n    return g, f\n")
    (tmp_path / "app.py").write_text(source)
    done = run_cli("--fix", "--no-cache", "app.py", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == b"", done.stdout + done.stderr
    assert (tmp_path / "app.py").read_text() == source


def test_cli_fix_rewrites_aliased_callees(tmp_path):
    name = "aliased_callees.py"
    done = _fix_in(tmp_path, name)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / name).read_bytes() == (FIX_FIXTURES / name.replace(".py", ".fixed.py")).read_bytes()
    assert b"fixed 5 findings" in done.stderr and b"not fixed" not in done.stderr


def test_cli_says_why_a_fix_was_skipped_and_applies_the_others(tmp_path):
    name = "await_in_annotation.py"
    done = _fix_in(tmp_path, name)
    assert done.returncode == 1
    assert (tmp_path / name).read_bytes() == (FIX_FIXTURES / name.replace(".py", ".fixed.py")).read_bytes()
    err = done.stderr.decode()
    assert f"{name}:11:14: FAS200 not fixed: in an annotation, where await is not allowed\n" in err
    assert "fixed 1 finding" in err
    assert [line.split()[0] for line in done.stdout.decode().splitlines()] == [f"{name}:11:14:"]


def test_cli_names_lone_carriage_returns_as_the_reason_a_file_is_not_fixed(tmp_path):
    (tmp_path / "app.py").write_bytes(b"import time\rasync def v():\r    time.sleep(1)\r    return 1\r")
    done = run_cli("--fix", "--no-cache", "app.py", cwd=tmp_path)
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "lone carriage returns (CR)" in err and "form feed" not in err
    assert len(err.splitlines()) == 1, err


def test_the_editor_walks_only_the_statements_that_hold_an_edit(monkeypatch):
    visited = collections.Counter()
    real = fixes._Editor.on_visit

    def counting(self, node):
        visited[type(node).__name__] += 1
        return real(self, node)

    monkeypatch.setattr(fixes._Editor, "on_visit", counting)
    source = ASYNC_HEAD + "".join(f"    x{n} = [{n}, ({n},)]\n" for n in range(2000)) + "    time.sleep(1)\n"
    result = apply_fixes(source, engine_findings(source))
    assert len(result.applied) == 1
    assert visited["SimpleStatementLine"] == 2002  # looked at, not entered
    assert visited["Integer"] < 10
