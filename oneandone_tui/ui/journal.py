"""The action journal: every mutating request this session made, with when, what (the action
and its target, as the form named them), the request line, and how it ended.

The client calls its observer after every attempt with a :class:`RequestEvent` (method, path,
status or error, duration; never the token, never a body). Which action a request belongs to is
not in the event: forms run their calls inside :func:`acting`, a context variable the observer
reads, so the journal can say "Power off · web-01" next to ``PUT /servers/…/status/action``.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..http_methods import MUTATING

#: (action title, target label) of the form whose request is being sent.
_ACTING: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar(
    "oneandone_acting", default=None)

#: The journal's wall clock (a module attribute so tests can freeze it).
wall = time.time


@contextmanager
def acting(action: str, target: str) -> Iterator[None]:
    token = _ACTING.set((action, target))
    try:
        yield
    finally:
        _ACTING.reset(token)


@dataclass(frozen=True)
class Entry:
    when: float
    method: str
    path: str
    status: int | None
    error: str | None
    duration: float
    attempt: int
    action: str
    target: str

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400

    @property
    def outcome(self) -> str:
        if self.error:
            return self.error
        return str(self.status)


class Journal:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.listeners: list[Callable[[Entry], None]] = []

    def record(self, event: Any) -> Entry | None:
        """Keep ``event`` if it is a mutating request."""
        if str(event.method).upper() not in MUTATING:
            return None
        action, target = _ACTING.get() or ("", "")
        error = event.error
        entry = Entry(wall(), event.method, event.path, event.status,
                      _error_text(error) if error is not None else None,
                      float(event.duration), int(event.attempt), action, target)
        self.entries.append(entry)
        for listener in list(self.listeners):
            listener(entry)
        return entry

    def listen(self, listener: Callable[[Entry], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None


def _error_text(error: Any) -> str:
    status = getattr(error, "status", None)
    message = getattr(error, "message", None) or str(error)
    kind = type(error).__name__
    return f"{status} {message}" if status else f"{kind}: {message}"
