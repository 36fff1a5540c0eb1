"""The emulator's core: one object that answers API requests, shared by both adapters.

``Emulator.handle()`` takes a method, a path, query pairs, headers and a body and returns a
:class:`Response`; it never touches a socket. ``direct.py`` (for the client's direct wire: the
demo's), ``transport.py`` (an httpx transport, for any httpx client) and ``http.py`` (a
loopback HTTP server) wrap it.

Per request: control routes (``/_emulator/...``) first; then the route is matched (so stats can
count it by template), faults are drawn, the token is checked, pending transitions are advanced
to the clock, and the handler runs under the store's lock.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, unquote

from ..http_methods import MUTATING
from . import jsonbody, listing
from .clock import Clock, ScaledClock
from .errors import ApiError, BadRequest, NotFound, TooManyRequests, Unauthorized
from .faults import Faults, FaultSettings
from .masked import TOKEN_HEADER, MaskedHeaders, MaskedStr
from .routes import Reply, Request, router
from .store import Store

API_PREFIX = "/v1"
CONTROL_PREFIX = "/_emulator"
DEFAULT_TOKEN = "demo-token"
#: The most ``POST /_emulator/clock/advance`` moves the clock in one step: ten years.
MAX_ADVANCE = 10 * 366 * 24 * 3600
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Unexpected failures (answered 500) are logged here. Silent unless a handler is configured:
#: in the TUI's demo a traceback on stderr would land on the screen; ``oneandone-tui
#: emulator`` prints them.
_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds the adapter waits before answering (injected latency; never under the lock).
    delay: float = 0.0
    #: Close the connection without an answer (injected fault).
    drop: bool = False

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def _encode(body: Any) -> bytes:
    """UTF-8 JSON. Bodies are checked when parsed (``jsonbody``), so no stored text holds a lone
    surrogate; one that arrives another way (an in-process caller's path or query, echoed in
    an error message) is sent as U+FFFD rather than failing the answer."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    h = {"Content-Type": "application/json"}
    if headers:
        h.update(headers)
    return Response(status, _encode(body), h)


class Stats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.requests: Counter[str] = Counter()
            self.statuses: Counter[str] = Counter()
            self.faults: Counter[str] = Counter()
            self.total = 0

    def count(self, key: str) -> None:
        with self._lock:
            self.requests[key] += 1
            self.total += 1

    def answered(self, status: int) -> None:
        with self._lock:
            self.statuses[str(status)] += 1

    def faulted(self, kind: str) -> None:
        with self._lock:
            self.faults[kind] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            mutating = sum(n for k, n in self.requests.items() if k.split(" ", 1)[0] in MUTATING)
            return {
                "requests": dict(sorted(self.requests.items())),
                "total": self.total,
                "mutating": mutating,
                "statuses": dict(sorted(self.statuses.items())),
                "faults": dict(sorted(self.faults.items())),
            }


