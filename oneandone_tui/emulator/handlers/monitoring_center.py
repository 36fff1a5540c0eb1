"""Monitoring center: the current state of every server's checks, and one server's usage series.

The numbers come from ``series.py`` (deterministic in seed, server id and time). What this
module adds is the account's state: the thresholds of the server's monitoring policy (the
defaults when it has none), when the server existed and was powered on (its creation date and
the POWER_ON/POWER_OFF entries of its log), and the alerts the seed gave some servers, which
make their charts climb to the level the alert reports. The status texts and alert counts of
the list and of the detail are computed by the same function from the value at "now", so the
two never disagree.

Choices where the sources disagree (see ``fixtures/INDEX.md``): list items carry ``alerts``
(Go's ``MonServerUsageSummary``; one fixture item spells it ``alerts_count``); the detail
carries ``alerts_count`` (``get-usage.json``) and the same object again as ``alerts`` (Go's
``MonServerUsageDetails``). The detail always has ``disk`` (Go models it; ``get-usage.json``
lacks it). A powered-off server reads 0 for cpu, ram and transfer and its ping, port and
process checks are paused (``ok``); its disk keeps its usage and is still judged.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Any

from .. import factories, series
from ..clock import iso_z, parse_date
from ..listing import Lazy
from ..periods import window
from ..routes import Request, route
from ..store import Record, Store
from .common import server

#: Server states in which nothing runs on the machine.
OFF_STATES = frozenset({"POWERED_OFF", "POWERING_ON", "DEPLOYING"})
#: Share of port/process checks that find the port responding / the process running.
UP_SHARE = 0.85
#: Share of servers under an agent policy that have the agent installed.
AGENT_SHARE = 0.75
#: Where an alert gives no number: the level its chart climbs to.
HOT_DEFAULTS = {"critical": 97.0, "warning": 85.0}


# -- the machine behind a server ------------------------------------------------------------------
def _unix(store: Store, seconds: float | None = None) -> float:
    return store.when(seconds).timestamp()


def _created(srv: Record) -> float:
    try:
        return parse_date(srv["creation_date"]).timestamp()
    except (KeyError, ValueError):
        return -math.inf


def is_on(srv: Record) -> bool:
    return srv["state"] not in OFF_STATES


def power_intervals(store: Store, srv: Record, created: float, now: float,
                    ) -> tuple[tuple[float, float], ...]:
    """Powered-on intervals, walked back from the current state through the server's finished
    POWER_ON/POWER_OFF log entries. An entry that contradicts what we know of the later state
    (a seeded history can) is skipped, so the result always ends in the current state."""
    events = []
    for entry in store.logs:
        if entry["resource"]["id"] == srv["id"] and entry["type"] == "VM" \
                and entry["action"] in ("POWER_ON", "POWER_OFF"):
            end = _unix(store, entry["_end"])
            if created <= end <= now:
                events.append((end, entry["action"] == "POWER_ON"))
    events.sort(reverse=True)
    on, cursor = is_on(srv), math.inf
    spans: list[tuple[float, float]] = []
    for when, turned_on in events:
        if turned_on != on:
            continue
        if on:
            spans.append((when, cursor))
        cursor, on = when, not on
    if on:
        spans.append((created, cursor))
    return tuple(reversed(spans))


def _hot(store: Store, srv: Record) -> dict[str, tuple[float, float]]:
    """Metrics the server's alerts say are high, as ``(level, since)``."""
    alerts = srv.get("alerts")
    if not isinstance(alerts, dict):
        return {}
    hot: dict[str, tuple[float, float]] = {}
    for severity in ("warning", "critical"):  # critical wins when both name a metric
        for alert in alerts.get(severity) or []:
            metric = alert.get("type")
            if metric not in series.PERCENT_METRICS:
                continue
            level = HOT_DEFAULTS[severity]
            for word in str(alert.get("description", "")).split():
                if word.endswith("%") and word[:-1].replace(".", "", 1).isdigit():
                    level = float(word[:-1])
            try:
                date = datetime.strptime(alert.get("date", ""), "%Y-%m-%d %H:%M:%S")
                since = date.replace(tzinfo=timezone.utc).timestamp() - 1800
            except ValueError:
                since = _unix(store) - 7200
            hot[metric] = (level, since)
    return hot


