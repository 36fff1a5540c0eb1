"""When an action applies, as data (forms/rules.py): states, contents, and the reason said when
it does not apply. Textual-free."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oneandone_tui.ui.forms.rules import DIRECT_KEYS, KIND_KEYS, RULES, why_not


def server(state: str, **extra):
    return {"id": "s1", "name": "web-01", "status": {"state": state, "percent": None}, **extra}


def test_power_follows_the_state():
    assert why_not("servers", "power_on", [server("POWERED_OFF")]) is None
    assert why_not("servers", "power_on", [server("POWERED_ON")]) == \
        "web-01 is POWERED_ON (only when POWERED_OFF)"
    assert why_not("servers", "power_off", [server("POWERED_ON")]) is None
    assert "POWERED_OFF" in why_not("servers", "reboot", [server("POWERED_OFF")])


def test_a_busy_server_refuses_with_the_reason():
    reason = why_not("servers", "power_on", [server("DEPLOYING")])
    assert reason == "web-01 is DEPLOYING: wait until it settles"
    assert why_not("servers", "snapshot", [server("CONFIGURING", snapshot=None)])


def test_snapshots_and_dvd_follow_the_contents():
    bare = server("POWERED_ON", snapshot=None, dvd=None)
    assert why_not("servers", "snapshot_restore", [bare]) == "web-01 has no snapshot"
    assert why_not("servers", "snapshot_delete", [bare]) == "web-01 has no snapshot"
    assert why_not("servers", "eject_dvd", [bare]) == "web-01 has no DVD loaded"
    assert why_not("servers", "snapshot", [bare]) is None
    full = server("POWERED_ON", snapshot={"id": "x"}, dvd={"id": "d", "name": "iso"})
    assert why_not("servers", "snapshot_restore", [full]) is None
    assert why_not("servers", "eject_dvd", [full]) is None
    assert "already has a snapshot" in why_not("servers", "snapshot", [full])


def test_what_the_item_does_not_say_is_no_reason():
    row = server("POWERED_ON")  # a list row: no dvd, no snapshot keys
    assert why_not("servers", "eject_dvd", [row]) is None
    assert why_not("servers", "snapshot_restore", [row]) is None
    assert why_not("servers", "power_on", [{"id": "s1", "name": "x"}]) is None


def test_several_items_apply_when_one_does():
    both = [server("POWERED_ON"), server("POWERED_OFF")]
    assert why_not("servers", "power_on", both) is None
    none = [server("POWERED_ON"), server("POWERED_ON")]
    assert why_not("servers", "power_on", none).startswith("none of the 2 applies")


def test_direct_keys_are_unique_and_no_terminal_habit():
    for keys in DIRECT_KEYS.values():
        values = [*keys.values(), *KIND_KEYS.values()]
        assert len(values) == len(set(values))
        assert not {"ctrl+h", "ctrl+j", "ctrl+k", "ctrl+l", "ctrl+s", "ctrl+a",
                    "ctrl+z"} & set(values)
        # Not the keys the explorer, detail and table already use.
        assert not {"a", "c", "y", "r", "s", "S", "j", "k", "g", "G", "h", "l", "v", "K",
                    "L", "q", "D", "J"} & set(values)


STATES = st.sampled_from(["POWERED_ON", "POWERED_OFF", "DEPLOYING", "POWERING_OFF",
                          "REBOOTING", "CONFIGURING", "REMOVING", "ON_RECOVERY", "ODD"])
HOSTILE = st.one_of(st.none(), st.text(max_size=5), st.integers(), st.dictionaries(
    st.text(max_size=3), st.text(max_size=3), max_size=2), st.lists(st.integers(), max_size=2))


@settings(max_examples=150, deadline=None)
@given(state=STATES, snapshot=HOSTILE, dvd=HOSTILE, name=st.text(max_size=20))
def test_any_server_gets_an_answer(state, snapshot, dvd, name):
    item = {"name": name, "status": {"state": state}, "snapshot": snapshot, "dvd": dvd}
    for action in RULES["servers"]:
        reason = why_not("servers", action, [item])
        assert reason is None or (isinstance(reason, str) and reason)
