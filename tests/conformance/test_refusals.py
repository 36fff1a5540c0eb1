"""The refusal audit (docs/ENDPOINT_COVERAGE.md) stays complete: every emulator module that can
refuse a request is named in it, every row says its source or why it is kept, and the refusals
it records as removed stay gone."""

from __future__ import annotations

import re
from pathlib import Path

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from tests.conformance.refusals import REFUSALS, TRANSITIONS
from tests.helpers import Api

EMULATOR = Path(__file__).resolve().parents[2] / "oneandone_tui" / "emulator"
#: What makes a refusal in the emulator's source.
REFUSING = re.compile(r"raise (BadRequest|Conflict|NotFound|TooManyRequests|"
                      r"Unauthorized|MethodNotAllowed|not_found)\b|TooManyRequests\(|"
                      r"\bensure_(idle|not_removing)\(|\bsame_datacenter\(|\bvalidate\.")


def _refusing_modules() -> set[str]:
    found = set()
    for path in sorted(EMULATOR.rglob("*.py")):
        if path.name == "errors.py":  # defines the errors, refuses nothing
            continue
        if REFUSING.search(path.read_text()):
            found.add(path.relative_to(EMULATOR).as_posix())
    return found


def test_every_refusing_module_is_in_the_audit():
    named = " ".join(r.where for r in REFUSALS)
    missing = {m for m in _refusing_modules()
               if Path(m).name not in named and m not in named}
    assert not missing, f"emulator modules that refuse but are not in the audit: {missing}"
    assert len(_refusing_modules()) >= 20  # the scan itself works


def test_every_row_has_a_source_or_a_reason():
    for r in REFUSALS:
        assert r.basis.startswith(("Source", "Choice", "Removed", "Not a valid path")), r
        assert r.rule and r.endpoints and r.where, r
    for t in TRANSITIONS:
        assert t.basis and t.states, t


def test_removed_refusals_stay_removed():
    """Rows marked Removed, probed against a fresh demo account."""
    emu = Emulator(clock=ManualClock())
    api = Api(emu)
    lb = api.ok(api.post("/load_balancers", {
        "name": "lb", "method": "ROUND_ROBIN", "health_check_interval": 1,
        "rules": [{"protocol": "TCP", "port_balancer": 80, "port_server": 80}]}), 202)
    assert lb["datacenter"] is None and lb["health_check_interval"] == 1
    cache = api.ok(api.get(f"/servers/{api.find('servers', 'cache-01')['id']}"))
    api.ok(api.post(f"/servers/{cache['id']}/ips/{cache['ips'][0]['id']}/load_balancers",
                    {"load_balancer_id": api.find("load_balancers", "lb-web-de")["id"]}), 202)
    mp = api.find("monitoring_policies", "Production")
    port = mp["ports"][0]
    api.ok(api.put(f"/monitoring_policies/{mp['id']}/ports/{port['id']}",
                   {"ports": {"port": port["port"] + 1}}), 202)
    emu.settle()
    twice = {"protocol": "TCP", "port": 97, "alert_if": "RESPONDING", "email_notification": True}
    api.ok(api.post(f"/monitoring_policies/{mp['id']}/ports", {"ports": [twice, twice]}), 202)
