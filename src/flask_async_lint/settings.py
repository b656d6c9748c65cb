"""The one list of options (RULES.md "Options"), shared by the flake8 plugin and the CLI."""
from __future__ import annotations

from dataclasses import dataclass

FRAMEWORK_CHOICES = ("auto", "flask", "quart")
DEFAULT_CPU_LOOP_THRESHOLD = 100_000


@dataclass(frozen=True)
class Settings:
    framework: str = "auto"
    extend_blocking_calls: tuple[tuple[str, str], ...] = ()  # (qualified name, code)
    extend_view_decorators: tuple[str, ...] = ()
    cpu_loop_threshold: int = DEFAULT_CPU_LOOP_THRESHOLD
    extend_cpu_heavy_calls: tuple[str, ...] = ()
    extend_coroutine_functions: tuple[str, ...] = ()


DEFAULT_SETTINGS = Settings()
