"""Issue 11, item 8: a crash restores the terminal, writes a report without secrets (no
locals, the token redacted even where a message quoted it) to the user's state directory with
mode 0600, says where it is, and exits with status 1 (it exited 0)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from oneandone_tui import crash
from oneandone_tui.cli import tui_parser

TOKEN = "5EC2E7ABCDEF0123456789ABCDEF0123"

#: The TUI against an unreachable account (the token from the environment), headless, with a
#: mount that fails in a frame holding the token in locals and in the error's message.
SCRIPT = textwrap.dedent("""
    import os, sys
    from functools import partialmethod
    from textual.app import App
    App.run = partialmethod(App.run, headless=True, size=(100, 30))
    from oneandone_tui.ui.app import OneAndOneApp

    async def on_mount(self):
        token = os.environ["ONEANDONE_TOKEN"]
        headers = {"X-TOKEN": token}
        raise RuntimeError("the mount failed with " + headers["X-TOKEN"])

    OneAndOneApp.on_mount = on_mount
    from oneandone_tui.cli import main
    sys.exit(main(["servers", "--api-url", "http://127.0.0.1:9/v1"]))
""")


def run_crashing_tui(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    state = tmp_path / "state"
    env = {**os.environ, "ONEANDONE_TOKEN": TOKEN, "XDG_STATE_HOME": str(state),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "ONEANDONE_PROFILE": ""}
    env.pop("ONEANDONE_API_KEY", None)
    script = tmp_path / "crashing_tui.py"
    script.write_text(SCRIPT)
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    return done, state / "oneandone-tui"


def test_a_crash_exits_non_zero_with_a_private_report_without_the_token(tmp_path):
    done, reports = run_crashing_tui(tmp_path)
    assert done.returncode == 1, done.stderr
    files = sorted(reports.glob("crash-*.txt"))
    assert len(files) == 1
    report = files[0]
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(reports.stat().st_mode) == 0o700
    text = report.read_text()
    assert "RuntimeError: the mount failed with «redacted»" in text
    assert 'raise RuntimeError("the mount failed with " + headers["X-TOKEN"])' in text
    assert TOKEN not in text
    # What the terminal got: one line on the error, where the report is; no traceback.
    assert str(report) in done.stderr
    assert "unexpected error: RuntimeError: the mount failed with «redacted»" in done.stderr
    for stream in (done.stdout, done.stderr):
        assert TOKEN not in stream
        assert "Traceback" not in stream and "locals" not in stream


def test_a_report_never_holds_a_token_the_process_knows(tmp_path, monkeypatch):
    monkeypatch.setenv("ONEANDONE_API_KEY", "legacy-" + TOKEN)

    secret_token = "0123456789abcdef0123456789abcdef"

    class App:
        client = type("C", (), {"token": type("S", (), {"reveal": lambda s: secret_token})()})()
        emulator = type("E", (), {"token": "emulator-token-9"})()

    try:
        raise ValueError(f"{secret_token} legacy-{TOKEN} emulator-token-9")
    except ValueError as exc:
        path = crash.write_report(exc, crash.secrets_of(App()), tmp_path)
    text = path.read_text()
    for secret in (secret_token, "legacy-" + TOKEN, TOKEN, "emulator-token-9"):
        assert secret not in text
    assert text.count(crash.REDACTED) >= 3


def test_two_crashes_in_one_second_keep_both_reports(tmp_path):
    paths = {crash.write_report(RuntimeError(str(i)), (), tmp_path) for i in range(3)}
    assert len(paths) == 3


def test_the_tui_never_takes_the_token_as_an_argument():
    """A token on the command line is in ``ps`` for every user of the machine: the TUI has
    no such flag (the environment, the profile or the first-run screen give it)."""
    options = [o for action in tui_parser()._actions for o in action.option_strings]
    assert not [o for o in options if "token" in o or "key" in o]
    try:
        tui_parser().parse_args(["--token", TOKEN])
    except SystemExit as exit_:
        assert exit_.code == 2
    else:
        raise AssertionError("--token was accepted")


#: The demo in a real terminal, failing on ``?`` (after its first frame), in a frame holding
#: the environment's token.
PTY_SCRIPT = textwrap.dedent("""
    import os, sys
    from oneandone_tui.ui.app import OneAndOneApp

    def action_help(self):
        token = os.environ["ONEANDONE_TOKEN"]
        raise RuntimeError("help failed for " + token)

    OneAndOneApp.action_help = action_help
    from oneandone_tui.cli import main
    sys.exit(main(["servers", "--demo"]))
""")


def test_in_a_real_terminal_the_screen_is_restored_before_the_report_is_named(tmp_path):
    from benchmarks.term import Term

    script = tmp_path / "crash_on_help.py"
    script.write_text(PTY_SCRIPT)
    env = {**os.environ, "ONEANDONE_TOKEN": TOKEN, "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    with Term([sys.executable, str(script)], env=env, cwd=str(tmp_path)) as term:
        term.wait_for("web-01", timeout=60)
        term.send("?")
        assert term.proc.wait(timeout=60) == 1
        term.wait_for("crash report", timeout=10)
        out = term.output
    left = out.rfind(b"\x1b[?1049l")  # the alternate screen is left: the shell is back
    assert left != -1 and out.find(b"\x1b[?1049h") < left
    assert left < out.find(b"crash report (no secrets in it): ")
    assert b"\x1b[?25h" in out[out.find(b"\x1b[?1049h"):]  # and the cursor shown again
    assert TOKEN.encode() not in out
    reports = list((tmp_path / "state" / "oneandone-tui").glob("crash-*.txt"))
    assert len(reports) == 1 and TOKEN not in reports[0].read_text()
    assert "RuntimeError: help failed for «redacted»" in reports[0].read_text()
