"""``/ping`` (is the API up? no token needed) and ``/ping_auth`` (is the token valid?)."""

from __future__ import annotations

from typing import Any

from ..routes import Request, route


@route("GET", "/ping", auth=False)
def ping(req: Request) -> Any:
    return ["PONG"]


@route("GET", "/ping_auth")
def ping_auth(req: Request) -> Any:
    return ["PONG"]
