"""What the dashboard shows, read from the account state (``from_state``; ``gather`` fetches the
same through the feed for callers without a state): every category's count by state, the
monitoring center's alerts, recent failures and activity from the logs, and the cost of the
last 30 days at list prices. No Textual here; every part fails on its own (a failed request
leaves that part without data and names the error) rather than blanking the whole overview.

Server alerts have one source: the monitoring center (``GET /monitoring_center``). It
evaluates each server's monitoring policy now (resource thresholds, port and process checks,
the agent), while a server object's own ``alerts`` field lists only resource alerts as last
recorded and knows nothing of port or process checks: "db-replica: 1 process check
critical" is in the first and not in the second. The dashboard, the monitoring center screen
and a server's detail all show :func:`alerts_of` of the monitoring center's item."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import BAD_STATES, CATEGORIES, Category, Item, category, get, state_of
from . import metrics
from .accounting import Estimate, estimate
from .failures import FETCH_ERRORS
from .safe import clean

#: Categories counted on the dashboard: the account's own resources (not catalogues).
COUNTED = tuple(c for c in CATEGORIES
                if c.stateful and c.key not in ("monitoring_center", "logs", "usages"))
LOG_PERIOD, USAGE_PERIOD = "LAST_7D", "LAST_30D"
GOOD_LOG_STATES = frozenset({"OK", "COMPLETED", "RUNNING", "PENDING"})


@dataclass(frozen=True)
class Alert:
    level: str  # CRITICAL or WARNING
    server_id: str
    server: str
    what: str
    #: How many checks this line stands for ("2 port checks critical").
    n: int = 1


@dataclass(frozen=True)
class Failure:
    when: str
    text: str
    category: str
    id: str


@dataclass
class Overview:
    counts: dict[str, int | None] = field(default_factory=dict)
    states: dict[str, Counter[str]] = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    activity: list[Item] = field(default_factory=list)
    estimate: Estimate | None = None
    errors: dict[str, str] = field(default_factory=dict)
    #: Parts shown from data kept after an error: the error.
    stale: dict[str, str] = field(default_factory=dict)
    #: The lists that have data (a part with neither data nor error is still loading).
    loaded: set[str] = field(default_factory=set)


def alerts_of(item: Item) -> list[Alert]:
    out: list[Alert] = []
    sid, name = str(item.get("id")), str(item.get("name") or item.get("id"))
    for spec in metrics.METRICS:
        text = metrics.status_text(item, spec.key)
        lvl = metrics.status_level(text)
        if lvl in ("WARNING", "CRITICAL"):
            value = metrics.fmt(spec.key, metrics.status_value(spec.key, text))
            out.append(Alert(lvl, sid, name, f"{spec.title} {value}"))
    groups = item.get("alerts") or item.get("alerts_count") or {}
    for group, what in (("ports", "port check"), ("process", "process check")):
        counts = groups.get(group) or {}
        for lvl, key in (("CRITICAL", "critical"), ("WARNING", "warning")):
            n = int(counts.get(key) or 0)
            if n:
                out.append(Alert(lvl, sid, name, f"{n} {what}{'s' if n > 1 else ''} {key}", n))
    if get(item, "agent.missing_agent_alert"):
        out.append(Alert("WARNING", sid, name, "monitoring agent missing"))
    return out


def alert_totals(item: Item) -> tuple[int, int]:
    """(critical, warning) checks of one monitoring-center item, counted as the dashboard
    lists them (the monitoring center's column and the detail say the same)."""
    alerts = alerts_of(item)
    return (sum(a.n for a in alerts if a.level == "CRITICAL"),
            sum(a.n for a in alerts if a.level == "WARNING"))


def server_alerts_text(state: Any, server_id: str) -> str:
    """A server's alerts as its detail says them: from the monitoring center (the one
    source, see the module's docstring), "none" only when the monitoring center answered."""
    entry = state.lists.get("monitoring_center")
    if entry is None or not entry.loaded:
        if entry is not None and entry.error:
            return f"unknown: could not load the monitoring center: {clean(entry.error)}"
        return "… (asking the monitoring center)"
    item = entry.by_id().get(server_id)
    alerts = alerts_of(item) if item is not None else []
    text = "; ".join(f"{a.level.lower()}: {a.what}" for a in alerts) or "none"
    if item is None:
        text = "none (not in the monitoring center)"
    return f"{text} (stale: {clean(entry.error)})" if entry.error else text


#: Every list the dashboard reads from the account state.
DASHBOARD_LISTS = (*(c.key for c in COUNTED), "monitoring_center", "logs", "usages",
                   "pricing")


def from_state(state: Any) -> Overview:
    """The overview of what the account state holds now. A part whose list never arrived
    says its error (``errors``); a part whose data is kept after an error is in ``stale``
    with that error."""
    ov = Overview()
    items: dict[str, list[Item]] = {}

    def entry_of(key: str) -> Any:
        entry = state.lists.get(key)
        if entry is not None and entry.error is not None:
            (ov.stale if entry.loaded else ov.errors)[key] = entry.error
        return entry if entry is not None and entry.loaded else None

    for cat in COUNTED:
        entry = entry_of(cat.key)
        if entry is None:
            ov.counts[cat.key] = None
            continue
        its = entry.items
        items[cat.key] = its
        ov.counts[cat.key] = len(its)
        ov.states[cat.key] = Counter(state_of(i)[0] or "—" for i in its)
    mc = entry_of("monitoring_center")
    logs = entry_of("logs")
    ov.alerts = sorted((a for it in (mc.items if mc else []) for a in alerts_of(it)),
                       key=lambda a: (a.level != "CRITICAL", a.server))
    log_entries = logs.items if logs else []
    ov.failures = failures_of(log_entries, items)
    ov.activity = sorted(log_entries, key=lambda e: str(e.get("start_date") or ""),
                         reverse=True)[:12]
    usages, pricing = entry_of("usages"), entry_of("pricing")
    if usages is not None and pricing is not None:
        ov.estimate = estimate(usages.raw, pricing.raw)
    elif ov.errors.get("usages") or ov.errors.get("pricing"):
        ov.errors["pricing"] = ov.errors.get("usages") or ov.errors["pricing"]
    ov.loaded = {k for k in DASHBOARD_LISTS if (state.lists.get(k) is not None
                                                 and state.lists[k].loaded)}
    return ov


def failures_of(logs: list[Item], items: dict[str, list[Item]]) -> list[Failure]:
    out = []
    for e in logs:
        state = str(get(e, "status.state") or "")
        if state and state not in GOOD_LOG_STATES:
            out.append(Failure(str(e.get("start_date") or ""),
                               f"{e.get('action')} {get(e, 'resource.name') or ''}: {state}",
                               "logs", str(e.get("id"))))
    for key, its in items.items():
        for it in its:
            bad, _ = state_of(it)
            if bad in BAD_STATES:
                name = it.get("name") or it.get("ip") or it.get("id")
                out.append(Failure(str(it.get("creation_date") or ""),
                                   f"{category(key).title}: {name} is {bad}", key,
                                   str(it.get("id"))))
    return sorted(out, key=lambda f: f.when, reverse=True)


async def gather(feed: Any) -> Overview:
    ov = Overview()
    items: dict[str, list[Item]] = {}

    async def count(cat: Category) -> None:
        try:
            its = await feed.items(cat)
        except FETCH_ERRORS as exc:
            ov.counts[cat.key] = None
            ov.errors[cat.key] = str(exc)
            return
        items[cat.key] = its
        ov.counts[cat.key] = len(its)
        ov.states[cat.key] = Counter(state_of(i)[0] or "—" for i in its)

    async def monitoring() -> list[Item]:
        try:
            return await feed.items(category("monitoring_center"))
        except FETCH_ERRORS as exc:
            ov.errors["monitoring_center"] = str(exc)
            return []

    async def logs() -> list[Item]:
        try:
            return await feed.items(category("logs"), period=LOG_PERIOD)
        except FETCH_ERRORS as exc:
            ov.errors["logs"] = str(exc)
            return []

    async def cost() -> None:
        try:
            usages, pricing = await asyncio.gather(
                feed.call("usages", "list", USAGE_PERIOD), feed.call("pricing", "get"))
        except FETCH_ERRORS as exc:
            ov.errors["pricing"] = str(exc)
            return
        ov.estimate = estimate(usages, pricing)

    mc, log_entries, _, _ = await asyncio.gather(
        monitoring(), logs(), cost(), asyncio.gather(*(count(c) for c in COUNTED)))
    ov.alerts = sorted((a for it in mc for a in alerts_of(it)),
                       key=lambda a: (a.level != "CRITICAL", a.server))
    ov.failures = failures_of(log_entries, items)
    ov.activity = sorted(log_entries, key=lambda e: str(e.get("start_date") or ""),
                         reverse=True)[:12]
    ov.counts = {c.key: ov.counts.get(c.key) for c in COUNTED}
    return ov
