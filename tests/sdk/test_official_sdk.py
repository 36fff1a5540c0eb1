"""The official Python SDK against the emulator: the walk-through and every category."""

from __future__ import annotations

CENTOS = "B5F778B85C041347BCDCFC3172AB3F3C"


def dc(client, country: str) -> str:
    return next(d["id"] for d in client.list_datacenters() if d["country_code"] == country)


def test_walkthrough_with_the_sdk(sdk, world):
    client, url = world.client, world.url
    de = dc(client, "DE")
    lb = sdk.LoadBalancer(name="sdk-lb", description="walk", health_check_test="TCP",
                          health_check_interval=40, persistence=True, persistence_time=1200,
                          method="ROUND_ROBIN", datacenter_id=de)
    rules = [sdk.LoadBalancerRule(protocol="TCP", port_balancer=80, port_server=80,
                                  source="0.0.0.0"),
             sdk.LoadBalancerRule(protocol="TCP", port_balancer=9999, port_server=8888,
                                  source="0.0.0.0")]
    created = client.create_load_balancer(load_balancer=lb, load_balancer_rules=rules)
    assert created["state"] == "CONFIGURING"
    lb.base_url = url
    assert lb.wait_for(interval=5) is not None
    assert client.get_load_balancer(created["id"])["state"] == "ACTIVE"

    server = sdk.Server(name="sdk-server", description="walk", vcore=1, cores_per_processor=1,
                        ram=2, appliance_id=CENTOS, datacenter_id=de)
    hdds = [sdk.Hdd(size=40, is_main=True), sdk.Hdd(size=20, is_main=False)]
    out = client.create_server(server=server, hdds=hdds)
    assert server.first_password and out["status"]["state"] == "DEPLOYING"
    server.base_url = url
    assert server.wait_for(interval=15) is not None
    assert server.first_ip is not None  # set only when the first poll is not yet good
    sid = out["id"]
    assert client.get_server_status(server_id=sid) == {"state": "POWERED_ON", "percent": None}
    assert [h["size"] for h in client.list_server_hdds(server_id=sid)] == [40, 20]

    with_ip = client.add_new_ip(server_id=sid, ip_type="IPV4")
    new_ip = with_ip["ips"][-1]["id"]
    client.add_load_balancer(server_id=sid, ip_id=new_ip, load_balancer_id=created["id"])
    lb.wait_for(interval=5)
    attached = client.list_load_balancer_servers(load_balancer_id=created["id"])
    assert [x["id"] for x in attached] == [new_ip]
    assert client.list_ip_load_balancers(server_id=sid, ip_id=new_ip)[0]["name"] == "sdk-lb"

    client.delete_server(server_id=sid)
    assert server.wait_deleted(interval=15) is not None


def test_sdk_reads_every_category(world):
    c = world.client
    assert len(c.list_servers()) == 12
    assert c.list_servers(q="web", sort="name", fields="id,name") == [
        {"id": s["id"], "name": s["name"]} for s in c.list_servers() if "web" in s["name"]]
    assert c.list_servers(page=1, per_page=2).__len__() == 2
    assert c.fixed_server_flavors() and c.list_baremetal_models()
    for call in ("list_images", "list_shared_storages", "list_firewall_policies",
                 "list_load_balancers", "list_public_ips", "list_private_networks",
                 "list_server_usages", "list_monitoring_policies", "list_users",
                 "list_appliances", "list_dvds", "list_datacenters", "list_vpns",
                 "list_roles", "list_block_storages", "list_ssh_keys",
                 "list_recovery_images"):
        assert getattr(c, call)(), call
    assert c.list_logs(period="LAST_30D")
    assert "SERVERS" in c.list_usages(period="LAST_30D")
    assert c.get_pricing()["currency"] == "EUR"
    assert c.ping() == ["PONG"] and c.ping_auth() == ["PONG"]
    sid = next(s["id"] for s in c.list_servers() if s["name"] == "web-01")
    usage = c.get_usage(server_id=sid, period="LAST_HOUR")
    assert usage["cpu"]["data"]


