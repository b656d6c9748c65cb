"""``--fix``: apply the edits that findings describe, with libcst, which keeps every byte.

Detection never touches libcst (it is several times slower than ``ast``); this module
parses a file only when one of its findings carries a fix. Each ``Fix`` names a kind and
the span of the node to edit (1-based lines, 0-based character columns, end exclusive:
the convention of libcst's ``PositionProvider``), so the node is found by its span, and
one transformer applies every edit of the file in a single pass; it descends only into
the statements that hold an edit. ``import asyncio`` is added after the module's leading
imports when an edit needs it and no unconditional module-level import binds it (one
under ``if TYPE_CHECKING:`` or in a ``try`` does not); libcst's ``AddImportsVisitor``
puts it at the same place but walks the whole tree twice, minutes on a 100 000-line file.
As ruff does, the result is checked with ``compile`` (which also rejects an ``await``
outside an ``async def``); when it fails, the edits are bisected and only those that break
the file are refused, each with the reason. A file libcst cannot parse or does not
reproduce byte for byte is refused as a whole.

Edits nest: an edit inside the node of another edit is applied too (``f(g())`` with both
calls unawaited becomes ``await f(await g())``), because no kind rewrites the inside of
its node (a ``with`` toggle changes only its keyword, ``sleep``/``get_running_loop`` only
the called expression). The called expression is replaced however it is spelled
(``snooze(1)`` after ``from time import sleep as snooze``): the rule has resolved it.
Two different edits of the same node conflict: the first is applied and the others are
skipped with a reason. An edit that cannot be made safely (an ``await`` outside an
``async def``, inside a lambda, an annotation or a generator expression, or a name
``asyncio`` bound to something else in the file) is skipped with a reason, and its
finding stays reported.
"""
from __future__ import annotations

import ast
import difflib
import os
import re
from dataclasses import dataclass, field
import bisect
from typing import Callable, Iterable, Mapping, Sequence

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from .rule import Finding, Fix

BOM = "\ufeff"
PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

SLEEP = "sleep_to_asyncio_sleep"
INSERT_AWAIT = "insert_await"
DROP_AWAIT = "drop_await"
ASYNC_WITH_TO_WITH = "async_with_to_with"
WITH_TO_ASYNC_WITH = "with_to_async_with"
GET_RUNNING_LOOP = "get_running_loop"

# The node type each kind's span must name.
NODE_TYPE_OF_KIND: dict[str, type[cst.CSTNode]] = {
    SLEEP: cst.Call,
    INSERT_AWAIT: cst.BaseExpression,
    DROP_AWAIT: cst.Await,
    ASYNC_WITH_TO_WITH: cst.With,
    WITH_TO_ASYNC_WITH: cst.With,
    GET_RUNNING_LOOP: cst.Call,
}
FIX_KINDS = frozenset(NODE_TYPE_OF_KIND)
# The kinds whose result contains ``await`` (valid only directly in an ``async def``).
AWAITING_KINDS = frozenset({SLEEP, INSERT_AWAIT, WITH_TO_ASYNC_WITH})

# Expressions ``await`` can take without parentheses (the grammar's ``primary``; any
# parenthesized expression is one too). A tuple or generator expression keeps its own.
PARENTHESES_OPTIONAL = (cst.Name, cst.Attribute, cst.Subscript, cst.Call)
PRIMARY_TYPES = (
    *PARENTHESES_OPTIONAL, cst.BaseString, cst.Integer, cst.Float, cst.Imaginary, cst.List,
    cst.Set, cst.Dict, cst.ListComp, cst.SetComp, cst.DictComp, cst.Ellipsis,
)

# Where an event-loop edit sits, innermost last (see _Editor).
ASYNC_BODY, SYNC_BODY, CLASS_BODY, LAMBDA_BODY, GENERATOR, ANNOTATION = (
    "async_body", "sync_body", "class_body", "lambda_body", "generator", "annotation")
