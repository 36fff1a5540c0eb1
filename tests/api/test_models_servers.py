"""Server request objects: every documented rule, all errors at once, minimal bodies."""

from __future__ import annotations

import pytest

from oneandone_tui.api import (
    Hdd,
    HddList,
    HddResize,
    ReinstallImage,
    RequestObject,
    Server,
    ServerAction,
    ServerClone,
    ServerHardware,
    ServerUpdate,
    ValidationError,
)


def custom(**kw: object) -> Server:
    base: dict[str, object] = {"name": "web", "appliance_id": "A", "vcore": 2,
                               "cores_per_processor": 1, "ram": 4,
                               "hdds": [Hdd(40, True)]}
    base.update(kw)
    return Server(**base)  # type: ignore[arg-type]


def problems(obj: RequestObject) -> dict[str, str]:
    return {e.field: e.rule for e in obj.errors()}


def test_valid_custom_server_and_its_body() -> None:
    server = custom(description="d", datacenter_id="DC", power_on=False, public_key=["K1"])
    assert server.errors() == [] and server.validate() is server
    assert server.to_body() == {
        "name": "web", "description": "d", "appliance_id": "A", "power_on": False,
        "datacenter_id": "DC", "public_key": ["K1"],
        "hardware": {"vcore": 2, "cores_per_processor": 1, "ram": 4,
                     "hdds": [{"size": 40, "is_main": True}]}}


@pytest.mark.parametrize(("changes", "field", "rule"), [
    ({"name": None}, "name", "is required"),
    ({"name": "  "}, "name", "is required"),
    ({"appliance_id": None}, "appliance_id", "is required"),
    ({"vcore": 0}, "vcore", "between 1 and 16"),
    ({"vcore": 17}, "vcore", "between 1 and 16"),
    ({"vcore": 2.5}, "vcore", "whole number"),
    ({"vcore": None}, "vcore", "is required"),
    ({"cores_per_processor": 17}, "cores_per_processor", "between 1 and 16"),
    ({"ram": 0.5}, "ram", "between 1 and 128"),
    ({"ram": 129}, "ram", "between 1 and 128"),
    ({"ram": 2.25}, "ram", "multiple of 0.5"),
    ({"ram": "4"}, "ram", "must be a number"),
    ({"hdds": []}, "hdds", "at least 1"),
    ({"hdds": None}, "hdds", "at least 1"),
    ({"hdds": [Hdd(40, False)]}, "hdds", "exactly one main disk"),
    ({"hdds": [Hdd(40, True), Hdd(60, True)]}, "hdds", "exactly one main disk"),
    ({"hdds": [Hdd(40, True), Hdd(10)]}, "hdds[1].size", "between 20 and 2000"),
    ({"hdds": [Hdd(2020, True)]}, "hdds[0].size", "between 20 and 2000"),
    ({"hdds": [Hdd(50, True)]}, "hdds[0].size", "multiple of 20"),
    ({"hdds": [Hdd(None, True)]}, "hdds[0].size", "is required"),
    ({"hdds": [{"size": 40}]}, "hdds[0]", "must be a Hdd"),
    ({"server_type": "dedicated"}, "server_type", "one of cloud, baremetal"),
    ({"password": "Short1"}, "password", "8 to 64"),
    ({"password": "x" * 65}, "password", "8 to 64"),
    ({"password": "alllower12"}, "password", "upper-case"),
    ({"password": "NoDigitsHere"}, "password", "digit"),
    ({"power_on": "yes"}, "power_on", "true or false"),
    ({"public_key": [""]}, "public_key[0]", "non-empty id"),
])
def test_server_rules(changes: dict[str, object], field: str, rule: str) -> None:
    found = problems(custom(**changes))
    assert field in found, found
    assert rule in found[field]


def test_all_errors_at_once_for_a_form() -> None:
    server = Server(vcore=20, ram=0.7, hdds=[Hdd(15, False), Hdd(30)])
    assert problems(server) == {
        "name": "is required",
        "appliance_id": "is required",
        "vcore": "must be between 1 and 16 (got 20)",
        "cores_per_processor": "is required",
        "ram": "must be between 1 and 128 (got 0.7)",
        "hdds[0].size": "must be between 20 and 2000 (got 15)",
        "hdds[1].size": "must be a multiple of 20 (got 30)",
    }
    with pytest.raises(ValidationError) as info:
        server.validate()
    assert info.value.field == "name"


