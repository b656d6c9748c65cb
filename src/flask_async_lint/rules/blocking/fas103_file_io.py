"""FAS103: blocking file I/O on the event loop.

``open()``, ``io.open``, ``pathlib.Path`` reads, writes, ``open``, ``glob``, ``rglob`` and
``iterdir``, ``os.walk/scandir/listdir``, ``shutil`` copies, moves and archives,
``zipfile.ZipFile``, ``tarfile.open``. Quick metadata calls (``os.path.exists``,
``os.remove``) are not reported. Use ``aiofiles``, ``anyio.Path`` or ``asyncio.to_thread``.
"""
from .base import BlockingCallRule


class BlockingFileIo(BlockingCallRule):
    CODE = "FAS103"
    NAME = "blocking-file-io"
    SUMMARY = "blocking file I/O in event-loop code"
