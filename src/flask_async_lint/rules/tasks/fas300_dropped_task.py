"""FAS300: the task (or future) is dropped

## What it does
Reports a task from `asyncio.create_task()` or a similar call whose reference is not kept.

The calls are `asyncio.create_task(...)`, `asyncio.ensure_future(...)` and
`loop.create_task(...)` (where `loop` is known to be an event loop:
`asyncio.get_running_loop()`, `get_event_loop()`, `new_event_loop()`). The task is not
kept when the call is an expression statement, or when it is bound to a local name that is
never read again before being rebound (`_ = ...` too). Each element of an unpacked tuple
(`first, second = create_task(a()), create_task(b())`) is judged by its own name; a chained
assignment (`a = b = create_task(...)`) is kept if any of its names is used again. A name
declared `global` or `nonlocal` is kept: it outlives the function. A dropped
`asyncio.gather(...)` or `loop.run_in_executor(...)` future is reported too. Applies in any
function, coroutine or not.

## Why is this bad?
The event loop keeps only a weak reference to a task: with no other reference it can be
garbage-collected before it finishes, silently. A dropped future also loses its result
and its exception. A reference kept in a name that is used again, an attribute
(`app.background_task = ...`) or a container is a kept reference. `tg.create_task` of
an `asyncio.TaskGroup` is never reported: the group keeps and awaits its tasks.

In a Flask view, FAS301 reports the task instead (Flask cancels it anyway).

## Example
```python
import asyncio


async def send_report():
    await asyncio.sleep(1)  # build and mail the report


async def handler():
    asyncio.create_task(send_report())
```

## Use instead
```python
import asyncio

background_tasks = set()


async def send_report():
    await asyncio.sleep(1)  # build and mail the report


async def handler():
    task = asyncio.create_task(send_report())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
```

## Options
None.

## Fix safety
No automatic fix: where to keep the reference is the author's choice.

## References
- [asyncio.create_task: keep a reference](https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task)
- [asyncio.TaskGroup](https://docs.python.org/3/library/asyncio-task.html#task-groups)
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...context import Scope
from ...coroutines import cancelled_by_flask, task_is_kept, task_started_by
from ...rule import ANY_FUNCTION, Finding, Rule


class DroppedTask(Rule):
    CODE = "FAS300"
    NAME = "dropped-task"
    SUMMARY = "the task returned by create_task/ensure_future is not kept"
    NODE_TYPES = (ast.Call,)
    SCOPES = ANY_FUNCTION

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        started_by = task_started_by(self.ctx, node, scope)
        if started_by is None or task_is_kept(self.ctx, node, scope):
            return
        if scope.is_coroutine and cancelled_by_flask(self.ctx, node, scope, started_by):
            return  # FAS301 reports it
        what = "task" if "gather" not in started_by and "executor" not in started_by else "future"
        # Module-level code (a script starting its loop) has no function to name.
        where = "at module level" if scope.kind == "module" else f"in {scope.describe()}"
        yield self.report(
            node,
            f"the {what} of {started_by}() {where} is dropped: the event loop keeps "
            f"only a weak reference, so it can be garbage-collected before it finishes and its "
            f"result and exception are lost; keep a reference (e.g. in a set, removed in "
            f"add_done_callback) or use an asyncio.TaskGroup",
        )
