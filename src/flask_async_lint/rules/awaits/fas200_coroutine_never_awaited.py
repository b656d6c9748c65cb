"""FAS200: a coroutine is created and never awaited

## What it does
Reports a coroutine that is created and never awaited, such as `fetch_user()` without `await`.

A call creates a coroutine when it calls an `async def` of the module (defined anywhere in
it, nested `async def`s in scope, `self.m()`/`cls.m()` for an `async def m` of the class)
or one imported from another module of the project, one of asyncio's coroutine functions
(`asyncio.sleep`, `wait_for`, `to_thread`, `open_connection`,
`create_subprocess_exec/shell`) or one of Quart's (`render_template`,
`request.get_json()`, `websocket.receive()`, ...); Quart's awaitable properties
(`request.form`, `request.json`, ...) count too. It is reported when its value is
discarded, bound to a name that is only ever used as a plain value (or never used), or
used directly as a plain value (a dict value, an attribute access, a subscript, an
f-string, a comparison, an `if` test, `total += ...`, `return` from an `async def`, an
argument of a builtin such as `str`, of a function of a synchronous stdlib module such
as `json.dumps`, `hashlib.sha256` or `io.BytesIO`, or of a logger method such as
`app.logger.info` or `logging.getLogger(__name__).info`).

A chained assignment (`first = second = fetch()`) is judged by all its names. Only the
reads that can see a binding are its uses: in `coro = fetch(1); coro = fetch(2); return
await coro` the first coroutine is never awaited.

## Why is this bad?
Calling a coroutine function only creates the coroutine object; nothing in its body runs
until it is awaited. The view returns a coroutine object instead of data (`TypeError:
Object of type coroutine is not JSON serializable`), the side effect never happens, and
Python warns `coroutine ... was never awaited` at garbage collection. In Quart,
`request.form["x"]` without `await` fails with `TypeError: 'coroutine' object is not
subscriptable`.

Not reported when the coroutine is awaited, passed as an argument to any other call
(`asyncio.gather`, `create_task`, `wait_for`, a custom runner, `asyncio.run`, and the
stdlib modules that run, schedule, store or inspect one: `functools`, `atexit`, `heapq`,
`inspect`, `typing`, ...),
used in `async with`/`async for`, returned from a plain `def` (a sync wrapper),
yielded, or put in a list, tuple or set.

## Example
```python
import asyncio

from quart import Quart

app = Quart(__name__)


async def fetch_user():
    await asyncio.sleep(0.1)  # query the user service
    return {"name": "Ada"}


@app.route("/user")
async def user():
    result = fetch_user()
    return {"data": result}
```

## Use instead
```python
import asyncio

from quart import Quart

app = Quart(__name__)


async def fetch_user():
    await asyncio.sleep(0.1)  # query the user service
    return {"name": "Ada"}


@app.route("/user")
async def user():
    result = await fetch_user()
    return {"data": result}
```

## Options
- `extend-coroutine-functions`: qualified names of third-party coroutine functions.
- `framework`: decides whether Quart's coroutine APIs apply.

## Fix safety
`--fix` inserts `await` before the call when it is inside an `async def` (parenthesised
where precedence needs it). A coroutine made in a plain `def` is reported but not fixed.

## References
- [Python: Coroutines and Tasks](https://docs.python.org/3/library/asyncio-task.html#coroutines)
- [Quart: request data is awaitable](https://quart.palletsprojects.com/en/latest/how_to_guides/request_body.html)
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...context import Scope
from ...coroutines import DISCARDED, HANDED_ON, VALUE, binding_targets, coroutine_made_by, uses_of_name, value_use
from ...rule import ANY_FUNCTION, Finding, Rule


class CoroutineNeverAwaited(Rule):
    CODE = "FAS200"
    NAME = "coroutine-never-awaited"
    SUMMARY = "a coroutine is created and never awaited"
    FIXABLE = True
    NODE_TYPES = (ast.Call, ast.Attribute)
    SCOPES = ANY_FUNCTION

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        made = coroutine_made_by(self.ctx, node, scope)
        if made is None:
            return
        targets = binding_targets(self.ctx, node, scope)
        names = [t.id for t in targets if isinstance(t, ast.Name) and t.id != "_"]
        if any(not isinstance(t, ast.Name) for t in targets):
            return  # stored on an object or in a container (``self.pending = fetch()``)
        if names:
            # ``a = b = fetch()``: every read of either name that can see this binding
            uses = [use for name in names for use in uses_of_name(self.ctx, name, scope, node)]
            walrus = self.ctx.parent_map(scope).get(node)
            if isinstance(walrus, ast.NamedExpr) and value_use(self.ctx, walrus, scope) == VALUE:
                # ``if (data := request.get_json()) is None:``: the coroutine itself is compared
                uses = [VALUE]
            if HANDED_ON in uses:
                return
            bound = " and ".join(f"'{name}'" for name in names)
            how = f"bound to {bound}, only used as a plain value" if uses else f"bound to {bound}, never used"
        else:
            use = DISCARDED if targets else value_use(self.ctx, node, scope)
            if use == HANDED_ON:
                return
            how = "discarded" if use == DISCARDED else "used as a plain value"
        consequence = ("its body never runs" if how == "discarded" else
                       "the code gets a coroutine object instead of its result, and its body never runs")
        # Module-level code (a script starting its loop) has no function to name.
        where = "at module level" if scope.kind == "module" else f"in {scope.describe()}"
        yield self.report(
            node,
            f"{made} {where} is never awaited ({how}): {consequence}; "
            f"use 'await {made}'",
            "insert_await" if scope.is_coroutine else None,
        )
