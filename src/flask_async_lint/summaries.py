"""Function summaries: what a plain ``def`` carries to the coroutine that calls it.

RULES.md "Where the rules look" 3: a sync helper called from event-loop code runs on the
loop, so its blocking and CPU-bound work is reported at the call site in the coroutine,
with the chain in the message (``via _blocking_io_operation() → line 23``), and not in
the helper (sync views may call it legitimately).

One mechanism for the module and the project: per function, the *local closure* — the
effects of its own code (found by the rules that carry their effects to callers: FAS1xx,
FAS400, FAS401, FAS502), those of the module's helpers it reaches, and the calls it makes
into other modules of the project (edges, not followed). A module's ``ModuleSummary`` is
the local closure of each of its top-level functions and methods, plain data keyed by the
module's own text (so it can be cached); ``reachable`` composes local closures along the
edges, across modules (project.py), at query time. Each function is analysed once per
file; cycles are cut.
"""
from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .context import ClassRef, FileContext, FuncRef, Obj, Ref, Scope

NOT_ON_THE_LOOP_DECORATORS = frozenset({"greenletio.async_", "greenletio.core.async_"})
# Builtins that run a generator to its end (or to its next item) where they are called.
GENERATOR_CONSUMERS = frozenset(f"builtins.{name}" for name in (
    "list", "tuple", "set", "frozenset", "dict", "sorted", "sum", "min", "max", "any", "all", "next",
))

if TYPE_CHECKING:
    from .project import Project
    from .rule import Rule
    from .settings import Settings


@dataclass(frozen=True)
class Effect:
    code: str
    what: str  # "time.sleep()", "a loop of 10,000,000 iterations"
    line: int  # where it happens, in the function that does it
    suggestion: str = ""
    via: tuple[str, ...] = ()  # helper calls from the caller down: ("outer()", "inner()")
    key: str = ""  # what the tables matched (a qualified name), for fixes and messages
    file: str = ""  # set when the effect is in another module: its path from the project root

    def chain(self) -> str:
        if self.file:
            return " → ".join((*self.via, f"{self.file}:{self.line}", self.what))
        return " → ".join((*self.via, f"line {self.line}"))

    def prefixed(self, via: tuple[str, ...]) -> "Effect":
        return replace(self, via=(*via, *self.via))

    def to_json(self) -> list:
        return [self.code, self.what, self.line, self.suggestion, list(self.via), self.key, self.file]

    @classmethod
    def from_json(cls, data: list) -> "Effect":
        code, what, line, suggestion, via, key, file = data
        return cls(code, what, line, suggestion, tuple(via), key, file)


Reachable = dict  # code -> (Effect with the shortest chain, how many effects of that code)


Edge = tuple  # (module path, attribute in it): a call into another module of the project


@dataclass
class Closure:
    effects: Reachable = field(default_factory=dict)
    foreign: list[tuple[tuple[str, ...], Edge]] = field(default_factory=list)


@dataclass
class FunctionSummary:
    effects: list[Effect] = field(default_factory=list)
    calls: list[tuple[ast.Call, Scope]] = field(default_factory=list)  # same-module helper calls
    foreign_calls: list[tuple[ast.Call, Edge]] = field(default_factory=list)


def keep_shortest(best: Reachable, effect: Effect, count: int) -> None:
    current = best.get(effect.code)
    if current is None:
        best[effect.code] = (effect, count)
    elif len(effect.via) < len(current[0].via):
        best[effect.code] = (effect, current[1] + count)
    else:
        best[effect.code] = (current[0], current[1] + count)


def is_generator(scope: Scope) -> bool:
    return any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in scope.nodes)


def _decorator_name(decorator: ast.expr) -> str:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return ast.unparse(target)


def call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Lambda):
        return "<lambda>()"
    if isinstance(func, ast.Attribute):
        return f"{func.attr}()"
    if isinstance(func, ast.Name):
        return f"{func.id}()"
    return "<call>()"


