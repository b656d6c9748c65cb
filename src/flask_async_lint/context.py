"""Per-file facts shared by every rule, computed in one walk of the `ast` tree.

- the scopes of the module (module, functions, lambdas, classes) with the names each binds,
  and the nodes of each scope's own code (a nested function's body belongs to that
  function, not to its parent: it is not event-loop code unless called from it);
- the framework of the module (flask / quart / unknown);
- the views and request hooks (resolved after the walk, when every name of the module is
  known, as pyflakes defers function bodies);
- name resolution through imports and aliases, and the objects made by known
  constructors (``session = requests.Session()``), by abstract evaluation of bindings.

Everything here is flow-insensitive on purpose: a name bound twice to different things
resolves to nothing, which keeps the linter quiet where it cannot be sure.
"""
from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, NamedTuple, Union

from .data import blocking_calls as bc
from .data import tables
from .data.asyncio_apis import EVENT_LOOP_GETTERS
from .data.frameworks import (
    APP_CONSTRUCTORS,
    FLASK,
    FRAMEWORK_PACKAGE_PREFIXES,
    FRAMEWORK_PACKAGES,
    HOOK_DECORATORS,
    QUART,
    ROUTE_DECORATORS,
    UNKNOWN,
    VIEW_BASE_CLASSES,
)
from .settings import Settings

if TYPE_CHECKING:
    from .project import Project

FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef)
HTTP_METHOD_HANDLERS = frozenset({"get", "post", "put", "delete", "patch", "head", "options"})
BUILTIN_NAMES = frozenset(dir(builtins))
MAX_RESOLUTION_DEPTH = 40
# A Flask-SQLAlchemy model class imported from another module of the project: its
# ``query`` is a session (project.py finds it through the module's exports).
MODEL_CLASS = "flask_sqlalchemy_model"
_UNRESOLVED = object()


# ---------------------------------------------------------------- bindings and values

class Binding(NamedTuple):
    kind: str  # "import" | "value" | "def" | "class" | "other"
    payload: object  # qualified name | expression | Scope | ClassDef
    scope: "Scope"


@dataclass(frozen=True)
class Ref:
    """A name that resolves to a qualified name from an import (module, function or class)."""

    qualname: str


@dataclass(frozen=True)
class Obj:
    """An object made by a known constructor."""

    kind: str
    qualname: str  # the constructor that made it (or the one it derives from)
    origin: "Scope"  # where it was made
    code: str | None = None  # the code its blocking methods are reported under
    reported: bool = False  # making it was itself a finding (one finding per root cause)
    framework: str = UNKNOWN


@dataclass(frozen=True)
class Member:
    """An attribute of an object: a method when called."""

    obj: Obj
    name: str


@dataclass(frozen=True)
class FuncRef:
    scope: "Scope"


@dataclass(frozen=True)
class ForeignFunction:
    """A function of another module of the project (project.py)."""

    path: Path
    name: str  # dotted within its module: "get_user", "Store.load"
    is_coroutine: bool
    is_generator: bool = False  # calling it runs none of its body until it is iterated


@dataclass(frozen=True)
class ClassRef:
    node: ast.ClassDef
    scope: "Scope"  # the class's own scope


Value = Union[Ref, Obj, Member, FuncRef, ClassRef, None]


# ---------------------------------------------------------------- scopes and views

@dataclass(frozen=True)
class View:
    role: str  # "view" or a hook description ("before_request hook", "error handler")
    name: str
    route: str = ""  # "GET /users/<id>" for views with a known rule
    # the framework of the app or blueprint it is registered on, when known: in a module
    # that imports both, each view is judged by its own app (RULES.md "Framework of a module")
    framework: str | None = None

    def describe(self) -> str:
        if self.role == "view":
            return f"view '{self.name}'" + (f" ({self.route})" if self.route else "")
        return f"{self.role} '{self.name}'"


@dataclass(eq=False)
class Scope:
    node: ast.AST
    kind: str  # "module" | "function" | "lambda" | "class"
    parent: "Scope | None"
    name: str
    is_coroutine: bool = False
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    global_names: set[str] = field(default_factory=set)
    nodes: list[ast.AST] = field(default_factory=list)
    class_scope: "Scope | None" = None  # for a method: its class
    view: View | None = None

    @property
    def is_async_generator(self) -> bool:
        """An ``async def`` with ``yield`` makes an async generator, not a coroutine."""
        return self.is_coroutine and any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in self.nodes)

    @property
    def is_coroutine_function(self) -> bool:
        return self.is_coroutine and not self.is_async_generator

    @property
    def resolution_parent(self) -> "Scope | None":
        """The next scope a name is looked up in: class bodies are skipped, as in Python."""
        parent = self.parent
        while parent is not None and parent.kind == "class":
            parent = parent.parent
        return parent

    def describe(self) -> str:
        if self.view is not None:
            return self.view.describe()
        if self.kind == "lambda":
            return "lambda"
        what = "coroutine" if self.is_coroutine else "function"
        name = f"{self.class_scope.name}.{self.name}" if self.class_scope else self.name
        return f"{what} '{name}'"


def physical_lines(source: str) -> list[str]:
    """The lines Python numbers: only \r\n, \r and \n end a line (``str.splitlines`` also
    splits at form feeds and U+2028, which would shift every later line number)."""
    return source.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _wraps_itself(binding: Binding, name: str) -> bool:
    """A rebinding made from the name's own value (``app = cors(app)``, ``path = path /
    name``, ``img = img.convert("RGB")``, ``total += 1``) keeps what it was for our purposes;
    so does a ``None`` placeholder (``session = None`` before a lazy init,
    ``except ImportError: requests = None``)."""
    if binding.kind == "augmented":
        return True
    if binding.kind != "value":
        return False
    value = binding.payload
    if isinstance(value, ast.Constant) and value.value is None:
        return True
    return any(isinstance(node, ast.Name) and node.id == name for node in ast.walk(value))  # type: ignore[arg-type]


