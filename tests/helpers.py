"""Test helpers: a thin caller for the emulator's core (no HTTP client, no sockets)."""

from __future__ import annotations

import json
from typing import Any

from oneandone_tui.emulator.core import Emulator, Response


class Api:
    """``api.get("/servers", q="web")`` -> the emulator's :class:`Response` (``.status``,
    ``.json()``, ``.headers``). Paths are relative to ``/v1``."""

    def __init__(self, emu: Emulator, token: str | None = None):
        self.emu = emu
        self.token = emu.token if token is None else token

    def call(self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None,
             raw: bytes | None = None, token: str | None = None) -> Response:
        headers = {"X-TOKEN": self.token if token is None else token}
        data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        if body is not None:
            headers["Content-Type"] = "application/json"
        pairs = [(k, str(v)) for k, v in (query or {}).items()]
        return self.emu.handle(method, "/v1" + path, pairs, headers, data)

    def get(self, path: str, **query: Any) -> Response:
        return self.call("GET", path, query=query)

    def post(self, path: str, body: Any = None, **query: Any) -> Response:
        return self.call("POST", path, body, query)

    def put(self, path: str, body: Any = None, **query: Any) -> Response:
        return self.call("PUT", path, body, query)

    def delete(self, path: str, body: Any = None, **query: Any) -> Response:
        return self.call("DELETE", path, body, query)

    # -- conveniences -------------------------------------------------------------------------
    def ok(self, resp: Response, status: int | tuple[int, ...] = (200, 201, 202)) -> Any:
        """Assert success and return the JSON body."""
        expected = (status,) if isinstance(status, int) else status
        assert resp.status in expected, f"{resp.status}: {resp.body!r}"
        return resp.json()

    def find(self, collection: str, name: str) -> dict[str, Any]:
        """The first item of ``GET /<collection>`` whose name (or ip) is ``name``."""
        items = self.ok(self.get(f"/{collection}"))
        for item in items:
            if item.get("name") == name or item.get("ip") == name:
                return item
        raise AssertionError(f"no {collection} named {name!r}")


def error(resp: Response, status: int, *fragments: str) -> dict[str, Any]:
    """Assert an error response with a ``{type, message}`` body mentioning every fragment."""
    assert resp.status == status, f"expected {status}, got {resp.status}: {resp.body!r}"
    body = resp.json()
    assert set(body) == {"type", "message"}, body
    for fragment in fragments:
        assert fragment in body["message"], f"{fragment!r} not in {body['message']!r}"
    return body