CONTEXT_REASON = {
    None: "not inside an async def",
    SYNC_BODY: "not inside an async def",
    CLASS_BODY: "in a class body, where await is not allowed",
    LAMBDA_BODY: "inside a lambda, where await is not allowed",
    ANNOTATION: "in an annotation, where await is not allowed",
    GENERATOR: "inside a generator expression, where await would make it an async generator",
}


@dataclass
class FixResult:
    new_source: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)
    refused: str | None = None  # why the whole file was left as it was, if it was

    @property
    def changed(self) -> bool:
        return bool(self.applied)


@dataclass
class _Edit:
    kind: str
    node: cst.CSTNode
    findings: list[Finding]
    asyncio_name: str | None = None  # the module's name for asyncio, when the edit uses it


def apply_fixes(source: str, findings: Iterable[Finding], filename: str = "<unknown>") -> FixResult:
    """Apply the fixes the findings carry; never raises for any input.

    ``applied`` and ``skipped`` hold only findings that carry a fix; a refused result
    returns ``source`` unchanged with every such finding skipped.
    """
    # Outermost first, then in the order given: of two edits of one node, the first wins.
    fixable = sorted((f for f in findings if f.fix is not None),
                     key=lambda f: (f.fix.line, f.fix.col, -f.fix.end_line, -f.fix.end_col))
    if not fixable:
        return FixResult(source)
    try:
        return _apply(source, fixable, filename)
    except Exception as error:  # noqa: BLE001 - a bug here must leave the file as it was
        reason = f"internal error while fixing: {type(error).__name__}: {error}"
        return FixResult(source, [], [(f, reason) for f in fixable], reason)


def _apply(source: str, fixable: list[Finding], filename: str) -> FixResult:
    # libcst drops a BOM from a str; it is put back on the result.
    bom = BOM if source.startswith(BOM) else ""
    text = source[len(bom):]
    skipped: list[tuple[Finding, str]] = []
    try:
        module = cst.parse_module(text)
    except Exception as error:  # noqa: BLE001 - ParserSyntaxError, or a recursion limit
        reason = f"libcst cannot parse: {_describe(error)}"
        return FixResult(source, [], [(f, reason) for f in fixable], reason)
    if module.code != text:
        reason = f"libcst does not reproduce this file exactly ({_reproduction_problem(text)})"
        return FixResult(source, [], [(f, reason) for f in fixable], reason)

    positions = _positions(module)
    lines = [line.rstrip("\r\n") for line in _physical_lines(text)]
    edits = _locate(positions, fixable, skipped)
    if not edits:
        return FixResult(source, [], _in_order(skipped))

    if any(_needs_asyncio(e) for e in edits.values()):
        asyncio_name, imported, conflict = _asyncio_name(module, text)
        for node, edit in list(edits.items()):
            if not _needs_asyncio(edit):
                continue
            if conflict:
                del edits[node]
                skipped.extend((f, conflict) for f in edit.findings)
            else:
                edit.asyncio_name = asyncio_name
    else:
        imported = True

    def attempt(chosen: list[_Edit]) -> _Attempt:
        editor = _Editor({e.node: e for e in chosen}, lines, positions)
        new_module = module.visit(editor)
        if not editor.applied:
            return _Attempt(chosen, editor, text, None)
        if not imported and editor.used_asyncio:
            new_module = _with_import_asyncio(new_module)
        new_text = new_module.code
        return _Attempt(chosen, editor, new_text, _parse_problem(new_text, text, filename))

    done = attempt(list(edits.values()))
    refused: list[_Attempt] = []
    if done.problem is not None:
        done, refused = _bisect(done, attempt)
    skipped.extend(done.editor.skipped)
    for rejected in refused:
        reason = f"the fixed source would not parse ({rejected.problem})"
        skipped.extend((f, reason) for edit in rejected.chosen for f in edit.findings)
    if not done.editor.applied:
        reason = None
        if refused:
            reason = f"the fixed source would not parse ({refused[0].problem}); nothing was changed"
        return FixResult(source, [], _in_order(skipped), reason)
    return FixResult(bom + done.new_text, sorted(done.editor.applied), _in_order(skipped))


