"""The loopback HTTP adapter: real sockets, many threads, the seed's walk-through in plain HTTP."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import httpx
import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.emulator.http import BackgroundServer

CENTOS = "B5F778B85C041347BCDCFC3172AB3F3C"


@pytest.fixture
def served():
    emu = Emulator(clock=ManualClock())
    with BackgroundServer(emu) as url, \
            httpx.Client(base_url=url, headers={"X-TOKEN": emu.token}, timeout=10) as http:
        yield emu, url, http


def test_plain_http_get_and_json_errors(served):
    _emu, url, http = served
    r = http.get("/servers")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert len(r.json()) == 12
    r = http.get("/servers/NOPE")
    assert r.status_code == 404 and set(r.json()) == {"type", "message"}
    r = httpx.get(url + "/servers")
    assert r.status_code == 401 and r.json()["type"] == "UNAUTHORIZED"
    assert httpx.get(url.replace("/v1", "/_emulator/health")).json() == {"status": "ok"}


def test_concurrent_creates_lose_nothing(served):
    emu, url, http = served
    before = len(http.get("/servers").json())
    errors: list[str] = []
    ids: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        with httpx.Client(base_url=url, headers={"X-TOKEN": emu.token}, timeout=30) as c:
            for i in range(5):
                body = {"name": f"c{n}-{i}", "appliance_id": CENTOS,
                        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1,
                                     "hdds": [{"size": 20, "is_main": True}]}}
                r = c.post("/servers", json=body)
                with lock:
                    if r.status_code != 202:
                        errors.append(r.text)
                    else:
                        ids.append(r.json()["id"])

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(ids)) == 80
    listed = http.get("/servers").json()
    assert len(listed) == before + 80
    addresses = [ip["ip"] for s in listed for ip in s["ips"]]
    assert len(addresses) == len(set(addresses))
    assert emu.stats.snapshot()["requests"]["POST /v1/servers"] == 80


def test_concurrent_renames_of_one_server_leave_one_winner(served):
    emu, url, http = served
    sid = next(s["id"] for s in http.get("/servers").json() if s["name"] == "cache-01")

    def rename(n: int) -> None:
        with httpx.Client(base_url=url, headers={"X-TOKEN": emu.token}) as c:
            for i in range(10):
                assert c.put(f"/servers/{sid}", json={"name": f"r{n}-{i}"}).status_code == 200

    threads = [threading.Thread(target=rename, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    name = http.get(f"/servers/{sid}").json()["name"]
    assert name.endswith("-9")
    updates = [e for e in emu.store.logs if e["action"] == "UPDATE"
               and e["resource"]["id"] == sid]
    assert len(updates) == 80


def test_dropped_connection_and_latency(served):
    emu, _url, http = served
    emu.faults.update({"fail_next": [{"fault": "drop"}]})
    with pytest.raises(httpx.TransportError):
        http.get("/servers")
    assert http.get("/servers").status_code == 200
    emu.faults.update({"latency_ms": 150})
    start = time.perf_counter()
    http.get("/ping")
    assert time.perf_counter() - start >= 0.14


def test_faults_over_http(served):
    _emu, url, http = served
    base = url.replace("/v1", "")
    r = httpx.put(base + "/_emulator/faults",
                  json={"fail_next": [{"fault": "rate_limit", "reset": 3}]})
    assert r.status_code == 200
    r = http.get("/servers")
    assert r.status_code == 429 and r.headers["x-rate-limit-reset"] == "3"
    stats = httpx.get(base + "/_emulator/stats").json()
    assert stats["requests"]["GET /v1/servers"] == 1 and stats["faults"] == {"rate_limit": 1}


def test_walkthrough_over_plain_http(served):
    """The seed's walk-through: a load balancer with rules, waited until ACTIVE; a server with
    two HDDs, waited until POWERED_ON with percent null; a new IP; the load balancer attached."""
    _emu, url, http = served
    control = url.replace("/v1", "/_emulator")
    de = next(d for d in http.get("/datacenters").json() if d["country_code"] == "DE")

    def wait(path: str, done) -> dict:
        for _ in range(100):
            body = http.get(path).json()
            if done(body):
                return body
            httpx.post(control + "/clock/advance", json={"seconds": 5})
        raise AssertionError(f"{path} never settled: {body}")

    lb = http.post("/load_balancers", json={
        "name": "walk-lb", "description": "walk-through", "health_check_test": "TCP",
        "health_check_interval": 40, "persistence": True, "persistence_time": 1200,
        "method": "ROUND_ROBIN", "datacenter_id": de["id"],
        "rules": [{"protocol": "TCP", "port_balancer": 80, "port_server": 80,
                   "source": "0.0.0.0"},
                  {"protocol": "TCP", "port_balancer": 9999, "port_server": 8888,
                   "source": "0.0.0.0"}]})
    assert lb.status_code == 202, lb.text
    lb_id = lb.json()["id"]
    assert wait(f"/load_balancers/{lb_id}", lambda b: b["state"] == "ACTIVE")["rules"]

    srv = http.post("/servers", json={
        "name": "walk-server", "description": "walk-through", "appliance_id": CENTOS,
        "datacenter_id": de["id"],
        "hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 2,
                     "hdds": [{"size": 40, "is_main": True}, {"size": 20, "is_main": False}]}})
    assert srv.status_code == 202, srv.text
    sid = srv.json()["id"]
    ready = wait(f"/servers/{sid}", lambda b: b["status"]["state"] == "POWERED_ON"
                 and b["status"]["percent"] is None)
    assert [h["size"] for h in ready["hardware"]["hdds"]] == [40, 20]

    added = http.post(f"/servers/{sid}/ips", json={"type": "IPV4"})
    assert added.status_code == 201
    new_ip = added.json()["ips"][-1]
    assert len(added.json()["ips"]) == 2

    attach = http.post(f"/servers/{sid}/ips/{new_ip['id']}/load_balancers",
                       json={"load_balancer_id": lb_id})
    assert attach.status_code == 202
    wait(f"/load_balancers/{lb_id}", lambda b: b["state"] == "ACTIVE")
    lb_now = http.get(f"/load_balancers/{lb_id}").json()
    assert [x["id"] for x in lb_now["server_ips"]] == [new_ip["id"]]
    assert lb_now["server_ips"][0]["server_name"] == "walk-server"
    on_ip = http.get(f"/servers/{sid}/ips/{new_ip['id']}/load_balancers").json()
    assert on_ip == [{"id": lb_id, "name": "walk-lb"}]


def test_cli_serves_and_prints_base_url():
    proc = subprocess.Popen(
        [sys.executable, "-m", "oneandone_tui", "emulator", "--port", "0", "--token", "T0KEN",
         "--time-scale", "100", "--servers", "5", "--seed", "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
        r = httpx.get(url + "/servers", headers={"X-TOKEN": "T0KEN"}, timeout=10)
        assert r.status_code == 200 and len(r.json()) == 17
        assert httpx.get(url + "/servers", headers={"X-TOKEN": "demo-token"}).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=10)
