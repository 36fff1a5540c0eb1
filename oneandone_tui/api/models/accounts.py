"""Request objects for users, roles, VPNs and SSH keys."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from ._base import Checker, RequestObject, compact

#: What the API takes as a user's e-mail address (the emulator's rule: local@domain.tld).
USER_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
#: OpenSSH public keys: the types the emulator knows, then the base64 body (``AAAA...``), or
#: a bare body of 64 characters or more; an optional comment after either.
SSH_KEY_TYPES = ("ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp256",
                 "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
                 "sk-ecdsa-sha2-nistp256@openssh.com")
_B64 = r"[A-Za-z0-9+/]+={0,2}"
_TYPED_KEY = re.compile(rf"(?P<type>\S+)\s+(?P<body>{_B64})(?:\s+[^\r\n]*)?")
_BARE_KEY = re.compile(rf"(?P<body>{_B64})(?:\s+[^\r\n]*)?")


def _public_key_ok(value: str) -> bool:
    text = value.strip()
    typed = _TYPED_KEY.fullmatch(text)
    if typed and typed["type"] in SSH_KEY_TYPES:
        return typed["body"].startswith("AAAA")
    bare = _BARE_KEY.fullmatch(text)
    return bare is not None and len(bare["body"]) >= 64


__all__ = [
    "Role",
    "RolePermissions",
    "RoleUpdate",
    "SshKey",
    "SshKeyUpdate",
    "User",
    "UserApiIps",
    "UserUpdate",
    "Vpn",
    "VpnUpdate",
]

USER_STATES = ("ACTIVE", "DISABLE")


@dataclass
class User(RequestObject):
    """``POST /users``."""

    name: str | None = None
    password: str | None = None
    email: str | None = None
    description: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.password("password", self.password, required=True)
        c.pattern("email", self.email, USER_EMAIL, "an e-mail address such as a@example.com")
        c.text("description", self.description)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "password": self.password, "email": self.email,
                        "description": self.description})

    def __repr__(self) -> str:
        return f"User(name={self.name!r}, password='****', email={self.email!r})"


@dataclass
class UserUpdate(RequestObject):
    """``PUT /users/{id}``; ``state`` is ``ACTIVE`` or ``DISABLE`` (SDK check)."""

    description: str | None = None
    email: str | None = None
    password: str | None = None
    state: str | None = None

    def check(self, c: Checker) -> None:
        c.text("description", self.description)
        c.pattern("email", self.email, USER_EMAIL, "an e-mail address such as a@example.com")
        c.password("password", self.password)
        c.choice("state", self.state, USER_STATES)

    def to_body(self) -> dict[str, Any]:
        return compact({"description": self.description, "email": self.email,
                        "password": self.password, "state": self.state})

    def __repr__(self) -> str:
        pw = "'****'" if self.password is not None else "None"
        return (f"UserUpdate(description={self.description!r}, email={self.email!r}, "
                f"password={pw}, state={self.state!r})")


@dataclass
class UserApiIps(RequestObject):
    """``POST /users/{id}/api/ips``: at least one IP allowed to use the user's API key."""

    ips: list[str] | None = None

    def check(self, c: Checker) -> None:
        if c.ids("ips", self.ips):
            for i, ip in enumerate(self.ips or ()):
                c.ip(f"ips[{i}]", ip)

    def to_body(self) -> dict[str, Any]:
        return {"ips": list(self.ips or ())}


@dataclass
class Role(RequestObject):
    """``POST /roles`` and ``POST /roles/{id}/clone``: just a name."""

    name: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)

    def to_body(self) -> dict[str, Any]:
        return {"name": self.name}


@dataclass
class RoleUpdate(RequestObject):
    """``PUT /roles/{id}``."""

    name: str | None = None
    description: str | None = None
    state: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, max_len=128)
        c.text("description", self.description)
        c.text("state", self.state)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description,
                        "state": self.state})


#: Other spellings of the permission groups, mapped to this client's field names: the Python
#: SDK 1.8.0's body keys (also the Go SDK's earlier tags) and Java/.NET's ``private_network``.
PERMISSION_GROUP_ALIASES = {
    "firewalls": "firewall_policies", "interactiveinvoice": "interactive_invoices",
    "ips": "public_ips", "loadbalancers": "load_balancers",
    "monitoringcenter": "monitoring_center", "monitoringpolicies": "monitoring_policies",
    "privatenetwork": "private_networks", "private_network": "private_networks",
    "sharedstorages": "shared_storages",
}


