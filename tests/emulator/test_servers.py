"""Servers: create/modify/delete, hardware and HDDs, image, power actions, DVD, snapshots, clone."""

from __future__ import annotations

import pytest

from tests.helpers import Api, error

CENTOS = "B5F778B85C041347BCDCFC3172AB3F3C"  # centos7-64std (min disk 20)


def new_server(api: Api, **overrides):
    body = {
        "name": "t1",
        "description": "test",
        "hardware": {"vcore": 2, "cores_per_processor": 1, "ram": 4,
                     "hdds": [{"size": 40, "is_main": True}, {"size": 20, "is_main": False}]},
        "appliance_id": CENTOS,
    }
    body.update(overrides)
    return api.post("/servers", body)


def ready_server(api: Api, emu, **overrides):
    srv = api.ok(new_server(api, **overrides), 202)
    emu.settle()
    return api.ok(api.get(f"/servers/{srv['id']}"))


def test_create_answers_deploying_with_password_and_ip_then_powers_on(api, emu):
    resp = new_server(api)
    srv = api.ok(resp, 202)
    assert srv["status"]["state"] == "DEPLOYING"
    assert isinstance(srv["status"]["percent"], int) and 0 < srv["status"]["percent"] < 100
    assert srv["first_password"] and srv["name"] == "t1"
    assert [h["size"] for h in srv["hardware"]["hdds"]] == [40, 20]
    assert len(srv["ips"]) == 1 and srv["ips"][0]["firewall_policy"]["name"] == "Linux"
    emu.advance(90)
    mid = api.ok(api.get(f"/servers/{srv['id']}/status"))
    assert mid["state"] == "DEPLOYING" and mid["percent"] > srv["status"]["percent"]
    emu.advance(100)
    assert api.ok(api.get(f"/servers/{srv['id']}/status")) == {"state": "POWERED_ON",
                                                              "percent": None}


def test_create_power_on_false_ends_powered_off(api, emu):
    srv = api.ok(new_server(api, power_on=False))
    emu.settle()
    assert api.ok(api.get(f"/servers/{srv['id']}"))["status"]["state"] == "POWERED_OFF"


def test_create_with_fixed_size(api, emu):
    sizes = api.ok(api.get("/servers/fixed_instance_sizes"))
    m = next(s for s in sizes if s["name"] == "M")
    assert api.ok(api.get(f"/servers/fixed_instance_sizes/{m['id']}")) == m
    srv = api.ok(new_server(api, hardware={"fixed_instance_size_id": m["id"]}))
    assert srv["hardware"]["fixed_instance_size_id"] == m["id"]
    assert srv["hardware"]["vcore"] == m["hardware"]["vcore"]
    assert srv["hardware"]["hdds"][0]["size"] == m["hardware"]["hdds"][0]["size"]


def test_create_accepts_sdk_nulls(api):
    """The official SDK sends every key, unset ones as null."""
    body = {"name": "web", "description": "d",
            "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 2,
                         "hdds": [{"size": 40, "is_main": True}]},
            "appliance_id": CENTOS, "password": None, "power_on": True,
            "firewall_policy_id": None, "ip_id": None, "load_balancer_id": None,
            "monitoring_policy_id": None, "datacenter_id": None, "rsa_key": None,
            "private_network_id": None, "server_type": None, "public_key": None,
            "ipv6_range": None, "hostname": None, "execution_group": None}
    assert api.post("/servers", body).status == 202