@dataclass
class _Attempt:
    chosen: list[_Edit]
    editor: "_Editor"
    new_text: str
    problem: str | None  # why new_text does not compile, or None


def _bisect(failed: _Attempt, attempt: Callable[[list[_Edit]], _Attempt]) -> tuple[_Attempt, list[_Attempt]]:
    """The edits whose result compiles, and each edit refused alone (with its problem).

    Halving needs a few passes per bad edit instead of one per edit (a pass renders and
    compiles the whole file)."""
    refused: list[_Attempt] = []
    best: _Attempt | None = None

    def add(candidates: list[_Edit], accepted: list[_Edit], tried: _Attempt | None) -> list[_Edit]:
        nonlocal best
        tried = tried or attempt(accepted + candidates)
        if tried.problem is None:
            best = tried
            return candidates
        if len(candidates) == 1:
            # its own problem, not one of the edits accepted with it
            alone = attempt(candidates) if accepted else tried
            refused.append(alone if alone.problem else tried)
            return []
        middle = len(candidates) // 2
        left = add(candidates[:middle], accepted, None)
        return left + add(candidates[middle:], accepted + left, None)

    accepted = add(failed.chosen, [], failed)
    if best is None or best.chosen != accepted:
        best = attempt(accepted)
    return best, refused


def _reproduction_problem(text: str) -> str:
    if re.search("\r(?!\n)", text):
        return ("its lines end with lone carriage returns (CR), which libcst does not write back "
                "unchanged; converting them to LF or CRLF lets --fix work")
    if "\f" in text:
        return "libcst drops a form feed before a statement"
    return "libcst would change bytes that no fix asks to change"


def _with_import_asyncio(module: cst.Module) -> cst.Module:
    """``import asyncio`` after the leading block of imports (after a docstring when there
    is no import), where ``AddImportsVisitor`` puts it."""
    body = list(module.body)
    index = 0
    first = body[0] if body else None
    if isinstance(first, cst.SimpleStatementLine) and isinstance(first.body[0], cst.Expr) \
            and isinstance(first.body[0].value, cst.BaseString):
        index = 1
    while index < len(body) and isinstance(body[index], cst.SimpleStatementLine) \
            and all(isinstance(small, (cst.Import, cst.ImportFrom)) for small in body[index].body):
        index += 1
    statement = cst.parse_statement("import asyncio", config=module.config_for_parsing)
    if index < len(body):
        following = body[index]
        if following.leading_lines and following.leading_lines[0].comment is not None:
            # a comment right after the imports is about the code below them
            body[index] = following.with_changes(leading_lines=(cst.EmptyLine(), *following.leading_lines))
    body.insert(index, statement)
    return module.with_changes(body=body)


def _positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """Each node's span. ``MetadataWrapper.resolve`` would also walk the whole tree once
    more for the batchable providers it needs, though there are none: seconds on a
    100 000-line file, so the provider is run directly when libcst allows it."""
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    try:
        return PositionProvider()._gen(wrapper)  # type: ignore[return-value]
    except AttributeError:  # a libcst without the private entry point
        return wrapper.resolve(PositionProvider)


def _in_order(skipped: list[tuple[Finding, str]]) -> list[tuple[Finding, str]]:
    return sorted(skipped, key=lambda pair: pair[0])


