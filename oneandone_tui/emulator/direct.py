"""The in-process adapter without httpx: what ``oneandone-tui --demo`` runs on.

The client's direct wire (``api/wire.py``) hands over the request as it would go on the wire
(method, percent-encoded path, query pairs, headers, JSON bytes) and gets back status, headers
and body bytes; a dropped connection is a ``ConnectionError``. ``answer`` serves this adapter
and the httpx one (``transport.py``): a GET without paging (possibly a whole collection: 10,000
servers take ~250 ms to render) runs in a worker thread so that the event loop stays free;
everything else (a page, one item, a change) is answered inline: a thread hop put the TUI's
first page behind the app's start-up work (benchmarks/: target 1).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

from .masked import MaskedHeaders

if TYPE_CHECKING:
    from .core import Emulator, Response


async def answer(emulator: Emulator, method: str, path: str, query: list[tuple[str, str]],
                 headers: dict[str, str], body: bytes, *, threaded: bool = True,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> Response:
    """The emulator's answer for an async adapter (this one and ``transport.py``): a GET
    without paging in a worker thread, anything else inline, then the injected latency,
    awaited outside the store's lock so that concurrent requests wait concurrently (``sleep``:
    tests pass their own)."""
    headers = MaskedHeaders(headers)  # whatever the caller handed: masked in this frame
    if threaded and method == "GET" and not any(k == "per_page" for k, _ in query):
        resp = await asyncio.to_thread(emulator.handle, method, path, query, headers, body)
    else:
        resp = emulator.handle(method, path, query, headers, body)
    if resp.delay:
        await sleep(resp.delay)
    return resp


class DirectTransport:
    def __init__(self, emulator: Emulator, *, threaded: bool = True,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.emulator = emulator
        self.threaded = threaded
        self.sleep = sleep

    async def exchange(self, method: str, path: str, query: list[tuple[str, str]],
                       headers: dict[str, str],
                       body: bytes) -> tuple[int, Mapping[str, str], bytes]:
        headers = MaskedHeaders(headers)  # the caller's dict is not kept in this frame
        resp = await answer(self.emulator, method, path, query, headers, body,
                            threaded=self.threaded, sleep=self.sleep)
        if resp.drop:
            raise ConnectionError("Server disconnected without sending a response.")
        return resp.status, resp.headers, resp.body