@pytest.mark.parametrize("hardware,fragment", [
    ({"vcore": 0, "cores_per_processor": 1, "ram": 2, "hdds": [{"size": 40, "is_main": True}]},
     "hardware.vcore"),
    ({"vcore": 17, "cores_per_processor": 1, "ram": 2, "hdds": [{"size": 40, "is_main": True}]},
     "hardware.vcore"),
    ({"vcore": 2, "cores_per_processor": 3, "ram": 2, "hdds": [{"size": 40, "is_main": True}]},
     "hardware.cores_per_processor"),
    ({"vcore": 2, "cores_per_processor": 1, "ram": 2.3, "hdds": [{"size": 40, "is_main": True}]},
     "multiple of 0.5"),
    ({"vcore": 2, "cores_per_processor": 1, "ram": 129, "hdds": [{"size": 40, "is_main": True}]},
     "hardware.ram"),
    ({"vcore": 2, "cores_per_processor": 1, "ram": 2, "hdds": []}, "hardware.hdds"),
    ({"vcore": 2, "cores_per_processor": 1, "ram": 2, "hdds": [{"size": 10, "is_main": True}]},
     "hardware.hdds[0].size"),
    ({"vcore": 2, "cores_per_processor": 1, "ram": 2, "hdds": [{"size": 2020, "is_main": True}]},
     "between 20 and 2000"),
    ({"vcore": 2, "cores_per_processor": 1, "ram": 2,
      "hdds": [{"size": 40, "is_main": False}]}, "exactly one"),
    ({"vcore": 2, "cores_per_processor": 1, "ram": 2,
      "hdds": [{"size": 40, "is_main": True}, {"size": 40, "is_main": True}]}, "exactly one"),
    ({"fixed_instance_size_id": "NOPE"}, "fixed_instance_size_id"),
    ({"vcore": 2, "ram": 2, "hdds": [{"size": 40, "is_main": True}]},
     "hardware.cores_per_processor"),
])
def test_create_rejects_bad_hardware(api, emu, hardware, fragment):
    before = len(emu.store.servers)
    error(new_server(api, hardware=hardware), 400, fragment)
    assert len(emu.store.servers) == before


def test_create_rejects_fixed_size_with_custom_cores(api):
    size = api.ok(api.get("/servers/fixed_instance_sizes"))[0]
    error(new_server(api, hardware={"fixed_instance_size_id": size["id"], "vcore": 2}), 400,
          "hardware.vcore", "conflicts")


@pytest.mark.parametrize("overrides,fragment", [
    ({"name": None}, "'name' is required"),
    ({"name": "  "}, "'name' must not be empty"),
    ({"appliance_id": "NOPE"}, "appliance_id"),
    ({"datacenter_id": "NOPE"}, "datacenter_id"),
    ({"password": "short1A"}, "'password'"),
    ({"password": "alllowercase1"}, "upper-case"),
    ({"power_on": "yes"}, "'power_on' must be true or false"),
    ({"firewall_policy_id": "NOPE"}, "firewall_policy_id"),
    ({"server_type": "mainframe"}, "server_type"),
    ({"public_key": "NOPE"}, "public_key"),
])
def test_create_rejects_bad_fields(api, overrides, fragment):
    error(new_server(api, **overrides), 400, fragment)


def test_create_main_disk_must_fit_the_appliance(api):
    win = api.find("server_appliances", "w2019datacenter64std")
    body = {"vcore": 2, "cores_per_processor": 1, "ram": 4, "hdds": [{"size": 40, "is_main": True}]}
    error(new_server(api, appliance_id=win["id"], hardware=body), 400, "at least 60 GB")


