"""The in-process adapter for httpx: an httpx transport that answers from an :class:`Emulator`.

What any httpx client (and the integration tests) can run on: the real client, real httpx, real
request and response bytes, and no socket. It serves async clients and sync clients; async ones
are answered as by the direct adapter (``direct.answer``: a GET without paging in a worker
thread, everything else inline). The demo runs on ``direct.py``, without httpx.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

import httpx

from .direct import answer
from .masked import MaskedHeaders

if TYPE_CHECKING:
    from .core import Emulator, Response


class EmulatorTransport(httpx.AsyncBaseTransport, httpx.BaseTransport):
    def __init__(self, emulator: Emulator, *, threaded: bool = True,
                 sleep: Callable[[float], object] = time.sleep,
                 async_sleep: Callable[[float], Awaitable[object]] = asyncio.sleep):
        """``sleep``/``async_sleep`` wait out injected latency (tests pass their own)."""
        self.emulator = emulator
        self.threaded = threaded
        self.sleep = sleep
        self.async_sleep = async_sleep

    @staticmethod
    def _parts(request: httpx.Request) -> tuple[str, list[tuple[str, str]], MaskedHeaders]:
        """Path, query pairs and headers, as the emulator takes them (the headers masked:
        this frame's caller holds them while the request is served, ``masked.py``)."""
        url = request.url
        query = url.query.decode("ascii") if isinstance(url.query, bytes) else url.query
        return (url.raw_path.split(b"?", 1)[0].decode("ascii"),
                parse_qsl(query, keep_blank_values=True), MaskedHeaders(request.headers.items()))

    @staticmethod
    def _to_httpx(request: httpx.Request, resp: Response) -> httpx.Response:
        if resp.drop:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request)
        return httpx.Response(resp.status, headers=resp.headers, content=resp.body,
                              request=request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        path, query, headers = self._parts(request)
        resp = await answer(self.emulator, request.method, path, query, headers, body,
                            threaded=self.threaded, sleep=self.async_sleep)
        return self._to_httpx(request, resp)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        path, query, headers = self._parts(request)
        resp = self.emulator.handle(request.method, path, query, headers, body)
        if resp.delay:
            self.sleep(resp.delay)
        return self._to_httpx(request, resp)

