"""FAS100: `time.sleep()` in event-loop code

## What it does
Reports `time.sleep()` in event-loop code. Event-loop code is the body of any `async def`,
including async Flask and Quart views, request hooks and error handlers.

The call is recognised through any import form (`import time as t; t.sleep(1)`,
`from time import sleep; sleep(1)`). A `time.sleep()` inside a plain function of the same
project that a coroutine calls is reported at the call in the coroutine, with the chain of
calls in the message.

## Why is this bad?
`time.sleep()` holds the thread, and with it the event loop that runs the coroutine:
nothing else on that loop runs until the pause is over. What that costs depends on the
framework, and the message says which applies:

- **Quart** runs every request of a worker on one long-lived event loop, so a sleeping
  request stalls all of them: three concurrent requests to a view that sleeps 0.5 s take
  1.5 s together instead of 0.5 s.
- **Flask** runs each async view on a new event loop of its own while the worker thread
  waits. The sleep stalls that request's own coroutines and tasks (a `gather` of two
  helpers that each sleep 0.5 s takes 1.0 s, not 0.5 s), and the worker stays busy
  throughout.

`await asyncio.sleep()` pauses only the current coroutine and lets the loop run the rest.

Not reported: a plain `def` view (Flask runs it in the worker thread, Quart in a thread
pool, so it blocks no event loop), and `time.sleep` handed to a thread, as in
`await asyncio.to_thread(time.sleep, 1)`.

## Example
```python
import time

from quart import Quart

app = Quart(__name__)


@app.route("/report")
async def report():
    time.sleep(2)  # give the export job time to finish
    return {"status": "ready"}
```

## Use instead
```python
import asyncio

from quart import Quart

app = Quart(__name__)


@app.route("/report")
async def report():
    await asyncio.sleep(2)
    return {"status": "ready"}
```

## Options
- `extend-blocking-calls` (flake8: `--flask-async-extend-blocking-calls`): a pair such as
  `mylib.pause=FAS100` makes calls of another function findings of this rule.
- `extend-view-decorators`: decorators that mark views, so the message names the view.
- `framework` (`auto`, `flask`, `quart`): which framework's consequence the message states.

## Fix safety
`--fix` rewrites `time.sleep(x)` as `await asyncio.sleep(x)`, whatever name the function
was imported under, and adds `import asyncio` when the module lacks it (a module that
imports it under another name keeps that name). Only calls directly in an `async def`
body are rewritten, since `await` is not allowed in a lambda, a generator expression or a
plain function; a module that binds the name `asyncio` to something else is left alone
too, and so are findings reported through a helper and names added with
`extend-blocking-calls`. Those findings stay for you. The rewrite changes behaviour in
the intended way: other coroutines run during the pause. Code that relied on the sleep
freezing the whole loop, to keep other coroutines away from shared state, needs an
`asyncio.Lock` instead.

## References
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [Quart: Run synchronous code](https://quart.palletsprojects.com/en/latest/how_to_guides/sync_code.html)
- [asyncio.sleep](https://docs.python.org/3/library/asyncio-task.html#asyncio.sleep)
- [asyncio: Running blocking code](https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code)
"""
from ...summaries import Effect
from .base import BlockingCallRule


class TimeSleep(BlockingCallRule):
    CODE = "FAS100"
    NAME = "blocking-sleep"
    SUMMARY = "time.sleep() in event-loop code"
    FIXABLE = True

    def fix_kind(self, effect: Effect) -> str | None:
        # ``time.sleep(x)`` -> ``await asyncio.sleep(x)``, where the call is in the coroutine
        # itself (a helper's sleep is not rewritten from its caller).
        return "sleep_to_asyncio_sleep" if effect.key == "time.sleep" and not effect.via else None
