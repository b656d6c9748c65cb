"""No valid program makes the engine raise.

Three sources of programs: hypothesmith (any program the Python grammar allows), a small
generator of the code this linter cares about (imports of the tabled libraries, Flask and
Quart apps, views, helpers, tasks, awaits, nested blocks) put together at random, and
mutations of the fixture files. Every program that ``ast.parse`` accepts is linted; the
engine must return findings whose positions lie inside the file, and never raise.

The example counts are small so that the suite stays fast; FAL_PROPERTY_EXAMPLES=N sets
them all, and the ``slow`` tests (``pytest -m slow``) run each search much longer. On CI
(CI set) the search is derandomised, so a submission is never failed by a new random draw;
run locally to explore.
"""
from __future__ import annotations

import ast
import functools
import os
import re
import textwrap
import warnings
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from flask_async_lint.engine import lint
from flask_async_lint.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.rglob("*.py"))
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Gets the file past the engine's pre-filter so that its facts are built and rules run.
EVENT_LOOP_PREFIX = "import asyncio\nasync def _prefix():\n    pass\n"

SLOW_EXAMPLES = 3000

# hypothesmith compiles what it generates, and code like `1[2]` is valid but warned about.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")


def examples(default: int) -> int:
    return int(os.environ.get("FAL_PROPERTY_EXAMPLES", default))