class Summaries:
    def __init__(self, ctx: FileContext, carrying_rules: list[Rule]) -> None:
        self.ctx = ctx
        self.rules_by_type: dict[type, list[Rule]] = {}
        for rule in carrying_rules:
            for node_type in rule.NODE_TYPES:
                self.rules_by_type.setdefault(node_type, []).append(rule)
        self._summaries: dict[Scope, FunctionSummary] = {}
        self._closures: dict[Scope, Closure] = {}
        self._reachable: dict[Scope, Reachable] = {}
        self._call_effects: dict[ast.Call, Reachable] = {}

    # -- what a call runs

    def helper_called(self, call: ast.Call, scope: Scope) -> Scope | None:
        """The plain ``def`` of this module whose body ``call`` runs here, if any."""
        target = self.ctx.resolve(call.func, scope)
        if not (isinstance(target, FuncRef) and target.scope.kind in ("function", "lambda")
                and not target.scope.is_coroutine):
            return None
        helper = target.scope
        if self.runs_elsewhere(helper):
            return None
        if is_generator(helper) and not self.consumed_here(call, scope, helper):
            return None  # calling a generator function runs none of its body
        return helper

    def runs_elsewhere(self, helper: Scope) -> bool:
        """Wrapped by greenletio's ``async_``: its body runs in a greenlet, not on the loop."""
        for decorator in getattr(helper.node, "decorator_list", ()):
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            value = self.ctx.resolve(target, helper.parent or self.ctx.module)
            if isinstance(value, Ref) and value.qualname in NOT_ON_THE_LOOP_DECORATORS:
                return True
        return False

    def consumed_here(self, call: ast.Call, scope: Scope, helper: Scope | None = None) -> bool:
        """Whether the generator ``call`` makes runs here: iterated by ``for`` or a
        comprehension, drained by ``list()``/``next()``/``"".join()`` and the like, or
        entered by ``with`` as a ``@contextmanager`` (its body up to ``yield`` runs then)."""
        parent = self.ctx.parent_map(scope).get(call)
        if isinstance(parent, (ast.For, ast.comprehension)):
            return parent.iter is call
        if isinstance(parent, ast.Call) and call in parent.args:
            func = parent.func
            if isinstance(func, ast.Attribute) and func.attr == "join":
                return True
            target = self.ctx.resolve(func, scope)
            return isinstance(target, Ref) and target.qualname in GENERATOR_CONSUMERS
        if isinstance(parent, ast.withitem) and parent.context_expr is call:
            return helper is None or any(
                _decorator_name(d).endswith("contextmanager") for d in getattr(helper.node, "decorator_list", ())
            )
        return False

    # -- per function, then composed

    def summary(self, scope: Scope) -> FunctionSummary:
        found = self._summaries.get(scope)
        if found is not None:
            return found
        summary = FunctionSummary()
        self._summaries[scope] = summary
        for node in scope.nodes:
            for rule in self.rules_by_type.get(type(node), ()):
                effect = rule.effect(node, scope)  # type: ignore[attr-defined]
                if effect is not None:
                    summary.effects.append(effect)
            if isinstance(node, ast.Call):
                helper = self.helper_called(node, scope)
                if helper is not None:
                    summary.calls.append((node, helper))
                    continue
                edge = self.ctx.project_edge(node.func, scope) if self.ctx.project is not None else None
                if edge is not None:
                    summary.foreign_calls.append((node, edge))
        return summary

    def local_closure(self, scope: Scope) -> Closure:
        """Effects of the function and of the module's helpers it reaches; calls into other
        modules as edges. Breadth-first: each helper visited once, cycles need no special
        case, and the first chain found for a code is a shortest one."""
        done = self._closures.get(scope)
        if done is not None:
            return done
        closure = Closure()
        seen_helpers = {scope}
        seen_edges: set[Edge] = set()
        queue = deque([(scope, ())])
        while queue:
            current, via = queue.popleft()
            summary = self.summary(current)
            for effect in summary.effects:
                keep_shortest(closure.effects, effect.prefixed(via), 1)
            for call, helper in summary.calls:
                if helper not in seen_helpers:
                    seen_helpers.add(helper)
                    queue.append((helper, (*via, call_name(call))))
            for call, edge in summary.foreign_calls:
                if edge not in seen_edges:
                    seen_edges.add(edge)
                    closure.foreign.append(((*via, call_name(call)), edge))
        self._closures[scope] = closure
        return closure

    def reachable(self, scope: Scope) -> Reachable:
        """Per code: the effect with the shortest chain, and how many effects of that code."""
        done = self._reachable.get(scope)
        if done is not None:
            return done
        closure = self.local_closure(scope)
        best: Reachable = dict(closure.effects)
        project = self.ctx.project
        if project is not None:
            for via, edge in closure.foreign:
                for effect, count in project.reachable_through(*edge).values():
                    keep_shortest(best, effect.prefixed(via), count)
        self._reachable[scope] = best
        return best

    def call_effects(self, call: ast.Call, scope: Scope) -> Reachable:
        """Effects reached by calling a sync helper here, the chain starting at this call.
        Memoised per call: every carrying rule asks about every call of event-loop code."""
        found = self._call_effects.get(call)
        if found is None:
            found = self._call_effects[call] = self._compute_call_effects(call, scope)
        return found

    def _compute_call_effects(self, call: ast.Call, scope: Scope) -> Reachable:
        helper = self.helper_called(call, scope)
        via = (call_name(call),)
        if helper is not None:
            effects = self.reachable(helper)
        else:
            edge = self.ctx.project_edge(call.func, scope) if self.ctx.project is not None else None
            if edge is None:
                return {}
            effects = self.ctx.project.reachable_through(*edge, self.consumed_here(call, scope))  # type: ignore[union-attr]
        return {code: (effect.prefixed(via), count) for code, (effect, count) in effects.items()}


