"""The flake8 adapter: flake8's tree and lines in, the engine's findings out.

Uses the tree flake8 has already parsed and the lines flake8 has already read (so
``flake8 -`` and unsaved editor buffers work); never re-reads the file, never raises into
flake8 (that would abort the user's whole run): an internal error becomes one FAS900.

Options come from settings.py's one table: ``add_options`` registers them with flake8,
``parse_options`` validates them once per process and stores the result on the class,
where every checker instance reads it.
"""
from __future__ import annotations

import ast
from typing import Any, Iterator

from . import __version__
from .engine import lint
from .settings import DEFAULT_SETTINGS, OptionError, Settings, register_flake8_options, settings_from_flake8

INTERNAL_ERROR = "FAS900 internal error in flask-async-lint, please report: {}"


class Plugin:
    name = "flask-async-lint"
    version = __version__
    settings: Settings = DEFAULT_SETTINGS

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        register_flake8_options(option_manager)

    @classmethod
    def parse_options(cls, options: Any) -> None:
        try:
            cls.settings = settings_from_flake8(options)
        except OptionError as error:
            # flake8 turns its ExecutionError into a short message and a failing exit
            # status; any other exception from here would be a traceback
            from flake8.exceptions import ExecutionError
            raise ExecutionError(f"flask-async-lint: {error}") from None

    def __init__(self, tree: ast.Module, lines: list[str], filename: str = "") -> None:
        self.tree = tree
        self.lines = lines
        self.filename = filename  # places the file in its project; never re-read from it

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        try:
            findings = lint(self.tree, "".join(self.lines), self.settings, filename=self.filename)
        except Exception as error:  # noqa: BLE001 - never raise into flake8
            message = f"{type(error).__name__}: {error}".replace("\n", " ")[:200]
            yield 1, 0, INTERNAL_ERROR.format(message), type(self)
            return
        for finding in findings:
            yield finding.line, finding.col, finding.text(), type(self)
