"""State chains as data, advanced by the clock (moto's ``ManagedState``, made time-driven).

A mutation does not finish inside the request: it answers with the resource in a transitional
state (``DEPLOYING``, ``CONFIGURING``...) and registers a :class:`Transition` here. Every request
first calls :meth:`Transitions.advance`, which moves each pending transition along its steps by
the emulated time that has passed, updates ``state`` and ``percent`` on the record, and at the end
sets the final state (or deletes the record) and runs the completion callback.

Durations are realistic seconds; the clock's time scale makes them pass faster in demos.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: ``final`` value meaning "the resource disappears at the end" (then GET answers 404).
GONE = "__gone__"


@dataclass(frozen=True)
class Step:
    state: str
    seconds: float


@dataclass(frozen=True)
class Chain:
    """An ordered list of transitional steps. The final state is given when the chain starts,
    because it often depends on the request (``power_on=false``) or on the previous state."""

    steps: tuple[Step, ...]

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)


def chain(*steps: tuple[str, float]) -> Chain:
    return Chain(tuple(Step(state, secs) for state, secs in steps))


#: Every chain the emulator uses, by name. Durations are what the live API roughly takes.
CHAINS: dict[str, Chain] = {
    "server.create": chain(("DEPLOYING", 180)),
    "server.clone": chain(("DEPLOYING", 240)),
    "server.reinstall": chain(("DEPLOYING", 150)),
    "server.power_on": chain(("POWERING_ON", 40)),
    "server.power_off": chain(("POWERING_OFF", 30)),
    "server.reboot": chain(("REBOOTING", 60)),
    "server.configure": chain(("CONFIGURING", 45)),
    "server.configure_short": chain(("CONFIGURING", 20)),
    "server.remove": chain(("REMOVING", 60)),
    "image.create": chain(("DEPLOYING", 120)),
    "resource.create": chain(("CONFIGURING", 30)),
    "resource.configure": chain(("CONFIGURING", 15)),
    "resource.remove": chain(("REMOVING", 20)),
    # A released public IP: CONFIGURING first (delete-public-ip.json), REMOVING after (Go tests).
    "ip.remove": chain(("CONFIGURING", 5), ("REMOVING", 15)),
    "user.create": chain(("CREATING", 10)),
    "user.configure": chain(("CONFIGURING", 5)),
    "storage.create": chain(("CONFIGURING", 40)),
    "sshkey.remove": chain(("DELETING", 10)),
    "log.run": chain(("RUNNING", 0)),
}


@dataclass
class Transition:
    collection: dict[str, dict[str, Any]]
    record_id: str
    chain: Chain
    started: float
    final: str
    on_done: Callable[[], None] | None = None
    on_step: Callable[[str, int], None] | None = None
    done: bool = field(default=False)


class Transitions:
    """Pending transitions, keyed by record id (one at a time per record: a new one replaces the
    old, as the API serialises operations on one resource)."""

    def __init__(self) -> None:
        self._pending: dict[str, Transition] = {}

    def __contains__(self, record_id: str) -> bool:
        return record_id in self._pending

    def __len__(self) -> int:
        return len(self._pending)

    def start(
        self,
        collection: dict[str, dict[str, Any]],
        record: dict[str, Any],
        chain_name: str,
        final: str,
        now: float,
        on_done: Callable[[], None] | None = None,
    ) -> Transition:
        ch = CHAINS[chain_name]
        t = Transition(collection, record["id"], ch, now, final, on_done)
        self._pending[record["id"]] = t
        self._apply(t, record, 0.0)
        return t

    def cancel(self, record_id: str) -> None:
        self._pending.pop(record_id, None)

    def latest_end(self) -> float:
        return max((t.started + t.chain.seconds for t in self._pending.values()), default=0.0)

    def advance(self, now: float) -> None:
        if not self._pending:
            return
        for rid, t in list(self._pending.items()):
            record = t.collection.get(rid)
            if record is None:
                del self._pending[rid]
                continue
            elapsed = now - t.started
            if elapsed >= t.chain.seconds:
                del self._pending[rid]
                if t.final == GONE:
                    t.collection.pop(rid, None)
                else:
                    record["state"] = t.final
                    record["percent"] = None
                if t.on_done is not None:
                    t.on_done()
            else:
                self._apply(t, record, elapsed)

    @staticmethod
    def _apply(t: Transition, record: dict[str, Any], elapsed: float) -> None:
        offset = 0.0
        for step in t.chain.steps:
            if elapsed < offset + step.seconds or step is t.chain.steps[-1]:
                break
            offset += step.seconds
        total = t.chain.seconds or 1.0
        record["state"] = step.state
        # Percent of the whole operation, never 0 (the API shows work has begun) nor 100.
        record["percent"] = max(1, min(99, int(elapsed * 100 / total)))
