"""A server's fixed size by its name (``XL``), not its id: the API gives only
``hardware.fixed_instance_size_id``; the names come from ``/servers/fixed_instance_sizes`` (a
catalogue, read once per session). Textual-free."""

from __future__ import annotations

from typing import Any

from ..catalogue import category
from .failures import FETCH_ERRORS

KEY = "fixed_instance_size_id"


def named(data: Any, names: dict[str, str]) -> Any:
    """``data`` (a server, or its hardware) with the fixed size id shown as ``XL (id)``; the
    same object when there is nothing to name."""
    if not names or not isinstance(data, dict):
        return data
    if KEY in data and data[KEY] in names:
        return {**data, KEY: f"{names[data[KEY]]} ({data[KEY]})"}
    hw = data.get("hardware")
    if isinstance(hw, dict) and hw.get(KEY) in names:
        return {**data, "hardware": named(hw, names)}
    return data


async def size_names(app: Any) -> dict[str, str]:
    """id -> name of every fixed size (cached on the app; empty when unreadable: the id stays)."""
    cached = getattr(app, "_fixed_size_names", None)
    if cached is not None:
        return cached
    try:
        sizes = await app.feed.items(category("fixed_instance_sizes"))
    except FETCH_ERRORS:
        return {}
    names = {str(s["id"]): str(s.get("name") or s["id"]) for s in sizes or []
             if isinstance(s, dict) and s.get("id")}
    app._fixed_size_names = names
    return names
