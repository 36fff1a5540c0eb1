"""Images, storages, monitoring, accounts, periods and list queries."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from oneandone_tui.api import (
    AttachServer,
    BlockStorage,
    BlockStorageUpdate,
    Image,
    ImageUpdate,
    ListQuery,
    MonitoringPolicy,
    MonitoringPolicyUpdate,
    Period,
    Port,
    Ports,
    Process,
    Processes,
    RequestObject,
    RolePermissions,
    SharedStorage,
    SharedStorageAccess,
    SharedStorageServers,
    SharedStorageUpdate,
    SshKey,
    Threshold,
    User,
    UserApiIps,
    UserUpdate,
    Vpn,
)


def problems(obj: RequestObject) -> dict[str, str]:
    return {e.field: e.rule for e in obj.errors()}


def test_image_rules() -> None:
    assert set(problems(Image())) == {"name", "frequency", "num_images", "server_id"}
    assert "ONCE, DAILY, WEEKLY" in problems(Image("S", "n", frequency="HOURLY",
                                                   num_images=1))["frequency"]
    assert "between 1 and 50" in problems(Image("S", "n", frequency="ONCE",
                                                num_images=0))["num_images"]
    iso = Image(name="n", frequency="ONCE", num_images=1, source="iso")
    assert problems(iso) == {"url": "is required",
                             "type": "is required (one of os, app)"}
    url = Image(name="n", frequency="ONCE", num_images=1, source="image", url="https://x/i")
    assert url.errors() == []
    assert problems(Image("S", "n", frequency="ONCE", num_images=1, source="cdrom")) == {
        "source": "must be one of server, image, iso (got 'cdrom')"}
    assert problems(ImageUpdate(frequency="DAILY")) == {
        "frequency": "must be one of ONCE (got 'DAILY')"}
    assert ImageUpdate(name="n").to_body() == {"name": "n"}


def test_storage_rules() -> None:
    assert problems(SharedStorage()) == {"name": "is required", "size": "is required"}
    assert problems(SharedStorage("s", size=75)) == {"size": "must be a multiple of 50 (got 75)"}
    assert problems(SharedStorage("s", size=0)) == {"size": "must be at least 50 (got 0)"}
    assert problems(SharedStorageUpdate(size=120)) == {
        "size": "must be a multiple of 50 (got 120)"}
    servers = SharedStorageServers([AttachServer("S1", "RW"), AttachServer("S2"),
                                    AttachServer(server_ip_id="I", rights="W")])
    assert problems(servers) == {"servers[1].rights": "is required (one of R, RW)",
                                 "servers[2].rights": "must be one of R, RW (got 'W')",
                                 "servers[2].server_id": "is required"}
    assert SharedStorageServers([AttachServer("S1", "R")]).to_body() == {
        "servers": [{"id": "S1", "rights": "R"}]}
    assert problems(SharedStorageAccess("short")) == {
        "password": "must be at least 8 characters long"}
    assert "short" not in repr(SharedStorageAccess("short"))


@pytest.mark.parametrize(("obj", "field", "text"), [
    (BlockStorage("b"), "size", "is required"),
    (BlockStorage("b", size=10), "size", "between 20 and 500"),
    (BlockStorage("b", size=510), "size", "between 20 and 500"),
    (BlockStorage("b", size=25), "size", "multiple of 10"),
    (BlockStorage(size=20), "name", "is required"),
    (BlockStorageUpdate(size=15), "size", "between 20 and 500"),
])
def test_block_storage_rules(obj: RequestObject, field: str, text: str) -> None:
    found = problems(obj)
    assert field in found and text in found[field], found


def test_block_storage_body_uses_server_key() -> None:
    assert BlockStorage("b", size=40, server_id="S").to_body() == {
        "name": "b", "size": 40, "server": "S"}


THRESHOLDS = [Threshold(e, 80, True, 90, True) for e in ("cpu", "ram", "disk")] + [
    Threshold("transfer", 1000, False, 2000, True),
    Threshold("internal_ping", 50, False, 100, True)]


def test_monitoring_policy_rules() -> None:
    assert problems(MonitoringPolicy()) == {"name": "is required", "agent": "is required",
                                            "thresholds": "is required"}
    missing = MonitoringPolicy("m", agent=False, thresholds=THRESHOLDS[:4])
    assert problems(missing) == {
        "thresholds": "must include internal_ping (all of cpu, ram, disk, transfer, "
                      "internal_ping)"}
    twice = MonitoringPolicy("m", agent=False, thresholds=[*THRESHOLDS, THRESHOLDS[0]])
    assert problems(twice) == {"thresholds": "gives cpu more than once"}
    bad = MonitoringPolicy("m", agent=False, thresholds=THRESHOLDS,
                           ports=[Port("SCTP", 0, "UP")], processes=[Process("x" * 51)])
    assert set(problems(bad)) == {"ports[0].protocol", "ports[0].port", "ports[0].alert_if",
                                  "ports[0].email_notification", "processes[0].process",
                                  "processes[0].alert_if", "processes[0].email_notification"}
    ok = MonitoringPolicy("m", agent=True, thresholds=THRESHOLDS)
    body = ok.validate().to_body()
    assert body["ports"] == [] and body["processes"] == []
    assert body["thresholds"]["transfer"] == {"warning": {"value": 1000, "alert": False},
                                              "critical": {"value": 2000, "alert": True}}


@pytest.mark.parametrize(("threshold", "field", "text"), [
    (Threshold("gpu", 1, True, 2, True), "entity", "cpu, ram, disk"),
    (Threshold("cpu", 0, True, 90, True), "warning_value", "between 1 and 100"),
    (Threshold("ram", 80, True, 101, True), "critical_value", "between 1 and 100"),
    (Threshold("transfer", 0, True, 10, True), "warning_value", "at least 1"),
    (Threshold("disk", 80, None, 90, True), "warning_alert", "is required"),
])
def test_threshold_rules(threshold: Threshold, field: str, text: str) -> None:
    found = problems(threshold)
    assert field in found and text in found[field], found


def test_monitoring_policy_parts() -> None:
    assert Threshold("transfer", 5000, True, 9000, True).errors() == []
    assert MonitoringPolicyUpdate(thresholds=[THRESHOLDS[0]]).to_body() == {
        "thresholds": {"cpu": {"warning": {"value": 80, "alert": True},
                               "critical": {"value": 90, "alert": True}}}}
    assert problems(Ports([])) == {"ports": "must contain at least 1 item"}
    assert problems(Processes([])) == {"processes": "must contain at least 1 item"}
    assert Port("TCP", 22, "NOT_RESPONDING", True).to_body() == {
        "protocol": "TCP", "port": 22, "alert_if": "NOT_RESPONDING", "email_notification": True}


def test_accounts() -> None:
    assert problems(User()) == {"name": "is required", "password": "is required"}
    assert problems(User("u", "Passw0rd", email="e@x.org")) == {}
    assert problems(User("u", "Passw0rd", email="e@x")) == {
        "email": "must be an e-mail address such as a@example.com"}  # the emulator's rule
    assert "Passw0rd" not in repr(User("u", "Passw0rd"))
    assert problems(UserUpdate(state="LOCKED")) == {
        "state": "must be one of ACTIVE, DISABLE (got 'LOCKED')"}
    assert problems(UserUpdate(password="short")) == {"password": "must be 8 to 64 characters long"}
    assert problems(UserApiIps([])) == {"ips": "must contain at least 1 item"}
    assert problems(UserApiIps(["1.2.3.4", "nope"])) == {"ips[1]": "must be an IP address"}
    assert problems(RolePermissions()) == {"": "give at least one permission group"}
    assert problems(RolePermissions(servers={"start": "yes"})) == {
        "servers.start": "must be true or false"}
    assert RolePermissions(images={"show": True}).to_body() == {"images": {"show": True}}


def test_role_permissions_groups_are_snake_case_and_other_spellings_map() -> None:
    """What the role permissions form sends: the groups as GET answered them (snake_case, as Go,
    Java and .NET spell them), the Python SDK's and Java/.NET's other spellings mapped, names
    this client does not know passed through unchanged."""
    body = RolePermissions(servers={"set_name": True}, firewall_policies={"manage_rules": False},
                           private_networks={"set_network_info": True}).to_body()
    assert body == {"servers": {"set_name": True}, "firewall_policies": {"manage_rules": False},
                    "private_networks": {"set_network_info": True}}
    mapped = RolePermissions.from_groups({
        "sharedstorages": {"show": True}, "private_network": {"show": False},
        "ips": {"set_reverse_dns": True}, "kubernetes": {"show": True}})
    assert mapped.shared_storages == {"show": True}
    assert mapped.private_networks == {"show": False}
    assert mapped.public_ips == {"set_reverse_dns": True}
    assert mapped.to_body()["kubernetes"] == {"show": True}
    assert problems(RolePermissions.from_groups({"kubernetes": {"show": "yes"}})) == {
        "kubernetes.show": "must be true or false"}
    assert problems(Vpn()) == {"name": "is required"}
    assert SshKey("k").to_body() == {"name": "k"}  # no nulls for read-only fields


def test_periods() -> None:
    assert Period().to_body() == {"period": "LAST_24H"}
    assert problems(Period("YESTERDAY"))["period"].startswith("must be one of LAST_HOUR")
    assert problems(Period("CUSTOM")) == {"start_date": "is required when period is CUSTOM",
                                          "end_date": "is required when period is CUSTOM"}
    start, end = datetime(2026, 1, 2, tzinfo=timezone.utc), datetime(2026, 1, 1)
    assert problems(Period("CUSTOM", start, end)) == {"start_date": "must be before end_date"}
    assert problems(Period("CUSTOM", start, start)) == {"start_date": "must be before end_date"}
    assert "ISO 8601" in problems(Period("CUSTOM", "2015-19-05T00:05:00Z", end))["start_date"]
    ok = Period("CUSTOM", end, start)
    assert ok.to_body() == {"period": "CUSTOM", "start_date": "2026-01-01T00:00:00Z",
                            "end_date": "2026-01-02T00:00:00Z"}
    typed = Period("CUSTOM", "2026-01-01", "2026-01-02 12:30+02:00")
    assert typed.to_body() == {"period": "CUSTOM", "start_date": "2026-01-01T00:00:00Z",
                               "end_date": "2026-01-02T10:30:00Z"}


def test_list_queries() -> None:
    assert ListQuery().to_body() == {}
    assert ListQuery(sort="-status.state", fields=["id", "status.state"]).to_body() == {
        "sort": "-status.state", "fields": "id,status.state"}
    assert problems(ListQuery(page=0, per_page=-1, sort="-", fields="id,,name")) == {
        "page": "must be at least 1 (got 0)", "per_page": "must be at least 1 (got -1)",
        "sort": "must be a field name, e.g. 'name' or '-name' (descending)",
        "fields": "must be comma-separated field names, e.g. 'id,name,status'"}
    assert ListQuery(q="").to_body() == {}