def test_fixed_size_conflicts_with_custom_hardware() -> None:
    fixed = Server(name="w", appliance_id="A", fixed_instance_size_id="F")
    assert fixed.errors() == []
    assert fixed.to_body()["hardware"] == {"fixed_instance_size_id": "F"}
    both = Server(name="w", appliance_id="A", fixed_instance_size_id="F", vcore=2,
                  hdds=[Hdd(40, True)])
    assert problems(both) == {"vcore": "cannot be combined with fixed_instance_size_id",
                              "hdds": "cannot be combined with fixed_instance_size_id"}


def test_baremetal_needs_a_model() -> None:
    assert problems(Server(name="b", appliance_id="A", server_type="baremetal")) == {
        "baremetal_model_id": "is required"}
    bare = Server(name="b", appliance_id="A", server_type="baremetal", baremetal_model_id="M")
    assert bare.errors() == [] and bare.to_body()["hardware"] == {"baremetal_model_id": "M"}


def test_password_never_in_repr() -> None:
    server = custom(password="Secret123!")
    assert "Secret123!" not in repr(server) and "****" in repr(server)
    assert "Secret123!" not in repr(ReinstallImage(id="I", password="Secret123!"))
    assert "Secret123!" not in str(custom(password="Secret123").errors())


def test_update_and_clone_need_a_name() -> None:
    assert problems(ServerUpdate(description="d")) == {"name": "is required"}
    assert ServerUpdate(name="n").to_body() == {"name": "n"}
    assert problems(ServerClone()) == {"name": "is required"}
    assert ServerClone("c", "DC").to_body() == {"name": "c", "datacenter_id": "DC"}


def test_hardware_rules() -> None:
    assert problems(ServerHardware()) == {
        "": "give fixed_instance_size_id, or at least one of vcore, cores_per_processor and ram"}
    assert problems(ServerHardware(fixed_instance_size_id="F", ram=4)) == {
        "ram": "cannot be combined with fixed_instance_size_id"}
    assert problems(ServerHardware(vcore=32, ram=1.2)) == {
        "vcore": "must be between 1 and 16 (got 32)", "ram": "must be a multiple of 0.5 (got 1.2)"}
    assert ServerHardware(ram=8).to_body() == {"ram": 8}
    current = {"vcore": 4, "ram": 8}
    hot = ServerHardware(vcore=2, ram=4, current=current, powered_on=True)
    assert set(problems(hot)) == {"vcore", "ram"} and "hot decrease" in problems(hot)["vcore"]
    assert ServerHardware(vcore=2, ram=4, current=current, powered_on=False).errors() == []
    assert "current" not in ServerHardware(vcore=2, current=current).to_body()


def test_disk_lists_and_resize() -> None:
    assert problems(HddList([])) == {"hdds": "must contain at least 1 item"}
    assert HddList([Hdd(60)]).to_body() == {"hdds": [{"size": 60, "is_main": False}]}
    assert problems(HddResize(50)) == {"size": "must be a multiple of 20 (got 50)"}
    assert problems(HddResize(40, current_size=60)) == {
        "size": "can never decrease (from 60 to 40 GB)"}
    assert HddResize(80, current_size=60).to_body() == {"size": 80}


def test_actions() -> None:
    assert ServerAction("REBOOT").to_body() == {"action": "REBOOT", "method": "SOFTWARE"}
    assert problems(ServerAction()) == {
        "action": "is required (one of POWER_ON, POWER_OFF, REBOOT)"}
    assert "method" in problems(ServerAction("REBOOT", "SOFT"))
    assert problems(ServerAction("REBOOT", recovery_mode=True)) == {
        "recovery_image_id": "is required"}
    assert problems(ServerAction("POWER_ON", recovery_mode=True, recovery_image_id="R")) == {
        "recovery_mode": "is only allowed with action REBOOT"}
    assert ServerAction("REBOOT", "HARDWARE", True, "R").to_body() == {
        "action": "REBOOT", "method": "HARDWARE", "recovery_mode": True,
        "recovery_image_id": "R"}


def test_reinstall() -> None:
    assert problems(ReinstallImage()) == {"id": "is required"}
    assert ReinstallImage("I").to_body() == {"id": "I"}
    assert ReinstallImage("I", firewall_policy_id="F").to_body() == {
        "id": "I", "firewall_policy": {"id": "F"}}
