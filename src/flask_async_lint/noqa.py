"""``# noqa`` comments, read the way flake8 7 reads them, for the CLI (flake8 does its own).

- A line matching ``# flake8: noqa`` (at its start, after blanks) silences the whole file
  (``NOQA_FILE``); the file is then not linted, and so not fixed.
- An inline ``# noqa`` or ``# noqa: FAS1,E501`` is looked for in the text flake8 maps to
  the finding's line: the physical lines from one NEWLINE or NL token to the next, joined.
  So a comment after the closing line of a multi-line string, or on the last line of a
  backslash continuation, covers each of its lines (inside brackets every line ends with
  an NL token and stands alone). Only the first ``# noqa`` of that text counts, and the
  listed codes are prefixes compared case-sensitively, as flake8 compares them.
"""
from __future__ import annotations

import re
import tokenize
from typing import Iterable, Sequence

# flake8.defaults.NOQA_INLINE_REGEXP and NOQA_FILE
_NOQA = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
_NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)
_SEPARATOR = re.compile(r"[,\s]")


def file_is_silenced(source: str, lines: Sequence[str]) -> bool:
    """Whether a ``# flake8: noqa`` line makes flake8 skip the whole file."""
    return "flake8" in source.lower() and any(_NOQA_FILE.match(line) for line in lines)


def is_silenced(noqa_text: str, code: str) -> bool:
    """Whether the text flake8 searches for a finding's ``# noqa`` silences ``code``."""
    match = _NOQA.search(noqa_text)
    if match is None:
        return False
    codes = match.group("codes")
    if codes is None:
        return True
    listed = tuple(part for part in _SEPARATOR.split(codes) if part)
    return code in listed or code.startswith(listed)


def noqa_texts(lines: Sequence[str]) -> dict[int, str]:
    """Line number -> the text flake8 searches for that line's ``# noqa`` (flake8's
    ``FileProcessor._noqa_line_mapping``); empty when the file does not tokenize."""
    physical = [line + "\n" for line in lines]
    if physical and lines[-1] == "":
        physical.pop()  # the empty piece after a final line break is not a line
    feed = iter(physical)
    mapping: dict[int, str] = {}
    first, last = len(physical) + 2, -1
    try:
        for token in tokenize.generate_tokens(lambda: next(feed, "")):
            kind, start_line, end_line = token.type, token.start[0], token.end[0]
            if kind in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            first, last = min(first, start_line), max(last, end_line)
            if kind in (tokenize.NL, tokenize.NEWLINE):
                joined = "".join(physical[first - 1:last])
                mapping.update(dict.fromkeys(range(first, last + 1), joined))
                first, last = len(physical) + 2, -1
    except (tokenize.TokenError, SyntaxError):
        return {}
    return mapping


def unsilenced(findings: Iterable, source: str, lines: Sequence[str]) -> list:
    """The findings no ``# noqa`` comment silences (``lines``: the physical lines)."""
    findings = list(findings)
    if not findings or "noqa" not in source.lower():
        return findings
    texts = noqa_texts(lines)
    kept = []
    for finding in findings:
        text = texts.get(finding.line)
        if text is None:
            text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        if not is_silenced(text, finding.code):
            kept.append(finding)
    return kept
