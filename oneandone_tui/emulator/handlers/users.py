"""Users: the collection, one user, its API access (active flag, key, allowed IPs) and the
permissions of the caller's role.

States: a new user is ``CREATING`` then ``ACTIVE``; a modification or a new API key shows
``CONFIGURING`` for a moment (``modify-user.json``, ``change-api-key.json``); deletion is
``REMOVING`` then gone. ``state: DISABLE`` (the Python SDK's spelling; Go sends ``DISABLED``) is
stored and rendered as ``DISABLED``, the state the demo account and ``core.py`` use: a disabled
user's token is refused with 401, as is the token of a user whose API access is inactive.

The emulator has no client address, so ``allowed_ips`` are stored and shown but never enforced.
Changes that would lock the caller out (deleting, disabling or switching off the API access of
the user making the request) are refused with 409.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from .. import catalogue_data, factories, validate, views
from ..errors import BadRequest, Conflict, not_found
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS
from .common import ensure_not_removing

#: States a user settles in; the others are transitional.
STABLE_STATES = ("ACTIVE", "DISABLED")
#: ``state`` values accepted by PUT /users/{id} -> the state stored.
STATE_INPUT = {"ACTIVE": "ACTIVE", "DISABLE": "DISABLED", "DISABLED": "DISABLED"}
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


# -- helpers ----------------------------------------------------------------------------------
def _user(req: Request) -> Record:
    return req.store.get("users", req.params["user_id"], "user")


def _live_user(req: Request) -> Record:
    """The user of the path, refusing (409) while it is being removed."""
    rec = _user(req)
    ensure_not_removing(rec, "user")
    return rec


def _settled(rec: Record) -> str:
    """The state the user is in, or will be in once its running transition ends."""
    return rec["state"] if rec["state"] in STABLE_STATES else rec.get("_settled", "ACTIVE")


def _begin(req: Request, rec: Record, chain: str, final: str) -> None:
    rec["_settled"] = final
    req.store.begin("users", rec, chain, final)


def _log(req: Request, action: str, rec: Record, chain: str | None = None,
         details: dict[str, Any] | None = None) -> None:
    seconds = CHAINS[chain].seconds if chain else 1.0
    req.store.log(action, "users", rec, req.user, seconds=seconds, details=details)


def _unique_name(req: Request, name: str, own_id: str | None = None) -> None:
    for other in req.store.users.values():
        if other["name"] == name and other["id"] != own_id:
            raise Conflict(f"Field 'name': a user named '{name}' already exists.")


def _email(body: dict[str, Any]) -> str | None:
    email = validate.string(body, "email", max_len=254)
    if email is not None and not EMAIL_RE.fullmatch(email):
        raise BadRequest(f"Field 'email' must be a valid e-mail address, got {email!r}.")
    return email


def _password(body: dict[str, Any], required: bool = False) -> str | None:
    password = validate.string(body, "password", required=required)
    if password is not None:
        validate.password(password, "password")
    return password


def _is_caller(req: Request, rec: Record) -> bool:
    return req.user is not None and req.user["id"] == rec["id"]


# -- the collection ---------------------------------------------------------------------------
@route("GET", "/users", listing=True)
def list_users(req: Request) -> Any:
    return [views.user(req.store, u) for u in req.store.users.values()]


@route("POST", "/users", 201)
def create_user(req: Request) -> Any:
    """A new user has API access with a fresh key and no allowed IPs, and no role until one is
    given through ``POST /roles/{id}/users`` (no SDK sends a role on creation)."""
    store = req.store
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128) or ""
    password = _password(body, required=True) or ""
    email = _email(body)
    description = validate.string(body, "description")
    _unique_name(req, name)
    rec = factories.user(store, name=name, password=password, email=email,
                         description=description, state="CREATING")
    _begin(req, rec, "user.create", "ACTIVE")
    _log(req, "CREATE", rec, "user.create")
    return views.user(store, rec)


@route("GET", "/users/current_user_permissions")
def current_user_permissions(req: Request) -> Any:
    """The permissions of the caller's role; a user without a role may do nothing."""
    role = req.store.roles.get((req.user or {}).get("role_id") or "")
    if role is None:
        return catalogue_data.permissions(False)
    return {group: dict(flags) for group, flags in role["permissions"].items()}


# -- one user ---------------------------------------------------------------------------------
@route("GET", "/users/{user_id}")
def get_user(req: Request) -> Any:
    return views.user(req.store, _user(req))


