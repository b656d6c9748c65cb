"""The shared shape of FAS100-FAS105: a call from the blocking tables, in event-loop code."""
from __future__ import annotations

import ast
from typing import Iterator

from ...blocking import BlockingCall, blocking_call, consequence
from ...context import Scope
from ...rule import EVENT_LOOP, Finding, Rule


class BlockingCallRule(Rule):
    NODE_TYPES = (ast.Call, ast.With)
    SCOPES = EVENT_LOOP

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        effect = blocking_call(self.ctx, node, scope)
        if effect is None or effect.code != self.CODE:
            return
        if self.ctx.is_awaited(node):
            return  # ``await requests.get(...)``: FAS202 reports it, once
        yield self.report(
            node,
            f"{effect.display} in {scope.describe()} {consequence(self.ctx.framework)}; "
            f"{effect.suggestion}",
            self.fix_kind(effect),
        )

    def fix_kind(self, effect: BlockingCall) -> str | None:
        return None
