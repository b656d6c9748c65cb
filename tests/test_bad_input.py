"""Files a linter meets in the wild, through real flake8 and the real CLI.

Each case file is linted together with ``good.py`` (one known finding), so a case that
broke the run would also lose that finding. flake8 with the plugin is compared with a
bare flake8 that has the plugin removed from its plugin list (same interpreter, same
flake8, same options): apart from its own FAS lines the plugin must change nothing.

Every ``time.sleep(`` in a case file sits in a coroutine, so each one must be reported
as FAS100 exactly there: the 1-based character column of the call in the line as Python
splits lines (``\\r\\n``, ``\\r`` or ``\\n``), which is also what pycodestyle uses: where a
``;`` plus one blank precedes the call, E702 (reported at the ``;``) must sit two columns
to the left of the FAS100.
"""
from __future__ import annotations

import ast
import io
import os
import re
import sys
import textwrap
import tokenize
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from harness import BIN, run

GOOD = b"import time\n\n\nasync def known():\n    time.sleep(1)\n"
GOOD_FINDING = ("good.py", 5, 5, "FAS100")

NEEDLE = "time.sleep("
LINE_BREAK = re.compile(r"\r\n|\r|\n")
REPORT = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<text>.*)$")
SELECT = "E702,E9,FAS"

# The same flake8 with this plugin taken out of the plugin list it found: everything else
# (options, other plugins, the interpreter) is identical, so the difference is the plugin.
BARE_FLAKE8 = textwrap.dedent("""
    import sys
    import flake8.plugins.finder as finder
    _find = finder.find_plugins
    finder.find_plugins = lambda cfg, opts: [
        p for p in _find(cfg, opts) if p.package != "flask-async-lint"
    ]
    from flake8.main.cli import main
    sys.exit(main())
""")


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    flake8_parses: bool  # does flake8 build a tree (no E999/E902) on this Python?
    cli_reads: bool  # can the CLI (which decodes as Python does) parse it?
    known_bug: str = ""  # set while a bug in the product keeps the case failing


def _view(body: str, header: str = "import time\n\n\n") -> bytes:
    return (header + "async def view():\n" + textwrap.indent(body, "    ")).encode("utf-8")


def _nested_blocks(levels: int) -> bytes:
    openers = ["if x:", "for i in x:", "while x:", "with x:", "async with x:", "async for i in x:"]
    lines = ["import time", "", "", "async def view(x):"]
    for depth in range(levels):
        lines.append("    " * (depth + 1) + openers[depth % len(openers)])
    lines.append("    " * (levels + 1) + 'y = "é"; time.sleep(1)')
    return ("\n".join(lines) + "\n").encode("utf-8")


def _big_file(lines: int) -> bytes:
    head = ["import time", "from flask import Flask", "", "app = Flask(__name__)", ""]
    per_view = 5
    views = (lines - len(head)) // per_view
    out = head[:]
    for i in range(views):
        out += [f'@app.route("/v{i}")', f"async def v{i}():", "    time.sleep(1)", '    return "ok"', ""]
    out += [""] * (lines - len(out))
    return ("\n".join(out) + "\n").encode("utf-8")


NEWER_SYNTAX = sys.version_info >= (3, 12)

