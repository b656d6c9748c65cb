"""asyncio's own API, as the await, task and event-loop rules need it."""
from __future__ import annotations

import sys

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
    # collections is a coroutine-passing package (below), but these iterate their argument
    "collections.Counter", "collections.OrderedDict", "collections.deque",
})

# Any other builtin uses a coroutine passed to it as a plain value too, except these, which
# store or hand it on.
VALUE_PASSING_BUILTINS = frozenset({"builtins.setattr", "builtins.super", "builtins.object"})

# Every function of a synchronous stdlib package uses an argument as a plain value
# (``hashlib.sha256(c)``, ``io.BytesIO(c)``, ``uuid.UUID(c)``), except in these packages,
# whose functions may run, schedule, store, wrap or inspect a coroutine they are given
# (``asyncio.run(c)``, ``functools.partial(asyncio.run, c)``, ``atexit.register(asyncio.run,
# c)``, ``heapq.heappush(pending, c)``, ``inspect.iscoroutine(c)``, ``typing.cast(T, c)``).
COROUTINE_PASSING_STDLIB = frozenset({
    "asyncio", "_asyncio", "concurrent", "functools", "threading", "_thread", "queue",
    "multiprocessing", "contextvars", "contextlib", "weakref", "inspect", "typing", "types",
    "collections", "copy", "unittest", "itertools", "operator", "builtins", "atexit", "sched",
    "heapq", "bisect", "dataclasses", "pdb", "bdb", "profile", "cProfile", "trace", "tkinter",
    "asyncore", "asynchat",
})

# The stdlib's top-level packages, as the running interpreter knows them.
STDLIB_PACKAGES = frozenset(sys.stdlib_module_names)

# Coroutine-passing stdlib modules whose functions still use an argument as a plain value.
VALUE_CONSUMER_MODULES = frozenset({"copy"})

# Methods of the coroutine itself that drive or close it by hand: ``return
# self.run().__await__()`` in an ``__await__`` method delegates the await (not FAS200).
COROUTINE_DRIVING_METHODS = frozenset({"__await__", "send", "throw", "close"})

# Methods of a logger (a coroutine passed is formatted, never run), and the calls that make one.
LOGGER_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
LOGGER_FACTORIES = frozenset({"logging.getLogger"})
# ``app.logger``, ``current_app.logger``, ``self.logger``: an attribute of this name is a logger.
LOGGER_ATTRIBUTES = frozenset({"logger"})
