from asyncio import get_event_loop as gel
from time import sleep as snooze
import time as t
import asyncio


async def view():
    await asyncio.sleep(1)
    pause = t.sleep
    await asyncio.sleep(2)
    await asyncio.sleep(3)
    loop = asyncio.get_running_loop()
    other = (asyncio.get_running_loop)()
    return loop, other
