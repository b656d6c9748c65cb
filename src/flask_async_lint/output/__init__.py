"""Output formats: each module renders a list of located findings to a string."""
from __future__ import annotations

from dataclasses import dataclass

from ..rule import Finding


@dataclass(frozen=True)
class Located:
    """A finding and the file it is in, as the user named it."""

    path: str
    finding: Finding


def render(fmt: str, results: list[Located]) -> str:
    # each format is imported only when used: the text format must not pay for the others
    if fmt == "json":
        from .json_format import render as render_json
        return render_json(results)
    if fmt == "sarif":
        from .sarif import render as render_sarif
        return render_sarif(results)
    if fmt == "github":
        from .github import render as render_github
        return render_github(results)
    from .text import render as render_text
    return render_text(results)


FORMATS = ("text", "json", "sarif", "github")
