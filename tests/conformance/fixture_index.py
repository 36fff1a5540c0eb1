"""The fixture -> endpoint map, read from ``shared/api/fixtures/INDEX.md``."""

from __future__ import annotations

import json
import re
from pathlib import Path

# A copy of ../shared/api (CI clones the project alone); refresh it with
# `cp -r ../shared/api tests/data/` when the reference changes.
SHARED = Path(__file__).resolve().parents[1] / "data" / "api"
FIXTURES = SHARED / "fixtures"
_ROW = re.compile(r"^\| `(?P<file>[^`]+)` \| (?P<method>GET|POST|PUT|DELETE) `(?P<path>[^`]+)`")


def fixture_map() -> dict[str, tuple[str, str]]:
    """``{"get-server.json": ("GET", "/servers/{server_id}"), ...}`` (Python SDK fixtures)."""
    out: dict[str, tuple[str, str]] = {}
    for line in (FIXTURES / "INDEX.md").read_text().splitlines():
        m = _ROW.match(line)
        if m and "/" not in m["file"]:
            out[m["file"]] = (m["method"], m["path"])
    return out


def load(name: str):
    return json.loads((FIXTURES / name).read_text())


def endpoints() -> list[dict]:
    return json.loads((SHARED / "endpoints.json").read_text())