def search(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


def parse(source: str) -> ast.Module | None:
    with warnings.catch_warnings():
        # Generated code is full of `1[2]`, `"x" is 1`...: valid, and warned about.
        warnings.simplefilter("ignore")
        try:
            return ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None


def lint_must_not_raise(source: str, lint_settings: Settings | None = None) -> None:
    tree = parse(source)
    assume(tree is not None)
    findings = lint(tree, source, lint_settings) if lint_settings else lint(tree, source)
    line_count = len(LINE_BREAK.split(source))
    for finding in findings:
        assert 1 <= finding.line <= line_count, finding
        assert finding.col >= 0, finding
        assert re.fullmatch(r"FAS\d{3}", finding.code), finding
        assert finding.message and "\n" not in finding.message, finding


def wrap_in_coroutine(source: str, header: str = "import asyncio\n", decorator: str = "") -> str:
    return header + decorator + "async def _wrapped():\n" + (textwrap.indent(source, "    ") or "    pass\n") + "\n    pass\n"


# -- 1. hypothesmith: anything the grammar allows

def grammar_programs(max_examples: int):
    @search(max_examples)
    @given(hypothesmith.from_grammar())
    def check(source: str):
        lint_must_not_raise(source)
        lint_must_not_raise(EVENT_LOOP_PREFIX + source)
        lint_must_not_raise(wrap_in_coroutine(source))
    return check


def libcst_programs(max_examples: int):
    @search(max_examples)
    @given(hypothesmith.from_node())
    def check(source: str):
        lint_must_not_raise(EVENT_LOOP_PREFIX + source)
        lint_must_not_raise(wrap_in_coroutine(source))
    return check


test_grammar_programs = grammar_programs(examples(60))
test_libcst_programs = libcst_programs(examples(15))


# -- 2. programs made of the constructs the rules look at

IMPORTS = [
    "import time", "import time as t", "from time import sleep", "import asyncio",
    "from asyncio import create_task, get_event_loop", "import requests", "from requests import get",
    "import httpx", "import urllib.request", "import sqlite3", "import subprocess", "import os",
    "from os import system", "import shutil", "import threading", "import queue", "import redis",
    "import redis.asyncio as aioredis", "from pathlib import Path", "import hashlib", "import zlib",
    "from werkzeug.security import generate_password_hash", "from flask import Flask, Blueprint, "
    "render_template, jsonify, request, abort, current_app, g", "from flask.views import MethodView",
    "from quart import Quart, render_template, request, websocket, jsonify",
    "from flask_sqlalchemy import SQLAlchemy", "from sqlalchemy.orm import sessionmaker, Session",
    "from sqlalchemy import create_engine", "from concurrent.futures import ThreadPoolExecutor",
    "from typing import TYPE_CHECKING", "from . import store", "from .store import get_user",
    "import app.store as store", "import aiohttp", "import functools",
]
MODULE_BINDINGS = [
    "app = Flask(__name__)", "app = Quart(__name__)", "bp = Blueprint('bp', __name__)",
    "db = SQLAlchemy(app)", "session = requests.Session()", "conn = sqlite3.connect('x.db')",
    "N = 10**6", "M = 1_000 * 1_000", "lock = threading.Lock()", "q = queue.Queue()",
    "cache = redis.Redis()", "client = httpx.AsyncClient()", "BASE = Path('.')",
    "SessionLocal = sessionmaker(bind=create_engine('sqlite://'))", "pool = ThreadPoolExecutor()",
    "tasks = set()", "time = None", "requests = object()", "sleep = asyncio.sleep",
]
NAMES = ["time", "t", "sleep", "asyncio", "requests", "get", "httpx", "sqlite3", "conn", "session",
         "db", "cache", "client", "lock", "q", "app", "bp", "request", "websocket", "g", "store",
         "get_user", "helper", "other", "view", "task", "tasks", "loop", "x", "y", "self", "cls",
         "BASE", "N", "pool", "SessionLocal", "render_template", "jsonify", "abort", "Path", "open",
         "subprocess", "os", "system", "shutil", "zlib", "hashlib", "functools", "range", "print"]
ATTRIBUTES = ["sleep", "get", "post", "Session", "connect", "execute", "query", "commit", "session",
              "run", "Popen", "system", "read_text", "write_bytes", "create_task", "ensure_future",
              "gather", "wait", "wait_for", "to_thread", "run_in_executor", "get_event_loop",
              "get_running_loop", "new_event_loop", "run_until_complete", "run", "app_context",
              "test_request_context", "get_json", "form", "json", "receive", "send", "acquire",
              "put", "hash", "compress", "pbkdf2_hmac", "route", "before_request", "errorhandler",
              "add_url_rule", "add_background_task", "urlopen", "request", "add", "append", "f"]
DECORATORS = ["", "@app.route('/x')\n", "@app.get('/y/<int:i>')\n", "@bp.post('/z')\n",
              "@app.before_request\n", "@app.errorhandler(404)\n", "@app.websocket('/ws')\n",
              "@functools.wraps(x)\n", "@staticmethod\n", "@other\n"]


@functools.lru_cache(maxsize=None)
def _expression(depth: int) -> st.SearchStrategy[str]:
    leaves = st.one_of(
        st.sampled_from(NAMES),
        st.sampled_from(["1", "0.5", "10**7", "10_000_000", "N", "'/a'", "b'x'", "None", "True",
                         "f'{x!r:>{y}}'", "...", "[]", "{}", "()"]),
    )
    if depth <= 0:
        return leaves
    sub = _expression(depth - 1)
    return st.one_of(
        leaves,
        st.builds("{}.{}".format, sub, st.sampled_from(ATTRIBUTES)),
        st.builds(lambda f, args, kw: f"{f}({', '.join(args + kw)})", sub,
                  st.lists(sub, max_size=3), st.lists(st.builds("{}={}".format,
                  st.sampled_from(["timeout", "target", "block", "blocking", "view_func", "x"]), sub), max_size=2)),
        st.builds("await {}".format, sub),
        st.builds("({} := {})".format, st.sampled_from(["x", "y", "task", "data"]), sub),
        st.builds("[{} for {} in range({})]".format, sub, st.sampled_from(["i", "x"]), sub),
        st.builds("sum(range({}))".format, sub),
        st.builds("{{'k': {}}}".format, sub),
        st.builds("{}[{}]".format, sub, sub),
        st.builds("(lambda: {})".format, sub),
        st.builds("({} if {} else {})".format, sub, sub, sub),
        st.builds("[{}, {}]".format, sub, sub),
        st.builds("{} / {}".format, sub, sub),
        st.builds("not {}".format, sub),
    )


@functools.lru_cache(maxsize=None)
def _block(depth: int) -> st.SearchStrategy[list[str]]:
    expr = _expression(2)
    simple = st.one_of(
        st.builds(lambda e: [e], expr),
        st.builds(lambda n, e: [f"{n} = {e}"], st.sampled_from(NAMES[:30]), expr),
        st.builds(lambda n, e: [f"{n}: 'asyncio.Task[int]' = {e}"], st.sampled_from(["task", "x"]), expr),
        st.builds(lambda e: [f"return {e}"], expr),
        st.builds(lambda e: [f"yield {e}"], expr),
        st.just(["pass"]), st.just(["global x"]), st.just(["del x"]),
        st.builds(lambda m: [m], st.sampled_from(IMPORTS)),
    )
    if depth <= 0:
        return st.lists(simple, min_size=1, max_size=4).map(lambda parts: [ln for p in parts for ln in p])
    inner = _block(depth - 1)

    def indented(lines: list[str]) -> list[str]:
        return ["    " + line for line in lines]

    compound = st.one_of(
        st.builds(lambda e, a, b: [f"if {e}:", *indented(a), "else:", *indented(b)], expr, inner, inner),
        st.builds(lambda k, e, b: [f"{k} i in {e}:", *indented(b)], st.sampled_from(["for", "async for"]), expr, inner),
        st.builds(lambda e, b: [f"while {e}:", *indented(b)], expr, inner),
        st.builds(lambda k, e, b: [f"{k} {e} as ctx:", *indented(b)], st.sampled_from(["with", "async with"]), expr, inner),
        st.builds(lambda a, b: ["try:", *indented(a), "except Exception:", *indented(b), "finally:", "    pass"], inner, inner),
        st.builds(lambda d, k, n, b: [*d.splitlines(), f"{k} {n}(self, x=None):", *indented(b)],
                  st.sampled_from(DECORATORS), st.sampled_from(["def", "async def"]),
                  st.sampled_from(["view", "helper", "other", "get", "post", "f"]), inner),
        st.builds(lambda n, b: [f"class {n}(MethodView):", *indented(b)], st.sampled_from(["V", "W"]), inner),
        st.builds(lambda e, b: [f"match {e}:", "    case {'k': [1, *rest]} if rest:", *indented(indented(b)),
                                "    case _:", "        pass"], expr, inner),
    )
    return st.lists(st.one_of(simple, compound), min_size=1, max_size=4).map(
        lambda parts: [ln for p in parts for ln in p])


@st.composite
def relevant_programs(draw) -> str:
    lines = draw(st.lists(st.sampled_from(IMPORTS), max_size=6))
    if draw(st.booleans()):
        lines += ["if TYPE_CHECKING:", "    import quart"]
    lines += draw(st.lists(st.sampled_from(MODULE_BINDINGS), max_size=5))
    lines += draw(_block(3))
    return "\n".join(lines) + "\n"


def programs_of_relevant_code(max_examples: int):
    @search(max_examples)
    @given(relevant_programs(), st.sampled_from(["auto", "flask", "quart"]))
    def check(source: str, framework: str):
        lint_must_not_raise(source, Settings(framework=framework))
        lint_must_not_raise(wrap_in_coroutine(source), Settings(framework=framework))
    return check


test_relevant_programs = programs_of_relevant_code(examples(300))


# -- 3. mutations of the fixtures that still parse

@st.composite
def mutated_fixtures(draw) -> str:
    path = draw(st.sampled_from(FIXTURE_FILES))
    lines = path.read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["drop", "duplicate", "drop_await", "add_async", "drop_async", "swap"]))
        if operation == "drop":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "drop_await":
            lines[index] = lines[index].replace("await ", "", 1)
        elif operation == "add_async":
            lines[index] = re.sub(r"\b(def|with|for) ", r"async \1 ", lines[index], count=1)
        elif operation == "drop_async":
            lines[index] = lines[index].replace("async ", "", 1)
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    source = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        source = wrap_in_coroutine(source, header="", decorator=draw(st.sampled_from(DECORATORS)))
    return source


