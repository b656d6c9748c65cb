"""``path:line:col: CODE message``, one line per finding, as flake8 and ruff print them."""
from __future__ import annotations

from . import Located


def render(results: list[Located]) -> str:
    return "".join(
        f"{r.path}:{r.finding.line}:{r.finding.col + 1}: {r.finding.code} {r.finding.message}\n"
        for r in results
    )
