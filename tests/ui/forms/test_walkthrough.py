"""The seed's walk-through, through the TUI only: a load balancer with two rules (waited until
ACTIVE), a server with two disks (waited until POWERED_ON with no percent), a new IP on it, and
the load balancer attached to that IP (waited for). Each wait is the form's own: it shows the
state and percent and closes when the resource settles, while the emulated clock moves in 5 s
steps (as the HTTP walk-through does)."""

from __future__ import annotations

from typing import Any

from tests.ui.forms.helpers import (
    api_state,
    fill,
    notifications,
    open_action,
    open_key,
    option,
    record,
    settle,
    submit,
    text_of,
)


async def wait_closed(pilot: Any, form: Any, seen: list[str]) -> None:
    """Advance the emulator 5 s at a time until the form closes itself."""
    app = pilot.app
    for _ in range(120):
        if app.screen is not form:
            await settle(pilot)
            return
        seen.append(text_of(form.query_one("#form-progress")))
        app.emulator.advance(5)
        app.follower.wake()
        await pilot.pause(0.05)
    raise AssertionError(f"never settled: {seen[-1:]}")


async def test_walkthrough(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)

        form = await open_key(pilot, "load_balancers", "n")
        await fill(pilot, form, name="walk-lb", description="walk-through",
                   health_check_test="TCP", health_check_interval="40", persistence=True,
                   persistence_time="1200", method="ROUND_ROBIN",
                   datacenter_id=option(form, "datacenter_id", "DE"),
                   rules__0__port_balancer="80", rules__0__port_server="80",
                   rules__1__port_balancer="9999", rules__1__port_server="8888")
        await submit(pilot, form)
        seen: list[str] = []
        await wait_closed(pilot, form, seen)
        assert any("walk-lb: CONFIGURING" in s for s in seen)
        lb = record(app, "load_balancers", "walk-lb")
        assert lb["state"] == "ACTIVE" and len(lb["rules"]) == 2
        assert "walk-lb is ACTIVE" in notifications(app)

        form = await open_key(pilot, "servers", "n")
        await fill(pilot, form, name="walk-server", description="walk-through",
                   appliance_id=option(form, "appliance_id", "centos7-64std"),
                   datacenter_id=option(form, "datacenter_id", "DE"), vcore="1",
                   cores_per_processor="1", ram="2", hdds__0__size="40",
                   hdds__1__size="20")
        await submit(pilot, form)
        seen = []
        await wait_closed(pilot, form, seen)
        assert any("walk-server: DEPLOYING" in s and "%" in s for s in seen)
        srv = record(app, "servers", "walk-server")
        assert srv["state"] == "POWERED_ON" and srv["percent"] is None
        assert [h["size"] for h in srv["hardware"]["hdds"]] == [40, 20]

        form = await open_action(pilot, "servers", "add_ip", "walk-server")
        await submit(pilot, form)
        await wait_closed(pilot, form, [])
        assert len(srv["ip_ids"]) == 2
        new_ip = app.emulator.store.ips[srv["ip_ids"][-1]]

        form = await open_action(pilot, "servers", "ip_load_balancer", "walk-server")
        await fill(pilot, form, ip_id=option(form, "ip_id", new_ip["ip"]),
                   load_balancer_id=option(form, "load_balancer_id", "walk-lb"))
        await submit(pilot, form)
        seen = []
        await wait_closed(pilot, form, seen)
        assert lb["state"] == "ACTIVE"
        assert new_ip["load_balancer_ids"] == [lb["id"]]
        attached = api_state(app, f"/load_balancers/{lb['id']}")["server_ips"]
        assert [(x["id"], x["server_name"]) for x in attached] == [(new_ip["id"],
                                                                     "walk-server")]
