"""asyncio is imported only where it may not run: the fix adds a real import."""
from typing import TYPE_CHECKING
import time

if TYPE_CHECKING:
    import asyncio as aio

try:
    import asyncio
except ImportError:
    pass


async def view():
    time.sleep(0.01)
    return "done"
