"""Coroutine facts shared by FAS200, FAS301 and FAS504: which expressions make a
coroutine, how a value is used, and which coroutines a view reaches.

Computed after the whole module's names are known, so a coroutine defined below its
caller counts (pyflakes-style deferral).
"""
from __future__ import annotations

import ast
from typing import NamedTuple

from .context import FileContext, FuncRef, Member, Ref, Scope
from .data.asyncio_apis import (
    COROUTINE_FUNCTIONS,
    LOOP_RUNNER_METHODS,
    LOOP_RUNNERS,
    SERVER_RUNNERS,
    DROPPABLE_FUTURES,
    EVENT_LOOP_KINDS,
    LOOP_FUTURE_METHODS,
    LOOP_TASK_METHODS,
    TASK_FACTORIES,
    TASK_WAITERS,
    VALUE_CONSUMERS,
    VALUE_CONSUMER_MODULES,
    VALUE_PASSING_BUILTINS,
    LOGGER_METHODS,
)
from .data.frameworks import API_SUBMODULES, FLASK, QUART_AWAITABLE_PROPERTIES, QUART_COROUTINES

_AWAITABLE_PROPERTY_NAMES = frozenset(name.rpartition(".")[2] for name in QUART_AWAITABLE_PROPERTIES)

# How an expression's value is used, as FAS200 and FAS301 read it.
HANDED_ON = "handed on"  # awaited, passed to a call, yielded, put in a container, ...
VALUE = "value"  # used as a plain value: the coroutine is never run
DISCARDED = "discarded"


def framework_api(ctx: FileContext, qualname: str) -> str:
    """A framework API's public name as the module gets it: ``flask.json.jsonify`` is
    ``flask.jsonify``, and with quart_flask_patch, ``flask.flash`` is ``quart.flash``."""
    for prefix in API_SUBMODULES:
        if qualname.startswith(prefix):
            qualname = prefix.split(".")[0] + "." + qualname[len(prefix):]
            break
    return ctx.api_name(qualname)


def coroutine_made_by(ctx: FileContext, node: ast.AST, scope: Scope) -> str | None:
    """How a message names the coroutine ``node`` creates, or None if it makes none."""
    if isinstance(node, ast.Call):
        target = ctx.resolve(node.func, scope)
        if isinstance(target, FuncRef):
            if target.scope.is_coroutine_function:
                return f"{_callee_name(node.func)}()"
            return None
        if isinstance(target, Ref):
            qualname = framework_api(ctx, target.qualname)
            if (qualname in COROUTINE_FUNCTIONS or qualname in QUART_COROUTINES
                    or qualname in ctx.settings.extend_coroutine_functions):
                return f"{qualname.removeprefix('quart.')}()"
            if ctx.foreign_coroutine_function(node.func, scope) is not None:  # of another project module
                return f"{_callee_name(node.func)}()"
        return None
    if isinstance(node, ast.Attribute) and node.attr in _AWAITABLE_PROPERTY_NAMES \
            and isinstance(node.ctx, ast.Load):
        target = ctx.resolve(node, scope)
        if isinstance(target, Ref) and framework_api(ctx, target.qualname) in QUART_AWAITABLE_PROPERTIES:
            return framework_api(ctx, target.qualname).removeprefix("quart.")
    return None


def _callee_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return f"{ast.unparse(func.value)}.{func.attr}" if isinstance(func.value, ast.Name) else func.attr
    if isinstance(func, ast.Name):
        return func.id
    return "<call>"


