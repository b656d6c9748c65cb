"""Which calls block the event loop: the table lookup shared by FAS100-FAS105 and FAS202.

Resolved once per node and memoised on the file context, since several rules ask.
"""
from __future__ import annotations

import ast
from typing import NamedTuple

from .context import FileContext, Member, Obj, Ref, Scope
from .data import blocking_calls as bc
from .data import tables
from .data.frameworks import FLASK, QUART


class BlockingCall(NamedTuple):
    code: str
    display: str  # how the message names the call: "time.sleep()", "session.get() on a requests.Session"
    qualname: str  # what the tables matched

    @property
    def suggestion(self) -> str:
        return bc.suggestion_for(self.code, self.qualname)


def consequence(framework: str) -> str:
    """Why a blocking call hurts, in the words that are true for the module's framework."""
    if framework == FLASK:
        return ("blocks this request's event loop: the view's other coroutines and tasks "
                "wait and the worker thread is held")
    if framework == QUART:
        return "blocks the server's event loop: every request of this worker waits"
    return "blocks the event loop: every other coroutine on it waits"


def _passes_non_blocking(call: ast.Call, kind: str, method: str) -> bool:
    spec = bc.NON_BLOCKING_ARGUMENT.get((kind, method))
    if spec is None:
        return False
    keyword, position = spec
    # The flag alone decides, wherever it is written: ``acquire(timeout=None,
    # blocking=False)`` returns at once; ``acquire(timeout=5)`` still waits, up to 5 s.
    flag = next((kw.value for kw in call.keywords if kw.arg == keyword), None)
    if flag is None and len(call.args) > position:
        flag = call.args[position]
    return isinstance(flag, ast.Constant) and type(flag.value) in (bool, int) and not flag.value


def _call_name(func: ast.expr) -> str:
    """``receiver.method`` with a long receiver shortened: the method is the informative part."""
    text = ast.unparse(func)
    if len(text) <= 40:
        return text
    if isinstance(func, ast.Attribute):
        return f"{ast.unparse(func.value)[:30]}....{func.attr}"
    return text[:37] + "..."


def _object_effect(obj: Obj, method: str, call: ast.Call, scope: Scope) -> BlockingCall | None:
    if obj.code is None:
        return None
    methods = tables.OBJECT_KINDS.get(obj.kind, frozenset())
    if methods is not None and method not in methods:
        return None
    if _passes_non_blocking(call, obj.kind, method):
        return None
    # Made in this very coroutine by a call that is itself reported: one finding per root
    # cause, the constructor's.
    if obj.reported and (obj.origin is scope or (obj.origin.is_coroutine and _within(scope, obj.origin))):
        return None
    return BlockingCall(obj.code, f"{_call_name(call.func)}() on a '{obj.qualname}' object",
                        f"{obj.qualname}.{method}")


def _within(scope: Scope | None, origin: Scope) -> bool:
    """``scope`` is ``origin`` or nested in it: a helper defined inside the coroutine that
    made (and was reported for) the object is still the same root cause. A factory's
    closure is not: the factory is not event-loop code, its objects are reported where used."""
    while scope is not None:
        if scope is origin:
            return True
        scope = scope.parent
    return False


def blocking_call(ctx: FileContext, node: ast.AST, scope: Scope) -> BlockingCall | None:
    cache = ctx.memo.setdefault("blocking_call", {})
    if node in cache:
        return cache[node]
    result = _blocking_call(ctx, node, scope)
    cache[node] = result
    return result


def _blocking_call(ctx: FileContext, node: ast.AST, scope: Scope) -> BlockingCall | None:
    if isinstance(node, ast.With):
        for item in node.items:
            value = ctx.resolve(item.context_expr, scope)
            if isinstance(value, Ref) and ctx.project is not None:
                value = ctx.project_object(value.qualname)
            if isinstance(value, Obj) and value.kind == "lock" and value.origin is not scope:
                return BlockingCall(bc.FAS105, f"'with {_call_name(item.context_expr)}' on a "
                                    f"'{value.qualname}' object", value.qualname)
        return None
    if not isinstance(node, ast.Call):
        return None
    func = ctx.resolve(node.func, scope)
    if isinstance(func, Ref):
        qualname = func.qualname
        code = ctx.extra_blocking_calls.get(qualname) or tables.call_code(qualname)
        if code is None:
            constructor = tables.CONSTRUCTORS.get(qualname)
            if constructor is not None and constructor.reported:
                code = constructor.code
        if code is None:
            owner, _, method = qualname.rpartition(".")
            imported = ctx.project_object(owner) if owner and ctx.project is not None else None
            return _object_effect(imported, method, node, scope) if imported is not None else None
        return BlockingCall(code, f"{qualname.removeprefix('builtins.')}()", qualname)
    if isinstance(func, Member):
        found = _object_effect(func.obj, func.name, node, scope)
        if found is not None and func.obj.kind == "session_factory":
            # ``SessionLocal.begin()`` makes a session, as ``SessionLocal()`` does.
            return found._replace(display=f"{_call_name(node.func)}() (a '{func.obj.qualname}' session)")
        return found
    if isinstance(func, Obj) and func.kind in ("session_factory", "scoped_session"):
        # ``SessionLocal()``: a new session, reported at the factory call.
        return BlockingCall(bc.FAS102, f"{_call_name(node.func)}() (a '{func.qualname}' session)",
                            func.qualname)
    return None
