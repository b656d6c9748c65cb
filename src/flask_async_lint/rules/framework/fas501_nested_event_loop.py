"""FAS501: an event loop started inside a running one.

## What it does
Finds, in event-loop code, ``asyncio.run(...)``, ``loop.run_until_complete(...)``,
``loop.run_forever()``, ``asyncio.new_event_loop().run_until_complete(...)`` and
``uvicorn.run(...)``.

## Why is this bad?
A coroutine already runs on an event loop, and asyncio refuses to nest them:
``asyncio.run()`` raises ``RuntimeError: asyncio.run() cannot be called from a running
event loop``; ``run_until_complete``/``run_forever`` on the running loop raise
``RuntimeError: This event loop is already running``, and on another loop
``RuntimeError: Cannot run the event loop while another loop is running``. The message
quotes the one that applies.

## Example
```python
@app.get("/report")
async def report():
    data = asyncio.run(fetch_all())
    return data
```

## Use instead
```python
@app.get("/report")
async def report():
    data = await fetch_all()
    return data
```

## Options
None.

## Fix safety
No automatic fix.

## References
- [asyncio.run](https://docs.python.org/3/library/asyncio-runner.html#asyncio.run)
- [loop.run_until_complete](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_until_complete)
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...context import Member, Ref, Scope
from ...data.asyncio_apis import LOOP_RUNNER_METHODS, LOOP_RUNNERS, SERVER_RUNNERS
from ...rule import EVENT_LOOP, Finding, Rule

RUN_IN_RUNNING_LOOP = "RuntimeError: asyncio.run() cannot be called from a running event loop"
ALREADY_RUNNING = "RuntimeError: This event loop is already running"
ANOTHER_LOOP = "RuntimeError: Cannot run the event loop while another loop is running"


class NestedEventLoop(Rule):
    CODE = "FAS501"
    NAME = "nested-event-loop"
    SUMMARY = "asyncio.run / run_until_complete inside a running event loop"
    NODE_TYPES = (ast.Call,)
    SCOPES = EVENT_LOOP

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        target = self.ctx.resolve(node.func, scope)  # type: ignore[attr-defined]
        if isinstance(target, Ref) and (target.qualname in LOOP_RUNNERS or target.qualname in SERVER_RUNNERS):
            what, error = f"{target.qualname}()", RUN_IN_RUNNING_LOOP
        elif isinstance(target, Member) and target.name in LOOP_RUNNER_METHODS:
            what = f"loop.{target.name}()"
            error = ALREADY_RUNNING if target.obj.kind == "running_loop" else ANOTHER_LOOP
        elif target is None and isinstance(node.func, ast.Attribute) \
                and node.func.attr in LOOP_RUNNER_METHODS:  # type: ignore[attr-defined]
            what, error = f"{ast.unparse(node.func)}()", ANOTHER_LOOP  # type: ignore[attr-defined]
        else:
            return
        yield self.report(
            node,
            f"{what} in {scope.describe()} starts an event loop inside the running one ({error}); "
            f"'await' the coroutine instead",
        )
