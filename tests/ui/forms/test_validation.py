"""Every documented rule the forms check, one case each: bad input shows its message next to
the field it is about (or on the group's line), the form stays open, and the emulator receives
no mutating request. The rules are the client's request objects' (``api/models``); the forms
have no copy of them."""

from __future__ import annotations

from typing import Any

import pytest

from oneandone_tui.ui.forms.controls import FieldRow, GroupBox
from oneandone_tui.ui.forms.fields import split_path
from tests.ui.forms.helpers import (
    error_text,
    fill,
    mutating,
    open_action,
    open_key,
    option,
    settle,
    submit,
    text_of,
)


def field_error(form: Any, path: str) -> str:
    """The error line shown for ``path``: its field, its group row, or its group."""
    name, index, _ = split_path(path)
    row = form.rows.get(name)
    if isinstance(row, FieldRow):
        line = row.query_one(".field-error")
    elif isinstance(row, GroupBox) and index is not None:
        line = row.rows[index].query_one(".field-error")
    elif isinstance(row, GroupBox):
        line = row.query_one(".group-error")
    else:
        line = form.query_one("#form-error")
    assert line.display and (line.has_class("-shown") or line.id == "form-error"), \
        f"no error shown for {path}"
    return text_of(line)


async def _remove_first_rule(pilot: Any, form: Any) -> None:
    box = form.rows["rules"]
    await pilot.click(box.rows[0].query_one(".row-remove"))
    await settle(pilot)


def _resize(disk: str, size: str) -> Any:
    async def step(pilot: Any, form: Any) -> None:
        await fill(pilot, form, hdd_id=option(form, "hdd_id", disk), size=size)
    return step


SERVER = {"name": "x", "vcore": "2", "cores_per_processor": "1", "ram": "2"}
FW_RULE = {"rules__0__port_from": "80", "rules__0__port_to": "80"}
LB = {"name": "lb", "rules__0__port_balancer": "80", "rules__0__port_server": "80"}
MP = {"name": "mp"}

