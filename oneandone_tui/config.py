"""Settings: named profiles in ``config.toml``, environment overrides, command-line flags.

The file lives in the platform's user config directory (platformdirs:
``~/.config/oneandone-tui/config.toml`` on Linux)::

    default_profile = "work"

    [profiles.work]
    token = "0123456789ABCDEF0123456789ABCDEF"
    base_url = "https://cloudpanel-api.1and1.com/v1"
    read_only = false
    poll_interval = 10.0        # seconds between refreshes while everything is stable
    poll_interval_busy = 2.0    # ... while something is changing

Precedence, strongest first: command-line flags (``--profile``, ``--api-url``, ``--read-only``),
then ``ONEANDONE_PROFILE`` / ``ONEANDONE_TOKEN`` (or the legacy CLI's ``ONEANDONE_API_KEY``) /
``ONEANDONE_BASE_URL``, then the profile, then the defaults.

The file holds tokens, so it is written with mode 0600 (atomically: a crash never leaves half a
file), and a file with a broader mode is refused on reading, with the ``chmod`` that fixes it.
Tokens are :class:`~oneandone_tui.secret.Secret` from the moment they are read. TOML is written
by hand (the format needed here is tiny) so no dependency is added; it is read with ``tomllib``
(``tomli`` on Python 3.10).
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import re
import shlex
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .secret import Secret

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "APP_NAME",
    "DEFAULT_BASE_URL",
    "ConfigError",
    "ConfigFile",
    "Profile",
    "Secret",
    "Settings",
    "SshSettings",
    "add_arguments",
    "default_config_path",
    "load",
    "resolve",
    "save",
    "save_profile",
    "save_token",
    "to_toml",
]

APP_NAME = "oneandone-tui"
DEFAULT_BASE_URL = "https://cloudpanel-api.1and1.com/v1"
DEFAULT_PROFILE = "default"
ENV_TOKEN = "ONEANDONE_TOKEN"
ENV_LEGACY_TOKEN = "ONEANDONE_API_KEY"
ENV_BASE_URL = "ONEANDONE_BASE_URL"
ENV_PROFILE = "ONEANDONE_PROFILE"
FILE_MODE = 0o600
log = logging.getLogger(__name__)


class ConfigError(Exception):
    """The configuration cannot be used (a bad value, an unknown profile). Never shows a
    token."""


@dataclass(frozen=True)
class SshSettings:
    """How ``t`` (SSH) reaches a server: the user, extra ``ssh`` options, and the local private
    key file of each of the account's SSH keys (by the key's name or id) for ``-i``."""

    user: str = "root"
    options: tuple[str, ...] = ()
    keys: tuple[tuple[str, str], ...] = ()

    def key_file(self, *names: str) -> str | None:
        """The local file mapped to the first of ``names`` (SSH key names or ids) that has one."""
        mapped = dict(self.keys)
        for name in names:
            if name and name in mapped:
                return str(Path(mapped[name]).expanduser())
        return None


@dataclass
class Profile:
    name: str
    token: Secret | None = None
    base_url: str | None = None
    read_only: bool = False
    poll_interval: float = 10.0
    poll_interval_busy: float = 2.0
    ssh: SshSettings = field(default_factory=SshSettings)


@dataclass
class ConfigFile:
    path: Path
    default_profile: str | None = None
    profiles: dict[str, Profile] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Settings:
    """What the app runs with. ``token_source`` says where the token came from (for the
    status line: "token from ONEANDONE_TOKEN"), never what it is."""

    profile: str
    token: Secret | None
    token_source: str | None
    base_url: str
    read_only: bool
    poll_interval: float
    poll_interval_busy: float
    config_path: Path
    warnings: tuple[str, ...] = ()
    ssh: SshSettings = SshSettings()
    #: Where ``base_url`` came from: ``--api-url``, the ``ONEANDONE_BASE_URL`` variable, the
    #: profile or the default. Only a profile's own is saved back without asking.
    base_url_source: str = "default"

    def client_kwargs(self) -> dict[str, Any]:
        """Arguments for ``api.Client(**settings.client_kwargs())``."""
        return {"token": self.token, "base_url": self.base_url, "read_only": self.read_only}


def default_config_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


# -- reading ------------------------------------------------------------------------------------
def _mode_problem(path: Path) -> str | None:
    """Why ``path`` cannot be trusted with tokens, or None. Any permission for the group or
    others counts: read shows them the tokens, write lets them point the API URL (and so
    the token) elsewhere."""
    if os.name == "nt":  # POSIX modes mean nothing there
        return None
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & 0o077:
        return None
    can = "read and change" if mode & 0o044 and mode & 0o022 else \
        "read" if mode & 0o044 else "change"
    who = "other users" if mode & 0o007 else "your group"
    return (f"{path} has mode {mode:04o}: {who} can {can} it, and it holds API tokens; "
            f"it is not used until only you can read it. Fix: chmod 600 {shlex.quote(str(path))}")


def _check_url(url: Any, where: str) -> str:
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where} must be an http(s) URL such as {DEFAULT_BASE_URL}")
    return url.rstrip("/")


def _positive(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            not math.isfinite(value) or value <= 0:
        raise ConfigError(f"{where} must be a positive number of seconds")
    return float(value)


_KNOWN = {"token", "base_url", "read_only", "poll_interval", "poll_interval_busy", "ssh_user",
          "ssh_options", "ssh_keys"}


def _ssh(raw: Mapping[str, Any], where: str) -> SshSettings:
    """``ssh_user = "admin"``, ``ssh_options = ["-p", "2222"]``,
    ``ssh_keys = { deploy = "~/.ssh/deploy" }`` (an SSH key's name or id -> its local file)."""
    user = raw.get("ssh_user", "root")
    if not isinstance(user, str) or not user.strip() or any(c.isspace() for c in user):
        raise ConfigError(f"{where}.ssh_user must be a user name without spaces")
    options = raw.get("ssh_options", [])
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise ConfigError(f"{where}.ssh_options must be a list of texts, e.g. [\"-p\", \"2222\"]")
    keys = raw.get("ssh_keys", {})
    if not isinstance(keys, Mapping) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f"{where}.ssh_keys must map SSH key names to key files")
    return SshSettings(user.strip(), tuple(options), tuple((str(k), v) for k, v in keys.items()))


