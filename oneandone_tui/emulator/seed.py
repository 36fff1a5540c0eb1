"""The demo account: a realistic, fully deterministic 1&1 account for a given seed.

A dozen servers across the DE, GB, US and ES datacenters in mixed states (one still deploying,
so a demo shows live progress), firewall policies, load balancers with attached server IPs,
shared storages, private networks, monitoring policies with ports and processes, users and
roles, images, VPNs, block storages, SSH keys, spare public IPs and a month of logs.
``extra_servers`` adds N more servers for scale tests.
"""

from __future__ import annotations

import base64

from . import catalogue_data as cat
from . import factories as f
from .store import Record, Store
from .transitions import CHAINS

DAY = 86400.0


def _by_name(records: list[Record]) -> dict[str, Record]:
    return {r["name"]: r for r in records}


def build_account(store: Store, *, token: str, extra_servers: int = 0) -> None:
    rng = store.rng
    store.datacenters = {dc["id"]: dict(dc) for dc in cat.DATACENTERS}
    store.server_appliances = {a["id"]: a for a in cat.SERVER_APPLIANCES}
    store.recovery_appliances = {a["id"]: a for a in cat.RECOVERY_APPLIANCES}
    store.dvd_isos = {d["id"]: d for d in cat.DVD_ISOS}
    store.fixed_instance_sizes = {s["id"]: s for s in cat.FIXED_INSTANCE_SIZES}
    store.baremetal_models = {m["id"]: m for m in cat.BAREMETAL_MODELS}
    store.image_os = {o["id"]: o for o in cat.IMAGE_OS}
    store.pricing = cat.PRICING
    store.storage_access = {
        "state": "ACTIVE",
        "kerberos_content_file": base64.b64encode(rng.randbytes(48)).decode(),
        "user_domain": f"oneandone\\uid{rng.randint(100000, 999999)}",
        "site_id": f"site{rng.randint(10, 99)}",
        "needs_password_reset": False,
        "password": None,
    }

    dc = {d["country_code"]: d["id"] for d in cat.DATACENTERS}
    apps = _by_name(cat.SERVER_APPLIANCES)
    sizes = _by_name(cat.FIXED_INSTANCE_SIZES)

    # -- roles and users (the token belongs to the account owner) --------------------------------
    admin_role = f.role(store, name="Administrator", default=1, description="Full access",
                        permissions=cat.permissions(True), created=-400 * DAY)
    ro_role = f.role(store, name="Read only", description="Can look, cannot touch",
                     permissions=cat.permissions(read_only=True), created=-300 * DAY)
    ops_perms = cat.permissions(read_only=True)
    for flag in ("start", "shutdown", "restart", "manage_dvd", "manage_snapshot"):
        ops_perms["servers"][flag] = True
    ops_role = f.role(store, name="Operators", description="Power and snapshots only",
                      permissions=ops_perms, created=-200 * DAY)
    owner = f.user(store, name="admin", password="Adm1n!2026", email="admin@example.com",
                   description="Account owner", role_id=admin_role["id"], key=token,
                   created=-400 * DAY)
    f.user(store, name="ops.jane", password="J4ne!Ops#", email="jane@example.com",
           description="On-call operator", role_id=ops_role["id"],
           allowed_ips=["203.0.113.10", "203.0.113.11"], created=-180 * DAY)
    f.user(store, name="billing.bot", password="B1ll!ngBot", email="billing@example.com",
           description="Usage exports", role_id=ro_role["id"], api_active=False,
           created=-90 * DAY)
    f.user(store, name="audit.readonly", password="Aud1t!2026", email=None,
           role_id=ro_role["id"], state="DISABLED", created=-30 * DAY)

    # -- policies ------------------------------------------------------------------------------
    def rule(proto: str, port: int, source: str = "0.0.0.0", desc: str | None = None) -> Record:
        return f.firewall_rule(store, protocol=proto, port_from=port, port_to=port,
                               source=source, description=desc)

    fw_linux = f.firewall_policy(store, name="Linux", default=1,
                                 description="Default policy for Linux servers",
                                 rules=[rule("TCP", 22, desc="SSH"), rule("TCP", 80, desc="HTTP"),
                                        rule("TCP", 443, desc="HTTPS"),
                                        f.firewall_rule(store, protocol="ICMP")],
                                 created=-400 * DAY)
    fw_windows = f.firewall_policy(store, name="Windows", default=1,
                                   description="Default policy for Windows servers",
                                   rules=[rule("TCP", 3389, desc="RDP"), rule("TCP", 80),
                                          rule("TCP", 443)], created=-400 * DAY)
    fw_web = f.firewall_policy(store, name="web-public", description="Public web tier",
                               rules=[rule("TCP", 80), rule("TCP", 443),
                                      rule("TCP", 22, "203.0.113.0", "SSH from office")],
                               created=-120 * DAY)
    fw_db = f.firewall_policy(store, name="db-internal", description="Databases: office only",
                              rules=[rule("TCP", 5432, "203.0.113.10"),
                                     rule("TCP", 22, "203.0.113.10")], created=-110 * DAY)

    mp_default = f.monitoring_policy(store, name="Default Policy", default=1, email="",
                                     agent=False, thresholds_=f.thresholds(), ports=[],
                                     processes=[], description="Default Policy Description",
                                     created=-400 * DAY)
    prod_thresholds = f.thresholds({
        "cpu": {"warning": {"value": 80, "alert": True}, "critical": {"value": 95, "alert": True}},
        "ram": {"warning": {"value": 85, "alert": True}, "critical": {"value": 95, "alert": True}},
        "disk": {"warning": {"value": 75, "alert": True},
                 "critical": {"value": 90, "alert": True}},
    })
    mp_prod = f.monitoring_policy(
        store, name="Production", email="oncall@example.com", agent=True,
        thresholds_=prod_thresholds, description="Paging thresholds for production",
        ports=[f.mp_port(store, protocol="TCP", port=443, alert_if="NOT_RESPONDING",
                         email_notification=True),
               f.mp_port(store, protocol="TCP", port=80, alert_if="NOT_RESPONDING",
                         email_notification=False),
               f.mp_port(store, protocol="TCP", port=5432, alert_if="NOT_RESPONDING",
                         email_notification=True)],
        processes=[f.mp_process(store, process="nginx", alert_if="NOT_RUNNING",
                                email_notification=True),
                   f.mp_process(store, process="postgres", alert_if="NOT_RUNNING",
                                email_notification=True)],
        created=-100 * DAY)

    # -- servers -------------------------------------------------------------------------------
    # name, country, appliance, size or (vcore, cpp, ram), extra disks, state, firewall, mp
    specs = [
        ("web-01", "DE", "ubuntu2004-64std", "XL", [], "POWERED_ON", fw_web, mp_prod),
        ("web-02", "DE", "ubuntu2004-64std", "XL", [], "POWERED_ON", fw_web, mp_prod),
        ("api-gateway", "DE", "debian10-64std", (4, 2, 8), [100], "POWERED_ON", fw_linux,
         mp_prod),
        ("db-primary", "DE", "centos7-64std", (8, 4, 32), [400, 200], "POWERED_ON", fw_db,
         mp_prod),
        ("db-replica", "GB", "centos7-64std", (8, 4, 32), [400], "POWERED_ON", fw_db, mp_prod),
        ("cache-01", "GB", "debian10-64std", "L", [], "POWERED_ON", fw_linux, mp_default),
        ("worker-us-01", "US", "ubuntu1804-64std+docker", (4, 1, 8), [200], "POWERED_ON",
         fw_linux, mp_default),
        ("worker-us-02", "US", "ubuntu1804-64std+docker", (4, 1, 8), [200], "POWERED_OFF",
         fw_linux, mp_default),
        ("win-rdp", "ES", "w2019datacenter64std", (2, 1, 8), [], "POWERED_ON", fw_windows,
         mp_default),
        ("legacy-erp", "ES", "w2012r2datacenter64std", (4, 2, 16), [300], "POWERED_OFF",
         fw_windows, None),
        ("mail-gw", "GB", "centos8-64std", "M", [], "POWERED_ON", fw_linux, mp_default),
        ("ci-runner", "US", "ubuntu2004-64min", (8, 4, 16), [400], "DEPLOYING", fw_linux, None),
    ]
    servers: dict[str, Record] = {}
    for i, (name, country, app_name, size, extra, state, fw, mp) in enumerate(specs):
        app = apps[app_name]
        if isinstance(size, str):
            hw = sizes[size]["hardware"]
            vcore, cpp, ram = hw["vcore"], hw["cores_per_processor"], hw["ram"]
            disks = [(hw["hdds"][0]["size"], True)]
            fixed = sizes[size]["id"]
        else:
            vcore, cpp, ram = size
            disks = [(max(40, app["min_hdd_size"]) if app["os_family"] == "Windows" else 60,
                      True)]
            fixed = None
        disks += [(s, False) for s in extra]
        srv = f.server(store, name=name, datacenter_id=dc[country], appliance=app, vcore=vcore,
                       cores_per_processor=cpp, ram=ram, hdds=disks, fixed_instance_size_id=fixed,
                       description=f"{name} ({app['os_version']})",
                       created=-(300 - i * 20) * DAY, state=state)
        ip = store.create_ip(srv["datacenter_id"],
                             reverse_dns=f"{name}.example.com" if state != "DEPLOYING" else None)
        store.attach_ip(ip, "SERVER", srv)
        ip["firewall_policy_id"] = fw["id"]
        srv["monitoring_policy_id"] = mp["id"] if mp else None
        servers[name] = srv
    # A second IP on the gateway, the DVD on the ERP box, a snapshot on the primary database.
    ip2 = store.create_ip(servers["api-gateway"]["datacenter_id"])
    store.attach_ip(ip2, "SERVER", servers["api-gateway"])
    servers["legacy-erp"]["dvd"] = {"id": cat.DVD_ISOS[6]["id"], "name": cat.DVD_ISOS[6]["name"]}
    snap = {"id": store.new_id(), "creation_date": store.iso(-2 * DAY),
            "deletion_date": store.iso(1 * DAY)}
    servers["db-primary"]["snapshot"] = snap
    servers["db-primary"]["snapshots"] = [snap]
    servers["db-primary"]["alerts"] = {
        "critical": [],
        "warning": [{"type": "disk", "description": "Disk usage: WARNING /var 78% used",
                     "date": store.when(-3600).strftime("%Y-%m-%d %H:%M:%S")}],
    }
    servers["worker-us-01"]["alerts"] = {
        "critical": [{"type": "cpu", "description": "CPU usage: CRITICAL - CPU_Total 97% used",
                      "date": store.when(-900).strftime("%Y-%m-%d %H:%M:%S")}],
        "warning": [],
    }
    # The deploying server started a minute ago: a demo shows it come up.
    deploying = servers["ci-runner"]
    deploying["first_password"] = store.new_password()
    store.transitions.start(store.servers, deploying, "server.create", "POWERED_ON", -60.0)

    # -- load balancers ---------------------------------------------------------------------------
    lb_web = f.load_balancer(
        store, name="lb-web-de", method="ROUND_ROBIN", datacenter_id=dc["DE"],
        description="Public entry for the web tier", health_check_test="TCP",
        health_check_interval=15, persistence=True, persistence_time=1200,
        rules=[f.lb_rule(store, protocol="TCP", port_balancer=80, port_server=80),
               f.lb_rule(store, protocol="TCP", port_balancer=443, port_server=443)],
        created=-120 * DAY)
    lb_api = f.load_balancer(
        store, name="lb-workers-us", method="LEAST_CONNECTIONS", datacenter_id=dc["US"],
        description="Job API", health_check_test="NONE", health_check_interval=30,
        rules=[f.lb_rule(store, protocol="TCP", port_balancer=8080, port_server=8080)],
        created=-60 * DAY)
    for name in ("web-01", "web-02"):
        store.server_ips(servers[name])[0]["load_balancer_ids"].append(lb_web["id"])
    store.server_ips(servers["worker-us-01"])[0]["load_balancer_ids"].append(lb_api["id"])

    # -- storage, networks, images, keys, vpn -----------------------------------------------------
    ss = f.shared_storage(store, name="shared-assets", size=200, datacenter_id=dc["DE"],
                          description="Static assets for the web tier", created=-110 * DAY)
    ss["servers"] = [{"id": servers["web-01"]["id"], "rights": "RW"},
                     {"id": servers["web-02"]["id"], "rights": "R"}]
    f.shared_storage(store, name="backups-gb", size=500, datacenter_id=dc["GB"],
                     description="Nightly dumps", created=-80 * DAY)["servers"] = [
        {"id": servers["db-replica"]["id"], "rights": "RW"}]

    pn = f.private_network(store, name="backend-de", datacenter_id=dc["DE"],
                           description="Web to database", network_address="192.168.10.0",
                           subnet_mask="255.255.255.0", created=-115 * DAY)
    pn["server_ids"] = [servers[n]["id"] for n in ("web-01", "web-02", "api-gateway",
                                                    "db-primary")]
    pn_us = f.private_network(store, name="jobs-us", datacenter_id=dc["US"],
                              network_address="10.20.0.0", subnet_mask="255.255.0.0",
                              created=-50 * DAY)
    pn_us["server_ids"] = [servers["worker-us-01"]["id"], servers["worker-us-02"]["id"]]

    f.image(store, name="web-golden", server=servers["web-01"], frequency="WEEKLY",
            num_images=4, description="Weekly image of web-01",
            appliance=apps["ubuntu2004-64std"], created=-7 * DAY)
    f.image(store, name="db-base-2026-10", server=servers["db-primary"], frequency="ONCE",
            num_images=1, appliance=apps["centos7-64std"], created=-40 * DAY)

    jane_key = f.ssh_key(store, name="jane@laptop", description="Jane's work laptop",
                         public_key=None, created=-170 * DAY)
    jane_key["server_ids"] = [servers["web-01"]["id"], servers["web-02"]["id"]]
    f.ssh_key(store, name="ci-deploy", description="CI deploy key", public_key=None,
              created=-20 * DAY)["server_ids"] = [servers["ci-runner"]["id"]]
    for key in store.ssh_keys.values():
        for sid in key["server_ids"]:
            store.servers[sid]["ssh_key_ids"].append(key["id"])

    f.vpn(store, name="office-vpn", datacenter_id=dc["DE"], description="Office access",
          created=-150 * DAY)
    f.block_storage(store, name="pg-wal", size=200, datacenter_id=dc["DE"],
                    description="WAL volume", server_id=servers["db-primary"]["id"],
                    created=-100 * DAY)
    f.block_storage(store, name="scratch-us", size=100, datacenter_id=dc["US"],
                    created=-10 * DAY)

    spare = store.create_ip(dc["DE"], reverse_dns="spare.example.com")
    spare["creation_date"] = store.iso(-30 * DAY)
    store.create_ip(dc["US"])

    # -- history --------------------------------------------------------------------------------
    history: list[tuple[str, str, Record]] = []
    for srv in servers.values():
        history.append(("CREATE", "servers", srv))
    for coll, actions in (("firewall_policies", ("CREATE", "MODIFY")),
                          ("load_balancers", ("CREATE", "ADD_RULE")),
                          ("shared_storages", ("CREATE", "ATTACH_SERVER")),
                          ("private_networks", ("CREATE",)),
                          ("monitoring_policies", ("CREATE", "MODIFY")),
                          ("images", ("CREATE",))):
        for rec in getattr(store, coll).values():
            for action in actions:
                history.append((action, coll, rec))
    for srv in list(servers.values())[:8]:
        for action in ("POWER_OFF", "POWER_ON", "REBOOT", "CREATE_SNAPSHOT"):
            if rng.random() < 0.5:
                history.append((action, "servers", srv))
    users = list(store.users.values())[:2]
    for i, (action, coll, rec) in enumerate(history):
        entry = store.log(action, coll, rec, users[i % 2], seconds=rng.randint(20, 240))
        start = -29 * DAY + i * (29 * DAY / max(1, len(history))) + rng.randint(0, 3000)
        entry["_end"] = start + (entry["_end"] - entry["_start"])
        entry["_start"] = start
    store.logs.sort(key=lambda e: e["_start"])
    # The deploying server's own entry is still running.
    store.log("CREATE", "servers", deploying, owner,
              seconds=CHAINS["server.create"].seconds)["_start"] = -60.0
    store.logs[-1]["_end"] = -60.0 + CHAINS["server.create"].seconds

    _add_extra_servers(store, extra_servers, apps, sizes, fw_linux, mp_default)


