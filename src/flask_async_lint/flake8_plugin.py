"""The flake8 adapter: flake8's tree and lines in, the engine's findings out.

Uses the tree flake8 has already parsed and the lines flake8 has already read (so
``flake8 -`` and unsaved editor buffers work); never re-reads the file, never raises into
flake8 (that would abort the user's whole run): an internal error becomes one FAS900.
"""
from __future__ import annotations

import ast
from typing import Any, Iterator

from . import __version__
from .engine import lint
from .settings import DEFAULT_SETTINGS, Settings

INTERNAL_ERROR = "FAS900 internal error in flask-async-lint, please report: {}"


class Plugin:
    name = "flask-async-lint"
    version = __version__
    settings: Settings = DEFAULT_SETTINGS

    def __init__(self, tree: ast.Module, lines: list[str]) -> None:
        self.tree = tree
        self.lines = lines

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        try:
            findings = lint(self.tree, "".join(self.lines), self.settings)
        except Exception as error:  # noqa: BLE001 - never raise into flake8
            message = f"{type(error).__name__}: {error}".replace("\n", " ")[:200]
            yield 1, 0, INTERNAL_ERROR.format(message), type(self)
            return
        for finding in findings:
            yield finding.line, finding.col, finding.text(), type(self)
