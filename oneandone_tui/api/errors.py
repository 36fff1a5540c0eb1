"""Every error the client raises, and the one place an error response is parsed.

::

    ApiError                       root: catch this to catch everything the client raises
    ├── ValidationError            a request broke a documented rule; nothing was sent
    ├── ReadOnlyError              a mutating call on a read-only client; nothing was sent
    ├── ResponseError              the API answered with an error status (.status .type .message)
    │   ├── AuthError              401 / 403: bad token, API access disabled, no permission
    │   ├── NotFound               404
    │   ├── ApiValidationError     400 / 422: the API rejected the body or the query
    │   ├── Conflict               409: the resource is busy or in the wrong state
    │   ├── RateLimited            429 (.reset: seconds until the limit resets, or None)
    │   └── ServerError            5xx
    ├── NetworkError               no usable answer: refused, reset, dropped connection
    │   ├── Timeout                connect/read/write/pool phase or the whole attempt too slow
    │   ├── InvalidResponse        a success status whose body is not JSON
    │   └── OutcomeUnknown         a change was sent and its answer lost: done or not? (.cause)
    ├── UnexpectedResponse         valid JSON of the wrong shape (null, a string, a list of
    │                              scalars, an object where a list belongs...) (.expected)
    └── WaitError                  waiting for a resource did not end well
        ├── WaitTimeout            it did not reach the wanted state in time (.state .percent)
        └── WaitFailed             it reached FAILED

The only error body any 1&1 SDK documents is Go's ``{"type": ..., "message": ...}``; everything
else (an HTML page from a proxy, an empty body) is tolerated and summarised. Messages never
contain the token: :func:`from_response` masks it even if a server echoes it back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

from ..secret import Secret

__all__ = [
    "ApiError",
    "ApiValidationError",
    "AuthError",
    "Conflict",
    "InvalidResponse",
    "NetworkError",
    "NotFound",
    "OutcomeUnknown",
    "RateLimited",
    "ReadOnlyError",
    "ResponseError",
    "ServerError",
    "Timeout",
    "UnexpectedResponse",
    "ValidationError",
    "WaitError",
    "WaitFailed",
    "WaitTimeout",
    "from_response",
    "rate_limit_reset",
    "redact",
]

_SNIPPET = 200
#: The longest API error message kept (a toast, a form's error line).
_MESSAGE = 1000


class ApiError(Exception):
    """Root of the client's errors. ``method``/``path`` say which call failed (no host, no
    token), so a status line can show ``DELETE /servers/…: 409 Conflict``."""

    def __init__(self, message: str, *, method: str | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path

    @property
    def where(self) -> str:
        return f"{self.method} {self.path}" if self.method and self.path else ""

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


class ValidationError(ApiError, ValueError):
    """A request object broke a documented rule, found before anything was sent.

    ``field`` is the attribute path on the request object (``hdds[1].size``), so a form can put
    the message next to the right input; ``rule`` is the rule in words.
    """

    def __init__(self, field: str, rule: str):
        super().__init__(f"{field}: {rule}" if field else rule)
        self.field = field
        self.rule = rule

    def __repr__(self) -> str:
        return f"ValidationError(field={self.field!r}, rule={self.rule!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ValidationError):
            return (self.field, self.rule) == (other.field, other.rule)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.field, self.rule))


class ReadOnlyError(ApiError):
    """The client was built read-only (a profile's ``read_only`` or ``--read-only``)."""


class ResponseError(ApiError):
    """The API answered with an error status."""

    def __init__(self, status: int, message: str, *, type: str | None = None,
                 method: str | None = None, path: str | None = None):
        super().__init__(message, method=method, path=path)
        self.status = status
        self.type = type

    def __str__(self) -> str:
        head = f"{self.status} {self.type}" if self.type else str(self.status)
        tail = f" ({self.where})" if self.where else ""
        return f"{head}: {self.message}{tail}"


class AuthError(ResponseError):
    """401 (unknown token, API access disabled) or 403 (the token's role may not do this)."""


class NotFound(ResponseError):
    """404: no such resource (or it has just been deleted)."""


class ApiValidationError(ResponseError):
    """400 or 422: the API rejected the request (a rule the client could not check locally)."""


class Conflict(ResponseError):
    """409: the resource is busy (another operation runs) or in the wrong state."""


class RateLimited(ResponseError):
    """429. ``reset`` is the number of seconds until the limit resets (None if not sent)."""

    def __init__(self, status: int, message: str, *, reset: float | None = None, **kw: Any):
        super().__init__(status, message, **kw)
        self.reset = reset


class ServerError(ResponseError):
    """5xx: the API failed; retried automatically for idempotent calls. A 502 or 504 to a
    change is not raised as this but as :class:`OutcomeUnknown` (a gateway's answer: the
    API behind it may have acted)."""


class NetworkError(ApiError):
    """No usable answer: the connection was refused, reset or dropped.

    ``sent`` is False only when the request certainly never reached the API (the connection
    could not be opened): then even a create can be tried again safely."""

    def __init__(self, message: str, *, method: str | None = None, path: str | None = None,
                 sent: bool = True):
        super().__init__(message, method=method, path=path)
        self.sent = sent


class Timeout(NetworkError):
    """The request took longer than the client's timeouts allow."""


class InvalidResponse(NetworkError):
    """A success status whose body could not be decoded (a truncated or mangled answer);
    ``status`` is that success status."""

    def __init__(self, message: str, *, method: str | None = None, path: str | None = None,
                 status: int | None = None):
        super().__init__(message, method=method, path=path)
        self.status = status


class OutcomeUnknown(NetworkError):
    """A change (POST, PUT, DELETE) was sent and its answer was lost: a timeout, a dropped
    connection, an unreadable body, or a gateway's 502/504 in place of the API's answer (the
    API behind the gateway got the request: RFC 9110 §15.6.3, §15.6.5). The API may or may
    not have carried it out, so the client does not send it again by itself (a second POST
    would create a second server); whoever retries must look at the account first (DESIGN.md
    §9 rule 4).

    ``cause`` is the failure that lost the answer; ``status`` the HTTP status when one came
    (a 2xx with an unreadable body: the API did accept it).
    """

    def __init__(self, cause: ApiError, *, method: str | None = None, path: str | None = None,
                 status: int | None = None, detail: str = ""):
        how = cause.message.rstrip(".")
        more = f" {detail}" if detail else ""
        if status in (502, 504):  # a gateway's answer: the API behind it got the request
            message = (f"A gateway answered {status} ({how}) instead of the API: it is not "
                       f"known whether this was carried out.{more} Look at the account before "
                       f"trying again.")
        elif status is not None and 200 <= status < 300:
            message = (f"The API accepted this ({status}) but its answer could not be read: "
                       f"{how}. What it did is not known.{more} Look at the account before "
                       f"trying again.")
        else:
            message = (f"The answer was lost: {how}. It is not known whether this was carried "
                       f"out.{more} Look at the account before trying again.")
        super().__init__(message, method=method, path=path)
        self.cause = cause
        self.status = status


class UnexpectedResponse(ApiError):
    """The API answered with valid JSON of a shape the endpoint never has (``null``, a string,
    a list of scalars, an object where a list belongs, nesting too deep to decode). Nothing
    downstream can use it; the message names the endpoint and what was expected."""

    def __init__(self, expected: str, got: str, *, method: str | None = None,
                 path: str | None = None, status: int | None = None):
        super().__init__(f"Unexpected answer from the API: expected {expected}, got {got}.",
                         method=method, path=path)
        self.expected = expected
        self.got = got
        self.status = status


class WaitError(ApiError):
    """Waiting for a resource ended without reaching the wanted state."""

    def __init__(self, message: str, *, resource_id: str | None = None,
                 state: str | None = None, percent: int | None = None):
        super().__init__(message)
        self.resource_id = resource_id
        self.state = state
        self.percent = percent


class WaitTimeout(WaitError):
    """The resource did not reach the wanted state before the timeout."""


class WaitFailed(WaitError):
    """The resource reached a failed state; waiting longer would not help."""


# -- parsing --------------------------------------------------------------------------------------
_BY_STATUS: dict[int, type[ResponseError]] = {
    400: ApiValidationError,
    401: AuthError,
    403: AuthError,
    404: NotFound,
    409: Conflict,
    422: ApiValidationError,
    429: RateLimited,
}


def redact(text: str, secrets: Iterable[str | Secret]) -> str:
    """``text`` with every occurrence of each secret replaced by ``****``. A :class:`Secret`
    is revealed only inside the expression that replaces it, never into a local variable a
    traceback could show."""
    for secret in secrets:
        if not secret or len(secret) < 4:
            continue
        if isinstance(secret, Secret):
            text = text.replace(secret.reveal(), "****")
        else:
            text = text.replace(secret, "****")
    return text


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        lower = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lower), None)
    return value


