"""``path:line:col: CODE message``, one line per finding, as flake8 and ruff print them
(control characters in a message, such as a newline in a quoted route, are escaped)."""
from __future__ import annotations

from . import Located


def render(results: list[Located]) -> str:
    return "".join(
        f"{r.path}:{r.finding.line}:{r.finding.col + 1}: {r.finding.text()}\n"
        for r in results
    )
