"""The one list of options (RULES.md "Options"), shared by the flake8 plugin and the CLI.

Every option is one row of ``OPTIONS``: its name, its kind, its default, its help and the
validator that turns a raw value into the typed value ``Settings`` holds. Each front door
derives its spelling from that row, so an option cannot exist in one place and not in
another:

- flake8: ``--flask-async-<name>`` on the command line, or ``flask-async-<name> = ...`` in
  the ``[flake8]`` section of ``.flake8``/``setup.cfg``/``tox.ini`` (lists are
  comma-separated);
- the CLI: ``--<name>`` on the command line, or ``<name> = ...`` in the
  ``[tool.flask-async-lint]`` table of a ``pyproject.toml`` (lists are TOML arrays or
  comma-separated strings).

Where the CLI takes its values, highest first:

1. a flag on the command line (a list flag replaces the configured list, it does not add
   to it);
2. ``--config FILE``, else the nearest ``pyproject.toml`` with a
   ``[tool.flask-async-lint]`` table, found by walking up from the linted path (from the
   current directory when several paths are linted, as ruff does);
3. the defaults below.

flake8 applies its own precedence (command line over its configuration file). A bad value
is never ignored: it raises ``OptionError``, whose text is one line naming the option and
where the value came from; the CLI prints it and exits 2, the flake8 plugin hands it to
flake8 as flake8's ``ExecutionError``.
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

FRAMEWORK_CHOICES = ("auto", "flask", "quart")
DEFAULT_CPU_LOOP_THRESHOLD = 100_000
BLOCKING_CODES = ("FAS100", "FAS101", "FAS102", "FAS103", "FAS104", "FAS105")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "flask-async-lint"
FLAKE8_PREFIX = "flask-async-"


@dataclass(frozen=True)
class Settings:
    framework: str = "auto"
    extend_blocking_calls: tuple[tuple[str, str], ...] = ()  # (qualified name, code)
    extend_view_decorators: tuple[str, ...] = ()
    cpu_loop_threshold: int = DEFAULT_CPU_LOOP_THRESHOLD
    extend_cpu_heavy_calls: tuple[str, ...] = ()
    extend_coroutine_functions: tuple[str, ...] = ()


DEFAULT_SETTINGS = Settings()


class OptionError(ValueError):
    """A bad option value; ``str()`` is the one line the user sees."""


# ---------------------------------------------------------------- validators
#
# Each takes the raw value as it arrives (a string from a command line or an INI file, a
# list from flake8's comma-separated parsing, any TOML value from pyproject) and returns the
# typed value, or raises ValueError with the problem; the caller adds option and source.

_QUALIFIED_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\Z")


def _items(raw: object) -> list[str]:
    if isinstance(raw, str):
        return [part for part in re.split(r"[,\s]+", raw) if part]
    if isinstance(raw, (list, tuple)) and all(isinstance(item, str) for item in raw):
        # an element of a TOML array may itself be "a, b" when copied from a flake8 config
        return [part for item in raw for part in _items(item)]
    raise ValueError(f"expected a list of strings or a comma-separated string, got {_shown(raw)}")


def _shown(raw: object) -> str:
    return repr(raw) if isinstance(raw, str) else f"{type(raw).__name__} {raw!r}"


def _qualified_name(text: str) -> str:
    if not _QUALIFIED_NAME.match(text):
        raise ValueError(f"'{text}' is not a dotted name such as 'mylib.client.fetch'")
    return text


def parse_names(raw: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_qualified_name(item) for item in _items(raw)))


def parse_blocking_pairs(raw: object) -> tuple[tuple[str, str], ...]:
    if isinstance(raw, Mapping):  # TOML also allows a table: {"mylib.fetch_sync" = "FAS101"}
        items = [f"{name}={code}" for name, code in raw.items()]
    else:
        items = _items(raw)
    pairs: dict[str, str] = {}
    for item in items:
        name, equals, code = item.partition("=")
        if not equals or not name or not code:
            raise ValueError(f"'{item}' is not a qualified.name=CODE pair such as 'mylib.fetch_sync=FAS101'")
        code = code.strip().upper()
        if code not in BLOCKING_CODES:
            raise ValueError(f"'{item}': unknown code '{code}' (expected one of {', '.join(BLOCKING_CODES)})")
        pairs[_qualified_name(name.strip())] = code
    return tuple(pairs.items())


def parse_threshold(raw: object) -> int:
    if isinstance(raw, bool):  # a TOML ``true`` is an int to Python; it is not a threshold
        raise ValueError(f"expected an integer >= 1, got {_shown(raw)}")
    if isinstance(raw, str):
        try:
            raw = int(raw.strip().replace("_", ""), 10)
        except ValueError:
            raise ValueError(f"expected an integer >= 1, got {_shown(raw)}") from None
    if not isinstance(raw, int) or raw < 1:
        raise ValueError(f"expected an integer >= 1, got {raw!r}")
    return raw


def parse_framework(raw: object) -> str:
    value = raw.strip().lower() if isinstance(raw, str) else raw
    if value not in FRAMEWORK_CHOICES:
        raise ValueError(f"unknown framework {_shown(raw)} (expected one of {', '.join(FRAMEWORK_CHOICES)})")
    return value  # type: ignore[return-value]


# ---------------------------------------------------------------- the option table

@dataclass(frozen=True)
class OptionSpec:
    name: str  # the shared kebab-case name
    is_list: bool  # comma-separated in flake8's INI files and on command lines
    metavar: str
    help: str
    parse: Callable[[object], Any]

    @property
    def field(self) -> str:
        return self.name.replace("-", "_")

    @property
    def flake8_name(self) -> str:
        return FLAKE8_PREFIX + self.name

    @property
    def default(self) -> Any:
        return getattr(DEFAULT_SETTINGS, self.field)


OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec(
        "extend-blocking-calls", True, "NAME=CODE,...",
        "extra blocking calls, as qualified.name=CODE pairs with CODE one of FAS100-FAS105 "
        "(mylib.fetch_sync=FAS101)",
        parse_blocking_pairs,
    ),
    OptionSpec(
        "extend-view-decorators", True, "NAME,...",
        "extra decorator names that mark views (api.route, route)",
        parse_names,
    ),
    OptionSpec(
        "cpu-loop-threshold", False, "N",
        f"iteration count from which a loop without await is CPU-bound work, FAS400 "
        f"(integer >= 1, default {DEFAULT_CPU_LOOP_THRESHOLD})",
        parse_threshold,
    ),
    OptionSpec(
        "extend-cpu-heavy-calls", True, "NAME,...",
        "extra qualified names of CPU-heavy calls for FAS401",
        parse_names,
    ),
    OptionSpec(
        "extend-coroutine-functions", True, "NAME,...",
        "extra qualified names of third-party coroutine functions for FAS200 "
        "(aiogram.Dispatcher.feed_raw_update)",
        parse_names,
    ),
    OptionSpec(
        "framework", False, "{" + ",".join(FRAMEWORK_CHOICES) + "}",
        "framework of every linted module; auto (the default) detects it from the imports",
        parse_framework,
    ),
)
OPTIONS_BY_NAME = {spec.name: spec for spec in OPTIONS}
assert {spec.field for spec in OPTIONS} == {f.name for f in fields(Settings)}, "Settings and OPTIONS disagree"


def build_settings(values: Mapping[str, object], source: str, base: Settings = DEFAULT_SETTINGS,
                   spelling: Callable[[str], str] = str) -> Settings:
    """``base`` with the options in ``values`` (shared name -> raw value) validated and applied.

    An error reads ``<source>: <spelling(name)>: <problem>``: where the value came from,
    then the option as the user wrote it there.
    """
    changes: dict[str, Any] = {}
    for name, raw in values.items():
        spec = OPTIONS_BY_NAME.get(name)
        if spec is None:
            raise OptionError(f"{source}: unknown option '{name}'{_did_you_mean(name)}")
        try:
            changes[spec.field] = spec.parse(raw)
        except ValueError as error:
            raise OptionError(f"{source}: {spelling(name)}: {error}") from None
    return Settings(**{**_as_dict(base), **changes})


def _as_dict(settings: Settings) -> dict[str, Any]:
    return {f.name: getattr(settings, f.name) for f in fields(settings)}


def _did_you_mean(name: str) -> str:
    close = difflib.get_close_matches(name.replace("_", "-"), OPTIONS_BY_NAME, n=1)
    known = f" (known options: {', '.join(OPTIONS_BY_NAME)})"
    return f"; did you mean '{close[0]}'?" if close else known


# ---------------------------------------------------------------- pyproject.toml

def read_config_file(path: Path, *, required: bool) -> dict[str, object] | None:
    """The ``[tool.flask-async-lint]`` table of a TOML file.

    None when the file has no such table and ``required`` is false (a pyproject.toml found
    by walking up that configures other tools only); an explicit ``--config`` file without
    the table is an error, since the user meant it to configure this tool.
    """
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise OptionError(f"{path}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise OptionError(f"{path}: invalid TOML: {error}") from None
    tool = document.get("tool")
    table = tool.get(TOOL_TABLE) if isinstance(tool, dict) else None
    if table is None:
        if required:
            raise OptionError(f"{path}: no [tool.{TOOL_TABLE}] table")
        return None
    if not isinstance(table, dict):
        raise OptionError(f"{path}: [tool.{TOOL_TABLE}] must be a table")
    return table


def find_pyproject(start: Path) -> tuple[Path, dict[str, object]] | None:
    """The nearest pyproject.toml at or above ``start`` with a [tool.flask-async-lint] table."""
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file():
            table = read_config_file(candidate, required=False)
            if table is not None:
                return candidate, table
    return None


def config_start(paths: Iterable[str], stdin_filename: str | None = None) -> Path:
    """Where the search for pyproject.toml starts: the one linted path, else the cwd."""
    paths = list(paths)
    if len(paths) == 1:
        if paths[0] == "-":
            return Path(stdin_filename) if stdin_filename and stdin_filename != "-" else Path.cwd()
        return Path(paths[0])
    return Path.cwd()


def settings_from_file(path: Path, table: Mapping[str, object]) -> Settings:
    return build_settings(table, f"{_display(path)} [tool.{TOOL_TABLE}]")


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


# ---------------------------------------------------------------- the CLI's argparse

def add_cli_arguments(parser: argparse.ArgumentParser) -> None:
    """``--<name>`` for every option; values stay raw (None when absent) until validated."""
    group = parser.add_argument_group(
        "options", f"also read from [tool.{TOOL_TABLE}] in pyproject.toml; a flag overrides it",
    )
    group.add_argument(
        "--config", metavar="FILE", default=None,
        help=f"read [tool.{TOOL_TABLE}] from FILE instead of the nearest pyproject.toml",
    )
    for spec in OPTIONS:
        group.add_argument(f"--{spec.name}", dest=f"option_{spec.field}", metavar=spec.metavar,
                           default=None, help=spec.help)


def settings_from_cli(args: argparse.Namespace, paths: Iterable[str], stdin_filename: str | None = None) -> Settings:
    """Settings for a CLI run: flags over the configuration file over the defaults."""
    if args.config is not None:
        config_path = Path(args.config)
        base = settings_from_file(config_path, read_config_file(config_path, required=True) or {})
    else:
        found = find_pyproject(config_start(paths, stdin_filename))
        base = settings_from_file(*found) if found else DEFAULT_SETTINGS
    flags = {
        spec.name: getattr(args, f"option_{spec.field}") for spec in OPTIONS
        if getattr(args, f"option_{spec.field}", None) is not None
    }
    return build_settings(flags, "command line", base, spelling=lambda name: f"--{name}")


# ---------------------------------------------------------------- flake8's OptionManager

def register_flake8_options(option_manager: Any) -> None:
    """``--flask-async-<name>``, also read from flake8's configuration files.

    Values are registered as strings and validated in ``settings_from_flake8``: flake8
    itself would answer a non-integer ``int`` option in an INI file with a traceback.
    """
    for spec in OPTIONS:
        option_manager.add_option(
            f"--{spec.flake8_name}", default=None, parse_from_config=True,
            comma_separated_list=spec.is_list, metavar=spec.metavar, help=spec.help,
        )


def settings_from_flake8(options: argparse.Namespace, argv: Iterable[str] | None = None) -> Settings:
    argv = list(sys.argv[1:] if argv is None else argv)
    settings = DEFAULT_SETTINGS
    for spec in OPTIONS:
        raw = getattr(options, spec.flake8_name.replace("-", "_"), None)
        if raw is None or raw == []:
            continue
        source, spelling = _flake8_source(spec, options, argv)
        settings = build_settings({spec.name: raw}, source, settings, spelling=lambda _: spelling)
    return settings


def _flake8_source(spec: OptionSpec, options: argparse.Namespace, argv: list[str]) -> tuple[str, str]:
    """Where flake8 took an option from (its command line, else its configuration file)."""
    flag = f"--{spec.flake8_name}"
    if any(arg == flag or arg.startswith(flag + "=") for arg in argv):
        return "flake8 command line", flag
    config = getattr(options, "config", None)
    if not config:
        try:
            # private, but it is the very search flake8 ran to find the file
            from flake8.options.config import _find_config_file
            config = _find_config_file(os.path.abspath("."))
        except Exception:  # noqa: BLE001 - only the message's file name is at stake
            config = None
    where = f"{_display(Path(config))} [flake8]" if config else "flake8 configuration"
    return where, spec.flake8_name
