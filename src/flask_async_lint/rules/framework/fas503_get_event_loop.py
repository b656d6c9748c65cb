"""FAS503: `asyncio.get_event_loop()` inside a coroutine

## What it does
Reports `asyncio.get_event_loop()` called directly in the body of a coroutine.

Calls in the plain functions a coroutine calls are not reported, nor calls in the body of
a generator expression (`(asyncio.get_event_loop() for _ in x)`): that body runs when the
generator is iterated, which may be after the coroutine has returned, or in another
thread. A list, set or dict comprehension runs on the spot and is reported.

## Why is this bad?
Inside a coroutine it works and warns nothing; `asyncio.get_running_loop()` says what
is meant — the loop running this coroutine — and cannot silently create a new loop. The
same `get_event_loop()` call outside a running loop is deprecated (Python 3.12+ warns,
and it raises in threads without a loop), so code that moves from a coroutine into a
helper or a thread breaks. The finding is about intent and robustness, not an error.

## Example
```python
import asyncio


def work():
    return sum(range(1_000))


async def compute():
    loop = asyncio.get_event_loop()
    return await loop.run_in_executor(None, work)
```

## Use instead
```python
import asyncio


def work():
    return sum(range(1_000))


async def compute():
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, work)
```

## Options
None.

## Fix safety
`--fix` replaces `get_event_loop` with `get_running_loop`. Safe inside a coroutine: a loop
is running there, and it is the one both calls return.

## References
- [asyncio.get_running_loop](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_running_loop)
- [asyncio.get_event_loop deprecation](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop)
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...context import FileContext, Ref, Scope
from ...rule import EVENT_LOOP, Finding, Rule

GET_EVENT_LOOP = frozenset({"asyncio.get_event_loop", "asyncio.events.get_event_loop"})


class GetEventLoopInCoroutine(Rule):
    CODE = "FAS503"
    NAME = "get-event-loop-in-coroutine"
    SUMMARY = "asyncio.get_event_loop() inside a coroutine"
    FIXABLE = True
    NODE_TYPES = (ast.Call,)
    SCOPES = EVENT_LOOP

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self._deferred: dict[Scope, set[int]] = {}

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        target = self.ctx.resolve(node.func, scope)  # type: ignore[attr-defined]
        if not (isinstance(target, Ref) and target.qualname in GET_EVENT_LOOP):
            return
        if id(node) in self._in_generator_bodies(scope):
            return
        yield self.report(
            node,
            f"asyncio.get_event_loop() in {scope.describe()}: use 'asyncio.get_running_loop()', "
            f"which returns the loop running this coroutine and states the intent "
            f"(get_event_loop() outside a running loop is deprecated since Python 3.12)",
            "get_running_loop",
        )

    def _in_generator_bodies(self, scope: Scope) -> set[int]:
        """The nodes of the scope that run when a generator expression is iterated: all of
        it but its first iterable, which is evaluated where the expression is."""
        found = self._deferred.get(scope)
        if found is None:
            found = self._deferred[scope] = set()
            for node in scope.nodes:
                if type(node) is ast.GeneratorExp:
                    first_iter = {id(n) for n in ast.walk(node.generators[0].iter)}
                    found.update(id(n) for n in ast.walk(node) if id(n) not in first_iter)
        return found