def _locate(
    positions: Mapping[cst.CSTNode, CodeRange], fixable: list[Finding], skipped: list[tuple[Finding, str]],
) -> dict[cst.CSTNode, _Edit]:
    """Find the node each fix names; one edit per node, the first kind wins."""
    by_span: dict[tuple[int, int, int, int], list[cst.CSTNode]] = {}
    withs_by_start: dict[tuple[int, int], cst.With] = {}
    # Only the lines the fixes name are looked at: a large file has a million nodes.
    wanted_lines = {f.fix.line for f in fixable if f.fix is not None}
    for node, where in positions.items():
        if where.start.line not in wanted_lines:
            continue
        if isinstance(node, cst.With):
            withs_by_start[(where.start.line, where.start.column)] = node
        elif isinstance(node, cst.BaseExpression):
            by_span.setdefault(
                (where.start.line, where.start.column, where.end.line, where.end.column), []
            ).append(node)
    edits: dict[cst.CSTNode, _Edit] = {}
    for finding in fixable:
        fix: Fix = finding.fix  # type: ignore[assignment]
        if fix.kind not in FIX_KINDS:
            skipped.append((finding, f"unknown fix kind '{fix.kind}'"))
            continue
        wanted = NODE_TYPE_OF_KIND[fix.kind]
        node: cst.CSTNode | None
        if wanted is cst.With:
            # A compound statement is named by its first line and column.
            node = withs_by_start.get((fix.line, fix.col))
        else:
            candidates = [n for n in by_span.get((fix.line, fix.col, fix.end_line, fix.end_col), ())
                          if isinstance(n, wanted)]
            if not candidates:
                # ``ast`` spans a tuple's or a generator expression's own parentheses,
                # libcst's positions leave them out.
                candidates = [n for n in by_span.get((fix.line, fix.col + 1, fix.end_line, fix.end_col - 1), ())
                              if isinstance(n, (cst.Tuple, cst.GeneratorExp)) and isinstance(n, wanted)
                              and len(n.lpar) == 1 and n.lpar[0].whitespace_after.empty
                              and n.rpar[0].whitespace_before.empty]
            # Two expressions share a span only when one wraps the other without adding
            # text (none of libcst's expression nodes do); prefer a call all the same.
            candidates.sort(key=lambda n: not isinstance(n, cst.Call))
            node = candidates[0] if candidates else None
        if node is None:
            skipped.append((finding, f"no {wanted.__name__} node at the fix's span "
                                     f"{fix.line}:{fix.col}-{fix.end_line}:{fix.end_col}"))
            continue
        edit = edits.get(node)
        if edit is None:
            edits[node] = _Edit(fix.kind, node, [finding])
        elif edit.kind == fix.kind:
            edit.findings.append(finding)  # two findings asking for the same edit
        else:
            skipped.append((finding, f"conflicts with the '{edit.kind}' fix of the same code "
                                     f"(line {edit.findings[0].line}), which is applied first"))
    return edits


def _needs_asyncio(edit: _Edit) -> bool:
    if edit.kind == SLEEP:
        return True
    return edit.kind == GET_RUNNING_LOOP and isinstance(edit.node, cst.Call) \
        and not _renames_attribute(edit.node.func)


def _renames_attribute(func: cst.BaseExpression) -> bool:
    """``asyncio.get_event_loop``, ``aio.events.get_event_loop``: renaming the attribute is
    enough; any other spelling (an alias, a local name) is replaced by asyncio's function."""
    return isinstance(func, cst.Attribute) and func.attr.value == "get_event_loop"


def _asyncio_name(module: cst.Module, text: str) -> tuple[str, bool, str | None]:
    """(the name to call asyncio by, whether the module imports it, why it is unsafe or None)."""
    plain = alias = None
    for imported in _module_level_imports(module.body):
        for item in imported.names:
            dotted = get_full_name_for_node(item.name) or ""
            if item.asname is None and (dotted == "asyncio" or dotted.startswith("asyncio.")):
                plain = "asyncio"
            elif item.asname is not None and dotted == "asyncio" and isinstance(item.asname.name, cst.Name):
                alias = alias or item.asname.name.value
    name = plain or alias or "asyncio"
    if name in text and _bound_otherwise(ast.parse(text), name):
        return name, False, (f"the name '{name}' is bound to something other than the asyncio "
                             f"module in this file")
    return name, bool(plain or alias), None


