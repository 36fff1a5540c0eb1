"""When an action applies to a resource, as data: the states it accepts and what the resource
must (or must not) hold, each with the reason shown when it does not apply.

The action menu and the command palette ask :func:`why_not`: ``None`` means the action is
offered; a text means it is shown disabled with that reason ("web-01 is DEPLOYING: wait until
it settles"), never sent to end in a 409. The rules are those the API enforces (the emulator
follows them: ``emulator/handlers/servers.py`` and ``server_parts.py``; docs/reference.md for the
private network ones). Something the item does not say (a list row without ``dvd``) is never a
reason to refuse: the rule applies only to what is known.

Textual-free: unit-tested without an app (tests/ui/forms/test_rules.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ...catalogue import get

#: A server in one of these states refuses every operation but delete (409 "busy").
SERVER_BUSY = frozenset({"DEPLOYING", "POWERING_ON", "POWERING_OFF", "REBOOTING", "CONFIGURING",
                         "REMOVING"})
ON = frozenset({"POWERED_ON", "ON_RECOVERY"})


@dataclass(frozen=True)
class Need:
    """The item must hold a value at ``path`` (``present``) or must not; ``reason`` is said
    with the item's name first ("has no snapshot")."""

    path: str
    present: bool
    reason: str


@dataclass(frozen=True)
class Rule:
    #: The states in which it applies (empty: any that is not busy when ``idle``).
    states: frozenset[str] = frozenset()
    #: Refused while the resource is busy (a transitional state).
    idle: bool = True
    needs: tuple[Need, ...] = ()

    def why_not(self, item: Mapping[str, Any], name: str = "") -> str | None:
        """Why it does not apply to ``item`` now, or None when it does (or cannot tell)."""
        who = name or str(item.get("name") or item.get("id") or "it")
        state = get(item, "status.state") or item.get("state")
        if isinstance(state, str):
            if self.idle and state in SERVER_BUSY:
                return f"{who} is {state}: wait until it settles"
            if self.states and state not in self.states:
                wanted = " or ".join(sorted(self.states))
                return f"{who} is {state} (only when {wanted})"
        for need in self.needs:
            if not _known(item, need.path):
                continue
            held = bool(get(item, need.path))
            if held != need.present:
                return f"{who} {need.reason}"
        return None


def _known(item: Mapping[str, Any], path: str) -> bool:
    """Whether the item says anything at ``path`` (a list row may lack the key entirely)."""
    node: Any = item
    for key in path.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return False
        node = node[key]
    return True


NO_SNAPSHOT = Need("snapshot", False, "already has a snapshot: delete it first")
HAS_SNAPSHOT = Need("snapshot", True, "has no snapshot")
HAS_DVD = Need("dvd", True, "has no DVD loaded")
IDLE = Rule()

#: category -> action key -> rule. Actions not named here apply always.
RULES: dict[str, dict[str, Rule]] = {
    "servers": {
        "power_on": Rule(states=frozenset({"POWERED_OFF"})),
        "power_off": Rule(states=ON),
        "reboot": Rule(states=ON),
        "hardware": IDLE, "clone": IDLE, "reinstall": IDLE,
        "add_hdds": IDLE, "resize_hdd": IDLE, "remove_hdd": IDLE,
        "add_ip": IDLE, "remove_ip": IDLE,
        "ip_firewall": IDLE, "ip_firewall_remove": IDLE,
        "ip_load_balancer": IDLE, "ip_load_balancer_remove": IDLE,
        "private_network": Rule(needs=(Need("snapshot", False,
                                            "has a snapshot: servers with one cannot join a "
                                            "private network"),)),
        "private_network_remove": Rule(states=frozenset({"POWERED_OFF"}), needs=(
            Need("snapshot", False, "has a snapshot: delete it first"),)),
        "load_dvd": IDLE,
        "eject_dvd": Rule(needs=(HAS_DVD,)),
        "snapshot": Rule(needs=(NO_SNAPSHOT,)),
        "snapshot_restore": Rule(needs=(HAS_SNAPSHOT,)),
        "snapshot_delete": Rule(needs=(HAS_SNAPSHOT,)),
        "ssh": Rule(idle=False, states=ON),
    },
}


#: The keys that start an action directly (on the list and on the detail; shown in the action
#: menu next to the entry). ``n``/``e``/``ctrl+d`` are every category's new/edit/delete. None of
#: them is a terminal or tmux habit (no ctrl+h/j/k/l/s/a/z) nor another key of those screens.
KIND_KEYS = {"new": "n", "edit": "e", "delete": "ctrl+d"}
DIRECT_KEYS: dict[str, dict[str, str]] = {
    "servers": {"power_on": "o", "power_off": "x", "reboot": "b", "snapshot": "p",
                "add_ip": "i", "ssh": "t"},
}


def key_of(category: str, action: str, kind: str = "action") -> str | None:
    """The key that runs this action directly, if it has one."""
    return KIND_KEYS.get(kind) or DIRECT_KEYS.get(category, {}).get(action)


def rule_for(category: str, action: str) -> Rule | None:
    return RULES.get(category, {}).get(action)


def why_not(category: str, action: str, items: Iterable[Mapping[str, Any]]) -> str | None:
    """None when the action applies to at least one of ``items`` (or there is no rule, or no
    item); else the reason it applies to none (the first item's, for several: "3 servers: ...").
    """
    rule = rule_for(category, action)
    items = list(items)
    if rule is None or not items:
        return None
    reasons = [rule.why_not(i) for i in items]
    if any(r is None for r in reasons):
        return None
    first = reasons[0]
    return first if len(items) == 1 else f"none of the {len(items)} applies ({first})"