def value_use(ctx: FileContext, node: ast.AST, scope: Scope) -> str:
    """What happens to the value of ``node`` where it stands (not following names)."""
    parents = ctx.parent_map(scope)
    parent = parents.get(node)
    while isinstance(parent, ast.IfExp) and node is not parent.test:
        node, parent = parent, parents.get(parent)  # ``a() if c else b()``: as the IfExp is used
    if parent is None:
        return HANDED_ON
    if isinstance(parent, (ast.Await, ast.Yield, ast.YieldFrom, ast.List, ast.Tuple, ast.Set, ast.Starred)):
        return HANDED_ON
    if isinstance(parent, ast.Expr):
        return DISCARDED
    if isinstance(parent, ast.keyword):
        parent = parents.get(parent)
    if isinstance(parent, ast.Call):
        if node is parent.func:
            return VALUE
        return VALUE if _consumes_value(ctx, parent.func, scope) else HANDED_ON
    if isinstance(parent, ast.DictComp):
        return VALUE  # a coroutine as a dict value (or key) is a value use, as in a dict literal
    if isinstance(parent, ast.comprehension):
        return VALUE if node is parent.iter else HANDED_ON  # iterating over a coroutine
    if isinstance(parent, ast.Return):
        return VALUE if scope.is_coroutine else HANDED_ON
    if isinstance(parent, ast.withitem):
        owner = parents.get(parent)
        return HANDED_ON if isinstance(owner, ast.AsyncWith) else VALUE
    if isinstance(parent, ast.AsyncFor):
        return HANDED_ON
    if isinstance(parent, ast.Dict):
        return VALUE
    if isinstance(parent, (ast.Attribute, ast.Subscript)):
        return VALUE if node is parent.value else HANDED_ON
    if isinstance(parent, (ast.JoinedStr, ast.FormattedValue, ast.Compare, ast.BoolOp, ast.UnaryOp,
                           ast.BinOp, ast.If, ast.While, ast.IfExp, ast.Assert, ast.For)):
        return VALUE
    return HANDED_ON


def _consumes_value(ctx: FileContext, func: ast.expr, scope: Scope) -> bool:
    """A builtin or a synchronous stdlib function (RULES.md FAS200): passing a coroutine to
    it uses it as a plain value (``print(c)``, ``abs(c)``, ``logging.info("%s", c)``,
    ``log.warning(c)`` on a ``logging.getLogger(...)`` logger)."""
    target = ctx.resolve(func, scope)
    if isinstance(target, Ref):
        qualname = target.qualname
        if qualname in VALUE_CONSUMERS:
            return True
        if qualname.startswith("builtins.") and qualname not in VALUE_PASSING_BUILTINS:
            return True
        return qualname.rpartition(".")[0] in VALUE_CONSUMER_MODULES
    if target is None and isinstance(func, ast.Attribute) and func.attr in LOGGER_METHODS \
            and isinstance(func.value, ast.Name):
        for binding in ctx.lookup(func.value.id, scope) or ():
            value = binding.payload
            if binding.kind == "value" and isinstance(value, ast.Call):
                made_by = ctx.resolve(value.func, binding.scope)
                if isinstance(made_by, Ref) and made_by.qualname == "logging.getLogger":
                    return True
    return False


def assigned_name(ctx: FileContext, node: ast.AST, scope: Scope) -> str | None:
    """The local name ``node``'s value is bound to (``x = node``, ``x: T = node``, ``(x := node)``,
    also as a branch of a conditional expression: ``x = node if c else None``)."""
    parents = ctx.parent_map(scope)
    parent = parents.get(node)
    while isinstance(parent, ast.IfExp) and node is not parent.test:
        node, parent = parent, parents.get(parent)
    if isinstance(parent, ast.Assign) and parent.value is node and len(parent.targets) == 1 \
            and isinstance(parent.targets[0], ast.Name):
        return parent.targets[0].id
    if isinstance(parent, ast.AnnAssign) and parent.value is node and isinstance(parent.target, ast.Name):
        return parent.target.id
    if isinstance(parent, ast.NamedExpr) and parent.value is node:
        return parent.target.id
    return None


def uses_of_name(ctx: FileContext, name: str, scope: Scope, bound_at: ast.AST | None = None) -> list[str]:
    """How each later read of a local name is used; a read in a nested function counts as
    handed on (we cannot see when it runs). With ``bound_at`` (the bound expression), only
    the reads that can see that binding count: those after it in the source, and any read
    in a loop that also holds the binding (the next iteration reads it)."""
    uses = []
    for load, where in ctx.name_loads(scope, name):
        if bound_at is not None and where is scope and not _may_read(ctx, load, bound_at, scope):
            continue
        uses.append(value_use(ctx, load, scope) if where is scope else HANDED_ON)
    return uses


_LOOP_STATEMENTS = (ast.For, ast.AsyncFor, ast.While)


def _may_read(ctx: FileContext, load: ast.AST, bound_at: ast.AST, scope: Scope) -> bool:
    if (load.lineno, load.col_offset) > (bound_at.lineno, bound_at.col_offset):  # type: ignore[attr-defined]
        return True
    parents = ctx.parent_map(scope)
    loops, node = set(), parents.get(bound_at)
    while node is not None:
        if isinstance(node, _LOOP_STATEMENTS):
            loops.add(node)
        node = parents.get(node)
    node = parents.get(load)
    while node is not None:
        if node in loops:
            return True
        node = parents.get(node)
    return False


