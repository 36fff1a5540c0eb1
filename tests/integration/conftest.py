from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from oneandone_tui.api import Client, RetryPolicy
from oneandone_tui.emulator.core import Emulator

BASE_URL = "https://cloudpanel-api.1and1.com/v1"


@pytest.fixture(params=["httpx", "direct"])
def wire(request: pytest.FixtureRequest) -> str:
    """Every integration test runs over both of the client's wires (``api/wire.py``)."""
    return str(request.param)


def transport_for(emu: Emulator, wire: str) -> Any:
    """The emulator in process: through httpx (``transport()``), or handed the request bytes
    directly (``direct()``, the demo's wire)."""
    return emu.transport() if wire == "httpx" else emu.direct()


@pytest.fixture
def transport(emu: Emulator, wire: str) -> Any:
    return transport_for(emu, wire)


@pytest.fixture
async def client(emu: Emulator, transport: Any) -> AsyncIterator[Client]:
    """The real client on the emulator's in-process transport; retries never sleep."""

    async def no_sleep(seconds: float) -> None:
        return None

    c = Client(emu.token, base_url=BASE_URL, transport=transport,
               retry=RetryPolicy(jitter=0), sleep=no_sleep)
    try:
        yield c
    finally:
        await c.aclose()
