"""FAS400: a CPU-bound loop on the event loop

## What it does
Reports a long loop over `range(...)` in event-loop code, such as `for i in range(10_000_000)`.

It looks in event-loop code and in the sync helpers it calls for a `for` loop,
comprehension or generator over `range(...)` whose iteration count is statically known —
integer literals (`10_000_000`), `10**7`, `1 << 20`, arithmetic of literals, module-level
names assigned once to such an expression (`N = 1_000_000`) — and at least the threshold
(100 000 by default); nested loops multiply, and only the outermost loop whose product
reaches the threshold is reported. Also `sum/list/sorted/max/min/any/all(range(N))`. A
loop with an `await` in it is not CPU-bound and is not reported.

## Why is this bad?
While the loop runs, the event loop runs nothing else: in Quart every request of the
worker waits; in a Flask async view the request's other coroutines wait and the worker
thread is held. A loop reached through a sync helper (`result = _heavy_computation()`
in an async view) blocks just the same, and is reported at the call with the chain.

## Example
```python
from quart import Quart

app = Quart(__name__)


@app.route("/total")
async def total():
    return {"total": _heavy_computation()}


def _heavy_computation():
    return sum(i * i for i in range(10_000_000))
```

## Use instead
```python
import asyncio
from concurrent.futures import ProcessPoolExecutor

from quart import Quart

app = Quart(__name__)
process_pool = ProcessPoolExecutor()


@app.route("/total")
async def total():
    loop = asyncio.get_running_loop()
    return {"total": await loop.run_in_executor(process_pool, _heavy_computation)}


def _heavy_computation():
    return sum(i * i for i in range(10_000_000))
```

## Options
- `cpu-loop-threshold`: the iteration count from which a loop is reported (default 100000).

## Fix safety
No automatic fix.

## References
- [asyncio: Running blocking code](https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code)
- [loop.run_in_executor](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_in_executor)
"""
from __future__ import annotations

import ast
import math

from ...blocking import consequence
from ...constants import static_int
from ...context import Ref, Scope
from ...rule import EVENT_LOOP, CarryingRule
from ...summaries import Effect

LOOPS = (ast.For, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
RANGE_CONSUMERS = frozenset(f"builtins.{name}" for name in (
    "sum", "list", "sorted", "max", "min", "any", "all", "set", "tuple",
))
_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


class CpuBoundLoop(CarryingRule):
    CODE = "FAS400"
    NAME = "cpu-bound-loop"
    SUMMARY = "a loop of a statically known, large number of iterations on the event loop"
    NODE_TYPES = (*LOOPS, ast.Call)
    SCOPES = EVENT_LOOP

    # -- static iteration counts

    def static_int(self, expr: ast.AST, depth: int = 0, scope: Scope | None = None) -> int | None:
        return static_int(self.ctx, expr, scope, depth)

    def range_count(self, expr: ast.AST, scope: Scope) -> int | None:
        if not (isinstance(expr, ast.Call) and not expr.keywords and 1 <= len(expr.args) <= 3):
            return None
        target = self.ctx.resolve(expr.func, scope)
        if not (isinstance(target, Ref) and target.qualname == "builtins.range"):
            return None
        values = [self.static_int(arg, scope=scope) for arg in expr.args]
        if any(value is None for value in values):
            return None
        start, stop, step = (0, values[0], 1) if len(values) == 1 else (*values, 1)[:3]
        if not step:
            return None
        return max(0, math.ceil((stop - start) / step))

    # -- loops and their nesting

    def _own_count(self, loop: ast.AST, scope: Scope) -> int | None:
        if isinstance(loop, ast.For):
            return self.range_count(loop.iter, scope)
        counts = [self.range_count(gen.iter, scope) for gen in loop.generators]  # type: ignore[attr-defined]
        known = [count for count in counts if count is not None]
        return math.prod(known) if known else None

    def _nested_loops(self, loop: ast.AST) -> list[ast.AST]:
        """The loops directly inside ``loop`` (not inside a deeper loop or a nested function)."""
        found, stack = [], list(ast.iter_child_nodes(loop))
        if isinstance(loop, ast.For):
            stack = [*loop.body]
        while stack:
            node = stack.pop()
            if isinstance(node, LOOPS):
                found.append(node)
            elif not isinstance(node, _NESTED_SCOPES):
                stack.extend(ast.iter_child_nodes(node))
        return found

    def _has_await(self, loop: ast.AST) -> bool:
        stack = list(ast.iter_child_nodes(loop))
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
                return True
            if not isinstance(node, _NESTED_SCOPES):
                stack.extend(ast.iter_child_nodes(node))
        return False

    def total(self, loop: ast.AST, scope: Scope) -> int | None:
        """Iterations of the loop and the loops nested in it (None: not statically known)."""
        memo = self.ctx.memo.setdefault("cpu_loop_total", {})
        if loop in memo:
            return memo[loop]
        own = self._own_count(loop, scope)
        result = None
        if own is not None and not self._has_await(loop):
            inner = [self.total(nested, scope) for nested in self._nested_loops(loop)]
            result = own * max([1, *(count for count in inner if count is not None)])
        memo[loop] = result
        return result

    def _reported_by_outer_loop(self, loop: ast.AST, scope: Scope) -> bool:
        parents = self.ctx.parent_map(scope)
        node = parents.get(loop)
        while node is not None:
            if isinstance(node, LOOPS):
                count = self.total(node, scope)
                if count is not None and count >= self.ctx.settings.cpu_loop_threshold:
                    return True
            node = parents.get(node)
        return False

    # -- the rule

    def effect(self, node: ast.AST, scope: Scope) -> Effect | None:
        threshold = self.ctx.settings.cpu_loop_threshold
        line = self.ctx.position(node)[0]
        if isinstance(node, ast.Call):
            target = self.ctx.resolve(node.func, scope)
            if isinstance(target, Ref) and target.qualname in RANGE_CONSUMERS and len(node.args) == 1:
                count = self.range_count(node.args[0], scope)
                if count is not None and count >= threshold:
                    name = target.qualname.removeprefix("builtins.")
                    return Effect(self.CODE, f"{name}() over {count:,} numbers", line)
            return None
        count = self.total(node, scope)
        if count is None or count < threshold or self._reported_by_outer_loop(node, scope):
            return None
        kind = "loop" if isinstance(node, ast.For) else "comprehension"
        return Effect(self.CODE, f"a {kind} of {count:,} iterations", line)

    def message(self, effect: Effect, scope: Scope) -> str:
        return (f"{effect.what} in {scope.describe()}{self.via(effect)} is CPU-bound work that "
                f"{consequence(self.ctx.scope_framework(scope))}; run it in an executor: "
                f"'await loop.run_in_executor(pool, f)' (a ProcessPoolExecutor for pure-Python "
                f"work) or 'await asyncio.to_thread(f)'")
