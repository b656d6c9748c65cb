"""FAS201: `await` on a synchronous framework API

## What it does
Reports `await` on a synchronous Flask or Quart function, such as `await render_template(...)` in Flask.

The synchronous functions are, in Flask, `render_template`, `render_template_string`,
`stream_template`, `stream_template_string`, `jsonify`, `redirect`, `url_for`,
`make_response`, `send_file`, `send_from_directory`, `flash`, `get_flashed_messages`,
`abort`, `request.get_json()`, `request.get_data()`; in Quart, `jsonify`, `redirect`,
`url_for`, `abort`, `get_flashed_messages`. Each name is resolved through its own
import, so a module that imports both frameworks is judged name by name.

## Why is this bad?
The call returns a plain value (a `str`, a `Response`), and `await` on it raises
`TypeError: object str can't be used in 'await' expression`. Code ported from Quart to
Flask, or written from Quart examples, does this often. `await abort(404)` raises the
HTTP exception before the `await` runs, so it works by accident; the `await` is still
wrong and misleads the reader.

## Example
```python
from flask import Flask, render_template

app = Flask(__name__)


@app.route("/")
async def index():
    return await render_template("index.html")
```

## Use instead
```python
from flask import Flask, render_template

app = Flask(__name__)


@app.route("/")
async def index():
    return render_template("index.html")
```

## Options
- `framework`: which framework's list applies when imports do not tell.

## Fix safety
`--fix` drops the `await`. Safe: the awaited call could never have succeeded (for `abort`,
the behaviour is unchanged).

## References
- [Flask: Using async and await](https://flask.palletsprojects.com/en/stable/async-await/)
- [Quart: API reference](https://quart.palletsprojects.com/en/latest/reference/api.html)
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...context import Ref, Scope
from ...coroutines import framework_api
from ...data.frameworks import FLASK_SYNC_APIS, QUART_SYNC_APIS, RAISING_APIS
from ...rule import EVENT_LOOP, Finding, Rule


class AwaitSyncFrameworkApi(Rule):
    CODE = "FAS201"
    NAME = "await-sync-framework-api"
    SUMMARY = "await on a synchronous Flask or Quart function"
    FIXABLE = True
    NODE_TYPES = (ast.Await,)
    SCOPES = EVENT_LOOP

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        call = node.value  # type: ignore[attr-defined]
        if not isinstance(call, ast.Call):
            return
        target = self.ctx.resolve(call.func, scope)
        if not isinstance(target, Ref):
            return
        qualname = framework_api(self.ctx, target.qualname)
        if qualname not in FLASK_SYNC_APIS and qualname not in QUART_SYNC_APIS:
            return
        framework, _, name = qualname.partition(".")
        framework = framework.capitalize()
        if qualname in RAISING_APIS:
            why = f"{name}() raises its HTTP exception before the 'await' runs, so the 'await' is dead code"
        else:
            why = f"{name}() is synchronous in {framework}, so 'await' raises TypeError on its result"
        yield self.report(node, f"'await {name}()' in {scope.describe()}: {why}; drop the 'await'", "drop_await")
