from asyncio import get_event_loop as gel
from time import sleep as snooze
import time as t


async def view():
    snooze(1)
    pause = t.sleep
    pause(2)
    (t.sleep)(3)
    loop = gel()
    other = (gel)()
    return loop, other