def test_create_wires_relations(api, emu):
    lb = api.find("load_balancers", "lb-web-de")
    pn = api.find("private_networks", "backend-de")
    mp = api.find("monitoring_policies", "Production")
    fw = api.find("firewall_policies", "web-public")
    key = api.find("ssh_keys", "ci-deploy")
    dc = next(d for d in api.ok(api.get("/datacenters")) if d["country_code"] == "DE")
    srv = api.ok(new_server(api, datacenter_id=dc["id"], load_balancer_id=lb["id"],
                            private_network_id=pn["id"], monitoring_policy_id=mp["id"],
                            firewall_policy_id=fw["id"], public_key=[key["id"]]))
    ip = srv["ips"][0]
    assert ip["firewall_policy"] == {"id": fw["id"], "name": "web-public"}
    assert ip["load_balancers"] == [{"id": lb["id"], "name": "lb-web-de"}]
    assert srv["monitoring_policy"]["id"] == mp["id"]
    assert {"id": pn["id"], "name": "backend-de"} in srv["private_networks"]
    assert ip["ip"].startswith("82.165.")  # a German address
    lb_ips = [x["id"] for x in api.ok(api.get(f"/load_balancers/{lb['id']}"))["server_ips"]]
    assert ip["id"] in lb_ips
    assert srv["id"] in [s["id"] for s in api.ok(api.get(f"/private_networks/{pn['id']}"))
                         ["servers"]]
    assert srv["id"] in [s["id"] for s in api.ok(api.get(f"/ssh_keys/{key['id']}"))["servers"]]


def test_create_with_existing_ip_and_rejects_an_assigned_one(api, emu):
    spare = next(ip for ip in api.ok(api.get("/public_ips")) if ip["assigned_to"] is None
                 and ip["datacenter"]["country_code"] == "DE")
    srv = api.ok(new_server(api, ip_id=spare["id"], datacenter_id=spare["datacenter"]["id"]))
    assert srv["ips"][0]["id"] == spare["id"]
    error(new_server(api, ip_id=spare["id"], datacenter_id=spare["datacenter"]["id"]), 409,
          "already assigned")


def test_list_get_and_404(api):
    servers = api.ok(api.get("/servers"))
    assert len(servers) == 12
    web = next(s for s in servers if s["name"] == "web-01")
    assert set(web) >= {"id", "name", "status", "image", "hardware", "ips", "alerts"}
    full = api.ok(api.get(f"/servers/{web['id']}"))
    assert full["ips"][0]["load_balancers"][0]["name"] == "lb-web-de"
    error(api.get("/servers/0123456789ABCDEF0123456789ABCDEF"), 404, "0123456789ABCDEF")


def test_modify_name_and_description(api, emu):
    srv = api.find("servers", "cache-01")
    out = api.ok(api.put(f"/servers/{srv['id']}", {"name": "cache-renamed", "description": None}),
                 200)
    assert out["name"] == "cache-renamed" and out["description"] == srv["description"]
    error(api.put(f"/servers/{srv['id']}", {"name": None, "description": None}), 400, "name")
    error(api.put(f"/servers/{srv['id']}", {"name": ""}), 400, "'name'")


def test_rename_shows_in_related_views(api, emu):
    web = api.find("servers", "web-01")
    api.ok(api.put(f"/servers/{web['id']}", {"name": "frontend-01"}))
    lb = api.find("load_balancers", "lb-web-de")
    assert "frontend-01" in [x["server_name"] for x in lb["server_ips"]]


def test_delete_removes_then_404_and_frees_relations(api, emu):
    web = api.find("servers", "web-01")
    ip_id = web["ips"][0]["id"]
    out = api.ok(api.delete(f"/servers/{web['id']}", keep_hdds="True"), 202)
    assert out["status"]["state"] == "REMOVING" and out["status"]["percent"] is not None
    error(api.delete(f"/servers/{web['id']}"), 409, "already being removed")
    emu.settle()
    error(api.get(f"/servers/{web['id']}"), 404)
    error(api.get(f"/public_ips/{ip_id}"), 404)
    lb = api.find("load_balancers", "lb-web-de")
    assert ip_id not in [x["id"] for x in lb["server_ips"]]
    pn = api.find("private_networks", "backend-de")
    assert web["id"] not in [s["id"] for s in pn["servers"]]
    ss = api.find("shared_storages", "shared-assets")
    assert web["id"] not in [s["id"] for s in ss["servers"]]


