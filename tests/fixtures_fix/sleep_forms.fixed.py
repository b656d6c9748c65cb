"""FAS100's fix: time.sleep() in a coroutine becomes await asyncio.sleep()."""
import time
import time as t
from time import sleep

from quart import Quart
import asyncio

app = Quart(__name__)


@app.route("/slow")
async def slow():
    await asyncio.sleep(1)  # the comment stays
    await asyncio.sleep( 0.5 ,)  # arguments are kept byte for byte
    delay = await asyncio.sleep(2); other = await asyncio.sleep(3) or 1
    label = f"slept {await asyncio.sleep(0.1)}"
    if not await asyncio.sleep(0.2):
        pass
    return label


def sync_view():
    time.sleep(1)  # not event-loop code: no finding, no fix
    return "ok"
