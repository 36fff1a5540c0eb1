"""Run one valid request per endpoint against a fresh emulator and tabulate the result.

``python -m tests.conformance.coverage`` rewrites ``docs/ENDPOINT_COVERAGE.md``; the test suite
regenerates the table in memory and fails when the checked-in file differs, or when any
endpoint does not answer its documented status.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from tests.conformance.fixture_index import FIXTURES, endpoints, fixture_map, load
from tests.conformance.refusals import render_audit
from tests.conformance.scenarios import SCENARIOS
from tests.conformance.shapes import compare
from tests.helpers import Api

DOC = Path(__file__).resolve().parents[2] / "docs" / "ENDPOINT_COVERAGE.md"

#: Fixture paths not compared, each a documented inconsistency of the fixtures themselves
#: (shared/api/fixtures/INDEX.md, "Known inconsistencies") or of the sources.
_OLD_SPELLING = "this fixture spells it alert_when/alert; the SDK reads alert_if/email_notification"
_MP_OLD = {f"{prefix}{kind}[].{key}": _OLD_SPELLING
           for prefix in ("", "[].") for kind in ("ports", "processes")
           for key in ("alert_when", "alert")}

ALLOWED: dict[str, dict[str, str]] = {
    "list-mp-ports.json": {"[].email_notifications": "fixture spells it plural; SDK reads "
                                                     "email_notification"},
    "get-mp-port.json": {"email_notifications": "plural in fixture; SDK reads singular"},
    "list-mp-processes.json": {"[].email_notifications": "plural in fixture"},
    "get-mp-process.json": {"email_notifications": "plural in fixture"},
    "add-port-mp.json": {k: v for k, v in _MP_OLD.items() if not k.startswith("[]")},
    "modify-port-mp.json": {k: v for k, v in _MP_OLD.items() if not k.startswith("[]")},
    "modify-process-mp.json": {k: v for k, v in _MP_OLD.items() if not k.startswith("[]")},
    "remove-port-mp.json": {k: v for k, v in _MP_OLD.items() if not k.startswith("[]")},
    "list-mps.json": {k: v for k, v in _MP_OLD.items() if k.startswith("[]")},
    "list-monitoring-center-usages.json": {"[].alerts_count": "second item renames alerts; "
                                                              "Go models alerts"},
    "list-usages.json": {f"{group}[].services[].name": "only IP services carry a name; the "
                                                       "checker merges all services"
                         for group in ("SERVERS", "SHARED_STORAGES", "IMAGES", "PUBLIC_IPS")},
    "add-server-ip.json": {"ips[].firewall_policies": "plural in this fixture only"},
    "remove-hdd.json": {"ips[].firewall_policies": "plural in this fixture only"},
    "attach-server-pn.json": {"": "fixture is a list of servers; Go/Java/terraform decode the "
                                  "private network (parent-resource pattern), which we return"},
    "add-process-mp.json": {"": "fixture is a list of processes; Go/Java decode the monitoring "
                                "policy, which we return"},
    "get-appliance.json": {"licenses": "strings here, objects {name} in list-appliances.json"},
    "list-credentials.json": {"": "fixture is one object; Go/Java/.NET decode a list of them, "
                                  "which we return (its item has the fixture's shape)"},
    "change-password.json": {"": "fixture is one object; Go/Java/.NET decode a list of them, "
                                 "which we return (its item has the fixture's shape)"},
}


@dataclass
class Outcome:
    key: str
    resource: str
    expected: int
    status: int
    fixture: str | None
    shape_problems: list[str]
    extras: list[str]
    body: Any

    @property
    def status_ok(self) -> bool:
        return self.status == self.expected

    @property
    def shape_ok(self) -> bool:
        return not self.shape_problems


def run_one(key: str) -> tuple[int, Any]:
    emu = Emulator(clock=ManualClock())
    api = Api(emu)
    call = SCENARIOS[key](api)
    resp = api.call(call.method, call.path, call.body, call.query)
    return resp.status, resp.json() if resp.body else None


def shape_check(fixture: str, body: Any) -> tuple[list[str], list[str]]:
    allowed = ALLOWED.get(fixture, {})
    if "" in allowed:
        return [], []
    extras: list[str] = []
    problems = compare(load(fixture), body, skip=frozenset(allowed), extras=extras)
    return problems, extras


def body_for(key: str) -> tuple[int, Any]:
    """The (cached) status and body of an endpoint's scenario."""
    result = next(r for r in outcomes() if r.key == key)
    return result.status, result.body


@functools.lru_cache(maxsize=1)
def outcomes() -> tuple[Outcome, ...]:
    by_endpoint: dict[str, str] = {}
    for name, (method, path) in fixture_map().items():
        by_endpoint.setdefault(f"{method} {path}", name)
    out = []
    for ep in endpoints():
        key = f"{ep['method']} {ep['path']}"
        status, body = run_one(key)
        fixture = ep.get("fixture")
        if not fixture or not (FIXTURES / fixture).exists():
            fixture = by_endpoint.get(key)
        problems, extras = shape_check(fixture, body) if fixture and status < 400 else ([], [])
        out.append(Outcome(key, ep["resource"], ep["status"], status, fixture, problems, extras,
                           body))
    return tuple(out)


def render(results: tuple[Outcome, ...]) -> str:
    ok = sum(1 for r in results if r.status_ok)
    shaped = [r for r in results if r.fixture]
    lines = [
        "# Endpoint coverage of the emulator",
        "",
        "Generated by `python -m tests.conformance.coverage` (checked by the test suite: it",
        "fails when this file is stale). Each endpoint of `shared/api/endpoints.json` gets one",
        "valid request against a fresh demo account (`tests/conformance/scenarios.py`); the",
        "status must be the documented one, and where an official SDK fixture exists the",
        "response must have its shape (keys and value types, nested; see",
        "`tests/conformance/shapes.py`).",
        "",
        f"**{ok}/{len(results)} endpoints answer their documented status; "
        f"{sum(1 for r in shaped if r.shape_ok)}/{len(shaped)} fixture shapes match.**",
        "",
        "| Category | Method | Path | Status (expected) | Fixture | Shape |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        method, path = r.key.split(" ", 1)
        status = f"{r.status}" + ("" if r.status_ok else f" (expected {r.expected})")
        mark = "ok" if r.status_ok else "**MISMATCH**"
        shape = "—" if not r.fixture else ("same" if r.shape_ok else "**differs**")
        if r.fixture in ALLOWED and r.shape_ok:
            shape = "same*"
        fixture = f"`{r.fixture}`" if r.fixture else "—"
        lines.append(f"| {r.resource} | {method} | `{path}` | {status} {mark} | {fixture} | "
                     f"{shape} |")
    lines += ["", "\\* compared except for documented fixture inconsistencies:", ""]
    for fixture, paths in sorted(ALLOWED.items()):
        for path, why in paths.items():
            lines.append(f"- `{fixture}` `{path or '(whole body)'}`: {why}")
    lines += render_audit()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(outcomes()))
    bad = [r.key for r in outcomes() if not r.status_ok or not r.shape_ok]
    print(f"wrote {DOC}; {len(bad)} endpoints not conforming")
    for key in bad:
        print("  ", key)
