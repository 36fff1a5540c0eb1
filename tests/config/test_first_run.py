"""Issue 11, item 10: the first-run screen never saves a one-off ``--api-url`` into the
profile without asking: it offers a box (unticked) and saves the URL only when it is ticked;
the profile's other settings stay as they were either way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox, Input

from oneandone_tui import config
from oneandone_tui.api import client as client_module
from oneandone_tui.cli import tui_parser
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.first_run import configured_app
from oneandone_tui.ui.screens.first_run import FirstRunScreen
from tests.ui.helpers import until

ONE_OFF = "http://one-off.test/v1"


@pytest.fixture
def profile_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A profile without a token (so the first-run screen shows), read-only, polling every
    5 s; no token in the environment; every client answered by one in-process emulator."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("ONEANDONE_TOKEN", "ONEANDONE_API_KEY", "ONEANDONE_BASE_URL",
                 "ONEANDONE_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "config" / "oneandone-tui" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[profiles.default]\nread_only = true\npoll_interval = 5.0\n')
    os.chmod(path, 0o600)
    emulator = Emulator()
    real = client_module.Client

    def in_process(token: Any, **kw: Any) -> Any:
        return real(token, transport=emulator.direct(), **kw)

    monkeypatch.setattr(client_module, "Client", in_process)
    return path


async def enter_token(args: list[str], tick: bool | None) -> Any:
    app = configured_app(tui_parser().parse_args(args), "servers")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FirstRunScreen))
        boxes = list(app.screen.query("#keep-url").results(Checkbox))
        if tick is None:
            assert boxes == []
        else:
            assert len(boxes) == 1 and boxes[0].value is False  # not saved unless asked
            assert ONE_OFF in str(boxes[0].label)
            if tick:
                boxes[0].value = True
        app.screen.query_one("#token", Input).value = "demo-token"
        await pilot.press("enter")
        await until(pilot, lambda: app.first_screen is None)
    return app


async def test_a_one_off_url_is_not_saved_unless_asked(profile_file):
    app = await enter_token(["--api-url", ONE_OFF], tick=False)
    assert app.connection.endpoint == ONE_OFF  # used for this run
    saved = config.load(profile_file).profiles["default"]
    assert saved.token == config.Secret("demo-token")
    assert saved.base_url is None
    assert saved.read_only is True and saved.poll_interval == 5.0


async def test_a_one_off_url_is_saved_when_the_box_is_ticked(profile_file):
    await enter_token(["--api-url", ONE_OFF], tick=True)
    saved = config.load(profile_file).profiles["default"]
    assert saved.base_url == ONE_OFF and saved.token == config.Secret("demo-token")
    assert saved.read_only is True and saved.poll_interval == 5.0


async def test_the_url_from_the_environment_is_one_off_too(profile_file, monkeypatch):
    monkeypatch.setenv("ONEANDONE_BASE_URL", ONE_OFF)
    await enter_token([], tick=False)
    assert config.load(profile_file).profiles["default"].base_url is None


async def test_without_a_one_off_url_nothing_is_offered(profile_file):
    await enter_token([], tick=None)
    saved = config.load(profile_file).profiles["default"]
    assert saved.base_url is None and saved.token == config.Secret("demo-token")
