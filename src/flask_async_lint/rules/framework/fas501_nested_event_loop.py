"""FAS501: an event loop started inside a running one

## What it does
Reports an event loop started from event-loop code, such as `asyncio.run()` in an async view.

The calls are `asyncio.run(...)`, `loop.run_until_complete(...)`, `loop.run_forever()`,
`asyncio.new_event_loop().run_until_complete(...)` and `uvicorn.run(...)`, directly in
event-loop code or through the module's sync helpers a coroutine calls (reported at the
call, with the chain).

## Why is this bad?
A coroutine already runs on an event loop, and asyncio refuses to nest them:
`asyncio.run()` raises `RuntimeError: asyncio.run() cannot be called from a running
event loop`; `run_until_complete`/`run_forever` on the running loop raise
`RuntimeError: This event loop is already running`, and on another loop
`RuntimeError: Cannot run the event loop while another loop is running`. The message
quotes the one that applies.

## Example
```python
import asyncio

from quart import Quart

app = Quart(__name__)


async def fetch_all():
    await asyncio.sleep(0.1)  # query the upstream services
    return {"items": []}


@app.get("/report")
async def report():
    data = asyncio.run(fetch_all())
    return data
```

## Use instead
```python
import asyncio

from quart import Quart

app = Quart(__name__)


async def fetch_all():
    await asyncio.sleep(0.1)  # query the upstream services
    return {"items": []}


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
from ...context import Scope
from ...coroutines import loop_started_by
from ...rule import EVENT_LOOP, CarryingRule
from ...summaries import Effect

RUN_IN_RUNNING_LOOP = "RuntimeError: asyncio.run() cannot be called from a running event loop"
ALREADY_RUNNING = "RuntimeError: This event loop is already running"
ANOTHER_LOOP = "RuntimeError: Cannot run the event loop while another loop is running"


class NestedEventLoop(CarryingRule):
    CODE = "FAS501"
    NAME = "nested-event-loop"
    SUMMARY = "asyncio.run / run_until_complete inside a running event loop"
    NODE_TYPES = (ast.Call,)
    SCOPES = EVENT_LOOP

    def effect(self, node: ast.AST, scope: Scope) -> Effect | None:
        started = loop_started_by(self.ctx, node, scope)
        if started is None:
            return None
        if started.how in ("runner", "server"):
            error = RUN_IN_RUNNING_LOOP
        else:
            error = ALREADY_RUNNING if started.on_running_loop else ANOTHER_LOOP
        # A helper that runs a loop raises only when a coroutine calls it (a sync view or a
        # script may call it legitimately), so the error travels with the effect.
        return Effect(self.CODE, started.what, self.ctx.position(node)[0], suggestion=error)

    def message(self, effect: Effect, scope: Scope) -> str:
        return (f"{effect.what} in {scope.describe()}{self.via(effect)} starts an event loop inside "
                f"the running one ({effect.suggestion}); 'await' the coroutine instead")
