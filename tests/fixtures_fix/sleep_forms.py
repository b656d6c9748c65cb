"""FAS100's fix: time.sleep() in a coroutine becomes await asyncio.sleep()."""
import time
import time as t
from time import sleep

from quart import Quart

app = Quart(__name__)


@app.route("/slow")
async def slow():
    time.sleep(1)  # the comment stays
    t.sleep( 0.5 ,)  # arguments are kept byte for byte
    delay = sleep(2); other = time.sleep(3) or 1
    label = f"slept {time.sleep(0.1)}"
    if not time.sleep(0.2):
        pass
    return label


def sync_view():
    time.sleep(1)  # not event-loop code: no finding, no fix
    return "ok"
