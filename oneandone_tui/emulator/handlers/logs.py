"""Logs: the entries every mutation writes (``store.log``), newest first.

``period`` selects entries that *started* inside the window. The Python SDK always sends one
(``LAST_24H`` by default), Go sends whatever its caller gives (an empty ``period=`` counts as
none); without a period every entry is listed, so nothing an SDK-less client wrote is hidden.
An explicit ``sort`` replaces the newest-first order (ANS uses ``sort=-start_date``).
"""

from __future__ import annotations

from typing import Any

from .. import views
from ..errors import not_found
from ..periods import window
from ..routes import Request, route


@route("GET", "/logs", listing=True)
def list_logs(req: Request) -> Any:
    store = req.store
    win = window(req, default=None)
    entries = store.logs
    if win is not None:
        entries = [e for e in entries if win.contains(store.when(e["_start"]))]
    # Newest first; of entries that started together, the one written last comes first.
    order = sorted(range(len(entries)), key=lambda i: (entries[i]["_start"], i), reverse=True)
    return [views.log(store, entries[i]) for i in order]


@route("GET", "/logs/{log_id}")
def get_log(req: Request) -> Any:
    log_id = req.params["log_id"]
    for entry in req.store.logs:
        if entry["id"] == log_id:
            return views.log(req.store, entry)
    raise not_found("log", log_id)