@dataclass
class RolePermissions(RequestObject):
    """``PUT /roles/{id}/permissions``: per group, ``{permission_name: bool}``.

    Field names are the snake_case groups every current source uses (Go ``roles.go``, Java,
    .NET, the Ansible docs); the flags inside are sent as given, so a form that shows what
    ``GET /roles/{id}/permissions`` answered sends back exactly those names. ``extra`` carries
    groups under names this client does not know (an API that answers another spelling gets it
    back unchanged); ``from_groups`` sorts a mapping into the two."""

    servers: dict[str, bool] | None = None
    images: dict[str, bool] | None = None
    shared_storages: dict[str, bool] | None = None
    firewall_policies: dict[str, bool] | None = None
    load_balancers: dict[str, bool] | None = None
    public_ips: dict[str, bool] | None = None
    private_networks: dict[str, bool] | None = None
    vpn: dict[str, bool] | None = None
    monitoring_center: dict[str, bool] | None = None
    monitoring_policies: dict[str, bool] | None = None
    backups: dict[str, bool] | None = None
    logs: dict[str, bool] | None = None
    users: dict[str, bool] | None = None
    roles: dict[str, bool] | None = None
    usages: dict[str, bool] | None = None
    interactive_invoices: dict[str, bool] | None = None
    extra: dict[str, dict[str, bool]] | None = None

    @classmethod
    def from_groups(cls, groups: Mapping[str, Mapping[str, bool]]) -> RolePermissions:
        """Known groups (and their other spellings) into fields, the rest into ``extra``."""
        known = {f.name for f in fields(cls)} - {"extra"}
        out: dict[str, dict[str, bool]] = {}
        extra: dict[str, dict[str, bool]] = {}
        for name, flags in groups.items():
            field = PERMISSION_GROUP_ALIASES.get(name, name)
            if field in known:
                out.setdefault(field, {}).update(flags)
            else:
                extra[name] = dict(flags)
        return cls(**out, extra=extra or None)

    def _groups(self) -> dict[str, Any]:
        groups = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}
        groups.update(self.extra or {})
        return groups

    def check(self, c: Checker) -> None:
        groups = self._groups()
        if all(v is None for v in groups.values()):
            c.fail("", "give at least one permission group")
        for name, value in groups.items():
            if value is None:
                continue
            if not isinstance(value, Mapping):
                c.fail(name, "must map permission names to true or false")
                continue
            for perm, flag in value.items():
                if not isinstance(perm, str) or not perm:
                    c.fail(name, "permission names must be non-empty text")
                else:
                    c.boolean(f"{name}.{perm}", flag, required=True)

    def to_body(self) -> dict[str, Any]:
        return compact({k: dict(v) if v is not None else None
                        for k, v in self._groups().items()})


@dataclass
class Vpn(RequestObject):
    """``POST /vpns``."""

    name: str | None = None
    description: str | None = None
    datacenter_id: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description,
                        "datacenter_id": self.datacenter_id})


@dataclass
class _NameDescription(RequestObject):
    name: str | None = None
    description: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, max_len=128)
        c.text("description", self.description)

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description})


@dataclass
class VpnUpdate(_NameDescription):
    """``PUT /vpns/{id}``."""


@dataclass
class SshKeyUpdate(_NameDescription):
    """``PUT /ssh_keys/{id}``."""


@dataclass
class SshKey(RequestObject):
    """``POST /ssh_keys``. Without ``public_key`` the API generates a key pair and returns the
    private key once. (The Python SDK also sends ``state``, ``servers``, ``md5`` and
    ``creation_date`` as nulls; they are read-only and not sent here.)"""

    name: str | None = None
    description: str | None = None
    public_key: str | None = None

    def check(self, c: Checker) -> None:
        c.text("name", self.name, required=True, max_len=128)
        c.text("description", self.description)
        if c.text("public_key", self.public_key) and self.public_key is not None and \
                not _public_key_ok(self.public_key):
            c.fail("public_key", "must be an OpenSSH public key ('ssh-rsa AAAA... [comment]') "
                                 "or its base64 body")

    def to_body(self) -> dict[str, Any]:
        return compact({"name": self.name, "description": self.description,
                        "public_key": self.public_key})
