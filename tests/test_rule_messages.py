"""What the FAS2xx-FAS5xx messages say, through the real CLI.

The rule fixtures (awaits/, tasks/, cpu/, framework/, helpers/) may carry the expected text
after the code (``# expect: FAS400 -- via _heavy_computation() → line 10``); each such
marker must appear in that line's message of that code. A few facts a message must NOT
state (RULES.md) are checked here too, on the fixtures that trigger them.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness import FIXTURES, OUTPUT_LINE, ROOT, cli

RULE_DIRS = ("awaits", "tasks", "cpu", "framework", "helpers")
FILES = sorted(p for d in RULE_DIRS for p in (FIXTURES / d).glob("*.py"))
DESCRIBED = re.compile(r"#\s*expect:\s*(?P<code>[A-Z]{3}\d{3})\s+--\s+(?P<text>.+?)\s*$")


@pytest.fixture(scope="module")
def output() -> dict[Path, dict[int, list[str]]]:
    result = cli(*(str(p.relative_to(ROOT)) for p in FILES))
    assert result.returncode in (0, 1), result.stderr
    found: dict[Path, dict[int, list[str]]] = {}
    for raw in result.stdout.splitlines():
        match = OUTPUT_LINE.match(raw.strip())
        if match:
            path = (ROOT / match.group("path")).resolve()
            found.setdefault(path, {}).setdefault(int(match.group("line")), []).append(raw[match.start("code"):])
    return found


def described(path: Path) -> list[tuple[int, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, m.group("code"), m.group("text")) for n, line in enumerate(lines, 1)
            if (m := DESCRIBED.search(line))]


def test_rule_fixtures_describe_messages():
    assert sum(len(described(p)) for p in FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FIXTURES)) for p in FILES])
def test_marker_text_is_in_the_message(path: Path, output):
    got = output.get(path.resolve(), {})
    for number, code, text in described(path):
        texts = [t for t in got.get(number, []) if t.startswith(code + " ")]
        assert texts, f"line {number}: no {code}"
        assert any(text in t for t in texts), f"line {number}: {texts} does not say {text!r}"


def _messages(output, relative: str, code: str) -> list[str]:
    got = output.get((FIXTURES / relative).resolve(), {})
    return [t for texts in got.values() for t in texts if t.startswith(code + " ")]


def test_abort_message_does_not_promise_a_type_error(output):
    """``await abort(404)`` raises the HTTP exception before the await (RULES.md FAS201)."""
    for relative in ("awaits/fas201_flask.py", "awaits/fas201_quart.py"):
        aborts = [t for t in _messages(output, relative, "FAS201") if "abort()" in t]
        others = [t for t in _messages(output, relative, "FAS201") if "abort()" not in t]
        assert aborts and others
        assert all("TypeError" not in t for t in aborts), aborts
        assert all("TypeError" in t for t in others), others


def test_get_event_loop_message_claims_no_error(output):
    found = _messages(output, "framework/fas503_get_event_loop.py", "FAS503")
    assert found
    for text in found:
        assert not re.search(r"\b(raises|RuntimeError|Error)\b", text), text


def test_loop_bound_client_message_does_not_promise_the_second_request(output):
    found = _messages(output, "framework/fas504_flask.py", "FAS504")
    assert found
    assert all("second request" not in t for t in found), found


def test_consequence_follows_the_framework(output):
    """Same blocking work, different words: Flask's per-request loop, Quart's shared loop."""
    flask = _messages(output, "cpu/fas400_flask.py", "FAS400")
    quart = _messages(output, "cpu/fas400_quart.py", "FAS400")
    bare = _messages(output, "cpu/fas400_loops.py", "FAS400")
    assert flask and quart and bare
    assert all("this request's event loop" in t and "every request" not in t for t in flask)
    assert all("every request of this worker" in t for t in quart)
    assert all("every other coroutine" in t for t in bare)
