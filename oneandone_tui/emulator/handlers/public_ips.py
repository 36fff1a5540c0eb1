"""Public IPs: every address of the account, assigned (to a server or a load balancer) or spare.

They are the same records as a server's IPs (``store.ips``): assigning happens on the server side
(``POST /servers`` with ``ip_id``, ``/servers/{id}/ips``), and ``assigned_to`` is derived when
rendering, so ``/public_ips`` and ``/servers/{id}`` cannot disagree.

Creating answers ``201`` with the IP already ``ACTIVE`` (``create-public-ip.json``). Deleting
answers ``200`` with the IP ``CONFIGURING`` (``delete-public-ip.json``); it then reads ``REMOVING``
(what the Go SDK's tests poll for) and disappears.
"""

from __future__ import annotations

import re
from typing import Any

from .. import validate, views
from ..errors import BadRequest, Conflict
from ..listing import Lazy
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS
from .common import datacenter_id

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def _ip(req: Request) -> Record:
    return req.store.get("ips", req.params["ip_id"], "public IP")


def _ensure_live(ip: Record) -> None:
    """An IP being released (CONFIGURING, then REMOVING) takes no other change."""
    if ip["state"] in ("CONFIGURING", "REMOVING"):
        raise Conflict(f"The IP {ip['ip']} is being released ({ip['state']}).")


def _log(req: Request, action: str, ip: Record, chain: str | None = None,
         details: dict[str, Any] | None = None) -> None:
    seconds = CHAINS[chain].seconds if chain else 2.0
    req.store.log(action, "ips", ip, req.user, seconds=seconds, details=details)


def _reverse_dns(body: dict[str, Any]) -> str | None:
    """A host name (``example.com``, an optional final dot); empty or absent means none."""
    value = validate.string(body, "reverse_dns", max_len=253)
    if not value:
        return None
    labels = value[:-1].split(".") if value.endswith(".") else value.split(".")
    if not all(_LABEL.match(label) for label in labels):
        raise BadRequest(f"Field 'reverse_dns' must be a host name such as 'www.example.com', "
                         f"got {value!r}.")
    return value


@route("GET", "/public_ips", listing=True)
def list_public_ips(req: Request) -> Any:
    store = req.store
    # Lazy: a page, or ``fields=id`` (counting), renders only what it returns.
    return Lazy(list(store.ips.values()), lambda ip: views.public_ip(store, ip),
                cheap={"id": lambda ip: ip["id"], "ip": lambda ip: ip["ip"]})


@route("POST", "/public_ips", 201)
def create_public_ip(req: Request) -> Any:
    store = req.store
    body = req.json()
    ip_type = validate.enum(body, "type", ("IPV4", "IPV6")) or "IPV4"
    reverse_dns = _reverse_dns(body)
    dc = datacenter_id(store, body)
    ip = store.create_ip(dc, ip_type, reverse_dns)
    _log(req, "CREATE", ip, details={"type": ip_type})
    return views.public_ip(store, ip)


@route("GET", "/public_ips/{ip_id}")
def get_public_ip(req: Request) -> Any:
    return views.public_ip(req.store, _ip(req))


@route("PUT", "/public_ips/{ip_id}")
def modify_public_ip(req: Request) -> Any:
    """Sets the reverse DNS; omitting it (or sending null) clears it (PY docs/reference.md)."""
    ip = _ip(req)
    _ensure_live(ip)
    reverse_dns = _reverse_dns(req.json())
    before = ip["reverse_dns"]
    ip["reverse_dns"] = reverse_dns
    _log(req, "UPDATE", ip, details={"before": before, "after": reverse_dns})
    return views.public_ip(req.store, ip)


@route("DELETE", "/public_ips/{ip_id}")
def delete_public_ip(req: Request) -> Any:
    store = req.store
    ip = _ip(req)
    _ensure_live(ip)
    if ip.get("assigned_to") is not None:
        owner = views.public_ip(store, ip)["assigned_to"]
        what = (f"{owner['type'].lower().replace('_', ' ')} '{owner['name']}'" if owner
                else "a resource")
        raise Conflict(f"The IP {ip['ip']} is assigned to {what}; remove it there first.")
    store.remove("ips", ip, lambda: store.release_ip(ip, delete=True), chain_name="ip.remove")
    _log(req, "DELETE", ip, "ip.remove")
    return views.public_ip(store, ip)
