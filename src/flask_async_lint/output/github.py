"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=FASnnn::message``. The
runner splits a command at newlines, its properties at ``,`` and the property list from
the message at ``::``, so those characters are percent-encoded (``%`` first, so that an
encoded sequence is not encoded twice).
"""
from __future__ import annotations

from . import Located


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(located: Located) -> str:
    finding = located.finding
    properties = {
        "file": located.path.replace("\\", "/"),
        "line": finding.line,
        "col": finding.col + 1,
    }
    if finding.end_line >= finding.line:
        properties["endLine"] = finding.end_line
        properties["endColumn"] = finding.end_col + 1
    properties["title"] = finding.code
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::warning {joined}::{escape_data(finding.message)}\n"


def render(results: list[Located]) -> str:
    return "".join(annotation(located) for located in results)