CASES = [
    Case("syntax_error", b"import time\n\nasync def view(:\n    time.sleep(1)\n", False, False),
    Case("tab_error", b"import time\n\nasync def view():\n    if x:\n\ttime.sleep(1)\n", False, False),
    # Python refuses undecodable source; flake8 falls back to latin-1 and lints it.
    Case("non_utf8_no_cookie", b'import time\n\nasync def view():\n    x = "\xff\xfe"; time.sleep(1)\n', True, False),
    Case("latin1_with_cookie",
         '# -*- coding: latin-1 -*-\nimport time\n\nasync def view():\n    x = "café"; time.sleep(1)\n'
         .encode("latin-1"), True, True),
    Case("utf8_bom", b"\xef\xbb\xbf" + _view('x = "é"; time.sleep(1)\n'), True, True),
    Case("utf8_bom_first_line", '\ufeffasync def view(): import time; x = "é"; time.sleep(1)\n'.encode(), True, True),
    Case("crlf", _view('x = "é"; time.sleep(1)\n').replace(b"\n", b"\r\n"), True, True),
    Case("lone_cr", _view('x = "é"; time.sleep(1)\n').replace(b"\n", b"\r"), True, True),
    Case("tabs", b'import time\n\n\nasync def view(x):\n\tif x:\n\t\ty = "\xc3\xa9";\ttime.sleep(1)\n', True, True),
    Case("astral_chars", _view('x = "\U0001F600\U0001F600"; time.sleep(1)\nz = "日本"; time.sleep(2)\n'), True, True),
    # Python ends a line only at \r or \n; str.splitlines() also splits at a form feed,
    # U+2028 and the like, so a column computed on splitlines() lines lands on a wrong line.
    Case("form_feed_line", _view('x = "é"; time.sleep(1)\n', header="import time\n\x0c\n\n"), True, True),
    Case("line_separator_in_comment",
         _view('x = "é"; time.sleep(1)\n', header="import time\n# a\u2028b\u0085c\n\n"), True, True),
    Case("nul_byte", b"import time\n\nasync def view():\n    time.sleep(1)\x00\n", False, False),
    Case("empty", b"", True, True),
    Case("only_a_comment", b"# async def nothing(): pass", True, True),
    Case("hundred_nested_brackets",
         _view("x = " + "[" * 100 + "time.sleep(1)" + "]" * 100 + "\n" + "y = " + "(" * 100 + "1" + ")" * 100
               + "; time.sleep(1)\n"), True, True),
    Case("sixty_nested_blocks", _nested_blocks(60), True, True),
    Case("match_statement", _view(textwrap.dedent("""\
        match time.sleep(1):
            case {"k": [1, *rest]} if rest:
                y = "é"; time.sleep(1)
            case Point(x=0) | None:
                pass
            case _:
                time.sleep(1)
        """)), True, True),
    Case("pep695_type_alias", _view("time.sleep(1)\n", header="import time\n\ntype Pair[T] = tuple[T, T]\n\n\n"),
         NEWER_SYNTAX, NEWER_SYNTAX),
    Case("pep701_fstring", _view('x = f"{"nested"}"; time.sleep(1)\n'), NEWER_SYNTAX, NEWER_SYNTAX),
    Case("hundred_thousand_lines", _big_file(100_000), True, True),
]


def params(cases: list[Case]) -> list:
    return [pytest.param(case, id=case.name,
                         marks=[pytest.mark.xfail(strict=True, reason=case.known_bug)] if case.known_bug else [])
            for case in cases]


