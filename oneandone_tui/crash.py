"""Crash reports: what is left when the TUI stops on an unexpected error.

Textual's own crash output is a traceback with every frame's local variables, printed to the
terminal; a frame of the client can hold the request headers, and so the token. Instead the app
prints one line (:meth:`OneAndOneApp._fatal_error`), and the launcher writes a report to the
user's state directory (``~/.local/state/oneandone-tui/crash-<UTC time>.txt`` on Linux, mode
0600), prints its path and exits with status 1.

The report is the traceback *without locals* (the exception chain, file names and lines of
code), the version and the platform. Every secret known to the process (the client's token, the
environment's tokens) is redacted from the text as a second guard, in case a message quoted one.
"""

from __future__ import annotations

import os
import platform
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__

APP_NAME = "oneandone-tui"
REDACTED = "«redacted»"
#: Environment variables that may hold a token (see ``config.py``).
TOKEN_VARIABLES = ("ONEANDONE_TOKEN", "ONEANDONE_API_KEY")


def state_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def secrets_of(app: Any = None) -> list[str]:
    """Every secret value this process knows: the app's client's token, the demo emulator's
    token, the environment's tokens. Values under 4 characters are left out (redacting "a"
    everywhere would wreck the report and protect nothing)."""
    found: list[str] = [os.environ.get(name, "").strip() for name in TOKEN_VARIABLES]
    client = getattr(app, "client", None)
    token = getattr(client, "token", None)
    if token is not None:
        found.append(token.reveal() if hasattr(token, "reveal") else str(token))
    emulator = getattr(app, "emulator", None)
    if emulator is not None and isinstance(getattr(emulator, "token", None), str):
        found.append(emulator.token)
    return sorted({s for s in found if len(s) >= 4}, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def summary(error: BaseException, secrets: Iterable[str] = ()) -> str:
    """``ValueError: the message`` on one line, redacted and without control characters."""
    message = redact(str(error), list(secrets))
    message = "".join(ch if ch.isprintable() else " " for ch in message)
    line = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return line if len(line) <= 300 else line[:299] + "…"


def report_text(error: BaseException, secrets: Iterable[str] = ()) -> str:
    """The report's text: when, what, where (no local variables), redacted."""
    secrets = list(secrets)
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    command = " ".join([os.path.basename(sys.argv[0]) if sys.argv else "?", *sys.argv[1:]])
    lines = [
        f"oneandone-tui {__version__} stopped on an unexpected error.",
        f"When: {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Command: {command}",
        "",
        "The traceback below shows no local variables, and every known token is replaced by "
        f"{REDACTED}.",
        "",
        trace,
    ]
    return redact("\n".join(lines), secrets)


def write_report(error: BaseException, secrets: Iterable[str] = (),
                 directory: Path | None = None) -> Path:
    """Write the report (mode 0600, in a directory of mode 0700) and return its path."""
    directory = directory or state_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    text = report_text(error, secrets)
    for n in range(100):
        path = directory / (f"crash-{stamp}.txt" if n == 0 else f"crash-{stamp}-{n}.txt")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(text)
        return path
    raise FileExistsError(f"no free crash report name in {directory}")


def report(error: BaseException, app: Any = None, directory: Path | None = None) -> int:
    """Tell the user on stderr (one line, and where the report is) and return the exit
    status (1). A report that cannot be written is said so, never hidden."""
    secrets = secrets_of(app)
    print(f"oneandone-tui: stopped on an unexpected error: {summary(error, secrets)}",
          file=sys.stderr)
    try:
        path = write_report(error, secrets, directory)
    except OSError as exc:
        print(f"oneandone-tui: could not write a crash report: {exc}", file=sys.stderr)
    else:
        print(f"oneandone-tui: crash report (no secrets in it): {path}", file=sys.stderr)
    return 1
