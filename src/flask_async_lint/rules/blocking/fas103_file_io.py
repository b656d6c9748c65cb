"""FAS103: blocking file I/O in event-loop code

## What it does
Reports blocking file I/O (`open()`, `pathlib` reads and writes, directory walks,
`shutil`, archives) in event-loop code. Event-loop code is the body of any `async def`,
including async Flask and Quart views, request hooks and error handlers.

Covered: the built-in `open()` and `io.open`; the `pathlib.Path` methods `read_text`,
`read_bytes`, `write_text`, `write_bytes`, `open`, `glob`, `rglob` and `iterdir`;
`os.walk`, `os.scandir`, `os.listdir`; `shutil` copies, moves, `rmtree`, `make_archive`
and `unpack_archive`; `zipfile.ZipFile(...)` and `tarfile.open`. Quick metadata calls such
as `os.path.exists` or `os.remove` are not reported. A file opened outside the coroutine
(a module-level `LOG = open(...)`) is reported at each call on it; a `Path` is reported
where its reading or writing method is called, wherever the `Path` was made, since making
one does no I/O.

## Why is this bad?
Disk and network file systems can take milliseconds to seconds per call (a cold cache, an
NFS mount, a large upload being written), and the event loop waits for each:

- **Quart** serves every request of a worker from one event loop, so a slow read stalls
  every other request of that worker.
- **Flask** gives each async view a new event loop while the worker thread waits. The
  read stalls that request's own coroutines and tasks, and the worker is held throughout.

## Example
```python
from pathlib import Path

from quart import Quart

app = Quart(__name__)
REPORTS = Path("/srv/reports")


@app.route("/reports/<name>")
async def report(name):
    with open(REPORTS / f"{name}.txt", encoding="utf-8") as fh:
        return fh.read()
```

## Use instead
```python
import aiofiles
from quart import Quart

app = Quart(__name__)
REPORTS = "/srv/reports"


@app.route("/reports/<name>")
async def report(name):
    async with aiofiles.open(f"{REPORTS}/{name}.txt", encoding="utf-8") as fh:
        return await fh.read()
```

`anyio.Path` offers the `pathlib` API as coroutines, and `await asyncio.to_thread(f, ...)`
runs any plain function (a `shutil.make_archive`, an `os.walk` loop) in a thread.

## Options
- `extend-blocking-calls` (flake8: `--flask-async-extend-blocking-calls`): a pair such as
  `myapp.storage.load=FAS103` makes calls of your own file helpers findings of this rule.
- `extend-view-decorators`: decorators that mark views, so the message names the view.
- `framework` (`auto`, `flask`, `quart`): which framework's consequence the message states.

## Fix safety
No automatic fix: the async file APIs return coroutines and async context managers, so
the code around the call changes too.

## References
- [Quart: Run synchronous code](https://quart.palletsprojects.com/en/latest/how_to_guides/sync_code.html)
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [aiofiles](https://github.com/Tinche/aiofiles)
- [AnyIO: Asynchronous file I/O support](https://anyio.readthedocs.io/en/stable/fileio.html)
- [asyncio.to_thread](https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread)
"""
from .base import BlockingCallRule


class BlockingFileIo(BlockingCallRule):
    CODE = "FAS103"
    NAME = "blocking-file-io"
    SUMMARY = "blocking file I/O in event-loop code"