def _module_level_imports(body: Sequence[cst.CSTNode]) -> Iterable[cst.Import]:
    """``import`` statements that always run at import time: those of the module's own body.
    One under ``if TYPE_CHECKING:`` never runs, one in a ``try`` may fail, one in a ``with``
    may be skipped by it: an edit relying on any of them would fail with a NameError."""
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            yield from (s for s in statement.body if isinstance(s, cst.Import))


def _bound_otherwise(tree: ast.AST, name: str) -> bool:
    """Whether ``name`` is bound anywhere in the file other than by importing asyncio."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, ast.arg) and node.arg == name:
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return True
        if isinstance(node, ast.ExceptHandler) and node.name == name:
            return True
        if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name == name:
            return True
        if isinstance(node, ast.MatchMapping) and node.rest == name:
            return True
        if isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == name for a in node.names):
            return True
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname == name and a.name != "asyncio":
                    return True
                if a.asname is None and a.name.split(".")[0] == name and a.name.split(".")[0] != "asyncio":
                    return True
    return False


def _parse_problem(new_text: str, old_text: str, filename: str) -> str | None:
    # ``compile`` is the interpreter's own verdict; a libcst re-parse of the result would
    # only add seconds on a large file.
    try:
        compile(new_text, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        # ``compile`` also rejects what the parser accepts (``await`` outside async def);
        # when the original already failed that way, only the parse is required.
        try:
            compile(old_text, filename, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            try:
                ast.parse(new_text, filename)
            except (SyntaxError, ValueError) as parse_error:
                return f"ast: {parse_error}"
            return None
        return f"compile: {error}"
    except (RecursionError, MemoryError) as error:
        return f"compile: {type(error).__name__}"
    return None


def _describe(error: BaseException) -> str:
    """One line: libcst's message starts 'Syntax Error @ 1:1.' and says what on the next line."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return " ".join(lines[:2])[:300] if lines else type(error).__name__


