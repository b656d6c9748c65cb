"""FAS104: synchronous subprocess call in event-loop code

## What it does
Reports `subprocess`, `os.system` and other calls that start or wait for a process
synchronously in event-loop code. Event-loop code is the body of any `async def`,
including async Flask and Quart views, request hooks and error handlers.

Covered: `subprocess.run`, `call`, `check_call`, `check_output`, `getoutput`,
`getstatusoutput` and `Popen`, `os.system`, `os.popen`, `os.spawn*` and `os.wait*`.

## Why is this bad?
These calls wait for the child process (or, for `Popen`, fork and exec it and usually
lead to a blocking `communicate()`/`wait()`) with the thread, and so the event loop, held.
A conversion or a `git` command that takes a second takes a second of loop time:

- **Quart** serves every request of a worker from one event loop, so every other request
  of that worker waits for the child.
- **Flask** gives each async view a new event loop while the worker thread waits. The
  child stalls that request's own coroutines and tasks, and the worker is held for as
  long as it runs.

## Example
```python
import subprocess

from flask import Flask

app = Flask(__name__)


@app.post("/thumbnails/<name>")
async def thumbnail(name):
    subprocess.run(["convert", f"uploads/{name}", "-resize", "200x200", f"thumbs/{name}"], check=True)
    return {"thumbnail": f"thumbs/{name}"}
```

## Use instead
```python
import asyncio

from flask import Flask

app = Flask(__name__)


@app.post("/thumbnails/<name>")
async def thumbnail(name):
    proc = await asyncio.create_subprocess_exec(
        "convert", f"uploads/{name}", "-resize", "200x200", f"thumbs/{name}"
    )
    if await proc.wait() != 0:
        return {"error": "convert failed"}, 500
    return {"thumbnail": f"thumbs/{name}"}
```

## Options
- `extend-blocking-calls` (flake8: `--flask-async-extend-blocking-calls`): a pair such as
  `myapp.tools.run_tool=FAS104` makes calls of your own process helpers findings of this
  rule.
- `extend-view-decorators`: decorators that mark views, so the message names the view.
- `framework` (`auto`, `flask`, `quart`): which framework's consequence the message states.

## Fix safety
No automatic fix: `asyncio.create_subprocess_exec` takes its arguments differently and
returns a `Process` to await, so the call and its result handling change together.

## References
- [asyncio: Subprocesses](https://docs.python.org/3/library/asyncio-subprocess.html)
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [Quart: Run synchronous code](https://quart.palletsprojects.com/en/latest/how_to_guides/sync_code.html)
- [asyncio: Running blocking code](https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code)
"""
from .base import BlockingCallRule


class BlockingSubprocess(BlockingCallRule):
    CODE = "FAS104"
    NAME = "blocking-subprocess"
    SUMMARY = "synchronous subprocess call in event-loop code"
