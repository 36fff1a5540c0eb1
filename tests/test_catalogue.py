"""The catalogue the UI is driven by names only client methods that exist, and shows every
category of the API."""

from __future__ import annotations

from oneandone_tui.api.resources import RESOURCES
from oneandone_tui.catalogue import CATEGORIES, is_transitional, state_style, state_text


def test_every_list_and_section_call_is_a_client_method():
    missing = []
    for cat in CATEGORIES:
        cls = RESOURCES[cat.api]
        if not callable(getattr(cls, cat.list_call, None)):
            missing.append(f"{cat.key}: {cat.list_call}")
        for section in cat.sections:
            owner = RESOURCES[section.api or cat.api]
            if section.call and not callable(getattr(owner, section.call, None)):
                missing.append(f"{cat.key}/{section.title}: {section.call}")
    assert missing == []


def test_every_category_of_the_issue_is_present():
    titles = {c.title for c in CATEGORIES}
    assert titles >= {
        "Servers", "Images", "Shared Storages", "Firewall Policies", "Load Balancers",
        "Public IPs", "Private Networks", "Monitoring Center", "Monitoring Policies", "Logs",
        "Users", "Usages", "Server Appliances", "DVD ISOs", "Roles", "VPNs", "Block Storages",
        "SSH Keys", "Recovery Appliances", "Datacenters", "Fixed Instance Sizes", "Pricing"}
    assert len({c.key for c in CATEGORIES}) == len(CATEGORIES)


def test_states_read_as_the_api_names_them():
    deploying = {"status": {"state": "DEPLOYING", "percent": 40}}
    assert state_text(deploying) == "DEPLOYING 40%" and is_transitional(deploying)
    assert state_style(deploying) == "state-busy"
    on = {"status": {"state": "POWERED_ON", "percent": None}}
    assert state_text(on) == "POWERED_ON" and not is_transitional(on)
    assert state_style(on) == "state-good"
    assert state_style({"status": {"state": "POWERED_OFF", "percent": None}}) == "state-off"
    assert state_style({"state": "REMOVING"}) == "state-bad"
    assert is_transitional({"state": "CONFIGURING"})
    assert not is_transitional({"state": "ACTIVE"})
