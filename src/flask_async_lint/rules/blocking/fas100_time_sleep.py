"""FAS100: ``time.sleep()`` on the event loop.

``time.sleep`` holds the thread, and with it the event loop the coroutine runs on: in
Quart every request of the worker waits; in a Flask async view the request's own
coroutines and tasks wait and the worker thread stays busy. ``await asyncio.sleep()``
gives the loop back.
"""
from ...blocking import BlockingCall
from .base import BlockingCallRule


class TimeSleep(BlockingCallRule):
    CODE = "FAS100"
    NAME = "blocking-sleep"
    SUMMARY = "time.sleep() in event-loop code"
    FIXABLE = True

    def fix_kind(self, effect: BlockingCall) -> str | None:
        # ``time.sleep(x)`` -> ``await asyncio.sleep(x)``: only a plain call of the function
        # itself (not a method of some object) is rewritten.
        return "sleep_to_asyncio_sleep" if effect.qualname == "time.sleep" else None