def rate_limit_reset(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds until a rate limit resets, from ``X-Rate-Limit-Reset`` (Go SDK: seconds; a value
    that looks like an epoch timestamp is read as one) or ``Retry-After`` (seconds or an HTTP
    date). None when neither header is usable."""
    now = time.time() if now is None else now
    raw = _header(headers, "X-Rate-Limit-Reset")
    if raw is not None:
        try:
            value = float(raw.strip())
        except ValueError:
            value = None
        if value is not None:
            return max(0.0, value - now) if value > 1e9 else max(0.0, value)
    raw = _header(headers, "Retry-After")
    if raw is not None:
        from email.utils import parsedate_to_datetime  # rare: keep it off the import path

        try:
            return max(0.0, float(raw.strip()))
        except ValueError:
            pass
        try:
            return max(0.0, parsedate_to_datetime(raw).timestamp() - now)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return None


def _summary(body: bytes) -> tuple[str | None, str | None]:
    """(type, message) from an error body; tolerant of anything that is not the documented
    ``{type, message}`` object."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return None, None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested too deep to decode
        data = None
    if isinstance(data, dict):
        etype = _scalar(data.get("type"), _SNIPPET)
        message = next((m for m in (_scalar(data.get(k), _MESSAGE)
                                    for k in ("message", "error", "detail")) if m), None)
        return etype, message
    if isinstance(data, str):
        return None, data[:_SNIPPET]
    # Not JSON (a proxy's HTML page, plain text): keep a short single-line excerpt.
    first = " ".join(text.split())
    return None, first[:_SNIPPET] + ("…" if len(first) > _SNIPPET else "")


def _scalar(value: Any, limit: int) -> str | None:
    """A field of an error body as text: only strings and numbers (a nested structure, from a
    hostile or broken server, is not a message), cut to ``limit`` characters."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value == "":
        return None
    text = value if isinstance(value, str) else repr(value)
    return text[:limit] + ("…" if len(text) > limit else "")


def from_response(status: int, headers: Mapping[str, str], body: bytes, *,
                  method: str | None = None, path: str | None = None,
                  secrets: Iterable[str | Secret] = (),
                  reason: str | None = None) -> ResponseError:
    """The error for a non-success response. The single place error bodies are read."""
    etype, message = _summary(body)
    message = redact(message or reason or f"HTTP {status}", list(secrets))
    kw: dict[str, Any] = {"type": etype, "method": method, "path": path}
    if status == 429:
        return RateLimited(status, message, reset=rate_limit_reset(headers), **kw)
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else ResponseError
    return cls(status, message, **kw)
