"""Fault injection: what a flaky network and a busy API do to a client.

Set at start-up (``oneandone-tui emulator --latency-ms ...``) and at run time with
``PUT /_emulator/faults`` (a JSON object with any of the fields below; ``GET`` shows them).
Random faults draw from their own seeded generator, so a run with the same seed and the same
requests fails the same way. ``fail_next`` queues deterministic faults for tests: each entry
``{"fault": "status"|"rate_limit"|"malformed"|"drop", "status": 503, "match": "GET /servers"}``
is used by the next request whose ``"METHOD /path"`` contains ``match`` (all, when omitted).
"""

from __future__ import annotations

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
        self.settings = settings or FaultSettings()
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


def _validate(s: FaultSettings) -> None:
    for name in ("error_rate", "rate_limit_rate", "malformed_rate", "drop_rate"):
        value = getattr(s, name)
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ValueError(f"'{name}' must be a number between 0 and 1")
    if not isinstance(s.latency_ms, (int, float)) or s.latency_ms < 0:
        raise ValueError("'latency_ms' must be a number >= 0")
    if not isinstance(s.rate_limit_reset, int) or s.rate_limit_reset < 0:
        raise ValueError("'rate_limit_reset' must be an integer >= 0 (seconds)")
    if not s.error_statuses or not all(
        isinstance(c, int) and 500 <= c <= 599 for c in s.error_statuses
    ):
        raise ValueError("'error_statuses' must be a non-empty list of 5xx status codes")
    if not isinstance(s.fail_next, list):
        raise ValueError("'fail_next' must be a list of fault objects")
    for entry in s.fail_next:
        if not isinstance(entry, dict) or entry.get("fault", "status") not in FAULT_KINDS:
            raise ValueError(f"'fail_next' entries need 'fault' in {', '.join(FAULT_KINDS)}")
