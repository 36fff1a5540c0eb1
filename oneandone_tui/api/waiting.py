"""Waiting until resources settle: :func:`wait_for`, :func:`wait_deleted`, :func:`wait_many`
and :func:`wait_many_deleted`.

Mutations answer at once with a transitional state (``DEPLOYING``, ``CONFIGURING``...) and the
work finishes later, so callers poll. These functions are the one polling loop: intervals grow
by ``backoff`` up to ``max_interval``; ``timeout`` raises :class:`WaitTimeout`; a ``FAILED``
state raises :class:`WaitFailed` at once; ``on_progress`` hears ``(state, percent)`` after
every poll, so a UI can show a progress bar. ``sleep`` and ``clock`` are injectable: tests
advance an emulated clock instead of sleeping.

Waiting on many resources costs one list request per round (``fields=id,state`` keeps it
small), not one GET per resource.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import NotFound, WaitFailed, WaitTimeout

__all__ = [
    "StateReader",
    "WaitPolicy",
    "wait_deleted",
    "wait_for",
    "wait_many",
    "wait_many_deleted",
]

Item = Mapping[str, Any]
Progress = Callable[[str | None, int | None], None]
ManyProgress = Callable[[str, str | None, int | None], None]
Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

#: The Python SDK's ``good_states`` (its ``'ON RECOVERY'`` spelling and the API's
#: ``ON_RECOVERY`` both count).
GOOD_STATES = frozenset({"ACTIVE", "ENABLED", "POWERED_ON", "POWERED_OFF", "ON_RECOVERY",
                         "ON RECOVERY"})
FAILED_STATES = frozenset({"FAILED", "ERROR"})


@dataclass(frozen=True)
class WaitPolicy:
    """Poll every ``interval`` seconds, growing by ``backoff`` up to ``max_interval``; give up
    after ``timeout`` seconds (the SDK's default is 25 minutes)."""

    interval: float = 2.0
    backoff: float = 1.5
    max_interval: float = 15.0
    timeout: float = 25 * 60.0

    def __post_init__(self) -> None:
        if self.interval <= 0 or self.backoff < 1 or self.max_interval <= 0 or self.timeout < 0:
            raise ValueError("interval and max_interval must be > 0, backoff >= 1, "
                             "timeout >= 0")

    def delays(self) -> Iterator[float]:
        delay = min(self.interval, self.max_interval)
        while True:
            yield delay
            delay = min(delay * self.backoff, self.max_interval)


@dataclass(frozen=True)
class StateReader:
    """Where a resource keeps its state and when it counts as settled. Servers keep
    ``status.state`` and are only settled once ``status.percent`` is null (the SDK's rule);
    other resources keep a top-level ``state``."""

    path: tuple[str, ...] = ("state",)
    percent_path: tuple[str, ...] | None = None
    stable: frozenset[str] = GOOD_STATES
    failed: frozenset[str] = FAILED_STATES

    def read(self, item: Item) -> tuple[str | None, int | None]:
        state = _dig(item, self.path)
        percent = _dig(item, self.percent_path) if self.percent_path else item.get("percent")
        return (str(state) if state is not None else None,
                percent if isinstance(percent, int) and not isinstance(percent, bool) else None)

    def done(self, state: str | None, percent: int | None,
             target: frozenset[str] | None = None) -> bool:
        if state is None or (self.percent_path is not None and percent is not None):
            return False
        return state in (target if target is not None else self.stable)


def _dig(item: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        item = item.get(key) if isinstance(item, Mapping) else None
    return item


def _by_id(items: Any) -> dict[str, Item]:
    """A list answer by id; entries that are not objects with a string id are skipped."""
    if not isinstance(items, list):
        return {}
    return {it["id"]: it for it in items
            if isinstance(it, Mapping) and isinstance(it.get("id"), str)}


def _targets(target: str | Iterable[str] | None) -> frozenset[str] | None:
    if target is None:
        return None
    return frozenset({target} if isinstance(target, str) else target)


class _Rounds:
    """The shared timing of every loop: next delay, and the deadline."""

    def __init__(self, policy: WaitPolicy, sleep: Sleep | None, clock: Clock | None):
        self.sleep = sleep or asyncio.sleep
        self.clock = clock or time.monotonic
        self.delays = policy.delays()
        self.timeout = policy.timeout
        self.deadline = self.clock() + policy.timeout

    async def pause(self, what: str, resource_id: str | None = None,
                    state: str | None = None, percent: int | None = None) -> None:
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            raise WaitTimeout(f"{what} not done after {self.timeout:g} s (last state: "
                              f"{state or 'unknown'})", resource_id=resource_id, state=state,
                              percent=percent)
        await self.sleep(min(next(self.delays), remaining))


def _failed(rid: str | None, state: str | None, percent: int | None) -> WaitFailed:
    return WaitFailed(f"{rid or 'the resource'} reached {state}", resource_id=rid, state=state,
                      percent=percent)


async def wait_for(fetch: Callable[[], Awaitable[Item]], reader: StateReader, *,
                   target: str | Iterable[str] | None = None, policy: WaitPolicy = WaitPolicy(),
                   on_progress: Progress | None = None, sleep: Sleep | None = None,
                   clock: Clock | None = None, resource_id: str | None = None) -> Item:
    """Poll ``fetch()`` until the resource is settled (or in ``target``); return it."""
    targets = _targets(target)
    rounds = _Rounds(policy, sleep, clock)
    while True:
        item = await fetch()
        state, percent = reader.read(item)
        if on_progress is not None:
            on_progress(state, percent)
        if reader.done(state, percent, targets):
            return item
        if state in reader.failed:
            raise _failed(resource_id, state, percent)
        await rounds.pause(resource_id or "the resource", resource_id, state, percent)


async def wait_deleted(fetch: Callable[[], Awaitable[Item]], reader: StateReader, *,
                       policy: WaitPolicy = WaitPolicy(), on_progress: Progress | None = None,
                       sleep: Sleep | None = None, clock: Clock | None = None,
                       resource_id: str | None = None) -> None:
    """Poll ``fetch()`` until it raises :class:`NotFound` (the resource is gone)."""
    rounds = _Rounds(policy, sleep, clock)
    while True:
        try:
            item = await fetch()
        except NotFound:
            if on_progress is not None:
                on_progress(None, None)
            return
        state, percent = reader.read(item)
        if on_progress is not None:
            on_progress(state, percent)
        if state in reader.failed:
            raise _failed(resource_id, state, percent)
        await rounds.pause(f"deleting {resource_id or 'the resource'}", resource_id, state,
                           percent)


async def wait_many(list_items: Callable[[], Awaitable[list[Item]]], ids: Iterable[str],
                    reader: StateReader, *, fetch_one: Callable[[str], Awaitable[Item]],
                    target: str | Iterable[str] | None = None,
                    policy: WaitPolicy = WaitPolicy(), on_progress: ManyProgress | None = None,
                    sleep: Sleep | None = None, clock: Clock | None = None) -> dict[str, Item]:
    """Wait until every id is settled, with one ``list_items()`` call per round. An id missing
    from the list (a just-created resource, a paged answer) is fetched on its own. Returns the
    last item seen per id (as projected by the list), in the order of ``ids``."""
    order = list(dict.fromkeys(ids))
    pending = set(order)
    targets = _targets(target)
    done: dict[str, Item] = {}
    rounds = _Rounds(policy, sleep, clock)
    while True:
        by_id = _by_id(await list_items())
        last: tuple[str | None, str | None, int | None] = (None, None, None)
        for rid in [r for r in order if r in pending]:
            item = by_id.get(rid)
            if item is None:
                item = await fetch_one(rid)
            state, percent = reader.read(item)
            if on_progress is not None:
                on_progress(rid, state, percent)
            if reader.done(state, percent, targets):
                done[rid] = item
                pending.discard(rid)
            elif state in reader.failed:
                raise _failed(rid, state, percent)
            else:
                last = (rid, state, percent)
        if not pending:
            return {rid: done[rid] for rid in order}
        await rounds.pause(f"{len(pending)} resource(s)", *last)


async def wait_many_deleted(list_items: Callable[[], Awaitable[list[Item]]],
                            ids: Iterable[str], reader: StateReader, *,
                            policy: WaitPolicy = WaitPolicy(),
                            on_progress: ManyProgress | None = None, sleep: Sleep | None = None,
                            clock: Clock | None = None) -> None:
    """Wait until none of ``ids`` is in the list any more (one list request per round)."""
    pending = list(dict.fromkeys(ids))
    rounds = _Rounds(policy, sleep, clock)
    while True:
        by_id = _by_id(await list_items())
        last: tuple[str | None, str | None, int | None] = (None, None, None)
        for rid in list(pending):
            item = by_id.get(rid)
            state, percent = reader.read(item) if item is not None else (None, None)
            if on_progress is not None:
                on_progress(rid, state, percent)
            if item is None:
                pending.remove(rid)
            elif state in reader.failed:
                raise _failed(rid, state, percent)
            else:
                last = (rid, state, percent)
        if not pending:
            return
        await rounds.pause(f"deleting {len(pending)} resource(s)", *last)
