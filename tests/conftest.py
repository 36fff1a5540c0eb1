from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from tests.helpers import Api


@pytest.fixture
def emu() -> Emulator:
    """A fresh demo account on a manual clock: time moves only with ``emu.advance(s)``."""
    return Emulator(clock=ManualClock())


@pytest.fixture
def api(emu: Emulator) -> Api:
    return Api(emu)
