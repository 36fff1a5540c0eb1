"""Live and true (issue 12): every detail tab shows a change made behind the app's back (a
second client on the same emulator) within two polling rounds, without a key press; the
app's own operation shows its result in the tab when it settles; following a deploying server
sends no per-resource GET (one list per round answers it).

Time is the poller's injected clock (``ui.timing.monotonic``): a "round" here is that clock
moved by the slow cadence, then the poller nudged; nothing sleeps for seconds."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from oneandone_tui.api import Client
from oneandone_tui.api.models.monitoring import Port, Process
from oneandone_tui.api.models.network import FirewallPolicyRule, LoadBalancerRule
from oneandone_tui.api.models.servers import Hdd
from oneandone_tui.api.models.storage import AttachServer
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.state import SLOW
from oneandone_tui.ui import timing
from oneandone_tui.ui.forms.spec import Target
from oneandone_tui.ui.screens.detail import DetailScreen
from tests.ui.forms.helpers import finish, mutating, notifications, select_row, show
from tests.ui.helpers import settle, text_of, until


class FakeClock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(timing, "monotonic", fake)
    return fake


async def one_round(pilot: Any, clock: FakeClock, seconds: float = SLOW) -> None:
    """The slow cadence (or ``seconds``) elapses: the poller runs the round that falls due."""
    app = pilot.app
    clock.now += seconds
    done = app.poller.rounds
    app.poller.nudge()
    await until(pilot, lambda: app.poller.rounds > done)
    await pilot.pause()


async def ids(client: Client) -> dict[str, str]:
    """Resource ids by name (and server IP ids as ``ip:<server>``)."""
    out: dict[str, str] = {}
    for api in ("servers", "firewall_policies", "load_balancers", "shared_storages",
                "private_networks", "monitoring_policies", "users", "roles"):
        for item in await getattr(client, api).list():
            out[f"{api}:{item['name']}"] = item["id"]
            if api == "servers":
                ips = item.get("ips") or []
                if ips:
                    out[f"ip:{item['name']}"] = ips[0]["id"]
    return out


Change = Callable[[Client, dict[str, str]], Awaitable[Any]]
Expect = Callable[[str], bool]


def has(text: str) -> Expect:
    return lambda shown: text in shown


def lacks(text: str) -> Expect:
    return lambda shown: text not in shown


async def _dvd(c: Client, i: dict[str, str]) -> Any:
    iso = next(d for d in await c.dvd_isos.list() if d["name"].startswith("Windows"))
    return await c.servers.load_dvd(i["servers:web-01"], iso["id"])


#: (category, resource, tab, the change made by someone else, what the tab shows after it)
CASES: list[tuple[str, str, str, Change, Expect | Callable[[str, str], bool]]] = [
    ("firewall_policies", "web-public", "Rules",
     lambda c, i: c.firewall_policies.add_rules(i["firewall_policies:web-public"], [
         FirewallPolicyRule(protocol="TCP", port_from=9911, port_to=9911, source="0.0.0.0",
                            action="allow", description="added-behind")]),
     has("added-behind")),
    ("firewall_policies", "db-internal", "Server IPs",
     lambda c, i: c.firewall_policies.attach_ips(i["firewall_policies:db-internal"],
                                                 [i["ip:win-rdp"]]),
     has("win-rdp")),
    ("load_balancers", "lb-web-de", "Rules",
     lambda c, i: c.load_balancers.add_rules(i["load_balancers:lb-web-de"], [
         LoadBalancerRule(protocol="TCP", port_balancer=7771, port_server=7772,
                          source="0.0.0.0")]),
     has("7772")),
    ("load_balancers", "lb-web-de", "Server IPs",
     lambda c, i: c.load_balancers.attach_ips(i["load_balancers:lb-web-de"],
                                              [i["ip:api-gateway"]]),
     has("api-gateway")),
    ("servers", "web-01", "IPs", lambda c, i: c.servers.add_ip(i["servers:web-01"]),
     lambda shown: shown.count("IPV4") >= 2),
    ("servers", "web-01", "HDDs",
     lambda c, i: c.servers.add_hdds(i["servers:web-01"], [Hdd(size=180)]),
     has("180")),
    ("servers", "web-01", "Snapshots", lambda c, i: c.servers.create_snapshot(
        i["servers:web-01"]), lacks("None.")),
    ("servers", "web-01", "DVD", _dvd, has("Windows")),
    ("servers", "worker-us-02", "Private networks",  # powered off: it may leave
     lambda c, i: c.servers.remove_private_network(i["servers:worker-us-02"],
                                                   i["private_networks:jobs-us"]),
     lacks("jobs-us")),
    ("shared_storages", "shared-assets", "Servers",
     lambda c, i: c.shared_storages.attach_servers(i["shared_storages:shared-assets"], [
         AttachServer(server_id=i["servers:db-primary"], rights="R")]),
     has("db-primary")),
    ("private_networks", "jobs-us", "Servers",
     lambda c, i: c.private_networks.remove_server(i["private_networks:jobs-us"],
                                                   i["servers:worker-us-02"]),
     lacks("worker-us-02")),
    ("monitoring_policies", "Production", "Ports",
     lambda c, i: c.monitoring_policies.add_ports(i["monitoring_policies:Production"], [
         Port(protocol="TCP", port=6543, alert_if="RESPONDING", email_notification=False)]),
     has("6543")),
    ("monitoring_policies", "Production", "Processes",
     lambda c, i: c.monitoring_policies.add_processes(i["monitoring_policies:Production"], [
         Process(process="behind-proc", alert_if="RUNNING", email_notification=False)]),
     has("behind-proc")),
    ("monitoring_policies", "Production", "Servers",
     lambda c, i: c.monitoring_policies.attach_servers(i["monitoring_policies:Production"],
                                                       [i["servers:win-rdp"]]),
     has("win-rdp")),
    ("users", "ops.jane", "Allowed IPs",
     lambda c, i: c.users.add_allowed_ips(i["users:ops.jane"], ["203.0.113.77"]),
     has("203.0.113.77")),
    ("roles", "Operators", "Users",
     lambda c, i: c.roles.add_users(i["roles:Operators"], [i["users:billing.bot"]]),
     has("billing.bot")),
]


def tab_text(screen: DetailScreen, title: str) -> str:
    index = [s.title for s in screen.sections].index(title)
    return text_of(screen.query_one(f"#section-{index} .section-body"))


async def open_tab(pilot: Any, key: str, name: str, title: str) -> DetailScreen:
    app = pilot.app
    found = next(i for i in await app.client.__getattr__(key).list() if i["name"] == name)
    app.open_detail(key, found)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    index = [s.title for s in screen.sections].index(title)
    screen.query_one("#tabs").active = f"section-{index}"
    await settle(pilot)
    return screen


@pytest.mark.parametrize("key,name,title,change,expect", CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
async def test_an_external_change_shows_in_the_open_tab_within_two_rounds(
        clock, key, name, title, change, expect):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = await open_tab(pilot, key, name, title)
        before = tab_text(screen, title)
        assert "Loading" not in before
        assert not expect(before), f"the change is already shown: {before}"
        other = Client(app.emulator.token, transport=app.emulator.direct())
        await change(other, await ids(other))
        app.emulator.settle()  # the other client's operation finished behind the app's back
        for _ in range(2):
            await one_round(pilot, clock)
            if expect(tab_text(screen, title)):
                break
        assert expect(tab_text(screen, title)), tab_text(screen, title)


async def test_the_apps_own_operation_shows_in_the_tab_when_it_settles(demo_app):
    app = demo_app
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = await open_tab(pilot, "firewall_policies", "web-public", "Rules")
        fw = screen.item_id
        await app.client.firewall_policies.add_rules(fw, [FirewallPolicyRule(
            protocol="TCP", port_from=8081, port_to=8081, source="0.0.0.0", action="allow",
            description="own-rule")])
        app.follower.follow(Target("firewall_policies", fw, "web-public"), "Add rules")
        await finish(pilot)  # the emulator settles; the follow sees it in the next round
        await until(pilot, lambda: "own-rule" in tab_text(screen, "Rules"))


async def test_following_a_deploying_server_sends_no_get_per_resource(demo_app):
    app = demo_app
    stats = app.emulator.stats

    def sent(what: str) -> int:
        return int(stats.snapshot()["requests"].get(what, 0))

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ci = next(i for i in app.state.items("servers") if i["name"] == "ci-runner")
        gets, lists = sent("GET /v1/servers/{server_id}"), sent("GET /v1/servers")
        f = app.follower.follow(Target("servers", ci["id"], "ci-runner"), "Create")
        seen: list[str] = []
        for _ in range(6):  # each round: the emulator moves on, the poller looks once
            app.emulator.advance(30)
            done = app.poller.rounds
            app.follower.wake()
            await until(pilot, lambda done=done: app.poller.rounds > done)
            await pilot.pause()
            seen.append(f.text())
            if f.done:
                break
        assert f.done and not f.error and f.state == "POWERED_ON", seen
        assert any("DEPLOYING" in s for s in seen)  # the progress was followed
        assert sent("GET /v1/servers") > lists  # list rounds answered it...
        assert sent("GET /v1/servers/{server_id}") == gets  # ...and no GET per server
        row = app.explorer().table.get_row(ci["id"])
        assert row is not None and row.cells[1] == "POWERED_ON"  # the table read the same


async def test_server_alerts_have_one_source_on_the_dashboard_the_center_and_the_detail():
    from oneandone_tui.ui.screens.monitoring_center import MonitoringCenterScreen

    app = make_demo_app(clock=ManualClock(), start="dashboard")
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#dash-alerts")
        lines = [str(options.get_option_at_index(i).prompt)
                 for i in range(options.option_count)]
        replica = [x for x in lines if "db-replica" in x]
        assert any("1 process check critical" in x for x in replica), lines
        await pilot.press("m")
        await settle(pilot)
        center = app.screen
        assert isinstance(center, MonitoringCenterScreen)
        sid = next(k for k, i in center.items.items() if i["name"] == "db-replica")
        alerts_cell = center.table.get_row(sid).cells[-1]
        assert alerts_cell.startswith(f"{len([x for x in replica if x.startswith('✖')])} crit")
        app.open_detail("servers", {"id": sid, "name": "db-replica"})
        await settle(pilot)
        overview = text_of(app.screen.query_one("#section-0 .section-body"))
        assert "critical: 1 process check critical" in overview
        assert "alerts       none" not in overview


async def test_a_resource_deleted_behind_the_apps_back_reads_deleted_and_takes_no_action(
        clock):
    """The API answers 404 for the open resource: the tab says it no longer exists (not a
    "stale" refresh error), keeps what it last showed, and its action keys do nothing."""
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = await open_tab(pilot, "servers", "web-02", "Overview")
        other = Client(app.emulator.token, transport=app.emulator.direct())
        await other.servers.delete(screen.item_id)
        app.emulator.settle()  # removed for good: the API now answers 404
        for _ in range(3):
            await one_round(pilot, clock)
            if "DELETED" in text_of(screen.query_one("#detail-title")):
                break
        await pilot.pause()
        title = text_of(screen.query_one("#detail-title"))
        note = text_of(screen.query_one("#detail-error"))
        assert "DELETED" in title and "web-02" in title
        assert "no longer exists" in note and "404" in note
        assert "web-02" in tab_text(screen, "Overview")  # what it was, kept
        sent = mutating(app)
        await pilot.press("a", "x", "ctrl+d")
        await settle(pilot)
        assert app.screen is screen and mutating(app) == sent  # no menu, no form, nothing sent


@pytest.mark.parametrize("keys", [("a",), ("x",)], ids=["menu", "direct-key"])
async def test_acting_on_a_row_deleted_behind_the_apps_back_says_it_is_gone(clock, keys):
    """The row is still on screen (no round since), but the API answers 404 for it: the menu
    or the direct key says it no longer exists, opens nothing and sends nothing."""
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        rid = await select_row(pilot, "web-02")
        other = Client(app.emulator.token, transport=app.emulator.direct())
        await other.servers.delete(rid)
        app.emulator.settle()
        assert rid in app.explorer().items  # still shown: the app has not polled since
        sent = mutating(app)
        await pilot.press(*keys)
        await settle(pilot)
        assert app.screen is app.explorer() and mutating(app) == sent
        assert "web-02 no longer exists" in notifications(app)[-1]
