"""The in-process adapter: an httpx transport that answers from an :class:`Emulator`.

This is what ``oneandone-tui --demo`` and the tests use: the real client, real httpx, real
request and response bytes, and no socket. It serves async clients (the emulator work runs in a
worker thread, so a large listing does not stall the event loop) and sync clients.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from .core import Emulator, Response


class EmulatorTransport(httpx.AsyncBaseTransport, httpx.BaseTransport):
    def __init__(self, emulator: Emulator, *, threaded: bool = True):
        self.emulator = emulator
        self.threaded = threaded

    def _call(self, request: httpx.Request, body: bytes) -> Response:
        url = request.url
        query = url.query.decode("ascii") if isinstance(url.query, bytes) else url.query
        return self.emulator.handle(
            request.method, url.raw_path.split(b"?", 1)[0].decode("ascii"), query,
            dict(request.headers), body,
        )

    @staticmethod
    def _to_httpx(request: httpx.Request, resp: Response) -> httpx.Response:
        if resp.drop:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request)
        return httpx.Response(resp.status, headers=resp.headers, content=resp.body,
                              request=request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        if self.threaded:
            resp = await asyncio.to_thread(self._call, request, body)
        else:
            resp = self._call(request, body)
        if resp.delay:
            await asyncio.sleep(resp.delay)
        return self._to_httpx(request, resp)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        resp = self._call(request, body)
        if resp.delay:
            time.sleep(resp.delay)
        return self._to_httpx(request, resp)
