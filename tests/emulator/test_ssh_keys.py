"""SSH keys: create (given or generated key), modify, delete (DELETING, then servers drop it)."""

from __future__ import annotations

import pytest

from tests.emulator.fixture_shapes import assert_fixture
from tests.helpers import Api, error

# The Go SDK test's key.
RSA_BODY = ("AAAAB3NzaC1yc2EAAAADAQABAAABAQCezYMOgAan+JmatgFJ+Q1FUNjrqNVgAvcTkjYJwHVcQaolq9f9qB7tEe"
            "UPDNj2oNN49joAmTcllDcPIxryT5PnQUaaUhu4ZJ9+bRtXCyhnf2LJQdVfzBFEBJX9fW4RiV1XtSAtLRBrbrC"
            "b4JjHmhIYpvhBHC29Ve+g64nhdvBhqyLZ3SLI2U/opEmt5u2xftWGl0TBSQYveqc4ntz3fe+f9XlBHvK3Nw12"
            "bCLmLle7jQuZ4lXyAYqNAfdOMTs2zMTk422Dl/h4+zRh1h4rM9zaCk4+g3kdugJm7Vul03wm43cHmHsJv51R3"
            "XKSHzgb7q/eNj+YdMi5Ndt0Bm+bLjw7")
ED_BODY = "AAAAC3NzaC1lZDI1NTE5AAAAIGd0hUtlYhHUg6e/Ec0+Q9gBQuAE+2YVvbCHbYA5KgbP"
# The fixtures' (bare) body.
FIXTURE_BODY = ("MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCqGKukO1De7zhZj6+H0qtjTkVxwTCpvKe4eCZ0FPq"
                "ri0cb2JZfXJ/DgYSF6vUpwmJG8wVQZKjeGcjDOL5UlsuusFncCzWBQ7RKNUSesmQRMSGkVb1/3j+skZ6U"
                "tW+5u09lHNsj6tQ51s1SPrCBkedbNf0Tp0GbMJDyR4e9T04ZZwIDAQAB")
NULLABLE = frozenset({"description"})


def new_key(api: Api, **overrides):
    # What the Python SDK sends: every field of SshKey.specs, read-only ones null.
    body = {"name": "k", "description": "d", "state": None, "servers": None, "md5": None,
            "public_key": f"ssh-rsa {RSA_BODY}", "creation_date": None}
    body.update(overrides)
    return api.post("/ssh_keys", body)


def logged(emu, action: str, rid: str) -> bool:
    return any(e["action"] == action and e["resource"]["id"] == rid and e["type"] == "SSHKEY"
               for e in emu.store.logs)


def test_list_ssh_keys_matches_fixture(api):
    keys = api.ok(api.get("/ssh_keys"), 200)
    assert_fixture(keys, "list-ssh-keys.json", NULLABLE)
    jane = next(k for k in keys if k["name"] == "jane@laptop")
    assert {s["name"] for s in jane["servers"]} == {"web-01", "web-02"}


def test_get_ssh_key_matches_fixture(api):
    jane = api.find("ssh_keys", "jane@laptop")
    got = api.ok(api.get(f"/ssh_keys/{jane['id']}"), 200)
    assert_fixture(got, "get-ssh-key.json", NULLABLE)
    assert got == jane


def test_create_stores_key_without_type_prefix(api, emu):
    resp = new_key(api)
    key = api.ok(resp, 201)
    assert resp.status == 201
    assert_fixture(key, "create-ssh-key.json", NULLABLE)
    assert key["state"] == "ACTIVE" and key["servers"] == []
    assert key["public_key"] == RSA_BODY  # the Go SDK's expectation
    assert len(key["md5"]) == 32 and key["name"] == "k" and key["description"] == "d"
    assert api.ok(api.get(f"/ssh_keys/{key['id']}")) == key
    assert logged(emu, "CREATE", key["id"])


def test_create_keeps_comment_and_accepts_other_types(api):
    ed = api.ok(new_key(api, public_key=f"ssh-ed25519 {ED_BODY} me@laptop"))
    assert ed["public_key"] == f"{ED_BODY} me@laptop"
    ecdsa_body = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKg"
    ec = api.ok(new_key(api, public_key=f"  ecdsa-sha2-nistp256 {ecdsa_body}\n"))
    assert ec["public_key"] == ecdsa_body


def test_create_bare_body_round_trips(api):
    key = api.ok(new_key(api, public_key=FIXTURE_BODY))
    assert key["public_key"] == FIXTURE_BODY
    # a key read back from GET (already without prefix) can be posted again
    jane = api.find("ssh_keys", "jane@laptop")
    again = api.ok(new_key(api, public_key=jane["public_key"]))
    assert again["public_key"] == jane["public_key"] and again["md5"] == jane["md5"]


