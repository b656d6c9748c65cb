"""The framework facts the FAS2xx-FAS5xx rules rest on (RULES.md "How Flask and Quart
actually run async code"), checked against the real Flask (with asgiref) and Quart.

If a framework release changes one of these, the rule that rests on it must change too:
this is where that shows first.
"""
from __future__ import annotations

import asyncio
import inspect
import time

import pytest

flask = pytest.importorskip("flask")
quart = pytest.importorskip("quart")
pytest.importorskip("asgiref")


def flask_app() -> "flask.Flask":
    app = flask.Flask(__name__)
    app.testing = True  # exceptions in views reach the test client instead of becoming a 500
    return app


# ---------------------------------------------------------------- Flask (FAS301)

@pytest.mark.parametrize("keep_reference", [False, True], ids=["dropped", "kept-in-a-set"])
@pytest.mark.parametrize("factory", ["create_task", "ensure_future", "loop.create_task"])
def test_flask_cancels_a_task_when_the_async_view_returns(keep_reference, factory):
    """FAS301: the task never gets past its first await, kept or not."""
    app = flask_app()
    events: list[str] = []
    background: set[asyncio.Task] = set()

    async def job():
        events.append("started")
        try:
            await asyncio.sleep(0.05)
        except asyncio.CancelledError:
            events.append("cancelled")
            raise
        events.append("finished")

    @app.post("/signup")
    async def signup():
        if factory == "create_task":
            task = asyncio.create_task(job())
        elif factory == "ensure_future":
            task = asyncio.ensure_future(job())
        else:
            task = asyncio.get_running_loop().create_task(job())
        if keep_reference:
            background.add(task)
        await asyncio.sleep(0)  # let the task start, as a real view would do some work
        return "queued", 202

    response = app.test_client().post("/signup")
    assert response.status_code == 202
    # The view's loop is gone: however long we wait, the task cannot finish.
    time.sleep(0.15)
    assert events == ["started", "cancelled"], events
    if keep_reference:
        (task,) = background
        assert task.cancelled()


def test_flask_waits_for_an_awaited_task():
    """The non-finding next to FAS301: awaited before the view returns, the task completes."""
    app = flask_app()
    events: list[str] = []

    async def job():
        await asyncio.sleep(0.01)
        events.append("finished")

    @app.post("/awaited")
    async def awaited():
        task = asyncio.create_task(job())
        await task
        return "done"

    assert app.test_client().post("/awaited").status_code == 200
    assert events == ["finished"]


# ---------------------------------------------------------------- Flask (FAS500, FAS201)

@pytest.mark.parametrize("method", ["app_context", "test_request_context"])
def test_flask_contexts_do_not_support_async_with(method):
    """FAS500 on Flask: 'async with app.app_context()' raises TypeError; 'with' works."""
    app = flask_app()

    async def enter_async():
        async with getattr(app, method)():
            pass

    with pytest.raises(TypeError, match="asynchronous context manager"):
        asyncio.run(enter_async())
    with getattr(app, method)():
        assert flask.current_app._get_current_object() is app


def test_flask_await_render_template_string_raises_type_error():
    """FAS201: Flask's render_template_string returns a str; awaiting it is a TypeError."""
    app = flask_app()

    @app.route("/page")
    async def page():
        return await flask.render_template_string("{{ 1 + 1 }}")

    @app.route("/right")
    async def right():
        return flask.render_template_string("{{ 1 + 1 }}")

    client = app.test_client()
    with pytest.raises(TypeError, match="can't be used in 'await' expression"):
        client.get("/page")
    assert client.get("/right").get_data(as_text=True) == "2"


def test_flask_await_abort_raises_the_http_exception_not_type_error():
    """FAS201 for abort: the exception comes before the await, so no TypeError."""
    app = flask_app()

    @app.route("/gone")
    async def gone():
        await flask.abort(410)

    assert app.test_client().get("/gone").status_code == 410


# ---------------------------------------------------------------- Flask (FAS504)

