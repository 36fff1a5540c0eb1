"""The in-process adapter without httpx: what ``oneandone-tui --demo`` runs on.

The client's direct wire (``api/wire.py``) hands over the request as it would go on the wire
(method, percent-encoded path, query pairs, headers, JSON bytes) and gets back status, headers
and body bytes; a dropped connection is a ``ConnectionError``. Like the httpx transport
(``transport.py``), a GET without paging (possibly a whole collection: 10,000 servers take
~250 ms to render) runs in a worker thread so that the event loop stays free; everything else
is answered inline.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core import Emulator


class DirectTransport:
    def __init__(self, emulator: Emulator, *, threaded: bool = True) -> None:
        self.emulator = emulator
        self.threaded = threaded

    async def exchange(self, method: str, path: str, query: list[tuple[str, str]],
                       headers: dict[str, str],
                       body: bytes) -> tuple[int, Mapping[str, str], bytes]:
        handle = self.emulator.handle
        if self.threaded and method == "GET" and not any(k == "per_page" for k, _ in query):
            resp = await asyncio.to_thread(handle, method, path, query, headers, body)
        else:
            resp = handle(method, path, query, headers, body)
        if resp.delay:
            await asyncio.sleep(resp.delay)
        if resp.drop:
            raise ConnectionError("Server disconnected without sending a response.")
        return resp.status, resp.headers, resp.body
