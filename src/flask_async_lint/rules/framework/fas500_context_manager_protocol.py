"""FAS500: the wrong context-manager protocol for the framework's contexts

## What it does
Reports `async with app.app_context()` in Flask, and plain `with app.app_context()` in Quart.

The same goes for `test_request_context()` and `request_context(...)`. Any receiver
counts (`app`, `current_app`, an app parameter, a factory's local app); a receiver made
by `Flask(...)`/`Quart(...)` or imported from one framework is judged by that framework,
others by the module's. Applies in any function.

## Why is this bad?
Flask's `AppContext` and `RequestContext` implement only `with`:
`async with app.app_context()` raises `TypeError: 'AppContext' object does not
support the asynchronous context manager protocol`. Quart's contexts implement only
`async with`; a plain `with` raises `TypeError: ... does not support the context
manager protocol`. Code moved between the two frameworks, and tutorials that mix them,
get this wrong.

## Example
```python
from flask import Flask

app = Flask(__name__)


async def load_user(user_id):
    async with app.app_context():
        ...
```

## Use instead
```python
from flask import Flask

app = Flask(__name__)


async def load_user(user_id):
    with app.app_context():
        ...
```

## Options
- `framework`: decides the protocol when the imports do not.

## Fix safety
`--fix` switches `async with` to `with` (Flask) or `with` to `async with` (Quart, only
inside an `async def`). Safe: the original statement always raised `TypeError`. A
statement with other items too (`async with app.app_context(), aiofiles.open(p) as f:`)
is reported without a fix: its keyword is right for those items, so the statement has to
be split by hand.

## References
- [Flask: The Application Context](https://flask.palletsprojects.com/en/stable/appcontext/)
- [Quart: Contexts](https://quart.palletsprojects.com/en/latest/reference/contexts.html)
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...context import Scope
from ...data.frameworks import CONTEXT_METHODS, FLASK, QUART
from ...rule import ANY_FUNCTION, Finding, Rule


class ContextManagerProtocol(Rule):
    CODE = "FAS500"
    NAME = "wrong-context-protocol"
    SUMMARY = "async with on a Flask context, or with on a Quart context"
    FIXABLE = True
    NODE_TYPES = (ast.With, ast.AsyncWith)
    SCOPES = ANY_FUNCTION

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        is_async = isinstance(node, ast.AsyncWith)
        # The fix changes the keyword of the whole statement, so it is offered only when
        # every item is a context of the framework the finding is about.
        items = [self._context_call(item.context_expr, scope)  # type: ignore[attr-defined]
                 for item in node.items]  # type: ignore[attr-defined]
        for found in items:
            if found is None:
                continue
            method, framework = found
            whole = all(other is not None and other[1] == framework for other in items)
            if is_async and framework == FLASK:
                yield self.report(
                    node,
                    f"'async with {method}' on Flask raises TypeError (Flask's contexts support only "
                    f"'with', not the asynchronous context manager protocol); use 'with {method}'",
                    "async_with_to_with" if whole else None,
                )
                return
            if not is_async and framework == QUART:
                yield self.report(
                    node,
                    f"'with {method}' on Quart raises TypeError (Quart's contexts support only "
                    f"'async with'); use 'async with {method}'",
                    "with_to_async_with" if whole and scope.is_coroutine else None,
                )
                return

    def _context_call(self, call: ast.expr, scope: Scope) -> tuple[str, str | None] | None:
        """(``app.app_context()``, its framework) for a call of a framework context."""
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr in CONTEXT_METHODS):
            return None
        framework = self.ctx.framework_of(call.func.value, scope)
        if framework == FLASK and "quart_flask_patch" in self.ctx.imported_packages:
            framework = QUART  # with quart_flask_patch, flask.Flask is Quart's app
        return f"{ast.unparse(call.func)}()", framework
