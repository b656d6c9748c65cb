"""Function summaries: what a plain ``def`` carries to the coroutine that calls it.

RULES.md "Where the rules look" 3: a sync helper called from event-loop code runs on the
loop, so its blocking and CPU-bound work is reported at the call site in the coroutine,
with the chain in the message (``via _blocking_io_operation() → line 23``), and not in
the helper (sync views may call it legitimately).

A summary lists, per function, the effects of its own code (found by the rules that
carry their effects to callers: FAS1xx, FAS400, FAS401, FAS502) and the project functions
it calls. Reachability composes summaries transitively, each function analysed once per
file, cycles cut. Summaries hold plain data (codes, strings, line numbers) so that they
can later be cached per module and composed across the project's modules.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .context import FuncRef, Ref, Scope

NOT_ON_THE_LOOP_DECORATORS = frozenset({"greenletio.async_", "greenletio.core.async_"})

if TYPE_CHECKING:
    from .context import FileContext
    from .rule import Rule


@dataclass(frozen=True)
class Effect:
    code: str
    what: str  # "time.sleep()", "loop over range(10000000)"
    line: int  # where it happens, in the function that does it
    suggestion: str = ""
    via: tuple[str, ...] = ()  # helper calls from the caller down: ("outer()", "inner()")
    key: str = ""  # what the tables matched (a qualified name), for fixes and messages

    def chain(self) -> str:
        return " → ".join((*self.via, f"line {self.line}"))


@dataclass
class FunctionSummary:
    name: str
    is_coroutine: bool
    effects: list[Effect] = field(default_factory=list)
    calls: list[tuple[ast.Call, Scope]] = field(default_factory=list)  # helper calls in its own code


class Summaries:
    def __init__(self, ctx: FileContext, carrying_rules: list[Rule]) -> None:
        self.ctx = ctx
        self.rules_by_type: dict[type, list[Rule]] = {}
        for rule in carrying_rules:
            for node_type in rule.NODE_TYPES:
                self.rules_by_type.setdefault(node_type, []).append(rule)
        self._summaries: dict[Scope, FunctionSummary] = {}
        self._reachable: dict[Scope, dict[str, tuple[Effect, int]]] = {}

    def helper_called(self, call: ast.Call, scope: Scope) -> Scope | None:
        """The plain ``def`` of this module whose body ``call`` runs here, if any."""
        target = self.ctx.resolve(call.func, scope)
        if not (isinstance(target, FuncRef) and target.scope.kind == "function" and not target.scope.is_coroutine):
            return None
        helper = target.scope
        if self._runs_elsewhere(helper):
            return None
        if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in helper.nodes) \
                and not self._iterated_here(call, scope):
            return None  # calling a generator function runs none of its body
        return helper

    def _runs_elsewhere(self, helper: Scope) -> bool:
        """Wrapped by greenletio's ``async_``: its body runs in a greenlet, not on the loop."""
        for decorator in getattr(helper.node, "decorator_list", ()):
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            value = self.ctx.resolve(target, helper.parent or self.ctx.module)
            if isinstance(value, Ref) and value.qualname in NOT_ON_THE_LOOP_DECORATORS:
                return True
        return False

    def _iterated_here(self, call: ast.Call, scope: Scope) -> bool:
        parent = self.ctx.parent_map(scope).get(call)
        return isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is call

    def summary(self, scope: Scope) -> FunctionSummary:
        found = self._summaries.get(scope)
        if found is not None:
            return found
        summary = FunctionSummary(scope.name, scope.is_coroutine)
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
        return summary

    def reachable(self, scope: Scope) -> dict[str, tuple[Effect, int]]:
        """Per code: the effect with the shortest chain, and how many effects of that code."""
        done = self._reachable.get(scope)
        if done is not None:
            return done
        # Cut cycles: a function on the current path contributes nothing more.
        self._reachable[scope] = {}
        summary = self.summary(scope)
        best: dict[str, tuple[Effect, int]] = {}
        for effect in summary.effects:
            self._keep(best, effect, 1)
        for call, helper in summary.calls:
            for effect, count in self.reachable(helper).values():
                via = (f"{self._call_name(call)}()", *effect.via)
                self._keep(best, Effect(effect.code, effect.what, effect.line, effect.suggestion, via, effect.key), count)
        self._reachable[scope] = best
        return best

    @staticmethod
    def _keep(best: dict[str, tuple[Effect, int]], effect: Effect, count: int) -> None:
        current = best.get(effect.code)
        if current is None:
            best[effect.code] = (effect, count)
        elif len(effect.via) < len(current[0].via):
            best[effect.code] = (effect, current[1] + count)
        else:
            best[effect.code] = (current[0], current[1] + count)

    def call_effects(self, call: ast.Call, scope: Scope) -> dict[str, tuple[Effect, int]]:
        """Effects reached by calling a sync helper here, the chain starting at this call."""
        helper = self.helper_called(call, scope)
        if helper is None:
            return {}
        name = f"{self._call_name(call)}()"
        return {
            code: (Effect(effect.code, effect.what, effect.line, effect.suggestion, (name, *effect.via), effect.key),
                   count)
            for code, (effect, count) in self.reachable(helper).items()
        }

    @staticmethod
    def _call_name(call: ast.Call) -> str:
        func = call.func
        if isinstance(func, ast.Attribute):
            return func.attr
        if isinstance(func, ast.Name):
            return func.id
        return "<call>"
