"""The emulator's state: one in-memory store, no HTTP.

Records are plain dicts, normalised so that every relationship has exactly one source of truth
and both directions are *derived* when a response is rendered (``views.py``):

* ``ips``: every public IP. ``assigned_to`` = ``{"id", "type": SERVER|LOAD_BALANCER}`` or None;
  ``firewall_policy_id`` and ``load_balancer_ids`` live on the IP, so a server's IP, the load
  balancer's ``server_ips`` and the firewall policy's ``server_ips`` can never disagree.
  ``servers[...]["ip_ids"]`` keeps the order of a server's IPs (kept in step by
  :meth:`Store.attach_ip` / :meth:`Store.release_ip`).
* private networks hold ``server_ids``; shared storages hold ``servers`` ``[{id, rights}]``;
  servers hold ``monitoring_policy_id`` and ``ssh_key_ids``; users hold ``role_id``; block
  storages hold ``server_id``. The other side is computed.

Every record has ``state`` and ``percent`` (servers render them as ``status``), advanced by
:class:`~.transitions.Transitions`.
"""

from __future__ import annotations

import random
import string
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, overload

from .clock import Clock, iso, iso_z
from .errors import not_found
from .transitions import CHAINS, GONE, Transitions

Record = dict[str, Any]

#: Public address prefixes per datacenter country (1&1's real ranges), for new IPs.
IP_PREFIXES = {"DE": "82.165", "GB": "77.68", "US": "74.208", "ES": "82.223"}


class Collection:
    """One of the account's collections of mutable resources, declared on :class:`Store` by
    the name used in paths, with its log ``type`` as the API spells it (``VM`` for servers,
    per the ansible module): ``servers = Collection("VM")``. That line is the whole
    declaration: :data:`LOG_TYPES` and :data:`COLLECTIONS` are read from the class, each store
    gets an empty dict of records under the name, and a type checker sees the attribute as one.

    It only describes: :meth:`Store.__init__` puts each collection's dict on the instance,
    which an attribute without ``__set__`` gives way to, so reading ``store.servers`` costs a
    plain attribute lookup."""

    def __init__(self, log_type: str) -> None:
        self.log_type = log_type
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Collection: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> dict[str, Record]: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        raise AttributeError(f"the store's {self.name!r} is made by Store.__init__")