def test_delete_keep_ips_leaves_the_ip_unassigned(api, emu):
    web = api.find("servers", "web-02")
    ip_id = web["ips"][0]["id"]
    api.ok(api.delete(f"/servers/{web['id']}", keep_ips="true"))
    emu.settle()
    ip = api.ok(api.get(f"/public_ips/{ip_id}"))
    assert ip["assigned_to"] is None


def test_delete_rejects_bad_boolean(api):
    web = api.find("servers", "web-02")
    error(api.delete(f"/servers/{web['id']}", keep_ips="maybe"), 400, "keep_ips")


# -- hardware -------------------------------------------------------------------------------------
def test_modify_hardware_configures_then_returns_to_power_state(api, emu):
    srv = ready_server(api, emu)
    out = api.ok(api.put(f"/servers/{srv['id']}/hardware",
                         {"fixed_instance_size_id": None, "vcore": 4, "cores_per_processor": 1,
                          "ram": 8}), 202)
    assert out["status"]["state"] == "CONFIGURING"
    assert out["hardware"]["vcore"] == 4 and out["hardware"]["ram"] == 8
    error(api.put(f"/servers/{srv['id']}/hardware", {"vcore": 6}), 409, "busy")
    emu.settle()
    assert api.ok(api.get(f"/servers/{srv['id']}/status"))["state"] == "POWERED_ON"
    hw = api.ok(api.get(f"/servers/{srv['id']}/hardware"))
    assert (hw["vcore"], hw["ram"]) == (4, 8)


def test_no_hot_decrease_but_cold_decrease_is_fine(api, emu):
    srv = ready_server(api, emu)
    error(api.put(f"/servers/{srv['id']}/hardware", {"vcore": 1}), 409, "vcore", "hot decrease")
    error(api.put(f"/servers/{srv['id']}/hardware", {"ram": 2}), 409, "ram", "hot decrease")
    api.ok(api.put(f"/servers/{srv['id']}/status/action",
                   {"action": "POWER_OFF", "method": "SOFTWARE"}))
    emu.settle()
    api.ok(api.put(f"/servers/{srv['id']}/hardware", {"vcore": 1, "ram": 1}))
    emu.settle()
    state = api.ok(api.get(f"/servers/{srv['id']}"))
    assert state["status"]["state"] == "POWERED_OFF" and state["hardware"]["vcore"] == 1


@pytest.mark.parametrize("body,fragment", [
    ({}, "at least one"),
    ({"vcore": 0}, "'vcore'"),
    ({"ram": 1.7}, "'ram' must be a multiple of 0.5"),
    ({"cores_per_processor": 17}, "'cores_per_processor'"),
    ({"fixed_instance_size_id": "X"}, "fixed_instance_size_id"),
])
def test_modify_hardware_rejects(api, emu, body, fragment):
    srv = ready_server(api, emu)
    error(api.put(f"/servers/{srv['id']}/hardware", body), 400, fragment)


# -- HDDs -----------------------------------------------------------------------------------------
def test_hdd_lifecycle(api, emu):
    srv = ready_server(api, emu)
    sid = srv["id"]
    out = api.ok(api.post(f"/servers/{sid}/hardware/hdds", {"hdds": [{"size": 60,
                                                                      "is_main": False}]}), 202)
    assert out["status"]["state"] == "CONFIGURING"
    emu.settle()
    hdds = api.ok(api.get(f"/servers/{sid}/hardware/hdds"))
    assert [h["size"] for h in hdds] == [40, 20, 60]
    extra = hdds[-1]
    assert api.ok(api.get(f"/servers/{sid}/hardware/hdds/{extra['id']}")) == extra
    api.ok(api.put(f"/servers/{sid}/hardware/hdds/{extra['id']}", {"size": 100}), 202)
    emu.settle()
    assert api.ok(api.get(f"/servers/{sid}/hardware/hdds/{extra['id']}"))["size"] == 100
    error(api.put(f"/servers/{sid}/hardware/hdds/{extra['id']}", {"size": 80}), 400, "shrink")
    error(api.put(f"/servers/{sid}/hardware/hdds/{extra['id']}", {"size": 110}), 400,
          "multiple of 20")
    api.ok(api.delete(f"/servers/{sid}/hardware/hdds/{extra['id']}"), 202)
    emu.settle()
    assert len(api.ok(api.get(f"/servers/{sid}/hardware/hdds"))) == 2
    error(api.get(f"/servers/{sid}/hardware/hdds/{extra['id']}"), 404)
    main = hdds[0]
    error(api.delete(f"/servers/{sid}/hardware/hdds/{main['id']}"), 400, "main disk")