# ---------------------------------------------------------------- module summaries

@dataclass
class FunctionRecord:
    is_coroutine: bool
    effects: list[Effect]  # the local closure's effects (file set to the module's path)
    foreign: list[tuple[tuple[str, ...], str, str]]  # (via, module path from the root, attribute)
    is_generator: bool = False
    # an ``async def``'s calls into other project modules (FAS301/FAS504: the coroutines a
    # Flask view reaches run on the view's loop, wherever they are defined)
    coroutine_calls: list[tuple[str, str]] = field(default_factory=list)


_FLASK_VIEW_CALLS = "<flask view calls>"  # never a function's name
_APP_CLIENTS = "<app clients>"


@dataclass
class ModuleSummary:
    """What other modules need of one module's functions: each one's local closure; and
    the calls its Flask async views and hooks (and the coroutines they reach here) make
    into other modules of the project."""

    functions: dict[str, FunctionRecord]
    flask_view_calls: list[tuple[str, str]] = field(default_factory=list)  # (module path, attribute)
    app_clients: list[tuple[str, str, str, int]] = field(default_factory=list)  # clients.app_slot_clients

    def to_json(self) -> dict:
        data: dict = {
            name: {"coroutine": r.is_coroutine, "generator": r.is_generator,
                   "effects": [e.to_json() for e in r.effects],
                   "foreign": [[list(via), path, target] for via, path, target in r.foreign],
                   "calls": [list(call) for call in r.coroutine_calls]}
            for name, r in self.functions.items()
        }
        data[_FLASK_VIEW_CALLS] = [list(call) for call in self.flask_view_calls]
        data[_APP_CLIENTS] = [list(client) for client in self.app_clients]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "ModuleSummary":
        data = dict(data)
        view_calls = [tuple(call) for call in data.pop(_FLASK_VIEW_CALLS, [])]
        app_clients = [tuple(client) for client in data.pop(_APP_CLIENTS, [])]
        return cls({
            name: FunctionRecord(r["coroutine"], [Effect.from_json(e) for e in r["effects"]],
                                 [(tuple(via), path, target) for via, path, target in r["foreign"]],
                                 r.get("generator", False), [tuple(call) for call in r.get("calls", [])])
            for name, r in data.items()
        }, view_calls, app_clients)  # type: ignore[arg-type]


