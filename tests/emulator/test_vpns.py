"""VPNs: create/modify/delete and the configuration archive."""

from __future__ import annotations

import base64
import io
import zipfile

import pytest

from tests.helpers import Api, error

VPN_KEYS = {"id", "name", "description", "type", "state", "creation_date", "ips", "datacenter",
            "cloudpanel_id"}


def datacenter(api: Api, country: str) -> dict:
    return next(d for d in api.ok(api.get("/datacenters")) if d["country_code"] == country)


def new_vpn(api: Api, **overrides):
    body = {"name": "vpn", "description": "d", "datacenter_id": None}
    body.update(overrides)
    return api.post("/vpns", body)


def logged(emu, action: str, rid: str) -> bool:
    return any(e["action"] == action and e["resource"]["id"] == rid and e["type"] == "VPN"
               for e in emu.store.logs)


def test_list_vpns(api):
    vpns = api.ok(api.get("/vpns"), 200)
    office = next(v for v in vpns if v["name"] == "office-vpn")
    assert set(office) == VPN_KEYS and office["state"] == "ACTIVE" and office["type"] == "SSL"
    assert office["datacenter"]["country_code"] == "DE" and len(office["ips"]) == 1


def test_create_vpn_configuring_then_active(api, emu):
    gb = datacenter(api, "GB")
    resp = new_vpn(api, datacenter_id=gb["id"])
    vpn = api.ok(resp, 202)
    assert resp.status == 202 and set(vpn) == VPN_KEYS
    assert vpn["state"] == "CONFIGURING" and vpn["name"] == "vpn" and vpn["description"] == "d"
    assert vpn["datacenter"] == gb and vpn["type"] == "SSL"
    assert vpn["ips"][0].startswith("77.68.")  # a GB address
    emu.advance(10)
    assert api.ok(api.get(f"/vpns/{vpn['id']}"))["state"] == "CONFIGURING"
    emu.settle()
    assert api.ok(api.get(f"/vpns/{vpn['id']}"), 200)["state"] == "ACTIVE"
    assert logged(emu, "CREATE", vpn["id"])


def test_create_vpn_default_datacenter(api):
    vpn = api.ok(new_vpn(api, description=None))
    assert vpn["datacenter"] is not None and vpn["description"] is None


@pytest.mark.parametrize("body,fragments", [
    ({"name": None}, ("'name'", "required")),
    ({"name": " "}, ("'name'", "empty")),
    ({"description": 1}, ("'description'", "string")),
    ({"datacenter_id": "NOPE"}, ("'datacenter_id'", "datacenter")),
])
def test_create_vpn_validation(api, body, fragments):
    error(new_vpn(api, **body), 400, *fragments)


def test_unknown_vpn_404(api):
    error(api.get("/vpns/NOPE"), 404, "NOPE")
    error(api.put("/vpns/NOPE", {"name": "x"}), 404)
    error(api.delete("/vpns/NOPE"), 404)
    error(api.get("/vpns/NOPE/configuration_file"), 404)


def test_modify_vpn(api, emu):
    office = api.find("vpns", "office-vpn")
    resp = api.put(f"/vpns/{office['id']}", {"name": "n", "description": "new"})
    got = api.ok(resp, 200)
    assert got["name"] == "n" and got["description"] == "new" and got["state"] == "ACTIVE"
    assert api.ok(api.get(f"/vpns/{office['id']}"))["name"] == "n"
    assert api.ok(api.put(f"/vpns/{office['id']}", {"name": None,
                                                      "description": "only"}))["name"] == "n"
    assert logged(emu, "UPDATE", office["id"])


@pytest.mark.parametrize("body,fragments", [
    ({}, ("'name'", "'description'")),
    ({"name": ""}, ("'name'", "empty")),
    ({"description": []}, ("'description'", "string")),
])
def test_modify_vpn_validation(api, body, fragments):
    office = api.find("vpns", "office-vpn")
    error(api.put(f"/vpns/{office['id']}", body), 400, *fragments)


def test_delete_vpn_removing_then_gone(api, emu):
    office = api.find("vpns", "office-vpn")
    resp = api.delete(f"/vpns/{office['id']}")
    got = api.ok(resp, 202)
    assert resp.status == 202 and got["state"] == "REMOVING"
    error(api.put(f"/vpns/{office['id']}", {"name": "x"}), 409, "removed")
    error(api.delete(f"/vpns/{office['id']}"), 409)
    error(api.get(f"/vpns/{office['id']}/configuration_file"), 409)
    emu.settle()
    error(api.get(f"/vpns/{office['id']}"), 404)
    assert office["id"] not in [v["id"] for v in api.ok(api.get("/vpns"))]
    assert logged(emu, "DELETE", office["id"])


def test_configuration_file_is_a_real_deterministic_zip(api):
    office = api.find("vpns", "office-vpn")
    resp = api.get(f"/vpns/{office['id']}/configuration_file")
    body = api.ok(resp, 200)
    assert set(body) == {"config_zip_file"}
    data = base64.b64decode(body["config_zip_file"], validate=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["office-vpn.ovpn"]
        profile = archive.read("office-vpn.ovpn").decode()
    assert "client" in profile.splitlines()
    assert f"remote {office['ips'][0]} 1194" in profile
    assert "<ca>" in profile and "-----BEGIN CERTIFICATE-----" in profile
    again = api.ok(api.get(f"/vpns/{office['id']}/configuration_file"))
    assert again == body


def test_configuration_file_differs_per_vpn(api):
    office = api.find("vpns", "office-vpn")
    other = api.ok(new_vpn(api, name="lab vpn/2"))
    a = api.ok(api.get(f"/vpns/{office['id']}/configuration_file"))["config_zip_file"]
    b = api.ok(api.get(f"/vpns/{other['id']}/configuration_file"))["config_zip_file"]
    assert a != b
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(b))) as archive:
        (name,) = archive.namelist()
        assert name == "lab_vpn_2.ovpn"
        assert other["ips"][0] in archive.read(name).decode()


def test_configuration_file_same_bytes_across_runs():
    from oneandone_tui.emulator.clock import ManualClock
    from oneandone_tui.emulator.core import Emulator

    blobs = []
    for _ in range(2):
        api = Api(Emulator(clock=ManualClock()))
        office = api.find("vpns", "office-vpn")
        blobs.append(api.ok(api.get(f"/vpns/{office['id']}/configuration_file")))
    assert blobs[0] == blobs[1]
