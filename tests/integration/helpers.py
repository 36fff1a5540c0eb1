"""Helpers for the integration tests: call a client method and prove, from the emulator's
request counters, that it sent exactly one request to the endpoint it declares."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from oneandone_tui.api.resources import Endpoint
from oneandone_tui.emulator.core import Emulator

_PARAM = re.compile(r"\{[^}]+\}")


def norm(method: str, template: str) -> str:
    """``GET /servers/{}``: parameter names differ between sources, positions do not."""
    return f"{method} {_PARAM.sub('{}', template)}"


def declared(bound: Callable[..., Any]) -> str:
    owner = type(bound.__self__)  # type: ignore[attr-defined]
    ep: Endpoint = owner.resolve(bound.__func__.endpoint)  # type: ignore[attr-defined]
    return norm(ep.method, ep.template)


def _requests(emu: Emulator) -> Counter[str]:
    out: Counter[str] = Counter()
    for key, n in emu.stats.snapshot()["requests"].items():
        method, path = key.split(" ", 1)
        out[norm(method, path.removeprefix("/v1"))] += n
    return out


async def call(emu: Emulator, bound: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """``await bound(*args, **kw)``, asserting it cost exactly one request to its endpoint."""
    before = _requests(emu)
    result = await bound(*args, **kw)
    sent = dict(_requests(emu) - before)
    assert sent == {declared(bound): 1}, f"{bound.__qualname__} sent {sent}"
    return result


def named(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    for item in items:
        if item.get("name") == name or item.get("ip") == name:
            return item
    raise AssertionError(f"no item named {name!r} in {[i.get('name') for i in items]}")


def is_id(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9A-F]{32}", value) is not None