def _add_extra_servers(store: Store, n: int, apps: dict[str, Record], sizes: dict[str, Record],
                       fw: Record, mp: Record) -> None:
    if n <= 0:
        return
    rng = store.rng
    dcs = [d["id"] for d in cat.DATACENTERS]
    linux = [a for a in cat.SERVER_APPLIANCES if a["os_family"] == "Linux"]
    size_list = list(sizes.values())
    for i in range(n):
        app = linux[i % len(linux)]
        size = size_list[rng.randrange(len(size_list))]
        hw = size["hardware"]
        state = "POWERED_OFF" if rng.random() < 0.15 else "POWERED_ON"
        srv = f.server(store, name=f"node-{i + 1:05d}", datacenter_id=dcs[i % len(dcs)],
                       appliance=app, vcore=hw["vcore"],
                       cores_per_processor=hw["cores_per_processor"], ram=hw["ram"],
                       hdds=[(hw["hdds"][0]["size"], True)], fixed_instance_size_id=size["id"],
                       created=-rng.randint(1, 365) * DAY, state=state)
        ip = store.create_ip(srv["datacenter_id"])
        store.attach_ip(ip, "SERVER", srv)
        ip["firewall_policy_id"] = fw["id"]
        srv["monitoring_policy_id"] = mp["id"]
