"""What blocks the event loop, keyed by fully qualified name (after import resolution).

Three tables:
- ``BLOCKING_CALLS``: a call of the name blocks (``time.sleep``);
- ``OBJECT_CONSTRUCTORS``: a call of the name makes an object whose methods block
  (``requests.Session``); ``reported`` says whether the constructor call itself is a
  finding (it is for a connection, not for ``threading.Lock()`` or ``Path(...)``, which do
  no I/O when made);
- ``OBJECT_KINDS``: for each kind of object, which methods block.

``SUGGESTIONS`` gives what to use instead, by code and, more precisely, by the longest
matching qualified-name prefix.
"""
from __future__ import annotations

from typing import NamedTuple

FAS100 = "FAS100"  # time.sleep
FAS101 = "FAS101"  # synchronous HTTP
FAS102 = "FAS102"  # synchronous database / cache drivers
FAS103 = "FAS103"  # blocking file I/O
FAS104 = "FAS104"  # processes
FAS105 = "FAS105"  # other blocking I/O and waits

_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")

BLOCKING_CALLS: dict[str, str] = {
    "time.sleep": FAS100,
    **{f"requests.{verb}": FAS101 for verb in _HTTP_VERBS},
    **{f"requests.api.{verb}": FAS101 for verb in _HTTP_VERBS},
    **{f"httpx.{verb}": FAS101 for verb in (*_HTTP_VERBS, "stream")},
    "urllib.request.urlopen": FAS101,
    "urllib.request.urlretrieve": FAS101,
    "urllib3.request": FAS101,
    "builtins.open": FAS103,
    "io.open": FAS103,
    "os.walk": FAS103,
    "os.scandir": FAS103,
    "os.listdir": FAS103,
    "os.fwalk": FAS103,
    **{f"shutil.{name}": FAS103 for name in (
        "copy", "copy2", "copyfile", "copyfileobj", "copytree", "copymode", "copystat",
        "move", "rmtree", "make_archive", "unpack_archive",
    )},
    **{f"subprocess.{name}": FAS104 for name in (
        "run", "call", "check_call", "check_output", "getoutput", "getstatusoutput",
    )},
    "os.system": FAS104,
    "os.popen": FAS104,
    **{f"os.spawn{suffix}": FAS104 for suffix in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")},
    **{f"os.{name}": FAS104 for name in ("wait", "waitpid", "wait3", "wait4", "waitid")},
    "socket.getaddrinfo": FAS105,
    "socket.gethostbyname": FAS105,
    "socket.gethostbyname_ex": FAS105,
    "socket.gethostbyaddr": FAS105,
    "builtins.input": FAS105,
}


class Constructor(NamedTuple):
    kind: str
    code: str | None  # the code of the object's blocking methods; None: not a blocking object
    reported: bool  # the constructor call itself is a finding


def _client(code: str) -> Constructor:
    return Constructor("client", code, True)


OBJECT_CONSTRUCTORS: dict[str, Constructor] = {
    # FAS101
    "requests.Session": _client(FAS101),
    "requests.session": _client(FAS101),
    "requests.sessions.Session": _client(FAS101),
    "requests.sessions.session": _client(FAS101),
    "httpx.Client": _client(FAS101),
    "http.client.HTTPConnection": _client(FAS101),
    "http.client.HTTPSConnection": _client(FAS101),
    "urllib3.PoolManager": Constructor("urllib3_pool", FAS101, False),
    "urllib3.HTTPConnectionPool": Constructor("urllib3_pool", FAS101, False),
    "urllib3.HTTPSConnectionPool": Constructor("urllib3_pool", FAS101, False),
    "urllib3.connection_from_url": Constructor("urllib3_pool", FAS101, False),
    "urllib3.ProxyManager": Constructor("urllib3_pool", FAS101, False),
    "urllib3.poolmanager.PoolManager": Constructor("urllib3_pool", FAS101, False),
    "urllib3.poolmanager.ProxyManager": Constructor("urllib3_pool", FAS101, False),
    "urllib3.connectionpool.HTTPConnectionPool": Constructor("urllib3_pool", FAS101, False),
    "urllib3.connectionpool.HTTPSConnectionPool": Constructor("urllib3_pool", FAS101, False),
    "urllib3.connectionpool.connection_from_url": Constructor("urllib3_pool", FAS101, False),
    # FAS102
    "sqlite3.connect": _client(FAS102),
    "psycopg2.connect": _client(FAS102),
    "psycopg.connect": _client(FAS102),
    "psycopg.Connection.connect": _client(FAS102),
    "pymysql.connect": _client(FAS102),
    "pymysql.Connect": _client(FAS102),
    "pymysql.connections.Connection": _client(FAS102),
    "MySQLdb.connect": _client(FAS102),
    "MySQLdb.Connect": _client(FAS102),
    "MySQLdb.Connection": _client(FAS102),
    "mysql.connector.connect": _client(FAS102),
    "mysql.connector.MySQLConnection": _client(FAS102),
    "pymongo.MongoClient": _client(FAS102),
    "pymongo.mongo_client.MongoClient": _client(FAS102),
    # The client class under each name redis exports it by, and its alternative
    # constructors (classmethods): ``redis.client.StrictRedis.from_url(...)`` too.
    **{f"{module}.{cls}{factory}": _client(FAS102)
       for module in ("redis", "redis.client")
       for cls in ("Redis", "StrictRedis")
       for factory in ("", ".from_url", ".from_pool")},
    "redis.from_url": _client(FAS102),
    "redis.utils.from_url": _client(FAS102),
    "sqlalchemy.create_engine": _client(FAS102),
    "sqlalchemy.engine.create_engine": _client(FAS102),
    "sqlalchemy.orm.Session": _client(FAS102),
    "sqlalchemy.orm.session.Session": _client(FAS102),
    "sqlalchemy.orm.sessionmaker": Constructor("session_factory", FAS102, False),
    "sqlalchemy.orm.session.sessionmaker": Constructor("session_factory", FAS102, False),
    "sqlalchemy.orm.scoped_session": Constructor("scoped_session", FAS102, False),
    "sqlalchemy.orm.scoping.scoped_session": Constructor("scoped_session", FAS102, False),
    "flask_sqlalchemy.SQLAlchemy": Constructor("flask_sqlalchemy", FAS102, False),
    "flask_sqlalchemy.extension.SQLAlchemy": Constructor("flask_sqlalchemy", FAS102, False),
    # FAS103
    "builtins.open": _client(FAS103),
    "io.open": _client(FAS103),
    "zipfile.ZipFile": _client(FAS103),
    "tarfile.open": _client(FAS103),
    "tarfile.TarFile": _client(FAS103),
    "tarfile.TarFile.open": _client(FAS103),
    "pathlib.Path": Constructor("path", FAS103, False),
    "pathlib.PosixPath": Constructor("path", FAS103, False),
    "pathlib.WindowsPath": Constructor("path", FAS103, False),
    "pathlib.Path.cwd": Constructor("path", FAS103, False),
    "pathlib.Path.home": Constructor("path", FAS103, False),
    # FAS104
    "subprocess.Popen": _client(FAS104),
    # FAS105
    "smtplib.SMTP": _client(FAS105),
    "smtplib.SMTP_SSL": _client(FAS105),
    "smtplib.LMTP": _client(FAS105),
    "socket.create_connection": _client(FAS105),
    "ftplib.FTP": _client(FAS105),
    "ftplib.FTP_TLS": _client(FAS105),
    "flask_mail.Mail": Constructor("mail", FAS105, False),
    "celery.Celery": Constructor("celery_app", FAS105, False),
    "celery.result.AsyncResult": Constructor("celery_result", FAS105, False),
    "threading.Event": Constructor("event", FAS105, False),
    "threading.Lock": Constructor("lock", FAS105, False),
    "threading.RLock": Constructor("lock", FAS105, False),
    "threading.Semaphore": Constructor("lock", FAS105, False),
    "threading.BoundedSemaphore": Constructor("lock", FAS105, False),
    "threading.Condition": Constructor("lock", FAS105, False),
    "queue.Queue": Constructor("queue", FAS105, False),
    "queue.LifoQueue": Constructor("queue", FAS105, False),
    "queue.PriorityQueue": Constructor("queue", FAS105, False),
    "queue.SimpleQueue": Constructor("queue", FAS105, False),
}

# Methods that block, by object kind. None: every method of the object blocks (clients,
# connections, sessions: their methods talk to the server); calls through an attribute
# of the object (``session.headers.update``) are never findings.
OBJECT_KINDS: dict[str, frozenset[str] | None] = {
    "client": None,
    "scoped_session": None,
    "urllib3_pool": frozenset({"request", "urlopen", "request_encode_url", "request_encode_body"}),
    # ``SessionLocal.begin()`` makes a session and its transaction; ``SessionLocal()`` is
    # reported as a call of the factory itself.
    "session_factory": frozenset({"begin"}),
    "flask_sqlalchemy": frozenset({"paginate", "get_or_404", "first_or_404", "one_or_404"}),
    "path": frozenset({
        "read_text", "read_bytes", "write_text", "write_bytes", "open", "glob", "rglob", "iterdir",
    }),
    "mail": frozenset({"send", "send_message", "connect"}),
    "celery_app": frozenset(),
    "celery_result": frozenset({"get", "wait"}),
    "event": frozenset({"wait"}),
    "lock": frozenset({"acquire", "wait", "wait_for"}),
    "queue": frozenset({"get", "put"}),
}

# Calls on an object that return another object of a known kind (no I/O of their own).
PATH_ITERATORS = frozenset({"glob", "rglob", "iterdir"})
DERIVED_OBJECTS: dict[tuple[str, str], str] = {
    ("session_factory", "__call__"): "client",
    ("scoped_session", "__call__"): "client",
    ("celery_app", "AsyncResult"): "celery_result",
    ("celery_app", "send_task"): "celery_result",
    **{("path", name): "path" for name in (
        "joinpath", "with_name", "with_suffix", "with_stem", "resolve", "absolute",
        "expanduser", "relative_to", "__truediv__",
    )},
    # What a loop over these yields is a path (the loop variable of ``for p in BASE.glob(...)``).
    **{("path", name): "path" for name in PATH_ITERATORS},
}

# Attributes of an object that are objects of a known kind.
DERIVED_ATTRIBUTES: dict[tuple[str, str], str] = {
    ("flask_sqlalchemy", "session"): "scoped_session",
    ("path", "parent"): "path",
}

# Methods that return a task result whatever the receiver (Celery's task API).
TASK_RESULT_METHODS = frozenset({"delay", "apply_async"})

# ``acquire(blocking=False)``, ``get(block=False)``: the keyword, and the position of the
# same parameter, that make a waiting call return at once.
NON_BLOCKING_ARGUMENT: dict[tuple[str, str], tuple[str, int]] = {
    ("lock", "acquire"): ("blocking", 0),
    ("queue", "get"): ("block", 0),
    ("queue", "put"): ("block", 1),
}

# Factories that make async objects when given an async class: with
# ``sessionmaker(engine, class_=AsyncSession)`` neither the factory nor its sessions block.
# Factory -> (the keyword that names the class, the async classes).
_ASYNC_SESSIONS = frozenset({
    "sqlalchemy.ext.asyncio.AsyncSession", "sqlalchemy.ext.asyncio.session.AsyncSession",
})
ASYNC_CLASS_ARGUMENT: dict[str, tuple[str, frozenset[str]]] = {
    "sqlalchemy.orm.sessionmaker": ("class_", _ASYNC_SESSIONS),
    "sqlalchemy.orm.session.sessionmaker": ("class_", _ASYNC_SESSIONS),
}

CODE_SUGGESTIONS: dict[str, str] = {
    FAS100: "use 'await asyncio.sleep()'",
    FAS101: "use 'httpx.AsyncClient' or 'aiohttp'",
    FAS102: "use an async driver (aiosqlite, asyncpg, psycopg.AsyncConnection, redis.asyncio, "
            "motor, SQLAlchemy's AsyncSession) or 'await asyncio.to_thread(...)'",
    FAS103: "use 'aiofiles', 'anyio.Path' or 'await asyncio.to_thread(...)'",
    FAS104: "use 'asyncio.create_subprocess_exec()' or 'asyncio.create_subprocess_shell()'",
    FAS105: "use an async equivalent or 'await asyncio.to_thread(...)'",
}

# More precise suggestions by qualified-name prefix (longest prefix wins).
PREFIX_SUGGESTIONS: dict[str, str] = {
    "sqlite3": "use 'aiosqlite' or 'await asyncio.to_thread(...)'",
    "psycopg2": "use 'asyncpg' or 'psycopg.AsyncConnection'",
    "psycopg": "use 'psycopg.AsyncConnection'",
    "pymysql": "use 'aiomysql' or 'asyncmy'",
    "MySQLdb": "use 'aiomysql' or 'asyncmy'",
    "mysql.connector": "use 'aiomysql' or 'asyncmy'",
    "pymongo": "use 'pymongo.AsyncMongoClient' or 'motor'",
    "redis": "use 'redis.asyncio'",
    "sqlalchemy": "use SQLAlchemy's 'AsyncSession' / 'create_async_engine'",
    "flask_sqlalchemy": "use SQLAlchemy's 'AsyncSession' or 'await asyncio.to_thread(...)'",
    "smtplib": "use 'aiosmtplib'",
    "flask_mail": "use 'aiosmtplib' or send from a task queue",
    "socket.create_connection": "use 'asyncio.open_connection()'",
    **{f"socket.{name}": "use 'loop.getaddrinfo()'" for name in (
        "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
    )},
    "ftplib": "use 'aioftp'",
    "builtins.input": "read input outside the event loop",
    "celery": "poll the result from a separate endpoint instead of waiting for it",
    "threading": "use the asyncio equivalent ('asyncio.Event', 'asyncio.Lock', ...)",
    "queue": "use 'asyncio.Queue' or pass 'block=False'",
    "pathlib": "use 'anyio.Path' or 'await asyncio.to_thread(...)'",
}


def suggestion_for(code: str, qualname: str) -> str:
    best = ""
    for prefix in PREFIX_SUGGESTIONS:
        if (qualname == prefix or qualname.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    if best:
        return PREFIX_SUGGESTIONS[best]
    return CODE_SUGGESTIONS.get(code, "")
