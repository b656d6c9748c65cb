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
    COROUTINE_DRIVING_METHODS,
    COROUTINE_FUNCTIONS,
    COROUTINE_PASSING_STDLIB,
    DROPPABLE_FUTURES,
    EVENT_LOOP_KINDS,
    LOGGER_ATTRIBUTES,
    LOGGER_FACTORIES,
    LOGGER_METHODS,
    LOOP_FUTURE_METHODS,
    LOOP_RUNNER_METHODS,
    LOOP_RUNNERS,
    LOOP_TASK_METHODS,
    SERVER_RUNNERS,
    STDLIB_PACKAGES,
    TASK_FACTORIES,
    TASK_WAITERS,
    VALUE_CONSUMER_MODULES,
    VALUE_CONSUMERS,
    VALUE_PASSING_BUILTINS,
)
from .data.frameworks import API_SUBMODULES, FLASK, QUART, QUART_AWAITABLE_PROPERTIES, QUART_COROUTINES

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
        elif target is None and isinstance(node.func, ast.Attribute) and ctx.settings.extend_coroutine_functions:
            # ``dp = Dispatcher()`` then ``dp.feed_raw_update(...)``, with
            # ``aiogram.Dispatcher.feed_raw_update`` configured: a method of an instance
            cls = _instance_class(ctx, node.func.value, scope)
            if cls is not None and f"{cls}.{node.func.attr}" in ctx.settings.extend_coroutine_functions:
                return f"{_callee_name(node.func)}()"
        return None
    if isinstance(node, ast.Attribute) and node.attr in _AWAITABLE_PROPERTY_NAMES \
            and isinstance(node.ctx, ast.Load):
        target = ctx.resolve(node, scope)
        if isinstance(target, Ref) and framework_api(ctx, target.qualname) in QUART_AWAITABLE_PROPERTIES:
            return framework_api(ctx, target.qualname).removeprefix("quart.")
    return None


def _instance_class(ctx: FileContext, expr: ast.expr, scope: Scope) -> str | None:
    """The qualified name of the class whose call made ``expr`` (``Dispatcher()``, or a
    name bound once to such a call)."""
    if isinstance(expr, ast.Name):
        bindings = ctx.lookup(expr.id, scope) or ()
        if len(bindings) != 1 or bindings[0].kind != "value":
            return None
        expr, scope = bindings[0].payload, bindings[0].scope  # type: ignore[assignment]
    if isinstance(expr, ast.Call):
        made_by = ctx.resolve(expr.func, scope)
        return made_by.qualname if isinstance(made_by, Ref) else None
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
    if isinstance(parent, ast.Attribute) and parent.attr in COROUTINE_DRIVING_METHODS:
        return HANDED_ON
    if isinstance(parent, (ast.Attribute, ast.Subscript)):
        return VALUE if node is parent.value else HANDED_ON
    if isinstance(parent, (ast.JoinedStr, ast.FormattedValue, ast.Compare, ast.BoolOp, ast.UnaryOp,
                           ast.BinOp, ast.AugAssign, ast.If, ast.While, ast.IfExp, ast.Assert, ast.For)):
        return VALUE
    return HANDED_ON


def _consumes_value(ctx: FileContext, func: ast.expr, scope: Scope) -> bool:
    """A builtin, a synchronous stdlib function or a logger method (RULES.md FAS200): passing
    a coroutine to it uses it as a plain value (``print(c)``, ``hashlib.sha256(c)``,
    ``logging.info("%s", c)``, ``app.logger.info("%s", c)``)."""
    if isinstance(func, ast.Attribute) and func.attr in LOGGER_METHODS and _is_logger(ctx, func.value, scope):
        return True
    target = ctx.resolve(func, scope)
    if not isinstance(target, Ref):
        return False
    qualname = target.qualname
    if qualname in VALUE_CONSUMERS:
        return True
    if qualname.startswith("builtins."):
        return qualname not in VALUE_PASSING_BUILTINS
    if qualname.rpartition(".")[0] in VALUE_CONSUMER_MODULES:
        return True
    package = qualname.partition(".")[0]
    # A project module named like a stdlib one (``calendar.py``) is the project's code.
    return (package in STDLIB_PACKAGES and package not in COROUTINE_PASSING_STDLIB
            and ctx.project_edge(func, scope) is None)


