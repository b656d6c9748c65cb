"""Which calls make an async client bound to the event loop it first runs on (FAS504).

Shared by the rule, which asks about the clients a module makes itself, and by module
exports (summaries.py), which record the clients a module makes at its top level so that a
view importing one from ``extensions.py`` is judged the same way.
"""
from __future__ import annotations

import ast

from .context import FileContext, Ref, Scope
from .data.async_clients import ENGINE_DRIVER_MARK, ENGINE_FACTORIES, LOOP_BOUND_CLIENTS, SESSION_MAKERS

MAX_DEPTH = 8
APP_SLOTS = frozenset({"extensions", "config"})  # ``app.extensions["http"] = httpx.AsyncClient()``


def loop_bound_client(ctx: FileContext, expr: ast.AST, scope: Scope, depth: int = 0) -> str | None:
    """The client kind a constructor call makes, or None."""
    if not isinstance(expr, ast.Call) or depth > MAX_DEPTH:
        return None
    target = ctx.resolve(expr.func, scope)
    if not isinstance(target, Ref):
        return None
    qualname = target.qualname
    if qualname in SESSION_MAKERS:
        bind = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "bind"), None)
        return _client_value(ctx, bind, scope, depth) if bind is not None else None
    kind = LOOP_BOUND_CLIENTS.get(qualname)
    if kind is None:
        return None
    if qualname in ENGINE_FACTORIES:
        url = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "url"), None)
        if not (isinstance(url, ast.Constant) and isinstance(url.value, str) and ENGINE_DRIVER_MARK in url.value):
            return None
        if any(k.arg == "poolclass" and "NullPool" in ast.unparse(k.value) for k in expr.keywords):
            return None
    if qualname == "httpx.AsyncClient" and _no_keepalive(ctx, expr, scope):
        return None
    return kind


def app_slot_clients(ctx: FileContext) -> list[tuple[str, str, str, int]]:
    """(slot, key, client kind, line) of every loop-bound client the module stores in
    ``<app>.extensions[key]`` or ``<app>.config[key]`` (in an app factory, say), for the
    views of other modules that read it back through ``current_app``."""
    found = []
    for scope in ctx.scopes:
        for node in scope.nodes:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute) \
                        and target.value.attr in APP_SLOTS and isinstance(target.slice, ast.Constant) \
                        and isinstance(target.slice.value, str):
                    kind = loop_bound_client(ctx, node.value, scope)
                    if kind is not None:
                        found.append((target.value.attr, target.slice.value, kind, node.value.lineno))
    return found


def _client_value(ctx: FileContext, expr: ast.AST, scope: Scope, depth: int) -> str | None:
    if isinstance(expr, ast.Name):
        for binding in ctx.lookup(expr.id, scope) or ():
            if binding.kind == "value":
                made = loop_bound_client(ctx, binding.payload, binding.scope, depth + 1)  # type: ignore[arg-type]
                if made is not None:
                    return made
        return None
    return loop_bound_client(ctx, expr, scope, depth + 1)


def _no_keepalive(ctx: FileContext, call: ast.Call, scope: Scope) -> bool:
    for keyword in call.keywords:
        limits = keyword.value
        if keyword.arg == "limits" and isinstance(limits, ast.Name):
            # ``LIMITS = httpx.Limits(max_keepalive_connections=0)`` bound once
            bindings = ctx.lookup(limits.id, scope) or ()
            if len(bindings) == 1 and bindings[0].kind == "value":
                limits = bindings[0].payload
        if keyword.arg == "limits" and isinstance(limits, ast.Call):
            for inner in limits.keywords:
                if inner.arg == "max_keepalive_connections" and isinstance(inner.value, ast.Constant) \
                        and inner.value.value == 0:
                    return True
    return False
