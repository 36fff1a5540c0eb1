"""Compare an emulator response with a fixture of the official SDKs (``tests/data/api/fixtures``,
a copy of ``shared/api/fixtures``):
every key of the fixture must be present, and every value must have the fixture's JSON type,
nested objects and list items included. Extra keys in the response are allowed (the fixtures are
older than some fields, e.g. ``datacenter``).

``null`` in the fixture says nothing about the type, so any value passes there; ``null`` in the
response passes only for keys listed in ``nullable`` (fields that are null when unset) — stricter
than the conformance suite's ``shapes.compare``, which accepts null on either side.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conformance.shapes import kind as _kind

#: The repository's copy of ``shared/api/fixtures``; ``ONEANDONE_FIXTURES`` points elsewhere.
FIXTURES = Path(os.environ.get("ONEANDONE_FIXTURES",
                               Path(__file__).resolve().parents[1] / "data" / "api" / "fixtures"))


def fixture(name: str) -> Any:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {path} not available (set ONEANDONE_FIXTURES)")
    return json.loads(path.read_text())


def assert_shape(actual: Any, expected: Any, nullable: frozenset[str] | set[str] = frozenset(),
                 path: str = "$") -> None:
    if expected is None:
        return
    if actual is None:
        key = path.rsplit(".", 1)[-1]
        assert key in nullable, f"{path} is null, fixture has {_kind(expected)}"
        return
    assert _kind(actual) == _kind(expected), \
        f"{path}: {_kind(actual)} in the response, {_kind(expected)} in the fixture"
    if isinstance(expected, dict):
        missing = set(expected) - set(actual)
        assert not missing, f"{path}: keys missing from the response: {sorted(missing)}"
        for key, value in expected.items():
            assert_shape(actual[key], value, nullable, f"{path}.{key}")
    elif isinstance(expected, list) and expected and actual:
        for i, item in enumerate(actual):
            assert_shape(item, expected[0], nullable, f"{path}[{i}]")


def assert_fixture(actual: Any, name: str, nullable: frozenset[str] | set[str] = frozenset()
                   ) -> None:
    """``actual`` has the shape of fixture ``name`` (for a list fixture: ``actual`` is a list and
    each of its items has the shape of the fixture's first item)."""
    assert_shape(actual, fixture(name), nullable)