def _same_kind(values: list) -> bool:
    """Bindings in the branches of an ``if``/``try`` that make the same kind of thing
    (``redis.Redis.from_url(...)`` or ``redis.Redis(...)``; an ``async def`` in each branch)."""
    first = values[0]
    if isinstance(first, Obj):
        return all(isinstance(v, Obj) and (v.kind, v.code) == (first.kind, first.code) for v in values)
    if isinstance(first, FuncRef) and first.scope.is_coroutine_function:
        return all(isinstance(v, FuncRef) and v.scope.is_coroutine_function for v in values)
    return False


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _target_names(target: ast.AST) -> Iterator[str]:
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _target_names(element)
    elif isinstance(target, ast.Starred):
        yield from _target_names(target.value)


# ---------------------------------------------------------------- the file context

class FileContext:
    """Facts about one file. Build with ``FileContext(tree, source, settings)``."""

    def __init__(self, tree: ast.Module, source: str, settings: Settings,
                 project: Project | None = None, path: Path | None = None) -> None:
        self.tree = tree
        self.source = source
        self.settings = settings
        self.project = project  # the modules around this one (project.py), if known
        self.path = path
        self._lines: list[str] | None = None
        self.module = Scope(tree, "module", None, "<module>")
        self.scopes: list[Scope] = [self.module]
        self.imported_packages: set[str] = set()
        self.star_imports: list[tuple[Scope, str]] = []  # ``from .store import *``: (scope, module)
        self.awaited: set[ast.AST] = set()  # the operand of every ``await``
        self._url_rules: list[tuple[ast.Call, Scope]] = []
        self._hook_calls: list[tuple[ast.Call, Scope]] = []  # ``app.teardown_appcontext(close_db)``
        self._generator_arguments: list[tuple[ast.Call, Scope]] = []
        self._resolving: set[tuple[int, str]] = set()
        self._name_cache: dict[tuple[int, str], Value] = {}
        self._resolved: dict[ast.AST, Value] = {}
        self._lambda_scopes: dict[ast.AST, Scope] = {}
        # A name read inside a comprehension is looked up in the comprehension's own scope
        # first: its loop variables do not leak into the function (Python 3).
        self._comprehension_scopes: dict[ast.AST, Scope] = {}
        self.memo: dict[str, dict] = {}  # per-file caches of derived facts, by name
        self.extra_blocking_calls = {
            **{name: "FAS401" for name in settings.extend_cpu_heavy_calls},
            **dict(settings.extend_blocking_calls),
        }
        self._walk()
        if self._generator_arguments:
            self._drop_streamed_generators()
        self.framework = self._framework()
        self._discover_views()

    def release(self) -> None:
        """Break the file's reference cycles (scopes and their bindings, memos, the rules'
        summaries) once it is linted, so that reference counting frees it at once instead of
        leaving it to the interpreter's full garbage collections, which a long flake8 run
        would then make more often and slower."""
        for scope in self.scopes:
            scope.bindings.clear()
            scope.nodes = []
            scope.parent = scope.class_scope = None
        self.scopes.clear()
        self.memo.clear()
        self._name_cache.clear()
        self._resolved.clear()
        self._comprehension_scopes.clear()
        self._lambda_scopes.clear()
        self.summaries = None

    # -- positions

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = physical_lines(self.source)
        return self._lines

    def position(self, node: ast.AST) -> tuple[int, int]:
        """(1-based line, 0-based column in characters) of a node's start."""
        line = getattr(node, "lineno", 1)
        return line, self.char_column(line, getattr(node, "col_offset", 0))

    def end_position(self, node: ast.AST) -> tuple[int, int]:
        line = getattr(node, "end_lineno", None) or getattr(node, "lineno", 1)
        return line, self.char_column(line, getattr(node, "end_col_offset", None) or 0)

    def char_column(self, line: int, byte_column: int) -> int:
        """`ast` counts columns in UTF-8 bytes; editors, flake8 and libcst in characters."""
        if byte_column and 0 < line <= len(self.lines):
            text = self.lines[line - 1]
            if not text.isascii():
                return len(text.encode("utf-8")[:byte_column].decode("utf-8", "replace"))
        return byte_column

    def span(self, node: ast.AST) -> tuple[int, int, int, int]:
        return (*self.position(node), *self.end_position(node))

    # -- the walk

    def _bind(self, scope: Scope, name: str, binding_kind: str, payload: object) -> None:
        target = scope
        if name in scope.global_names:
            target = self.module
        target.bindings.setdefault(name, []).append(Binding(binding_kind, payload, target))

    def _new_scope(self, node: ast.AST, kind: str, parent: Scope, name: str) -> Scope:
        scope = Scope(node, kind, parent, name, is_coroutine=isinstance(node, ast.AsyncFunctionDef))
        if parent.kind == "class":
            scope.class_scope = parent
        if kind == "lambda":
            self._lambda_scopes[node] = scope
        self.scopes.append(scope)
        return scope

    def _bind_arguments(self, args: ast.arguments, scope: Scope) -> None:
        positional = (*args.posonlyargs, *args.args)
        for arg in (*positional, *args.kwonlyargs, args.vararg, args.kwarg):
            if arg is not None:
                self._bind(scope, arg.arg, "other", None)
        # ``self``/``cls`` of a method: ``self.helper()`` finds the class's own methods.
        if scope.class_scope is not None and positional and not any(
            isinstance(d, ast.Name) and d.id == "staticmethod"
            for d in getattr(scope.node, "decorator_list", ())
        ):
            class_node = scope.class_scope.node
            scope.bindings[positional[0].arg] = [
                Binding("class", ClassRef(class_node, scope.class_scope), scope)  # type: ignore[arg-type]
            ]

    def _walk(self) -> None:
        # Iterative, so that deeply nested code cannot hit the recursion limit. This is the
        # hot path of the flake8 plugin, so the stack holds bare nodes: entering a scope or
        # an ``if TYPE_CHECKING:`` block pushes a _Switch that the walk pops when the block
        # is done, which keeps the order of a pre-order walk without a tuple per node. Types
        # are dispatched through one table, and the expression-context and operator nodes
        # (a third of a tree) are never visited.
        stack: list = list(reversed(self.tree.body))
        pop, push, extend = stack.pop, stack.append, stack.extend
        scope = self.module
        append = scope.nodes.append
        type_checking = False
        special_of, fields_of = _SPECIAL_NODES.get, _CHILD_FIELDS.get
        while stack:
            node = pop()
            cls = node.__class__
            special = special_of(cls)
            if special is not None:
                if special is _Switch:
                    scope, type_checking = node.scope, node.type_checking
                    append = scope.nodes.append
                    continue
                append(node)
                if special is _ENTER_SCOPE:
                    self._enter_scope(node, scope, type_checking, push)
                    continue
                if special is _ENTER_COMPREHENSION:
                    self._enter_comprehension(node, scope)
                elif special is _IF:
                    if _is_type_checking(node.test):
                        extend(reversed(node.orelse))
                        push(_Switch(scope, type_checking))
                        extend(reversed(node.body))
                        push(_Switch(scope, True))
                        push(node.test)
                        continue
                else:
                    special(self, node, scope, type_checking)
            else:
                append(node)
            fields = fields_of(cls)
            if fields is None:
                fields = _child_fields(cls)
            for name, shape in fields:
                value = getattr(node, name, None)
                if shape is _ONE:
                    if value is not None:
                        push(value)
                elif value:
                    if shape is _MANY:
                        extend(reversed(value))
                    elif value.__class__ is list:
                        extend([item for item in reversed(value) if isinstance(item, ast.AST)])
                    elif isinstance(value, ast.AST):
                        push(value)

    def _enter_scope(self, node: ast.AST, scope: Scope, type_checking: bool, push) -> None:  # noqa: ANN001
        """A function, lambda or class: its name is bound here, its body is its own scope;
        decorators, defaults and bases are evaluated here."""
        if isinstance(node, ast.ClassDef):
            inner = self._new_scope(node, "class", scope, node.name)
            self._bind(scope, node.name, "class", ClassRef(node, inner))
            body: list[ast.AST] = node.body
            outer: list[ast.AST] = [*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]
        else:
            is_lambda = isinstance(node, ast.Lambda)
            name = "<lambda>" if is_lambda else node.name  # type: ignore[attr-defined]
            inner = self._new_scope(node, "lambda" if is_lambda else "function", scope, name)
            if not is_lambda:
                self._bind(scope, name, "def", inner)
            args: ast.arguments = node.args  # type: ignore[attr-defined]
            self._bind_arguments(args, inner)
            body = [node.body] if is_lambda else node.body  # type: ignore[attr-defined]
            outer = [*([] if is_lambda else node.decorator_list),  # type: ignore[attr-defined]
                     *args.defaults, *(d for d in args.kw_defaults if d is not None)]
        # popped in order: the outer parts here, then the body in its own scope, then back
        push(_Switch(scope, type_checking))
        for stmt in reversed(body):
            push(stmt)
        push(_Switch(inner, type_checking))
        for part in reversed(outer):
            push(part)

    def _drop_streamed_generators(self) -> None:
        """``Response((render(row) for row in rows))`` in Quart: the response iterates a sync
        generator in a thread, so the generator expression's body is not event-loop code (its
        first iterable is evaluated here)."""
        dropped: dict[Scope, set[int]] = {}
        for call, scope in self._generator_arguments:
            func = self.resolve(call.func, scope)
            if not (isinstance(func, Ref) and func.qualname in STREAMING_RESPONSES):
                continue
            for arg in call.args:
                if type(arg) is ast.GeneratorExp:
                    first_iter = arg.generators[0].iter
                    inside = {id(n) for n in ast.walk(arg)} - {id(n) for n in ast.walk(first_iter)}
                    dropped.setdefault(scope, set()).update(inside - {id(arg)})
        for scope, ids in dropped.items():
            scope.nodes = [node for node in scope.nodes if id(node) not in ids]

    def _enter_comprehension(self, node: ast.AST, scope: Scope) -> None:
        """A comprehension's targets are its own names: record which name reads see them.
        Its nodes stay in the enclosing scope's code (a comprehension runs inline)."""
        outer = self._comprehension_scopes.get(node)  # a nested comprehension's enclosing one
        inner = Scope(node, "comprehension", outer or scope, "<comprehension>")
        generators: list[ast.comprehension] = node.generators  # type: ignore[attr-defined]
        for generator in generators:
            for name in _target_names(generator.target):
                inner.bindings.setdefault(name, []).append(Binding("other", None, inner))
        first_iter = generators[0].iter  # evaluated in the enclosing scope
        pending = [child for child in ast.iter_child_nodes(node) if child is not first_iter]
        while pending:
            child = pending.pop()
            kind = type(child)
            if kind is ast.Name:
                self._comprehension_scopes[child] = inner
            elif kind in _COMPREHENSION_NODES:
                self._comprehension_scopes[child] = inner
                pending.append(child.generators[0].iter)  # type: ignore[attr-defined]
            elif kind not in _SCOPE_NODES:
                pending.extend(ast.iter_child_nodes(child))

    # -- bindings, one function per node type that binds names (see _BINDERS)

    def _bind_call(self, node: ast.Call, scope: Scope, type_checking: bool) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "add_url_rule":
            self._url_rules.append((node, scope))
        elif isinstance(func, ast.Attribute) and func.attr in HOOK_DECORATORS and node.args:
            self._hook_calls.append((node, scope))
        if node.args and any(type(arg) is ast.GeneratorExp for arg in node.args):
            self._generator_arguments.append((node, scope))

    def _bind_await(self, node: ast.Await, scope: Scope, type_checking: bool) -> None:
        self.awaited.add(node.value)

    def _bind_assign(self, node: ast.Assign, scope: Scope, type_checking: bool) -> None:
        for target in node.targets:
            self._bind_pair(target, node.value, scope)

    def _bind_pair(self, target: ast.AST, value: ast.AST, scope: Scope) -> None:
        if isinstance(target, ast.Name):
            self._bind(scope, target.id, "value", value)
        elif (isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List))
              and len(target.elts) == len(value.elts)
              and not any(isinstance(e, ast.Starred) for e in (*target.elts, *value.elts))):
            # ``src, dst = Path(a), Path(b)``: each name gets its own element
            for inner_target, inner_value in zip(target.elts, value.elts):
                self._bind_pair(inner_target, inner_value, scope)
        else:
            for name in _target_names(target):
                self._bind(scope, name, "other", None)

    def _bind_annotated(self, node: ast.AnnAssign, scope: Scope, type_checking: bool) -> None:
        if isinstance(node.target, ast.Name) and node.value is not None:
            self._bind(scope, node.target.id, "value", node.value)

    def _bind_walrus(self, node: ast.NamedExpr, scope: Scope, type_checking: bool) -> None:
        self._bind(scope, node.target.id, "value", node.value)

    def _bind_target(self, node: ast.AST, scope: Scope, type_checking: bool) -> None:
        target, source = node.target, getattr(node, "iter", None)  # type: ignore[attr-defined]
        if isinstance(target, ast.Name) and isinstance(source, ast.Call) \
                and isinstance(source.func, ast.Attribute) and source.func.attr in bc.PATH_ITERATORS:
            # ``for p in UPLOADS.glob("*")``: each item is a path (the tables decide)
            self._bind(scope, target.id, "value", source)
            return
        for name in _target_names(target):
            self._bind(scope, name, "other", None)

    def _bind_augmented(self, node: ast.AugAssign, scope: Scope, type_checking: bool) -> None:
        if isinstance(node.target, ast.Name):
            self._bind(scope, node.target.id, "augmented", None)

    def _bind_withitem(self, node: ast.withitem, scope: Scope, type_checking: bool) -> None:
        if isinstance(node.optional_vars, ast.Name):
            # The tables' objects (files, connections, images) return themselves from
            # __enter__: ``with Image.open(p) as img`` binds the image.
            self._bind(scope, node.optional_vars.id, "value", node.context_expr)
        elif node.optional_vars is not None:
            for name in _target_names(node.optional_vars):
                self._bind(scope, name, "other", None)

    def _bind_named(self, node: ast.AST, scope: Scope, type_checking: bool) -> None:
        name = getattr(node, "name", None) or getattr(node, "rest", None)
        if name:
            self._bind(scope, name, "other", None)

    def _bind_global(self, node: ast.Global, scope: Scope, type_checking: bool) -> None:
        scope.global_names.update(node.names)

    def _bind_import(self, node: ast.Import | ast.ImportFrom, scope: Scope, type_checking: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not type_checking:
                    self.imported_packages.add(alias.name.partition(".")[0])
                if alias.asname:
                    self._bind(scope, alias.asname, "import", alias.name)
                else:
                    top = alias.name.partition(".")[0]
                    self._bind(scope, top, "import", top)
            return
        module = "." * node.level + (node.module or "")
        if not type_checking and node.level == 0 and node.module:
            self.imported_packages.add(node.module.partition(".")[0])
        for alias in node.names:
            if alias.name == "*":
                self.star_imports.append((scope, module))
                continue
            qualname = f"{module}{alias.name}" if module.endswith(".") else f"{module}.{alias.name}"
            self._bind(scope, alias.asname or alias.name, "import", qualname)

    # -- framework

    def _framework(self) -> str:
        if self.settings.framework != "auto":
            return self.settings.framework
        found: set[str] = set()
        for package in self.imported_packages:
            framework = FRAMEWORK_PACKAGES.get(package)
            if framework is None:
                for prefix, prefixed_framework in FRAMEWORK_PACKAGE_PREFIXES.items():
                    if package.startswith(prefix):
                        framework = prefixed_framework
            if framework is not None:
                found.add(framework if package != "aioflask" else "aioflask")
        if "aioflask" in found:
            return UNKNOWN
        if QUART in found:
            return QUART
        if FLASK in found:
            return FLASK
        return UNKNOWN

    # -- name resolution

    def lookup(self, name: str, scope: Scope) -> list[Binding] | None:
        current: Scope | None = scope
        while current is not None:
            bindings = current.bindings.get(name)
            if bindings:
                return bindings
            current = current.resolution_parent
        return None

    def resolve_name(self, name: str, scope: Scope) -> Value:
        key = (id(scope), name)
        if key in self._name_cache:
            return self._name_cache[key]
        if key in self._resolving or len(self._resolving) > MAX_RESOLUTION_DEPTH:
            return None  # a cycle, or an alias chain too long to be worth following
        self._resolving.add(key)
        try:
            value = self._resolve_name(name, scope)
        finally:
            self._resolving.discard(key)
        self._name_cache[key] = value
        return value

    def _resolve_name(self, name: str, scope: Scope) -> Value:
        bindings = self.lookup(name, scope)
        if bindings is None:
            starred = self._star_imported(name, scope) if self.star_imports else None
            if starred is not None:
                return self._imported(Ref(starred))
            return Ref(f"builtins.{name}") if name in BUILTIN_NAMES else None
        if len(bindings) > 1:
            # ``app = cors(app)``, ``app = WsgiToAsgi(app)``: a rebinding that wraps the name's
            # own value keeps what it was for our purposes.
            unwrapped = [b for b in bindings if not _wraps_itself(b, name)]
            bindings = unwrapped or bindings
        values = [self._binding_value(binding) for binding in bindings]
        first = values[0]
        if first is None or (any(value != first for value in values[1:]) and not _same_kind(values)):
            return None
        return self._imported(first) if isinstance(first, Ref) else first

    def _binding_value(self, binding: Binding) -> Value:
        if binding.kind == "import":
            qualname: str = binding.payload  # type: ignore[assignment]
            if self.project is not None and self.path is not None and not qualname.startswith("."):
                # ``import queue`` next to the project's own queue.py imports that module
                qualname = self.project.shadowing_import(self.path, qualname) or qualname
            return Ref(qualname)
        if binding.kind == "value":
            return self.resolve(binding.payload, binding.scope)  # type: ignore[arg-type]
        if binding.kind == "def":
            return FuncRef(binding.payload)  # type: ignore[arg-type]
        if binding.kind == "class":
            return binding.payload  # type: ignore[return-value]
        return None

    def _star_imported(self, name: str, scope: Scope) -> str | None:
        """The qualified name ``name`` gets from a ``from module import *`` visible here: a
        module of the project that defines it (its ``__all__`` respected), or a name the
        tables know (``from time import *`` then ``sleep()``)."""
        visible = set()
        current: Scope | None = scope
        while current is not None:
            visible.add(id(current))
            current = current.resolution_parent
        for where, module in reversed(self.star_imports):
            if id(where) not in visible:
                continue
            qualname = f"{module}{name}" if module.endswith(".") else f"{module}.{name}"
            if self.project is not None and self.path is not None:
                target = self.project.resolve_import(self.path, module)
                if target is not None and not target[1]:
                    if self.project.defines(target[0], name):
                        return qualname
                    continue
            if name not in BUILTIN_NAMES and (tables.call_code(qualname) or qualname in tables.CONSTRUCTORS):
                return qualname
        return None

    def resolve(self, expr: ast.AST, scope: Scope) -> Value:
        """What an expression evaluates to, as far as the tables know. Memoised per node:
        several rules ask about the same call (a node belongs to one scope)."""
        if isinstance(expr, ast.Name):
            if self._comprehension_scopes:
                scope = self._comprehension_scopes.get(expr, scope)
            return self.resolve_name(expr.id, scope)
        found = self._resolved.get(expr, _UNRESOLVED)
        if found is _UNRESOLVED:
            found = self._resolved[expr] = self._resolve(expr, scope)
        return found  # type: ignore[return-value]

    def _resolve(self, expr: ast.AST, scope: Scope) -> Value:
        if isinstance(expr, ast.Attribute):
            base = self.resolve(expr.value, scope)
            if isinstance(base, Ref):
                return self._imported(Ref(f"{base.qualname}.{expr.attr}"))
            if isinstance(base, Obj):
                return self._object_attribute(base, expr.attr)
            if isinstance(base, ClassRef):
                if expr.attr == "query" and self.is_sqlalchemy_model(base):
                    return Obj("scoped_session", "flask_sqlalchemy.Model.query", self.module, bc.FAS102)
                return self._class_attribute(base, expr.attr)
            return None
        if isinstance(expr, ast.Call):
            return self._resolve_call(expr, scope)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
            left = self.resolve(expr.left, scope)
            if isinstance(left, Obj) and left.kind == "path":
                return Obj("path", left.qualname, scope, left.code)
            return None
        if isinstance(expr, ast.Lambda):
            lambda_scope = self._lambda_scopes.get(expr)
            return FuncRef(lambda_scope) if lambda_scope is not None else None
        return None

    def _resolve_call(self, call: ast.Call, scope: Scope) -> Value:
        func = self.resolve(call.func, scope)
        if isinstance(func, Ref):
            framework = APP_CONSTRUCTORS.get(func.qualname)
            if framework is not None:
                return Obj("app", func.qualname, scope, framework=framework)
            constructor = tables.CONSTRUCTORS.get(func.qualname)
            if constructor is not None:
                if self._given_async_class(call, func.qualname, scope):
                    return None  # ``sessionmaker(engine, class_=AsyncSession)`` makes async sessions
                return Obj(constructor.kind, func.qualname, scope, constructor.code, constructor.reported)
            loop_kind = EVENT_LOOP_GETTERS.get(func.qualname)
            if loop_kind is not None:
                return Obj(loop_kind, func.qualname, scope)
            if self._celery_task_call(call, func.qualname):
                return Obj("celery_result", f"celery.Task.{call.func.attr}", scope, bc.FAS105)  # type: ignore[attr-defined]
            return None
        if isinstance(func, Member):
            derived = tables.DERIVED_OBJECTS.get((func.obj.kind, func.name))
            if derived is not None:
                return Obj(derived, func.obj.qualname, scope, func.obj.code)
            return None
        if isinstance(func, Obj):
            derived = tables.DERIVED_OBJECTS.get((func.kind, "__call__"))
            if derived is not None:
                # ``SessionLocal()``: making the session is the finding.
                return Obj(derived, func.qualname, scope, func.code, reported=True)
            return None
        if (isinstance(call.func, ast.Attribute) and call.func.attr in bc.TASK_RESULT_METHODS
                and self.uses_celery()):
            return Obj("celery_result", f"celery.Task.{call.func.attr}", scope, bc.FAS105)
        return None

    def _given_async_class(self, call: ast.Call, qualname: str, scope: Scope, depth: int = 0) -> bool:
        spec = bc.ASYNC_CLASS_ARGUMENT.get(qualname)
        if spec is None:
            return False
        keyword, classes = spec
        for kw in call.keywords:
            if kw.arg == keyword:
                value = self.resolve(kw.value, scope)
                while isinstance(value, ClassRef) and depth < 10:  # a subclass of AsyncSession
                    depth += 1
                    bases = [self.resolve(base, value.scope.parent or self.module) for base in value.node.bases]
                    value = next((b for b in bases if isinstance(b, (Ref, ClassRef))), None)
                return isinstance(value, Ref) and value.qualname in classes
        return False

    def _celery_task_call(self, call: ast.Call, qualname: str) -> bool:
        """``render_pdf.delay(...)`` of a task imported from a module of the project that uses
        Celery (the view module itself need not import celery)."""
        if not (isinstance(call.func, ast.Attribute) and call.func.attr in bc.TASK_RESULT_METHODS):
            return False
        if self.uses_celery():
            return True
        target = self.project_target(qualname.rpartition(".")[0])
        return target is not None and self.project.uses_celery(target[0])  # type: ignore[union-attr]

    def uses_celery(self) -> bool:
        """The module imports celery, or a Celery app made in another project module
        (``from .extensions import celery``)."""
        found = self.memo.get("uses_celery")
        if found is None:
            found = "celery" in self.imported_packages or (self.project is not None and any(
                binding.kind == "import" and isinstance(value := self.resolve_name(name, self.module), Obj)
                and value.kind == "celery_app"
                for name, bindings in self.module.bindings.items() for binding in bindings[:1]
            ))
            self.memo["uses_celery"] = found
        return found

    def _class_attribute(self, cls: ClassRef, name: str) -> Value:
        """A method or class attribute defined in the class body itself (bases are not searched)."""
        bindings = cls.scope.bindings.get(name)
        if not bindings:
            return None
        key = (id(cls.scope), name)
        if key in self._resolving:
            return None
        self._resolving.add(key)
        try:
            values = [self._binding_value(binding) for binding in bindings]
        finally:
            self._resolving.discard(key)
        return values[0] if all(value == values[0] for value in values[1:]) else None

    def project_target(self, qualname: str) -> tuple[Path, str] | None:
        """(module, attribute) for a qualified name that resolves into another module."""
        if self.project is None or self.path is None:
            return None
        memo = self.memo.setdefault("project_target", {})
        if qualname not in memo:
            target = self.project.resolve_import(self.path, qualname)
            memo[qualname] = None if target is None or target[0] == self.path or not target[1] else target
        return memo[qualname]

    def project_edge(self, expr: ast.AST, scope: Scope) -> tuple[Path, str] | None:
        """(module, attribute) when ``expr`` names something in another module of the project.
        Only the import is resolved, not the other module's contents: a module's summary must
        depend on its own text alone."""
        if self.project is None:
            return None
        value = self.resolve(expr, scope)
        return self.project_target(value.qualname) if isinstance(value, Ref) else None

    def _imported(self, ref: Ref) -> Value:
        """What an imported name is: the object a project module made at its top level
        (``from .extensions import db``, ``db.SessionLocal`` of ``from . import db``), or
        else the reference itself."""
        return (self.project_object(ref.qualname) or ref) if self.project is not None else ref

    def project_object(self, qualname: str) -> Obj | None:
        """``from .db import conn``: an object a project module made at its top level (read
        from that module's exports, which never read a third module)."""
        target = self.project_target(qualname)
        if target is None:
            return None
        module, attribute = target
        head, *attributes = attribute.split(".")
        found = self.project.lookup_object(module, head)  # type: ignore[union-attr]
        if found is None:
            return None
        kind, made_by, code, reported = found
        if kind == MODEL_CLASS and not attributes:
            made_by = qualname  # still the class: ``User.by_id()`` is a call into its module
        obj: Value = Obj(kind, made_by, self.module, code, reported)
        for name in attributes:  # ``db.session`` of an imported ``db = SQLAlchemy()``
            obj = self._object_attribute(obj, name)  # type: ignore[arg-type]
            if not isinstance(obj, Obj):
                return None
        return obj  # type: ignore[return-value]

    def _object_attribute(self, base: Obj, name: str) -> Value:
        if base.kind == MODEL_CLASS:
            if name == "query":
                return Obj("scoped_session", "flask_sqlalchemy.Model.query", self.module, bc.FAS102)
            return Ref(f"{base.qualname}.{name}")
        derived = bc.DERIVED_ATTRIBUTES.get((base.kind, name))
        if derived is not None:
            return Obj(derived, base.qualname, base.origin, base.code, base.reported)
        return Member(base, name)

    def foreign_coroutine_function(self, expr: ast.AST, scope: Scope) -> ForeignFunction | None:
        """The ``async def`` of another module of the project that ``expr`` names, if any,
        without summarising a module whose text cannot hold one."""
        target = self.project_edge(expr, scope)
        if target is None or not self.project.might_be_coroutine_function(*target):  # type: ignore[union-attr]
            return None
        found = self.project.lookup_function(*target)  # type: ignore[union-attr]
        return found if found is not None and found.is_coroutine else None

    def is_sqlalchemy_model(self, cls: ClassRef, _depth: int = 0) -> bool:
        for base in cls.node.bases:
            value = self.resolve(base, cls.scope.parent or self.module)
            if isinstance(value, Member) and value.obj.kind == "flask_sqlalchemy" and value.name == "Model":
                return True
            if isinstance(value, ClassRef) and _depth < 10 and self.is_sqlalchemy_model(value, _depth + 1):
                return True
            if isinstance(value, Obj) and value.kind == MODEL_CLASS:  # a model of another project module
                return True
        return False

    # -- views

    def _discover_views(self) -> None:
        extra = {name for name in self.settings.extend_view_decorators if "." not in name}
        for scope in self.scopes:
            node = scope.node
            if scope.kind == "function" and node.decorator_list:  # type: ignore[attr-defined]
                parent = scope.parent or self.module
                for decorator in node.decorator_list:  # type: ignore[attr-defined]
                    view = self._view_from_decorator(decorator, scope.name, parent, extra)
                    if view is not None:
                        scope.view = view
                        break
            elif scope.kind == "class" and self._is_view_class(scope):
                for child in self._view_methods(scope):
                    if child.view is None:
                        child.view = View("view", f"{scope.name}.{child.name}", "")
        for call, scope in self._url_rules:
            self._view_from_url_rule(call, scope)
        for call, scope in self._hook_calls:
            self._hook_from_call(call, scope)

    def _hook_from_call(self, call: ast.Call, scope: Scope) -> None:
        """``app.before_request(f)``, ``app.register_error_handler(404, f)``: the decorator
        called by hand registers ``f`` just the same."""
        func: ast.Attribute = call.func  # type: ignore[assignment]
        if self._app_framework(func.value, scope) is None and self.framework == UNKNOWN:
            return
        target = self._registered_function(call.args[-1], scope)
        if target is not None and target.view is None:
            target.view = View(HOOK_DECORATORS[func.attr], target.name)

    def _registered_function(self, expr: ast.expr, scope: Scope) -> Scope | None:
        """The function ``expr`` names, seen through a decorator applied by a call
        (``view_func=login_required(dashboard)``)."""
        target = self.resolve(expr, scope)
        if isinstance(target, FuncRef) and target.scope.kind == "function":
            return target.scope
        if isinstance(expr, ast.Call) and len(expr.args) == 1 and not expr.keywords:
            inner = self.resolve(expr.args[0], scope)
            if isinstance(inner, FuncRef) and inner.scope.kind == "function":
                return inner.scope
        return None

    def _own(self, app_framework: str | None) -> str | None:
        """A view's own framework, unless the configuration names one for every module."""
        return app_framework if self.settings.framework == "auto" else None

    def _app_framework(self, expr: ast.AST, scope: Scope) -> str | None:
        value = self.resolve(expr, scope)
        if isinstance(value, Obj) and value.kind == "app":
            if value.framework == FLASK and "quart_flask_patch" in self.imported_packages:
                return QUART  # ``flask.Flask`` is Quart's app once the patch is imported
            return value.framework
        return None

    def _view_from_decorator(self, decorator: ast.expr, name: str, scope: Scope, extra: set[str]) -> View | None:
        call = decorator if isinstance(decorator, ast.Call) else None
        target = decorator.func if call is not None else decorator
        if isinstance(target, ast.Attribute):
            attr, receiver = target.attr, target.value
        elif isinstance(target, ast.Name):
            attr, receiver = target.id, None
        else:
            return None
        # A configured name matches as written: ``rpc.expose`` that decorator only, a bare
        # ``register`` any decorator of that name (called or not).
        configured = self.settings.extend_view_decorators
        is_extra = bool(configured) and (attr in extra or ast.unparse(target) in configured)
        if is_extra and call is None:
            return View("view", name)
        if call is not None and (attr in ROUTE_DECORATORS or is_extra):
            rule = _string_arg(call, 0, "rule")
            app_framework = self._app_framework(receiver, scope) if receiver is not None else None
            if app_framework is not None or is_extra or (rule is not None and rule.startswith("/")):
                return View("view", name, _route(call, rule, ROUTE_DECORATORS.get(attr)), self._own(app_framework))
            return None
        role = HOOK_DECORATORS.get(attr)
        if role is not None and receiver is not None:
            app_framework = self._app_framework(receiver, scope)
            if app_framework is not None or self.framework != UNKNOWN:
                return View(role, name, framework=self._own(app_framework))
        return None

    def _is_view_class(self, class_scope: Scope, _depth: int = 0) -> bool:
        node: ast.ClassDef = class_scope.node  # type: ignore[assignment]
        for base in node.bases:
            value = self.resolve(base, class_scope.parent or self.module)
            if isinstance(value, Ref) and value.qualname in VIEW_BASE_CLASSES:
                return True
            if isinstance(value, Ref) and self.project is not None:
                target = self.project_target(value.qualname)
                if target is not None and self.project.derives_from(*target, VIEW_BASE_CLASSES):
                    return True
            if isinstance(value, ClassRef) and _depth < 10 and self._is_view_class(value.scope, _depth + 1):
                return True
        return False

    def _view_from_url_rule(self, call: ast.Call, scope: Scope) -> None:
        rule = _string_arg(call, 0, "rule")
        view_func: ast.expr | None = call.args[2] if len(call.args) > 2 else None
        for keyword in call.keywords:
            if keyword.arg == "view_func":
                view_func = keyword.value
        if view_func is None:
            return
        route = _route(call, rule, None)
        function = self._registered_function(view_func, scope)
        if function is not None:
            if function.view is None or not function.view.route:
                function.view = View("view", function.name, route)
            return
        if isinstance(view_func, ast.Name):
            # ``user_view = UserAPI.as_view("user")`` bound first, then registered
            bindings = self.lookup(view_func.id, scope) or ()
            if len(bindings) == 1 and bindings[0].kind == "value":
                view_func = bindings[0].payload  # type: ignore[assignment]
        # ``MyView.as_view("name")``: a class-based view.
        if isinstance(view_func, ast.Call) and isinstance(view_func.func, ast.Attribute) \
                and view_func.func.attr == "as_view":
            cls = self.resolve(view_func.func.value, scope)
            if isinstance(cls, ClassRef):
                for child in self._view_methods(cls.scope):
                    method = child.name.upper() if child.name in HTTP_METHOD_HANDLERS else ""
                    child.view = View("view", f"{cls.node.name}.{child.name}",
                                      f"{method} {rule}" if method and rule else route)

    def _view_methods(self, class_scope: Scope) -> Iterator[Scope]:
        for child in self.scopes:
            if (child.class_scope is class_scope and child.kind == "function"
                    and (child.name in HTTP_METHOD_HANDLERS or child.name == "dispatch_request")):
                yield child

    # -- what rules ask about nodes

    def is_awaited(self, call: ast.AST) -> bool:
        return call in self.awaited

    def parent_map(self, scope: Scope) -> dict[ast.AST, ast.AST]:
        """Parents of the nodes of one scope's own code, built on first use (few rules need it)."""
        maps = self.memo.setdefault("parent_map", {})
        found = maps.get(scope)
        if found is None:
            # The walk's field table, not ast.iter_child_nodes (a third of the time): the
            # same children but for import aliases and the shared expression-context and
            # operator singletons, which no rule asks the parent of.
            found = {}
            fields_of = _CHILD_FIELDS.get
            for node in scope.nodes:
                cls = node.__class__
                if cls in _SCOPE_NODES:
                    continue  # their insides belong to their own scope
                for name, shape in fields_of(cls) or _child_fields(cls):
                    value = getattr(node, name, None)
                    if shape is _ONE:
                        if value is not None:
                            found[value] = node
                    elif value:
                        if value.__class__ is list:
                            for item in value:
                                if shape is _MANY or isinstance(item, ast.AST):
                                    found[item] = node
                        elif isinstance(value, ast.AST):
                            found[value] = node
            maps[scope] = found
        return found

    def name_loads(self, scope: Scope, name: str) -> Iterator[tuple[ast.Name, Scope]]:
        """Every read of ``name`` in the scope's own code and in the functions nested in it."""
        for inner in self._scope_and_descendants(scope):
            for node in self._loads_by_name(inner).get(name, ()):
                yield node, inner

    def _scope_and_descendants(self, scope: Scope) -> list[Scope]:
        children = self.memo.get("children")
        if children is None:
            children = self.memo["children"] = {}
            for candidate in self.scopes:
                if candidate.parent is not None:
                    children.setdefault(candidate.parent, []).append(candidate)
        found, pending = [], [scope]
        while pending:
            current = pending.pop()
            found.append(current)
            pending.extend(children.get(current, ()))
        return found

    def _loads_by_name(self, scope: Scope) -> dict[str, list[ast.Name]]:
        index = self.memo.setdefault("loads_by_name", {})
        found = index.get(scope)
        if found is None:
            found = index[scope] = {}
            for node in scope.nodes:
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                    found.setdefault(node.id, []).append(node)
        return found

    def scope_framework(self, scope: Scope) -> str:
        """The framework whose consequences a message states for code in ``scope``: its
        view's app's (a module may import both), else the module's."""
        view = scope.view
        return view.framework if view is not None and view.framework is not None else self.framework

    def api_name(self, qualname: str) -> str:
        """A framework API's name as the module really gets it: with quart_flask_patch
        installed, ``from flask import flash`` is Quart's coroutine."""
        if qualname.startswith("flask.") and "quart_flask_patch" in self.imported_packages:
            return "quart." + qualname[len("flask."):]
        return qualname

    def framework_of(self, receiver: ast.AST, scope: Scope) -> str:
        """The framework an app-like receiver belongs to: its own import or constructor,
        else the module's (a module may import both frameworks)."""
        value = self.resolve(receiver, scope)
        if isinstance(value, Obj) and value.kind == "app":
            return value.framework
        if isinstance(value, Ref):
            top = self.api_name(value.qualname).partition(".")[0]
            framework = FRAMEWORK_PACKAGES.get(top)
            if framework in (FLASK, QUART):
                return framework
        return self.framework


_SCOPE_NODES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef})
# Responses that iterate a sync generator in a thread (RULES.md "Where the rules look" 4).
STREAMING_RESPONSES = frozenset({
    "quart.Response", "quart.wrappers.Response", "quart.wrappers.response.Response",
    "quart.make_response", "quart.helpers.make_response",
})
_COMPREHENSION_NODES = frozenset({ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp})
_BINDERS = {
    ast.Call: FileContext._bind_call,
    ast.Await: FileContext._bind_await,
    ast.Import: FileContext._bind_import,
    ast.ImportFrom: FileContext._bind_import,
    ast.Assign: FileContext._bind_assign,
    ast.AnnAssign: FileContext._bind_annotated,
    ast.NamedExpr: FileContext._bind_walrus,
    ast.AugAssign: FileContext._bind_augmented,
    ast.For: FileContext._bind_target,
    ast.AsyncFor: FileContext._bind_target,
    ast.withitem: FileContext._bind_withitem,
    ast.ExceptHandler: FileContext._bind_named,
    ast.MatchAs: FileContext._bind_named,
    ast.MatchStar: FileContext._bind_named,
    ast.MatchMapping: FileContext._bind_named,
    ast.Global: FileContext._bind_global,
}
# Fields that never hold a node worth visiting: expression contexts (Load/Store) and
# operators are nodes too, a third of a tree; names, identifiers and flags are plain
# strings and ints (a Name or a Constant, the most common nodes, then has no field left).
_SKIPPED_FIELDS = frozenset({
    "ctx", "op", "ops", "type_comment", "type_ignores", "str", "rest", "kwd_attrs", "tag",
    "id", "attr", "arg", "name", "asname", "module", "level", "is_async", "conversion", "kind", "simple",
})
# Per node type: a Constant's value is never a node, and an import's aliases are read by
# its binder, so neither is visited.
_SKIPPED_BY_TYPE = {ast.Constant: frozenset({"value"}), ast.MatchSingleton: frozenset({"value"}),
                    ast.Import: frozenset({"names"}), ast.ImportFrom: frozenset({"names"}),
                    ast.Global: frozenset({"names"}), ast.Nonlocal: frozenset({"names"})}