def _profile(name: str, raw: Any, warnings: list[str]) -> Profile:
    where = f"profiles.{name}"
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where} must be a table")
    for key in sorted(set(raw) - _KNOWN):
        warnings.append(f"{where}.{key} is not a known setting (ignored)")
    token = raw.get("token")
    if token is not None and (not isinstance(token, str)):
        raise ConfigError(f"{where}.token must be text")
    read_only = raw.get("read_only", False)
    if not isinstance(read_only, bool):
        raise ConfigError(f"{where}.read_only must be true or false")
    base = raw.get("base_url")
    profile = Profile(
        name=name,
        token=Secret(token) if token else None,
        base_url=_check_url(base, f"{where}.base_url") if base is not None else None,
        read_only=read_only,
        ssh=_ssh(raw, where),
    )
    for key in ("poll_interval", "poll_interval_busy"):
        if key in raw:
            setattr(profile, key, _positive(raw[key], f"{where}.{key}"))
    return profile


def load(path: Path | None = None, *, check_mode: bool = True) -> ConfigFile:
    """The config file (an empty one if it does not exist). A file the group or other users
    may read or change is refused (``ConfigError`` naming the file and the ``chmod`` that
    fixes it), unless ``check_mode`` is off: :func:`save_profile` rewrites it with 0600."""
    path = path or default_config_path()
    cfg = ConfigFile(path)
    if not path.exists():
        return cfg
    problem = _mode_problem(path) if check_mode else None
    if problem:
        log.warning("%s", problem)
        raise ConfigError(problem)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message names a line and column, never the text there.
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {type(exc).__name__}") from None
    default = data.get("default_profile")
    if default is not None and not isinstance(default, str):
        raise ConfigError("default_profile must be text")
    cfg.default_profile = default
    profiles = data.get("profiles", {})
    if not isinstance(profiles, Mapping):
        raise ConfigError("profiles must be a table of [profiles.<name>] tables")
    cfg.profiles = {name: _profile(name, raw, cfg.warnings) for name, raw in profiles.items()}
    for key in sorted(set(data) - {"default_profile", "profiles"}):
        cfg.warnings.append(f"{key} is not a known setting (ignored)")
    return cfg


