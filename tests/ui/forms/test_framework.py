"""The forms framework's parts without a screen: parsing keeps what the rules must judge,
error paths find their fields, the journal keeps only changes and knows their action."""

from __future__ import annotations

from oneandone_tui.api.client import RequestEvent
from oneandone_tui.api.errors import Conflict
from oneandone_tui.api.models import Hdd, Server
from oneandone_tui.ui.forms.fields import Int, Number, Password, Text, split_path
from oneandone_tui.ui.forms.spec import make
from oneandone_tui.ui.journal import Journal, acting


def test_parsing_leaves_judging_to_the_request_objects():
    assert Int("x").parse("40") == 40 and Int("x").parse(" ") is None
    assert Int("x").parse("40.5") == 40.5  # "must be a whole number (got 40.5)"
    assert Int("x").parse("forty") == "forty"  # "must be a whole number"
    assert Number("x").parse("2.5") == 2.5 and Number("x").show(4.0) == "4"
    assert Text("x").parse("  web  ") == "web" and Text("x").parse("   ") is None
    assert Password("x").parse(" keep spaces ") == " keep spaces "


def test_paths_name_fields_and_rows():
    assert split_path("hdds[1].size") == ("hdds", 1, "size")
    assert split_path("servers[0]") == ("servers", 0, None)
    assert split_path("name") == ("name", None, None)
    assert split_path("servers.start") == ("servers.start", None, None)


def test_make_builds_nested_request_objects_with_the_same_rules():
    server = make(Server, {"name": "w", "hdds": [{"size": 30, "is_main": True}],
                           "hardware_mode": "custom"}, hdds=Hdd)
    assert isinstance(server.hdds[0], Hdd)
    fields = {e.field for e in server.errors()}
    assert "hdds[0].size" in fields and "appliance_id" in fields


def test_journal_keeps_changes_with_their_action():
    journal = Journal()
    journal.record(RequestEvent("GET", "/servers", 200, None, 0.01, 1))
    with acting("Power off", "web-01"):
        journal.record(RequestEvent("PUT", "/servers/S1/status/action", 202, None, 0.02, 1))
    error = Conflict(409, "busy", method="DELETE", path="/servers/S1")
    journal.record(RequestEvent("DELETE", "/servers/S1", 409, error, 0.03, 1))
    assert [(e.method, e.action, e.target, e.outcome, e.ok) for e in journal.entries] == [
        ("PUT", "Power off", "web-01", "202", True),
        ("DELETE", "", "", "409 busy", False)]