def views_and_reached_coroutines(ctx: FileContext, framework: str = FLASK) -> set[Scope]:
    """Async views and hooks of ``framework``, and the coroutines they call, transitively."""
    memo = ctx.memo.setdefault("reached_from_views", {})
    if framework in memo:
        return memo[framework]
    reached: set[Scope] = set()
    if ctx.framework == framework:
        pending = [s for s in ctx.scopes if s.view is not None and s.is_coroutine]
        while pending:
            scope = pending.pop()
            if scope in reached:
                continue
            reached.add(scope)
            for node in scope.nodes:
                if isinstance(node, ast.Call):
                    target = ctx.resolve(node.func, scope)
                    if isinstance(target, FuncRef) and target.scope.is_coroutine and target.scope not in reached:
                        pending.append(target.scope)
    memo[framework] = reached
    return reached


# ---------------------------------------------------------------- tasks (FAS300, FAS301)

def task_started_by(ctx: FileContext, call: ast.AST, scope: Scope) -> str | None:
    """``asyncio.create_task``, ``asyncio.ensure_future``, ``loop.create_task`` (a task) or
    ``asyncio.gather``/``loop.run_in_executor`` (a future): how a message names it."""
    if not isinstance(call, ast.Call):
        return None
    target = ctx.resolve(call.func, scope)
    if isinstance(target, Ref) and (target.qualname in TASK_FACTORIES or target.qualname in DROPPABLE_FUTURES):
        return target.qualname
    if isinstance(target, Member) and target.obj.kind in EVENT_LOOP_KINDS \
            and (target.name in LOOP_TASK_METHODS or target.name in LOOP_FUTURE_METHODS):
        return f"loop.{target.name}"
    return None


def is_task_factory(started_by: str) -> bool:
    return started_by in TASK_FACTORIES or started_by.removeprefix("loop.") in LOOP_TASK_METHODS


_HOLDERS = (ast.List, ast.Tuple, ast.Set, ast.Starred, ast.keyword, ast.IfExp)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp)
_MAX_FOLLOW = 4  # names, containers and returns followed before giving up (then: not waited)


def _outermost_holder(ctx: FileContext, node: ast.AST, scope: Scope) -> ast.AST:
    """The expression that carries ``node`` on: ``[create_task(x) for x in xs]`` and
    ``(t1, t2)`` carry their tasks to whatever receives the container."""
    parents = ctx.parent_map(scope)
    parent = parents.get(node)
    while isinstance(parent, _HOLDERS) or (isinstance(parent, _COMPREHENSIONS) and parent.elt is node):
        if isinstance(parent, ast.IfExp) and parent.test is node:
            break
        node, parent = parent, parents.get(parent)
    return node


def _waited_here(ctx: FileContext, node: ast.AST, scope: Scope) -> bool:
    """``await node``, or node passed (maybe inside a list/tuple/set, a comprehension, or
    starred) to gather/wait/..."""
    node = _outermost_holder(ctx, node, scope)
    parent = ctx.parent_map(scope).get(node)
    if isinstance(parent, ast.Await):
        return True
    if isinstance(parent, ast.Call) and node is not parent.func:
        target = ctx.resolve(parent.func, scope)
        return isinstance(target, Ref) and target.qualname in TASK_WAITERS
    return False


def _container_added_to(ctx: FileContext, node: ast.AST, scope: Scope) -> str | None:
    """``tasks.append(node)`` / ``tasks.add(node)``: the container's name."""
    parent = ctx.parent_map(scope).get(node)
    if isinstance(parent, ast.Call) and node in parent.args and isinstance(parent.func, ast.Attribute) \
            and parent.func.attr in ("append", "add", "extend") and isinstance(parent.func.value, ast.Name):
        return parent.func.value.id
    return None


def _loop_variable(ctx: FileContext, node: ast.AST, scope: Scope) -> str | None:
    """``for task in node:`` / ``[... for task in node]``: the name each element is bound to."""
    parent = ctx.parent_map(scope).get(node)
    if isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node \
            and isinstance(parent.target, ast.Name):
        return parent.target.id
    return None


