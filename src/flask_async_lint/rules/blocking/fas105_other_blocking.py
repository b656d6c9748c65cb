"""FAS105: other blocking I/O and waits on the event loop.

``smtplib.SMTP``, Flask-Mail's ``mail.send``, ``socket.create_connection`` and DNS lookups,
``ftplib.FTP``, ``input()``, waiting for a Celery result (``.get()``/``.wait()``),
``threading.Event().wait()``, acquiring a ``threading`` lock (``with lock:`` too) and
``queue.Queue`` ``get``/``put``, unless told not to block. Use the asyncio equivalents
(``aiosmtplib``, ``asyncio.open_connection``, ``loop.getaddrinfo``, ``asyncio.Lock``,
``asyncio.Queue``) or poll a result from a separate endpoint.
"""
from .base import BlockingCallRule


class OtherBlocking(BlockingCallRule):
    CODE = "FAS105"
    NAME = "blocking-wait"
    SUMMARY = "other blocking I/O or wait in event-loop code"
