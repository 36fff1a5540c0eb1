"""The profile's SSH settings: user, options, key files; bad values named; a round trip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oneandone_tui import config
from oneandone_tui.config import ConfigError, SshSettings


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.chmod(path, 0o600)


def test_defaults_to_root(tmp_path: Path) -> None:
    s = config.resolve(path=tmp_path / "none.toml", env={})
    assert s.ssh == SshSettings() and s.ssh.user == "root" and s.ssh.key_file("x") is None


def test_user_options_and_keys_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    write(path, '''
[profiles.default]
ssh_user = "admin"
ssh_options = ["-p", "2222"]
ssh_keys = { "jane@laptop" = "~/.ssh/jane", deploy = "/keys/deploy" }
''')
    s = config.resolve(path=path, env={})
    assert s.ssh.user == "admin" and s.ssh.options == ("-p", "2222")
    assert s.ssh.key_file("nope", "deploy") == "/keys/deploy"
    assert s.ssh.key_file("jane@laptop") == str(Path("~/.ssh/jane").expanduser())
    assert s.warnings == ()
    cfg = config.load(path)
    config.save(cfg, tmp_path / "again.toml")
    assert config.resolve(path=tmp_path / "again.toml", env={}).ssh == s.ssh


@pytest.mark.parametrize("line, message", [
    ('ssh_user = "a b"', "ssh_user"),
    ("ssh_user = 3", "ssh_user"),
    ('ssh_options = "-p 22"', "ssh_options"),
    ("ssh_keys = { a = 1 }", "ssh_keys"),
])
def test_bad_values_are_named(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "c.toml"
    write(path, f"[profiles.default]\n{line}\n")
    with pytest.raises(ConfigError, match=message):
        config.resolve(path=path, env={})
