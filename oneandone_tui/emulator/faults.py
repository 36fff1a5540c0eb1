"""Fault injection: what a flaky network and a busy API do to a client.

Set at start-up (``oneandone-tui emulator --latency-ms ...``) and at run time with
``PUT /_emulator/faults`` (a JSON object with any of the fields below; ``GET`` shows them).
Random faults draw from their own seeded generator, so a run with the same seed and the same
requests fails the same way. ``fail_next`` queues deterministic faults for tests: each entry
``{"fault": "status"|"rate_limit"|"malformed"|"drop", "status": 503, "match": "GET /servers"}``
is used by the next request whose ``"METHOD /path"`` contains ``match`` (all, when omitted).
"""

from __future__ import annotations

import math
import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

ERROR_STATUSES = (500, 502, 503, 504)
FAULT_KINDS = ("status", "rate_limit", "malformed", "drop")


@dataclass
class FaultSettings:
    latency_ms: float = 0.0
    error_rate: float = 0.0
    error_statuses: list[int] = field(default_factory=lambda: list(ERROR_STATUSES))
    rate_limit_rate: float = 0.0
    rate_limit_reset: int = 2
    malformed_rate: float = 0.0
    drop_rate: float = 0.0
    fail_next: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Fault:
    kind: str  # one of FAULT_KINDS
    status: int = 0
    reset: int = 0


class Faults:
    def __init__(self, settings: FaultSettings | None = None, seed: int = 0):
        """Raises ``ValueError`` naming the field when ``settings`` are out of range."""
        self.settings = settings or FaultSettings()
        _validate(self.settings)
        self._rng = random.Random(seed ^ 0x5EED)
        self._lock = threading.Lock()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self.settings)

    def update(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply a partial update; raises ``ValueError`` naming the bad field."""
        with self._lock:
            merged = asdict(self.settings)
            for key, value in changes.items():
                if key not in merged:
                    raise ValueError(f"unknown fault setting '{key}' (known: {', '.join(merged)})")
                merged[key] = value
            new = FaultSettings(**merged)
            if isinstance(new.fail_next, list):
                # Copies: pick() consumes the queue, and the caller keeps its own objects.
                new.fail_next = [dict(e) if isinstance(e, dict) else e for e in new.fail_next]
            _validate(new)
            self.settings = new
            return asdict(new)

    def pick(self, method: str, path: str) -> Fault | None:
        """Decide the fault for one request (None = serve it normally)."""
        with self._lock:
            s = self.settings
            target = f"{method} {path}"
            for i, entry in enumerate(s.fail_next):
                if entry.get("match", "") in target:
                    del s.fail_next[i]
                    return _fault_from(entry, s)
            if s.drop_rate and self._rng.random() < s.drop_rate:
                return Fault("drop")
            if s.rate_limit_rate and self._rng.random() < s.rate_limit_rate:
                return Fault("rate_limit", 429, s.rate_limit_reset)
            if s.error_rate and self._rng.random() < s.error_rate:
                return Fault("status", self._rng.choice(s.error_statuses))
            if s.malformed_rate and self._rng.random() < s.malformed_rate:
                return Fault("malformed")
            return None

    @property
    def latency(self) -> float:
        return max(0.0, self.settings.latency_ms) / 1000.0


def _fault_from(entry: dict[str, Any], s: FaultSettings) -> Fault:
    kind = entry.get("fault", "status")
    if kind == "rate_limit":
        return Fault("rate_limit", 429, int(entry.get("reset", s.rate_limit_reset)))
    return Fault(kind, int(entry.get("status", 503)))


#: Bounds of the settings: a latency past two minutes outlasts every client's timeout, and a
#: rate-limit reset past an hour only stalls the client that honours it.
MAX_LATENCY_MS = 120_000
MAX_RESET = 3600
RATE_FIELDS = ("error_rate", "rate_limit_rate", "malformed_rate", "drop_rate")
ENTRY_KEYS = ("fault", "match", "status", "reset")


def _is_number(value: Any) -> bool:
    return (not isinstance(value, bool) and isinstance(value, (int, float))
            and math.isfinite(value))


def _is_int(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int)


def _validate(s: FaultSettings) -> None:
    """Every setting in range, so that a bad PUT cannot leave the emulator unusable (a latency
    of 1e12 ms, a ``match`` that is not a string); raises ``ValueError`` naming the field."""
    for name in RATE_FIELDS:
        value = getattr(s, name)
        if not _is_number(value) or not 0 <= value <= 1:
            raise ValueError(f"'{name}' must be a number between 0 and 1, got {value!r}")
    if not _is_number(s.latency_ms) or not 0 <= s.latency_ms <= MAX_LATENCY_MS:
        raise ValueError(f"'latency_ms' must be a number of milliseconds between 0 and "
                         f"{MAX_LATENCY_MS}, got {s.latency_ms!r}")
    if not _is_int(s.rate_limit_reset) or not 0 <= s.rate_limit_reset <= MAX_RESET:
        raise ValueError(f"'rate_limit_reset' must be an integer number of seconds between 0 "
                         f"and {MAX_RESET}, got {s.rate_limit_reset!r}")
    if not isinstance(s.error_statuses, list) or not s.error_statuses or not all(
        _is_int(c) and 500 <= c <= 599 for c in s.error_statuses
    ):
        raise ValueError("'error_statuses' must be a non-empty list of 5xx status codes")
    if not isinstance(s.fail_next, list):
        raise ValueError("'fail_next' must be a list of fault objects")
    for i, entry in enumerate(s.fail_next):
        _validate_entry(entry, f"fail_next[{i}]")


def _validate_entry(entry: Any, label: str) -> None:
    if not isinstance(entry, dict):
        raise ValueError(f"'{label}' must be an object such as "
                         f'{{"fault": "status", "status": 503, "match": "GET /servers"}}')
    unknown = sorted(set(entry) - set(ENTRY_KEYS))
    if unknown:
        raise ValueError(f"unknown field '{label}.{unknown[0]}' (known: {', '.join(ENTRY_KEYS)})")
    kind = entry.get("fault", "status")
    if kind not in FAULT_KINDS:
        raise ValueError(f"'{label}.fault' must be one of {', '.join(FAULT_KINDS)}, got {kind!r}")
    if "match" in entry and not isinstance(entry["match"], str):
        raise ValueError(f"'{label}.match' must be a string such as \"GET /servers\", "
                         f"got {entry['match']!r}")
    if "status" in entry and not (_is_int(entry["status"]) and 400 <= entry["status"] <= 599):
        raise ValueError(f"'{label}.status' must be an HTTP error status (an integer from 400 "
                         f"to 599), got {entry['status']!r}")
    if "reset" in entry and not (_is_int(entry["reset"]) and 0 <= entry["reset"] <= MAX_RESET):
        raise ValueError(f"'{label}.reset' must be an integer number of seconds between 0 and "
                         f"{MAX_RESET}, got {entry['reset']!r}")
