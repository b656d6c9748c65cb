import asyncio as aio
import time

from quart import Quart

app = Quart(__name__)


@app.get("/")
async def index():
    await aio.sleep(1)
    await aio.sleep(0)
    return "ok"
