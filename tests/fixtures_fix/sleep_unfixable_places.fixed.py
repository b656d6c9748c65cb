import time

from quart import Quart
import asyncio

app = Quart(__name__)


@app.get("/")
async def index():
    waits = list(time.sleep(0.1) for _ in range(3))
    first = [await asyncio.sleep(0.1) for _ in range(2)]
    return str(waits) + str(first)
