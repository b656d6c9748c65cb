"""FAS101: synchronous HTTP call in event-loop code

## What it does
Reports synchronous HTTP client calls (`requests`, `httpx`'s sync API, `urllib`,
`urllib3`, `http.client`) in event-loop code. Event-loop code is the body of any `async
def`, including async Flask and Quart views, request hooks and error handlers.

Covered: `requests` (its verbs, `requests.request`, `requests.Session()` and every call on
a session), `httpx.get/post/.../request/stream` and `httpx.Client()`,
`urllib.request.urlopen`, `urllib3` requests (`urllib3.request`, `request`/`urlopen` on a
`PoolManager` or connection pool) and `http.client.HTTPConnection`/`HTTPSConnection`.
A client made outside the coroutine (a module-level `session = requests.Session()`) is
reported at each call on it in event-loop code; one made inside the coroutine is reported
once, where it is made. Helpers such as `requests.utils.quote` and the exception classes
are not calls over the network and are not reported.

## Why is this bad?
A synchronous client waits for the network (DNS, connect, TLS, the response body) with
the thread, and so the event loop, held. An upstream that takes two seconds to answer
costs two seconds of loop time:

- **Quart** serves every request of a worker from one event loop, so every other request
  of that worker waits too: one slow upstream becomes a stall of the whole worker.
- **Flask** gives each async view a new event loop while the worker thread waits. The
  call stalls that request's own coroutines: an `asyncio.gather` of three `requests.get`
  calls runs them one after another, and the worker is held for the total.

An async client (`httpx.AsyncClient`, `aiohttp`) gives the loop back while it waits, so
gathered requests overlap and other requests keep being served.

## Example
```python
import requests
from quart import Quart

app = Quart(__name__)


@app.route("/weather/<city>")
async def weather(city):
    reply = requests.get(f"https://weather.example/api/{city}", timeout=5)
    return reply.json()
```

## Use instead
```python
import httpx
from quart import Quart

app = Quart(__name__)


@app.route("/weather/<city>")
async def weather(city):
    async with httpx.AsyncClient(timeout=5) as client:
        reply = await client.get(f"https://weather.example/api/{city}")
    return reply.json()
```

In Flask, make the async client inside the view as above: a client made at import time is
bound to the first request's event loop, which Flask closes when that request ends
(FAS504). In Quart, one client for the whole app (opened in `before_serving`, closed in
`after_serving`) is fine and reuses connections.

## Options
- `extend-blocking-calls` (flake8: `--flask-async-extend-blocking-calls`): a pair such as
  `mylib.fetch_sync=FAS101` makes calls of your own synchronous HTTP wrappers findings of
  this rule.
- `extend-view-decorators`: decorators that mark views, so the message names the view.
- `framework` (`auto`, `flask`, `quart`): which framework's consequence the message states.

## Fix safety
No automatic fix: an async client has a different API (`await`, `async with`, response
streaming), so the change needs a person.

## References
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [Quart: Run synchronous code](https://quart.palletsprojects.com/en/latest/how_to_guides/sync_code.html)
- [HTTPX: Async support](https://www.python-httpx.org/async/)
- [aiohttp: Client quickstart](https://docs.aiohttp.org/en/stable/client_quickstart.html)
- [asyncio: Running blocking code](https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code)
"""
from .base import BlockingCallRule


class SyncHttp(BlockingCallRule):
    CODE = "FAS101"
    NAME = "blocking-http-call"
    SUMMARY = "synchronous HTTP client call in event-loop code"