def test_flask_runs_each_async_view_on_a_new_event_loop():
    """FAS504: two requests see two loops, the first one closed; a future made on the
    first request's loop cannot be awaited on the second."""
    app = flask_app()
    seen: list[asyncio.AbstractEventLoop] = []
    made: list[asyncio.Future] = []

    @app.route("/loop")
    async def loop_view():
        loop = asyncio.get_running_loop()
        seen.append(loop)
        if not made:
            made.append(loop.create_future())  # never resolved here: bound to this loop
        else:
            await made[0]
        return "ok"

    client = app.test_client()
    assert client.get("/loop").status_code == 200
    with pytest.raises(RuntimeError, match="attached to a different loop"):
        client.get("/loop")
    assert len(seen) == 2 and seen[0] is not seen[1]
    assert seen[0].is_closed()


# ---------------------------------------------------------------- Quart (FAS200, FAS500)

def test_quart_request_body_apis_are_coroutines_and_awaitables():
    """FAS200 in Quart: get_json()/get_data() make coroutines, form/json are awaitable,
    and subscripting the un-awaited form fails."""
    app = quart.Quart(__name__)
    facts: dict[str, object] = {}

    @app.post("/submit")
    async def submit():
        data = quart.request.get_json()
        facts["get_json is a coroutine"] = inspect.iscoroutine(data)
        facts["json"] = await data
        raw = quart.request.get_data()
        facts["get_data is a coroutine"] = inspect.iscoroutine(raw)
        await raw
        form = quart.request.form
        facts["form is awaitable"] = inspect.isawaitable(form)
        try:
            form["x"]
        except TypeError as error:
            facts["subscript error"] = str(error)
        if inspect.iscoroutine(form):
            form.close()  # not awaited on purpose; close it so Python does not warn
        return "ok"

    async def run() -> int:
        response = await app.test_client().post("/submit", json={"a": 1})
        return response.status_code

    assert asyncio.run(run()) == 200
    assert facts["get_json is a coroutine"] is True
    assert facts["json"] == {"a": 1}
    assert facts["get_data is a coroutine"] is True
    assert facts["form is awaitable"] is True
    assert "not subscriptable" in str(facts["subscript error"])


def test_quart_render_template_string_is_a_coroutine_and_jsonify_is_not():
    """FAS200/FAS201 in Quart: render_template_string must be awaited, jsonify must not."""
    app = quart.Quart(__name__)
    facts: dict[str, object] = {}

    @app.route("/")
    async def index():
        page = quart.render_template_string("{{ 1 + 1 }}")
        facts["render is a coroutine"] = inspect.iscoroutine(page)
        facts["page"] = await page
        facts["jsonify is awaitable"] = inspect.isawaitable(quart.jsonify(ok=True))
        return "ok"

    async def run() -> int:
        return (await app.test_client().get("/")).status_code

    assert asyncio.run(run()) == 200
    assert facts == {"render is a coroutine": True, "page": "2", "jsonify is awaitable": False}


def test_quart_app_context_does_not_support_plain_with():
    """FAS500 on Quart: 'with app.app_context()' raises TypeError; 'async with' works."""
    app = quart.Quart(__name__)
    with pytest.raises(TypeError):
        with app.app_context():
            pass

    async def enter_async() -> bool:
        async with app.app_context():
            return quart.current_app.name == app.name

    assert asyncio.run(enter_async())


def test_quart_serves_requests_on_one_long_lived_loop():
    """FAS301/FAS504 do not apply to Quart: every request of the app sees the same loop."""
    app = quart.Quart(__name__)
    seen: list[asyncio.AbstractEventLoop] = []

    @app.route("/loop")
    async def loop_view():
        seen.append(asyncio.get_running_loop())
        return "ok"

    async def run() -> None:
        client = app.test_client()
        await client.get("/loop")
        await client.get("/loop")

    asyncio.run(run())
    assert len(seen) == 2 and seen[0] is seen[1]