# id, category, key or action, row, fills (dict or async step), path, message fragment
CASES: list[tuple[str, str, str, str | None, Any, str, str]] = [
    ("server name", "servers", "n", None, {"name": ""}, "name", "is required"),
    ("server appliance", "servers", "n", None, SERVER, "appliance_id", "is required"),
    ("vcore range", "servers", "n", None, {**SERVER, "vcore": "17"}, "vcore",
     "must be between 1 and 16 (got 17)"),
    ("vcore whole", "servers", "n", None, {**SERVER, "vcore": "two"}, "vcore",
     "must be a whole number"),
    ("cores required", "servers", "n", None, {**SERVER, "cores_per_processor": ""},
     "cores_per_processor", "is required"),
    ("ram step", "servers", "n", None, {**SERVER, "ram": "3.3"}, "ram",
     "must be a multiple of 0.5 (got 3.3)"),
    ("ram range", "servers", "n", None, {**SERVER, "ram": "200"}, "ram",
     "must be between 1 and 128"),
    ("disk step", "servers", "n", None, {**SERVER, "hdds__0__size": "30"}, "hdds[0].size",
     "must be a multiple of 20 (got 30)"),
    ("disk range", "servers", "n", None, {**SERVER, "hdds__0__size": "2020"},
     "hdds[0].size", "must be between 20 and 2000"),
    ("one main disk", "servers", "n", None,
     {**SERVER, "hdds__1__size": "40", "hdds__1__is_main": True}, "hdds",
     "must have exactly one main disk (is_main), got 2"),
    ("password length", "servers", "n", None, {**SERVER, "password": "Sh0rt"}, "password",
     "must be 8 to 64 characters long"),
    ("password upper", "servers", "n", None, {**SERVER, "password": "lowercase123"},
     "password", "must contain an upper-case letter"),
    ("password digit", "servers", "n", None, {**SERVER, "password": "NoDigitsHere"},
     "password", "must contain a digit"),
    ("hot decrease", "servers", "hardware", "api-gateway", {"vcore": "2"}, "vcore",
     "cannot decrease from 4 to 2 while the server is powered on"),
    ("disk never shrinks", "servers", "resize_hdd", "web-01", _resize("120 GB", "100"),
     "size", "can never decrease (from 120 to 100 GB)"),
    ("resize step", "servers", "resize_hdd", "web-02", _resize("120 GB", "130"), "size",
     "must be a multiple of 20 (got 130)"),
    ("disk picked", "servers", "resize_hdd", "web-01", {"size": "140"}, "hdd_id",
     "is required"),
    ("recovery image", "servers", "reboot", "web-01", {"recovery_mode": True},
     "recovery_image_id", "is required"),
    ("clone name", "servers", "clone", "web-01", {"name": ""}, "name", "is required"),
    ("reinstall image", "servers", "reinstall", "web-01", {}, "id", "is required"),
    ("image count", "images", "n", None, {"name": "i", "num_images": "0"}, "num_images",
     "must be between 1 and 50 (got 0)"),
    ("image server", "images", "n", None, {"name": "i"}, "server_id", "is required"),
    ("image url", "images", "n", None, {"name": "i", "source": "image"}, "url",
     "is required"),
    ("iso type", "images", "n", None, {"name": "i", "source": "iso", "url": "http://x/y.iso"},
     "type", "is required"),
    ("storage step", "shared_storages", "n", None, {"name": "s", "size": "120"}, "size",
     "must be a multiple of 50 (got 120)"),
    ("storage minimum", "shared_storages", "n", None, {"name": "s", "size": "20"}, "size",
     "must be at least 50"),
    ("attach server", "shared_storages", "attach", "shared-assets", {}, "servers[0]",
     "Server: is required"),
    ("access password", "shared_storages", "access", "shared-assets",
     {"password": "short"}, "password", "must be at least 8 characters long"),
    ("fw port range", "firewall_policies", "n", None,
     {"name": "f", **FW_RULE, "rules__0__port_from": "0"}, "rules[0]",
     "must be between 1 and 65535 (got 0)"),
    ("fw port order", "firewall_policies", "n", None,
     {"name": "f", "rules__0__port_from": "90", "rules__0__port_to": "80"}, "rules[0]",
     "must not be lower than port_from"),
    ("fw source", "firewall_policies", "n", None,
     {"name": "f", **FW_RULE, "rules__0__source": "999.1.1.1"}, "rules[0]",
     "must be an IP address or network"),
    ("fw deny", "firewall_policies", "n", None,
     {"name": "f", **FW_RULE, "rules__0__action": "deny"}, "rules[0]",
     "deny is only allowed with protocol ANY"),
    ("fw one rule", "firewall_policies", "n", None, _remove_first_rule, "rules",
     "must contain at least 1 item"),
    ("fw ip picked", "firewall_policies", "attach_ips", "web-public", {}, "server_ips[0]",
     "is required"),
    ("lb interval", "load_balancers", "n", None, {**LB, "health_check_interval": "0"},
     "health_check_interval", "must be between 1 and 300 (got 0)"),
    ("lb http path", "load_balancers", "n", None, {**LB, "health_check_test": "HTTP"},
     "health_check_path", "is required"),
    ("lb regex", "load_balancers", "n", None,
     {**LB, "health_check_test": "HTTP", "health_check_path": "/", "health_check_parse": "("},
     "health_check_parse", "must be a regular expression"),
    ("lb persistence", "load_balancers", "n", None,
     {**LB, "persistence": True, "persistence_time": "10"}, "persistence_time",
     "must be between 30 and 1200 (got 10)"),
    ("lb method", "load_balancers", "n", None, {**LB, "method": None}, "method",
     "is required (one of ROUND_ROBIN, LEAST_CONNECTIONS)"),
    ("lb rule port", "load_balancers", "n", None, {**LB, "rules__0__port_server": ""},
     "rules[0]", "is required"),
    ("pn name length", "private_networks", "n", None, {"name": "n" * 129}, "name",
     "must be at most 128 characters long"),
    ("pn network", "private_networks", "n", None,
     {"name": "n", "network_address": "10.0.0.1", "subnet_mask": "255.255.255.0"},
     "network_address", "is not a network address for the mask 255.255.255.0"),
    ("pn mask", "private_networks", "n", None,
     {"name": "n", "network_address": "10.0.0.0", "subnet_mask": "255.0.255.0"},
     "subnet_mask", "must be a subnet mask"),
    ("pn ipv4", "private_networks", "n", None, {"name": "n", "network_address": "fe80::"},
     "network_address", "must be an IPv4 address"),
    ("mp percent", "monitoring_policies", "n", None,
     {**MP, "thresholds__0__warning_value": "120"}, "thresholds[0]",
     "must be between 1 and 100 (got 120)"),
    ("mp threshold", "monitoring_policies", "n", None,
     {**MP, "thresholds__3__critical_value": ""}, "thresholds[3]", "is required"),
    ("mp port", "monitoring_policies", "n", None, {**MP, "ports__0__port": "70000"},
     "ports[0]", "must be between 1 and 65535"),
    ("mp process", "monitoring_policies", "n", None, {**MP, "processes__0__process": "p" * 51},
     "processes[0]", "must be at most 50 characters long"),
    ("user password", "users", "n", None, {"name": "u", "password": "password"}, "password",
     "must contain an upper-case letter"),
    ("user ip", "users", "add_ips", "ops.jane", {"ips__0__ip": "1.2.3"}, "ips[0]",
     "must be an IP address"),
    ("role name", "roles", "n", None, {}, "name", "is required"),
    ("block step", "block_storages", "n", None, {"name": "b", "size": "25"}, "size",
     "must be a multiple of 10 (got 25)"),
    ("block range", "block_storages", "n", None, {"name": "b", "size": "600"}, "size",
     "must be between 20 and 500"),
    ("ssh key name", "ssh_keys", "n", None, {}, "name", "is required"),
    ("vpn name", "vpns", "n", None, {}, "name", "is required"),
    ("typed name", "servers", "delete", "web-01", {"__typed__": "web-1"}, "__typed__",
     "type 'web-01' to confirm"),
]


@pytest.mark.parametrize(("category", "how", "row", "fills", "path", "fragment"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
async def test_rule_rejects_bad_input_before_anything_is_sent(demo_app, category, how, row,
                                                              fills, path, fragment):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if how in ("n", "e", "delete"):
            form = await open_key(pilot, category, {"delete": "ctrl+d"}.get(how, how), row)
        else:
            form = await open_action(pilot, category, how, row)
        before = mutating(app)
        if callable(fills):
            await fills(pilot, form)
        else:
            await fill(pilot, form, **fills)
        await submit(pilot, form)
        assert app.screen is form, "the form must stay open"
        assert fragment in field_error(form, path), error_text(form)
        assert mutating(app) == before, "a mutating request was sent"


async def test_errors_show_as_you_type_and_clear_when_fixed(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "n")
        assert error_text(form) == ""  # nothing touched yet: no noise
        await fill(pilot, form, ram="3.3")
        assert "must be a multiple of 0.5" in field_error(form, "ram")
        assert "appliance" not in error_text(form)  # untouched fields wait for submit
        await fill(pilot, form, ram="3.5")
        assert "multiple" not in error_text(form)
