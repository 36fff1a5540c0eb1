"""Monitoring policies (thresholds, ports, processes, servers) and the monitoring center."""

from __future__ import annotations

from datetime import datetime, timedelta

from oneandone_tui.api import (
    Client,
    MonitoringPolicy,
    MonitoringPolicyUpdate,
    Port,
    Process,
    Threshold,
)
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named

THRESHOLDS = [Threshold("cpu", 80, True, 95, True), Threshold("ram", 80, True, 95, True),
              Threshold("disk", 80, False, 90, True),
              Threshold("transfer", 1000, False, 2000, True),
              Threshold("internal_ping", 50, False, 100, True)]


async def test_policy_lifecycle(emu: Emulator, client: Client) -> None:
    policies = await call(emu, client.monitoring_policies.list, sort="name")
    assert [p["name"] for p in policies] == ["Default Policy", "Production"]
    created = await call(emu, client.monitoring_policies.create, MonitoringPolicy(
        name="it-mp", email="ops@example.com", agent=True, thresholds=THRESHOLDS,
        ports=[Port("TCP", 22, "NOT_RESPONDING", True)],
        processes=[Process("sshd", "NOT_RUNNING", False)]))
    assert is_id(created["id"]) and created["agent"] is True
    assert created["thresholds"]["disk"]["critical"] == {"value": 90, "alert": True}
    assert [p["port"] for p in created["ports"]] == [22]
    assert [p["process"] for p in created["processes"]] == ["sshd"]
    emu.settle()
    got = await call(emu, client.monitoring_policies.get, created["id"])
    assert got["email"] == "ops@example.com"
    changed = await call(emu, client.monitoring_policies.modify, created["id"],
                         MonitoringPolicyUpdate(name="it-mp-2", thresholds=[
                             Threshold("cpu", 70, True, 90, True)]))
    assert changed["name"] == "it-mp-2"
    assert changed["thresholds"]["cpu"]["warning"]["value"] == 70
    assert changed["thresholds"]["ram"]["warning"]["value"] == 80
    emu.settle()
    gone = await call(emu, client.monitoring_policies.delete, created["id"])
    assert gone["state"] == "REMOVING"


async def test_ports(emu: Emulator, client: Client) -> None:
    prod = named(await client.monitoring_policies.list(), "Production")
    ports = await call(emu, client.monitoring_policies.ports, prod["id"])
    assert sorted(p["port"] for p in ports) == [80, 443, 5432]
    https = next(p for p in ports if p["port"] == 443)
    one = await call(emu, client.monitoring_policies.port, prod["id"], https["id"])
    assert one["alert_if"] == "NOT_RESPONDING" and one["email_notification"] is True
    added = await call(emu, client.monitoring_policies.add_ports, prod["id"],
                       [Port("UDP", 161, "RESPONDING", False)])
    assert 161 in {p["port"] for p in added["ports"]}
    emu.settle()
    modified = await call(emu, client.monitoring_policies.modify_port, prod["id"],
                          https["id"], Port("TCP", 443, "RESPONDING", False))
    port = next(p for p in modified["ports"] if p["id"] == https["id"])
    assert (port["alert_if"], port["email_notification"]) == ("RESPONDING", False)
    emu.settle()
    removed = await call(emu, client.monitoring_policies.delete_port, prod["id"], https["id"])
    assert https["id"] not in {p["id"] for p in removed["ports"]}


async def test_processes(emu: Emulator, client: Client) -> None:
    prod = named(await client.monitoring_policies.list(), "Production")
    procs = await call(emu, client.monitoring_policies.processes, prod["id"])
    assert {p["process"] for p in procs} == {"nginx", "postgres"}
    nginx = next(p for p in procs if p["process"] == "nginx")
    one = await call(emu, client.monitoring_policies.process, prod["id"], nginx["id"])
    assert one["alert_if"] == "NOT_RUNNING"
    added = await call(emu, client.monitoring_policies.add_processes, prod["id"],
                       [Process("redis-server", "NOT_RUNNING", True)])
    listed = added if isinstance(added, list) else added["processes"]
    assert "redis-server" in {p["process"] for p in listed}
    emu.settle()
    modified = await call(emu, client.monitoring_policies.modify_process, prod["id"],
                          nginx["id"], Process("nginx", "RUNNING", False))
    proc = next(p for p in modified["processes"] if p["id"] == nginx["id"])
    assert (proc["alert_if"], proc["email_notification"]) == ("RUNNING", False)
    emu.settle()
    removed = await call(emu, client.monitoring_policies.delete_process, prod["id"],
                         nginx["id"])
    assert nginx["id"] not in {p["id"] for p in removed["processes"]}


async def test_servers(emu: Emulator, client: Client) -> None:
    prod = named(await client.monitoring_policies.list(), "Production")
    servers = await call(emu, client.monitoring_policies.servers, prod["id"])
    assert {"web-01", "web-02", "api-gateway"} <= {s["name"] for s in servers}
    one = await call(emu, client.monitoring_policies.server, prod["id"], servers[0]["id"])
    assert one["id"] == servers[0]["id"]
    erp = named(await client.servers.list(), "legacy-erp")
    answer = await call(emu, client.monitoring_policies.attach_servers, prod["id"], [erp["id"]])
    assert erp["id"] in {s["id"] for s in answer["servers"]}
    emu.settle()
    answer = await call(emu, client.monitoring_policies.detach_server, prod["id"], erp["id"])
    assert erp["id"] not in {s["id"] for s in answer["servers"]}


async def test_monitoring_center(emu: Emulator, client: Client) -> None:
    usages = await call(emu, client.monitoring_center.list, sort="name")
    assert len(usages) >= 10 and all("status" in u for u in usages)
    web = named(usages, "web-01")
    day = await call(emu, client.monitoring_center.get, web["id"])
    assert day["id"] == web["id"] and day["cpu"]["data"]
    end = datetime.fromisoformat(day["cpu"]["data"][-1]["date"].replace("Z", "+00:00"))
    now = await client.monitoring_center.get(web["id"], "LAST_HOUR")
    assert len(now["cpu"]["data"]) <= len(day["cpu"]["data"])
    custom = await client.monitoring_center.get(web["id"], "CUSTOM",
                                                start_date=end - timedelta(hours=6),
                                                end_date=end)
    dates = [datetime.fromisoformat(p["date"].replace("Z", "+00:00"))
             for p in custom["cpu"]["data"]]
    assert dates and all(end - timedelta(hours=6) <= d <= end for d in dates)