def machine(store: Store, srv: Record, *, history: bool) -> series.Machine:
    """The series source of a server. Without ``history`` only the current power state counts
    (enough for values at "now", and cheap for a list of thousands)."""
    created = _created(srv)
    now = _unix(store)
    if history:
        on = power_intervals(store, srv, created, now)
    else:
        on = ((created, math.inf),) if is_on(srv) else ()
    return series.Machine(store.seed, srv["id"], created, on, _hot(store, srv))


def thresholds(store: Store, srv: Record) -> dict[str, Any]:
    mp = store.monitoring_policies.get(srv.get("monitoring_policy_id") or "")
    return mp["thresholds"] if mp else factories.thresholds()


# -- checks at "now" ---------------------------------------------------------------------------
def _is_windows(store: Store, srv: Record) -> bool:
    image_id = (srv.get("image") or {}).get("id") or ""
    app = store.server_appliances.get(image_id) or store.images.get(image_id) or {}
    return app.get("os_family") == "Windows"


def _probe_address(store: Store, srv: Record) -> str:
    k = series.key_of(store.seed, srv["id"], "probe")
    return f"10.{int(series.unit(k, 0) * 254) + 1}.{int(series.unit(k, 1) * 254) + 1}." \
           f"{int(series.unit(k, 2) * 253) + 2}"


def _texts(store: Store, srv: Record, m: series.Machine, t: float, now: series.Reading,
           levels: dict[str, str]) -> dict[str, str]:
    hw = srv["hardware"]
    cores, k = [], m.key("cores")
    for i in range(min(int(hw.get("vcore") or 1), 16)):
        core = now.cpu + 6.0 * series.noise(k + i, t, 600) if now.cpu else 0.0
        cores.append(f"CPU{i} {max(0.0, min(100.0, core)):.0f}% used")
    disk_gb = sum(h["size"] for h in hw.get("hdds") or []) * now.disk / 100.0
    ram_mb = int(float(hw.get("ram") or 1) * 1024 * now.ram / 100)
    mount = "C:" if _is_windows(store, srv) else "/"
    addr = _probe_address(store, srv)
    ping_text = f"{levels['internal_ping']} - {addr}: rta {now.rta:.3f}ms, lost {now.loss:.0f}%"
    if not m.is_on(t):
        ping_text = f"{levels['internal_ping']} - {addr}: server is powered off, checks paused"
    return {
        "cpu": f"CPU usage: {levels['cpu']} - CPU_Total {now.cpu:.0f}% used: " + ": ".join(cores),
        "ram": f"RAM usage: {levels['ram']} {ram_mb}MB ({now.ram:.0f}%) used",
        "disk": f"Disk usage: {levels['disk']} {mount} {disk_gb:.2f}GB ({now.disk:.0f}%) used",
        "transfer": f"Network traffic: {levels['transfer']} - {now.down / 1000:.0f} Kbps "
                    f"received: {now.up / 1000:.0f} Kbps transmitted:",
        "internal_ping": ping_text,
    }


def _count(results: list[str]) -> dict[str, int]:
    return {"critical": results.count("CRITICAL"), "warning": results.count("WARNING"),
            "ok": results.count("OK")}