def _value_is_waited(ctx: FileContext, node: ast.AST, scope: Scope, depth: int = 0) -> bool:
    """The task (or a container holding it) that ``node`` evaluates to is awaited, gathered
    or waited for: here, through the names and containers it is kept in, through a loop
    over such a container, or, when a coroutine returns it, by the view that awaits that
    coroutine (RULES.md FAS301: "anywhere in the view")."""
    if depth > _MAX_FOLLOW:
        return False
    if _waited_here(ctx, node, scope):
        return True
    holder = _outermost_holder(ctx, node, scope)
    parent = ctx.parent_map(scope).get(holder)
    if isinstance(parent, ast.Return):
        return _returned_value_is_waited(ctx, scope, depth)
    names = {name for name in (assigned_name(ctx, holder, scope), _container_added_to(ctx, holder, scope))
             if name is not None}
    for name in names:
        for load, where in ctx.name_loads(scope, name):
            if where is not scope:
                continue
            if _waited_here(ctx, load, scope):
                return True
            held = _outermost_holder(ctx, load, scope)
            if isinstance(ctx.parent_map(scope).get(held), ast.Return) and _returned_value_is_waited(ctx, scope, depth):
                return True
            follow = _container_added_to(ctx, held, scope) or _loop_variable(ctx, held, scope)
            if follow is not None and follow not in names and _name_is_waited(ctx, follow, scope, depth + 1):
                return True
    return False


def _name_is_waited(ctx: FileContext, name: str, scope: Scope, depth: int) -> bool:
    return any(where is scope and _value_is_waited(ctx, load, scope, depth)
               for load, where in ctx.name_loads(scope, name))


def _returned_value_is_waited(ctx: FileContext, returner: Scope, depth: int) -> bool:
    """A coroutine returns the task: is it waited where ``await returner(...)`` is used?"""
    for caller in ctx.scopes:
        if not caller.is_coroutine:
            continue
        for node in caller.nodes:
            if isinstance(node, ast.Call):
                target = ctx.resolve(node.func, caller)
                if isinstance(target, FuncRef) and target.scope is returner:
                    awaited = ctx.parent_map(caller).get(node)
                    if isinstance(awaited, ast.Await) and _value_is_waited(ctx, awaited, caller, depth + 1):
                        return True
    return False


def task_is_waited(ctx: FileContext, call: ast.AST, scope: Scope) -> bool:
    """The task is awaited, gathered or waited for (RULES.md FAS301)."""
    return _value_is_waited(ctx, call, scope)


def task_is_kept(ctx: FileContext, call: ast.AST, scope: Scope) -> bool:
    """A reference survives: used in place, bound to an attribute/subscript, or bound to a
    name that is used again (RULES.md FAS300)."""
    parent = ctx.parent_map(scope).get(call)
    if isinstance(parent, ast.Expr):
        return False
    name = assigned_name(ctx, call, scope)
    if name is None:
        return True
    if name == "_":
        return False
    return any(where is not scope or _may_read(ctx, load, call, scope) for load, where in ctx.name_loads(scope, name))


def cancelled_by_flask(ctx: FileContext, call: ast.AST, scope: Scope, started_by: str) -> bool:
    """FAS301: a task made in a Flask view (or a coroutine one reaches) and not waited for."""
    return (is_task_factory(started_by)
            and scope in views_and_reached_coroutines(ctx, FLASK)
            and not task_is_waited(ctx, call, scope))


# ---------------------------------------------------------------- loops started (FAS501, FAS502)

class LoopStart(NamedTuple):
    what: str  # how a message names the call: "asyncio.run()", "loop.run_until_complete()"
    how: str  # "runner" (asyncio.run), "server" (uvicorn.run), or the loop method's name
    on_running_loop: bool  # the loop is the one already running (get_running_loop/get_event_loop)


def loop_started_by(ctx: FileContext, call: ast.AST, scope: Scope) -> LoopStart | None:
    """A call that starts an event loop and runs it to completion (or forever)."""
    if not isinstance(call, ast.Call):
        return None
    target = ctx.resolve(call.func, scope)
    if isinstance(target, Ref):
        if target.qualname in LOOP_RUNNERS:
            return LoopStart(f"{target.qualname}()", "runner", False)
        if target.qualname in SERVER_RUNNERS:
            return LoopStart(f"{target.qualname}()", "server", False)
        return None
    if isinstance(target, Member) and target.name in LOOP_RUNNER_METHODS:
        return LoopStart(f"loop.{target.name}()", target.name, target.obj.kind == "running_loop")
    if target is None and isinstance(call.func, ast.Attribute) and call.func.attr in LOOP_RUNNER_METHODS:
        # An unknown receiver with this method name: a loop made somewhere we cannot see.
        return LoopStart(f"{ast.unparse(call.func)[:40]}()", call.func.attr, False)
    return None
