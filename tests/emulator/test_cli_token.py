"""The emulator's token without ``--token`` in ``ps`` (issue 11, item 8): from
``$ONEANDONE_EMULATOR_TOKEN`` or ``--token-file``; ``--verbose`` logs requests without query
values and without the token."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from oneandone_tui.cli import TOKEN_ENV, emulator_parser, emulator_token
from oneandone_tui.emulator.http import redact

SECRET = "s3cret-Tok3n-9f2c"


def parse(*argv: str) -> argparse.Namespace:
    return emulator_parser().parse_args(list(argv))


def test_token_sources_in_order(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text(f"  {SECRET}  \nsecond line ignored\n")
    env = {TOKEN_ENV: "from-env"}
    assert emulator_token(parse("--token", "flag"), env) == ("flag", "--token")
    assert emulator_token(parse("--token-file", str(path)), env) == (
        SECRET, f"--token-file {path}")
    assert emulator_token(parse(), env) == ("from-env", f"${TOKEN_ENV}")
    assert emulator_token(parse(), {}) == (None, "default")
    assert emulator_token(parse(), {TOKEN_ENV: ""}) == (None, "default")


@pytest.mark.parametrize(("content", "fragment"), [
    ("\n", "is empty"),
    ("tok\x1ben\n", "printable ASCII"),
])
def test_a_bad_token_file_is_refused_with_a_message(tmp_path: Path, content: str,
                                                    fragment: str) -> None:
    path = tmp_path / "token"
    path.write_text(content)
    with pytest.raises(ValueError, match=fragment):
        emulator_token(parse("--token-file", str(path)), {})
    with pytest.raises(ValueError, match="cannot read the token file"):
        emulator_token(parse("--token-file", str(tmp_path / "missing")), {})
    with pytest.raises(ValueError, match="not both"):
        emulator_token(parse("--token", "a", "--token-file", str(path)), {})


def test_redact_keeps_parameter_names_and_masks_values_and_token() -> None:
    line = f'"GET /v1/servers?q=db-01&page=2&flag HTTP/1.1" 200 - {SECRET}'
    assert redact(line, SECRET) == '"GET /v1/servers?q=*&page=*&flag HTTP/1.1" 200 - ***'
    assert redact('"GET /v1/servers HTTP/1.1" 200 -') == '"GET /v1/servers HTTP/1.1" 200 -'


@contextmanager
def emulator_process(*argv: str, env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "oneandone_tui", "emulator", "--port", "0", *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
    try:
        url = proc.stdout.readline().strip()  # type: ignore[union-attr]
        assert url.startswith("http://127.0.0.1:"), proc.stderr.read()  # type: ignore[union-attr]
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_env_token_serves_and_never_shows_in_argv_or_the_verbose_log() -> None:
    with emulator_process("--verbose", env={TOKEN_ENV: SECRET}) as (url, proc):
        assert SECRET not in " ".join(proc.args)
        r = httpx.get(url + "/servers", params={"q": "private-search", "per_page": "3"},
                      headers={"X-TOKEN": SECRET}, timeout=10)
        assert r.status_code == 200
        r = httpx.get(url + "/servers", params={"q": SECRET}, headers={"X-TOKEN": SECRET})
        assert r.status_code == 200
        assert httpx.get(url + "/servers", headers={"X-TOKEN": "demo-token"}).status_code == 401
        with open(f"/proc/{proc.pid}/cmdline", "rb") as fh:
            assert SECRET.encode() not in fh.read()
    err = proc.stderr.read()  # type: ignore[union-attr]
    assert f"(from ${TOKEN_ENV})" in err
    assert "GET /v1/servers?q=*&per_page=* HTTP/1.1" in err
    assert "private-search" not in err and SECRET not in err


def test_token_file_serves(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text(SECRET + "\n")
    with emulator_process("--token-file", str(path), env={TOKEN_ENV: ""}) as (url, proc):
        r = httpx.get(url + "/servers", headers={"X-TOKEN": SECRET}, timeout=10)
        assert r.status_code == 200
    err = proc.stderr.read()  # type: ignore[union-attr]
    assert "(from --token-file" in err and SECRET not in err


@pytest.mark.parametrize(("argv", "fragment"), [
    (["--latency-ms", "inf"], "latency_ms"),
    (["--error-rate", "2"], "error_rate"),
    (["--time-scale", "nan"], "--time-scale"),
    (["--token-file", "/nonexistent/token"], "cannot read the token file"),
])
def test_bad_command_line_values_exit_with_a_message(argv: list[str], fragment: str) -> None:
    done = subprocess.run([sys.executable, "-m", "oneandone_tui", "emulator", "--port", "0",
                           *argv], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and fragment in done.stderr and done.stdout == ""