def _is_logger(ctx: FileContext, expr: ast.expr, scope: Scope, follow_names: bool = True) -> bool:
    """``app.logger``, ``current_app.logger``, ``logging.getLogger(...)``, or a name bound to one."""
    if isinstance(expr, ast.Attribute):
        return expr.attr in LOGGER_ATTRIBUTES
    if isinstance(expr, ast.Call):
        made_by = ctx.resolve(expr.func, scope)
        return isinstance(made_by, Ref) and made_by.qualname in LOGGER_FACTORIES
    if isinstance(expr, ast.Name) and follow_names:
        return any(binding.kind == "value" and _is_logger(ctx, binding.payload, binding.scope, False)
                   for binding in ctx.lookup(expr.id, scope) or ())
    return False


def binding_targets(ctx: FileContext, node: ast.AST, scope: Scope, unpack: bool = False) -> list[ast.expr]:
    """The targets ``node``'s value is bound to: every target of ``x = node`` (both of
    ``a = b = node``), ``x: T = node``, ``(x := node)``, also as a branch of a conditional
    expression (``x = node if c else None``). With ``unpack``, an element of a tuple that is
    unpacked is bound to its own target: ``first, second = node, other`` binds ``first``."""
    parents = ctx.parent_map(scope)
    parent = parents.get(node)
    while isinstance(parent, ast.IfExp) and node is not parent.test:
        node, parent = parent, parents.get(parent)
    if unpack and isinstance(parent, (ast.Tuple, ast.List)):
        owner = parents.get(parent)
        if not (isinstance(owner, ast.Assign) and owner.value is parent
                and any(_unpacks(target, parent) for target in owner.targets)):
            return []  # a tuple or list that is kept, or handed on, as a whole
        index = next(i for i, element in enumerate(parent.elts) if element is node)
        # ``whole = (first, second) = node, other``: ``whole`` keeps the tuple itself
        return [target.elts[index] if _unpacks(target, parent) else target for target in owner.targets]
    if isinstance(parent, ast.Assign) and parent.value is node:
        return list(parent.targets)
    if isinstance(parent, (ast.AnnAssign, ast.NamedExpr)) and parent.value is node:
        return [parent.target]
    return []


def _unpacks(target: ast.expr, value: ast.Tuple | ast.List) -> bool:
    return (isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == len(value.elts)
            and not any(isinstance(e, ast.Starred) for e in (*target.elts, *value.elts)))


def declared_outside(scope: Scope, name: str) -> bool:
    """``global name`` / ``nonlocal name``: the binding outlives the function's call."""
    return name in scope.global_names or any(
        isinstance(node, ast.Nonlocal) and name in node.names for node in scope.nodes)


def uses_of_name(ctx: FileContext, name: str, scope: Scope, bound_at: ast.AST | None = None) -> list[str]:
    """How each later read of a local name is used; a read in a nested function counts as
    handed on (we cannot see when it runs). With ``bound_at`` (the bound expression), only
    the reads that can see that binding count (see ``_may_read``)."""
    uses = []
    for load, where in ctx.name_loads(scope, name):
        if bound_at is not None and where is scope and not _may_read(ctx, load, bound_at, scope):
            continue
        uses.append(value_use(ctx, load, scope) if where is scope else HANDED_ON)
    return uses


_LOOP_STATEMENTS = (ast.For, ast.AsyncFor, ast.While)


def _may_read(ctx: FileContext, load: ast.Name, bound_at: ast.AST, scope: Scope) -> bool:
    """A read can see a binding when it comes after it in the source, or sits in a loop that
    also holds the binding (the next iteration reads it), unless a plain assignment to the
    same name stands between them in the binding's own block (``c = f(1); c = f(2); await c``)."""
    if (load.lineno, load.col_offset) > (bound_at.lineno, bound_at.col_offset):  # type: ignore[attr-defined]
        return not _overwritten_between(ctx, load, bound_at, scope)
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


def _overwritten_between(ctx: FileContext, load: ast.Name, bound_at: ast.AST, scope: Scope) -> bool:
    """A later statement of the binding's block rebinds the name before the statement that
    reads it. Statements of one block run in order, and control enters a block only at its
    top, so every path from the binding to that read passes the rebinding."""
    block, bound_index = _block_and_index(ctx, bound_at, scope)
    read_index = _index_in_block(ctx, load, block, scope)
    if read_index is None or read_index <= bound_index:
        return False
    return any(_rebinds(statement, load.id) for statement in block[bound_index + 1:read_index])


