"""Usages: what the account consumed during a period, per billable resource.

A resource's usage in minutes is the overlap of its life (creation date until now) with the
period, so the numbers are deterministic and add up. Each service carries one ``detail``
entry for that overlap. Deleted resources are gone from the store and are not reported, and
hardware changes are not split into several details (the emulator keeps no history of them).

Keys follow ``list-usages.json`` (``SERVERS``, ``SHARED_STORAGES``, ``IMAGES``,
``PUBLIC_IPS``) plus ``LOAD_BALANCERS``. Go's ``Usages`` struct tags differ (``IMAGES``,
``LOAD BALANCERS``, ``PUBLIC IP``, ``SERVERS``, ``SHARED STORAGE``), so a Go client sees only
``SERVERS`` and ``IMAGES``; the fixture is the only recorded body, so it wins. Items have
``id`` and ``name`` (the fixture shows both for servers and only ``name`` for the rest; Go's
``usage`` embeds ``Identity``); Go's ``site`` integer is left out (no source shows a value).
Server IPs are billed with the server (type ``IP``); unassigned ones under ``PUBLIC_IPS`` as
``UNUSED_IP``, as in the fixture.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..clock import iso, parse_date
from ..periods import Window, window
from ..routes import Request, route
from ..store import Record, Store


def _created(rec: Record) -> datetime | None:
    try:
        return parse_date(rec["creation_date"])
    except (KeyError, TypeError, ValueError):
        return None


def _overlap(win: Window, now: datetime, start: datetime | None,
             ) -> tuple[datetime, datetime] | None:
    """The part of ``[start, now]`` inside the window, or None when they do not meet (a
    resource created this very moment is listed, with 0 minutes)."""
    if start is None:
        return None
    begin, end = max(start, win.start), min(win.end, now)
    return (begin, end) if end >= begin else None


def _service(kind: str, amount: float, unit: str, span: tuple[datetime, datetime],
             name: str | None = None) -> Record:
    begin, end = span
    minutes = int((end - begin).total_seconds() // 60)
    avg = f"{amount:.2f}"
    svc: Record = {"name": name} if name is not None else {}
    svc.update({
        "type": kind,
        "avg_amount": avg,
        "unit": unit,
        "usage": minutes,
        "detail": [{"avg_amount": avg, "unit": unit, "start_date": iso(begin),
                    "end_date": iso(end), "usage": minutes}],
    })
    return svc


def _item(rec: Record, services: list[Record], name: str | None = None) -> Record:
    return {"id": rec["id"], "name": name or rec.get("name"), "services": services}


def _servers(store: Store, win: Window, now: datetime) -> list[Record]:
    out = []
    for srv in store.servers.values():
        created = _created(srv)
        span = _overlap(win, now, created)
        if span is None or created is None:
            continue
        hw = srv["hardware"]
        services = [
            _service("CPU", hw["vcore"], "vCore", span),
            _service("HDD", sum(h["size"] for h in hw["hdds"]), "GB", span),
            _service("RAM", hw["ram"], "GB", span),
        ]
        for i, ip in enumerate(store.server_ips(srv)):
            # The first IP came with the server; a later one is billed from its own creation.
            ip_created = _created(ip)
            start = created if i == 0 or ip_created is None else max(created, ip_created)
            ip_span = _overlap(win, now, start)
            if ip_span is not None:
                services.append(_service("IP", 1, "IP", ip_span, name=ip["ip"]))
        out.append(_item(srv, services))
    return out


def _simple(records: list[Record], win: Window, now: datetime, kind: str, unit: str,
            amount: Any) -> list[Record]:
    out = []
    for rec in records:
        span = _overlap(win, now, _created(rec))
        if span is not None:
            out.append(_item(rec, [_service(kind, amount(rec), unit, span)]))
    return out


def _image_size(img: Record) -> float:
    return sum(h["size"] for h in img.get("hdds") or []) or img.get("min_hdd_size") or 0


def _load_balancers(store: Store, win: Window, now: datetime) -> list[Record]:
    out = []
    for lb in store.load_balancers.values():
        span = _overlap(win, now, _created(lb))
        if span is None:
            continue
        services = [_service("LOAD_BALANCER", 1, "LB", span)]
        own = store.ips.get(lb.get("ip_id") or "")
        if own is not None:
            services.append(_service("IP", 1, "IP", span, name=own["ip"]))
        out.append(_item(lb, services))
    return out


def _unused_ips(store: Store, win: Window, now: datetime) -> list[Record]:
    out = []
    for ip in store.ips.values():
        if ip["assigned_to"] is not None:
            continue
        span = _overlap(win, now, _created(ip))
        if span is not None:
            out.append(_item(ip, [_service("UNUSED_IP", 1, "IP", span)], name=ip["ip"]))
    return out


@route("GET", "/usages", listing=True)
def list_usages(req: Request) -> Any:
    store = req.store
    win = window(req, "LAST_24H")
    assert win is not None
    now = store.when()
    return {
        "SERVERS": _servers(store, win, now),
        "SHARED_STORAGES": _simple(list(store.shared_storages.values()), win, now, "size", "GB",
                                   lambda r: r["size"]),
        "IMAGES": _simple(list(store.images.values()), win, now, "size", "GB", _image_size),
        "PUBLIC_IPS": _unused_ips(store, win, now),
        "LOAD_BALANCERS": _load_balancers(store, win, now),
    }
