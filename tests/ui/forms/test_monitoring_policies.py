"""Monitoring policies through the forms: create with all five thresholds, ports and processes;
add, modify and remove ports and processes; attach and detach servers; modify; delete."""

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


async def test_create_with_thresholds_ports_and_processes(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "monitoring_policies", "n")
        assert [r["entity"] for r in form.values()["thresholds"]] == [
            "cpu", "ram", "disk", "transfer", "internal_ping"]
        await fill(pilot, form, name="web-alerts", email="ops@example.com", agent=True,
                   thresholds__0__warning_value="70", thresholds__0__warning_alert=True,
                   ports__0__port="443", ports__1__protocol="UDP", ports__1__port="53",
                   ports__1__alert_if="RESPONDING", processes__0__process="nginx",
                   processes__0__email_notification=True)
        await submit(pilot, form)
        await finish(pilot)
        mp = record(app, "monitoring_policies", "web-alerts")
        assert mp["agent"] is True and mp["email"] == "ops@example.com"
        assert mp["thresholds"]["cpu"]["warning"] == {"value": 70, "alert": True}
        assert set(mp["thresholds"]) == {"cpu", "ram", "disk", "transfer", "internal_ping"}
        assert [(p["protocol"], p["port"], p["alert_if"]) for p in mp["ports"]] == [
            ("TCP", 443, "NOT_RESPONDING"), ("UDP", 53, "RESPONDING")]
        assert [(p["process"], p["email_notification"]) for p in mp["processes"]] == [
            ("nginx", True)]


async def test_ports_processes_servers_modify_and_delete(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        mp = record(app, "monitoring_policies", "Production")

        form = await open_action(pilot, "monitoring_policies", "add_ports", "Production")
        await fill(pilot, form, ports__0__port="6379")
        await submit(pilot, form)
        await finish(pilot)
        assert [p["port"] for p in mp["ports"]] == [443, 80, 5432, 6379]

        form = await open_action(pilot, "monitoring_policies", "modify_port", "Production")
        await fill(pilot, form, port_id=option(form, "port_id", "TCP 80 "),
                   alert_if="RESPONDING", email_notification=True)
        await submit(pilot, form)
        await finish(pilot)
        port80 = next(p for p in mp["ports"] if p["port"] == 80)
        assert (port80["alert_if"], port80["email_notification"]) == ("RESPONDING", True)

        # Another port number (what the Java/.NET live tests do): same port id, new number.
        form = await open_action(pilot, "monitoring_policies", "modify_port", "Production")
        await fill(pilot, form, port_id=option(form, "port_id", "TCP 80 "), port="8080",
                   alert_if="RESPONDING")
        await submit(pilot, form)
        await finish(pilot)
        assert [p["port"] for p in mp["ports"]] == [443, 8080, 5432, 6379]
        assert next(p for p in mp["ports"] if p["port"] == 8080)["id"] == port80["id"]
        form = await open_action(pilot, "monitoring_policies", "modify_port", "Production")
        await fill(pilot, form, port_id=option(form, "port_id", "TCP 8080 "), port="80",
                   alert_if="RESPONDING")
        await submit(pilot, form)
        await finish(pilot)

        form = await open_action(pilot, "monitoring_policies", "remove_port", "Production")
        await fill(pilot, form, port_id=option(form, "port_id", "TCP 6379"))
        await submit(pilot, form)
        await finish(pilot)
        assert [p["port"] for p in mp["ports"]] == [443, 80, 5432]

        form = await open_action(pilot, "monitoring_policies", "add_processes", "Production")
        await fill(pilot, form, processes__0__process="redis-server")
        await submit(pilot, form)
        await finish(pilot)
        form = await open_action(pilot, "monitoring_policies", "modify_process", "Production")
        await fill(pilot, form, process_id=option(form, "process_id", "redis-server"),
                   alert_if="RUNNING")
        await submit(pilot, form)
        await finish(pilot)
        redis = next(p for p in mp["processes"] if p["process"] == "redis-server")
        assert redis["alert_if"] == "RUNNING"
        form = await open_action(pilot, "monitoring_policies", "modify_process", "Production")
        await fill(pilot, form, process_id=option(form, "process_id", "redis-server"),
                   process="valkey", alert_if="RUNNING")
        await submit(pilot, form)
        await finish(pilot)
        assert redis["process"] == "valkey"
        form = await open_action(pilot, "monitoring_policies", "modify_process", "Production")
        await fill(pilot, form, process_id=option(form, "process_id", "valkey"),
                   process="redis-server", alert_if="RUNNING")
        await submit(pilot, form)
        await finish(pilot)
        form = await open_action(pilot, "monitoring_policies", "remove_process", "Production")
        await fill(pilot, form, process_id=option(form, "process_id", "nginx"))
        await submit(pilot, form)
        await finish(pilot)
        assert [p["process"] for p in mp["processes"]] == ["postgres", "redis-server"]

        mail = record(app, "servers", "mail-gw")
        form = await open_action(pilot, "monitoring_policies", "attach", "Production")
        await fill(pilot, form, servers__0__server_id=option(form, "servers[0].server_id",
                                                             "mail-gw"))
        await submit(pilot, form)
        await finish(pilot)
        assert mail["monitoring_policy_id"] == mp["id"]
        form = await open_action(pilot, "monitoring_policies", "detach", "Production")
        await fill(pilot, form, server_id=option(form, "server_id", "mail-gw"))
        await submit(pilot, form)
        await finish(pilot)
        assert mail["monitoring_policy_id"] != mp["id"]

        form = await open_key(pilot, "monitoring_policies", "e", "Production")
        await fill(pilot, form, email="pager@example.com", thresholds__2__critical_value="85")
        await submit(pilot, form)
        await finish(pilot)
        assert mp["email"] == "pager@example.com"
        assert mp["thresholds"]["disk"]["critical"]["value"] == 85

        form = await open_key(pilot, "monitoring_policies", "ctrl+d", "Production")
        await submit(pilot, form)
        await finish(pilot)
        assert mp["id"] not in app.emulator.store.monitoring_policies
