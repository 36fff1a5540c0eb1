from __future__ import annotations

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app


@pytest.fixture
def demo_app():
    """A fresh demo app on a manual clock (deterministic: seed 1, fixed epoch)."""
    return make_demo_app(clock=ManualClock())