class Emulator:
    """A stateful 1&1 Cloud Server API.

    ``servers`` adds that many extra servers to the demo account (scale tests); ``clock``
    defaults to a :class:`ScaledClock` with ``time_scale``; ``token`` is the API key of the
    account's main user.
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        servers: int = 0,
        token: str = DEFAULT_TOKEN,
        clock: Clock | None = None,
        time_scale: float = 10.0,
        faults: FaultSettings | None = None,
    ):
        from .seed import build_account

        self.seed = seed
        self.token = MaskedStr(token)  # also the owner's key in the store: masked in reprs
        self.clock = clock or ScaledClock(time_scale)
        self.store = Store(self.clock, seed)
        self.faults = Faults(faults, seed)
        self.stats = Stats()
        self.router = router()
        with self.store.lock:
            build_account(self.store, token=self.token, extra_servers=servers)

    # -- conveniences for tests and demos --------------------------------------------------------
    def advance(self, seconds: float) -> None:
        """Move the clock forward and apply what that time does."""
        if not (math.isfinite(seconds) and seconds >= 0):
            raise ValueError(f"cannot advance the clock by {seconds!r} seconds")
        with self.store.lock:
            self.clock.advance(seconds)
            self.store.advance()

    def settle(self) -> None:
        """Finish every pending transition now (jumps a manual clock past the longest one)."""
        with self.store.lock:
            self.store.advance()
            while len(self.store.transitions):
                end = self.store.transitions.latest_end()
                self.clock.advance(max(0.0, end - self.clock.now()) + 0.001)
                self.store.advance()

    def transport(self) -> Any:
        """An httpx transport (sync and async) that serves requests from this emulator."""
        from .transport import EmulatorTransport

        return EmulatorTransport(self)

    def direct(self) -> Any:
        """An in-process server for the client's direct wire (no httpx): the demo's."""
        from .direct import DirectTransport

        return DirectTransport(self)

    # -- the request pipeline -------------------------------------------------------------------
    def handle(
        self,
        method: str,
        path: str,
        query: list[tuple[str, str]] | str | None = None,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
    ) -> Response:
        """The answer to one request: always a :class:`Response` with a JSON body (or an
        injected drop), whatever the method, path, headers and body hold."""
        # The caller's dict is no longer referenced from here down: every frame that can be
        # on the stack when a request fails holds the token only masked (masked.py).
        headers = MaskedHeaders(headers or {}, lower=True)
        try:
            return self._handle(method, path, query, headers, body)
        except Exception as exc:  # last line: any bug becomes a JSON 500, logged, never silence
            _log.exception("emulator: unexpected error on %s %s", method, path.split("?")[0])
            return self._error(ApiError(
                f"The emulator failed on this request ({type(exc).__name__}).", status=500))

    def _handle(
        self,
        method: str,
        path: str,
        query: list[tuple[str, str]] | str | None,
        headers: dict[str, str] | None,
        body: bytes,
    ) -> Response:
        method = method.upper()
        if "?" in path and query is None:
            path, query = path.split("?", 1)
        if isinstance(query, str):
            query = parse_qsl(query, keep_blank_values=True)
        query = query or []
        lower_headers = MaskedHeaders(headers or {}, lower=True)
        try:
            if len(body) > jsonbody.MAX_BODY_BYTES:
                raise jsonbody.too_large(len(body))
            if path.startswith(CONTROL_PREFIX):
                return self._control(method, path[len(CONTROL_PREFIX):], body)
            if not path.startswith(API_PREFIX + "/"):
                raise NotFound(f"No such endpoint: {method} {path} (the API lives under /v1).")
            # Split, then decode: an id holding %2F stays one segment (a 404 for that id).
            segments = [unquote(s) for s in path[len(API_PREFIX):].split("/") if s]
            sub = "/" + "/".join(segments)
            try:
                r, params = self.router.match(method, segments)
            except ApiError:
                self.stats.count(f"{method} {path}")
                raise
            self.stats.count(f"{method} {API_PREFIX}{r.template}")
            fault = self.faults.pick(method, sub)
            delay = self.faults.latency
            if fault is not None:
                self.stats.faulted(fault.kind)
                if fault.kind == "drop":
                    return Response(0, drop=True, delay=delay)
                if fault.kind == "rate_limit":
                    exc: ApiError = TooManyRequests(
                        f"Rate limit exceeded. Try again in {fault.reset} seconds.")
                    resp = self._error(exc, {"X-Rate-Limit-Reset": str(fault.reset),
                                             "Retry-After": str(fault.reset)})
                    resp.delay = delay
                    return resp
                if fault.kind == "status":
                    exc = ApiError(_reason(fault.status), status=fault.status,
                                   type=_error_type(fault.status))
                    resp = self._error(exc)
                    resp.delay = delay
                    return resp
            with self.store.lock:
                self.store.advance()
                user = self._authenticate(lower_headers) if r.auth else None
                req = Request(method, sub, r.template, params, query, body, self.store, user)
                result = r.handler(req)
                status, extra = r.status, {}
                if isinstance(result, Reply):
                    status, extra, result = result.status, result.headers, result.body
                if r.listing and method == "GET":
                    result, list_headers = listing.apply(result, query)
                    extra = {**list_headers, **extra}
                resp = json_response(status, result, extra)
            if fault is not None and fault.kind == "malformed":
                resp.body = resp.body[: max(1, len(resp.body) // 2)] + b"\x00{"
            resp.delay = delay
            self.stats.answered(resp.status)
            return resp
        except ApiError as exc:
            return self._error(exc)

    def _error(self, exc: ApiError, headers: dict[str, str] | None = None) -> Response:
        self.stats.answered(exc.status)
        return json_response(exc.status, exc.body(), headers)

    def _authenticate(self, headers: MaskedHeaders):
        """The user whose key ``headers`` carry. The token is read from the (masked) headers
        where it is compared, never held in a local of its own."""
        if not headers.get(TOKEN_HEADER):
            raise Unauthorized("Missing API token: send it in the X-TOKEN header.")
        for user in self.store.users.values():
            api = user["api"]
            if api.get("key") == headers.get(TOKEN_HEADER):
                if not api.get("active"):
                    raise Unauthorized("The API access of this user is disabled.")
                if user["state"] == "DISABLED":
                    raise Unauthorized("This user is disabled.")
                return user
        raise Unauthorized("Invalid API token.")

    # -- /_emulator control routes ------------------------------------------------------------
    def _control(self, method: str, path: str, body: bytes) -> Response:
        path = path.rstrip("/") or "/"
        if path == "/stats":
            if method == "GET":
                return json_response(200, self.stats.snapshot())
            if method == "DELETE":
                self.stats.reset()
                return json_response(200, self.stats.snapshot())
        elif path == "/faults":
            if method == "GET":
                return json_response(200, self.faults.as_dict())
            if method == "PUT":
                changes = _control_object(body, "fault settings")
                try:
                    return json_response(200, self.faults.update(changes))
                except ValueError as exc:
                    raise BadRequest(f"Invalid fault settings: {exc}.") from None
        elif path == "/clock":
            if method == "GET":
                return json_response(200, self._clock_info())
        elif path == "/clock/advance" and method == "POST":
            self.advance(self._advance_seconds(body))
            return json_response(200, self._clock_info())
        elif path == "/settle" and method == "POST":
            self.settle()
            return json_response(200, self._clock_info())
        elif path == "/health" and method == "GET":
            return json_response(200, {"status": "ok"})
        raise NotFound(f"No such control endpoint: {method} {CONTROL_PREFIX}{path}.")

    def _advance_seconds(self, body: bytes) -> float:
        """The ``seconds`` of a clock advance: a finite number from 0 to :data:`MAX_ADVANCE`
        that keeps the emulated date representable."""
        args = _control_object(body, "clock advance")
        unknown = sorted(set(args) - {"seconds"})
        if unknown:
            raise BadRequest(f"Unknown field '{unknown[0]}' in a clock advance (known: seconds).")
        seconds = args.get("seconds", 0)
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise BadRequest("Field 'seconds' must be a number of seconds, e.g. "
                             "{\"seconds\": 60}.")
        if not (math.isfinite(seconds) and 0 <= seconds <= MAX_ADVANCE):
            raise BadRequest(f"Field 'seconds' must be between 0 and {MAX_ADVANCE} (ten years), "
                             f"got {seconds}.")
        try:
            if self.store.when(self.clock.now() + seconds).year >= 9000:
                raise OverflowError
        except OverflowError:
            raise BadRequest("Field 'seconds' would move the clock past the year 9000.") from None
        return float(seconds)

    def _clock_info(self) -> dict[str, Any]:
        return {
            "now": self.clock.now(),
            "datetime": self.store.iso(),
            "pending_transitions": len(self.store.transitions),
            "time_scale": getattr(self.clock, "time_scale", None),
        }


def _control_object(body: bytes, what: str) -> dict[str, Any]:
    """A control route's body: a JSON object (an empty body is an empty one)."""
    value = jsonbody.parse(body)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadRequest(f"The {what} must be a JSON object.")
    return value


_REASONS = {
    500: "Internal Server Error. Please try again.",
    502: "Bad Gateway.",
    503: "Service Unavailable. Please try again later.",
    504: "Gateway Timeout.",
}
_TYPES = {500: "INTERNAL_SERVER_ERROR", 502: "BAD_GATEWAY", 503: "SERVICE_UNAVAILABLE",
          504: "GATEWAY_TIMEOUT"}


def _reason(status: int) -> str:
    """The message of an injected error status (any 4xx/5xx a ``fail_next`` names)."""
    if status in _REASONS:
        return _REASONS[status]
    try:
        return f"{HTTPStatus(status).phrase}."
    except ValueError:
        return "Server error." if status >= 500 else "Request refused."


def _error_type(status: int) -> str:
    if status in _TYPES:
        return _TYPES[status]
    try:
        return HTTPStatus(status).name
    except ValueError:
        return "INTERNAL_SERVER_ERROR" if status >= 500 else "BAD_REQUEST"
