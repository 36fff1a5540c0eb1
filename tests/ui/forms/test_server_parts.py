"""A server's parts through the forms: disks, IPs (keep IP), the firewall policy and load
balancers of an IP, private networks, DVD, snapshots. Sub-resources are picked from lists."""

from __future__ import annotations

from tests.ui.forms.helpers import (
    fill,
    finish,
    open_action,
    option,
    record,
    settle,
    submit,
)


async def test_add_resize_and_remove_disks(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "add_hdds", "web-01")
        await fill(pilot, form, hdds__0__size="20", hdds__1__size="40")
        await submit(pilot, form)
        await finish(pilot)
        sizes = [h["size"] for h in record(app, "servers", "web-01")["hardware"]["hdds"]]
        assert sizes == [120, 20, 40]

        form = await open_action(pilot, "servers", "resize_hdd", "web-01")
        await fill(pilot, form, hdd_id=option(form, "hdd_id", "40 GB"), size="60")
        await submit(pilot, form)
        await finish(pilot)
        sizes = [h["size"] for h in record(app, "servers", "web-01")["hardware"]["hdds"]]
        assert sizes == [120, 20, 60]

        form = await open_action(pilot, "servers", "remove_hdd", "web-01")
        await fill(pilot, form, hdd_id=option(form, "hdd_id", "20 GB"))
        await submit(pilot, form)
        await finish(pilot)
        sizes = [h["size"] for h in record(app, "servers", "web-01")["hardware"]["hdds"]]
        assert sizes == [120, 60]


async def test_add_an_ip_then_remove_it_keeping_it(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "add_ip", "web-02")
        assert app.screen.focused.id == "form-submit"
        await submit(pilot, form)
        await finish(pilot)
        ip_ids = record(app, "servers", "web-02")["ip_ids"]
        assert len(ip_ids) == 2
        new_ip = app.emulator.store.ips[ip_ids[1]]

        form = await open_action(pilot, "servers", "remove_ip", "web-02")
        await fill(pilot, form, ip_id=option(form, "ip_id", new_ip["ip"]), keep_ip=True)
        await submit(pilot, form)
        await finish(pilot)
        assert record(app, "servers", "web-02")["ip_ids"] == ip_ids[:1]
        kept = app.emulator.store.ips[new_ip["id"]]
        assert kept["assigned_to"] is None and kept["state"] == "ACTIVE"


async def test_firewall_policy_and_load_balancer_of_an_ip(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ip = app.emulator.store.ips[record(app, "servers", "web-02")["ip_ids"][0]]
        fw = record(app, "firewall_policies", "db-internal")
        lb = record(app, "load_balancers", "lb-web-de")

        form = await open_action(pilot, "servers", "ip_firewall", "web-02")
        await fill(pilot, form, ip_id=option(form, "ip_id", ip["ip"]),
                   firewall_policy_id=option(form, "firewall_policy_id", "db-internal"))
        await submit(pilot, form)
        await finish(pilot)
        assert ip["firewall_policy_id"] == fw["id"]

        form = await open_action(pilot, "servers", "ip_firewall_remove", "web-02")
        await fill(pilot, form, ip_id=option(form, "ip_id", ip["ip"]))
        await submit(pilot, form)
        await finish(pilot)
        assert ip["firewall_policy_id"] is None

        assert lb["id"] in ip["load_balancer_ids"]  # the seed puts web-02 behind lb-web-de
        form = await open_action(pilot, "servers", "ip_load_balancer_remove", "web-02")
        await fill(pilot, form, pair=option(form, "pair", f"{ip['ip']} — lb-web-de"))
        await submit(pilot, form)
        await finish(pilot)
        assert lb["id"] not in ip["load_balancer_ids"]

        form = await open_action(pilot, "servers", "ip_load_balancer", "web-02")
        await fill(pilot, form, ip_id=option(form, "ip_id", ip["ip"]),
                   load_balancer_id=option(form, "load_balancer_id", "lb-web-de"))
        await submit(pilot, form)
        await finish(pilot)
        assert lb["id"] in ip["load_balancer_ids"]


async def test_leave_and_join_a_private_network(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        srv = record(app, "servers", "worker-us-02")
        pn = record(app, "private_networks", "jobs-us")
        assert srv["id"] in pn["server_ids"]
        form = await open_action(pilot, "servers", "private_network_remove", "worker-us-02")
        await fill(pilot, form, private_network_id=option(form, "private_network_id", "jobs"))
        await submit(pilot, form)
        await finish(pilot)
        assert srv["id"] not in pn["server_ids"]

        form = await open_action(pilot, "servers", "private_network", "worker-us-02")
        await fill(pilot, form, private_network_id=option(form, "private_network_id",
                                                          "jobs-us"))
        await submit(pilot, form)
        await finish(pilot)
        assert srv["id"] in pn["server_ids"]


async def test_load_and_eject_a_dvd(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "load_dvd", "web-01")
        first_iso = next(iter(app.emulator.store.dvd_isos.values()))
        await fill(pilot, form, dvd_id=first_iso["id"])
        await submit(pilot, form)
        await finish(pilot)
        assert (record(app, "servers", "web-01")["dvd"] or {}).get("id") == first_iso["id"]

        form = await open_action(pilot, "servers", "eject_dvd", "web-01")
        await submit(pilot, form)
        await finish(pilot)
        assert not record(app, "servers", "web-01")["dvd"]


async def test_create_restore_and_delete_a_snapshot(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "snapshot", "web-01")
        await submit(pilot, form)
        await finish(pilot)
        snap = record(app, "servers", "web-01")["snapshot"]
        assert snap and snap["id"]

        form = await open_action(pilot, "servers", "snapshot_restore", "web-01")
        await fill(pilot, form, snapshot_id=snap["id"])
        await submit(pilot, form)
        await finish(pilot)
        assert app.emulator.store.logs[-1]["action"].startswith("RESTORE")

        form = await open_action(pilot, "servers", "snapshot_delete", "web-01")
        await fill(pilot, form, snapshot_id=snap["id"])
        await submit(pilot, form)
        await finish(pilot)
        assert not record(app, "servers", "web-01")["snapshot"]