def test_there_are_fixtures_to_mutate():
    assert len(FIXTURE_FILES) >= 5


def fixture_mutations(max_examples: int):
    @search(max_examples)
    @given(mutated_fixtures())
    def check(source: str):
        lint_must_not_raise(source)
    return check


test_mutated_fixtures = fixture_mutations(examples(120))


# Lines whose loss changes structure or meaning: the cheap, interesting single deletions.
STRUCTURAL_LINE = re.compile(r"^\s*@|\b(async|await|def|class|with|for|while|if|try|except|import|return|match|case)\b")


def drop_each_line(path: Path, every_line: bool) -> tuple[int, int]:
    """Lint the fixture minus each line in turn (and wrapped in a coroutine).

    Returns (deletions tried, deletions that parsed and were linted).
    """
    lines = path.read_text(encoding="utf-8").splitlines(True)
    tried = linted = 0
    for index, line in enumerate(lines):
        if not every_line and not STRUCTURAL_LINE.search(line):
            continue
        tried += 1
        source = "".join(lines[:index] + lines[index + 1:])
        tree = parse(source)
        if tree is not None:
            lint(tree, source)
            linted += 1
    whole = wrap_in_coroutine("".join(lines))
    tree = parse(whole)
    if tree is not None:
        lint(tree, whole)
    return tried, linted


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_structural_lines_dropped_in_turn(path: Path):
    """Deterministic companion of the random mutations: each fixture minus one line."""
    drop_each_line(path, every_line=False)


# -- long runs, on request

def _slow_requested(config: pytest.Config) -> bool:
    return "slow" in (config.getoption("markexpr") or "")


@pytest.mark.slow
@pytest.mark.parametrize("make", [grammar_programs, libcst_programs, programs_of_relevant_code, fixture_mutations],
                         ids=lambda make: make.__name__)
def test_long_search(make, request):
    if not _slow_requested(request.config):
        pytest.skip("a long search: run with -m slow (FAL_PROPERTY_EXAMPLES sets the count)")
    make(examples(SLOW_EXAMPLES))()


@pytest.mark.slow
def test_every_line_dropped_in_turn(request):
    if not _slow_requested(request.config):
        pytest.skip("every line of every fixture: run with -m slow")
    linted = sum(drop_each_line(path, every_line=True)[1] for path in FIXTURE_FILES)
    assert linted > len(FIXTURE_FILES)
