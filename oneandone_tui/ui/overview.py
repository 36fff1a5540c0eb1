"""What the dashboard shows, gathered through the feed: every category's count by state, the
monitoring center's alerts, recent failures and activity from the logs, and the cost of the
last 30 days at list prices. No Textual here; every part fails on its own (a failed request
leaves that part empty and names the error) rather than blanking the whole overview."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import BAD_STATES, CATEGORIES, Category, Item, category, get, state_of
from . import metrics
from .accounting import Estimate, estimate
from .failures import FETCH_ERRORS

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
                out.append(Alert(lvl, sid, name, f"{n} {what}{'s' if n > 1 else ''} {key}"))
    if get(item, "agent.missing_agent_alert"):
        out.append(Alert("WARNING", sid, name, "monitoring agent missing"))
    return out


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
            state, _ = state_of(it)
            if state in BAD_STATES:
                name = it.get("name") or it.get("ip") or it.get("id")
                out.append(Failure(str(it.get("creation_date") or ""),
                                   f"{category(key).title}: {name} is {state}", key,
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

    results = await asyncio.gather(monitoring(), logs(), cost(), *(count(c) for c in COUNTED))
    mc, log_entries = results[0], results[1]
    ov.alerts = sorted((a for it in mc for a in alerts_of(it)),
                       key=lambda a: (a.level != "CRITICAL", a.server))
    ov.failures = failures_of(log_entries, items)
    ov.activity = sorted(log_entries, key=lambda e: str(e.get("start_date") or ""),
                         reverse=True)[:12]
    ov.counts = {c.key: ov.counts.get(c.key) for c in COUNTED}
    return ov
