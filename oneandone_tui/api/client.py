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
from .errors import (
    ApiError,
    InvalidResponse,
    NetworkError,
    OutcomeUnknown,
    ReadOnlyError,
    Timeout,
    UnexpectedResponse,
    ValidationError,
)
from .resources import RESOURCES, Resource
from .resources.facades import Facades
from .retry import IDEMPOTENT_METHODS, RetryPolicy
from .shapes import OBJECT, mismatch
from .wire import Headers, TransportFailure, WireTimeout, encode_json, make_wire

__all__ = ["DEFAULT_BASE_URL", "ApiResponse", "Client", "ClientStats", "RequestEvent",
           "Timeouts"]

DEFAULT_BASE_URL = "https://cloudpanel-api.1and1.com/v1"
#: Bodies longer than this are decoded with the cyclic garbage collector paused.
LARGE_BODY = 256 * 1024
#: A resource in one of these states is being deleted: a DELETE that finds it so is done.
REMOVING_STATES = frozenset({"REMOVING", "DELETING", "REMOVED", "DELETED"})
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
    #: Set when this is not the call's own answer: the answer was lost and the client found
    #: the outcome by looking (``"gone"``, ``"removing"``; see :meth:`Client.send`).
    settled: str | None = None


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


def _encode(body: Any, method: str, path: str) -> bytes | None:
    """The JSON request body, encoded once for every attempt; text that cannot travel (a lone
    surrogate pasted into a name, a NaN) is refused before anything is sent."""
    if body is None:
        return None
    try:
        return encode_json(body)
    except UnicodeEncodeError:
        rule = "holds a character that cannot be sent (a lone surrogate); nothing was sent"
    except ValueError:
        rule = "holds a number JSON cannot carry (NaN or infinity); nothing was sent"
    error = ValidationError("body", rule)
    error.method, error.path = method, path
    raise error


#: Statuses a gateway (a proxy or load balancer in front of the API) answers with for the
#: API behind it: 502, the API's answer was unusable; 504, none came in time (RFC 9110
#: §15.6.3, §15.6.5). The request reached the API either way, which may have carried it out:
#: for a change, its answer is lost. 500 and 503 are the API's own refusal and stay errors.
GATEWAY_STATUSES = frozenset({502, 504})


def _lost(error: ApiError) -> bool:
    """Whether ``error`` means a sent request's answer is lost: the API may have acted."""
    if isinstance(error, NetworkError):
        return error.sent
    if isinstance(error, errors.ServerError):
        return error.status in GATEWAY_STATUSES
    return isinstance(error, UnexpectedResponse)


def _unknown(lost: ApiError, last: ApiError, method: str, path: str) -> OutcomeUnknown:
    """The error for a change whose answer was lost and that no retry settled."""
    if last is lost:
        detail = ""
    elif _lost(last):
        detail = "Every retry lost its answer too."
    elif isinstance(last, errors.ResponseError):
        detail = f"A retry was answered {last.status}: {last.message.rstrip('.')}."
    else:
        detail = f"A retry failed: {last.message.rstrip('.')}."
    return OutcomeUnknown(lost, method=method, path=path,
                          status=getattr(lost, "status", None), detail=detail)


def _timeout_message(phase: str, seconds: float | None, sent: bool) -> str:
    limit = f"{seconds:g} s" if isinstance(seconds, (int, float)) else "its limit"
    if phase == "connect":
        return f"Could not connect within the connect timeout ({limit}); nothing was sent."
    if phase == "pool":
        return f"No free connection within the pool timeout ({limit}); nothing was sent."
    return f"No answer within the {phase} timeout ({limit})."


