"""FAS101: a synchronous HTTP call on the event loop.

``requests`` (its verbs, ``request``, sessions and calls on them), ``httpx.get/post/...``
and ``httpx.Client``, ``urllib.request.urlopen``, ``urllib3`` requests and
``http.client.HTTP(S)Connection`` wait for the network with the loop held. Use
``httpx.AsyncClient`` or ``aiohttp``.
"""
from .base import BlockingCallRule


class SyncHttp(BlockingCallRule):
    CODE = "FAS101"
    NAME = "blocking-http-call"
    SUMMARY = "synchronous HTTP client call in event-loop code"