@route("PUT", "/users/{user_id}")
def modify_user(req: Request) -> Any:
    rec = _live_user(req)
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    email = _email(body)
    password = _password(body)
    raw_state = validate.enum(body, "state", tuple(STATE_INPUT))
    if all(v is None for v in (name, description, email, password, raw_state)):
        raise BadRequest("Give at least one of 'description', 'email', 'password' and "
                         "'state' to modify a user.")
    if name is not None:
        _unique_name(req, name, rec["id"])
    state = STATE_INPUT[raw_state] if raw_state else _settled(rec)
    if state == "DISABLED" and _is_caller(req, rec):
        raise Conflict("You cannot disable the user whose API key makes this request.")
    if name is not None:
        rec["name"] = name
    if description is not None:
        rec["description"] = description
    if email is not None:
        rec["email"] = email
    if password is not None:
        rec["password"] = password
    _begin(req, rec, "user.configure", state)
    changed = [k for k, v in (("name", name), ("description", description), ("email", email),
                              ("password", password), ("state", raw_state)) if v is not None]
    _log(req, "UPDATE", rec, "user.configure", {"changed": changed, "state": state})
    return views.user(req.store, rec)


@route("DELETE", "/users/{user_id}", 202)
def delete_user(req: Request) -> Any:
    rec = _live_user(req)
    if _is_caller(req, rec):
        raise Conflict("You cannot delete the user whose API key makes this request.")
    req.store.remove("users", rec)
    _log(req, "DELETE", rec, "resource.remove")
    return views.user(req.store, rec)


# -- API access -------------------------------------------------------------------------------
@route("GET", "/users/{user_id}/api")
def get_api(req: Request) -> Any:
    return views.user_api(_user(req))


@route("PUT", "/users/{user_id}/api")
def modify_api(req: Request) -> Any:
    """Switch API access on or off: an inactive user's key is refused (401) at once."""
    rec = _live_user(req)
    active = validate.boolean(req.json(), "active", required=True)
    if active is False and _is_caller(req, rec):
        raise Conflict("You cannot switch off the API access of the user whose API key makes "
                       "this request.")
    rec["api"]["active"] = bool(active)
    _log(req, "MODIFY_API", rec, details={"active": bool(active)})
    return views.user(req.store, rec)


@route("GET", "/users/{user_id}/api/key")
def get_api_key(req: Request) -> Any:
    return {"key": _user(req)["api"]["key"]}


@route("PUT", "/users/{user_id}/api/key")
def change_api_key(req: Request) -> Any:
    """A new key; the old one stops working at once (the request that changed the caller's
    own key has already been authenticated, so it still succeeds)."""
    store = req.store
    rec = _live_user(req)
    keys = {u["api"]["key"] for u in store.users.values()}
    key = factories.api_key(store)
    while key in keys:
        key = factories.api_key(store)
    rec["api"]["key"] = key
    _begin(req, rec, "user.configure", _settled(rec))
    _log(req, "CHANGE_API_KEY", rec, "user.configure")
    return views.user(store, rec)


@route("GET", "/users/{user_id}/api/ips")
def list_api_ips(req: Request) -> Any:
    return list(_user(req)["api"]["allowed_ips"])


@route("POST", "/users/{user_id}/api/ips", 201)
def add_api_ips(req: Request) -> Any:
    rec = _live_user(req)
    raw = validate.items(req.json(), "ips", required=True, min_items=1, kind=str) or []
    ips = [validate.ip_address(ip, f"ips[{i}]") for i, ip in enumerate(raw)]
    allowed = rec["api"]["allowed_ips"]
    added = [ip for ip in dict.fromkeys(ips) if ip not in allowed]
    allowed.extend(added)
    _log(req, "ADD_API_IPS", rec, details={"ips": added})
    return views.user(req.store, rec)


@route("DELETE", "/users/{user_id}/api/ips/{ip}")
def remove_api_ip(req: Request) -> Any:
    rec = _live_user(req)
    ip = req.params["ip"]
    try:
        wanted = str(ipaddress.ip_address(ip))
    except ValueError:
        wanted = ip
    allowed = rec["api"]["allowed_ips"]
    if wanted not in allowed:
        raise not_found("allowed IP of this user", ip)
    allowed.remove(wanted)
    _log(req, "REMOVE_API_IP", rec, details={"ip": wanted})
    return views.user(req.store, rec)
