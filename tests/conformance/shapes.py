"""Compare JSON shapes: keys and value types, nested, as the fixtures show them.

``null`` on either side matches any type (the fixtures show many fields null that are objects
elsewhere). Lists compare every element of ours against the union of the fixture's elements.
Extra keys of ours are allowed (other SDKs' sources document them) and reported separately.
A nested list that is empty on our side cannot be compared and is accepted (the data differ);
an empty list at the root is a failure, since then nothing was compared at all.

A few keys legitimately change type with the data, and the fixtures show both types:

* ``fixed_instance_size_id``: ``0`` in the fixtures (custom hardware), the size's id string when
  a fixed size is used (libcloud's tests against the live API);
* ``port`` (firewall rules, monitoring ports): numbers in the Python and Ruby fixtures, strings
  (``"80"``, ranges ``"8080-8081"``) in the PHP fixtures and some Python ones;
* ``alerts`` of a server: ``[]`` or ``{critical: [...], warning: [...]}`` across fixtures.
"""

from __future__ import annotations

from typing import Any

from oneandone_tui.api.shapes import kind


def merge(items: list[Any]) -> Any:
    """One representative shape for a list's elements: the union of object keys."""
    objects = [i for i in items if isinstance(i, dict)]
    if objects and len(objects) == len(items):
        merged: dict[str, Any] = {}
        for obj in objects:
            for key, value in obj.items():
                if key not in merged or merged[key] is None:
                    merged[key] = value
                elif isinstance(value, list) and isinstance(merged[key], list):
                    merged[key] = merged[key] + value
                elif isinstance(value, dict) and isinstance(merged[key], dict):
                    merged[key] = merge([merged[key], value])
        return merged
    non_null = [i for i in items if i is not None]
    return non_null[0] if non_null else None


VARIANTS: dict[str, frozenset[str]] = {
    "fixed_instance_size_id": frozenset({"number", "string"}),
    "port": frozenset({"number", "string"}),
    "alerts": frozenset({"list", "object"}),
}


def compare(expected: Any, actual: Any, path: str = "", skip: frozenset[str] = frozenset(),
            extras: list[str] | None = None) -> list[str]:
    """Mismatches between the fixture ``expected`` and our ``actual`` (empty = same shape).
    ``skip`` holds paths (``ips[].firewall_policies``) not to compare, each a documented
    fixture inconsistency."""
    if path in skip or expected is None or actual is None:
        return []
    ek, ak = kind(expected), kind(actual)
    if ek != ak:
        leaf = path.rsplit(".", 1)[-1].rstrip("[]")
        if {ek, ak} <= VARIANTS.get(leaf, frozenset()):
            return []
        return [f"{path or '<root>'}: fixture has {ek}, emulator has {ak}"]
    problems: list[str] = []
    if ek == "object":
        for key, value in expected.items():
            sub = f"{path}.{key}" if path else key
            if sub in skip:
                continue
            if key not in actual:
                problems.append(f"{sub}: missing")
                continue
            problems += compare(value, actual[key], sub, skip, extras)
        if extras is not None:
            extras += [f"{path}.{k}" if path else k for k in actual if k not in expected]
    elif ek == "list" and expected:
        shape = merge(expected)
        if not actual and not path:
            problems.append(f"{path or '<root>'}: emulator list is empty, fixture has items")
        for item in actual:
            problems += compare(shape, item, f"{path}[]", skip, extras)
    return problems