@pytest.mark.parametrize("body,fragment", [
    ({"hdds": []}, "at least 1"),
    ({"hdds": [{"size": 30, "is_main": False}]}, "hdds[0].size"),
    ({"hdds": [{"size": 40, "is_main": True}]}, "is_main false"),
    ({}, "'hdds' is required"),
    ({"hdds": ["x"]}, "hdds[0]"),
])
def test_add_hdd_rejects(api, emu, body, fragment):
    srv = ready_server(api, emu)
    error(api.post(f"/servers/{srv['id']}/hardware/hdds", body), 400, fragment)


# -- image ----------------------------------------------------------------------------------------
def test_get_image_and_reinstall(api, emu):
    srv = ready_server(api, emu)
    assert api.ok(api.get(f"/servers/{srv['id']}/image"))["id"] == CENTOS
    debian = api.find("server_appliances", "debian10-64std")
    fw = api.find("firewall_policies", "web-public")
    out = api.ok(api.put(f"/servers/{srv['id']}/image",
                         {"id": debian["id"], "password": "N3wSecret!",
                          "firewall_policy": {"id": fw["id"]}}), 202)
    assert out["status"]["state"] == "DEPLOYING" and out["image"]["name"] == "debian10-64std"
    assert out["first_password"] == "N3wSecret!"
    assert out["ips"][0]["firewall_policy"]["id"] == fw["id"]
    emu.settle()
    assert api.ok(api.get(f"/servers/{srv['id']}/status"))["state"] == "POWERED_ON"
    error(api.put(f"/servers/{srv['id']}/image", {"id": "NOPE"}), 400, "'id'")
    error(api.put(f"/servers/{srv['id']}/image", {"id": None}), 400, "'id' is required")


def test_reinstall_accepts_sdk_minimal_body(api, emu):
    srv = ready_server(api, emu)
    body = {"id": CENTOS, "password": None, "firewall_policy": {"id": None}}
    assert api.put(f"/servers/{srv['id']}/image", body).status == 202


# -- status ---------------------------------------------------------------------------------------
def test_power_cycle_chain(api, emu):
    srv = ready_server(api, emu)
    path = f"/servers/{srv['id']}/status/action"
    out = api.ok(api.put(path, {"action": "POWER_OFF", "method": "SOFTWARE"}), 202)
    assert out["status"]["state"] == "POWERING_OFF"
    emu.settle()
    assert api.ok(api.get(f"/servers/{srv['id']}/status"))["state"] == "POWERED_OFF"
    error(api.put(path, {"action": "POWER_OFF", "method": "SOFTWARE"}), 409, "already powered off")
    error(api.put(path, {"action": "REBOOT", "method": "SOFTWARE"}), 409, "powered off")
    assert api.ok(api.put(path, {"action": "POWER_ON", "method": "HARDWARE"}))["status"][
        "state"] == "POWERING_ON"
    emu.settle()
    assert api.ok(api.put(path, {"action": "REBOOT", "method": "SOFTWARE"}))["status"][
        "state"] == "REBOOTING"
    error(api.put(path, {"action": "POWER_OFF", "method": "SOFTWARE"}), 409, "busy")
    emu.settle()
    assert api.ok(api.get(f"/servers/{srv['id']}/status")) == {"state": "POWERED_ON",
                                                              "percent": None}


