"""asyncio is imported only where it may not run: the fix adds a real import."""
from typing import TYPE_CHECKING
import time
import asyncio

if TYPE_CHECKING:
    import asyncio as aio

try:
    import asyncio
except ImportError:
    pass


async def view():
    await asyncio.sleep(0.01)
    return "done"
