"""SSH keys: the collection and one key.

A key is ``ACTIVE`` as soon as it is created (``create-ssh-key.json``); deletion shows
``DELETING`` (``delete-ssh-key.json``) and then the key is gone and no server lists it any more.
Servers get keys when they are created (``public_key`` of ``POST /servers``).

``public_key`` is optional: without it a key is generated. Given, it must look like an OpenSSH
public key, ``<type> <base64> [comment]`` or the bare base64 body (what GET returns); the API
stores it without the type prefix (the Go SDK's test compares against the key minus
``ssh-rsa ``). The Python SDK also sends the read-only ``state``, ``servers``, ``md5`` and
``creation_date`` (all null); like every read-only field, they are ignored whatever their value.
"""

from __future__ import annotations

import re
from typing import Any

from .. import factories, validate, views
from ..errors import BadRequest, Conflict
from ..routes import Request, route
from ..store import Record
from ..transitions import CHAINS

KEY_TYPES = ("ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
             "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
             "sk-ecdsa-sha2-nistp256@openssh.com")
_B64 = r"[A-Za-z0-9+/]+={0,2}"
TYPED_KEY_RE = re.compile(rf"(?P<type>\S+)\s+(?P<body>{_B64})(?:\s+(?P<comment>[^\r\n]*))?")
BARE_KEY_RE = re.compile(rf"(?P<body>{_B64})(?:\s+(?P<comment>[^\r\n]*))?")
#: A bare body shorter than this is not a key (the shortest, ed25519, encodes to 68 chars).
MIN_BODY = 64


def parse_public_key(value: str) -> str:
    """Validate an OpenSSH public key and return it as stored: without its type prefix."""
    text = value.strip()
    typed = TYPED_KEY_RE.fullmatch(text)
    if typed and typed["type"] in KEY_TYPES:
        body, comment = typed["body"], typed["comment"]
        if not body.startswith("AAAA"):
            raise BadRequest("Field 'public_key': the base64 part of an OpenSSH key starts "
                             "with 'AAAA'.")
    else:
        bare = BARE_KEY_RE.fullmatch(text)
        if bare is None or len(bare["body"]) < MIN_BODY:
            raise BadRequest(f"Field 'public_key' must be an OpenSSH public key ('ssh-rsa "
                             f"AAAA... [comment]', types: {', '.join(KEY_TYPES)}) or its "
                             f"base64 body.")
        body, comment = bare["body"], bare["comment"]
    return f"{body} {comment.strip()}" if comment and comment.strip() else body


def _key(req: Request) -> Record:
    return req.store.get("ssh_keys", req.params["ssh_key_id"], "SSH key")


def _live_key(req: Request) -> Record:
    rec = _key(req)
    if rec["state"] == "DELETING":
        raise Conflict(f"The SSH key '{rec['name']}' is being deleted.")
    return rec


def _log(req: Request, action: str, rec: Record, seconds: float = 1.0) -> None:
    req.store.log(action, "ssh_keys", rec, req.user, seconds=seconds)


# -- the collection ---------------------------------------------------------------------------
@route("GET", "/ssh_keys", listing=True)
def list_ssh_keys(req: Request) -> Any:
    return [views.ssh_key(req.store, k) for k in req.store.ssh_keys.values()]


@route("POST", "/ssh_keys", 201)
def create_ssh_key(req: Request) -> Any:
    body = req.json()
    name = validate.string(body, "name", required=True, max_len=128) or ""
    description = validate.string(body, "description")
    raw = validate.string(body, "public_key")
    public_key = parse_public_key(raw) if raw is not None else None
    rec = factories.ssh_key(req.store, name=name, public_key=public_key,
                            description=description)
    _log(req, "CREATE", rec)
    return views.ssh_key(req.store, rec)


# -- one key ----------------------------------------------------------------------------------
@route("GET", "/ssh_keys/{ssh_key_id}")
def get_ssh_key(req: Request) -> Any:
    return views.ssh_key(req.store, _key(req))


@route("PUT", "/ssh_keys/{ssh_key_id}")
def modify_ssh_key(req: Request) -> Any:
    rec = _live_key(req)
    body = req.json()
    name = validate.string(body, "name", max_len=128, nonblank=True)
    description = validate.string(body, "description")
    if name is None and description is None:
        raise BadRequest("Give 'name' and/or 'description' to modify an SSH key.")
    if name is not None:
        rec["name"] = name
    if description is not None:
        rec["description"] = description
    _log(req, "UPDATE", rec)
    return views.ssh_key(req.store, rec)


@route("DELETE", "/ssh_keys/{ssh_key_id}")
def delete_ssh_key(req: Request) -> Any:
    store = req.store
    rec = _live_key(req)
    kid = rec["id"]

    def finish() -> None:
        for srv in store.servers.values():
            if kid in srv["ssh_key_ids"]:
                srv["ssh_key_ids"].remove(kid)

    store.remove("ssh_keys", rec, finish, chain_name="sshkey.remove")
    _log(req, "DELETE", rec, CHAINS["sshkey.remove"].seconds)
    return views.ssh_key(store, rec)
