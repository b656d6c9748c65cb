"""Rules are discovered, not listed: every Rule subclass with a CODE under ``rules/``."""
from __future__ import annotations

import functools
import importlib
import pkgutil

from . import rules as rules_package
from .rule import Rule


@functools.lru_cache(maxsize=None)
def all_rules() -> tuple[type[Rule], ...]:
    for module in pkgutil.walk_packages(rules_package.__path__, rules_package.__name__ + "."):
        importlib.import_module(module.name)
    found: dict[str, type[Rule]] = {}
    pending = list(Rule.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.CODE:
            if cls.CODE in found and found[cls.CODE] is not cls:
                raise RuntimeError(f"two rules claim {cls.CODE}: {found[cls.CODE]} and {cls}")
            found[cls.CODE] = cls
    return tuple(found[code] for code in sorted(found))


def rule_by_code() -> dict[str, type[Rule]]:
    return {cls.CODE: cls for cls in all_rules()}
