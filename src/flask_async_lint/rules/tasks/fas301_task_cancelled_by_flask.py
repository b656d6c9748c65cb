"""FAS301: Flask cancels this task when the view returns

## What it does
Reports a task that a Flask async view starts and does not wait for: Flask cancels it when the view returns.

The rule applies to Flask modules only. It finds `asyncio.create_task`,
`asyncio.ensure_future` and `loop.create_task` in an async view or request hook, or in a
coroutine one of them calls (reached from a view is enough, whoever else calls it), when
the task is not awaited, gathered or waited for (`asyncio.wait`, with or without a
timeout) — whether or not a reference is kept in a set. A task counts as waited for when
it is, directly or through the names, tuple-unpacking targets, attributes (`g.prefetch`,
`self.pending`), lists, sets, dicts and comprehensions holding it (`await
asyncio.gather(*[create_task(f(x)) for x in xs])`, `tasks[k] = create_task(...)` then
`await asyncio.gather(*tasks.values())`, `for t in tasks: await t`) in the same function,
or, when a coroutine returns it, where the view awaits that coroutine. Reported at the
`create_task` call.

## Why is this bad?
Flask runs each async view on a new event loop (`asgiref.async_to_sync`) and stops it
when the view's coroutine returns: every task the view spawned that is not done is
cancelled, usually at its first `await`. A "fire-and-forget" e-mail or webhook task
never runs to the end; keeping a reference does not help. (A task that swallows
`CancelledError` runs on and holds up the response.) Where FAS301 applies, FAS300 is not
also reported.

## Example
```python
import asyncio

from flask import Flask, request

app = Flask(__name__)
background_tasks = set()


async def send_welcome_email(address):
    await asyncio.sleep(1)  # talk to the mail server


@app.post("/signup")
async def signup():
    task = asyncio.create_task(send_welcome_email(request.form["email"]))
    background_tasks.add(task)
    return {"status": "queued"}, 202
```

## Use instead
```python
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, request

app = Flask(__name__)
executor = ThreadPoolExecutor(max_workers=4)


def send_welcome_email_sync(address):
    ...  # talk to the mail server


@app.post("/signup")
async def signup():
    executor.submit(send_welcome_email_sync, request.form["email"])  # or a Celery/RQ task
    return {"status": "queued"}, 202
```

## Options
- `framework`: the rule applies only to Flask modules.

## Fix safety
No automatic fix.

## References
- [Flask: Background tasks in async views](https://flask.palletsprojects.com/en/stable/async-await/#background-tasks)
- [Quart: app.add_background_task](https://quart.palletsprojects.com/en/latest/how_to_guides/background_tasks.html)
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...context import Scope
from ...coroutines import cancelled_by_flask, task_started_by
from ...rule import EVENT_LOOP, Finding, Rule


class TaskCancelledByFlask(Rule):
    CODE = "FAS301"
    NAME = "task-cancelled-by-flask"
    SUMMARY = "a task started in a Flask view is cancelled when the view returns"
    NODE_TYPES = (ast.Call,)
    SCOPES = EVENT_LOOP

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        started_by = task_started_by(self.ctx, node, scope)
        if started_by is None or not cancelled_by_flask(self.ctx, node, scope, started_by):
            return
        yield self.report(
            node,
            f"{started_by}() in {scope.describe()} starts a task that Flask cancels when the view "
            f"returns (each async view runs on its own event loop, stopped at return), whether or "
            f"not a reference is kept; await it before returning, or use a task queue (Celery, RQ), "
            f"a threading.Thread or an application-level executor (pool.submit(...)), or Quart's "
            f"app.add_background_task",
        )
