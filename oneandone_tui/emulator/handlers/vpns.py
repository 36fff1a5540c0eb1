"""VPNs: the collection, one VPN and its client configuration file.

A new VPN is ``CONFIGURING`` then ``ACTIVE`` (the Go SDK and Terraform wait for ``ACTIVE``);
deletion is ``REMOVING`` then gone. The configuration file is a real zip archive, built in
memory and byte-for-byte deterministic, holding an OpenVPN client profile that names the VPN's
address.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from typing import Any

from .. import factories, validate, views
from ..clock import parse_date
from ..errors import BadRequest, Conflict
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS
from .common import datacenter_id

OVPN_PORT = 1194


def _vpn(req: Request) -> Record:
    return req.store.get("vpns", req.params["vpn_id"], "VPN")


def _log(req: Request, action: str, rec: Record, chain: str | None = None,
         details: dict[str, Any] | None = None) -> None:
    seconds = CHAINS[chain].seconds if chain else 1.0
    req.store.log(action, "vpns", rec, req.user, seconds=seconds, details=details)


def _ensure_live(rec: Record) -> None:
    if rec["state"] == "REMOVING":
        raise Conflict(f"The VPN '{rec['name']}' is being removed.")


# -- the collection ---------------------------------------------------------------------------
@route("GET", "/vpns", listing=True)
def list_vpns(req: Request) -> Any:
    return [views.vpn(req.store, v) for v in req.store.vpns.values()]


@route("POST", "/vpns", 202)
def create_vpn(req: Request) -> Any:
    store = req.store
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128) or ""
    description = validate.string(body, "description")
    dc = datacenter_id(store, body)
    rec = factories.vpn(store, name=name, datacenter_id=dc, description=description,
                        state="CONFIGURING")
    store.begin("vpns", rec, "resource.create", "ACTIVE")
    _log(req, "CREATE", rec, "resource.create")
    return views.vpn(store, rec)


# -- one VPN ----------------------------------------------------------------------------------
@route("GET", "/vpns/{vpn_id}")
def get_vpn(req: Request) -> Any:
    return views.vpn(req.store, _vpn(req))


@route("PUT", "/vpns/{vpn_id}")
def modify_vpn(req: Request) -> Any:
    rec = _vpn(req)
    _ensure_live(rec)
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    if name is None and description is None:
        raise BadRequest("Give 'name' and/or 'description' to modify a VPN.")
    if name is not None:
        rec["name"] = name
    if description is not None:
        rec["description"] = description
    _log(req, "UPDATE", rec)
    return views.vpn(req.store, rec)


@route("DELETE", "/vpns/{vpn_id}", 202)
def delete_vpn(req: Request) -> Any:
    rec = _vpn(req)
    _ensure_live(rec)
    req.store.remove("vpns", rec)
    _log(req, "DELETE", rec, "resource.remove")
    return views.vpn(req.store, rec)


@route("GET", "/vpns/{vpn_id}/configuration_file")
def configuration_file(req: Request) -> Any:
    rec = _vpn(req)
    _ensure_live(rec)
    return {"config_zip_file": base64.b64encode(config_zip(rec)).decode("ascii")}


# -- the configuration archive ------------------------------------------------------------------
def _pem(label: str, seed: str, size: int) -> str:
    """A PEM-framed block of deterministic bytes: the shape of a certificate or key, so the
    profile looks like the real thing (it is not a usable credential)."""
    raw = b""
    counter = 0
    while len(raw) < size:
        raw += hashlib.sha256(f"{seed}:{label}:{counter}".encode()).digest()
        counter += 1
    text = base64.b64encode(raw[:size]).decode("ascii")
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"])


def ovpn_profile(rec: Record) -> str:
    remote = rec["ips"][0] if rec["ips"] else "127.0.0.1"
    return "\n".join([
        f"# 1&1 Cloud Server SSL VPN '{rec['name']}' ({rec['id']})",
        "client",
        "dev tun",
        "proto udp",
        f"remote {remote} {OVPN_PORT}",
        "resolv-retry infinite",
        "nobind",
        "persist-key",
        "persist-tun",
        "remote-cert-tls server",
        "cipher AES-256-CBC",
        "auth SHA256",
        "verb 3",
        "<ca>",
        _pem("CERTIFICATE", rec["id"] + ":ca", 720),
        "</ca>",
        "<cert>",
        _pem("CERTIFICATE", rec["id"] + ":client", 720),
        "</cert>",
        "<key>",
        _pem("PRIVATE KEY", rec["id"] + ":key", 1216),
        "</key>",
        "",
    ])


def config_zip(rec: Record) -> bytes:
    """The zip archive (one ``<name>.ovpn``), stamped with the VPN's creation time so the same
    VPN always yields the same bytes."""
    import zipfile  # here, not with the routes: the demo's first frame needs no zip (~0.7 ms)

    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", rec["name"]).strip("._") or "vpn"
    created = parse_date(rec["creation_date"])
    stamp = (max(1980, created.year), created.month, created.day, created.hour,
             created.minute, created.second - created.second % 2)
    info = zipfile.ZipInfo(f"{stem}.ovpn", date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr(info, ovpn_profile(rec))
    return buf.getvalue()