def _block_and_index(ctx: FileContext, node: ast.AST | None, scope: Scope) -> tuple[list[ast.stmt], int]:
    """The statement list holding the statement ``node`` is part of, and that statement's index."""
    parents = ctx.parent_map(scope)
    while not isinstance(node, ast.stmt):
        node = parents.get(node)
        if node is None:
            return [], 0  # a lambda's body holds no statement
    owner = parents.get(node, scope.node)  # a function's or module's own body has no parent here
    for field in ("body", "orelse", "finalbody"):
        block = getattr(owner, field, None)
        if isinstance(block, list):
            for index, statement in enumerate(block):
                if statement is node:
                    return block, index
    return [node], 0  # an odd owner (a match case): the statement alone


def _index_in_block(ctx: FileContext, node: ast.AST, block: list[ast.stmt], scope: Scope) -> int | None:
    """The index of the statement of ``block`` that contains ``node``, if any."""
    parents = ctx.parent_map(scope)
    positions = {id(statement): index for index, statement in enumerate(block)}
    while node is not None:
        if id(node) in positions:
            return positions[id(node)]
        node = parents.get(node)
    return None


def _rebinds(statement: ast.stmt, name: str) -> bool:
    """A plain or annotated assignment that always binds ``name``."""
    if isinstance(statement, ast.Assign):
        return any(name in _names_bound(target) for target in statement.targets)
    return (isinstance(statement, ast.AnnAssign) and statement.value is not None
            and isinstance(statement.target, ast.Name) and statement.target.id == name)


def _names_bound(target: ast.expr) -> set[str]:
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, (ast.Tuple, ast.List)):
        return set().union(*(_names_bound(element) for element in target.elts))
    if isinstance(target, ast.Starred):
        return _names_bound(target.value)
    return set()


def views_and_reached_coroutines(ctx: FileContext, framework: str = FLASK) -> set[Scope]:
    """Async views and hooks of ``framework``, and the coroutines they call, transitively."""
    memo = ctx.memo.setdefault("reached_from_views", {})
    if framework in memo:
        return memo[framework]
    reached: set[Scope] = set()
    _reach(ctx, [s for s in ctx.scopes if s.view is not None and s.is_coroutine
                 and (s.view.framework or ctx.framework) == framework], reached)
    memo[framework] = reached
    return reached


def _reach(ctx: FileContext, pending: list[Scope], reached: set[Scope]) -> None:
    """Add ``pending`` to ``reached`` with the module's coroutines they call, transitively."""
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


def flask_request_coroutines(ctx: FileContext) -> set[Scope]:
    """The coroutines of this module that run on a Flask view's per-request loop: its own
    async views and hooks and what they call, and the coroutine functions a Flask view of
    another project module calls (directly or through other coroutines), with what they
    call here. A Quart module's coroutines never do."""
    memo = ctx.memo.get("flask_request_coroutines")
    if memo is not None:
        return memo
    reached = set(views_and_reached_coroutines(ctx, FLASK))
    if ctx.framework != QUART and ctx.project is not None and ctx.path is not None:
        named = {name: scope for scope in ctx.scopes if scope.is_coroutine and scope not in reached
                 for name in [_top_level_name(ctx, scope)] if name is not None}
        if named:
            from_views = ctx.project.flask_reached_coroutines()
            _reach(ctx, [scope for name, scope in named.items() if (ctx.path, name) in from_views], reached)
    ctx.memo["flask_request_coroutines"] = reached
    return reached


def _top_level_name(ctx: FileContext, scope: Scope) -> str | None:
    """How another module names a function: ``f`` at module level, ``Class.m`` for a method."""
    parent = scope.parent
    if parent is ctx.module:
        return scope.name
    if parent is not None and parent.kind == "class" and parent.parent is ctx.module:
        return f"{parent.name}.{scope.name}"
    return None


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
_MAX_FOLLOW = 6  # places, loops and returns followed before giving up (then: not waited)
# Calls on a container that give back what it holds: ``tasks.values()``, ``pending.pop()``.
_CONTENTS_METHODS = frozenset({"values", "get", "pop", "popleft", "copy"})
_ADDING_METHODS = frozenset({"append", "add", "extend", "insert", "appendleft"})


def _outermost_holder(ctx: FileContext, node: ast.AST, scope: Scope) -> ast.AST:
    """The expression that carries ``node`` on: ``[create_task(x) for x in xs]``,
    ``(t1, t2)`` and ``{"a": t1}`` carry their tasks to whatever receives the container."""
    parents = ctx.parent_map(scope)
    parent = parents.get(node)
    while (isinstance(parent, _HOLDERS)
           or (isinstance(parent, _COMPREHENSIONS) and parent.elt is node)
           or (isinstance(parent, ast.Dict) and any(value is node for value in parent.values))
           or (isinstance(parent, ast.DictComp) and parent.value is node)):
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


