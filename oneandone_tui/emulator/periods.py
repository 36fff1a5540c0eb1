"""The ``period`` / ``start_date`` / ``end_date`` query parameters of ``/logs``, ``/usages`` and
``/monitoring_center/{server_id}``, parsed and validated in one place so the three endpoints
reject the same mistakes with the same messages.

``period`` is one of ``LAST_HOUR | LAST_24H | LAST_7D | LAST_30D | LAST_365D | CUSTOM``
(ENDPOINTS.md "Period parameters"). ``CUSTOM`` needs both dates as RFC 3339 date-times (what
the Go SDK sends: ``time.RFC3339``; the Python SDK's example ``2015-05-19T00:05:00Z``). The
Python docs also show ``2015-19-05T00:05:00Z`` (day and month swapped): that is not a valid date
and is refused like any other malformed one. ``start_date``/``end_date`` given with another
period are ignored (the Python SDK forwards whatever the caller passed). An ``end_date`` in
the future is read as "now" (no source refuses one); a window longer than 365 days is refused
(a documented choice: LAST_365D is the longest period any source names, and the emulator keeps
no older data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .errors import BadRequest
from .routes import Request

#: Fixed periods and how far back from "now" they reach.
SPANS: dict[str, timedelta] = {
    "LAST_HOUR": timedelta(hours=1),
    "LAST_24H": timedelta(hours=24),
    "LAST_7D": timedelta(days=7),
    "LAST_30D": timedelta(days=30),
    "LAST_365D": timedelta(days=365),
}
PERIODS = (*SPANS, "CUSTOM")

#: The longest CUSTOM window (as long as the longest fixed period).
MAX_SPAN = timedelta(days=365)

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?"
    r"(Z|z|[+-]\d{2}:?\d{2})?$")


@dataclass(frozen=True)
class Window:
    """A closed time window ``[start, end]`` in UTC, and the period it came from."""

    period: str
    start: datetime
    end: datetime

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


def parse_rfc3339(raw: str, name: str) -> datetime:
    """An RFC 3339 date-time (a missing offset means UTC); 400 naming ``name`` otherwise."""
    text = raw.strip()
    # An unencoded '+' in a query string arrives as a space: '...T00:05:00 02:00'.
    if len(text) > 19 and text[19:20] == " ":
        text = text[:19] + "+" + text[20:]
    m = _RFC3339.match(text)
    if m is None:
        raise BadRequest(f"Query parameter '{name}' must be an RFC 3339 date-time such as "
                         f"2026-11-20T09:30:00Z, got '{raw}'.")
    year, month, day, hour, minute = (int(m.group(i)) for i in range(1, 6))
    second = int(m.group(6) or 0)
    micro = int((m.group(7) or ".0")[1:7].ljust(6, "0"))
    tz = timezone.utc
    offset = m.group(8)
    if offset and offset not in ("Z", "z"):
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    try:
        value = datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
    except ValueError as exc:
        raise BadRequest(f"Query parameter '{name}' is not a valid date ({exc}), "
                         f"got '{raw}'.") from None
    return value.astimezone(timezone.utc)


def window(req: Request, default: str | None = "LAST_24H") -> Window | None:
    """The window the request asks for. Without ``period`` the ``default`` applies; with
    ``default=None`` and no ``period`` the answer is None (no filtering)."""
    period = req.arg("period", default)
    if period is None:
        return None
    if period not in PERIODS:
        raise BadRequest(f"Query parameter 'period' must be one of {', '.join(PERIODS)}, "
                         f"got '{period}'.")
    now = req.store.when()
    if period != "CUSTOM":
        return Window(period, now - SPANS[period], now)
    raw_start, raw_end = req.arg("start_date"), req.arg("end_date")
    if raw_start is None:
        raise BadRequest("Query parameter 'start_date' is required when period is CUSTOM.")
    if raw_end is None:
        raise BadRequest("Query parameter 'end_date' is required when period is CUSTOM.")
    start = parse_rfc3339(raw_start, "start_date")
    end = parse_rfc3339(raw_end, "end_date")
    if start >= end:
        raise BadRequest(f"Query parameter 'start_date' ({raw_start}) must be before "
                         f"'end_date' ({raw_end}).")
    # An end in the future is accepted (no source refuses it; a client's clock may run ahead)
    # and read as "until now": there is no data after now to show.
    end = min(end, max(now, start + timedelta(seconds=1)))
    if end - start > MAX_SPAN:
        raise BadRequest(f"Query parameters 'start_date' and 'end_date' span more than "
                         f"{MAX_SPAN.days} days.")
    return Window(period, start, end)
