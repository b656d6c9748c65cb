"""FAS502: a sync view drives a coroutine on a new event loop per request

## What it does
Reports a plain `def` view that runs a coroutine with `asyncio.run()` or `run_until_complete()`.

It looks in plain `def` Flask or Quart views and request hooks (sync methods of
`View`/`MethodView` subclasses too), directly or through the module's sync helpers they
call, for `asyncio.run(...)` and `loop.run_until_complete(...)`. One finding per driving
call; `new_event_loop()` itself is not reported.

## Why is this bad?
Each request builds and tears down an event loop, and the coroutine cannot share
anything bound to a loop with other requests. Both frameworks run `async def` views
themselves (Flask through `asgiref`, Quart natively), so the view can simply be
`async` and `await` the coroutine.

## Example
```python
import asyncio

from flask import Flask

app = Flask(__name__)


async def fetch_data():
    await asyncio.sleep(0.1)  # query the upstream service
    return {"items": []}


@app.route("/data")
def data():
    return asyncio.run(fetch_data())
```

## Use instead
```python
import asyncio

from flask import Flask

app = Flask(__name__)


async def fetch_data():
    await asyncio.sleep(0.1)  # query the upstream service
    return {"items": []}


@app.route("/data")
async def data():
    return await fetch_data()
```

## Options
- `extend-view-decorators`: more decorators that mark views.

## Fix safety
No automatic fix: the view's signature changes.

## References
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [asyncio.run](https://docs.python.org/3/library/asyncio-runner.html#asyncio.run)
"""
from __future__ import annotations

import ast

from ...context import Scope
from ...coroutines import loop_started_by
from ...rule import SYNC_VIEW, CarryingRule
from ...summaries import Effect


# The calls that drive a coroutine to completion (new_event_loop() itself is not one).
DRIVING_CALLS = frozenset({"runner", "run_until_complete"})


class SyncViewRunsLoop(CarryingRule):
    CODE = "FAS502"
    NAME = "sync-view-runs-event-loop"
    SUMMARY = "a sync view runs a coroutine with asyncio.run / run_until_complete"
    NODE_TYPES = (ast.Call,)
    SCOPES = SYNC_VIEW

    def effect(self, node: ast.AST, scope: Scope) -> Effect | None:
        started = loop_started_by(self.ctx, node, scope)
        if started is None or started.how not in DRIVING_CALLS:
            return None
        return Effect(self.CODE, started.what, self.ctx.position(node)[0])

    def message(self, effect: Effect, scope: Scope) -> str:
        return (f"{effect.what} in sync {scope.describe()}{self.via(effect)} runs a new event loop "
                f"for every request; make the view 'async def' and 'await' the coroutine "
                f"(Flask and Quart run async views themselves)")