def _place(expr: ast.AST) -> str | None:
    """Where a task can be kept and found again: a name or a dotted attribute path
    (``tasks``, ``g.prefetch``, ``self.pending``)."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        base = _place(expr.value)
        return f"{base}.{expr.attr}" if base is not None else None
    return None


def _places_holding(ctx: FileContext, node: ast.AST, scope: Scope) -> set[str]:
    """The places ``node``'s value is kept in: a name or attribute it is bound to (also by
    tuple unpacking), the container of a subscript target (``tasks[k] = node``), a container
    it is added to (``tasks.append(node)``), or the loop variable iterating over it."""
    places = set()
    for target in binding_targets(ctx, node, scope, unpack=True):
        places.add(_place(target.value if isinstance(target, ast.Subscript) else target))
    parent = ctx.parent_map(scope).get(node)
    if isinstance(parent, ast.Call) and node in parent.args and isinstance(parent.func, ast.Attribute) \
            and parent.func.attr in _ADDING_METHODS:
        places.add(_place(parent.func.value))
    if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)) and parent.iter is node:
        places.add(_place(parent.target))
    places.discard(None)
    return places  # type: ignore[return-value]


def _place_reads(ctx: FileContext, place: str, scope: Scope) -> list[ast.expr]:
    """The reads of a place in the scope's own code."""
    if "." not in place:
        return [load for load, where in ctx.name_loads(scope, place) if where is scope]
    index = ctx.memo.setdefault("attribute_reads", {}).get(scope)
    if index is None:
        index = ctx.memo["attribute_reads"][scope] = {}
        for node in scope.nodes:
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                found = _place(node)
                if found is not None:
                    index.setdefault(found, []).append(node)
    return index.get(place, [])


def _contents(ctx: FileContext, read: ast.expr, scope: Scope) -> ast.expr:
    """What a read of a place gives on: ``tasks["a"]`` and ``tasks.values()`` give the
    tasks a container holds."""
    parents = ctx.parent_map(scope)
    parent = parents.get(read)
    if isinstance(parent, ast.Subscript) and parent.value is read and isinstance(parent.ctx, ast.Load):
        return parent
    if isinstance(parent, ast.Attribute) and parent.attr in _CONTENTS_METHODS:
        call = parents.get(parent)
        if isinstance(call, ast.Call) and call.func is parent:
            return call
    return read


def _value_is_waited(ctx: FileContext, node: ast.AST, scope: Scope, depth: int = 0,
                     seen: set[str] | None = None) -> bool:
    """The task (or a container holding it) that ``node`` evaluates to is awaited, gathered
    or waited for: here, through the names, attributes and containers it is kept in,
    through a loop over such a container, or, when a coroutine returns it, by the view that
    awaits that coroutine (RULES.md FAS301: "anywhere in the view")."""
    if depth > _MAX_FOLLOW:
        return False
    if _waited_here(ctx, node, scope):
        return True
    holder = _outermost_holder(ctx, node, scope)
    if isinstance(ctx.parent_map(scope).get(holder), ast.Return):
        return _returned_value_is_waited(ctx, scope, depth)
    seen = set() if seen is None else seen
    places = (_places_holding(ctx, node, scope) | _places_holding(ctx, holder, scope)) - seen
    seen |= places
    return any(_value_is_waited(ctx, _contents(ctx, read, scope), scope, depth + 1, seen)
               for place in sorted(places) for read in _place_reads(ctx, place, scope))


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
    name that is used again or that is global/nonlocal (RULES.md FAS300). Each element of an
    unpacked tuple is judged by its own name; ``a = b = task`` is kept if either name is."""
    parent = ctx.parent_map(scope).get(call)
    if isinstance(parent, ast.Expr):
        return False
    targets = binding_targets(ctx, call, scope, unpack=True)
    if not targets:
        return True
    return any(_target_keeps(ctx, target, call, scope) for target in targets)


def _target_keeps(ctx: FileContext, target: ast.expr, call: ast.AST, scope: Scope) -> bool:
    if not isinstance(target, ast.Name):
        return True  # an attribute or subscript, or a nested unpacking we do not follow
    if target.id == "_":
        return False
    if declared_outside(scope, target.id):
        return True
    return any(where is not scope or _may_read(ctx, load, call, scope)
               for load, where in ctx.name_loads(scope, target.id))


def cancelled_by_flask(ctx: FileContext, call: ast.AST, scope: Scope, started_by: str) -> bool:
    """FAS301: a task made in a Flask view (or a coroutine one reaches) and not waited for."""
    return (is_task_factory(started_by)
            and scope in flask_request_coroutines(ctx)
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
