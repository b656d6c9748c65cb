"""``flask-async-lint [PATHS|-]``: lint files and folders (or stdin) without flake8.

Exit status: 0 clean, 1 findings, 2 usage error or a file that could not be read or
parsed (each reported in one line on stderr; the other files are still linted).
"""
from __future__ import annotations

import argparse
import ast
import io
import os
import re
import sys
import tokenize
from pathlib import Path
from typing import Iterator, Sequence

from . import __version__
from .context import physical_lines
from .engine import lint
from .noqa import file_is_silenced, unsilenced
from .output import FORMATS, Located, render
from .registry import all_rules
from .project import python_files_under
from .runner import lint_files
from .rule import Finding
from .settings import OptionError, Settings, add_cli_arguments, settings_from_cli

INTERNAL_ERROR = "internal error in flask-async-lint, please report: {}"


class UsageError(Exception):
    pass


class SourceError(Exception):
    """A file that cannot be read, decoded or parsed: one line for the user."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flask-async-lint",
        description="Find the code that defeats async Flask and Quart views.",
    )
    parser.add_argument("paths", nargs="*", default=["."], help="files or folders to lint; '-' reads stdin")
    parser.add_argument("--select", default="", help="comma-separated code prefixes to report (default: all)")
    parser.add_argument("--ignore", default="", help="comma-separated code prefixes not to report")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--jobs", "-j", type=int, default=0,
                        help="processes to lint with (default: one per CPU)")
    parser.add_argument("--cache-dir", default=None,
                        help="where to keep the results cache (default: .flask_async_lint_cache "
                             "in the project of the first linted file)")
    parser.add_argument("--no-cache", action="store_true",
                        help="do not read or write the caches in .flask_async_lint_cache "
                             "(results, and module summaries)")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when there are findings (errors still exit 2)")
    parser.add_argument("--stdin-filename", default="-", help="the name to report for stdin")
    parser.add_argument("--output-file", metavar="PATH", default=None,
                        help="write the report to PATH instead of standard output")
    parser.add_argument("--explain", metavar="FASnnn", default=None,
                        help="print the documentation of a rule and exit")
    parser.add_argument("--fix", action="store_true",
                        help="apply the available fixes in place (stdin: print the fixed source), "
                             "then report the findings that remain")
    parser.add_argument("--diff", action="store_true",
                        help="print a unified diff of what --fix would change; write nothing")
    add_cli_arguments(parser)
    parser.add_argument("--version", action="version", version=f"flask-async-lint {__version__}")
    return parser


def _prefixes(text: str) -> list[str]:
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def enabled_codes(select: str, ignore: str) -> frozenset[str]:
    codes = {cls.CODE for cls in all_rules()}
    selected, ignored = _prefixes(select), _prefixes(ignore)
    for prefix in (*selected, *ignored):
        if not any(code.startswith(prefix) for code in codes):
            raise UsageError(f"unknown code or prefix '{prefix}' (codes are FAS100...FAS5xx)")
    return frozenset(
        code for code in codes
        if (not selected or any(code.startswith(p) for p in selected))
        and not any(code.startswith(p) for p in ignored)
    )


def iter_python_files(paths: Sequence[str]) -> Iterator[str]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from python_files_under(raw)
        else:
            yield raw  # a file named on the command line is linted whatever its suffix


def decode_source(data: bytes) -> str:
    """Decode as Python does: a BOM or a coding cookie, else UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError) as error:
        raise SourceError(f"cannot decode: {error}") from None


def lint_source(source: str, filename: str, settings: Settings, codes: frozenset[str]) -> list[Finding]:
    lines = physical_lines(source)
    if file_is_silenced(source, lines):
        return []  # ``# flake8: noqa``: flake8 does not even parse the file
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as error:
        where = f" (line {error.lineno}, column {error.offset})" if error.lineno else ""
        raise SourceError(f"cannot parse: {error.msg}{where}") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise SourceError(f"cannot parse: {error}") from None
    try:
        findings = lint(tree, source, settings, codes, filename)
    except Exception as error:  # noqa: BLE001 - one file's internal error must not stop the run
        message = f"{type(error).__name__}: {error}".replace("\n", " ")[:200]
        return [Finding(1, 0, "FAS900", INTERNAL_ERROR.format(message))]
    return unsilenced(findings, source, lines)


def fix_file(path: str, shown: str, data: bytes, findings: list[Finding], settings: Settings,
             codes: frozenset[str], diff: bool = False) -> tuple[list[Finding], bool]:
    """--fix / --diff for one file: (the findings that remain after the fixes, changed?).

    The fixed text is encoded back with the file's own encoding (a BOM stays), so every
    untouched byte is written as it was read. Stdin's fixed source goes to stdout.
    """
    from .fixes import apply_fixes, unified_diff  # libcst is imported only when fixing

    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    source = data.decode(encoding)
    result = apply_fixes(source, findings, shown)
    if result.refused:
        print(f"{shown}: warning: not fixed: {result.refused}", file=sys.stderr)
    else:
        # a fix the rule offered and --fix could not make: say why, once per finding
        for finding, reason in result.skipped:
            print(f"{shown}:{finding.line}:{finding.col + 1}: {finding.code} not fixed: {reason}",
                  file=sys.stderr)
    new_data = data
    if result.changed:
        try:
            new_data = result.new_source.encode(encoding)
        except UnicodeEncodeError as error:
            print(f"{shown}: warning: not fixed: the fixed source cannot be encoded as {encoding}: {error}",
                  file=sys.stderr)
        if source.encode(encoding) != data:
            print(f"{shown}: warning: not fixed: the file does not round-trip through {encoding}",
                  file=sys.stderr)
            new_data = data
    if diff:
        if new_data != data:
            sys.stdout.write(unified_diff(source, result.new_source, shown))
    elif path == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(new_data)
        sys.stdout.buffer.flush()
    elif new_data != data:
        try:
            Path(path).write_bytes(new_data)
        except OSError as error:
            raise SourceError(f"cannot write: {error.strerror or error}") from None
    if new_data == data:
        return findings, False
    remaining = lint_source(result.new_source, shown, settings, codes)
    fixed = len(findings) - len(remaining)
    print(f"{shown}: {'would fix' if diff else 'fixed'} {fixed} finding{'s' * (fixed != 1)}",
          file=sys.stderr)
    return remaining, True