# The shape of a field: one node (or None), a list of nodes, or anything else: a list that
# may hold None (``{**extra}`` has a None key, a keyword-only argument without default a
# None default), or a field of a node type whose grammar line we cannot read.
_ONE, _MANY, _SOME = "one", "many", "some"
_GRAMMAR_LINE = re.compile(r"^\w+\((.*)\)$")
_NULLABLE_LISTS = frozenset({(ast.Dict, "keys"), (ast.arguments, "kw_defaults")})
_CHILD_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


class _Switch:
    """A mark on the walk's stack: from here on, nodes belong to ``scope``."""

    __slots__ = ("scope", "type_checking")

    def __init__(self, scope: Scope, type_checking: bool) -> None:
        self.scope = scope
        self.type_checking = type_checking


_ENTER_SCOPE, _ENTER_COMPREHENSION, _IF = "scope", "comprehension", "if"
# What the walk does on a node besides visiting its fields: a binder (one per node type
# that binds names), a scope or comprehension to enter, an ``if`` to check for
# TYPE_CHECKING; _Switch marks a change of scope.
_SPECIAL_NODES: dict[type, object] = {
    **_BINDERS,
    **{cls: _ENTER_SCOPE for cls in _SCOPE_NODES},
    **{cls: _ENTER_COMPREHENSION for cls in _COMPREHENSION_NODES},
    ast.If: _IF,
    _Switch: _Switch,
}