# -- resolving ------------------------------------------------------------------------------------
def _env(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


def resolve(*, profile: str | None = None, api_url: str | None = None,
            read_only: bool | None = None, env: Mapping[str, str] | None = None,
            path: Path | None = None) -> Settings:
    """The settings for a run: flags > environment > profile > defaults."""
    env = os.environ if env is None else env
    cfg = load(path)
    requested = profile or _env(env, ENV_PROFILE)
    name = requested or cfg.default_profile or DEFAULT_PROFILE
    prof = cfg.profiles.get(name)
    if prof is None:
        if requested or cfg.default_profile:
            known = ", ".join(sorted(cfg.profiles)) or "none"
            raise ConfigError(f"no profile '{name}' in {cfg.path} (known: {known})")
        prof = Profile(name)

    token, source = prof.token, f"profile '{name}'" if prof.token else None
    for var, label in ((ENV_TOKEN, ENV_TOKEN), (ENV_LEGACY_TOKEN, f"{ENV_LEGACY_TOKEN} (legacy)")):
        value = _env(env, var)
        if value:
            token, source = Secret(value), label
            break

    if api_url is not None:
        base_url, url_source = _check_url(api_url, "--api-url"), "--api-url"
    elif _env(env, ENV_BASE_URL):
        base_url, url_source = _check_url(_env(env, ENV_BASE_URL), ENV_BASE_URL), ENV_BASE_URL
    else:
        base_url = prof.base_url or DEFAULT_BASE_URL
        url_source = "profile" if prof.base_url else "default"
    return Settings(
        profile=name,
        token=token,
        token_source=source,
        base_url=base_url,
        read_only=prof.read_only if read_only is None else read_only,
        poll_interval=prof.poll_interval,
        poll_interval_busy=prof.poll_interval_busy,
        config_path=cfg.path,
        warnings=tuple(cfg.warnings),
        ssh=prof.ssh,
        base_url_source=url_source,
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags :func:`resolve` understands, for the CLI's parser."""
    parser.add_argument("--profile", help=f"profile in the config file (env {ENV_PROFILE})")
    parser.add_argument("--api-url", help=f"API base URL (env {ENV_BASE_URL}; default "
                                          f"{DEFAULT_BASE_URL})")
    parser.add_argument("--read-only", action="store_true", default=None,
                        help="refuse every change (create, modify, delete, actions)")


# -- writing ------------------------------------------------------------------------------------
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def _string(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else _string(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Secret):
        return _string(value.reveal())
    if isinstance(value, (int, float)):
        return repr(float(value)) if isinstance(value, float) else str(value)
    return _string(str(value))


def to_toml(cfg: ConfigFile) -> str:
    lines = ["# oneandone-tui profiles. This file holds API tokens: keep it private (mode 0600).",
             ""]
    if cfg.default_profile:
        lines += [f"default_profile = {_string(cfg.default_profile)}", ""]
    for name, p in cfg.profiles.items():
        lines.append(f"[profiles.{_key(name)}]")
        values: dict[str, Any] = {"token": p.token, "base_url": p.base_url,
                                  "read_only": p.read_only, "poll_interval": p.poll_interval,
                                  "poll_interval_busy": p.poll_interval_busy}
        lines += [f"{k} = {_value(v)}" for k, v in values.items() if v is not None]
        if p.ssh != SshSettings():
            lines.append(f"ssh_user = {_string(p.ssh.user)}")
            lines.append("ssh_options = [" + ", ".join(_string(o) for o in p.ssh.options) + "]")
            lines.append("ssh_keys = { " + ", ".join(f"{_key(k)} = {_string(v)}"
                                                     for k, v in p.ssh.keys) + " }")
        lines.append("")
    return "\n".join(lines)


def save(cfg: ConfigFile, path: Path | None = None) -> Path:
    """Write ``cfg`` with mode 0600, atomically (a temporary file renamed over the old one)."""
    path = path or cfg.path
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(to_toml(cfg))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def save_token(name: str, token: Secret, *, base_url: str | None = None,
               path: Path | None = None) -> Path:
    """Give profile ``name`` this token (the first-run screen), keeping every other setting
    it has; ``base_url`` replaces its API URL only when given (the user asked)."""
    cfg = load(path, check_mode=False)
    profile = cfg.profiles.get(name) or Profile(name)
    profile = replace(profile, token=token,
                      base_url=base_url if base_url is not None else profile.base_url)
    return save_profile(profile, path=path or cfg.path)


def save_profile(profile: Profile, *, path: Path | None = None,
                 make_default: bool = False) -> Path:
    """Add or replace one profile (e.g. after prompting for a token) and write the file."""
    cfg = load(path, check_mode=False)  # rewritten with mode 0600 below
    if profile.base_url is not None:
        profile = replace(profile, base_url=_check_url(profile.base_url, "base_url"))
    cfg.profiles[profile.name] = profile
    if make_default or cfg.default_profile is None:
        cfg.default_profile = profile.name
    return save(cfg, path or cfg.path)
