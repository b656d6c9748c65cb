"""A JSON array of findings; columns are 1-based, as in the text format."""
from __future__ import annotations

import json

from . import Located


def render(results: list[Located]) -> str:
    return json.dumps(
        [
            {
                "path": r.path,
                "line": r.finding.line,
                "column": r.finding.col + 1,
                "end_line": r.finding.end_line,
                "end_column": r.finding.end_col + 1,
                "code": r.finding.code,
                "message": r.finding.message,
            }
            for r in results
        ],
        indent=2,
        ensure_ascii=False,
    ) + "\n"
