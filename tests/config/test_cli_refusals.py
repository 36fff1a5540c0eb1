"""Issue 11, item 10: a config file others may read is refused before the TUI starts (on
stderr, with the file and the chmod that fixes it, exit status 1), not a warning hidden behind
the full-screen app."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.app import App

from oneandone_tui import cli

TOKEN = "0123456789ABCDEF0123456789ABCDEF"
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config directory of its own (platformdirs follows XDG_CONFIG_HOME), no token in the
    environment, and an App that fails the test if it is ever run."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    for name in ("ONEANDONE_TOKEN", "ONEANDONE_API_KEY", "ONEANDONE_BASE_URL",
                 "ONEANDONE_PROFILE"):
        monkeypatch.delenv(name, raising=False)

    def run(self, *args, **kw):
        raise AssertionError("the TUI started")

    monkeypatch.setattr(App, "run", run)
    return tmp_path / "config" / "oneandone-tui"


@posix_only
def test_a_world_readable_config_stops_the_start_with_the_fix(home, capsys):
    home.mkdir(parents=True)
    path = home / "config.toml"
    path.write_text(f'[profiles.default]\ntoken = "{TOKEN}"\n')
    os.chmod(path, 0o644)
    assert cli.main(["servers"]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert f"{path} has mode 0644" in out.err
    assert f"Fix: chmod 600 {path}" in out.err
    assert TOKEN not in out.err
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not changed behind the user's back


@posix_only
def test_after_the_fix_it_starts(home, capsys, monkeypatch):
    home.mkdir(parents=True)
    path = home / "config.toml"
    path.write_text(f'[profiles.default]\ntoken = "{TOKEN}"\n')
    os.chmod(path, 0o600)
    started = []
    monkeypatch.setattr(App, "run", lambda self, *a, **kw: started.append(self))
    assert cli.main(["servers"]) == 0
    assert len(started) == 1 and capsys.readouterr().err == ""
