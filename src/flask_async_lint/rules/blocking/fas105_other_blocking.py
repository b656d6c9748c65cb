"""FAS105: other blocking I/O or wait in event-loop code

## What it does
Reports other blocking waits in event-loop code: mail, sockets and DNS, `input()`, Celery
results, `threading` locks and events, `queue.Queue`. Event-loop code is the body of any
`async def`, including async Flask and Quart views, request hooks and error handlers.

Covered: `smtplib.SMTP`/`SMTP_SSL` and Flask-Mail's `mail.send(...)` and `mail.connect()`
(with `mail = Mail(...)` in the module), `socket.create_connection`,
`socket.getaddrinfo`/`gethostbyname`, `ftplib.FTP`, `input()`, waiting for a Celery
result (`.get()` or `.wait()` on an `AsyncResult` or on what `task.delay(...)` and
`task.apply_async(...)` return), `threading.Event().wait()`, acquiring a
`threading.Lock`, `RLock` or `Semaphore` (`lock.acquire()` or `with lock:`) unless with
`blocking=False`, and `queue.Queue` `get()`/`put()` unless with `block=False`.

## Why is this bad?
Each of these parks the thread until something outside the process answers: an SMTP
server, a DNS resolver, a Celery worker, another thread releasing a lock. While it waits
the event loop is held:

- **Quart** serves every request of a worker from one event loop, so every other request
  of that worker waits. A `threading.Lock` is worse there: if the holder is a coroutine on
  the same loop that awaits while holding it, it can never resume to release it, and the
  worker deadlocks.
- **Flask** gives each async view a new event loop while the worker thread waits. The
  call stalls that request's own coroutines and tasks, and the worker is held throughout;
  a Celery `result.get()` holds it for as long as the task runs.

## Example
```python
import smtplib
import threading
from email.message import EmailMessage

from quart import Quart

app = Quart(__name__)
visits_lock = threading.Lock()
visits = 0


@app.post("/signup")
async def signup():
    global visits
    with visits_lock:
        visits += 1
    message = EmailMessage()
    message["To"], message["Subject"] = "team@example.com", "New signup"
    with smtplib.SMTP("localhost") as smtp:
        smtp.send_message(message)
    return {"ok": True}
```

## Use instead
```python
import asyncio
from email.message import EmailMessage

import aiosmtplib
from quart import Quart

app = Quart(__name__)
visits_lock = asyncio.Lock()
visits = 0


@app.post("/signup")
async def signup():
    global visits
    async with visits_lock:
        visits += 1
    message = EmailMessage()
    message["To"], message["Subject"] = "team@example.com", "New signup"
    await aiosmtplib.send(message, hostname="localhost")
    return {"ok": True}
```

The asyncio equivalents: `aiosmtplib` for mail, `asyncio.open_connection` for sockets,
`loop.getaddrinfo` for DNS, `asyncio.Event`, `asyncio.Lock` and `asyncio.Queue` for
coordination. For a Celery result, return the task id and let the client poll a separate
endpoint. In Flask, an `asyncio.Lock` only coordinates the coroutines of one request (each
request has its own event loop): to guard state shared between requests, do the work in a
plain `def` view or in `await asyncio.to_thread(...)`, where a `threading.Lock` is right.

## Options
- `extend-blocking-calls` (flake8: `--flask-async-extend-blocking-calls`): a pair such as
  `myapp.notify.send_sms=FAS105` makes calls of your own blocking helpers findings of
  this rule.
- `extend-view-decorators`: decorators that mark views, so the message names the view.
- `framework` (`auto`, `flask`, `quart`): which framework's consequence the message states.

## Fix safety
No automatic fix: each replacement is a different library or a different design (polling
instead of waiting).

## References
- [Quart: Run synchronous code](https://quart.palletsprojects.com/en/latest/how_to_guides/sync_code.html)
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [asyncio: Synchronization primitives](https://docs.python.org/3/library/asyncio-sync.html)
- [asyncio: Queues](https://docs.python.org/3/library/asyncio-queue.html)
- [asyncio: Streams](https://docs.python.org/3/library/asyncio-stream.html)
- [loop.getaddrinfo](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.getaddrinfo)
- [aiosmtplib](https://aiosmtplib.readthedocs.io/)
- [Celery: AsyncResult.get](https://docs.celeryq.dev/en/stable/reference/celery.result.html#celery.result.AsyncResult.get)
"""
from .base import BlockingCallRule


class OtherBlocking(BlockingCallRule):
    CODE = "FAS105"
    NAME = "blocking-wait"
    SUMMARY = "other blocking I/O or wait in event-loop code"