@dataclass
class ModuleExports:
    """A module's top-level blocking objects and its imports (for re-exports through
    ``__init__.py``): what other modules import from it besides functions."""

    objects: dict[str, tuple[str, str, str | None, bool]]  # name -> Obj (kind, qualname, code, reported)
    imports: dict[str, str]  # name -> qualified name as imported
    # name -> its bases, for Flask-SQLAlchemy models: MODEL_BASE when the module alone shows
    # it is one, else each base's qualified name as imported ("class:Base" for a class of
    # this module), resolved across modules when asked (project.py)
    classes: dict[str, list[str]] = field(default_factory=dict)
    # what ``from module import *`` takes: ``__all__`` when it is a literal, else every
    # public top-level name; and the modules this one star-imports in turn
    public: list[str] = field(default_factory=list)
    stars: list[str] = field(default_factory=list)
    clients: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (FAS504 client kind, line)
    constants: dict[str, int] = field(default_factory=dict)  # statically known ints (FAS400)

    def to_json(self) -> dict:
        return {"objects": {name: list(value) for name, value in self.objects.items()}, "imports": self.imports,
                "classes": self.classes, "public": self.public, "stars": self.stars,
                "clients": {name: list(value) for name, value in self.clients.items()},
                "constants": self.constants}

    @classmethod
    def from_json(cls, data: dict) -> "ModuleExports":
        return cls({name: tuple(value) for name, value in data["objects"].items()},  # type: ignore[misc]
                   data["imports"], data.get("classes", {}), data.get("public", []), data.get("stars", []),
                   {name: tuple(value) for name, value in data.get("clients", {}).items()},  # type: ignore[misc]
                   data.get("constants", {}))


def summarise_module(tree: ast.Module, source: str, project: Project, path: Path) -> ModuleSummary:
    from .registry import all_rules
    from .rule import CarryingRule

    ctx = FileContext(tree, source, project.settings, project=project, path=path)
    rules = [cls(ctx) for cls in all_rules() if issubclass(cls, CarryingRule)]
    summaries = ctx.summaries = Summaries(ctx, rules)
    relative = project.relative(path)
    functions: dict[str, FunctionRecord] = {}
    for scope in ctx.scopes:
        if scope.kind != "function":
            continue
        parent = scope.parent
        if parent is ctx.module:
            name = scope.name
        elif parent is not None and parent.kind == "class" and parent.parent is ctx.module:
            name = f"{parent.name}.{scope.name}"
        else:
            continue
        if scope.is_coroutine:
            # Calling an ``async def`` runs none of its body (its own code is event-loop
            # code, linted where it stands): callers need only know whether it makes a
            # coroutine (FAS200), so its closure is never computed.
            functions[name] = FunctionRecord(scope.is_coroutine_function, [], [],
                                             coroutine_calls=_project_calls(ctx, [scope]))
            continue
        if summaries.runs_elsewhere(scope):
            functions[name] = FunctionRecord(False, [], [])
            continue
        closure = summaries.local_closure(scope)
        functions[name] = FunctionRecord(
            False,
            [replace(effect, file=effect.file or relative) for effect, _ in closure.effects.values()],
            [(via, project.relative(path_), attribute) for via, (path_, attribute) in closure.foreign],
            is_generator(scope),
        )
    from .coroutines import views_and_reached_coroutines
    from .data.frameworks import FLASK

    from .clients import app_slot_clients

    view_calls = _project_calls(ctx, views_and_reached_coroutines(ctx, FLASK)) if ctx.framework == FLASK else []
    summary = ModuleSummary(functions, view_calls, app_slot_clients(ctx) if ctx.framework == FLASK else [])
    ctx.release()
    return summary


