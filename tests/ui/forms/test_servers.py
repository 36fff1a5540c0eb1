"""Servers through the forms, checked in the emulator's state: create, rename, hardware, power,
clone, reinstall, delete (keep IPs)."""

from __future__ import annotations

from tests.ui.forms.helpers import (
    fill,
    finish,
    notifications,
    open_action,
    open_key,
    option,
    record,
    settle,
    submit,
    text_of,
)


async def test_create_a_server_with_two_disks_a_policy_and_a_key(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "n")
        await fill(pilot, form, name="web-03", description="made by a form",
                   appliance_id=option(form, "appliance_id", "centos7-64std"),
                   datacenter_id=option(form, "datacenter_id", "DE"),
                   vcore=2, cores_per_processor=1, ram="4", hdds__0__size="40",
                   hdds__1__size="20", firewall_policy_id=option(form, "firewall_policy_id",
                                                                 "web-public"),
                   public_key=option(form, "public_key", "ci-deploy"))
        await submit(pilot, form)
        assert app.screen is form and "web-03: DEPLOYING" in text_of(
            form.query_one("#form-progress"))
        await finish(pilot)
        assert app.screen is app.explorer()
        srv = record(app, "servers", "web-03")
        assert srv["state"] == "POWERED_ON" and srv["description"] == "made by a form"
        assert [h["size"] for h in srv["hardware"]["hdds"]] == [40, 20]
        assert [h["is_main"] for h in srv["hardware"]["hdds"]] == [True, False]
        assert (srv["hardware"]["vcore"], srv["hardware"]["ram"]) == (2, 4)
        ip = app.emulator.store.ips[srv["ip_ids"][0]]
        assert ip["firewall_policy_id"] == record(app, "firewall_policies", "web-public")["id"]
        assert srv["ssh_key_ids"] == [record(app, "ssh_keys", "ci-deploy")["id"]]
        assert "web-03 is POWERED_ON" in notifications(app)
        assert "web-03" in [i["name"] for i in app.explorer().items.values()]


async def test_create_with_a_fixed_size_hides_the_custom_hardware(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "n")
        await fill(pilot, form, hardware_mode="fixed")
        assert not form.rows["vcore"].display and not form.rows["hdds"].display
        assert form.rows["fixed_instance_size_id"].display
        await fill(pilot, form, name="small-one",
                   appliance_id=option(form, "appliance_id", "ubuntu2004-64std"),
                   fixed_instance_size_id=option(form, "fixed_instance_size_id", "M ·"),
                   power_on=False)
        await submit(pilot, form)
        await finish(pilot)
        srv = record(app, "servers", "small-one")
        assert srv["state"] == "POWERED_OFF"
        m = next(s for s in app.emulator.store.fixed_instance_sizes.values() if s["name"] == "M")
        assert srv["hardware"]["fixed_instance_size_id"] == m["id"]


async def test_create_a_baremetal_server_from_a_model(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "n")
        await fill(pilot, form, hardware_mode="baremetal")
        assert not form.rows["vcore"].display and not form.rows["fixed_instance_size_id"].display
        assert form.rows["baremetal_model_id"].display
        labels = [str(label) for label, _ in form.control("baremetal_model_id")._options]
        assert any(label.startswith("BMC_XL · ") and "GB RAM" in label for label in labels)
        await fill(pilot, form, name="metal-01",
                   appliance_id=option(form, "appliance_id", "ubuntu2004-64std"),
                   baremetal_model_id=option(form, "baremetal_model_id", "BMC_XL"))
        await submit(pilot, form)
        await finish(pilot)
        srv = record(app, "servers", "metal-01")
        model = record(app, "baremetal_models", "BMC_XL")
        assert srv["server_type"] == "baremetal"
        assert srv["hardware"]["baremetal_model_id"] == model["id"]
        assert [h["size"] for h in srv["hardware"]["hdds"]] == \
            [h["size"] for h in model["hardware"]["hdds"]]


