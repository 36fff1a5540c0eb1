"""Load balancers through the forms: create with rules and every health-check, persistence
and method field; add and remove rules; attach and remove server IPs; modify; delete."""

from __future__ import annotations

from tests.ui.forms.helpers import (
    fill,
    finish,
    open_action,
    open_key,
    option,
    record,
    settle,
    submit,
)


async def test_create_with_every_setting_then_rules_ips_modify_and_delete(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "load_balancers", "n")
        assert not form.rows["health_check_path"].display
        await fill(pilot, form, name="lb-api", description="api tier",
                   health_check_test="HTTP", health_check_interval="30",
                   health_check_path="/health", health_check_parse="OK",
                   persistence=True, persistence_time="600", method="LEAST_CONNECTIONS",
                   datacenter_id=option(form, "datacenter_id", "DE"),
                   rules__0__port_balancer="443", rules__0__port_server="8443",
                   rules__1__port_balancer="80", rules__1__port_server="8080")
        assert form.rows["health_check_path"].display
        await submit(pilot, form)
        await finish(pilot)
        lb = record(app, "load_balancers", "lb-api")
        assert (lb["health_check_test"], lb["health_check_interval"], lb["health_check_path"],
                lb["health_check_path_parser"], lb["persistence"], lb["persistence_time"],
                lb["method"]) == ("HTTP", 30, "/health", "OK", True, 600, "LEAST_CONNECTIONS")
        assert [(r["port_balancer"], r["port_server"]) for r in lb["rules"]] == [
            (443, 8443), (80, 8080)]

        form = await open_action(pilot, "load_balancers", "add_rules", "lb-api")
        await fill(pilot, form, rules__0__protocol="UDP", rules__0__port_balancer="53",
                   rules__0__port_server="53")
        await submit(pilot, form)
        await finish(pilot)
        assert len(lb["rules"]) == 3

        form = await open_action(pilot, "load_balancers", "remove_rule", "lb-api")
        await fill(pilot, form, rule_id=option(form, "rule_id", "TCP 80 "))
        await submit(pilot, form)
        await finish(pilot)
        assert [r["port_balancer"] for r in lb["rules"]] == [443, 53]

        ip = app.emulator.store.ips[record(app, "servers", "api-gateway")["ip_ids"][1]]
        form = await open_action(pilot, "load_balancers", "attach_ips", "lb-api")
        await fill(pilot, form, server_ips__0__id=option(form, "server_ips[0].id",
                                                         f"api-gateway — {ip['ip']}"))
        await submit(pilot, form)
        await finish(pilot)
        assert lb["id"] in ip["load_balancer_ids"]

        form = await open_action(pilot, "load_balancers", "remove_ip", "lb-api")
        await fill(pilot, form, server_ip_id=option(form, "server_ip_id", "api-gateway"))
        await submit(pilot, form)
        await finish(pilot)
        assert lb["id"] not in ip["load_balancer_ids"]

        form = await open_key(pilot, "load_balancers", "e", "lb-api")
        assert form.values()["health_check_parse"] == "OK"
        await fill(pilot, form, method="ROUND_ROBIN", persistence=False)
        await submit(pilot, form)
        await finish(pilot)
        assert (lb["method"], lb["persistence"]) == ("ROUND_ROBIN", False)

        form = await open_key(pilot, "load_balancers", "ctrl+d", "lb-api")
        await submit(pilot, form)
        await finish(pilot)
        assert lb["id"] not in app.emulator.store.load_balancers


async def test_create_with_interval_1_and_no_datacenter(demo_app):
    """What the Java and .NET live tests created on the real API: a 1-second health check and
    no datacenter. The form sends it, and the load balancer gets no invented datacenter."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "load_balancers", "n")
        await fill(pilot, form, name="lb-fast", health_check_test="NONE",
                   health_check_interval="1", persistence=True, persistence_time="30",
                   rules__0__port_balancer="80", rules__0__port_server="80")
        await submit(pilot, form)
        await finish(pilot)
        lb = record(app, "load_balancers", "lb-fast")
        assert (lb["health_check_interval"], lb["health_check_test"]) == (1, "NONE")
        assert lb["datacenter_id"] is None
