"""The retry policy: which failures are worth another attempt, and how long to wait first.

* 429 is retried for every method: the API refused the request, so it did nothing. The wait is
  the API's own ``X-Rate-Limit-Reset`` / ``Retry-After`` when sent (the Go SDK sleeps that long),
  else the backoff; a reset longer than ``max_rate_limit_wait`` is not waited out but raised, so
  the UI can say "rate limited for 5 minutes" instead of hanging.
* 5xx, network errors and timeouts are retried only for idempotent calls: the request may have
  been carried out before the answer was lost, and creating two servers is worse than one error.
  GET/HEAD/OPTIONS/PUT/DELETE are idempotent by HTTP (RFC 9110 §9.2.2), but some of this API's
  PUTs are actions (reboot, reinstall, new API key): their endpoints opt out (see
  ``resources/_base.py``).
* A connection that could not even be opened (``NetworkError.sent`` is False) is retried for
  every method: the API never saw the request.
* A 502/504 to a change is a gateway's answer in place of the API's: the API may have acted,
  so it counts as a lost answer, like a dropped connection (``client.py``).
* A change whose answer was lost is never retried blindly when it is not idempotent: the
  client raises ``OutcomeUnknown`` and the caller looks at the account first (``client.py``).
* Everything else (4xx) is an answer, not a failure: never retried.

Attempts are bounded; delays grow geometrically with optional jitter, capped.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import ApiError, InvalidResponse, NetworkError, RateLimited, ServerError

__all__ = ["IDEMPOTENT_METHODS", "RetryPolicy"]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True)
class RetryPolicy:
    """``max_attempts`` counts the first try (4 = one try and up to three retries)."""

    max_attempts: int = 4
    backoff: float = 0.5
    factor: float = 2.0
    max_backoff: float = 8.0
    #: Fraction of random spread added to each delay, so many clients do not retry in step.
    jitter: float = 0.1
    #: The longest rate-limit reset the client waits out by itself, in seconds.
    max_rate_limit_wait: float = 60.0
    retry_statuses: frozenset[int] = frozenset({500, 502, 503, 504})
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.backoff < 0 or self.factor < 1 or self.max_backoff < 0:
            raise ValueError("backoff and max_backoff must be >= 0 and factor >= 1")

    @classmethod
    def never(cls) -> RetryPolicy:
        """One attempt, no retries (tests, or a caller with its own policy)."""
        return cls(max_attempts=1)

    def backoff_delay(self, attempt: int) -> float:
        """The wait after failed attempt number ``attempt`` (1-based), before jitter."""
        return min(self.max_backoff, self.backoff * self.factor ** (attempt - 1))

    def _spread(self, delay: float) -> float:
        if not self.jitter or delay <= 0:
            return delay
        return delay * (1 + self.jitter * (2 * self.random() - 1))

    def delay(self, error: ApiError, *, idempotent: bool, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None to give up and raise ``error``."""
        if attempt >= self.max_attempts:
            return None
        if isinstance(error, RateLimited):
            if error.reset is None:
                return self._spread(self.backoff_delay(attempt))
            if error.reset > self.max_rate_limit_wait:
                return None
            # Wait the reset out exactly (plus a little spread upward only: early is useless).
            return error.reset + (self._spread(0.1) if self.jitter else 0.0)
        if isinstance(error, NetworkError) and not error.sent:
            return self._spread(self.backoff_delay(attempt))
        if not idempotent:
            return None
        if isinstance(error, ServerError) and error.status in self.retry_statuses:
            return self._spread(self.backoff_delay(attempt))
        if isinstance(error, (NetworkError, InvalidResponse)):
            return self._spread(self.backoff_delay(attempt))
        return None
