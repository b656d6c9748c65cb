"""FAS202: ``await`` on a call of a blocking function.

``await requests.get(url)`` first blocks the loop for the whole request, then raises
``TypeError`` because a ``Response`` is not awaitable. Reported once, as FAS202, not also
as the FAS1xx code of the call. Use the async library the FAS1xx row names.
"""
from __future__ import annotations

import ast
from typing import Iterator

from ...blocking import blocking_call
from ...context import Scope
from ...rule import EVENT_LOOP, Finding, Rule


class AwaitBlockingCall(Rule):
    CODE = "FAS202"
    NAME = "await-blocking-call"
    SUMMARY = "await on the result of a blocking call"
    NODE_TYPES = (ast.Await,)
    SCOPES = EVENT_LOOP

    def check(self, node: ast.AST, scope: Scope) -> Iterator[Finding]:
        call = node.value  # type: ignore[attr-defined]
        if not isinstance(call, ast.Call):
            return
        effect = blocking_call(self.ctx, call, scope)
        if effect is None:
            return
        yield self.report(
            node,
            f"'await {effect.display}' in {scope.describe()}: the call blocks the event loop, "
            f"then 'await' raises TypeError on its result; {effect.suggestion}",
        )