def _child_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """(field, shape) of the fields to visit, last first (children are pushed on a stack)."""
    fields = _CHILD_FIELDS.get(cls)
    if fields is None:
        skipped = _SKIPPED_FIELDS | _SKIPPED_BY_TYPE.get(cls, frozenset())
        shapes = _field_shapes(cls)
        fields = _CHILD_FIELDS[cls] = tuple(
            (name, _SOME if (cls, name) in _NULLABLE_LISTS else shapes.get(name, _SOME))
            for name in reversed(getattr(cls, "_fields", ())) if name not in skipped
        )
    return fields


def _field_shapes(cls: type) -> dict[str, str]:
    """A node type's fields as its grammar line declares them (``Call(expr func, expr*
    args, keyword* keywords)``, the docstring of every `ast` node class): ``*`` a list,
    else one node or None. Empty when the line cannot be read."""
    found = _GRAMMAR_LINE.match((cls.__doc__ or "").strip())
    shapes = {}
    for declaration in found.group(1).split(",") if found else ():
        kind, _, name = declaration.strip().rpartition(" ")
        if kind:
            shapes[name] = _MANY if kind.endswith("*") else _ONE
    return shapes


def _string_arg(call: ast.Call, index: int, keyword: str) -> str | None:
    node: ast.AST | None = call.args[index] if len(call.args) > index else None
    for kw in call.keywords:
        if kw.arg == keyword:
            node = kw.value
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _route(call: ast.Call, rule: str | None, method: str | None) -> str:
    methods: list[str] = []
    if method is not None:
        methods = [method]
    else:
        for keyword in call.keywords:
            if keyword.arg == "methods" and isinstance(keyword.value, (ast.List, ast.Tuple, ast.Set)):
                methods = [e.value.upper() for e in keyword.value.elts
                           if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        methods = methods or ["GET"]
    if rule is None:
        return ""
    return f"{', '.join(methods)} {rule}"
