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

The token reaches the wire as a :class:`~oneandone_tui.secret.Secret` and is revealed only
inside the expression that builds the outgoing headers: no local variable of a frame that can
be on the stack when a request fails holds it (Textual shows crashes with their locals).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, NamedTuple, Protocol
from urllib.parse import quote, urlsplit

from ..secret import Secret

log = logging.getLogger("oneandone_tui.api")


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
    (``"ConnectError: ..."``); ``sent`` is False only when the request certainly never left
    (the connection could not be opened), so that even a create may be tried again."""

    def __init__(self, message: str, *, sent: bool = True) -> None:
        super().__init__(message)
        self.sent = sent


class WireTimeout(TimeoutError):
    """A phase timeout of the wire: ``phase`` is ``connect``, ``read``, ``write`` or ``pool``;
    ``seconds`` its limit; ``sent`` as for :class:`TransportFailure`."""

    def __init__(self, phase: str, seconds: float | None, *, sent: bool) -> None:
        super().__init__(phase)
        self.phase, self.seconds, self.sent = phase, seconds, sent


class Wire(Protocol):
    async def exchange(self, method: str, path: str, params: dict[str, str],
                       content: bytes | None) -> Reply: ...

    def set_token(self, token: Secret | None) -> None: ...

    async def aclose(self) -> None: ...


def encode_json(body: Any) -> bytes:
    """A JSON request body, byte for byte as httpx encodes one."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


class SecretHeaders(dict[str, str]):
    """Request headers whose repr masks the token: a server handed them (an in-process one
    keeps them in its frames' locals) cannot show the token in a traceback either. Both
    ``repr`` and rich's pretty printer (which honours an overridden ``__repr__``) see the
    mask."""

    def __repr__(self) -> str:
        return repr({k: "****" if k.lower() == "x-token" else v for k, v in self.items()})


def _with_token(headers: Mapping[str, str], token: Secret | None) -> SecretHeaders:
    """The headers every request carries, the token among them.

    The token is revealed here, inside an expression, and handed on at once: no frame that
    can be on the stack when a request fails (shown with its locals by Textual's crash screen
    or a crash report) holds it, or a plain dict holding it, in a variable."""
    return SecretHeaders({**headers, **({"X-TOKEN": token.reveal()} if token else {})})


#: httpx's phase timeouts: (the phase's name, whether the request may have reached the API).
_HTTPX_TIMEOUTS = {"ConnectTimeout": ("connect", False), "PoolTimeout": ("pool", False),
                   "ReadTimeout": ("read", True), "WriteTimeout": ("write", True)}
#: httpx errors raised before anything was sent.
_NOT_SENT = frozenset({"ConnectError", "UnsupportedProtocol", "LocalProtocolError"})


class HttpxWire:
    """The network. The token is one of the pool's default headers, set once here, so no
    per-request dict (a local of some frame) ever holds it."""

    def __init__(self, base_url: str, transport: Any, timeouts: Any,
                 headers: dict[str, str], token: Secret | None = None) -> None:
        import httpx

        self._httpx = httpx
        self._timeouts = timeouts
        self._http = httpx.AsyncClient(
            base_url=base_url + "/", transport=transport, headers=_with_token(headers, token),
            timeout=httpx.Timeout(connect=timeouts.connect, read=timeouts.read,
                                  write=timeouts.write, pool=timeouts.pool),
            follow_redirects=False)

    async def exchange(self, method: str, path: str, params: dict[str, str],
                       content: bytes | None) -> Reply:
        # A failure is raised after the ``except`` block, not inside it: the error then has
        # no ``__context__`` leading into httpx's and h11's frames, whose locals hold the
        # request's headers (and so the token).
        failure: Exception | None = None
        try:
            r = await self._http.request(
                method, path.lstrip("/"), params=params or None, content=content,
                headers=None if content is None else {"Content-Type": "application/json"})
            data = r.content
        except self._httpx.TimeoutException as exc:
            phase, sent = _HTTPX_TIMEOUTS.get(type(exc).__name__, ("read", True))
            failure = WireTimeout(phase, getattr(self._timeouts, phase, None), sent=sent)
        except self._httpx.HTTPError as exc:  # transport errors, undecodable content
            failure = TransportFailure(f"{type(exc).__name__}: {exc}",
                                       sent=type(exc).__name__ not in _NOT_SENT)
        except (self._httpx.InvalidURL, self._httpx.StreamError, OSError, RuntimeError) as exc:
            # Outside httpx's HTTPError: a URL it cannot send to, a stream read twice, an
            # OSError from a transport given to the client, httpx's RuntimeError for a closed
            # client or a transport in a bad state. A failed connection to the caller.
            log.debug("the transport failed on %s %s", method, path, exc_info=True)
            failure = TransportFailure(f"the transport failed ({type(exc).__name__}: {exc})")
        if failure is not None:
            raise failure
        return Reply(r.status_code, r.headers, data, r.reason_phrase)

    def set_token(self, token: Secret | None) -> None:
        """A new token for every later request (a token entered after a 401)."""
        self._http.headers.pop("X-TOKEN", None)
        self._http.headers.update(_with_token({}, token))

    async def aclose(self) -> None:
        await self._http.aclose()


class DirectWire:
    """An in-process server. Whatever it raises is a failed connection to the client (a real
    server's crash is a dropped connection or a 500 too), so nothing but an ``ApiError``
    leaves the client, and the server's frames (whose locals hold the request headers) are
    not chained to the error."""

    def __init__(self, base_url: str, server: Any, headers: dict[str, str],
                 token: Secret | None = None) -> None:
        self._server = server
        self._prefix = urlsplit(base_url).path.rstrip("/")
        self._headers = headers
        self._token = token

    def _headers_for(self, content: bytes | None) -> SecretHeaders:
        sent = _with_token(self._headers, self._token)
        if content is not None:
            sent.update({"Content-Type": "application/json",
                         "Content-Length": str(len(content))})
        return sent

    async def exchange(self, method: str, path: str, params: dict[str, str],
                       content: bytes | None) -> Reply:
        target = quote(f"{self._prefix}/{path.lstrip('/')}", safe="/:@!$&'()*+,;=-._~")
        failure: Exception | None = None
        try:
            status, got, data = await self._server.exchange(
                method, target, list(params.items()), self._headers_for(content),
                content or b"")
        except ConnectionRefusedError as exc:
            failure = TransportFailure(f"{type(exc).__name__}: {exc}", sent=False)
        except ConnectionError as exc:
            failure = TransportFailure(f"{type(exc).__name__}: {exc}")
        # Nothing else: the in-process server answers its own bugs (a JSON 500); a bug in this
        # adapter is a bug, raised as itself, not passed off as a dropped connection.
        if failure is not None:
            raise failure
        return Reply(status, Headers(got), data, _reason(status))

    def set_token(self, token: Secret | None) -> None:
        """A new token for every later request (a token entered after a 401)."""
        self._token = token

    async def aclose(self) -> None:
        return None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def make_wire(base_url: str, transport: Any, timeouts: Any, headers: dict[str, str],
              token: Secret | None = None) -> Wire:
    """The direct wire for a server that has ``exchange``; httpx for anything else (the
    network, an httpx transport). ``token`` goes into every request's ``X-TOKEN``."""
    if transport is not None and hasattr(transport, "exchange"):
        return DirectWire(base_url, transport, headers, token)
    return HttpxWire(base_url, transport, timeouts, headers, token)
