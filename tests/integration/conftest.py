from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from oneandone_tui.api import Client, RetryPolicy
from oneandone_tui.emulator.core import Emulator

BASE_URL = "https://cloudpanel-api.1and1.com/v1"


@pytest.fixture
async def client(emu: Emulator) -> AsyncIterator[Client]:
    """The real client on the emulator's in-process transport; retries never sleep."""

    async def no_sleep(seconds: float) -> None:
        return None

    c = Client(emu.token, base_url=BASE_URL, transport=emu.transport(),
               retry=RetryPolicy(jitter=0), sleep=no_sleep)
    try:
        yield c
    finally:
        await c.aclose()
