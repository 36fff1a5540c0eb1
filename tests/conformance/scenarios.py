"""One valid request for every endpoint of the API, against the seeded demo account.

``SCENARIOS["GET /servers/{server_id}"](api)`` returns the request to send (after any setup it
needs on a fresh emulator). Used by the endpoint coverage table and the fixture conformance
suite: every endpoint must answer its documented status with a body of the documented shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.helpers import Api

CENTOS = "B5F778B85C041347BCDCFC3172AB3F3C"


@dataclass
class Call:
    method: str
    path: str
    body: Any = None
    query: dict[str, Any] = field(default_factory=dict)


Scenario = Callable[[Api], Call]
SCENARIOS: dict[str, Scenario] = {}


def scenario(key: str) -> Callable[[Scenario], Scenario]:
    def deco(fn: Scenario) -> Scenario:
        SCENARIOS[key] = fn
        return fn
    return deco


def simple(key: str, path_fn: Callable[[Api], str], body: Any = None,
           query: dict[str, Any] | None = None) -> None:
    method = key.split(" ", 1)[0]
    SCENARIOS[key] = lambda api: Call(method, path_fn(api), body, dict(query or {}))


# -- lookups in the seed account ------------------------------------------------------------------
def sid(api: Api, name: str = "web-01") -> str:
    return api.find("servers", name)["id"]


def ip_of(api: Api, name: str = "web-01", index: int = 0) -> str:
    return api.ok(api.get(f"/servers/{sid(api, name)}/ips"))[index]["id"]


def rid(api: Api, collection: str, name: str) -> str:
    return api.find(collection, name)["id"]


def de(api: Api) -> str:
    return next(d["id"] for d in api.ok(api.get("/datacenters")) if d["country_code"] == "DE")


def settle(api: Api) -> None:
    api.emu.settle()


# -- servers --------------------------------------------------------------------------------------
SERVER_BODY = {"name": "conf", "description": "d", "appliance_id": CENTOS,
               "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 2,
                            "hdds": [{"size": 40, "is_main": True}]}}
simple("GET /servers", lambda a: "/servers")
simple("GET /servers/fixed_instance_sizes", lambda a: "/servers/fixed_instance_sizes")
simple("GET /servers/fixed_instance_sizes/{fixed_instance_size_id}",
       lambda a: "/servers/fixed_instance_sizes/"
       + a.ok(a.get("/servers/fixed_instance_sizes"))[0]["id"])
simple("GET /servers/baremetal_models", lambda a: "/servers/baremetal_models")
simple("GET /servers/baremetal_models/{baremetal_model_id}",
       lambda a: "/servers/baremetal_models/" + a.ok(a.get("/servers/baremetal_models"))[0]["id"])
simple("POST /servers", lambda a: "/servers", SERVER_BODY)
simple("GET /servers/{server_id}", lambda a: f"/servers/{sid(a)}")
simple("PUT /servers/{server_id}", lambda a: f"/servers/{sid(a)}",
       {"name": "renamed", "description": "new"})
simple("DELETE /servers/{server_id}", lambda a: f"/servers/{sid(a)}", query={"keep_hdds": "True"})
simple("GET /servers/{server_id}/hardware", lambda a: f"/servers/{sid(a)}/hardware")
simple("PUT /servers/{server_id}/hardware", lambda a: f"/servers/{sid(a)}/hardware",
       {"fixed_instance_size_id": None, "vcore": 4, "cores_per_processor": 1, "ram": 8})
simple("GET /servers/{server_id}/hardware/hdds", lambda a: f"/servers/{sid(a)}/hardware/hdds")
simple("POST /servers/{server_id}/hardware/hdds", lambda a: f"/servers/{sid(a)}/hardware/hdds",
       {"hdds": [{"size": 20, "is_main": False}]})


def extra_hdd(api: Api) -> str:
    srv = api.find("servers", "api-gateway")
    hdd = next(h for h in srv["hardware"]["hdds"] if not h["is_main"])
    return f"/servers/{srv['id']}/hardware/hdds/{hdd['id']}"


simple("GET /servers/{server_id}/hardware/hdds/{hdd_id}", extra_hdd)
simple("PUT /servers/{server_id}/hardware/hdds/{hdd_id}", extra_hdd, {"size": 120})
simple("DELETE /servers/{server_id}/hardware/hdds/{hdd_id}", extra_hdd)
simple("GET /servers/{server_id}/image", lambda a: f"/servers/{sid(a)}/image")
simple("PUT /servers/{server_id}/image", lambda a: f"/servers/{sid(a)}/image",
       {"id": CENTOS, "password": "Secret123", "firewall_policy": {"id": None}})
simple("GET /servers/{server_id}/ips", lambda a: f"/servers/{sid(a)}/ips")
simple("POST /servers/{server_id}/ips", lambda a: f"/servers/{sid(a)}/ips", {"type": "IPV4"})
simple("GET /servers/{server_id}/ips/{ip_id}", lambda a: f"/servers/{sid(a)}/ips/{ip_of(a)}")
simple("DELETE /servers/{server_id}/ips/{ip_id}",
       lambda a: f"/servers/{sid(a, 'api-gateway')}/ips/{ip_of(a, 'api-gateway', 1)}",
       query={"keep_ip": "True"})
simple("GET /servers/{server_id}/ips/{ip_id}/firewall_policy",
       lambda a: f"/servers/{sid(a)}/ips/{ip_of(a)}/firewall_policy")
simple("DELETE /servers/{server_id}/ips/{ip_id}/firewall_policy",
       lambda a: f"/servers/{sid(a)}/ips/{ip_of(a)}/firewall_policy")


@scenario("PUT /servers/{server_id}/ips/{ip_id}/firewall_policy")
def _put_ip_fw(api: Api) -> Call:
    return Call("PUT", f"/servers/{sid(api)}/ips/{ip_of(api)}/firewall_policy",
                {"id": rid(api, "firewall_policies", "Linux")})


simple("GET /servers/{server_id}/ips/{ip_id}/load_balancers",
       lambda a: f"/servers/{sid(a)}/ips/{ip_of(a)}/load_balancers")


@scenario("POST /servers/{server_id}/ips/{ip_id}/load_balancers")
def _post_ip_lb(api: Api) -> Call:
    return Call("POST", f"/servers/{sid(api, 'api-gateway')}/ips/{ip_of(api, 'api-gateway')}"
                        f"/load_balancers", {"load_balancer_id": rid(api, "load_balancers",
                                                                     "lb-web-de")})


simple("DELETE /servers/{server_id}/ips/{ip_id}/load_balancers/{load_balancer_id}",
       lambda a: f"/servers/{sid(a)}/ips/{ip_of(a)}/load_balancers/"
                 f"{rid(a, 'load_balancers', 'lb-web-de')}")
simple("GET /servers/{server_id}/status", lambda a: f"/servers/{sid(a)}/status")
simple("PUT /servers/{server_id}/status/action", lambda a: f"/servers/{sid(a)}/status/action",
       {"action": "POWER_OFF", "method": "SOFTWARE"})
simple("GET /servers/{server_id}/dvd", lambda a: f"/servers/{sid(a, 'legacy-erp')}/dvd")


@scenario("PUT /servers/{server_id}/dvd")
def _load_dvd(api: Api) -> Call:
    return Call("PUT", f"/servers/{sid(api)}/dvd", {"id": api.ok(api.get("/dvd_isos"))[0]["id"]})


simple("DELETE /servers/{server_id}/dvd", lambda a: f"/servers/{sid(a, 'legacy-erp')}/dvd")
simple("GET /servers/{server_id}/private_networks",
       lambda a: f"/servers/{sid(a)}/private_networks")


@scenario("POST /servers/{server_id}/private_networks")
def _assign_pn(api: Api) -> Call:
    pn = api.ok(api.post("/private_networks", {"name": "conf-pn", "datacenter_id": de(api)}))
    settle(api)
    srv = api.ok(api.post("/servers", dict(SERVER_BODY, datacenter_id=de(api))))
    settle(api)
    return Call("POST", f"/servers/{srv['id']}/private_networks", {"id": pn["id"]})


simple("GET /servers/{server_id}/private_networks/{private_network_id}",
       lambda a: f"/servers/{sid(a)}/private_networks/{rid(a, 'private_networks', 'backend-de')}")
simple("DELETE /servers/{server_id}/private_networks/{private_network_id}",
       lambda a: f"/servers/{sid(a, 'worker-us-02')}/private_networks/"
                 f"{rid(a, 'private_networks', 'jobs-us')}")
simple("GET /servers/{server_id}/snapshots", lambda a: f"/servers/{sid(a, 'db-primary')}/snapshots")
simple("POST /servers/{server_id}/snapshots", lambda a: f"/servers/{sid(a)}/snapshots")


def snapshot(api: Api) -> str:
    srv = api.find("servers", "db-primary")
    snaps = api.ok(api.get(f"/servers/{srv['id']}/snapshots"))
    return f"/servers/{srv['id']}/snapshots/{snaps[0]['id']}"


simple("PUT /servers/{server_id}/snapshots/{snapshot_id}", snapshot)
simple("DELETE /servers/{server_id}/snapshots/{snapshot_id}", snapshot)
simple("POST /servers/{server_id}/clone", lambda a: f"/servers/{sid(a)}/clone",
       {"name": "web-01-clone", "datacenter_id": None})

# -- images ---------------------------------------------------------------------------------------
simple("GET /images", lambda a: "/images")
simple("GET /images/os", lambda a: "/images/os")


@scenario("POST /images")
def _create_image(api: Api) -> Call:
    return Call("POST", "/images", {"server_id": sid(api), "name": "img", "frequency": "WEEKLY",
                                    "num_images": 5, "description": "d", "source": "server",
                                    "url": None, "os_id": None, "type": None})


simple("GET /images/{image_id}", lambda a: f"/images/{rid(a, 'images', 'web-golden')}")
simple("PUT /images/{image_id}", lambda a: f"/images/{rid(a, 'images', 'web-golden')}",
       {"name": "golden", "description": "d", "frequency": "ONCE"})
simple("DELETE /images/{image_id}", lambda a: f"/images/{rid(a, 'images', 'web-golden')}")

# -- shared storages ------------------------------------------------------------------------------
SS = "shared-assets"
simple("GET /shared_storages", lambda a: "/shared_storages")
simple("POST /shared_storages", lambda a: "/shared_storages",
       {"name": "ss", "description": "d", "size": 100, "datacenter_id": None})
simple("GET /shared_storages/{shared_storage_id}",
       lambda a: f"/shared_storages/{rid(a, 'shared_storages', SS)}")
simple("PUT /shared_storages/{shared_storage_id}",
       lambda a: f"/shared_storages/{rid(a, 'shared_storages', SS)}",
       {"name": "assets", "description": "d", "size": 250})


@scenario("DELETE /shared_storages/{shared_storage_id}")
def _delete_ss(api: Api) -> Call:
    ss = api.ok(api.post("/shared_storages", {"name": "tmp", "size": 50}))
    settle(api)
    return Call("DELETE", f"/shared_storages/{ss['id']}")


simple("GET /shared_storages/{shared_storage_id}/servers",
       lambda a: f"/shared_storages/{rid(a, 'shared_storages', SS)}/servers")


@scenario("POST /shared_storages/{shared_storage_id}/servers")
def _attach_ss(api: Api) -> Call:
    return Call("POST", f"/shared_storages/{rid(api, 'shared_storages', SS)}/servers",
                {"servers": [{"id": sid(api, "api-gateway"), "rights": "RW"},
                             {"id": sid(api, "db-primary"), "rights": "R"}]})


simple("GET /shared_storages/{shared_storage_id}/servers/{server_id}",
       lambda a: f"/shared_storages/{rid(a, 'shared_storages', SS)}/servers/{sid(a)}")
simple("DELETE /shared_storages/{shared_storage_id}/servers/{server_id}",
       lambda a: f"/shared_storages/{rid(a, 'shared_storages', SS)}/servers/{sid(a)}")
simple("GET /shared_storages/access", lambda a: "/shared_storages/access")
simple("PUT /shared_storages/access", lambda a: "/shared_storages/access",
       {"password": "N3wPassw0rd!"})

# -- firewall policies ----------------------------------------------------------------------------
FW = "web-public"
simple("GET /firewall_policies", lambda a: "/firewall_policies")
simple("POST /firewall_policies", lambda a: "/firewall_policies",
       {"name": "fp", "description": "d",
        "rules": [{"protocol": "TCP", "port_from": None, "port_to": None, "source": "0.0.0.0",
                   "action": "allow", "description": "web", "port": 80},
                  {"protocol": "UDP", "port_from": 1000, "port_to": 2000, "source": "0.0.0.0",
                   "action": None, "description": None, "port": None}]})
simple("GET /firewall_policies/{firewall_id}",
       lambda a: f"/firewall_policies/{rid(a, 'firewall_policies', FW)}")
simple("PUT /firewall_policies/{firewall_id}",
       lambda a: f"/firewall_policies/{rid(a, 'firewall_policies', FW)}",
       {"name": "web", "description": "d"})


@scenario("DELETE /firewall_policies/{firewall_id}")
def _delete_fw(api: Api) -> Call:
    fw = api.ok(api.post("/firewall_policies", {"name": "tmp", "rules": [
        {"protocol": "TCP", "port_from": 22, "port_to": 22, "source": "0.0.0.0"}]}))
    settle(api)
    return Call("DELETE", f"/firewall_policies/{fw['id']}")


simple("GET /firewall_policies/{firewall_id}/server_ips",
       lambda a: f"/firewall_policies/{rid(a, 'firewall_policies', FW)}/server_ips")


@scenario("POST /firewall_policies/{firewall_id}/server_ips")
def _attach_fw(api: Api) -> Call:
    return Call("POST", f"/firewall_policies/{rid(api, 'firewall_policies', FW)}/server_ips",
                {"server_ips": [ip_of(api, "cache-01")]})


simple("GET /firewall_policies/{firewall_id}/server_ips/{server_ip_id}",
       lambda a: f"/firewall_policies/{rid(a, 'firewall_policies', FW)}/server_ips/{ip_of(a)}")
simple("DELETE /firewall_policies/{firewall_id}/server_ips/{server_ip_id}",
       lambda a: f"/firewall_policies/{rid(a, 'firewall_policies', FW)}/server_ips/{ip_of(a)}")
simple("GET /firewall_policies/{firewall_id}/rules",
       lambda a: f"/firewall_policies/{rid(a, 'firewall_policies', FW)}/rules")
simple("POST /firewall_policies/{firewall_id}/rules",
       lambda a: f"/firewall_policies/{rid(a, 'firewall_policies', FW)}/rules",
       {"rules": [{"protocol": "TCP", "port_from": 8080, "port_to": 8081, "source": "0.0.0.0",
                   "action": "allow", "description": None, "port": None}]})


def fw_rule(api: Api) -> str:
    fw = api.find("firewall_policies", FW)
    return f"/firewall_policies/{fw['id']}/rules/{fw['rules'][0]['id']}"


simple("GET /firewall_policies/{firewall_id}/rules/{rule_id}", fw_rule)
simple("DELETE /firewall_policies/{firewall_id}/rules/{rule_id}", fw_rule)

# -- load balancers -------------------------------------------------------------------------------
LB = "lb-web-de"
LB_BODY = {"name": "lb", "description": "d", "health_check_test": "TCP",
           "health_check_interval": 40, "health_check_path": None, "health_check_parse": None,
           "persistence": True, "persistence_time": 1200, "method": "ROUND_ROBIN",
           "datacenter_id": None,
           "rules": [{"protocol": "TCP", "port_balancer": 80, "port_server": 80,
                      "source": "0.0.0.0"}]}
simple("GET /load_balancers", lambda a: "/load_balancers")
simple("POST /load_balancers", lambda a: "/load_balancers", LB_BODY)
simple("GET /load_balancers/{load_balancer_id}",
       lambda a: f"/load_balancers/{rid(a, 'load_balancers', LB)}")
simple("PUT /load_balancers/{load_balancer_id}",
       lambda a: f"/load_balancers/{rid(a, 'load_balancers', LB)}",
       {k: v for k, v in LB_BODY.items() if k not in ("rules", "datacenter_id")})
simple("DELETE /load_balancers/{load_balancer_id}",
       lambda a: f"/load_balancers/{rid(a, 'load_balancers', LB)}")
simple("GET /load_balancers/{load_balancer_id}/server_ips",
       lambda a: f"/load_balancers/{rid(a, 'load_balancers', LB)}/server_ips")


@scenario("POST /load_balancers/{load_balancer_id}/server_ips")
def _attach_lb(api: Api) -> Call:
    return Call("POST", f"/load_balancers/{rid(api, 'load_balancers', LB)}/server_ips",
                {"server_ips": [ip_of(api, "api-gateway")]})


simple("GET /load_balancers/{load_balancer_id}/server_ips/{server_ip_id}",
       lambda a: f"/load_balancers/{rid(a, 'load_balancers', LB)}/server_ips/{ip_of(a)}")
simple("DELETE /load_balancers/{load_balancer_id}/server_ips/{server_ip_id}",
       lambda a: f"/load_balancers/{rid(a, 'load_balancers', LB)}/server_ips/{ip_of(a)}")
simple("GET /load_balancers/{load_balancer_id}/rules",
       lambda a: f"/load_balancers/{rid(a, 'load_balancers', LB)}/rules")
simple("POST /load_balancers/{load_balancer_id}/rules",
       lambda a: f"/load_balancers/{rid(a, 'load_balancers', LB)}/rules",
       {"rules": [{"protocol": "TCP", "port_balancer": 8080, "port_server": 8080,
                   "source": "0.0.0.0"}]})


def lb_rule(api: Api) -> str:
    lb = api.find("load_balancers", LB)
    return f"/load_balancers/{lb['id']}/rules/{lb['rules'][0]['id']}"


simple("GET /load_balancers/{load_balancer_id}/rules/{rule_id}", lb_rule)
simple("DELETE /load_balancers/{load_balancer_id}/rules/{rule_id}", lb_rule)

# -- public IPs -----------------------------------------------------------------------------------
def spare_ip(api: Api) -> str:
    return next(ip["id"] for ip in api.ok(api.get("/public_ips"))
                if ip["reverse_dns"] == "spare.example.com")


simple("GET /public_ips", lambda a: "/public_ips")
simple("POST /public_ips", lambda a: "/public_ips",
       {"reverse_dns": "new.example.com", "type": "IPV4", "datacenter_id": None})
simple("GET /public_ips/{ip_id}", lambda a: f"/public_ips/{ip_of(a)}")
simple("PUT /public_ips/{ip_id}", lambda a: f"/public_ips/{spare_ip(a)}",
       {"reverse_dns": "other.example.com"})
simple("DELETE /public_ips/{ip_id}", lambda a: f"/public_ips/{spare_ip(a)}")

# -- private networks -----------------------------------------------------------------------------
PN = "backend-de"
simple("GET /private_networks", lambda a: "/private_networks")
simple("POST /private_networks", lambda a: "/private_networks",
       {"name": "pn", "description": "d", "network_address": "192.168.1.0",
        "subnet_mask": "255.255.255.0", "datacenter_id": None})
simple("GET /private_networks/{private_network_id}",
       lambda a: f"/private_networks/{rid(a, 'private_networks', PN)}")
simple("PUT /private_networks/{private_network_id}",
       lambda a: f"/private_networks/{rid(a, 'private_networks', PN)}",
       {"name": "backend", "description": "d", "network_address": "192.168.11.0",
        "subnet_mask": "255.255.255.0"})


@scenario("DELETE /private_networks/{private_network_id}")
def _delete_pn(api: Api) -> Call:
    pn = api.ok(api.post("/private_networks", {"name": "tmp"}))
    settle(api)
    return Call("DELETE", f"/private_networks/{pn['id']}")


simple("GET /private_networks/{private_network_id}/servers",
       lambda a: f"/private_networks/{rid(a, 'private_networks', PN)}/servers")


@scenario("POST /private_networks/{private_network_id}/servers")
def _attach_pn(api: Api) -> Call:
    srv = api.ok(api.post("/servers", dict(SERVER_BODY, datacenter_id=de(api))))
    settle(api)
    return Call("POST", f"/private_networks/{rid(api, 'private_networks', PN)}/servers",
                {"servers": [srv["id"]]})


simple("GET /private_networks/{private_network_id}/servers/{server_id}",
       lambda a: f"/private_networks/{rid(a, 'private_networks', PN)}/servers/{sid(a)}")
simple("DELETE /private_networks/{private_network_id}/servers/{server_id}",
       lambda a: f"/private_networks/{rid(a, 'private_networks', 'jobs-us')}/servers/"
                 f"{sid(a, 'worker-us-02')}")

# -- monitoring center and policies ---------------------------------------------------------------
MP = "Production"
simple("GET /monitoring_center", lambda a: "/monitoring_center")
simple("GET /monitoring_center/{server_id}", lambda a: f"/monitoring_center/{sid(a)}",
       query={"period": "LAST_24H"})


def thresholds(warn: int = 80, crit: int = 90) -> dict[str, Any]:
    def t(w: int, c: int) -> dict[str, Any]:
        return {"warning": {"value": w, "alert": False}, "critical": {"value": c, "alert": True}}
    return {"cpu": t(warn, crit), "ram": t(warn, crit), "disk": t(warn, crit),
            "transfer": t(1000, 2000), "internal_ping": t(50, 100)}


simple("GET /monitoring_policies", lambda a: "/monitoring_policies")
simple("POST /monitoring_policies", lambda a: "/monitoring_policies",
       {"name": "mp", "description": "d", "email": "a@example.com", "agent": True,
        "thresholds": thresholds(),
        "ports": [{"protocol": "TCP", "port": 22, "alert_if": "RESPONDING",
                   "email_notification": True}],
        "processes": [{"process": "test", "alert_if": "NOT_RUNNING",
                       "email_notification": True}]})
simple("GET /monitoring_policies/{monitoring_policy_id}",
       lambda a: f"/monitoring_policies/{rid(a, 'monitoring_policies', MP)}")
simple("PUT /monitoring_policies/{monitoring_policy_id}",
       lambda a: f"/monitoring_policies/{rid(a, 'monitoring_policies', MP)}",
       {"name": "Prod", "description": "d", "email": "b@example.com",
        "thresholds": thresholds(70, 85)})
simple("DELETE /monitoring_policies/{monitoring_policy_id}",
       lambda a: f"/monitoring_policies/{rid(a, 'monitoring_policies', MP)}")


def mp_path(api: Api, sub: str = "") -> str:
    return f"/monitoring_policies/{rid(api, 'monitoring_policies', MP)}{sub}"


def mp_item(api: Api, kind: str) -> str:
    mp = api.find("monitoring_policies", MP)
    return f"/monitoring_policies/{mp['id']}/{kind}/{mp[kind][0]['id']}"


simple("GET /monitoring_policies/{monitoring_policy_id}/ports", lambda a: mp_path(a, "/ports"))
simple("POST /monitoring_policies/{monitoring_policy_id}/ports", lambda a: mp_path(a, "/ports"),
       {"ports": [{"protocol": "TCP", "port": 8443, "alert_if": "NOT_RESPONDING",
                   "email_notification": False}]})
simple("GET /monitoring_policies/{monitoring_policy_id}/ports/{port_id}",
       lambda a: mp_item(a, "ports"))
simple("PUT /monitoring_policies/{monitoring_policy_id}/ports/{port_id}",
       lambda a: mp_item(a, "ports"),
       {"ports": {"protocol": "TCP", "port": 443, "alert_if": "RESPONDING",
                  "email_notification": False}})
simple("DELETE /monitoring_policies/{monitoring_policy_id}/ports/{port_id}",
       lambda a: mp_item(a, "ports"))
simple("GET /monitoring_policies/{monitoring_policy_id}/processes",
       lambda a: mp_path(a, "/processes"))
simple("POST /monitoring_policies/{monitoring_policy_id}/processes",
       lambda a: mp_path(a, "/processes"),
       {"processes": [{"process": "redis", "alert_if": "NOT_RUNNING",
                       "email_notification": True}]})
simple("GET /monitoring_policies/{monitoring_policy_id}/processes/{process_id}",
       lambda a: mp_item(a, "processes"))
simple("PUT /monitoring_policies/{monitoring_policy_id}/processes/{process_id}",
       lambda a: mp_item(a, "processes"),
       {"processes": {"process": "nginx", "alert_if": "RUNNING", "email_notification": False}})
simple("DELETE /monitoring_policies/{monitoring_policy_id}/processes/{process_id}",
       lambda a: mp_item(a, "processes"))
simple("GET /monitoring_policies/{monitoring_policy_id}/servers",
       lambda a: mp_path(a, "/servers"))


@scenario("POST /monitoring_policies/{monitoring_policy_id}/servers")
def _attach_mp(api: Api) -> Call:
    return Call("POST", mp_path(api, "/servers"), {"servers": [sid(api, "cache-01")]})


simple("GET /monitoring_policies/{monitoring_policy_id}/servers/{server_id}",
       lambda a: mp_path(a, f"/servers/{sid(a)}"))
simple("DELETE /monitoring_policies/{monitoring_policy_id}/servers/{server_id}",
       lambda a: mp_path(a, f"/servers/{sid(a)}"))

# -- logs, usages, catalogues ---------------------------------------------------------------------
simple("GET /logs", lambda a: "/logs", query={"period": "LAST_30D"})
simple("GET /logs/{log_id}",
       lambda a: "/logs/" + a.ok(a.get("/logs", period="LAST_30D"))[0]["id"])
simple("GET /usages", lambda a: "/usages", query={"period": "LAST_30D"})
simple("GET /pricing", lambda a: "/pricing")
simple("GET /ping", lambda a: "/ping")
simple("GET /ping_auth", lambda a: "/ping_auth")
simple("GET /server_appliances", lambda a: "/server_appliances")
simple("GET /server_appliances/{appliance_id}", lambda a: f"/server_appliances/{CENTOS}")
simple("GET /recovery_appliances", lambda a: "/recovery_appliances")
simple("GET /recovery_appliances/{recovery_appliance_id}",
       lambda a: "/recovery_appliances/" + a.ok(a.get("/recovery_appliances"))[0]["id"])
simple("GET /dvd_isos", lambda a: "/dvd_isos")
simple("GET /dvd_isos/{dvd_id}", lambda a: "/dvd_isos/" + a.ok(a.get("/dvd_isos"))[0]["id"])
simple("GET /datacenters", lambda a: "/datacenters")
simple("GET /datacenters/{datacenter_id}", lambda a: f"/datacenters/{de(a)}")

# -- users and roles ------------------------------------------------------------------------------
def jane(api: Api) -> str:
    return rid(api, "users", "ops.jane")


simple("GET /users", lambda a: "/users")
simple("POST /users", lambda a: "/users",
       {"name": "bob", "password": "Secret123", "email": "b@example.com", "description": "d"})
simple("GET /users/{user_id}", lambda a: f"/users/{jane(a)}")
simple("PUT /users/{user_id}", lambda a: f"/users/{jane(a)}",
       {"description": "d", "email": "e@example.com", "password": "Secret1234",
        "state": "ACTIVE"})
simple("DELETE /users/{user_id}", lambda a: f"/users/{jane(a)}")
simple("GET /users/{user_id}/api", lambda a: f"/users/{jane(a)}/api")
simple("PUT /users/{user_id}/api", lambda a: f"/users/{jane(a)}/api", {"active": False})
simple("GET /users/{user_id}/api/key", lambda a: f"/users/{jane(a)}/api/key")
simple("PUT /users/{user_id}/api/key", lambda a: f"/users/{jane(a)}/api/key")
simple("GET /users/{user_id}/api/ips", lambda a: f"/users/{jane(a)}/api/ips")
simple("POST /users/{user_id}/api/ips", lambda a: f"/users/{jane(a)}/api/ips",
       {"ips": ["198.51.100.7"]})
simple("DELETE /users/{user_id}/api/ips/{ip}", lambda a: f"/users/{jane(a)}/api/ips/203.0.113.10")
simple("GET /users/current_user_permissions", lambda a: "/users/current_user_permissions")


def role(api: Api, name: str = "Operators") -> str:
    return rid(api, "roles", name)


simple("GET /roles", lambda a: "/roles")
simple("POST /roles", lambda a: "/roles", {"name": "auditors"})
simple("GET /roles/{role_id}", lambda a: f"/roles/{role(a)}")
simple("PUT /roles/{role_id}", lambda a: f"/roles/{role(a)}",
       {"name": "Ops", "description": "d", "state": "ACTIVE"})


@scenario("DELETE /roles/{role_id}")
def _delete_role(api: Api) -> Call:
    new = api.ok(api.post("/roles", {"name": "tmp-role"}))
    return Call("DELETE", f"/roles/{new['id']}")


simple("GET /roles/{role_id}/permissions", lambda a: f"/roles/{role(a)}/permissions")
simple("PUT /roles/{role_id}/permissions", lambda a: f"/roles/{role(a)}/permissions",
       {"servers": {"show": True, "create": False}, "images": None, "sharedstorages": None,
        "firewalls": None, "loadbalancers": None, "ips": None, "privatenetwork": None,
        "vpn": None, "monitoringcenter": None, "monitoringpolicies": None, "backups": None,
        "logs": None, "users": None, "roles": None, "usages": None, "interactiveinvoice": None})
simple("GET /roles/{role_id}/users", lambda a: f"/roles/{role(a)}/users")


@scenario("POST /roles/{role_id}/users")
def _add_role_users(api: Api) -> Call:
    return Call("POST", f"/roles/{role(api, 'Read only')}/users", {"users": [jane(api)]})


simple("GET /roles/{role_id}/users/{user_id}", lambda a: f"/roles/{role(a)}/users/{jane(a)}")
simple("DELETE /roles/{role_id}/users/{user_id}", lambda a: f"/roles/{role(a)}/users/{jane(a)}")
simple("POST /roles/{role_id}/clone", lambda a: f"/roles/{role(a)}/clone", {"name": "Ops copy"})

# -- vpns, block storages, ssh keys ---------------------------------------------------------------
VPN = "office-vpn"
simple("GET /vpns", lambda a: "/vpns")
simple("POST /vpns", lambda a: "/vpns", {"name": "vpn", "description": "d",
                                         "datacenter_id": None})
simple("GET /vpns/{vpn_id}", lambda a: f"/vpns/{rid(a, 'vpns', VPN)}")
simple("PUT /vpns/{vpn_id}", lambda a: f"/vpns/{rid(a, 'vpns', VPN)}",
       {"name": "office", "description": "d"})
simple("DELETE /vpns/{vpn_id}", lambda a: f"/vpns/{rid(a, 'vpns', VPN)}")
simple("GET /vpns/{vpn_id}/configuration_file",
       lambda a: f"/vpns/{rid(a, 'vpns', VPN)}/configuration_file")

BS = "pg-wal"
simple("GET /block_storages", lambda a: "/block_storages")
simple("POST /block_storages", lambda a: "/block_storages",
       {"name": "bs", "description": "d", "size": 20, "server": None, "datacenter_id": None,
        "execution_group": None})
simple("GET /block_storages/{block_storage_id}",
       lambda a: f"/block_storages/{rid(a, 'block_storages', BS)}")
simple("PUT /block_storages/{block_storage_id}",
       lambda a: f"/block_storages/{rid(a, 'block_storages', BS)}",
       {"name": "wal", "description": "d", "size": None})
simple("DELETE /block_storages/{block_storage_id}",
       lambda a: f"/block_storages/{rid(a, 'block_storages', 'scratch-us')}")
simple("GET /block_storages/{block_storage_id}/server",
       lambda a: f"/block_storages/{rid(a, 'block_storages', BS)}/server")


@scenario("POST /block_storages/{block_storage_id}/server")
def _attach_bs(api: Api) -> Call:
    return Call("POST", f"/block_storages/{rid(api, 'block_storages', 'scratch-us')}/server",
                {"server": sid(api, "worker-us-01")})


simple("DELETE /block_storages/{block_storage_id}/server",
       lambda a: f"/block_storages/{rid(a, 'block_storages', BS)}/server")

KEY = "jane@laptop"
simple("GET /ssh_keys", lambda a: "/ssh_keys")
simple("POST /ssh_keys", lambda a: "/ssh_keys",
       {"name": "k", "description": "d", "state": None, "servers": None, "md5": None,
        "public_key": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host",
        "creation_date": None})
simple("GET /ssh_keys/{ssh_key_id}", lambda a: f"/ssh_keys/{rid(a, 'ssh_keys', KEY)}")
simple("PUT /ssh_keys/{ssh_key_id}", lambda a: f"/ssh_keys/{rid(a, 'ssh_keys', KEY)}",
       {"name": "jane", "description": "d"})
simple("DELETE /ssh_keys/{ssh_key_id}", lambda a: f"/ssh_keys/{rid(a, 'ssh_keys', KEY)}")
