"""Profiles, precedence, 0600 writes, mode warnings, TOML round trips, and no token leaks.
Every test uses its own file under ``tmp_path``: the real home is never touched."""

from __future__ import annotations

import argparse
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from oneandone_tui import config
from oneandone_tui.config import ConfigError, ConfigFile, Profile, Secret

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TOKEN = "0123456789ABCDEF0123456789ABCDEF"
OTHER = "FEDCBA9876543210FEDCBA9876543210"
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "config.toml"


def write(path: Path, text: str, mode: int = 0o600) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.chmod(path, mode)


def test_default_path_is_in_the_user_config_dir() -> None:
    p = config.default_config_path()
    assert p.name == "config.toml" and p.parent.name == "oneandone-tui"


def test_no_file_gives_defaults(path: Path) -> None:
    s = config.resolve(path=path, env={})
    assert (s.profile, s.token, s.token_source) == ("default", None, None)
    assert s.base_url == config.DEFAULT_BASE_URL and s.read_only is False
    assert s.config_path == path and s.warnings == ()


def test_profiles_and_precedence(path: Path) -> None:
    write(path, f'''
default_profile = "work"
[profiles.work]
token = "{TOKEN}"
poll_interval = 20
poll_interval_busy = 1.5
[profiles.lab]
token = "{OTHER}"
base_url = "http://127.0.0.1:8080/v1/"
read_only = true
''')
    work = config.resolve(path=path, env={})
    assert (work.profile, work.token, work.token_source) == ("work", Secret(TOKEN),
                                                            "profile 'work'")
    assert (work.poll_interval, work.poll_interval_busy) == (20.0, 1.5)
    lab = config.resolve(path=path, env={"ONEANDONE_PROFILE": "lab"})
    assert lab.token == Secret(OTHER) and lab.read_only and lab.base_url.endswith(":8080/v1")
    flag = config.resolve(path=path, profile="work", read_only=True,
                          api_url="https://other.test/v1", env={"ONEANDONE_PROFILE": "lab"})
    assert (flag.profile, flag.read_only, flag.base_url) == ("work", True,
                                                             "https://other.test/v1")
    env = config.resolve(path=path, env={"ONEANDONE_TOKEN": "t" * 32,
                                         "ONEANDONE_BASE_URL": "https://env.test/v1"})
    assert env.token == Secret("t" * 32) and env.token_source == "ONEANDONE_TOKEN"
    assert env.base_url == "https://env.test/v1"
    assert config.resolve(path=path, api_url="https://flag.test/v1",
                          env={"ONEANDONE_BASE_URL": "https://env.test/v1"}).base_url == \
        "https://flag.test/v1"


def test_legacy_env_var_and_blank_values(path: Path) -> None:
    legacy = config.resolve(path=path, env={"ONEANDONE_API_KEY": OTHER})
    assert legacy.token == Secret(OTHER) and legacy.token_source == "ONEANDONE_API_KEY (legacy)"
    both = config.resolve(path=path, env={"ONEANDONE_API_KEY": OTHER, "ONEANDONE_TOKEN": TOKEN})
    assert both.token == Secret(TOKEN)
    assert config.resolve(path=path, env={"ONEANDONE_TOKEN": "  "}).token is None


def test_unknown_profile_is_an_error_naming_the_known_ones(path: Path) -> None:
    write(path, f'[profiles.work]\ntoken = "{TOKEN}"\n')
    with pytest.raises(ConfigError, match=r"no profile 'prod' .* \(known: work\)"):
        config.resolve(path=path, profile="prod", env={})
    assert config.resolve(path=path, env={}).token is None  # implicit "default": empty


@pytest.mark.parametrize(("text", "message"), [
    ('[profiles.a]\nbase_url = "ftp://x"\n', "profiles.a.base_url must be an http"),
    ("[profiles.a]\nread_only = 1\n", "profiles.a.read_only must be true or false"),
    ("[profiles.a]\npoll_interval = 0\n", "profiles.a.poll_interval must be a positive"),
    ("[profiles.a]\ntoken = 5\n", "profiles.a.token must be text"),
    ("profiles = 3\n", "profiles must be a table"),
    ('token = "unterminated\n', "is not valid TOML"),
])
def test_bad_values_are_named(path: Path, text: str, message: str) -> None:
    write(path, text)
    with pytest.raises(ConfigError, match=message):
        config.load(path)


