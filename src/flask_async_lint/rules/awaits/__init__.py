"""FAS2xx: coroutines never awaited, and awaits of things that are not awaitable."""
