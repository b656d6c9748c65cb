"""FAS102: synchronous database or cache driver in event-loop code

## What it does
Reports synchronous database and cache drivers in event-loop code. Event-loop code is the
body of any `async def`, including async Flask and Quart views, request hooks and error
handlers.

Covered: `sqlite3.connect`, `psycopg2.connect`, sync `psycopg.connect`, `pymysql.connect`,
`MySQLdb.connect`, `mysql.connector.connect`, `pymongo.MongoClient`,
`redis.Redis`/`StrictRedis` and their `from_url` (not `redis.asyncio`),
`sqlalchemy.create_engine`, synchronous SQLAlchemy sessions (`Session(...)`, sessions from
a `sessionmaker` factory, made by `SessionLocal()` or `SessionLocal.begin()`, but not from
one given `class_=AsyncSession`; `scoped_session`) and Flask-SQLAlchemy's
`db.session.<method>()` and `Model.query.<method>()` (with `db = SQLAlchemy(...)` in the
module).

A connection or client made inside the coroutine is reported once, where it is made;
the cursor, queries and commits that follow are the same root cause and are not reported
again. One made outside the coroutine (a module-level `cache = redis.Redis()`, an engine
or a `scoped_session`) is reported at each call on it in event-loop code.

## Why is this bad?
A synchronous driver waits for the server (and, for SQLite, the disk) with the thread,
and so the event loop, held. Every query costs its round trip in loop time:

- **Quart** serves every request of a worker from one event loop, so a slow query stalls
  every other request of that worker.
- **Flask** gives each async view a new event loop while the worker thread waits. The
  query stalls that request's own coroutines (gathered queries run one after another),
  and the worker is held for the total.

## Example
```python
import sqlite3

from flask import Flask

app = Flask(__name__)


@app.get("/users/<int:user_id>")
async def user(user_id):
    with sqlite3.connect("app.db") as conn:
        row = conn.execute("SELECT name FROM users WHERE id = ?", (user_id,)).fetchone()
    return {"name": row[0]}
```

## Use instead
```python
import asyncio
import sqlite3

from flask import Flask

app = Flask(__name__)


def load_user_name(user_id):
    with sqlite3.connect("app.db") as conn:
        return conn.execute("SELECT name FROM users WHERE id = ?", (user_id,)).fetchone()


@app.get("/users/<int:user_id>")
async def user(user_id):
    row = await asyncio.to_thread(load_user_name, user_id)
    return {"name": row[0]}
```

Or use an async driver: `aiosqlite`, `asyncpg`, `psycopg.AsyncConnection`, `aiomysql`,
`redis.asyncio`, `motor` or `pymongo.AsyncMongoClient`, SQLAlchemy's `AsyncSession`. In
Flask, open async connections inside the view: a pool or client made at import time is
bound to the first request's event loop, which Flask closes when that request ends
(FAS504).

## Options
- `extend-blocking-calls` (flake8: `--flask-async-extend-blocking-calls`): a pair such as
  `myapp.db.query_sync=FAS102` makes calls of your own synchronous data-access functions
  findings of this rule.
- `extend-view-decorators`: decorators that mark views, so the message names the view.
- `framework` (`auto`, `flask`, `quart`): which framework's consequence the message states.

## Fix safety
No automatic fix: moving to an async driver or to a thread changes transactions and
connection handling, which needs a person.

## References
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [Quart: Run synchronous code](https://quart.palletsprojects.com/en/latest/how_to_guides/sync_code.html)
- [asyncio.to_thread](https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread)
- [aiosqlite](https://aiosqlite.omnilib.dev/)
- [asyncpg](https://magicstack.github.io/asyncpg/current/)
- [psycopg 3: Asynchronous operations](https://www.psycopg.org/psycopg3/docs/advanced/async.html)
- [redis-py: asyncio](https://redis.readthedocs.io/en/stable/examples/asyncio_examples.html)
- [SQLAlchemy: Asynchronous I/O](https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html)
"""
from .base import BlockingCallRule


class SyncDatabase(BlockingCallRule):
    CODE = "FAS102"
    NAME = "blocking-database-call"
    SUMMARY = "synchronous database or cache driver in event-loop code"
