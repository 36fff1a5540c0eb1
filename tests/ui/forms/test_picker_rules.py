"""Pickers offer what the API accepts for the choices made so far: a server's load balancer,
private network and public IP from its datacenter, appliances offered there; the rest is
counted and explained in the picker's prompt."""

from __future__ import annotations

from tests.ui.forms.helpers import fill, open_action, open_key, option, record, settle


def labels(form, path):
    return [str(label) for label, _ in form.control(path)._options if label]


async def test_new_server_pickers_follow_the_datacenter(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "n")
        assert any(x.startswith("backend-de") for x in labels(form, "private_network_id"))
        assert any(x.startswith("jobs-us") for x in labels(form, "private_network_id"))
        us = option(form, "datacenter_id", "US")
        await fill(pilot, form, datacenter_id=us)
        pns = labels(form, "private_network_id")
        assert pns and all("jobs-us" in x for x in pns)
        assert "left out: in another datacenter" in str(form.control("private_network_id").prompt)
        # A load balancer of any datacenter stays on offer: no source has that rule (issue 13).
        lbs = labels(form, "load_balancer_id")
        assert any("lb-workers-us" in x for x in lbs) and any("lb-web-de" in x for x in lbs)
        # A choice made before the datacenter changes is dropped when it no longer fits.
        await fill(pilot, form, private_network_id=option(form, "private_network_id",
                                                          "jobs-us"))
        de = option(form, "datacenter_id", "DE")
        await fill(pilot, form, datacenter_id=de)
        assert form.values()["private_network_id"] is None
        assert all("backend-de" in x for x in labels(form, "private_network_id"))


async def test_assigning_a_private_network_offers_the_servers_datacenter(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", "private_network", "worker-us-02")
        assert labels(form, "private_network_id") and \
            all("jobs-us" in x for x in labels(form, "private_network_id"))
        assert "1 left out" in str(form.control("private_network_id").prompt)


async def test_attaching_servers_offers_the_networks_datacenter(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "private_networks", "attach", "jobs-us")
        names = labels(form, "servers[0].server_id")
        us = {s["name"] for s in app.emulator.store.servers.values()
              if s["datacenter_id"] == record(app, "private_networks", "jobs-us")[
                  "datacenter_id"]}
        assert names and {x.split(" (")[0] for x in names} == us