class Store:
    #: The account's collections of mutable resources (the one list of them: see Collection).
    servers = Collection("VM")
    images = Collection("IMAGE")
    shared_storages = Collection("SHAREDSTORAGE")
    firewall_policies = Collection("FIREWALL")
    load_balancers = Collection("LOADBALANCER")
    ips = Collection("IP")
    private_networks = Collection("PRIVATENETWORK")
    monitoring_policies = Collection("MONITORINGPOLICY")
    users = Collection("USER")
    roles = Collection("ROLE")
    vpns = Collection("VPN")
    block_storages = Collection("BLOCKSTORAGE")
    ssh_keys = Collection("SSHKEY")

    def __init__(self, clock: Clock, seed: int = 1):
        self.clock = clock
        self.seed = seed
        self.rng = random.Random(seed)
        self.lock = threading.RLock()
        self.transitions = Transitions()
        for name in COLLECTIONS:
            setattr(self, name, {})
        self.logs: list[Record] = []
        self.storage_access: Record = {}
        # Read-only catalogues, filled by seed.py from catalogue_data.py.
        self.datacenters: dict[str, Record] = {}
        self.server_appliances: dict[str, Record] = {}
        self.recovery_appliances: dict[str, Record] = {}
        self.dvd_isos: dict[str, Record] = {}
        self.fixed_instance_sizes: dict[str, Record] = {}
        self.baremetal_models: dict[str, Record] = {}
        self.image_os: dict[str, Record] = {}
        self.pricing: Record = {}
        self._used_addresses: set[str] = set()

    # -- time -------------------------------------------------------------------------------
    def now(self) -> float:
        return self.clock.now()

    def when(self, seconds: float | None = None) -> datetime:
        """The wall-clock instant of emulated second ``seconds`` (default: now)."""
        return self.clock.epoch + timedelta(seconds=self.now() if seconds is None else seconds)

    def iso(self, seconds: float | None = None) -> str:
        return iso(self.when(seconds))

    def iso_z(self, seconds: float | None = None) -> str:
        return iso_z(self.when(seconds))

    def advance(self) -> None:
        """Bring every pending transition up to the clock. Called before each request."""
        self.transitions.advance(self.now())

    # -- ids and generated values ------------------------------------------------------------
    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032X}"

    def new_password(self, length: int = 10) -> str:
        alphabet = string.ascii_letters + string.digits
        while True:
            pw = "".join(self.rng.choice(alphabet) for _ in range(length))
            if any(c.isdigit() for c in pw) and any(c.isupper() for c in pw):
                return pw

    def new_address(self, datacenter_id: str | None) -> str:
        country = self.datacenters.get(datacenter_id or "", {}).get("country_code", "DE")
        prefix = IP_PREFIXES.get(country, "82.165")
        while True:
            addr = f"{prefix}.{self.rng.randint(1, 254)}.{self.rng.randint(2, 254)}"
            if addr not in self._used_addresses:
                self._used_addresses.add(addr)
                return addr

    def new_ipv6(self) -> str:
        groups = ":".join(f"{self.rng.getrandbits(16):x}" for _ in range(4))
        return f"2001:8d8:{groups}::1"

    # -- lookup -------------------------------------------------------------------------------
    def get(self, collection: str, ident: str, kind: str | None = None) -> Record:
        rec = getattr(self, collection).get(ident)
        if rec is None:
            raise not_found(kind or collection.rstrip("s").replace("_", " "), ident)
        return rec

    def default_datacenter(self) -> str:
        return next(iter(self.datacenters))

    # -- transitions --------------------------------------------------------------------------
    def begin(
        self,
        collection: str,
        record: Record,
        chain_name: str,
        final: str,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        """Put ``record`` into the chain's transitional state; at the end it becomes ``final``
        (or disappears when ``final`` is :data:`GONE`)."""
        self.transitions.start(getattr(self, collection), record, chain_name, final, self.now(),
                               on_done)

    def remove(self, collection: str, record: Record, on_done: Callable[[], None] | None = None,
               chain_name: str = "resource.remove") -> None:
        self.begin(collection, record, chain_name, GONE, on_done)

    def busy(self, record: Record) -> bool:
        return record["id"] in self.transitions

    # -- IP relationships (both directions kept in step here and only here) --------------------
    def create_ip(self, datacenter_id: str | None, ip_type: str = "IPV4",
                  reverse_dns: str | None = None) -> Record:
        dc = datacenter_id or self.default_datacenter()
        rec: Record = {
            "id": self.new_id(),
            "ip": self.new_ipv6() if ip_type == "IPV6" else self.new_address(dc),
            "type": ip_type,
            "assigned_to": None,
            "reverse_dns": reverse_dns,
            "is_dhcp": False,
            "state": "ACTIVE",
            "percent": None,
            "datacenter_id": dc,
            "creation_date": self.iso(),
            "firewall_policy_id": None,
            "load_balancer_ids": [],
        }
        self.ips[rec["id"]] = rec
        return rec

    def attach_ip(self, ip: Record, owner_type: str, owner: Record) -> None:
        ip["assigned_to"] = {"id": owner["id"], "type": owner_type}
        if owner_type == "SERVER" and ip["id"] not in owner["ip_ids"]:
            owner["ip_ids"].append(ip["id"])

    def release_ip(self, ip: Record, *, delete: bool) -> None:
        """Detach an IP from its server (and from firewall/load balancers); delete it unless the
        caller keeps it (``keep_ip``/``keep_ips``)."""
        owner = ip.get("assigned_to")
        if owner and owner["type"] == "SERVER":
            server = self.servers.get(owner["id"])
            if server and ip["id"] in server["ip_ids"]:
                server["ip_ids"].remove(ip["id"])
        ip["assigned_to"] = None
        ip["firewall_policy_id"] = None
        ip["load_balancer_ids"] = []
        if delete:
            self.ips.pop(ip["id"], None)
            self._used_addresses.discard(ip["ip"])

    def server_ips(self, server: Record) -> list[Record]:
        return [self.ips[i] for i in server["ip_ids"] if i in self.ips]

    def ips_where(self, predicate: Callable[[Record], bool]) -> list[Record]:
        return [ip for ip in self.ips.values() if predicate(ip)]

    def ip_server(self, ip: Record) -> Record | None:
        owner = ip.get("assigned_to")
        if owner and owner["type"] == "SERVER":
            return self.servers.get(owner["id"])
        return None

    def find_server_ip(self, ip_id: str) -> Record:
        """A ``server_ip_id``: the id of an IP that is assigned to a server."""
        ip = self.ips.get(ip_id)
        if ip is None or self.ip_server(ip) is None:
            raise not_found("server IP", ip_id)
        return ip

    # -- logs ---------------------------------------------------------------------------------
    def log(self, action: str, collection: str, record: Record, user: Record | None,
            seconds: float | None = None, details: dict[str, Any] | None = None) -> Record:
        """Write the log entry of one mutation. It runs (``RUNNING``) as long as the operation's
        chain, then reads ``OK`` with percent 100."""
        start = self.now()
        if seconds is None:
            seconds = CHAINS["resource.configure"].seconds
        entry: Record = {
            "id": self.new_id(),
            "_start": start,
            "_end": start + seconds,
            "action": action,
            "type": LOG_TYPES.get(collection, collection.upper()),
            "resource": {"id": record["id"], "name": record.get("name") or record.get("ip")},
            "details": details or {},
            "user": {"id": user["id"], "name": user["name"]} if user else None,
            "cloudpanel_id": record.get("cloudpanel_id") or "ap" + record["id"][:6],
        }
        self.logs.append(entry)
        return entry


#: Collection -> its log ``type``, in the order of their declaration on :class:`Store`.
LOG_TYPES: dict[str, str] = {name: attr.log_type for name, attr in vars(Store).items()
                             if isinstance(attr, Collection)}
#: One dict of records each on the store.
COLLECTIONS = tuple(LOG_TYPES)
