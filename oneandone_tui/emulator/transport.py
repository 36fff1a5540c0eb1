"""The in-process adapter: an httpx transport that answers from an :class:`Emulator`.

This is what ``oneandone-tui --demo`` and the tests use: the real client, real httpx, real
request and response bytes, and no socket. It serves async clients and sync clients. For async
clients, a GET without paging (possibly a whole collection: 10,000 servers take ~250 ms to
render) runs in a worker thread so the event loop stays free; everything else (a page, one
item, a change) is answered inline: the thread hop put the TUI's first page behind the app's
start-up work, ~80 ms before its first frame (benchmarks/: target 1).
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
        if self.threaded and _maybe_large(request):
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


def _maybe_large(request: httpx.Request) -> bool:
    query = request.url.query
    return request.method == "GET" and "per_page=" not in (
        query.decode("ascii") if isinstance(query, bytes) else query)
