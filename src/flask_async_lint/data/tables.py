"""The lookup tables the resolver and the blocking/CPU rules read, merged once at import.

Each family keeps its own data module (blocking_calls.py, cpu_heavy_calls.py); this is the
one place that puts them together.
"""
from __future__ import annotations

from . import blocking_calls, cpu_heavy_calls
from .blocking_calls import Constructor


class ConstructorTable(dict):
    """Constructors by qualified name; a name the table does not hold may still match a
    ``(package, method)`` pattern: ``passlib.hash.<any scheme>.using``. ``get`` is the one
    lookup the resolver makes, so the patterns apply wherever a constructor is asked for."""

    def __init__(self, exact: dict[str, Constructor],
                 patterns: dict[tuple[str, str], Constructor]) -> None:
        super().__init__(exact)
        self.patterns = patterns

    def get(self, qualname: str, default: Constructor | None = None) -> Constructor | None:  # type: ignore[override]
        found = super().get(qualname)
        if found is None:
            owner, _, method = qualname.rpartition(".")
            found = self.patterns.get((owner.rpartition(".")[0], method))
        return default if found is None else found


CALLS: dict[str, str] = {**blocking_calls.BLOCKING_CALLS, **cpu_heavy_calls.CPU_HEAVY_CALLS}
CONSTRUCTORS = ConstructorTable(
    {**blocking_calls.OBJECT_CONSTRUCTORS, **cpu_heavy_calls.OBJECT_CONSTRUCTORS},
    cpu_heavy_calls.PREFIX_CONSTRUCTORS,
)
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