def checks(store: Store, srv: Record, m: series.Machine) -> dict[str, Any]:
    """Status texts, per-metric levels, alert counts and agent flags at "now"."""
    t = _unix(store)
    th = thresholds(store, srv)
    on = m.is_on(t)
    now = series.read(m, t)
    levels = {metric: series.level(now.measure(metric), th[metric]["warning"]["value"],
                                   th[metric]["critical"]["value"])
              for metric in series.METRICS}
    mp = store.monitoring_policies.get(srv.get("monitoring_policy_id") or "")
    needs_agent = bool(mp and mp["agent"])
    installed = bool(mp) and series.unit(m.key("agent")) < AGENT_SHARE
    ports, procs = [], []
    for port in (mp or {}).get("ports", []):
        up = series.unit(m.key("port", port["id"])) < UP_SHARE
        alert = on and up == (port["alert_if"] == "RESPONDING")
        ports.append("CRITICAL" if alert else "OK")
    if installed:
        for proc in (mp or {}).get("processes", []):
            running = series.unit(m.key("process", proc["id"])) < UP_SHARE
            alert = on and running == (proc["alert_if"] == "RUNNING")
            procs.append("CRITICAL" if alert else "OK")
    return {
        "levels": levels,
        "texts": _texts(store, srv, m, t, now, levels),
        "alerts": {"resources": _count(list(levels.values())), "ports": _count(ports),
                   "process": _count(procs)},
        "agent": {"agent_installed": installed, "monitoring_needs_agent": needs_agent,
                  "missing_agent_alert": needs_agent and not installed},
    }


# -- endpoints ------------------------------------------------------------------------------------
def summary(store: Store, srv: Record) -> Record:
    c = checks(store, srv, machine(store, srv, history=False))
    status: dict[str, Any] = {"state": srv["state"]}
    for metric in series.METRICS:
        status[metric] = {"state": c["texts"][metric]}
    return {"id": srv["id"], "name": srv["name"], "status": status, "alerts": c["alerts"],
            "agent": c["agent"]}


@route("GET", "/monitoring_center", listing=True)
def list_usages(req: Request) -> Any:
    store = req.store
    # Lazy: ``fields=id`` (counting) or a page does not compute every server's checks.
    return Lazy(list(store.servers.values()), lambda s: summary(store, s),
                cheap={"id": lambda s: s["id"], "name": lambda s: s["name"]})


def _date(t: float) -> str:
    return iso_z(datetime.fromtimestamp(t, timezone.utc))


@route("GET", "/monitoring_center/{server_id}")
def get_usage(req: Request) -> Any:
    store = req.store
    srv = server(req)
    win = window(req, "LAST_24H")
    assert win is not None
    m = machine(store, srv, history=True)
    c = checks(store, srv, m)
    th = thresholds(store, srv)
    step = series.bucket_for(win.seconds, win.period)
    ends = [t for t in series.bucket_ends(win.start.timestamp(), win.end.timestamp(), step)
            if t >= m.created]
    dates = [_date(t) for t in ends]

    def block(metric: str, data: list[Record], unit: dict[str, str]) -> Record:
        return {"warning": th[metric]["warning"]["value"],
                "critical": th[metric]["critical"]["value"],
                "data": data, "unit": unit, "status": c["texts"][metric]}

    out: Record = {"id": srv["id"], "name": srv["name"], "status": {"state": srv["state"]},
                   "alerts_count": c["alerts"], "alerts": c["alerts"], "agent": c["agent"]}
    for metric in series.PERCENT_METRICS:
        values = series.percent_series(m, metric, ends, step)
        out[metric] = block(metric, [{"date": d, "used_percent": v}
                                     for d, v in zip(dates, values, strict=True)],
                            {"used_percent": "%"})
    out["transfer"] = block("transfer", [
        {"date": d, "downstream": down, "upstream": up}
        for d, (down, up) in zip(dates, series.transfer_series(m, ends, step), strict=True)],
        {"downstream": "bps", "upstream": "bps"})
    out["internal_ping"] = block("internal_ping", [
        {"date": d, "pl": pl, "rta": rta}
        for d, (pl, rta) in zip(dates, series.ping_series(m, ends, step), strict=True)],
        {"pl": "%", "rta": "ms"})
    return out