def explain(code: str) -> int:
    """Print a rule's documentation page (the text of docs/rules/FASnnn.md)."""
    from .ruledocs import rule_doc  # only --explain needs the documentation machinery

    try:
        doc = rule_doc(code.strip().upper())
    except KeyError:
        known = ", ".join(cls.CODE for cls in all_rules())
        print(f"flask-async-lint: error: unknown rule '{code}' (known rules: {known})", file=sys.stderr)
        return 2
    # the page's leading "generated from" comment is for the docs folder, not a terminal
    text = re.sub(r"\A\s*<!--.*?-->\s*", "", doc.markdown, flags=re.DOTALL)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def unresolvable(path: str) -> str | None:
    """Why ``path`` cannot be placed in a project (a symlink loop), or None."""
    try:
        Path(path).resolve()
    except RuntimeError:  # Python before 3.13 reports a symlink loop so
        return "symlink loop"
    except OSError as error:
        return error.strerror or str(error)
    return None


def _lint_all(args: argparse.Namespace, settings: Settings, codes: frozenset[str],
              results: list[Located]) -> bool:
    """Files and folders, in parallel and through the results cache. True if a file failed."""
    failed = False
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    for path, findings, error in lint_files(iter_python_files(args.paths), settings, codes, jobs,
                                            use_cache=not args.no_cache, cache_dir=args.cache_dir):
        if error is not None:
            print(f"{path}: error: {error}", file=sys.stderr)
            failed = True
        else:
            results.extend(Located(path, f) for f in findings)
    return failed


def _lint_one_by_one(args: argparse.Namespace, settings: Settings, codes: frozenset[str],
                     results: list[Located]) -> tuple[bool, bool]:
    """Stdin, --fix and --diff: (a file failed, --diff would change a file)."""
    failed = False
    would_change = False
    for path in (["-"] if args.paths == ["-"] else iter_python_files(args.paths)):
        shown = args.stdin_filename if path == "-" else path
        data = None
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
                problem = unresolvable(shown) if shown != "-" else None
                if problem:
                    raise SourceError(f"cannot place --stdin-filename in a project: {problem}")
            else:
                try:
                    data = Path(path).read_bytes()
                except OSError as error:
                    raise SourceError(f"cannot read: {error.strerror or error}") from None
            findings = lint_source(decode_source(data), shown, settings, codes)
            if args.fix or args.diff:
                findings, changed = fix_file(path, shown, data, findings, settings, codes, diff=args.diff)
                would_change = would_change or (changed and args.diff)
        except SourceError as error:
            print(f"{shown}: error: {error}", file=sys.stderr)
            failed = True
            if path == "-" and args.fix and not args.diff and data is not None:
                sys.stdout.buffer.write(data)  # an editor's buffer must come back intact
            continue
        results.extend(Located(shown, f) for f in findings)
    return failed, would_change


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.explain is not None:
        return explain(args.explain)
    try:
        codes = enabled_codes(args.select, args.ignore)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"flask-async-lint: error: {error}", file=sys.stderr)
        return 2
    # A path that cannot be resolved (a symlink loop) is named once and not linted.
    usable = []
    for raw in args.paths:
        problem = unresolvable(raw) if raw != "-" else None
        if problem:
            print(f"{raw}: error: cannot read: {problem}", file=sys.stderr)
        else:
            usable.append(raw)
    failed_paths = len(usable) < len(args.paths)
    args.paths = usable
    stdin_problem = None
    if args.paths == ["-"] and args.stdin_filename != "-":
        stdin_problem = unresolvable(args.stdin_filename)  # reported when stdin is linted
    try:
        settings = settings_from_cli(args, args.paths, None if stdin_problem else args.stdin_filename)
    except OptionError as error:
        print(f"flask-async-lint: error: {error}", file=sys.stderr)
        return 2
    if args.no_cache:
        # The module summaries of cross-module analysis are skipped too (worker processes
        # inherit the environment).
        os.environ["FLASK_ASYNC_LINT_NO_CACHE"] = "1"
    results: list[Located] = []
    if not args.paths:
        failed, would_change = False, False
    elif args.paths == ["-"] or args.fix or args.diff:
        failed, would_change = _lint_one_by_one(args, settings, codes, results)
    else:
        failed, would_change = _lint_all(args, settings, codes, results), False
    failed = failed or failed_paths
    report = render(args.format, results)
    if args.output_file is None:
        # with --diff, and with --fix on stdin, stdout carries the diff or the fixed source
        (sys.stderr if args.diff or (args.fix and args.paths == ["-"]) else sys.stdout).write(report)
    else:
        try:
            Path(args.output_file).write_text(report, encoding="utf-8")
        except OSError as error:
            print(f"flask-async-lint: error: cannot write {args.output_file}: {error.strerror or error}",
                  file=sys.stderr)
            return 2
    if failed:
        return 2
    return 1 if (results or would_change) and not args.exit_zero else 0


if __name__ == "__main__":
    sys.exit(main())
