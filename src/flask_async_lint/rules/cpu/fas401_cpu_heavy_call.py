"""FAS401: a known CPU-heavy call on the event loop

## What it does
Reports a known CPU-heavy call, such as password hashing, in event-loop code.

It looks in event-loop code and in the sync helpers it calls for: password hashing and key
derivation (`werkzeug.security.generate_password_hash/check_password_hash`,
`hashlib.pbkdf2_hmac/scrypt`, `bcrypt.hashpw/checkpw/kdf`,
`argon2.PasswordHasher().hash/verify`, passlib's `.hash/.verify/.encrypt` on a
`CryptContext` or a `passlib.hash` scheme, or on a hasher configured from one with
`.using(...)`), compression (`zlib/gzip/bz2/lzma/brotli.compress/decompress`) and PIL
image work (`resize/thumbnail/save/filter/convert/rotate/transform` on an image from
`Image.open`/`new`/`frombytes`/`frombuffer`/`fromarray`/`merge`, or derived from one by
an `Image` method that returns a new image: `transpose`, `quantize`, `reduce`, `point`,
`copy`, `crop`, `resize`, ...; `Image.open` itself is lazy and not reported).

## Why is this bad?
These calls are slow by design (a password hash takes 50-500 ms) or proportional to the
data, and hold the event loop meanwhile: in Quart every request of the worker waits; in
a Flask async view the request's other coroutines wait and the worker thread is held.

## Example
```python
from quart import Quart, request
from werkzeug.security import check_password_hash

app = Quart(__name__)
PASSWORD_HASHES = {}  # user name -> generate_password_hash(password)


@app.post("/login")
async def login():
    form = await request.form
    if check_password_hash(PASSWORD_HASHES.get(form["user"], ""), form["password"]):
        return {"status": "ok"}
    return {"status": "denied"}, 401
```

## Use instead
```python
import asyncio

from quart import Quart, request
from werkzeug.security import check_password_hash

app = Quart(__name__)
PASSWORD_HASHES = {}  # user name -> generate_password_hash(password)


@app.post("/login")
async def login():
    form = await request.form
    stored = PASSWORD_HASHES.get(form["user"], "")
    if await asyncio.to_thread(check_password_hash, stored, form["password"]):
        return {"status": "ok"}
    return {"status": "denied"}, 401
```

## Options
- `extend-cpu-heavy-calls`: more qualified names to report.

## Fix safety
No automatic fix.

## References
- [asyncio.to_thread](https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread)
- [Werkzeug: generate_password_hash](https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.security.generate_password_hash)
"""
from __future__ import annotations

from ...blocking import consequence
from ...context import Scope
from ...data.cpu_heavy_calls import SUGGESTION
from ...summaries import Effect
from ..blocking.base import BlockingCallRule


class CpuHeavyCall(BlockingCallRule):
    CODE = "FAS401"
    NAME = "cpu-heavy-call"
    SUMMARY = "a known CPU-heavy call (password hashing, compression, image work) on the event loop"

    def message(self, effect: Effect, scope: Scope) -> str:
        return (f"{effect.what} in {scope.describe()}{self.via(effect)} is CPU-heavy work that "
                f"{consequence(self.ctx.scope_framework(scope))}; {SUGGESTION}")
