"""The async client: the token, timeouts, the retry policy, and the single
:meth:`Client.send` every endpoint goes through, over a wire (``wire.py``: httpx for the
network, or an in-process server handed the same request bytes directly).

httpx is imported when a :class:`Client` that needs it is built, not when this module is: the
TUI's first frame should not wait for a library it does not need yet.

Category facades hang off the client (``client.servers.list()``,
``client.load_balancers.create(...)``); see ``resources/``.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ..http_methods import MUTATING
from ..secret import Secret
from . import errors
from .errors import ApiError, InvalidResponse, NetworkError, ReadOnlyError, Timeout
from .resources import RESOURCES, Resource
from .resources.facades import Facades
from .retry import IDEMPOTENT_METHODS, RetryPolicy
from .wire import TransportFailure, make_wire

__all__ = ["DEFAULT_BASE_URL", "ApiResponse", "Client", "ClientStats", "RequestEvent",
           "Timeouts"]

DEFAULT_BASE_URL = "https://cloudpanel-api.1and1.com/v1"
#: Bodies longer than this are decoded with the cyclic garbage collector paused.
LARGE_BODY = 256 * 1024
log = logging.getLogger("oneandone_tui.api")


@dataclass(frozen=True)
class Timeouts:
    """Seconds per phase (httpx's connect/read/write/pool) and for a whole attempt. ``total``
    is enforced by the client itself, so it holds for any transport, including in-process
    ones that ignore httpx's phase timeouts."""

    connect: float = 10.0
    read: float = 30.0
    write: float = 30.0
    pool: float = 10.0
    total: float = 60.0


@dataclass
class ClientStats:
    """Counters for a status line."""

    requests: int = 0
    errors: int = 0
    retries: int = 0
    rate_limited: int = 0
    #: Seconds the last rate-limit wait lasted (None until the first 429).
    last_rate_limit_wait: float | None = None
    in_flight: int = 0


class RequestEvent(NamedTuple):
    """What the observer hears after every HTTP attempt (never the token, never a body)."""

    method: str
    path: str
    status: int | None
    error: ApiError | None
    duration: float
    attempt: int


@dataclass
class ApiResponse:
    status: int
    headers: Mapping[str, str]
    data: Any


Observer = Callable[[RequestEvent], None]
Sleep = Callable[[float], Awaitable[None]]


def _query(params: Mapping[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (params or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            out[key] = ",".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out


class Client(Facades):
    """The 1&1 Cloud Server API.

    ``transport`` replaces the network: an httpx transport (a test double, the emulator's
    ``transport()``), or an in-process server with ``exchange`` (the emulator's ``direct()``,
    see ``wire.py``);
    ``observer`` is called after every attempt; ``sleep`` is what retries wait with;
    ``read_only`` refuses every mutating call before it is sent.

    The category facades (``client.servers``...) are declared in ``resources/facades.py``.
    """


    def __init__(
        self,
        token: str | Secret | None,
        *,
        base_url: str | None = None,
        transport: Any = None,
        timeout: float | Timeouts | None = None,
        retry: RetryPolicy | None = None,
        max_concurrency: int = 8,
        observer: Observer | None = None,
        read_only: bool = False,
        sleep: Sleep | None = None,
        user_agent: str = "oneandone-tui",
    ) -> None:
        self._token = Secret(token) if token is not None else None
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        if isinstance(timeout, (int, float)):
            timeout = Timeouts(connect=timeout, read=timeout, write=timeout, pool=timeout,
                               total=timeout)
        self.timeouts = timeout or Timeouts()
        self.retry = retry or RetryPolicy()
        self.read_only = read_only
        self.observer = observer
        self.stats = ClientStats()
        self._sleep: Sleep = sleep or asyncio.sleep
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self._wire = make_wire(self.base_url, transport, self.timeouts,
                               {"Accept": "application/json", "User-Agent": user_agent})

    if not TYPE_CHECKING:  # type checkers see the declared facades, so a typo is an error

        def __getattr__(self, name: str) -> Any:
            """Category facades (``client.servers``) are built on first use, so that the
            modules of categories nobody asked for yet are not imported."""
            if name.startswith("_") or name not in RESOURCES:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}")
            facade = RESOURCES[name](self)
            setattr(self, name, facade)
            return facade

    def __repr__(self) -> str:
        token = self._token.masked if self._token else None
        return (f"Client(base_url={self.base_url!r}, token={token!r}, "
                f"read_only={self.read_only})")

    @property
    def token(self) -> Secret | None:
        return self._token

    def resources(self) -> dict[str, Resource]:
        """Every category facade by attribute name (for the UI's catalogue and the tests)."""
        return {name: getattr(self, name) for name in RESOURCES}

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._wire.aclose()

    # -- requests -----------------------------------------------------------------------------
    async def request(self, method: str, path: str, *, query: Mapping[str, Any] | None = None,
                      json: Any = None, idempotent: bool | None = None) -> Any:
        """Send a request and return the decoded JSON body (None when empty)."""
        response = await self.send(method, path, query=query, json=json, idempotent=idempotent)
        return response.data

    async def send(self, method: str, path: str, *, query: Mapping[str, Any] | None = None,
                   json: Any = None, idempotent: bool | None = None) -> ApiResponse:
        """Send with retries. ``path`` is relative to the base URL (``/servers/ABC``);
        ``idempotent`` overrides the method's default for the retry decision."""
        method = method.upper()
        if self.read_only and method in MUTATING:
            raise ReadOnlyError("The client is read-only: nothing was sent.", method=method,
                                path=path)
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        params = _query(query)
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            status: int | None = None
            try:
                status, result = await self._attempt(method, path, params, json)
            except ApiError as exc:
                error: ApiError = exc
            else:
                self._notify(method, path, status, None, started, attempt)
                return result
            self.stats.errors += 1
            self._notify(method, path, getattr(error, "status", None), error, started, attempt)
            delay = self.retry.delay(error, idempotent=idempotent, attempt=attempt)
            if delay is None:
                raise error
            self.stats.retries += 1
            if isinstance(error, errors.RateLimited):
                self.stats.rate_limited += 1
                self.stats.last_rate_limit_wait = delay
            log.warning("%s %s: %s; retrying in %.1f s (attempt %d of %d)", method, path,
                        type(error).__name__, delay, attempt + 1, self.retry.max_attempts)
            await self._sleep(delay)

    async def _attempt(self, method: str, path: str, params: dict[str, str],
                       body: Any) -> tuple[int, ApiResponse]:
        headers = {"X-TOKEN": self._token.reveal()} if self._token else {}
        self.stats.requests += 1
        try:
            async with self._semaphore:
                self.stats.in_flight += 1
                try:
                    reply = await asyncio.wait_for(
                        self._wire.exchange(method, path, params, body, headers),
                        timeout=self.timeouts.total)
                finally:
                    self.stats.in_flight -= 1
        except (TimeoutError, asyncio.TimeoutError) as exc:
            raise Timeout(f"No answer within the timeout ({exc or type(exc).__name__}).",
                          method=method, path=path) from None
        except TransportFailure as exc:
            raise NetworkError(f"Network error: {exc}", method=method, path=path) from exc
        status, content = reply.status, reply.content
        if not 200 <= status < 300:
            raise errors.from_response(
                status, reply.headers, content, method=method, path=path,
                secrets=[self._token.reveal()] if self._token else [], reason=reply.reason)
        return status, ApiResponse(status, reply.headers, self._decode(content, method, path))

    @staticmethod
    def _decode(content: bytes, method: str, path: str) -> Any:
        if not content.strip():
            return None
        # Decoded JSON holds no reference cycles, so the cyclic garbage collector has nothing
        # to find in it; left on, it ran several full passes over everything alive while
        # 10,000 servers (6.5 MB) were decoded, doubling the time the event loop was blocked
        # (~170 ms instead of ~75; benchmarks/: target 3). One young-generation pass right
        # after moves the new objects out of the way at once, not in a later frame.
        pause_gc = len(content) > LARGE_BODY and gc.isenabled()
        if pause_gc:
            gc.disable()
        try:
            return json.loads(content)
        except ValueError:
            raise InvalidResponse("The API answered with a body that is not valid JSON.",
                                  method=method, path=path) from None
        finally:
            if pause_gc:
                gc.enable()
                gc.collect(1)

    def _notify(self, method: str, path: str, status: int | None, error: ApiError | None,
                started: float, attempt: int) -> None:
        duration = time.monotonic() - started
        if error is None:
            log.debug("%s %s -> %s (%.0f ms)", method, path, status, duration * 1000)
        else:
            log.debug("%s %s -> %s (%.0f ms)", method, path, error, duration * 1000)
        if self.observer is None:
            return
        try:
            self.observer(RequestEvent(method, path, status, error, duration, attempt))
        except Exception:  # the journal must never break a request
            log.exception("request observer failed")
