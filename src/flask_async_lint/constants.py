"""Statically known integers: literals, arithmetic of literals, and module-level names
assigned once to such an expression (RULES.md FAS400), also when imported from another
module of the project (``from .settings import N``, ``settings.N``).

Shared by FAS400, which counts loop iterations, and module exports (summaries.py), which
record a module's constants for the modules that import them.
"""
from __future__ import annotations

import ast

from .context import FileContext, Ref, Scope

LIMIT = 10**18  # beyond this a count is "huge"; also bounds ``**`` on literals
MAX_DEPTH = 20
OPERATORS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.FloorDiv: lambda a, b: a // b if b else None,
    ast.Mod: lambda a, b: a % b if b else None,
    ast.Pow: lambda a, b: a ** b if 0 <= b <= 64 and abs(a) <= 10**6 else None,
    # ``1 << 20`` is how buffer sizes and powers of two are usually spelled.
    ast.LShift: lambda a, b: a << b if 0 <= b <= 64 else None,
    ast.RShift: lambda a, b: a >> b if b >= 0 else None,
    ast.BitOr: lambda a, b: a | b,
    ast.BitAnd: lambda a, b: a & b,
    ast.BitXor: lambda a, b: a ^ b,
}


def static_int(ctx: FileContext, expr: ast.AST, scope: Scope | None = None, depth: int = 0) -> int | None:
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Constant) and type(expr.value) is int:
        return expr.value
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, (ast.USub, ast.UAdd)):
        value = static_int(ctx, expr.operand, scope, depth + 1)
        return None if value is None else (-value if isinstance(expr.op, ast.USub) else value)
    if isinstance(expr, ast.BinOp) and type(expr.op) in OPERATORS:
        left = static_int(ctx, expr.left, scope, depth + 1)
        right = static_int(ctx, expr.right, scope, depth + 1)
        if left is None or right is None:
            return None
        value = OPERATORS[type(expr.op)](left, right)
        return value if value is not None and abs(value) <= LIMIT else None
    if isinstance(expr, ast.Name):
        # A module-level name assigned once to a literal expression (and not shadowed by
        # a parameter or local of the function using it), or imported from the project.
        bindings = ctx.module.bindings.get(expr.id)
        if scope is not None and ctx.lookup(expr.id, scope) is not bindings:
            return None
        if bindings and len(bindings) == 1:
            if bindings[0].kind == "value":
                return static_int(ctx, bindings[0].payload, None, depth + 1)  # type: ignore[arg-type]
            if bindings[0].kind == "import":
                return _imported(ctx, bindings[0].payload)  # type: ignore[arg-type]
        return None
    if isinstance(expr, ast.Attribute) and ctx.project is not None:
        owner = ctx.resolve(expr.value, scope or ctx.module)  # ``settings.N``
        if isinstance(owner, Ref):
            return _imported(ctx, f"{owner.qualname}.{expr.attr}")
    return None


def _imported(ctx: FileContext, qualname: str) -> int | None:
    target = ctx.project_target(qualname) if ctx.project is not None else None
    return ctx.project.lookup_constant(*target) if target is not None else None  # type: ignore[union-attr]
