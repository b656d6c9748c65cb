"""What the messages say, through the real CLI: which view or hook, the consequence for the
module's framework, and what to use instead.

The discovery fixtures carry the expected description after the code
(``# expect: FAS100 -- in view 'index' (GET /)``), so each discovery form is checked by name,
not only by the finding it leads to: a coroutine that is not recognised as a view still
gets its FAS100, but its message says "coroutine".
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from flask_async_lint.blocking import consequence as framework_consequence
from harness import FIXTURES, OUTPUT_LINE, cli

DISCOVERY = sorted((FIXTURES / "discovery").glob("*.py"))
DESCRIBED = re.compile(r"#\s*expect:\s*(?P<code>[A-Z]{3}\d{3})\s+--\s+(?P<text>.+?)\s*$")


def messages(path: Path, *options: str) -> dict[int, list[str]]:
    """Line -> the full texts ("FAS100 ...") the CLI prints for one file."""
    result = cli(*options, str(path))
    assert result.returncode in (0, 1), result.stderr
    found: dict[int, list[str]] = {}
    for raw in result.stdout.splitlines():
        match = OUTPUT_LINE.match(raw.strip())
        if match:
            found.setdefault(int(match.group("line")), []).append(raw[match.start("code"):])
    return found


def lint_source(tmp_path: Path, source: str, *options: str, name: str = "app.py") -> list[str]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return [text for texts in messages(path, *options).values() for text in texts]


def only(found: list[str], code: str) -> str:
    matching = [text for text in found if text.startswith(code + " ")]
    assert len(matching) == 1, found
    return matching[0]


@pytest.fixture(scope="module")
def discovery_output() -> dict[Path, dict[int, list[str]]]:
    return {path: messages(path) for path in DISCOVERY}


@pytest.mark.parametrize("path", DISCOVERY, ids=[p.name for p in DISCOVERY])
def test_discovery_fixture_names_each_view(path: Path, discovery_output):
    described = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = DESCRIBED.search(line)
        if match:
            described.append((number, match.group("code"), match.group("text")))
    assert described, f"{path.name} has no '# expect: FASnnn -- description' line"
    got = discovery_output[path]
    for number, code, text in described:
        texts = [t for t in got.get(number, []) if t.startswith(code + " ")]
        assert texts, f"line {number}: no {code}"
        assert any(text in t for t in texts), f"line {number}: {texts} does not say {text!r}"


def test_each_view_of_a_module_importing_both_frameworks_gets_its_own_apps_words(tmp_path):
    found = lint_source(tmp_path, """
        import time

        import flask
        import quart

        admin = flask.Flask("admin")
        public = quart.Quart("public")

        @admin.route("/admin/sleep")
        async def admin_sleep():
            time.sleep(0.1)

        @public.route("/sleep")
        async def public_sleep():
            time.sleep(0.1)
    """)
    flask_view, quart_view = sorted(found, key=lambda text: "public_sleep" in text)
    assert "admin_sleep" in flask_view and framework_consequence("flask") in flask_view
    assert "public_sleep" in quart_view and framework_consequence("quart") in quart_view


def test_view_name_and_route(tmp_path):
    found = lint_source(tmp_path, """
        import time
        from flask import Flask

        app = Flask(__name__)

        @app.route("/bad-async")
        async def bad_async():
            time.sleep(1)
            return "slow"
    """)
    assert "in view 'bad_async' (GET /bad-async)" in only(found, "FAS100")


def test_hooks_are_named_by_their_role(tmp_path):
    found = lint_source(tmp_path, """
        import requests
        from quart import Quart

        app = Quart(__name__)

        @app.before_request
        async def check_token():
            requests.get("https://auth.example.com")

        @app.errorhandler(500)
        async def report_error(error):
            open("errors.log", "a")
            return "oops", 500
    """)
    assert "in before_request hook 'check_token'" in only(found, "FAS101")
    assert "in error handler 'report_error'" in only(found, "FAS103")
    assert not any("view" in text.split(" blocks ")[0] for text in found), found


def test_class_based_view_is_named_class_dot_method(tmp_path):
    found = lint_source(tmp_path, """
        import subprocess
        from flask import Flask
        from flask.views import MethodView

        app = Flask(__name__)

        class UserAPI(MethodView):
            async def post(self):
                subprocess.run(["ls"])

        app.add_url_rule("/users", view_func=UserAPI.as_view("users"))
    """)
    assert "in view 'UserAPI.post' (POST /users)" in only(found, "FAS104")


def test_configured_view_decorator(tmp_path):
    source = """
        import time
        from myproject import api

        @api.endpoint("users")
        async def list_users():
            time.sleep(1)
    """
    assert "in coroutine 'list_users'" in only(lint_source(tmp_path, source), "FAS100")
    configured = lint_source(tmp_path, source, "--extend-view-decorators", "api.endpoint")
    assert "in view 'list_users'" in only(configured, "FAS100")


BODY = """
    import time
    {imports}

    {app}

    {decorator}
    async def slow():
        time.sleep(1)
        return "done"
"""


def consequence(tmp_path: Path, imports: str, app: str, decorator: str, name: str) -> str:
    found = lint_source(tmp_path, BODY.format(imports=imports, app=app, decorator=decorator), name=name)
    text = only(found, "FAS100")
    # What follows the description of the function, up to the suggestion.
    return text.split("'slow'", 1)[1].split(";", 1)[0]


def test_consequence_depends_on_the_framework(tmp_path):
    flask = consequence(tmp_path, "from flask import Flask", "app = Flask(__name__)",
                        '@app.route("/slow")', "flask_app.py")
    quart = consequence(tmp_path, "from quart import Quart", "app = Quart(__name__)",
                        '@app.route("/slow")', "quart_app.py")
    plain = consequence(tmp_path, "import asyncio", "", "", "plain.py")
    assert len({flask, quart, plain}) == 3, (flask, quart, plain)
    # Quart: one loop per worker, so every request of the worker waits.
    assert re.search(r"every request", quart, re.I), quart
    # Flask: a loop per request; the request's own coroutines wait, not the others.
    assert re.search(r"this request", flask, re.I), flask
    assert not re.search(r"every request", flask, re.I), flask
    assert "event loop" in plain and "this request" not in plain, plain


@pytest.mark.parametrize(("code", "call", "suggested"), [
    ("FAS100", "time.sleep(1)", "asyncio.sleep"),
    ("FAS101", "requests.get(url)", "httpx.AsyncClient"),
    ("FAS102", "sqlite3.connect(url)", "aiosqlite"),
    ("FAS103", "open(url)", "aiofiles"),
    ("FAS104", "subprocess.run([url])", "create_subprocess"),
    ("FAS105", "smtplib.SMTP(url)", "aiosmtplib"),
    ("FAS202", "await requests.get(url)", "httpx.AsyncClient"),
])
def test_each_message_suggests_what_to_use_instead(tmp_path, code, call, suggested):
    found = lint_source(tmp_path, f"""
        import smtplib, sqlite3, subprocess, time
        import requests

        async def handler(url):
            {call}
    """)
    text = only(found, code)
    what, _, suggestion = text.partition(";")
    assert suggested in suggestion, text
    assert suggested not in what, text
