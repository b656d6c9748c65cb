"""The lookup tables the resolver and the blocking/CPU rules read, merged once at import.

Each family keeps its own data module (blocking_calls.py, cpu_heavy_calls.py); this is the
one place that puts them together.
"""
from __future__ import annotations

from . import blocking_calls, cpu_heavy_calls

CALLS: dict[str, str] = {**blocking_calls.BLOCKING_CALLS, **cpu_heavy_calls.CPU_HEAVY_CALLS}
CONSTRUCTORS = {**blocking_calls.OBJECT_CONSTRUCTORS, **cpu_heavy_calls.OBJECT_CONSTRUCTORS}
OBJECT_KINDS = {**blocking_calls.OBJECT_KINDS, **cpu_heavy_calls.OBJECT_KINDS}
DERIVED_OBJECTS = {**blocking_calls.DERIVED_OBJECTS, **cpu_heavy_calls.DERIVED_OBJECTS}
PREFIX_METHODS = cpu_heavy_calls.PREFIX_METHODS


def call_code(qualname: str) -> str | None:
    """The code of a plain call of ``qualname`` (not of a constructor)."""
    code = CALLS.get(qualname)
    if code is None:
        owner, _, method = qualname.rpartition(".")
        parent = owner.rpartition(".")[0]
        if method in PREFIX_METHODS.get(parent, ()):
            code = cpu_heavy_calls.FAS401
    return code
