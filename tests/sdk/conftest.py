"""Run the official 1&1 Python SDK (PyPI ``1and1==1.8.0``), unchanged, against our emulator
over real HTTP.

The SDK is Python 2 code (``import httplib``, ``StringIO``); two module aliases let it import on
Python 3 without touching its source. Its helper objects hard-code the production base URL, so
tests point ``obj.base_url`` at the emulator (ENDPOINTS.md, "Helper objects ignore api_url").
Its ``wait_for`` sleeps with ``time.sleep``: the SDK module's ``time`` is replaced by one whose
``sleep`` advances the emulator's manual clock, so the waits take no real time.
"""

from __future__ import annotations

import http.client
import io
import sys
import time
import types

import pytest

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.emulator.http import BackgroundServer


@pytest.fixture(scope="module")
def sdk():
    sys.modules.setdefault("httplib", http.client)
    sys.modules.setdefault("StringIO", io)
    import oneandone.client as client_module

    return client_module


@pytest.fixture
def world(sdk, monkeypatch):
    emu = Emulator(clock=ManualClock())
    fake_time = types.SimpleNamespace(time=time.time, sleep=lambda s: emu.advance(s))
    monkeypatch.setattr(sdk, "time", fake_time)
    with BackgroundServer(emu) as url:
        yield types.SimpleNamespace(emu=emu, url=url,
                                    client=sdk.OneAndOneService(emu.token, api_url=url))
