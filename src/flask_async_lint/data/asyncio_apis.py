"""asyncio's own API, as the await, task and event-loop rules need it."""
from __future__ import annotations

# Calls that return an event loop: (kind, whether it is the running loop).
EVENT_LOOP_GETTERS: dict[str, str] = {
    "asyncio.get_running_loop": "running_loop",
    "asyncio.get_event_loop": "running_loop",
    "asyncio.events.get_event_loop": "running_loop",
    "asyncio.new_event_loop": "new_loop",
    "uvloop.new_event_loop": "new_loop",
}
EVENT_LOOP_KINDS = frozenset(EVENT_LOOP_GETTERS.values())

# Coroutine functions of asyncio: calling one without awaiting it is FAS200.
COROUTINE_FUNCTIONS = frozenset({
    "asyncio.sleep",
    "asyncio.wait_for",
    "asyncio.wait",
    "asyncio.to_thread",
    "asyncio.open_connection",
    "asyncio.open_unix_connection",
    "asyncio.start_server",
    "asyncio.create_subprocess_exec",
    "asyncio.create_subprocess_shell",
})

# Calls that start a task; the returned task must be kept (FAS300) and, in Flask, awaited
# before the view returns (FAS301).
TASK_FACTORIES = frozenset({"asyncio.create_task", "asyncio.ensure_future"})
# Futures whose result and exception are lost when dropped (FAS300 only).
DROPPABLE_FUTURES = frozenset({"asyncio.gather"})
LOOP_TASK_METHODS = frozenset({"create_task"})
LOOP_FUTURE_METHODS = frozenset({"run_in_executor"})

# Calls that wait for the tasks passed to them (a task passed here is not abandoned).
TASK_WAITERS = frozenset({
    "asyncio.gather", "asyncio.wait", "asyncio.wait_for", "asyncio.shield", "asyncio.as_completed",
})

# Runners that consume a coroutine passed to them (FAS200: not a finding) and that start
# an event loop (FAS501 inside a running loop, FAS502 in a sync view).
LOOP_RUNNERS = frozenset({"asyncio.run", "asyncio.runners.run"})
LOOP_RUNNER_METHODS = frozenset({"run_until_complete", "run_forever"})
SERVER_RUNNERS = frozenset({"uvicorn.run", "hypercorn.run.run"})

# Builtins and synchronous stdlib functions: passing a coroutine to one of these uses it
# as a plain value (FAS200); passing it to any other call hands it on.
VALUE_CONSUMERS = frozenset({
    "builtins.str", "builtins.repr", "builtins.len", "builtins.dict", "builtins.list",
    "builtins.tuple", "builtins.set", "builtins.print", "builtins.bool", "builtins.int",
    "builtins.float", "builtins.sorted", "builtins.iter", "builtins.next", "builtins.format",
    "builtins.isinstance", "builtins.hash", "builtins.id", "builtins.type", "builtins.vars",
    "json.dumps", "json.loads", "json.dump",
})

# Any other builtin uses a coroutine passed to it as a plain value too, except these, which
# store or hand it on.
VALUE_PASSING_BUILTINS = frozenset({"builtins.setattr", "builtins.super", "builtins.object"})

# Synchronous stdlib modules whose functions use an argument as a plain value.
VALUE_CONSUMER_MODULES = frozenset({
    "json", "logging", "pickle", "copy", "pprint", "math", "re", "base64", "html", "textwrap",
    "shlex", "urllib.parse", "os.path", "statistics",
})

# Methods of a ``logging.getLogger(...)`` logger (a coroutine passed is formatted, never run).
LOGGER_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
