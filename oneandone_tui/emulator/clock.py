"""Time sources for the emulator.

The emulator never reads the wall clock directly. ``now()`` is seconds of *emulated* time since
the emulator started; ``epoch`` is the wall-clock instant that emulated second 0 stands for, so
dates in responses are ``epoch + now()``. Tests use :class:`ManualClock` (time moves only when
the test says so: no test ever sleeps); demos and the HTTP server use :class:`ScaledClock`, where
realistic durations pass ``time_scale`` times faster.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

#: A fixed epoch for deterministic runs (tests, snapshots, screenshots).
FIXED_EPOCH = datetime(2026, 11, 20, 9, 30, 0, tzinfo=timezone.utc)


def _wall_epoch() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Clock:
    epoch: datetime

    def now(self) -> float:  # pragma: no cover - interface
        raise NotImplementedError

    def advance(self, seconds: float) -> float:  # pragma: no cover - interface
        """Jump ``seconds`` of emulated time ahead (fast-forward a demo, or a test's step)."""
        raise NotImplementedError

    def datetime(self) -> datetime:
        return self.epoch + timedelta(seconds=self.now())


class ScaledClock(Clock):
    """Real elapsed time multiplied by ``time_scale`` (``time_scale=10``: a 3-minute deploy takes
    18 real seconds)."""

    def __init__(self, time_scale: float = 1.0, epoch: datetime | None = None):
        if time_scale <= 0:
            raise ValueError("time_scale must be > 0")
        self.time_scale = time_scale
        self.epoch = epoch or _wall_epoch()
        self._start = time.monotonic()
        self._offset = 0.0

    def now(self) -> float:
        return (time.monotonic() - self._start) * self.time_scale + self._offset

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("time does not run backwards")
        self._offset += seconds
        return self.now()


class ManualClock(Clock):
    """Time moves only through :meth:`advance` (or :meth:`set`)."""

    def __init__(self, epoch: datetime | None = None, start: float = 0.0):
        self.epoch = epoch or FIXED_EPOCH
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("time does not run backwards")
        with self._lock:
            self._now += seconds
            return self._now

    def set(self, seconds: float) -> None:
        with self._lock:
            self._now = max(self._now, seconds)


def iso(dt: datetime) -> str:
    """The API's date format: ``2015-05-07T08:25:37+00:00``."""
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def iso_z(dt: datetime) -> str:
    """The format logs and monitoring series use: ``2015-04-06T23:46:38Z``."""
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(text: str) -> datetime:
    """Parse an RFC 3339 / ISO 8601 date as clients send it (``Z`` or an offset, or none = UTC)."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    dt = datetime.fromisoformat(value)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt
