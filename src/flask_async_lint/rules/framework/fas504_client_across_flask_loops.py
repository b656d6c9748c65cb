"""FAS504: an async client made once is reused across Flask's per-request event loops

## What it does
Reports an async client made once outside the request and then used in a Flask async view or hook.

The rule applies to Flask modules only. It finds an async view or hook (or a coroutine one
of them calls) that uses, with `await`, `async with` or `async for`, an async client
created outside the request: at module level, in an application factory, in
`app.extensions` / `app.config`, as a class attribute, in a `global` assigned lazily
inside a view, or on `g` in an async request hook. Clients: `httpx.AsyncClient` (not with
`max_keepalive_connections=0`), `aiohttp.ClientSession`/`TCPConnector`, `redis.asyncio`
clients and pools, Motor's `AsyncIOMotorClient`, `pymongo.AsyncMongoClient`, and
`create_async_engine` with a literal `+asyncpg` URL and no `poolclass=NullPool` (and
session makers bound to it). One finding per function and client, at its first use
there.

## Why is this bad?
Flask runs every async view and every async hook on a new event loop, closed when it
returns. A client keeps connections and futures bound to the loop it first ran on, so
later requests fail — `RuntimeError: Event loop is closed`, `... attached to a
different loop`, `Cannot use AsyncMongoClient in different event loop` — httpx and
redis on every other request, Motor and asyncpg on every request after the first; a
failed Redis command may already have run on the server. Quart (one loop per process) is
not affected, nor are sync clients or clients made and closed inside the view.

## Example
```python
import httpx
from flask import Flask

app = Flask(__name__)
client = httpx.AsyncClient()


@app.route("/weather")
async def weather():
    response = await client.get("https://api.example.com/weather")
    return response.json()
```

## Use instead
```python
import httpx
from flask import Flask

app = Flask(__name__)


@app.route("/weather")
async def weather():
    async with httpx.AsyncClient() as client:
        response = await client.get("https://api.example.com/weather")
    return response.json()
```

## Options
- `framework`: the rule applies only to Flask modules.

## Fix safety
No automatic fix.

## References
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [HTTPX: Async client](https://www.python-httpx.org/async/)
- [redis-py: asyncio](https://redis.readthedocs.io/en/stable/examples/asyncio_examples.html)
"""
from __future__ import annotations

import ast
from typing import Iterator, NamedTuple

from ...context import ClassRef, Ref, Scope
from ...coroutines import flask_request_coroutines, views_and_reached_coroutines
from ...clients import APP_SLOTS, loop_bound_client
from ...data.frameworks import FLASK, QUART
from ...rule import EVENT_LOOP, Finding, Rule



class Client(NamedTuple):
    kind: str  # "httpx.AsyncClient", ...
    made_at: int  # line
    place: str  # "at module level", "in create_app()", ...


