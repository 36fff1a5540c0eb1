"""Firewall policies through the forms: create with rules, add and remove a rule, protect a
server IP (picked as "server — ip") and release it, modify, delete."""

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


async def test_create_with_rules_then_rules_ips_modify_and_delete(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "firewall_policies", "n")
        await fill(pilot, form, name="fw-app", rules__0__port_from="80", rules__0__port_to="80",
                   rules__1__protocol="TCP", rules__1__port_from="8000",
                   rules__1__port_to="8100", rules__1__source="203.0.113.0")
        await submit(pilot, form)
        await finish(pilot)
        fw = record(app, "firewall_policies", "fw-app")
        assert [(r["port_from"], r["port_to"], r["source"]) for r in fw["rules"]] == [
            (80, 80, "0.0.0.0"), (8000, 8100, "203.0.113.0")]

        form = await open_action(pilot, "firewall_policies", "add_rules", "fw-app")
        await fill(pilot, form, rules__0__protocol="UDP", rules__0__port_from="53",
                   rules__0__port_to="53", rules__0__description="DNS")
        await submit(pilot, form)
        await finish(pilot)
        assert [r["protocol"] for r in fw["rules"]] == ["TCP", "TCP", "UDP"]

        form = await open_action(pilot, "firewall_policies", "remove_rule", "fw-app")
        await fill(pilot, form, rule_id=option(form, "rule_id", "TCP 8000"))
        await submit(pilot, form)
        await finish(pilot)
        assert [r["port_from"] for r in fw["rules"]] == [80, 53]

        ip = app.emulator.store.ips[record(app, "servers", "web-01")["ip_ids"][0]]
        form = await open_action(pilot, "firewall_policies", "attach_ips", "fw-app")
        await fill(pilot, form, server_ips__0__id=option(form, "server_ips[0].id",
                                                         f"web-01 — {ip['ip']}"))
        assert form.values()["server_ips"] == [{"id": ip["id"]}]  # the IP's id, not the server's
        await submit(pilot, form)
        await finish(pilot)
        assert ip["firewall_policy_id"] == fw["id"]

        form = await open_action(pilot, "firewall_policies", "remove_ip", "fw-app")
        await fill(pilot, form, server_ip_id=option(form, "server_ip_id", "web-01"))
        await submit(pilot, form)
        await finish(pilot)
        assert ip["firewall_policy_id"] != fw["id"]

        form = await open_key(pilot, "firewall_policies", "e", "fw-app")
        await fill(pilot, form, name="fw-application", description="app tier")
        await submit(pilot, form)
        await finish(pilot)
        assert (fw["name"], fw["description"]) == ("fw-application", "app tier")

        form = await open_key(pilot, "firewall_policies", "ctrl+d", "fw-application")
        await submit(pilot, form)
        await finish(pilot)
        assert fw["id"] not in app.emulator.store.firewall_policies
