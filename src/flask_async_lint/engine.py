"""lint(tree, source, settings) -> findings: one file, one pass.

The engine takes the `ast` tree it is given (flake8's own, or the CLI's single
``ast.parse``), skips files that cannot hold event-loop code before any work, computes the
per-file facts once (context.py) and hands every node of every scope to the rules that
asked for its type: one batched pass, no rule walks the tree again.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from .context import FileContext, Scope
from .project import project_for
from .registry import all_rules
from .rule import ANY_FUNCTION, EVENT_LOOP, SYNC_VIEW, CarryingRule, Finding, Rule
from .settings import DEFAULT_SETTINGS, Settings
from .summaries import Summaries

# Event-loop code needs an ``async`` keyword (``async def``, ``asyncio``) or one of the
# loop-driving calls; a file with none of these has nothing to report, unless it uses Quart,
# whose coroutine APIs and contexts are misused in plain functions too (FAS200, FAS500).
# Substring tests, not one regex alternation: ``in`` searches each word at memchr speed,
# about 4x faster over the corpus than the alternation, which tries every position.
_MIGHT_RUN_ON_A_LOOP = ("async", "run_until_complete", "new_event_loop", "create_task", "ensure_future", "quart")


def might_have_event_loop_code(source: str) -> bool:
    return any(word in source for word in _MIGHT_RUN_ON_A_LOOP)


def _scope_categories(scope: Scope) -> tuple[str, ...]:
    if scope.is_coroutine:
        return (EVENT_LOOP, ANY_FUNCTION)
    if scope.view is not None and scope.kind == "function":
        return (SYNC_VIEW, ANY_FUNCTION)
    return (ANY_FUNCTION,)


def lint(tree: ast.Module, source: str, settings: Settings = DEFAULT_SETTINGS,
         codes: frozenset[str] | None = None, filename: str | None = None) -> list[Finding]:
    """Findings of every enabled rule for one file, sorted by position.

    ``codes`` limits the rules run (the CLI's --select/--ignore); None runs them all.
    ``filename`` places the file in its project, so that helpers imported from the
    project's other modules are followed (project.py); None lints the file alone.
    """
    if not might_have_event_loop_code(source):
        return []
    rule_classes = [cls for cls in all_rules() if codes is None or cls.CODE in codes]
    if not rule_classes:
        return []
    project = project_for(filename, settings)
    path = None
    if project is not None:
        path = Path(filename).resolve()  # type: ignore[arg-type]
        project.use_buffer(path, source)
    ctx = FileContext(tree, source, settings, project, path)
    rules = [cls(ctx) for cls in rule_classes]
    ctx.summaries = Summaries(ctx, [rule for rule in rules if isinstance(rule, CarryingRule)])
    findings: set[Finding] = set()
    # One table per combination of categories (a coroutine is event-loop code and a
    # function): one lookup per node, which most node types answer with nothing.
    tables: dict[tuple[str, ...], dict[type, list[Rule]]] = {}
    for scope in ctx.scopes:
        categories = _scope_categories(scope)
        table = tables.get(categories)
        if table is None:
            table = tables[categories] = defaultdict(list)
            for category in categories:
                for rule in rules:
                    if rule.SCOPES == category:
                        for node_type in rule.NODE_TYPES:
                            table[node_type].append(rule)
        if not table:
            continue
        rules_for = table.get
        for node in scope.nodes:
            wanting = rules_for(node.__class__)
            if wanting:
                for rule in wanting:
                    findings.update(rule.check(node, scope))
    if project is not None:
        project.release_trees()
    ctx.release()
    return sorted(findings)
