"""FAS202: `await` on the result of a blocking call

## What it does
Reports `await` on a call of a blocking function, such as `await requests.get(url)`. The
blocking calls are the ones FAS100 to FAS105 list: `await sqlite3.connect(path)`, or
`await cache.get(key)` on a synchronous `redis.Redis` object, are findings too.

It is reported once, as FAS202, and not also under the FAS1xx code of the call.

## Why is this bad?
`await` does not make a synchronous call asynchronous. The call runs first, to the end,
with the event loop held (in Quart every request of the worker waits; in a Flask async view
the request's own coroutines wait and the worker thread is held). Then `await` is applied
to what it returned, a `Response`, a connection, a string, and raises
`TypeError: object Response can't be used in 'await' expression`. The view pays for the
blocking call and still fails. It usually means the code was ported from an async library
and one call was missed, or the async library was assumed to be the sync one.

## Example
```python
import requests
from quart import Quart

app = Quart(__name__)


@app.route("/status")
async def status():
    reply = await requests.get("https://upstream.example/health", timeout=5)
    return {"upstream": reply.status_code}
```

## Use instead
```python
import httpx
from quart import Quart

app = Quart(__name__)


@app.route("/status")
async def status():
    async with httpx.AsyncClient(timeout=5) as client:
        reply = await client.get("https://upstream.example/health")
    return {"upstream": reply.status_code}
```

Use the async library the matching FAS1xx rule names (`httpx.AsyncClient` or `aiohttp`
for HTTP, `aiosqlite`, `asyncpg` or `redis.asyncio` for data stores, `aiofiles` for
files), or keep the sync call and run it in a thread:
`await asyncio.to_thread(requests.get, url)`.

## Options
- `extend-blocking-calls` (flake8: `--flask-async-extend-blocking-calls`): calls added to
  the blocking tables are covered here too when awaited.
- `extend-view-decorators`: decorators that mark views, so the message names the view.

## Fix safety
No automatic fix: dropping the `await` would leave a blocking call (a FAS1xx finding), and
choosing the async library is a decision for a person.

## References
- [Python: Await expression](https://docs.python.org/3/reference/expressions.html#await)
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [Quart: Run synchronous code](https://quart.palletsprojects.com/en/latest/how_to_guides/sync_code.html)
- [HTTPX: Async support](https://www.python-httpx.org/async/)
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...blocking import blocking_call
from ...context import Scope
from ...rule import EVENT_LOOP, Finding, Rule


class AwaitBlockingCall(Rule):
    CODE = "FAS202"
    NAME = "await-blocking-call"
    SUMMARY = "await on the result of a blocking call"
    NODE_TYPES = (ast.Await,)
    SCOPES = EVENT_LOOP

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        call = node.value  # type: ignore[attr-defined]
        if not isinstance(call, ast.Call):
            return
        effect = blocking_call(self.ctx, call, scope)
        if effect is None:
            return
        yield self.report(
            node,
            f"await {effect.display} in {scope.describe()}: the call blocks the event loop, "
            f"then 'await' raises TypeError on its result; {effect.suggestion}",
        )
