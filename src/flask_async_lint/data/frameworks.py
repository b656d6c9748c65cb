"""What marks a module as Flask or Quart code, and what marks a function as a view."""
from __future__ import annotations

FLASK = "flask"
QUART = "quart"
UNKNOWN = "unknown"

# Top-level packages: importing one decides the module's framework (RULES.md "Where the
# rules look" 6). ``flask_*`` / ``quart_*`` extension packages count by prefix.
FRAMEWORK_PACKAGES: dict[str, str] = {
    "flask": FLASK,
    "quart": QUART,
    "quart_flask_patch": QUART,
    "aioflask": UNKNOWN,  # its render_template is a coroutine: neither Flask's nor Quart's rules hold
}
FRAMEWORK_PACKAGE_PREFIXES: dict[str, str] = {"flask_": FLASK, "quart_": QUART}

# Constructors of objects that views are registered on, and the framework each implies.
APP_CONSTRUCTORS: dict[str, str] = {
    "flask.Flask": FLASK,
    "flask.app.Flask": FLASK,
    "flask.Blueprint": FLASK,
    "flask.blueprints.Blueprint": FLASK,
    "apiflask.APIFlask": FLASK,
    "apiflask.APIBlueprint": FLASK,
    "flask_smorest.Blueprint": FLASK,
    "quart.Quart": QUART,
    "quart.app.Quart": QUART,
    "quart.Blueprint": QUART,
    "quart.blueprints.Blueprint": QUART,
}

# ``@X.route("/path")`` and friends: the decorator attribute -> the HTTP method it implies
# (None: read ``methods=[...]``, default GET).
ROUTE_DECORATORS: dict[str, str | None] = {
    "route": None,
    "get": "GET",
    "post": "POST",
    "put": "PUT",
    "delete": "DELETE",
    "patch": "PATCH",
    "websocket": "WEBSOCKET",
}

# Request hooks and handlers: the decorator attribute -> how a message names the function.
HOOK_DECORATORS: dict[str, str] = {
    "before_request": "before_request hook",
    "after_request": "after_request hook",
    "teardown_request": "teardown_request hook",
    "teardown_appcontext": "teardown_appcontext hook",
    "before_app_request": "before_app_request hook",
    "after_app_request": "after_app_request hook",
    "teardown_app_request": "teardown_app_request hook",
    "errorhandler": "error handler",
    "app_errorhandler": "error handler",
    "register_error_handler": "error handler",
    "context_processor": "context processor",
    "app_context_processor": "context processor",
    "url_value_preprocessor": "url_value_preprocessor hook",
    "url_defaults": "url_defaults hook",
    "before_serving": "before_serving hook",
    "after_serving": "after_serving hook",
    "while_serving": "while_serving hook",
    "before_websocket": "before_websocket hook",
    "after_websocket": "after_websocket hook",
    "before_app_websocket": "before_websocket hook",
    "after_app_websocket": "after_websocket hook",
}

# Class-based views: async methods of subclasses are views.
VIEW_BASE_CLASSES: dict[str, str] = {
    "flask.views.View": FLASK,
    "flask.views.MethodView": FLASK,
    "quart.views.View": QUART,
    "quart.views.MethodView": QUART,
}

# Flask's synchronous API: ``await`` on any of these is FAS201 (RULES.md: the list is closed).
FLASK_SYNC_APIS = frozenset({
    "flask.render_template", "flask.render_template_string", "flask.stream_template",
    "flask.stream_template_string", "flask.jsonify", "flask.redirect", "flask.url_for",
    "flask.make_response", "flask.send_file", "flask.send_from_directory", "flask.flash",
    "flask.get_flashed_messages", "flask.abort", "flask.request.get_json",
    "flask.request.get_data",
})
# Quart's synchronous helpers (FAS201 when awaited).
QUART_SYNC_APIS = frozenset({
    "quart.jsonify", "quart.redirect", "quart.url_for", "quart.abort",
    "quart.get_flashed_messages",
})
# ``abort`` raises before the ``await`` runs: the message must not promise a TypeError.
RAISING_APIS = frozenset({"flask.abort", "quart.abort"})

# Quart's coroutine functions and awaitable properties (FAS200 without ``await``).
QUART_COROUTINES = frozenset({
    "quart.render_template", "quart.render_template_string", "quart.stream_template",
    "quart.stream_template_string", "quart.make_response", "quart.send_file",
    "quart.send_from_directory", "quart.flash", "quart.request.get_json",
    "quart.request.get_data", "quart.websocket.receive", "quart.websocket.send",
    "quart.websocket.accept", "quart.websocket.close", "quart.websocket.receive_json",
    "quart.websocket.send_json",
})
QUART_AWAITABLE_PROPERTIES = frozenset({
    "quart.request.form", "quart.request.files", "quart.request.values", "quart.request.json",
})

# Submodules that define the public API (``from flask.json import jsonify``,
# ``from quart.templating import render_template``): the same functions as the package's.
API_SUBMODULES: tuple[str, ...] = tuple(
    f"{package}.{module}." for package in ("flask", "quart") for module in ("templating", "json", "helpers", "globals")
)

# Context managers whose protocol differs between the frameworks (FAS500).
CONTEXT_METHODS = frozenset({"app_context", "test_request_context", "request_context"})
