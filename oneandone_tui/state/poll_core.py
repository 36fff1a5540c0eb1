"""What every part of the poller shares: the bookkeeping of each list and section (its errors,
its backoff, what it was fetched against), what a round counts (:class:`RoundReport`), and how
those counts judge the connection's health (ok, token refused, unreachable).

The parts: ``poller.py`` (what is watched, the rounds and their cadence), ``list_fetch.py``
(asking for a category's list, its cheap status rounds, its failures) and ``section_fetch.py``
(a resource's own object and its detail sections). Each part is a mixin of :class:`PollerCore`,
so :class:`~.poller.Poller` is one object with one set of counters.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..api.errors import ApiError
from ..catalogue import Item, category, is_transitional
from .model import AccountState, SectionKey, error_text

#: What asking the feed for a list or a section can raise: the client's errors
#: (:class:`~oneandone_tui.api.errors.ApiError`: refused, not found, unreachable...) and, data
#: being hostile (DESIGN.md section 9), those of reading an answer of an unexpected shape (a
#: missing key, a list where an object was documented, a text where a number was). Anything
#: else is a bug: it is not kept as "the list failed" but reaches the crash handler. Named here
#: because state/ may not import the UI; the UI's ``FETCH_ERRORS`` (ui/failures.py) is this.
FETCH_ERRORS: tuple[type[Exception], ...] = (ApiError, LookupError, TypeError, ValueError,
                                             AttributeError)

#: The fields of a list item that change while a resource is busy and that the list alone
#: answers: a change in only these does not fetch the resource's object or sections again.
STATE_KEYS = ("status", "state", "percent")

@dataclass
class _ListMeta:
    errors: int = 0
    retry_at: float | None = None
    cpu: float = 0.0
    #: The next round asks for the whole list (resources came or went, or settled).
    full: bool = False


@dataclass
class _SectionMeta:
    #: The parent list item (without its state while busy) when the section was fetched.
    seen: Any = None
    busy: bool = False
    errors: int = 0
    forced: bool = False
    #: After an error: when to try again (the backoff, with its jitter, drawn once).
    retry_at: float | None = None


@dataclass
class RoundReport:
    requests: int = 0
    ok: int = 0
    network: int = 0
    auth: list[BaseException] = field(default_factory=list)


def _busy(key: str, items: list[Item]) -> bool:
    """Something in this list is changing (log entries RUNNING do not count: they are not
    resources that settle)."""
    return category(key).stateful and any(map(is_transitional, items))


def fingerprint(item: Item | None) -> Any:
    """What of a list item, when it changes, means the resource's object and sections may
    have changed: everything but its progress while busy (a deploying server's percent is
    answered by the list itself)."""
    if item is None:
        return None
    if is_transitional(item):
        return {k: v for k, v in item.items() if k not in STATE_KEYS}
    return item


class PollerCore:
    """The state every part of the poller reads and writes; built once by :class:`Poller`."""

    def __init__(self, feed: Any, state: AccountState, clock: Callable[[], float],
                 random: Callable[[], float]) -> None:
        self.feed = feed
        self.clock = clock
        self.state = state
        self.random = random
        #: Categories kept in the rounds by followed operations (key -> how many).
        self.kept: dict[str, int] = {}
        self._kept_ids: dict[str, list[str]] = {}
        self._lists: dict[str, _ListMeta] = {}
        self._sections: dict[SectionKey, _SectionMeta] = {}
        self._wake = asyncio.Event()
        self._loading: dict[str, asyncio.Task[Any]] = {}
        #: Lists being asked for now (a second asker awaits the same answer).
        self._inflight: dict[str, asyncio.Future[None]] = {}
        #: Numbers every list request as it is sent (see ``ListEntry.seq``).
        self.seq = 0

    @property
    def paused(self) -> bool:
        """The token was refused: nothing is sent until a new one is given."""
        return self.state.health.status == "auth"

    def _backoff(self, errors: int) -> float:
        """Seconds to wait after ``errors`` failures in a row (the cadence's: ``poller.py``)."""
        raise NotImplementedError

    def _judge(self, report: RoundReport) -> None:
        """The connection's health from a round: a 401 (or only 403s) stops polling; nothing
        but network failures means unreachable (back off, with jitter); any answer is ok."""
        state = self.state
        if report.auth and (not report.ok or any(
                getattr(e, "status", None) == 401 for e in report.auth)):
            state.set_health("auth", error_text(report.auth[0]))
            return
        if report.network and not report.ok:
            failures = state.health.failures + 1
            state.set_health("unreachable", self._last_network or "no answer",
                             self.clock() + self._backoff(failures), failures)
            return
        if report.requests and state.health.status != "ok":
            state.set_health("ok")

    _last_network: str = ""

    def _count(self, exc: BaseException | None, report: RoundReport) -> None:
        report.requests += 1
        if exc is None:
            report.ok += 1
            return
        from ..api.errors import AuthError, NetworkError

        if isinstance(exc, AuthError):
            report.auth.append(exc)
        elif isinstance(exc, NetworkError):
            report.network += 1
            self._last_network = error_text(exc)
        else:
            report.ok += 1  # the API answered (an error status): it is reachable