def _project_calls(ctx: FileContext, scopes) -> list[tuple[str, str]]:  # noqa: ANN001
    """The calls these scopes make into other modules of the project, as (module path
    from the root, attribute)."""
    found: dict[tuple[str, str], None] = {}
    project = ctx.project
    for scope in scopes:
        for node in scope.nodes:
            if isinstance(node, ast.Call):
                edge = ctx.project_edge(node.func, scope)
                if edge is not None:
                    found[(project.relative(edge[0]), edge[1])] = None  # type: ignore[union-attr]
    return list(found)


_EXPORTING_STATEMENTS = (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign)
MODEL_BASE = "flask_sqlalchemy.Model"
LOCAL_CLASS = "class:"  # a base that is a class of the same module (a qualname never has a colon)


def _class_header(node: ast.ClassDef) -> ast.ClassDef:
    """A class without its body: its name and bases are all its exports need."""
    return ast.ClassDef(name=node.name, bases=node.bases, keywords=[], body=[], decorator_list=[],
                        lineno=node.lineno, col_offset=node.col_offset)


def _model_bases(ctx: FileContext, cls: ClassRef) -> list[str]:
    if ctx.is_sqlalchemy_model(cls):
        return [MODEL_BASE]
    bases = []
    for base in cls.node.bases:
        value = ctx.resolve(base, ctx.module)
        if isinstance(value, Ref):
            bases.append(value.qualname)
        elif isinstance(value, ClassRef):
            bases.append(LOCAL_CLASS + value.node.name)
    return bases


def module_exports(tree: ast.Module, source: str, settings: Settings) -> ModuleExports:
    # Only the top-level imports, assignments and class headers matter: a small tree, no project.
    top = ast.Module(body=[
        _class_header(s) if isinstance(s, ast.ClassDef) else s
        for s in tree.body if isinstance(s, (*_EXPORTING_STATEMENTS, ast.ClassDef))
    ], type_ignores=[])
    ctx = FileContext(top, source, settings)
    from .clients import loop_bound_client
    from .constants import static_int

    objects = {}
    imports = {}
    classes = {}
    clients = {}
    constants = {}
    for name, bindings in ctx.module.bindings.items():
        if len(bindings) != 1:
            continue
        binding = bindings[0]
        if binding.kind == "import":
            imports[name] = binding.payload
        elif binding.kind == "class":
            bases = _model_bases(ctx, binding.payload)  # type: ignore[arg-type]
            if bases:
                classes[name] = bases
        elif binding.kind == "value":
            client = loop_bound_client(ctx, binding.payload, ctx.module)  # type: ignore[arg-type]
            number = static_int(ctx, binding.payload)  # type: ignore[arg-type]
            if number is not None:
                constants[name] = number
            if client is not None:
                clients[name] = (client, binding.payload.lineno)  # type: ignore[attr-defined]
            value = ctx.resolve(binding.payload, ctx.module)  # type: ignore[arg-type]
            if isinstance(value, Obj) and value.code is not None:
                objects[name] = (value.kind, value.qualname, value.code, value.reported)
    public, explicit = _public_names(tree)
    stars = [module for scope, module in ctx.star_imports if scope is ctx.module]
    names = list(ctx.module.bindings)
    ctx.release()
    return ModuleExports(objects, imports, classes, public if explicit else sorted(
        {*public, *(name for name in names if not name.startswith("_"))}), stars, clients, constants)


def _public_names(tree: ast.Module) -> tuple[list[str], bool]:
    """(``__all__`` if it is a literal list or tuple of strings, True) or (the public
    functions and classes defined at top level, False)."""
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in statement.targets) \
                and isinstance(statement.value, (ast.List, ast.Tuple)):
            names = [e.value for e in statement.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            return names, True
    return [s.name for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and not s.name.startswith("_")], False
