"""Creating a server (``POST /servers``) in two steps the route runs in turn:

1. :func:`parse` reads and checks the whole body against the store (fields, the appliance and
   its datacenter, the hardware in one of its three forms, the disks, every resource to attach)
   and returns a :class:`NewServer`, changing nothing: a refused request leaves no trace;
2. :func:`create` makes the change: the server, its IP with firewall policy and load balancer,
   its monitoring policy, private network and SSH keys, and the DEPLOYING transition.

Rendering the answer is ``views.server`` (the route in ``servers.py``). The checks run in the
order the API reports them: the first problem found is the one answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import factories, validate
from ..errors import BadRequest, Conflict
from ..store import Record, Store
from .common import datacenter_id, ensure_not_removing, resource_id
from .server_rules import RAM_RULE, find_appliance, validate_cores, validate_hdds


@dataclass(frozen=True)
class Hardware:
    """The hardware a new server gets, from whichever form the request used."""

    vcore: int | None
    cores_per_processor: int | None
    ram: float | None
    #: (size in GB, is_main) per disk.
    disks: list[tuple[int, bool]]
    fixed_instance_size_id: str | None = None
    baremetal_model_id: str | None = None


@dataclass
class NewServer:
    """A checked ``POST /servers`` request: everything :func:`create` needs, all of it valid."""

    name: str
    description: str
    server_type: str
    appliance: Record
    datacenter_id: str
    hardware: Hardware
    password: str | None = None
    power_on: bool | None = None
    hostname: str | None = None
    ipv6_range: str | None = None
    firewall_policy: Record | None = None
    load_balancer: Record | None = None
    monitoring_policy: Record | None = None
    private_network: Record | None = None
    ip: Record | None = None
    ssh_keys: list[Record] = field(default_factory=list)


# -- 1. parse and check ---------------------------------------------------------------------------
def parse(store: Store, body: dict[str, Any]) -> NewServer:
    """The request, checked; raises the API's error (400, 404, 409) for the first problem."""
    name = validate.string(body, "name", required=True, max_len=128)
    description = validate.string(body, "description") or ""
    hw = validate.obj(body, "hardware", required=True) or {}
    server_type = validate.enum(body, "server_type", ("cloud", "baremetal")) or "cloud"
    appliance, dc = _appliance(store, body)
    password = validate.string(body, "password")
    if password is not None:
        validate.password(password, "password")
    power_on = validate.boolean(body, "power_on")
    hostname = validate.string(body, "hostname", max_len=63)
    ipv6_range = validate.string(body, "ipv6_range")
    validate.string(body, "rsa_key")
    validate.string(body, "execution_group")
    hardware = _hardware(store, hw, server_type)
    _check_disks(hardware.disks, appliance)
    order = NewServer(name=name or "", description=description, server_type=server_type,
                      appliance=appliance, datacenter_id=dc, hardware=hardware,
                      password=password, power_on=power_on, hostname=hostname,
                      ipv6_range=ipv6_range)
    _attachments(store, body, order)
    order.ssh_keys = _ssh_keys(store, body.get("public_key"))
    return order


def _appliance(store: Store, body: dict[str, Any]) -> tuple[Record, str]:
    """The appliance (or image) to install and the datacenter, which must offer it."""
    appliance_id = validate.string(body, "appliance_id", required=True)
    appliance = find_appliance(store, appliance_id or "")
    if appliance is None:
        raise BadRequest(f"Field 'appliance_id': no server appliance or image '{appliance_id}'.")
    dc = datacenter_id(store, body)
    if dc not in (appliance.get("available_datacenters") or [dc]) and \
            appliance.get("datacenter_id", dc) != dc:
        raise BadRequest("Field 'appliance_id': the appliance is not available in the chosen "
                         "datacenter.")
    return appliance, dc


def _hardware(store: Store, hw: dict[str, Any], server_type: str) -> Hardware:
    """A baremetal model, a fixed instance size (plus extra disks), or the hardware spelled
    out: the three forms of ``hardware``."""
    if server_type == "baremetal":
        return _baremetal(store, hw)
    fixed_id = hw.get("fixed_instance_size_id")
    if fixed_id not in (None, 0, ""):
        return _fixed_size(store, hw, fixed_id)
    vcore = validate.integer(hw, "vcore", path="hardware.vcore", required=True, lo=1, hi=16)
    cpp = validate.integer(hw, "cores_per_processor", path="hardware.cores_per_processor",
                           required=True, lo=1, hi=16)
    ram = validate.number(hw, "ram", path="hardware.ram", required=True, **RAM_RULE)
    raw = validate.items(hw, "hdds", path="hardware.hdds", required=True, min_items=1,
                         kind=dict) or []
    disks = validate_hdds(raw, "hardware.hdds")
    validate_cores(int(vcore or 0), int(cpp or 0), "hardware.cores_per_processor")
    return Hardware(vcore, cpp, ram, disks)


def _baremetal(store: Store, hw: dict[str, Any]) -> Hardware:
    model = resource_id(store, hw, "baremetal_model_id", "baremetal_models",
                        "baremetal model", required=True)
    assert model is not None
    mh = model["hardware"]
    return Hardware(mh["cores"] * mh["cores_per_processor"], mh["cores_per_processor"],
                    mh["ram"], [(h["size"], h["is_main"]) for h in mh["hdds"]],
                    baremetal_model_id=hw.get("baremetal_model_id"))


