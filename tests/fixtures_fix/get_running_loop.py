import asyncio
import asyncio as aio
from asyncio import get_event_loop

from quart import Quart

app = Quart(__name__)


@app.get("/loops")
async def loops():
    one = asyncio.get_event_loop()
    two = aio.get_event_loop()
    three = get_event_loop()
    return str((one, two, three))