class ClientAcrossFlaskLoops(Rule):
    CODE = "FAS504"
    NAME = "async-client-across-flask-loops"
    SUMMARY = "an async client made once is reused across Flask's per-request event loops"
    NODE_TYPES = (ast.Await, ast.AsyncWith, ast.AsyncFor)
    SCOPES = EVENT_LOOP

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        if self.ctx.framework == QUART and not views_and_reached_coroutines(self.ctx, FLASK):
            return  # a Quart module with no view of a Flask app in it
        if isinstance(node, ast.Await):
            used = [node.value]
        elif isinstance(node, ast.AsyncWith):
            used = [item.context_expr for item in node.items]
        else:
            used = [node.iter]  # type: ignore[attr-defined]
        reported = self.ctx.memo.setdefault("fas504_reported", set())
        for expr in used:
            for receiver in _receivers(expr):
                client = self.client(receiver, scope)
                if client is None or (scope, client) in reported:
                    continue
                if scope not in flask_request_coroutines(self.ctx):
                    return  # asked last: for a coroutine of another module it searches the project
                reported.add((scope, client))
                yield self.report(
                    node,
                    f"'{ast.unparse(receiver)[:40]}' ({client.kind}, made {client.place}, line "
                    f"{client.made_at}) is used in {scope.describe()}: Flask runs every async view and hook "
                    f"on a new event loop that is closed afterwards, so the client fails on later "
                    f"requests ('Event loop is closed', 'attached to a different loop'); create it "
                    f"per request ('async with ... as client:'), use the sync client, or use Quart",
                )
                return

    # -- which expressions are loop-bound clients made outside this function

    def client(self, expr: ast.AST, scope: Scope, depth: int = 0) -> Client | None:
        if depth > 8:
            return None
        if isinstance(expr, ast.Name):
            bindings = self.ctx.lookup(expr.id, scope)
            for binding in bindings or ():
                if binding.kind == "import":
                    return self._imported(binding.payload)  # type: ignore[arg-type]
                if binding.kind == "value" and isinstance(binding.payload, (ast.Name, ast.Attribute, ast.Subscript)):
                    # an alias (``redis = current_app.extensions["redis"]``): the object it names
                    aliased = self.client(binding.payload, binding.scope, depth + 1)
                    if aliased is not None:
                        return aliased
                    continue
                if binding.kind != "value" or binding.scope is scope:
                    continue  # made in this very function: per request, fine
                made = self.made_by(binding.payload, binding.scope, depth + 1)  # type: ignore[arg-type]
                if made is not None:
                    return Client(made, binding.payload.lineno, _place(binding.scope))  # type: ignore[attr-defined]
            return None
        if isinstance(expr, ast.Attribute):
            owner = self.ctx.resolve(expr.value, scope)
            if isinstance(owner, ClassRef):
                for binding in owner.scope.bindings.get(expr.attr, ()):
                    made = self.made_by(binding.payload, owner.scope, depth + 1) if binding.kind == "value" else None
                    if made is not None:
                        return Client(made, binding.payload.lineno, f"as class attribute {owner.node.name}.{expr.attr}")  # type: ignore[attr-defined]
            if isinstance(owner, Ref) and owner.qualname == "flask.g":
                return self._stored("g", expr.attr, depth)
            if isinstance(owner, Ref):
                return self._imported(f"{owner.qualname}.{expr.attr}")  # ``clients.http``
            return None
        if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Attribute) \
                and expr.value.attr in APP_SLOTS and isinstance(expr.slice, ast.Constant):
            return self._stored(expr.value.attr, expr.slice.value, depth)
        return None

    def _imported(self, qualname: str) -> Client | None:
        """A client made at the top level of another module of the project."""
        project = self.ctx.project
        target = self.ctx.project_target(qualname) if project is not None else None
        found = project.lookup_client(*target) if target is not None else None  # type: ignore[union-attr]
        if found is None:
            return None
        kind, line, module = found
        return Client(kind, line, f"at module level in {module}")

    def made_by(self, expr: ast.AST, scope: Scope, depth: int = 0) -> str | None:
        return loop_bound_client(self.ctx, expr, scope, depth)

    def _stored(self, slot: str, key: object, depth: int) -> Client | None:
        """A client stored in ``app.extensions[key]``/``app.config[key]`` anywhere, or on
        ``g.key`` in an async request hook."""
        stores = self.ctx.memo.get("fas504_stores")
        if stores is None:
            stores = self.ctx.memo["fas504_stores"] = self._collect_stores()
        for value, where in stores.get((slot, key), ()):
            made = self.made_by(value, where, depth + 1)
            if made is not None:
                place = "in an async request hook" if slot == "g" else f"in app.{slot}"
                return Client(made, value.lineno, place)
        if slot in APP_SLOTS and self.ctx.project is not None:
            # stored by an app factory of another module (``create_app`` in __init__.py)
            found = self.ctx.project.app_slot_client(slot, key)
            if found is not None:
                kind, line, module = found
                return Client(kind, line, f"in app.{slot} in {module}")
        return None

    def _collect_stores(self) -> dict[tuple[str, object], list[tuple[ast.AST, Scope]]]:
        stores: dict[tuple[str, object], list[tuple[ast.AST, Scope]]] = {}
        for scope in self.ctx.scopes:
            for node in scope.nodes:
                if not isinstance(node, ast.Assign) or len(node.targets) != 1:
                    continue
                target = node.targets[0]
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute) \
                        and target.value.attr in APP_SLOTS and isinstance(target.slice, ast.Constant):
                    stores.setdefault((target.value.attr, target.slice.value), []).append((node.value, scope))
                elif isinstance(target, ast.Attribute) and scope.is_coroutine and scope.view is not None \
                        and scope.view.role != "view":
                    owner = self.ctx.resolve(target.value, scope)
                    if isinstance(owner, Ref) and owner.qualname == "flask.g":
                        stores.setdefault(("g", target.attr), []).append((node.value, scope))
        return stores


def _receivers(expr: ast.AST) -> Iterator[ast.AST]:
    """The objects a used expression works through: ``client`` in ``client.get(...)``, the
    factory in ``SessionLocal()``, the expression itself in ``async with client:``, and
    every object down an attribute chain (``motor_client.db.users.find_one()`` works
    through ``motor_client``, whose connections belong to the loop it first ran on)."""
    node: ast.AST | None = expr
    if isinstance(expr, ast.Call):
        node = expr.func.value if isinstance(expr.func, ast.Attribute) else expr.func
    while node is not None:
        yield node
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func.value if isinstance(node.func, ast.Attribute) else node.func
        else:
            node = None


def _place(scope: Scope) -> str:
    if scope.kind == "module":
        return "at module level"
    return f"in {scope.name}()"