async def test_create_on_a_chosen_free_ip_in_a_private_network_with_a_host_name(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "n")
        free = [str(label) for label, _ in form.control("ip_id")._options if label]
        # Only IPs a server can take: active and assigned to nothing.
        assert sorted(label.split()[0] for label in free) == ["74.208.251.155",
                                                              "82.165.204.99"]
        await fill(pilot, form, name="db-03", hostname="db-03.internal",
                   ipv6_range="2001:8d8:1ff:1::/64",
                   appliance_id=option(form, "appliance_id", "centos7-64std"),
                   datacenter_id=option(form, "datacenter_id", "DE"),
                   ip_id=option(form, "ip_id", "82.165.204.99"),
                   private_network_id=option(form, "private_network_id", "backend-de"))
        await submit(pilot, form)
        await finish(pilot)
        srv = record(app, "servers", "db-03")
        ip = app.emulator.store.ips[srv["ip_ids"][0]]
        assert ip["ip"] == "82.165.204.99" and srv["hostname"] == "db-03.internal"
        assert srv["ipv6_range"] == "2001:8d8:1ff:1::/64"
        assert srv["id"] in record(app, "private_networks", "backend-de")["server_ids"]


async def test_rename_and_describe_prefills_the_current_values(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "e", "web-02")
        assert form.values()["name"] == "web-02"
        await fill(pilot, form, name="web-02b", description="renamed")
        await submit(pilot, form)
        await finish(pilot)
        srv = record(app, "servers", "web-02b")
        assert srv["description"] == "renamed"


async def test_modify_hardware_of_a_stopped_server(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "hardware", "worker-us-02")
        await fill(pilot, form, vcore=4, ram="8")
        await submit(pilot, form)
        await finish(pilot)
        hw = record(app, "servers", "worker-us-02")["hardware"]
        assert (hw["vcore"], hw["ram"]) == (4, 8)


async def test_power_off_hardware_then_on_then_reboot(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "power_off", "web-01")
        assert "Power off web-01?" in text_of(form.query_one("#form-message"))
        await fill(pilot, form, method="HARDWARE")
        await submit(pilot, form)
        assert record(app, "servers", "web-01")["state"] == "POWERING_OFF"
        await finish(pilot)
        assert record(app, "servers", "web-01")["state"] == "POWERED_OFF"
        assert "web-01 is POWERED_OFF" in notifications(app)
        form = await open_action(pilot, "servers", "power_on", "web-01")
        await submit(pilot, form)
        await finish(pilot)
        assert record(app, "servers", "web-01")["state"] == "POWERED_ON"
        form = await open_action(pilot, "servers", "reboot", "web-01")
        await submit(pilot, form)
        assert record(app, "servers", "web-01")["state"] == "REBOOTING"
        await finish(pilot)
        assert record(app, "servers", "web-01")["state"] == "POWERED_ON"


async def test_clone_follows_the_new_server(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "clone", "web-01")
        assert form.values()["name"] == "web-01-copy"
        await submit(pilot, form)
        await finish(pilot)
        assert record(app, "servers", "web-01-copy")["state"] == "POWERED_ON"
        assert "web-01-copy is POWERED_ON" in notifications(app)


async def test_reinstall_with_another_image(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "reinstall", "worker-us-02")
        assert app.screen.focused.id == "form-cancel"
        await fill(pilot, form, id=option(form, "id", "debian10-64std"))
        await submit(pilot, form)
        await finish(pilot)
        assert record(app, "servers", "worker-us-02")["image"]["name"] == "debian10-64std"


async def test_delete_keeping_the_ips(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        ip_ids = list(record(app, "servers", "legacy-erp")["ip_ids"])
        form = await open_key(pilot, "servers", "ctrl+d", "legacy-erp")
        assert "legacy-erp" in text_of(form.query_one("#form-message"))
        await fill(pilot, form, keep_ips=True, __typed__="legacy-erp")
        await submit(pilot, form)
        await finish(pilot)
        assert "legacy-erp" not in [s["name"] for s in app.emulator.store.servers.values()]
        for ip_id in ip_ids:
            assert app.emulator.store.ips[ip_id]["assigned_to"] is None
        assert "legacy-erp is deleted" in notifications(app)
        assert "legacy-erp" not in [i["name"] for i in app.explorer().items.values()]
        assert app.screen is app.explorer()
