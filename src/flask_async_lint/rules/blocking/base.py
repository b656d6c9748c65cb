"""The shared shape of FAS100-FAS105: a call from the blocking tables, in event-loop code,
directly or through the sync helpers it calls."""
from __future__ import annotations

import ast

from ...blocking import blocking_call, consequence
from ...context import Scope
from ...rule import EVENT_LOOP, CarryingRule
from ...summaries import Effect


class BlockingCallRule(CarryingRule):
    NODE_TYPES = (ast.Call, ast.With)
    SCOPES = EVENT_LOOP

    def effect(self, node: ast.AST, scope: Scope) -> Effect | None:
        found = blocking_call(self.ctx, node, scope)
        if found is None or found.code != self.CODE:
            return None
        if self.ctx.is_awaited(node):
            return None  # ``await requests.get(...)``: FAS202 reports it, once
        line, _ = self.ctx.position(node)
        return Effect(self.CODE, found.display, line, found.suggestion, key=found.qualname)

    def message(self, effect: Effect, scope: Scope) -> str:
        return (f"{effect.what} in {scope.describe()} {consequence(self.ctx.scope_framework(scope))}"
                f"{self.via(effect)}; {effect.suggestion}")
