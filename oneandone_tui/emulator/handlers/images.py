"""Images: the account's own images (``MY_IMAGE``) and the catalogue of importable operating
systems (``/images/os``).

An image is taken from a server (``source=server``, the SDK's default) or imported from a URL
(``source=image`` or ``iso``). It deploys for a while (``DEPLOYING``) and then becomes ``ENABLED``,
from which point it can be used as an ``appliance_id`` to create or reinstall servers.
Recurring images (``DAILY``/``WEEKLY``) are accepted and stored, but the emulator takes no
further copies: ``num_images`` is only kept and shown.

Decisions: ``server_id`` is required only for ``source=server`` (terraform docs; the Python SDK
demands it client-side for every source, Go does not); an image lands in the server's
datacenter unless ``datacenter_id`` names another. A finished new image reads ``ENABLED``: the Go
SDK's live test, Terraform, the Packer plugin and the BOSH CPI all ``WaitForState(img,
"ENABLED")`` and fail when it never comes, while the Python SDK's ``wait_for`` accepts ACTIVE
and ENABLED alike. The Python mock fixtures (``get-image.json``, ``edit-image.json``) show
``ACTIVE``, so the demo account's older images keep that state; both count as usable.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from .. import factories, validate, views
from ..errors import BadRequest, Conflict
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS
from .common import datacenter_id, ensure_idle, ensure_not_removing, resource_id
from .server_rules import find_appliance

FREQUENCIES = ("ONCE", "DAILY", "WEEKLY")
SOURCES = ("server", "image", "iso")
ISO_TYPES = ("os", "app")


def _image(req: Request) -> Record:
    return req.store.get("images", req.params["image_id"], "image")


def _log(req: Request, action: str, img: Record, chain: str | None = None,
         details: dict[str, Any] | None = None) -> None:
    seconds = CHAINS[chain].seconds if chain else 2.0
    req.store.log(action, "images", img, req.user, seconds=seconds, details=details)


def _url(body: dict[str, Any], source: str) -> str | None:
    """``url`` is what an imported image is fetched from: required for ``image``/``iso``."""
    url = validate.string(body, "url", required=source != "server")
    if url is None:
        return None
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https", "ftp") or not parsed.netloc:
        raise BadRequest(f"Field 'url' must be an http, https or ftp URL, got {url!r}.")
    return url


# -- catalogues ---------------------------------------------------------------------------------
@route("GET", "/images", listing=True)
def list_images(req: Request) -> Any:
    store = req.store
    return [views.image(store, img) for img in store.images.values()]


@route("GET", "/images/os", listing=True)
def list_image_os(req: Request) -> Any:
    """Operating systems an imported image can declare (``os_id``); Go's ``ListImageOs``."""
    return [dict(os_) for os_ in req.store.image_os.values()]


# -- create -------------------------------------------------------------------------------------
@route("POST", "/images", 202)
def create_image(req: Request) -> Any:
    store = req.store
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128)
    description = validate.string(body, "description")
    frequency = validate.enum(body, "frequency", FREQUENCIES, required=True)
    num_images = validate.integer(body, "num_images", required=True, lo=1, hi=50)
    source = validate.enum(body, "source", SOURCES) or "server"
    # Only an image taken from a server needs one (terraform docs); the Python SDK always
    # sends server_id, so a given id must exist whatever the source.
    srv = resource_id(store, body, "server_id", "servers", "server",
                      required=source == "server")
    url = _url(body, source)
    iso_type = validate.enum(body, "type", ISO_TYPES, required=source == "iso")
    os_id = validate.string(body, "os_id")
    os_rec = None
    if os_id is not None:
        os_rec = store.image_os.get(os_id)
        if os_rec is None:
            raise BadRequest(f"Field 'os_id': no importable operating system '{os_id}' "
                             f"(see GET /images/os).")
    dc = datacenter_id(store, body, default=srv["datacenter_id"] if srv else None)
    if srv is not None and source == "server":
        ensure_idle(srv)

    base: dict[str, Any] = dict(os_rec or {})
    if srv is not None and source == "server":
        app = find_appliance(store, (srv.get("image") or {}).get("id", "")) or {}
        main = next((h["size"] for h in srv["hardware"]["hdds"] if h["is_main"]), 20)
        base = {**app, **base, "min_hdd_size": max(app.get("min_hdd_size") or 20, main)}
    img = factories.image(
        store, name=name or "", server=srv if source == "server" else None,
        frequency=frequency or "ONCE", num_images=int(num_images or 1),
        description=description, source=source, url=url, os_id=os_id, image_type=iso_type,
        datacenter_id=dc, appliance=base)
    if srv is not None and source != "server":
        img["server_id"] = srv["id"]
    store.begin("images", img, "image.create", "ENABLED")
    _log(req, "CREATE", img, "image.create", {"source": source, "frequency": frequency})
    return views.image(store, img)


# -- one image ----------------------------------------------------------------------------------
@route("GET", "/images/{image_id}")
def get_image(req: Request) -> Any:
    return views.image(req.store, _image(req))


@route("PUT", "/images/{image_id}")
def modify_image(req: Request) -> Any:
    img = _image(req)
    ensure_not_removing(img, "image")
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    frequency = validate.enum(body, "frequency", FREQUENCIES)
    if frequency is not None and frequency != "ONCE" and frequency != img["frequency"]:
        raise BadRequest(f"Field 'frequency' can only be changed to ONCE (stops the automatic "
                         f"images), got {frequency!r}.")
    if name is None and description is None and frequency is None:
        raise BadRequest("Give 'name', 'description' and/or 'frequency' to modify an image.")
    if name is not None:
        img["name"] = name
    if description is not None:
        img["description"] = description
    if frequency is not None:
        img["frequency"] = frequency
    _log(req, "UPDATE", img)
    return views.image(req.store, img)


@route("DELETE", "/images/{image_id}", 202)
def delete_image(req: Request) -> Any:
    img = _image(req)
    ensure_not_removing(img, "image")
    if img["state"] == "DEPLOYING":
        raise Conflict(f"Image '{img['name']}' is still being created (DEPLOYING); delete it "
                       f"once it is ENABLED.")
    req.store.remove("images", img)
    _log(req, "DELETE", img, "resource.remove")
    return views.image(req.store, img)