def test_invalid_toml_message_does_not_quote_the_token(path: Path) -> None:
    write(path, f'[profiles.a]\ntoken = "{TOKEN}\nbase_url = 3 3\n')
    with pytest.raises(ConfigError) as info:
        config.load(path)
    assert TOKEN not in str(info.value)


def test_unknown_keys_warn(path: Path) -> None:
    write(path, "colour = 1\n[profiles.a]\ntokn = 'x'\n")
    assert config.load(path).warnings == ["profiles.a.tokn is not a known setting (ignored)",
                                          "colour is not a known setting (ignored)"]


@posix_only
def test_written_with_mode_0600_atomically(path: Path) -> None:
    written = config.save_profile(Profile("work", Secret(TOKEN), read_only=True), path=path)
    assert written == path and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left
    os.chmod(path, 0o644)
    config.save_profile(Profile("lab", Secret(OTHER)), path=path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # rewriting tightens a loose mode
    cfg = config.load(path)
    assert cfg.default_profile == "work" and set(cfg.profiles) == {"work", "lab"}


@posix_only
@pytest.mark.parametrize(("mode", "says"), [
    (0o644, "other users can read it"), (0o640, "your group can read it"),
    (0o620, "your group can change it"), (0o666, "other users can read and change it"),
    (0o604, "other users can read it")])
def test_a_file_others_may_read_or_change_is_refused(path: Path, mode: int, says: str,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    write(path, f'[profiles.default]\ntoken = "{TOKEN}"\n', mode=mode)
    with caplog.at_level(logging.WARNING), pytest.raises(config.ConfigError) as refused:
        config.resolve(path=path, env={})
    message = str(refused.value)
    assert str(path) in message and f"mode {mode:04o}" in message and says in message
    assert message.endswith(f"chmod 600 {path}")
    assert TOKEN not in message and TOKEN not in caplog.text


@posix_only
def test_the_fix_is_a_command_that_works_on_any_path(tmp_path: Path) -> None:
    path = tmp_path / "my config dir" / "config.toml"
    path.parent.mkdir()
    write(path, f'[profiles.default]\ntoken = "{TOKEN}"\n', mode=0o644)
    with pytest.raises(config.ConfigError) as refused:
        config.resolve(path=path, env={})
    command = str(refused.value).rsplit("Fix: ", 1)[1]
    assert command == f"chmod 600 '{path}'"
    subprocess.run(command, shell=True, check=True)
    assert config.resolve(path=path, env={}).token == Secret(TOKEN)


def test_toml_round_trip_with_awkward_values(path: Path) -> None:
    odd = 'quote" back\\slash\ttab\nnewline\x01ctl é'
    cfg = ConfigFile(path, default_profile="my profile", profiles={
        "my profile": Profile("my profile", Secret(odd), base_url="https://a.test/v1",
                              poll_interval=7.25),
        "plain": Profile("plain")})
    text = config.to_toml(cfg)
    data = tomllib.loads(text)
    assert data["default_profile"] == "my profile"
    assert data["profiles"]["my profile"]["token"] == odd
    assert data["profiles"]["plain"] == {"read_only": False, "poll_interval": 10.0,
                                         "poll_interval_busy": 2.0}
    config.save(cfg)
    again = config.load(path)
    assert again.profiles["my profile"].token == Secret(odd)
    assert again.profiles["my profile"].poll_interval == 7.25


def test_settings_never_show_the_token(path: Path) -> None:
    write(path, f'[profiles.default]\ntoken = "{TOKEN}"\n')
    s = config.resolve(path=path, env={})
    assert TOKEN not in repr(s) and TOKEN not in str(config.load(path))
    assert s.client_kwargs() == {"token": Secret(TOKEN), "base_url": config.DEFAULT_BASE_URL,
                                 "read_only": False}


def test_cli_flags() -> None:
    parser = argparse.ArgumentParser()
    config.add_arguments(parser)
    args = parser.parse_args(["--profile", "lab", "--api-url", "http://localhost/v1",
                              "--read-only"])
    assert (args.profile, args.api_url, args.read_only) == ("lab", "http://localhost/v1", True)
    assert parser.parse_args([]).read_only is None  # "not given": the profile decides
