"""FAS104: a process started or waited for on the event loop.

``subprocess.run/call/check_call/check_output/Popen``, ``os.system``, ``os.popen``,
``os.spawn*`` and ``os.wait*`` hold the loop until the child is done. Use
``asyncio.create_subprocess_exec`` or ``asyncio.create_subprocess_shell``.
"""
from .base import BlockingCallRule


class BlockingSubprocess(BlockingCallRule):
    CODE = "FAS104"
    NAME = "blocking-subprocess"
    SUMMARY = "synchronous subprocess call in event-loop code"