def _fixed_size(store: Store, hw: dict[str, Any], fixed_id: Any) -> Hardware:
    size = store.fixed_instance_sizes.get(fixed_id) if isinstance(fixed_id, str) else None
    if size is None:
        raise BadRequest(f"Field 'hardware.fixed_instance_size_id': no fixed instance size "
                         f"'{fixed_id}'.")
    for key in ("vcore", "cores_per_processor", "ram"):
        if hw.get(key) is not None:
            raise BadRequest(f"Field 'hardware.{key}' conflicts with "
                             f"'hardware.fixed_instance_size_id': give one or the other.")
    sh = size["hardware"]
    disks = [(h["size"], h["is_main"]) for h in sh["hdds"]]
    if hw.get("hdds"):
        extra = validate_hdds(validate.items(hw, "hdds", path="hardware.hdds",
                                             kind=dict) or [], "hardware.hdds")
        if any(main for _, main in extra):
            raise BadRequest("Field 'hardware.hdds': a fixed instance size brings its main "
                             "disk; extra disks must have is_main false.")
        disks += extra
    return Hardware(sh["vcore"], sh["cores_per_processor"], sh["ram"], disks,
                    fixed_instance_size_id=fixed_id)


def _check_disks(disks: list[tuple[int, bool]], appliance: Record) -> None:
    """Exactly one main disk, large enough for the appliance."""
    mains = sum(1 for _, main in disks if main)
    if mains != 1:
        raise BadRequest(f"Field 'hardware.hdds' must have exactly one disk with is_main true "
                         f"(got {mains}).")
    main_size = next(size for size, main in disks if main)
    if main_size < (appliance.get("min_hdd_size") or 20):
        raise BadRequest(f"Field 'hardware.hdds': the main disk must be at least "
                         f"{appliance['min_hdd_size']} GB for {appliance['name']}.")


def _attachments(store: Store, body: dict[str, Any], order: NewServer) -> None:
    """The resources to attach: each must exist, not be on its way out, and (for those bound
    to a place) be in the server's datacenter; the IP must be free."""
    fw = resource_id(store, body, "firewall_policy_id", "firewall_policies", "firewall policy")
    lb = resource_id(store, body, "load_balancer_id", "load_balancers", "load balancer")
    mp = resource_id(store, body, "monitoring_policy_id", "monitoring_policies",
                     "monitoring policy")
    pn = resource_id(store, body, "private_network_id", "private_networks", "private network")
    ip = resource_id(store, body, "ip_id", "ips", "public IP")
    if ip is not None and ip["assigned_to"] is not None:
        raise Conflict(f"Field 'ip_id': the IP {ip['ip']} is already assigned.")
    if ip is not None and ip["state"] != "ACTIVE":
        raise Conflict(f"Field 'ip_id': the IP {ip['ip']} is being released ({ip['state']}).")
    for kind, rec in (("firewall policy", fw), ("load balancer", lb),
                      ("monitoring policy", mp), ("private network", pn)):
        if rec is not None:
            ensure_not_removing(rec, kind)
    # A load balancer may balance IPs of any datacenter (no source has a same-datacenter rule);
    # an address and a private network belong to one datacenter (a documented choice).
    for what, rec in (("private network", pn), ("public IP", ip)):
        if rec is not None and rec.get("datacenter_id") not in (None, order.datacenter_id):
            raise BadRequest(f"The {what} '{rec.get('name') or rec.get('ip')}' is in another "
                             f"datacenter than the server.")
    order.firewall_policy, order.load_balancer, order.monitoring_policy = fw, lb, mp
    order.private_network, order.ip = pn, ip


def _ssh_keys(store: Store, value: Any) -> list[Record]:
    if value is None:
        return []
    ids = [value] if isinstance(value, str) else value
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadRequest("Field 'public_key' must be an SSH key id or a list of SSH key ids.")
    keys = []
    for kid in ids:
        key = store.ssh_keys.get(kid)
        if key is None:
            raise BadRequest(f"Field 'public_key': SSH key '{kid}' does not exist.")
        keys.append(key)
    return keys


# -- 2. the change --------------------------------------------------------------------------------
def create(store: Store, order: NewServer) -> Record:
    """The server, DEPLOYING, with everything it was asked to be attached to."""
    hw = order.hardware
    srv = factories.server(
        store, name=order.name, datacenter_id=order.datacenter_id, appliance=order.appliance,
        vcore=int(hw.vcore or 1), cores_per_processor=int(hw.cores_per_processor or 1),
        ram=hw.ram or 1, hdds=hw.disks,
        description=order.description, fixed_instance_size_id=hw.fixed_instance_size_id,
        server_type=order.server_type, baremetal_model_id=hw.baremetal_model_id,
        password=order.password, state="DEPLOYING", hostname=order.hostname)
    srv["ipv6_range"] = order.ipv6_range
    ip = order.ip if order.ip is not None else store.create_ip(order.datacenter_id)
    store.attach_ip(ip, "SERVER", srv)
    firewall = order.firewall_policy or _default_firewall(store, order.appliance)
    ip["firewall_policy_id"] = (firewall or {}).get("id")
    if order.load_balancer is not None:
        ip["load_balancer_ids"].append(order.load_balancer["id"])
    srv["monitoring_policy_id"] = order.monitoring_policy["id"] if order.monitoring_policy \
        else None
    if order.private_network is not None:
        order.private_network["server_ids"].append(srv["id"])
    for key in order.ssh_keys:
        key["server_ids"].append(srv["id"])
        srv["ssh_key_ids"].append(key["id"])
    store.begin("servers", srv, "server.create",
                "POWERED_OFF" if order.power_on is False else "POWERED_ON")
    return srv


def _default_firewall(store: Store, appliance: Record) -> Record | None:
    family = appliance.get("os_family")
    for fw in store.firewall_policies.values():
        if fw["default"] and fw["name"] == family:
            return fw
    return None