def _state(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    status = item.get("status")
    state = status.get("state") if isinstance(status, dict) else item.get("state")
    return state if isinstance(state, str) else None


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
                               {"Accept": "application/json", "User-Agent": user_agent},
                               self._token)

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

    def set_token(self, token: str | Secret | None) -> None:
        """Send ``token`` from now on (a new token entered after the API refused the old
        one); the client stays open, its connections and counters kept."""
        self._token = token if isinstance(token, Secret) or token is None else Secret(token)
        self._wire.set_token(self._token)

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
                      json: Any = None, idempotent: bool | None = None,
                      expect: str | None = None) -> Any:
        """Send a request and return the decoded JSON body (None when empty)."""
        response = await self.send(method, path, query=query, json=json, idempotent=idempotent,
                                   expect=expect)
        return response.data

    async def send(self, method: str, path: str, *, query: Mapping[str, Any] | None = None,
                   json: Any = None, idempotent: bool | None = None,
                   expect: str | None = None) -> ApiResponse:
        """Send with retries. ``path`` is relative to the base URL (``/servers/ABC``);
        ``idempotent`` overrides the method's default for the retry decision; ``expect`` is
        the shape of a success's body (``shapes.py``; None: anything).

        A change whose answer is lost (timeout, dropped connection, unreadable body) is never
        sent again blindly: a non-idempotent one raises :class:`OutcomeUnknown` at once, an
        idempotent one is retried and raises it if no retry gets a clear answer. A DELETE
        whose retry finds the resource gone (404) or being removed counts as done: the
        response then has ``settled`` set and its data is what was found (None when gone).
        """
        method = method.upper()
        if self.read_only and method in MUTATING:
            raise ReadOnlyError("The client is read-only: nothing was sent.", method=method,
                                path=path)
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        params = _query(query)
        content = _encode(json, method, path)
        lost: ApiError | None = None  # the first lost answer to this change
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            try:
                status, result = await self._attempt(method, path, params, content, expect)
            except ApiError as exc:
                error: ApiError = exc
            else:
                self._notify(method, path, status, None, started, attempt)
                return result
            self.stats.errors += 1
            self._notify(method, path, getattr(error, "status", None), error, started, attempt)
            if lost is not None and method == "DELETE":
                settled = await self._settled_delete(path, error)
                if settled is not None:
                    log.info("DELETE %s: the answer was lost; a retry found it %s", path,
                             settled.settled)
                    return settled
            if lost is None and method in MUTATING and _lost(error):
                lost = error
            delay = self.retry.delay(error, idempotent=idempotent, attempt=attempt)
            if delay is None:
                if lost is not None:
                    raise _unknown(lost, error, method, path)
                raise error
            self.stats.retries += 1
            if isinstance(error, errors.RateLimited):
                self.stats.rate_limited += 1
                self.stats.last_rate_limit_wait = delay
            log.warning("%s %s: %s; retrying in %.1f s (attempt %d of %d)", method, path,
                        type(error).__name__, delay, attempt + 1, self.retry.max_attempts)
            await self._sleep(delay)

    async def _settled_delete(self, path: str, error: ApiError) -> ApiResponse | None:
        """After a DELETE's answer was lost, a retry's refusal may just say the first one
        worked: 404 means gone; a 409 on a resource (``/servers/ID``) is read back, and a
        resource being removed (or gone by now) counts as deleted too, one that is not makes
        the refusal the answer (raised)."""
        if isinstance(error, errors.NotFound):
            return ApiResponse(error.status, Headers(), None, settled="gone")
        if not isinstance(error, errors.Conflict) or path.strip("/").count("/") != 1:
            return None
        try:
            probe = await self.send("GET", path, expect=OBJECT)
        except errors.NotFound:
            return ApiResponse(404, Headers(), None, settled="gone")
        except ApiError:
            return None
        if _state(probe.data) in REMOVING_STATES:
            return ApiResponse(probe.status, probe.headers, probe.data, settled="removing")
        # There, and not being removed: the first DELETE did not happen either; the API's
        # refusal is the answer.
        raise error

    async def _attempt(self, method: str, path: str, params: dict[str, str],
                       content: bytes | None, expect: str | None) -> tuple[int, ApiResponse]:
        # No local here holds the token (nor a dict holding it): the wire adds it to the
        # outgoing headers itself. Failures are raised after the ``except`` blocks, so they
        # carry no ``__context__`` leading into the wire's (or the server's) frames.
        self.stats.requests += 1
        failure: ApiError | None = None
        try:
            async with self._semaphore:
                self.stats.in_flight += 1
                try:
                    reply = await asyncio.wait_for(
                        self._wire.exchange(method, path, params, content),
                        timeout=self.timeouts.total)
                finally:
                    self.stats.in_flight -= 1
        except WireTimeout as exc:
            failure = Timeout(_timeout_message(exc.phase, exc.seconds, exc.sent),
                              method=method, path=path, sent=exc.sent)
        except (TimeoutError, asyncio.TimeoutError):
            failure = Timeout(f"No answer within the timeout ({self.timeouts.total:g} s for "
                              f"the whole request).", method=method, path=path)
        except TransportFailure as exc:
            failure = NetworkError(f"Network error: {exc}", method=method, path=path,
                                   sent=exc.sent)
        if failure is not None:
            raise failure
        status, content_in = reply.status, reply.content
        if not 200 <= status < 300:
            raise errors.from_response(
                status, reply.headers, content_in, method=method, path=path,
                secrets=[self._token] if self._token else [], reason=reply.reason)
        data = self._decode(content_in, method, path, status)
        # A change may answer with nothing (202, no body); a read never may.
        got = None if data is None and method in MUTATING else mismatch(data, expect)
        if got is not None:
            raise UnexpectedResponse(expect or "", got, method=method, path=path,
                                     status=status)
        return status, ApiResponse(status, reply.headers, data)

    @staticmethod
    def _decode(content: bytes, method: str, path: str, status: int) -> Any:
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
        failure: ApiError | None = None
        try:
            return json.loads(content)
        except ValueError:
            failure = InvalidResponse("The API answered with a body that is not valid JSON.",
                                      method=method, path=path, status=status)
        except RecursionError:
            failure = UnexpectedResponse("JSON a few levels deep", "JSON nested too deeply "
                                         "to read", method=method, path=path, status=status)
        finally:
            if pause_gc:
                gc.enable()
                gc.collect(1)
        raise failure

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
        except Exception:  # the caller's code (a library boundary): logged, never breaks a request
            log.exception("request observer failed")