def test_recovery_reboot(api, emu):
    srv = ready_server(api, emu)
    path = f"/servers/{srv['id']}/status/action"
    rec = api.ok(api.get("/recovery_appliances"))[0]
    error(api.put(path, {"action": "REBOOT", "method": "SOFTWARE", "recovery_mode": True}), 400,
          "recovery_image_id")
    error(api.put(path, {"action": "POWER_OFF", "method": "SOFTWARE", "recovery_mode": True,
                         "recovery_image_id": rec["id"]}), 400, "recovery_mode")
    api.ok(api.put(path, {"action": "REBOOT", "method": "SOFTWARE", "recovery_mode": True,
                          "recovery_image_id": rec["id"]}))
    emu.settle()
    assert api.ok(api.get(f"/servers/{srv['id']}/status"))["state"] == "ON_RECOVERY"


@pytest.mark.parametrize("body,fragment", [
    ({"action": "SHUTDOWN", "method": "SOFTWARE"}, "'action' must be one of"),
    ({"method": "SOFTWARE"}, "'action' is required"),
    ({"action": "REBOOT", "method": "SOFT"}, "'method' must be one of SOFTWARE, HARDWARE"),
])
def test_status_action_rejects(api, emu, body, fragment):
    srv = ready_server(api, emu)
    error(api.put(f"/servers/{srv['id']}/status/action", body), 400, fragment)


# -- DVD ------------------------------------------------------------------------------------------
def test_dvd_load_and_eject(api, emu):
    srv = ready_server(api, emu)
    sid = srv["id"]
    error(api.get(f"/servers/{sid}/dvd"), 404, "no DVD")
    iso = api.ok(api.get("/dvd_isos"))[0]
    out = api.ok(api.put(f"/servers/{sid}/dvd", {"id": iso["id"]}), 202)
    assert out["dvd"] == {"id": iso["id"], "name": iso["name"]}
    assert out["status"]["state"] == "CONFIGURING"
    emu.settle()
    assert api.ok(api.get(f"/servers/{sid}/dvd")) == {"id": iso["id"], "name": iso["name"]}
    api.ok(api.delete(f"/servers/{sid}/dvd"), 202)
    emu.settle()
    assert api.ok(api.get(f"/servers/{sid}"))["dvd"] is None
    error(api.delete(f"/servers/{sid}/dvd"), 409, "no DVD")
    error(api.put(f"/servers/{sid}/dvd", {"id": "NOPE"}), 400, "'id'")


# -- snapshots ------------------------------------------------------------------------------------
def test_snapshot_lifecycle(api, emu):
    srv = ready_server(api, emu)
    sid = srv["id"]
    assert api.ok(api.get(f"/servers/{sid}/snapshots")) == []
    out = api.ok(api.post(f"/servers/{sid}/snapshots"), 202)
    snap = out["snapshot"]
    assert snap["id"] and out["status"]["state"] == "CONFIGURING"
    emu.settle()
    listed = api.ok(api.get(f"/servers/{sid}/snapshots"))
    assert [s["id"] for s in listed] == [snap["id"]] and "deletion_date" in listed[0]
    error(api.post(f"/servers/{sid}/snapshots"), 409, "already has a snapshot")
    api.ok(api.put(f"/servers/{sid}/snapshots/{snap['id']}"), 202)
    emu.settle()
    error(api.put(f"/servers/{sid}/snapshots/NOPE"), 404)
    api.ok(api.delete(f"/servers/{sid}/snapshots/{snap['id']}"), 202)
    emu.settle()
    assert api.ok(api.get(f"/servers/{sid}"))["snapshot"] is None