def test_create_without_key_generates_one(api):
    key = api.ok(new_key(api, public_key=None), 201)
    assert key["public_key"].startswith("AAAAB3NzaC1yc2E") and len(key["md5"]) == 32


def test_read_only_fields_are_ignored(api):
    key = api.ok(new_key(api, state="DELETING", servers=[{"id": "X"}], md5="abc",
                         creation_date="yesterday"))
    assert key["state"] == "ACTIVE" and key["servers"] == [] and key["md5"] != "abc"
    assert key["creation_date"] != "yesterday"


@pytest.mark.parametrize("body,fragments", [
    ({"name": None}, ("'name'", "required")),
    ({"name": ""}, ("'name'", "empty")),
    ({"description": 5}, ("'description'", "string")),
    ({"public_key": 42}, ("'public_key'", "string")),
    ({"public_key": "AAAAB3Nza..."}, ("'public_key'", "OpenSSH")),
    ({"public_key": "hello"}, ("'public_key'", "OpenSSH")),
    ({"public_key": f"ssh-foo {RSA_BODY}"}, ("'public_key'", "OpenSSH")),
    ({"public_key": "ssh-rsa QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="}, ("'public_key'", "AAAA")),
    ({"public_key": "-----BEGIN RSA PRIVATE KEY-----"}, ("'public_key'",)),
])
def test_create_validation(api, body, fragments):
    error(new_key(api, **body), 400, *fragments)


def test_unknown_key_404(api):
    error(api.get("/ssh_keys/NOPE"), 404, "NOPE")
    error(api.put("/ssh_keys/NOPE", {"name": "x"}), 404)
    error(api.delete("/ssh_keys/NOPE"), 404)


def test_modify_ssh_key(api, emu):
    jane = api.find("ssh_keys", "jane@laptop")
    resp = api.put(f"/ssh_keys/{jane['id']}", {"name": "New Name", "description": "nd"})
    got = api.ok(resp, 200)
    assert_fixture(got, "modify-ssh-key.json", NULLABLE)
    assert got["name"] == "New Name" and got["description"] == "nd"
    assert got["public_key"] == jane["public_key"] and got["servers"] == jane["servers"]
    assert api.ok(api.get(f"/ssh_keys/{jane['id']}"))["name"] == "New Name"
    assert logged(emu, "UPDATE", jane["id"])


@pytest.mark.parametrize("body,fragments", [
    ({}, ("'name'", "'description'")),
    ({"name": None, "description": None}, ("'name'",)),
    ({"name": " "}, ("'name'", "empty")),
])
def test_modify_validation(api, body, fragments):
    jane = api.find("ssh_keys", "jane@laptop")
    error(api.put(f"/ssh_keys/{jane['id']}", body), 400, *fragments)


def test_delete_deleting_then_gone_and_servers_drop_it(api, emu):
    jane = api.find("ssh_keys", "jane@laptop")
    server_ids = [s["id"] for s in jane["servers"]]
    assert all(jane["id"] in emu.store.servers[sid]["ssh_key_ids"] for sid in server_ids)
    resp = api.delete(f"/ssh_keys/{jane['id']}")
    got = api.ok(resp, 200)
    assert resp.status == 200
    assert_fixture(got, "ruby-sdk/delete-ssh-key.json", NULLABLE)
    assert got["state"] == "DELETING" and got["servers"] == jane["servers"]
    error(api.put(f"/ssh_keys/{jane['id']}", {"name": "x"}), 409, "deleted")
    error(api.delete(f"/ssh_keys/{jane['id']}"), 409)
    emu.advance(5)
    assert api.ok(api.get(f"/ssh_keys/{jane['id']}"))["state"] == "DELETING"
    emu.settle()
    error(api.get(f"/ssh_keys/{jane['id']}"), 404)
    assert all(jane["id"] not in emu.store.servers[sid]["ssh_key_ids"] for sid in server_ids)
    assert logged(emu, "DELETE", jane["id"])


def test_server_created_with_key_is_listed_and_deleting_server_unlists_it(api, emu):
    key = api.ok(new_key(api))
    apps = api.ok(api.get("/server_appliances"))
    app = next(a for a in apps if a["os_family"] == "Linux" and a["min_hdd_size"] <= 40)
    srv = api.ok(api.post("/servers", {
        "name": "with-key", "appliance_id": app["id"], "public_key": [key["id"]],
        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1,
                     "hdds": [{"size": 40, "is_main": True}]}}), 202)
    assert api.ok(api.get(f"/ssh_keys/{key['id']}"))["servers"] == [
        {"id": srv["id"], "name": "with-key"}]
    emu.settle()
    api.ok(api.delete(f"/servers/{srv['id']}"))
    emu.settle()
    assert api.ok(api.get(f"/ssh_keys/{key['id']}"))["servers"] == []
