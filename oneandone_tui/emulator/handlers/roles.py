"""Roles: the collection, one role, its permissions, its users and cloning.

Users carry ``role_id`` (the single source of truth); a role's ``users`` are derived from it, so
adding a user to a role moves it out of its previous role. Roles are ``ACTIVE`` at once (no
fixture shows another state on creation); deletion is ``REMOVING`` then gone, refused for the
default role and while users hold the role. The default role's permissions never change.

Permission groups and flags are those of ``catalogue_data.PERMISSION_FLAGS``: snake_case, as the
Go SDK's ``roles.go``, Java, .NET and the Ansible docs spell them; answers always use them. On
input the other spellings clients send are accepted too (``PERMISSION_GROUP_ALIASES``,
``PERMISSION_FLAG_ALIASES``): the Python SDK's group keys (``sharedstorages``, ``firewalls``,
``privatenetwork``...), Java/.NET's ``private_network`` and the Go SDK's earlier flag tags
(``setname``, ``accesskvmconsole``...). Unknown groups and flags are still a 400: no source shows
the API ignoring them, and silently dropping a permission the caller meant to set would leave a
role quietly wrong.
"""

from __future__ import annotations

from typing import Any

from .. import catalogue_data, factories, validate, views
from ..errors import BadRequest, Conflict, not_found
from ..routes import Request, route
from ..store import Record
from .common import ensure_not_removing

FLAGS = catalogue_data.PERMISSION_FLAGS
GROUP_ALIASES = catalogue_data.PERMISSION_GROUP_ALIASES
#: ``state`` of ``PUT /roles/{id}``: ACTIVE or DISABLE (the Ansible module's ``role_state``
#: choices; .NET types a role's state as ``UserState``, ACTIVE/DISABLE), stored as DISABLED like a
#: user's.
STATE_INPUT = {"ACTIVE": "ACTIVE", "DISABLE": "DISABLED", "DISABLED": "DISABLED"}
FLAG_ALIASES = catalogue_data.PERMISSION_FLAG_ALIASES


# -- helpers ----------------------------------------------------------------------------------
def _role(req: Request) -> Record:
    return req.store.get("roles", req.params["role_id"], "role")


def _live_role(req: Request) -> Record:
    rec = _role(req)
    ensure_not_removing(rec, "role")
    return rec


def _log(req: Request, action: str, rec: Record, details: dict[str, Any] | None = None,
         seconds: float = 1.0) -> None:
    req.store.log(action, "roles", rec, req.user, seconds=seconds, details=details)


def _unique_name(req: Request, name: str, own_id: str | None = None) -> None:
    for other in req.store.roles.values():
        if other["name"] == name and other["id"] != own_id:
            raise Conflict(f"Field 'name': a role named '{name}' already exists.")


def _members(req: Request, rec: Record) -> list[Record]:
    return [u for u in req.store.users.values() if u.get("role_id") == rec["id"]]


def _permission_changes(body: dict[str, Any]) -> dict[str, dict[str, bool]]:
    """Validate a permissions body: known groups (any accepted spelling), each null (unchanged)
    or ``{flag: bool}`` with known flags; the result uses the canonical names."""
    changes: dict[str, dict[str, bool]] = {}
    for given, value in body.items():
        group = GROUP_ALIASES.get(given, given)
        if group not in FLAGS:
            raise BadRequest(f"Field '{given}' is not a permission group; known groups: "
                             f"{', '.join(FLAGS)}.")
        if value is None:
            continue
        if not isinstance(value, dict):
            raise BadRequest(f"Field '{given}' must be an object of permission flags.")
        flags: dict[str, bool] = {}
        for given_flag, allowed in value.items():
            flag = FLAG_ALIASES.get(given_flag, given_flag)
            if flag not in FLAGS[group]:
                raise BadRequest(f"Field '{given}.{given_flag}' is not a permission of {group}; "
                                 f"known: {', '.join(FLAGS[group])}.")
            if allowed is None:
                continue
            if not isinstance(allowed, bool):
                raise BadRequest(f"Field '{given}.{given_flag}' must be true or false.")
            flags[flag] = allowed
        if flags:
            changes.setdefault(group, {}).update(flags)
    return changes


# -- the collection ---------------------------------------------------------------------------
@route("GET", "/roles", listing=True)
def list_roles(req: Request) -> Any:
    return [views.role(req.store, r) for r in req.store.roles.values()]


@route("POST", "/roles", 201)
def create_role(req: Request) -> Any:
    """A new role may do nothing until its permissions are set."""
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128) or ""
    description = validate.string(body, "description")
    _unique_name(req, name)
    rec = factories.role(req.store, name=name, description=description,
                         permissions=catalogue_data.permissions(False))
    _log(req, "CREATE", rec)
    return views.role(req.store, rec)