class _Editor(cst.CSTTransformer):
    """Applies every edit in one pass over the tree.

    It keeps the stack of ancestors (to parenthesize an inserted ``await`` by its parent)
    and the stack of bodies the walk is in (an ``await`` is valid only directly in an
    ``async def`` body: not in a lambda, a class body or, without changing what it makes,
    a generator expression).
    """

    def __init__(self, edits: dict[cst.CSTNode, _Edit], lines: list[str],
                 positions: Mapping[cst.CSTNode, CodeRange]) -> None:
        super().__init__()
        self.edits = edits
        self.lines = lines
        self.positions = positions
        self.ancestors: list[cst.CSTNode] = []
        self.bodies: list[str | None] = []
        self.applied: list[Finding] = []
        self.skipped: list[tuple[Finding, str]] = []
        self.used_asyncio = False
        self.edit_lines = sorted(positions[node].start.line for node in edits)

    # -- where the walk is

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.ancestors.append(node)
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            return self._holds_an_edit(node)
        return True

    def _holds_an_edit(self, statement: cst.CSTNode) -> bool:
        """Whether an edit starts on the lines of the statement (the walk skips the others).

        Statements only: the span of some other nodes leaves part of them out (a ``Param``'s
        leaves out its annotation), a statement's leaves out only its decorators."""
        where = self.positions.get(statement)
        if where is None:
            return True
        first = where.start.line
        for decorator in getattr(statement, "decorators", ()):
            decorated = self.positions.get(decorator)
            first = min(first, decorated.start.line if decorated else 1)
        index = bisect.bisect_left(self.edit_lines, first)
        return index < len(self.edit_lines) and self.edit_lines[index] <= where.end.line

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        try:
            edit = self.edits.get(original_node)
            if edit is None:
                return super().on_leave(original_node, updated_node)
            replacement, reason = self._edit(edit, updated_node)
            if replacement is None:
                self.skipped.extend((f, reason or "not fixable") for f in edit.findings)
                return super().on_leave(original_node, updated_node)
            self.applied.extend(edit.findings)
            return replacement
        finally:
            self.ancestors.pop()

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.bodies.append(self._body_entered(node, attribute))

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        self.bodies.pop()

    def _body_entered(self, node: cst.CSTNode, attribute: str) -> str | None:
        """The kind of body the attribute is, or the surrounding one (None = no change)."""
        if isinstance(node, cst.FunctionDef) and attribute == "body":
            return ASYNC_BODY if node.asynchronous is not None else SYNC_BODY
        if isinstance(node, cst.Lambda) and attribute == "body":
            return LAMBDA_BODY
        if isinstance(node, cst.ClassDef) and attribute == "body":
            return CLASS_BODY
        if isinstance(node, cst.Annotation):
            return ANNOTATION
        if isinstance(node, cst.GeneratorExp) and attribute == "elt":
            return GENERATOR
        if isinstance(node, cst.CompFor) and len(self.ancestors) >= 2 \
                and isinstance(self.ancestors[-2], cst.GeneratorExp) and attribute != "iter":
            # The first ``for``'s iterable runs outside the generator; the rest inside.
            return GENERATOR
        return None

    def _context(self) -> str | None:
        for body in reversed(self.bodies):
            if body is not None:
                return body
        return None

    # -- the edits

    def _edit(self, edit: _Edit, node: cst.CSTNode) -> tuple[cst.CSTNode | None, str | None]:
        if edit.kind in AWAITING_KINDS:
            context = self._context()
            if context != ASYNC_BODY:
                return None, CONTEXT_REASON[context]
        if edit.kind == SLEEP:
            return self._sleep(edit, node)  # type: ignore[arg-type]
        if edit.kind == INSERT_AWAIT:
            return self._insert_await(node)  # type: ignore[arg-type]
        if edit.kind == DROP_AWAIT:
            return self._drop_await(edit, node)  # type: ignore[arg-type]
        if edit.kind == ASYNC_WITH_TO_WITH:
            assert isinstance(node, cst.With)
            if node.asynchronous is None:
                return None, "the with statement is not async"
            return node.with_changes(asynchronous=None), None
        if edit.kind == WITH_TO_ASYNC_WITH:
            assert isinstance(node, cst.With)
            if node.asynchronous is not None:
                return None, "the with statement is already async"
            return node.with_changes(asynchronous=cst.Asynchronous()), None
        if edit.kind == GET_RUNNING_LOOP:
            return self._get_running_loop(edit, node)  # type: ignore[arg-type]
        return None, f"unknown fix kind '{edit.kind}'"

    def _parent(self) -> cst.CSTNode | None:
        return self.ancestors[-2] if len(self.ancestors) >= 2 else None

    def _already_awaited(self) -> bool:
        parent = self._parent()
        return isinstance(parent, cst.Await)

    def _awaited(self, expression: cst.BaseExpression) -> cst.Await:
        """``await expression`` in place of ``expression``, parenthesized as its place needs."""
        original = self.ancestors[-1]
        lpar: list[cst.LeftParen] = []
        rpar: list[cst.RightParen] = []
        inner = expression
        if isinstance(expression, PARENTHESES_OPTIONAL) and expression.lpar:
            # ``(f()).x`` -> ``(await f()).x``: the parentheses move out, around the await
            lpar, rpar = list(expression.lpar), list(expression.rpar)
            inner = expression.with_changes(lpar=(), rpar=())
        elif not expression.lpar and not isinstance(expression, PRIMARY_TYPES):
            inner = expression.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        if not lpar and (self._is_primary_prefix(original) or self._follows_word(original)):
            lpar, rpar = [cst.LeftParen()], [cst.RightParen()]
        return cst.Await(expression=inner, lpar=lpar, rpar=rpar)

    def _is_primary_prefix(self, original: cst.CSTNode) -> bool:
        """``f().x``, ``f()[k]``, ``f()()``: ``await`` there must be parenthesized."""
        parent = self._parent()
        if isinstance(parent, (cst.Attribute, cst.Subscript)):
            return parent.value is original
        if isinstance(parent, cst.Call):
            return parent.func is original
        return False

    def _follows_word(self, original: cst.CSTNode) -> bool:
        """``return(f)()``: the expression touches the keyword before it."""
        where = self.positions.get(original)
        if where is None or where.start.column == 0 or where.start.line > len(self.lines):
            return False
        before = self.lines[where.start.line - 1][where.start.column - 1]
        return before.isalnum() or before == "_"

    def _asyncio_attribute(self, edit: _Edit, name: str) -> cst.Attribute:
        self.used_asyncio = True
        return cst.Attribute(value=cst.Name(edit.asyncio_name or "asyncio"), attr=cst.Name(name))

    def _sleep(self, edit: _Edit, call: cst.Call) -> tuple[cst.CSTNode | None, str | None]:
        # The rule resolved the callee to time.sleep, however it is spelled here.
        if self._already_awaited():
            return None, "the call is already awaited"
        new_call = call.with_changes(func=self._asyncio_attribute(edit, "sleep"))
        return self._awaited(new_call), None

    def _insert_await(self, expression: cst.BaseExpression) -> tuple[cst.CSTNode | None, str | None]:
        if self._already_awaited():
            return None, "the expression is already awaited"
        return self._awaited(expression), None

    def _drop_await(self, edit: _Edit, node: cst.Await) -> tuple[cst.CSTNode | None, str | None]:
        expression = node.expression
        if not node.lpar:
            return expression, None
        if (len(node.lpar) == 1 and not expression.lpar
                and isinstance(expression, (cst.Name, cst.Attribute, cst.Subscript, cst.Call))
                and self._parens_removable(edit.node, node)):
            return expression, None  # ``(await f()).x`` -> ``f().x``
        # Keep the await's parentheses: they may carry a line break or be needed.
        return expression.with_changes(lpar=list(node.lpar) + list(expression.lpar),
                                       rpar=list(expression.rpar) + list(node.rpar)), None

    def _parens_removable(self, original: cst.CSTNode, node: cst.Await) -> bool:
        """One pair of parentheses on one line, not touching a keyword before them."""
        where = self.positions.get(original)
        lpar, rpar = node.lpar[0], node.rpar[0]
        if where is None or where.start.line != where.end.line:
            return False
        for space in (lpar.whitespace_after, rpar.whitespace_before):
            if not isinstance(space, cst.SimpleWhitespace) or "\\" in space.value:
                return False
        column = where.start.column - len(lpar.whitespace_after.value) - 1  # of the "("
        if column <= 0:
            return True
        before = self.lines[where.start.line - 1][column - 1]
        return not (before.isalnum() or before == "_")

    def _get_running_loop(self, edit: _Edit, call: cst.Call) -> tuple[cst.CSTNode | None, str | None]:
        # The rule resolved the callee to asyncio.get_event_loop, however it is spelled here.
        func = call.func
        if _renames_attribute(func):
            assert isinstance(func, cst.Attribute)
            renamed = func.attr.with_changes(value="get_running_loop")
            return call.with_changes(func=func.with_changes(attr=renamed)), None
        attribute = self._asyncio_attribute(edit, "get_running_loop")
        return call.with_changes(func=attribute.with_changes(lpar=func.lpar, rpar=func.rpar)), None


def _physical_lines(text: str) -> list[str]:
    """Lines as Python counts them, with their endings (``str.splitlines`` also splits at
    form feeds and U+2028, which may sit inside a line of source)."""
    return PHYSICAL_LINE.findall(text)


def unified_diff(old: str, new: str, path: str) -> str:
    """``git diff``-style text (a/ and b/ paths) of one file's change."""
    shown = os.path.normpath(path).replace(os.sep, "/").lstrip("/")
    lines = difflib.unified_diff(
        _physical_lines(old), _physical_lines(new), f"a/{shown}", f"b/{shown}")
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