# -- clone ----------------------------------------------------------------------------------------
def test_clone_returns_the_new_server(api, emu):
    srv = ready_server(api, emu)
    out = api.ok(api.post(f"/servers/{srv['id']}/clone", {"name": "t1-clone",
                                                           "datacenter_id": None}), 202)
    assert out["id"] != srv["id"] and out["name"] == "t1-clone"
    assert out["status"]["state"] == "DEPLOYING"
    assert out["hardware"]["vcore"] == srv["hardware"]["vcore"]
    assert out["ips"][0]["ip"] != srv["ips"][0]["ip"]
    emu.settle()
    assert api.ok(api.get(f"/servers/{out['id']}/status"))["state"] == "POWERED_ON"
    error(api.post(f"/servers/{srv['id']}/clone", {}), 400, "'name' is required")


# -- catalogues under /servers --------------------------------------------------------------------
def test_baremetal_models(api):
    models = api.ok(api.get("/servers/baremetal_models"))
    assert models and all("cores" in m["hardware"] for m in models)
    assert api.ok(api.get(f"/servers/baremetal_models/{models[0]['id']}")) == models[0]
    error(api.get("/servers/baremetal_models/NOPE"), 404)
    error(api.get("/servers/fixed_instance_sizes/NOPE"), 404)


def test_baremetal_server(api, emu):
    model = api.ok(api.get("/servers/baremetal_models"))[0]
    srv = api.ok(new_server(api, server_type="baremetal",
                            hardware={"baremetal_model_id": model["id"]}))
    assert srv["server_type"] == "baremetal"
    assert srv["hardware"]["ram"] == model["hardware"]["ram"]
    error(new_server(api, server_type="baremetal", hardware={}), 400, "baremetal_model_id")


def test_busy_server_refuses_operations(api, emu):
    srv = api.ok(new_server(api))
    error(api.put(f"/servers/{srv['id']}/status/action",
                  {"action": "REBOOT", "method": "SOFTWARE"}), 409, "busy", "DEPLOYING")
    error(api.post(f"/servers/{srv['id']}/snapshots"), 409, "busy")


def test_create_refuses_references_being_removed(api, emu):
    fw = api.ok(api.post("/firewall_policies", {"name": "tmp", "rules": [
        {"protocol": "TCP", "port_from": 22, "port_to": 22, "source": "0.0.0.0"}]}))
    emu.settle()
    api.ok(api.delete(f"/firewall_policies/{fw['id']}"))
    error(new_server(api, firewall_policy_id=fw["id"]), 409, "being removed")
    spare = next(ip for ip in api.ok(api.get("/public_ips")) if ip["assigned_to"] is None)
    api.ok(api.delete(f"/public_ips/{spare['id']}"))
    error(new_server(api, ip_id=spare["id"], datacenter_id=spare["datacenter"]["id"]), 409,
          "being released")


# -- refusals with no source, removed (docs/ENDPOINT_COVERAGE.md, refusal audit) -----------------
def test_load_balancer_of_another_datacenter_on_create(api):
    """No source has a same-datacenter rule for load balancers: a US server may start behind
    a German load balancer."""
    lb = api.find("load_balancers", "lb-web-de")
    us = next(d for d in api.ok(api.get("/datacenters")) if d["country_code"] == "US")
    srv = api.ok(new_server(api, datacenter_id=us["id"], load_balancer_id=lb["id"]), 202)
    assert srv["ips"][0]["load_balancers"] == [{"id": lb["id"], "name": "lb-web-de"}]


def test_no_invented_limits_on_disks_and_ips(api, emu):
    """No source caps a server's disks at 8 or its IPs at 20."""
    sid = api.find("servers", "web-01")["id"]
    for _ in range(4):
        api.ok(api.post(f"/servers/{sid}/hardware/hdds",
                        {"hdds": [{"size": 20, "is_main": False}] * 3}), 202)
        emu.settle()
    assert len(api.ok(api.get(f"/servers/{sid}/hardware/hdds"))) > 8
    for _ in range(21):
        api.ok(api.post(f"/servers/{sid}/ips", {"type": "IPV4"}), 201)
    assert len(api.ok(api.get(f"/servers/{sid}/ips"))) > 20
