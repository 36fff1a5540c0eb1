"""Every endpoint answers its documented status with the official fixtures' shape; the
checked-in coverage table is current."""

from __future__ import annotations

import pytest

from tests.conformance.coverage import DOC, body_for, outcomes, render, shape_check
from tests.conformance.fixture_index import endpoints, fixture_map
from tests.conformance.shapes import compare

KEYS = [f"{e['method']} {e['path']}" for e in endpoints()]


def test_there_are_178_endpoints():
    assert len(KEYS) == 178 == len(set(KEYS))


@pytest.mark.parametrize("key", KEYS)
def test_endpoint_answers_documented_status(key):
    result = next(r for r in outcomes() if r.key == key)
    assert result.status == result.expected, (key, result.body)


@pytest.mark.parametrize("fixture", sorted(fixture_map()))
def test_response_has_fixture_shape(fixture):
    """Every Python SDK fixture against the emulator's answer to the same endpoint."""
    method, path = fixture_map()[fixture]
    status, body = body_for(f"{method} {path}")
    assert status < 400, body
    problems, _ = shape_check(fixture, body)
    assert problems == []


def test_shape_comparison_catches_differences():
    assert compare({"a": 1, "b": {"c": "x"}}, {"a": 2, "b": {"c": "y"}, "d": 0}) == []
    assert compare({"a": 1}, {"a": "1"}) == ["a: fixture has number, emulator has string"]
    assert compare({"a": {"b": 1}}, {"a": {}}) == ["a.b: missing"]
    assert compare([{"a": 1}], [{"a": True}]) == ["[].a: fixture has number, emulator has boolean"]
    assert compare({"a": None}, {"a": [1]}) == []


def test_coverage_table_is_current():
    assert DOC.read_text() == render(outcomes()), \
        "docs/ENDPOINT_COVERAGE.md is stale: run `python -m tests.conformance.coverage`"