def test_sdk_mutations_across_categories(sdk, world):
    c, url = world.client, world.url
    web = next(s for s in c.list_servers() if s["name"] == "web-01")
    c.modify_server(server_id=web["id"], name="web-01b", description="renamed")
    assert c.get_server(server_id=web["id"])["name"] == "web-01b"
    # GET-then-PUT calls read keys from the GET bodies.
    c.modify_server_hardware(server_id=web["id"], vcore=4, cores_per_processor=1, ram=8)
    world.emu.settle()
    assert c.get_server_hardware(server_id=web["id"])["vcore"] == 4
    c.stop_server(server_id=web["id"])
    world.emu.settle()
    assert c.get_server_status(server_id=web["id"])["state"] == "POWERED_OFF"

    fw = sdk.FirewallPolicy(name="sdk-fw", description="d")
    rule = sdk.FirewallPolicyRule(protocol="TCP", port_from=80, port_to=80, source="0.0.0.0")
    fw_out = c.create_firewall_policy(firewall_policy=fw, firewall_policy_rules=[rule])
    fw.base_url = url
    fw.wait_for(interval=5)
    assert c.get_firewall(firewall_id=fw_out["id"])["state"] == "ACTIVE"

    ss = sdk.SharedStorage(name="sdk-ss", description="d", size=100)
    ss_out = c.create_shared_storage(shared_storage=ss)
    ss.base_url = url
    ss.wait_for(interval=5)
    c.attach_server_shared_storage(shared_storage_id=ss_out["id"], server_ids=[
        sdk.AttachServer(server_id=web["id"], rights="RW")])
    world.emu.settle()
    assert c.list_servers_attached_storage(shared_storage_id=ss_out["id"])[0]["rights"] == "RW"

    mp = next(m for m in c.list_monitoring_policies() if m["name"] == "Production")
    port = mp["ports"][0]
    c.modify_port(monitoring_policy_id=mp["id"], port_id=port["id"],
                  port=sdk.Port(alert_if="RESPONDING", email_notification=False))
    assert c.get_monitoring_policy_port(monitoring_policy_id=mp["id"], port_id=port["id"])[
        "alert_if"] == "RESPONDING"
    c.modify_monitoring_policy(monitoring_policy_id=mp["id"],
                               monitoring_policy=sdk.MonitoringPolicy(name="Prod2"),
                               thresholds=[sdk.Threshold(entity="cpu", warning_value=70,
                                                         warning_alert=True,
                                                         critical_value=90,
                                                         critical_alert=True)])
    got = c.get_monitoring_policy(monitoring_policy_id=mp["id"])
    assert got["name"] == "Prod2" and got["thresholds"]["cpu"]["warning"]["value"] == 70

    user = c.create_user(name="sdk-user", password="Secret123", email="u@example.com")
    assert user["state"] in ("CREATING", "ACTIVE")
    world.emu.settle()
    key = c.show_api_key(user_id=user["id"])["key"]
    assert len(key) == 32
    ip = c.create_public_ip(reverse_dns="sdk.example.com")
    assert c.get_public_ip(ip_id=ip["id"])["reverse_dns"] == "sdk.example.com"
    c.delete_public_ip(ip_id=ip["id"])

    # The SDK hands /shared_storages/access through unread: the list Go/Java/.NET decode.
    assert c.get_credentials()[0]["state"] == "ACTIVE"
    assert c.change_password(password="NewPass123")[0]["state"] == "CONFIGURING"

    # Role permissions with the SDK's own group keys (sharedstorages, privatenetwork...).
    ops = next(r for r in c.list_roles() if r["name"] == "Operators")
    got = c.modify_permissions(role_id=ops["id"], servers={"set_name": True},
                               private_networks={"setnetworkinfo": True})
    assert got["permissions"]["servers"]["set_name"] is True
    assert got["permissions"]["private_networks"]["set_network_info"] is True
    assert c.show_user_permissions()["servers"]["access_kvm_console"] is True
