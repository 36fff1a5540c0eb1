"""What carries the client's requests: the wire under :meth:`Client.send`.

Two wires, one contract (``exchange`` a request for a :class:`Reply`, raise
:class:`TransportFailure` or ``TimeoutError`` when no answer comes):

- :class:`HttpxWire`, the network: one httpx connection pool. httpx is imported when it is
  built, not when this module is.
- :class:`DirectWire`, an in-process server such as the emulator's
  (``Emulator.direct()``): the same request bytes (URL path, query, headers, a JSON body
  encoded as httpx encodes it), handed over without httpx. The demo's first frame does not
  wait for httpx and the stdlib it brings (~30 ms; benchmarks/, target 1), and each request
  costs a quarter of what it costs through httpx.

A direct server is any object with ``async exchange(method, path, query, headers, body)``
returning ``(status, headers, body)``, raising ``ConnectionError`` for a dropped connection.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, NamedTuple, Protocol
from urllib.parse import quote, urlsplit


class Headers(dict[str, str]):
    """Response headers, looked up case-insensitively (``headers.get("x-total-count")``)."""

    def __init__(self, items: Mapping[str, str] | None = None) -> None:
        super().__init__((k.lower(), v) for k, v in (items or {}).items())

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key.lower() if isinstance(key, str) else key)

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)


class Reply(NamedTuple):
    status: int
    headers: Mapping[str, str]
    content: bytes
    reason: str


class TransportFailure(Exception):
    """No answer: the connection failed or was dropped. ``str()`` names what happened
    (``"ConnectError: ..."``)."""


class Wire(Protocol):
    async def exchange(self, method: str, path: str, params: dict[str, str], body: Any,
                       headers: dict[str, str]) -> Reply: ...

    async def aclose(self) -> None: ...


def encode_json(body: Any) -> bytes:
    """A JSON request body, byte for byte as httpx encodes one."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


class HttpxWire:
    def __init__(self, base_url: str, transport: Any, timeouts: Any,
                 headers: dict[str, str]) -> None:
        import httpx

        self._httpx = httpx
        self._http = httpx.AsyncClient(
            base_url=base_url + "/", transport=transport, headers=headers,
            timeout=httpx.Timeout(connect=timeouts.connect, read=timeouts.read,
                                  write=timeouts.write, pool=timeouts.pool),
            follow_redirects=False)

    async def exchange(self, method: str, path: str, params: dict[str, str], body: Any,
                       headers: dict[str, str]) -> Reply:
        httpx = self._httpx
        try:
            r = await self._http.request(method, path.lstrip("/"), params=params or None,
                                         json=body, headers=headers)
        except httpx.TimeoutException as exc:
            raise TimeoutError(type(exc).__name__) from None
        except httpx.TransportError as exc:
            raise TransportFailure(f"{type(exc).__name__}: {exc}") from exc
        return Reply(r.status_code, r.headers, r.content, r.reason_phrase)

    async def aclose(self) -> None:
        await self._http.aclose()


class DirectWire:
    def __init__(self, base_url: str, server: Any, headers: dict[str, str]) -> None:
        self._server = server
        self._prefix = urlsplit(base_url).path.rstrip("/")
        self._headers = headers

    async def exchange(self, method: str, path: str, params: dict[str, str], body: Any,
                       headers: dict[str, str]) -> Reply:
        content = b"" if body is None else encode_json(body)
        sent = {**self._headers, **headers}
        if body is not None:
            sent["Content-Type"] = "application/json"
            sent["Content-Length"] = str(len(content))
        target = quote(f"{self._prefix}/{path.lstrip('/')}", safe="/:@!$&'()*+,;=-._~")
        try:
            status, got, data = await self._server.exchange(
                method, target, list(params.items()), sent, content)
        except ConnectionError as exc:
            raise TransportFailure(f"{type(exc).__name__}: {exc}") from exc
        return Reply(status, Headers(got), data, _reason(status))

    async def aclose(self) -> None:
        return None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def make_wire(base_url: str, transport: Any, timeouts: Any, headers: dict[str, str]) -> Wire:
    """The direct wire for a server that has ``exchange``; httpx for anything else (the
    network, an httpx transport)."""
    if transport is not None and hasattr(transport, "exchange"):
        return DirectWire(base_url, transport, headers)
    return HttpxWire(base_url, transport, timeouts, headers)
