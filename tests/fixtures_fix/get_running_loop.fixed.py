import asyncio
import asyncio as aio
from asyncio import get_event_loop

from quart import Quart

app = Quart(__name__)


@app.get("/loops")
async def loops():
    one = asyncio.get_running_loop()
    two = aio.get_running_loop()
    three = asyncio.get_running_loop()
    return str((one, two, three))