def flake8_decode(data: bytes) -> str:
    """The text flake8 lints: the coding cookie or BOM, else UTF-8, else latin-1."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return data.decode("latin-1")


def needle_positions(data: bytes) -> set[tuple[int, int]]:
    """(line, 1-based character column) of every ``time.sleep(`` call in the file."""
    text = flake8_decode(data).lstrip("\ufeff")
    found = set()
    for number, line in enumerate(LINE_BREAK.split(text), 1):
        start = line.find(NEEDLE)
        while start != -1:
            found.add((number, start + 1))
            start = line.find(NEEDLE, start + 1)
    return found


def parse_report(stdout: str) -> list[tuple[str, int, int, str, str]]:
    rows = []
    for raw in stdout.splitlines():
        match = REPORT.match(raw)
        assert match, f"unparsable output line: {raw!r}"
        rows.append((match["path"], int(match["line"]), int(match["col"]), match["code"], match["text"]))
    return rows


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    rows: list[tuple[str, int, int, str, str]]

    def rows_for(self, path: str) -> list[tuple[int, int, str]]:
        return sorted((line, col, code) for p, line, col, code, _ in self.rows if p == path)


def _outcome(args: list[str], cwd: Path) -> Outcome:
    done = run(args, cwd=cwd)
    return Outcome(done.returncode, done.stdout, done.stderr, parse_report(done.stdout))


def flake8_with_plugin(files: list[str], cwd: Path) -> Outcome:
    return _outcome([str(BIN / "flake8"), "--isolated", "-j1", "--select", SELECT, *files], cwd)


def flake8_bare(files: list[str], cwd: Path) -> Outcome:
    return _outcome([sys.executable, "-c", BARE_FLAKE8, "--isolated", "-j1", "--select", SELECT, *files], cwd)


def cli(files: list[str], cwd: Path) -> Outcome:
    done = run([str(BIN / "flask-async-lint"), *files], cwd=cwd)
    rows = [r for r in parse_report(done.stdout)]
    return Outcome(done.returncode, done.stdout, done.stderr, rows)


@pytest.fixture(scope="session")
def matrix(tmp_path_factory) -> dict[str, dict[str, Outcome]]:
    """Every case through plugin flake8, bare flake8 and the CLI, two at a time."""
    folder = tmp_path_factory.mktemp("bad_input")
    (folder / "good.py").write_bytes(GOOD)
    jobs: dict[tuple[str, str], Callable[[], Outcome]] = {}
    for case in CASES:
        name = f"{case.name}.py"
        (folder / name).write_bytes(case.data)
        files = [name, "good.py"]
        jobs[(case.name, "plugin")] = lambda files=files: flake8_with_plugin(files, folder)
        jobs[(case.name, "bare")] = lambda files=files: flake8_bare(files, folder)
        jobs[(case.name, "cli")] = lambda files=files: cli(files, folder)
    # The 100 000-line file dominates: start its runs first so the small ones fill in.
    order = sorted(jobs, key=lambda key: key[0] != "hundred_thousand_lines")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {key: pool.submit(jobs[key]) for key in order}
        results: dict[str, dict[str, Outcome]] = {}
        for (case_name, front), future in futures.items():
            results.setdefault(case_name, {})[front] = future.result()
    return results


def test_bare_flake8_really_runs_without_the_plugin(tmp_path):
    with_plugin = run([str(BIN / "flake8"), "--version"], cwd=tmp_path)
    bare = run([sys.executable, "-c", BARE_FLAKE8, "--version"], cwd=tmp_path)
    assert "flask-async-lint" in with_plugin.stdout
    assert "flask-async-lint" not in bare.stdout and "pycodestyle" in bare.stdout


@pytest.mark.parametrize("case", params(CASES))
def test_flake8_with_the_plugin_behaves_as_bare_flake8(case: Case, matrix):
    plugin, bare = matrix[case.name]["plugin"], matrix[case.name]["bare"]
    name = f"{case.name}.py"
    for outcome in (plugin, bare):
        for stream in (outcome.stdout, outcome.stderr):
            assert "Traceback" not in stream and "plugin raised" not in stream.lower(), stream[-3000:]
        assert "FAS900" not in outcome.stdout, outcome.stdout[-3000:]
    assert plugin.stderr == bare.stderr
    # flake8 exits 1 exactly when it printed something, with or without the plugin.
    assert bare.returncode == (1 if bare.rows else 0), bare.stderr
    assert plugin.returncode == (1 if plugin.rows else 0), plugin.stderr

    others = [(line, col, code) for line, col, code in plugin.rows_for(name) if not code.startswith("FAS")]
    assert others == bare.rows_for(name)
    broken = any(code in ("E902", "E999") for _, _, code in bare.rows_for(name))
    assert broken == (not case.flake8_parses), bare.rows_for(name)

    got = {(line, col) for line, col, code in plugin.rows_for(name) if code.startswith("FAS")}
    assert all(code == "FAS100" for _, _, code in plugin.rows_for(name) if code.startswith("FAS"))
    want = needle_positions(case.data) if case.flake8_parses else set()
    assert got == want, f"missing {sorted(want - got)[:5]}, unexpected {sorted(got - want)[:5]}"
    assert len(plugin.rows_for(name)) == len(set(plugin.rows_for(name))), "a finding was reported twice"

    # The other file of the same run keeps its finding.
    assert GOOD_FINDING[1:] in plugin.rows_for("good.py")
    assert bare.rows_for("good.py") == []


@pytest.mark.parametrize("case", params([c for c in CASES if c.flake8_parses]))
def test_columns_agree_with_pycodestyle(case: Case, matrix):
    """Where E702 marks the ``;`` just before a call, the FAS100 is two characters later."""
    rows = matrix[case.name]["plugin"].rows_for(f"{case.name}.py")
    text_lines = LINE_BREAK.split(flake8_decode(case.data).lstrip("\ufeff"))
    checked = 0
    for line, col, code in rows:
        if code != "FAS100":
            continue
        before = text_lines[line - 1][: col - 1]
        if not re.search(r";[ \t]$", before):
            continue
        semicolons = [c for ln, c, cd in rows if ln == line and cd == "E702" and c < col]
        assert semicolons and max(semicolons) == col - 2, (line, col, rows)
        checked += 1
    if ";" in flake8_decode(case.data) and NEEDLE in flake8_decode(case.data):
        assert checked, "the case has a '; time.sleep(' line but no FAS100 was checked against E702"


@pytest.mark.parametrize("case", params(CASES))
def test_cli_reports_an_unreadable_file_in_one_line_and_goes_on(case: Case, matrix):
    outcome = matrix[case.name]["cli"]
    name = f"{case.name}.py"
    assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]
    assert GOOD_FINDING[1:] in outcome.rows_for("good.py")
    if case.cli_reads:
        assert outcome.returncode == 1, outcome.stderr
        assert outcome.stderr == ""
        got = {(line, col) for line, col, code in outcome.rows_for(name)}
        assert got == needle_positions(case.data)
        # Same spots as flake8 reports.
        flake8_fas = [r for r in matrix[case.name]["plugin"].rows_for(name) if r[2].startswith("FAS")]
        assert outcome.rows_for(name) == flake8_fas
    else:
        assert outcome.returncode == 2
        lines = outcome.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{name}: error: "), outcome.stderr
        assert outcome.rows_for(name) == []


@pytest.mark.parametrize("kind", ["missing", "dangling_symlink_in_a_folder"])
def test_cli_unreadable_path(kind: str, tmp_path):
    (tmp_path / "good.py").write_bytes(GOOD)
    if kind == "missing":
        target = "missing.py"
    else:
        (tmp_path / "pkg").mkdir()
        (tmp_path / "pkg" / "gone.py").symlink_to(tmp_path / "nowhere.py")
        (tmp_path / "pkg" / "fine.py").write_bytes(GOOD)
        target = "pkg"
    outcome = cli([target, "good.py"], tmp_path)
    assert outcome.returncode == 2
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and ": error: cannot read" in lines[0], outcome.stderr
    assert GOOD_FINDING[1:] in outcome.rows_for("good.py")
    if kind != "missing":
        assert outcome.rows_for(os.path.join("pkg", "fine.py")) == [GOOD_FINDING[1:]]


# -- forced internal errors: one FAS900 line, the rest of the run goes on

FAILING_SOURCE = b"import time\n\n\nasync def boom():\n    time.sleep(1)  # TRIGGER_INTERNAL_ERROR\n"

# Loaded at interpreter start (PYTHONPATH), so every flake8 worker process has it too,
# whatever the multiprocessing start method. It replaces the engine's lint() wherever a
# module of the package holds a reference to it, and fails only on the marked file.
SITECUSTOMIZE = textwrap.dedent("""
    import sys
    import flask_async_lint.cli
    import flask_async_lint.engine
    import flask_async_lint.flake8_plugin

    _real_lint = flask_async_lint.engine.lint

    def _failing_lint(tree, source, *args, **kwargs):
        if "TRIGGER_INTERNAL_ERROR" in source:
            raise RuntimeError("forced failure\\non two lines")
        return _real_lint(tree, source, *args, **kwargs)

    for _name, _module in list(sys.modules.items()):
        if _name.startswith("flask_async_lint") and getattr(_module, "lint", None) is _real_lint:
            _module.lint = _failing_lint
""")


@pytest.fixture
def failing_engine(tmp_path) -> tuple[Path, dict[str, str]]:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    work = tmp_path / "work"
    work.mkdir()
    (work / "boom.py").write_bytes(FAILING_SOURCE)
    (work / "good.py").write_bytes(GOOD)
    (work / "also_good.py").write_bytes(GOOD)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))}
    return work, env


@pytest.mark.parametrize("jobs", ["-j1", "-j2"])
def test_flake8_turns_an_internal_error_into_one_fas900(failing_engine, jobs: str):
    import subprocess

    work, env = failing_engine
    done = subprocess.run(
        [str(BIN / "flake8"), "--isolated", jobs, "--select", "FAS", "good.py", "boom.py", "also_good.py"],
        cwd=work, env=env, capture_output=True, text=True, timeout=300,
    )
    assert "Traceback" not in done.stderr and "plugin raised" not in done.stderr.lower(), done.stderr
    rows = parse_report(done.stdout)
    fas900 = [r for r in rows if r[3] == "FAS900"]
    assert [(p, line, col) for p, line, col, _, _ in fas900] == [("boom.py", 1, 1)], done.stdout
    assert "RuntimeError: forced failure" in fas900[0][4]
    assert [r for r in rows if r[0] == "boom.py" and r[3] != "FAS900"] == []
    for other in ("good.py", "also_good.py"):
        assert [(line, col, code) for p, line, col, code, _ in rows if p == other] == [GOOD_FINDING[1:]]
    assert done.returncode == 1


def test_cli_turns_an_internal_error_into_one_fas900(failing_engine):
    import subprocess

    work, env = failing_engine
    done = subprocess.run(
        [str(BIN / "flask-async-lint"), "good.py", "boom.py", "also_good.py"],
        cwd=work, env=env, capture_output=True, text=True, timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    rows = parse_report(done.stdout)
    assert [(p, code) for p, _, _, code, _ in rows if p == "boom.py"] == [("boom.py", "FAS900")], done.stdout
    for other in ("good.py", "also_good.py"):
        assert [(line, col, code) for p, line, col, code, _ in rows if p == other] == [GOOD_FINDING[1:]]
    assert done.returncode in (1, 2)


@pytest.mark.parametrize("error", [RuntimeError("boom"), RecursionError("deep"), KeyError("k"), MemoryError()])
def test_plugin_run_never_raises(monkeypatch, error: BaseException):
    from flask_async_lint import flake8_plugin

    def failing_lint(*args, **kwargs):
        raise error

    monkeypatch.setattr(flake8_plugin, "lint", failing_lint)
    source = FAILING_SOURCE.decode()
    results = list(flake8_plugin.Plugin(ast.parse(source), source.splitlines(True)).run())
    assert len(results) == 1
    line, col, message, _ = results[0]
    assert (line, col) == (1, 0) and message.startswith("FAS900 ")
    assert type(error).__name__ in message and "\n" not in message


# -- deep nesting in the engine itself (no timing: only that it answers)

def _deep_sources() -> dict[str, str]:
    head = "import time\n\n\n"
    nested_defs = head + "".join("    " * i + f"async def f{i}():\n" for i in range(90)) + "    " * 90 + "time.sleep(1)\n"
    nested_classes = (head + "".join("    " * i + f"class C{i}:\n" for i in range(90))
                      + "    " * 90 + "async def m(self):\n" + "    " * 91 + "time.sleep(1)\n")
    call = "async def f(a):\n    x = {}\n    time.sleep(1)\n"
    return {
        "nested_async_defs": nested_defs,
        "nested_classes": nested_classes,
        "nested_calls": head + call.format("a(" * 180 + ")" * 180),
        "nested_awaits": head + call.format("await (" * 150 + "a" + ")" * 150),
        "nested_lambdas": head + call.format("lambda: " * 150 + "time.sleep(1)"),
        "nested_dicts": head + call.format("{1: " * 150 + "1" + "}" * 150),
        "nested_comprehensions": head + call.format("[" * 60 + "x for x in a" + "]" * 60),
        "long_and_chain": head + call.format(" and ".join(["a"] * 10_000)),
        "long_comparison": head + call.format(" < ".join(["a"] * 10_000)),
        "long_string_concatenation": head + call.format(" ".join(['"a"'] * 10_000)),
    }


@pytest.mark.parametrize("name,source", list(_deep_sources().items()), ids=list(_deep_sources()))
def test_engine_survives_deep_nesting(name: str, source: str):
    from flask_async_lint.engine import lint

    findings = lint(ast.parse(source), source)
    assert ("FAS100" in {f.code for f in findings}), name


@pytest.mark.parametrize("links", [30, 5000])
@pytest.mark.parametrize("where", ["module", "function"])
def test_engine_survives_a_long_alias_chain(where: str, links: int):
    """A chain of aliases is followed to a useful depth (30 links), and an absurd one (5000)
    is given up on instead of exhausting the recursion limit."""
    from flask_async_lint.engine import lint

    if where == "module":
        source = ("import time\nt0 = time\n" + "".join(f"t{i + 1} = t{i}\n" for i in range(links))
                  + f"async def f():\n    t{links}.sleep(1)\n")
    else:
        source = ("import time\nasync def f():\n    t0 = time\n"
                  + "".join(f"    t{i + 1} = t{i}\n" for i in range(links)) + f"    t{links}.sleep(1)\n")
    findings = lint(ast.parse(source), source)
    assert [f.code for f in findings] == (["FAS100"] if links <= 30 else [])


# -- a symlink loop: one line per path that cannot be read, exit 2, never a traceback


def _symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_bytes(GOOD)
    loop = tmp_path / "lp"
    loop.mkdir()
    (loop / "a.py").symlink_to("b.py")
    (loop / "b.py").symlink_to("a.py")


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_cli_symlink_loop_as_the_first_path(tmp_path, cache):
    _symlink_loop(tmp_path)
    named = cli([*cache, os.path.join("lp", "a.py"), "good.py"], tmp_path)
    assert named.returncode == 2
    assert named.stderr.splitlines() == [f"{os.path.join('lp', 'a.py')}: error: cannot read: symlink loop"]
    assert named.rows_for("good.py") == [GOOD_FINDING[1:]]

    walked = cli([*cache, "."], tmp_path / "lp")
    assert walked.returncode == 2 and "Traceback" not in walked.stderr
    assert sorted(walked.stderr.splitlines()) == [
        f"{os.path.join('.', name)}: error: cannot read: Too many levels of symbolic links"
        for name in ("a.py", "b.py")]

    alone = cli([*cache, "--fix", os.path.join("lp", "a.py")], tmp_path)
    assert alone.returncode == 2 and len(alone.stderr.splitlines()) == 1, alone.stderr


def test_cli_symlink_loop_as_the_stdin_filename(tmp_path):
    _symlink_loop(tmp_path)
    for fix in ([], ["--fix"]):
        done = run([str(BIN / "flask-async-lint"), *fix, "-", "--stdin-filename", os.path.join("lp", "a.py")],
                   stdin=GOOD, cwd=tmp_path)
        assert done.returncode == 2
        [line] = done.stderr.splitlines()
        assert line.startswith(f"{os.path.join('lp', 'a.py')}: error: ") and "symlink loop" in line
        assert done.stdout == (GOOD.decode() if fix else "")  # an editor's buffer comes back


# -- a message quotes source: it stays on one line


ROUTE_WITH_A_NEWLINE = (b'import time\nfrom flask import Flask\napp = Flask(__name__)\n'
                        b'@app.route("/x%25\\ny,z:w")\nasync def v():\n    time.sleep(1)\n')


def test_a_newline_in_a_quoted_route_stays_escaped_on_one_line(tmp_path):
    (tmp_path / "route.py").write_bytes(ROUTE_WITH_A_NEWLINE)
    for outcome in (cli(["route.py"], tmp_path), flake8_with_plugin(["route.py"], tmp_path)):
        [row] = outcome.rows  # parse_report fails on a line that is not a finding
        assert row[:4] == ("route.py", 6, 5, "FAS100")
        assert "(GET /x%25\\ny,z:w)" in row[4]