# -- one role ---------------------------------------------------------------------------------
@route("GET", "/roles/{role_id}")
def get_role(req: Request) -> Any:
    return views.role(req.store, _role(req))


@route("PUT", "/roles/{role_id}")
def modify_role(req: Request) -> Any:
    rec = _live_role(req)
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    raw_state = validate.enum(body, "state", tuple(STATE_INPUT))
    state = STATE_INPUT[raw_state] if raw_state is not None else None
    if name is None and description is None and state is None:
        raise BadRequest("Give at least one of 'name', 'description' and 'state' to modify a "
                         "role.")
    if name is not None:
        _unique_name(req, name, rec["id"])
        rec["name"] = name
    if description is not None:
        rec["description"] = description
    if state is not None:
        rec["state"] = state
    _log(req, "UPDATE", rec, {"changed": [k for k, v in (("name", name),
                                                         ("description", description),
                                                         ("state", state)) if v is not None]})
    return views.role(req.store, rec)


@route("DELETE", "/roles/{role_id}")
def delete_role(req: Request) -> Any:
    rec = _live_role(req)
    if rec["default"] == 1:
        raise Conflict(f"The role '{rec['name']}' is a default role and cannot be deleted.")
    members = _members(req, rec)
    if members:
        names = ", ".join(u["name"] for u in members)
        raise Conflict(f"The role '{rec['name']}' still has users ({names}); remove them "
                       f"first.")
    req.store.remove("roles", rec)
    _log(req, "DELETE", rec, seconds=20.0)
    return views.role(req.store, rec)


# -- permissions ------------------------------------------------------------------------------
@route("GET", "/roles/{role_id}/permissions")
def get_permissions(req: Request) -> Any:
    return {group: dict(flags) for group, flags in _role(req)["permissions"].items()}


@route("PUT", "/roles/{role_id}/permissions")
def modify_permissions(req: Request) -> Any:
    rec = _live_role(req)
    changes = _permission_changes(req.json())
    if not changes:
        raise BadRequest("Give at least one permission group with flags to change (all were "
                         "null or empty).")
    if rec["default"] == 1:
        raise Conflict(f"The permissions of the default role '{rec['name']}' cannot be "
                       f"changed.")
    for group, flags in changes.items():
        rec["permissions"].setdefault(group, {}).update(flags)
    _log(req, "MODIFY_PERMISSIONS", rec, {"groups": sorted(changes)})
    return views.role(req.store, rec)


# -- users ------------------------------------------------------------------------------------
def _role_user(req: Request) -> tuple[Record, Record]:
    rec = _role(req)
    uid = req.params["user_id"]
    user = req.store.users.get(uid)
    if user is None or user.get("role_id") != rec["id"]:
        raise not_found("user of this role", uid)
    return rec, user


@route("GET", "/roles/{role_id}/users")
def list_role_users(req: Request) -> Any:
    rec = _role(req)
    return [views.ref(u) for u in _members(req, rec)]


@route("POST", "/roles/{role_id}/users", 201)
def add_role_users(req: Request) -> Any:
    """Give the role to users; each user leaves the role it had before."""
    store = req.store
    rec = _live_role(req)
    ids = validate.ids(req.json(), "users")
    users = []
    for i, uid in enumerate(ids):
        user = store.users.get(uid)
        if user is None:
            raise BadRequest(f"Field 'users[{i}]': user '{uid}' does not exist.")
        ensure_not_removing(user, "user")
        users.append(user)
    moved = []
    for user in users:
        if user.get("role_id") != rec["id"]:
            moved.append({"user": user["name"], "from": user.get("role_id")})
            user["role_id"] = rec["id"]
    _log(req, "ADD_USERS", rec, {"users": moved})
    return views.role(store, rec)


@route("GET", "/roles/{role_id}/users/{user_id}")
def get_role_user(req: Request) -> Any:
    _, user = _role_user(req)
    return views.ref(user)


@route("DELETE", "/roles/{role_id}/users/{user_id}", 202)
def remove_role_user(req: Request) -> Any:
    rec, user = _role_user(req)
    ensure_not_removing(rec, "role")
    user["role_id"] = None
    _log(req, "REMOVE_USER", rec, {"user": user["name"]})
    return views.role(req.store, rec)


# -- clone ------------------------------------------------------------------------------------
@route("POST", "/roles/{role_id}/clone", 201)
def clone_role(req: Request) -> Any:
    """A new, non-default role with the same description and permissions and no users."""
    src = _live_role(req)
    name = validate.string(req.json(), "name", required=True, max_len=128) or ""
    _unique_name(req, name)
    clone = factories.role(req.store, name=name, description=src["description"],
                           permissions=src["permissions"])
    _log(req, "CLONE", src, {"clone": clone["id"]})
    _log(req, "CREATE", clone, {"cloned_from": src["id"]})
    return views.role(req.store, clone)
