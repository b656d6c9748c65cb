"""The Rule base class and the Finding a rule reports.

A rule names the node types it wants and the kind of scope it looks in; the engine
walks each scope's nodes once and hands every node to the rules that asked for its type
(one batched pass, as Fixit batches its visitors), so a rule never walks the tree itself.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Iterator

if TYPE_CHECKING:
    from .context import FileContext, Scope
    from .summaries import Effect

# The kinds of scope a rule can ask for (RULES.md "Where the rules look").
EVENT_LOOP = "event_loop"  # coroutine bodies (and, later, the sync helpers they reach)
ANY_FUNCTION = "any_function"  # every scope, module level included
SYNC_VIEW = "sync_view"  # plain-def views and request hooks


@dataclass(frozen=True, order=True)
class Fix:
    """A small description of an edit (applied by --fix with libcst), not a tree.

    ``kind`` names the edit (fixes.py holds one transformation per kind); the span is the
    node to edit: 1-based lines, 0-based columns in characters, end exclusive.
    """

    kind: str
    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(frozen=True, order=True)
class Finding:
    line: int  # 1-based
    col: int  # 0-based, in characters (flake8 adds 1 when it prints)
    code: str
    message: str  # without the code
    end_line: int = 0
    end_col: int = 0
    fix: Fix | None = None

    def text(self) -> str:
        """``CODE message`` on one line, as flake8 and the text format print it: a message
        quotes source (a route, a snippet) that may hold a line break."""
        return f"{self.code} {single_line(self.message)}"


# C0 and C1 control characters (newlines, tabs, escapes) and the Unicode line and paragraph
# separators: each is written as its Python escape.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def single_line(text: str) -> str:
    """``text`` with every control character escaped (``\\n``, ``\\x1b``, ``\\u2028``)."""
    if not _LINE_BREAKING.search(text):
        return text

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
    return _LINE_BREAKING.sub(escape, text)


class Rule:
    """Base of every rule. Subclasses set CODE and the rest; the docstring documents the rule."""

    CODE: ClassVar[str] = ""
    NAME: ClassVar[str] = ""  # short kebab-case name, as ruff names its rules
    SUMMARY: ClassVar[str] = ""  # one line: what is reported
    FIXABLE: ClassVar[bool] = False
    NODE_TYPES: ClassVar[tuple[type[ast.AST], ...]] = ()
    SCOPES: ClassVar[str] = EVENT_LOOP

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        raise NotImplementedError

    def report(self, node: ast.AST, message: str, fix_kind: str | None = None) -> Finding:
        """A finding at ``node``; ``fix_kind`` names the edit --fix applies to that node."""
        line, col, end_line, end_col = self.ctx.span(node)
        fix = Fix(fix_kind, line, col, end_line, end_col) if fix_kind else None
        return Finding(line, col, self.CODE, message, end_line, end_col, fix)


class CarryingRule(Rule):
    """A rule whose effect a sync helper carries to the coroutine (or sync view) calling it.

    ``effect`` finds the effect of one node in any function; ``check`` reports it where the
    node is, and, at a call of a sync helper of the module, reports the helper's effects
    of this rule's code at the call, with the chain (summaries.py).
    """

    def effect(self, node: ast.AST, scope: Scope) -> Effect | None:
        raise NotImplementedError

    def message(self, effect: Effect, scope: Scope) -> str:
        raise NotImplementedError

    def fix_kind(self, effect: Effect) -> str | None:
        return None

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        effect = self.effect(node, scope)
        if effect is not None:
            yield self.report(node, self.message(effect, scope), self.fix_kind(effect))
        if isinstance(node, ast.Call):
            carried = self.ctx.summaries.call_effects(node, scope).get(self.CODE)
            if carried is not None:
                yield self.report(node, self.message(carried[0], scope) + self.more(carried[1]))

    @staticmethod
    def via(effect: Effect) -> str:
        return f" (via {effect.chain()})" if effect.via else ""

    @staticmethod
    def more(count: int) -> str:
        return f" (and {count - 1} more in the same call)" if count > 1 else ""
