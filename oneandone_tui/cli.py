"""Command line: ``oneandone-tui [--demo] [category]`` runs the TUI;
``oneandone-tui emulator ...`` serves the emulator over HTTP on loopback.

Imports are lazy: the first frame of the TUI must not wait for the emulator, httpx or the
HTTP server to be imported when they are not needed.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import sys
from collections.abc import Mapping, Sequence

from . import __version__

#: Where ``oneandone-tui emulator`` takes its token from when neither flag gives one (an
#: environment variable is not visible in ``ps``, unlike ``--token``).
TOKEN_ENV = "ONEANDONE_EMULATOR_TOKEN"


def _faults_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("fault injection (also changeable at run time: PUT /_emulator/faults)")
    g.add_argument("--latency-ms", type=float, default=0.0, help="added latency per request")
    g.add_argument("--error-rate", type=float, default=0.0,
                   help="share of requests answered 500/502/503/504 (0..1)")
    g.add_argument("--rate-limit-rate", type=float, default=0.0,
                   help="share of requests answered 429 with X-Rate-Limit-Reset (0..1)")
    g.add_argument("--rate-limit-reset", type=int, default=2, help="seconds in X-Rate-Limit-Reset")
    g.add_argument("--malformed-rate", type=float, default=0.0,
                   help="share of responses with a truncated JSON body (0..1)")
    g.add_argument("--drop-rate", type=float, default=0.0,
                   help="share of connections dropped without an answer (0..1)")


def _fault_settings(args: argparse.Namespace):
    from .emulator.faults import FaultSettings

    return FaultSettings(latency_ms=args.latency_ms, error_rate=args.error_rate,
                         rate_limit_rate=args.rate_limit_rate,
                         rate_limit_reset=args.rate_limit_reset,
                         malformed_rate=args.malformed_rate, drop_rate=args.drop_rate)


def emulator_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="oneandone-tui emulator",
        description="Serve the 1&1 Cloud Server API emulator over HTTP on loopback.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any free)")
    p.add_argument("--token", default=None,
                   help="API token of the demo account's owner (default: demo-token; visible "
                        f"to other users in ps: prefer --token-file or ${TOKEN_ENV})")
    p.add_argument("--token-file", metavar="PATH", default=None,
                   help="read the token from this file (its first line)")
    p.add_argument("--time-scale", type=float, default=10.0,
                   help="how much faster than real time operations complete (default 10)")
    p.add_argument("--servers", type=int, default=0, help="extra servers in the demo account")
    p.add_argument("--seed", type=int, default=1, help="seed of the demo account (default 1)")
    p.add_argument("--verbose", action="store_true",
                   help="log every request to stderr (query values redacted)")
    _faults_args(p)
    return p


def emulator_token(args: argparse.Namespace,
                    environ: Mapping[str, str] | None = None) -> tuple[str | None, str]:
    """The emulator's token and where it came from: ``--token``, ``--token-file`` (first line,
    surrounding blanks stripped), ``$ONEANDONE_EMULATOR_TOKEN``, else none (the default).
    Raises ``ValueError`` with a message for the user."""
    env = os.environ if environ is None else environ
    if args.token is not None and args.token_file is not None:
        raise ValueError("give --token or --token-file, not both")
    if args.token is not None:
        token, source = args.token, "--token"
    elif args.token_file is not None:
        try:
            with open(args.token_file, encoding="utf-8") as fh:
                token = fh.readline().strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the token file {args.token_file}: "
                             f"{getattr(exc, 'strerror', None) or exc}") from None
        source = f"--token-file {args.token_file}"
    elif env.get(TOKEN_ENV):
        token, source = env[TOKEN_ENV], f"${TOKEN_ENV}"
    else:
        return None, "default"
    token = token.strip()
    if not token:
        raise ValueError(f"the token from {source} is empty")
    if not token.isprintable() or not token.isascii():
        raise ValueError(f"the token from {source} must be printable ASCII (an HTTP header)")
    return token, source


def run_emulator(argv: Sequence[str]) -> int:
    parser = emulator_parser()
    args = parser.parse_args(argv)
    from .emulator.core import DEFAULT_TOKEN, Emulator
    from .emulator.http import base_url, make_server

    try:
        token, source = emulator_token(args)
    except ValueError as exc:
        parser.error(str(exc))
    if args.token is not None:
        print(f"oneandone-tui emulator: note: --token is visible to other users in ps; prefer "
              f"--token-file PATH or ${TOKEN_ENV}", file=sys.stderr)
    if not (math.isfinite(args.time_scale) and args.time_scale > 0):
        parser.error(f"--time-scale must be a number > 0, got {args.time_scale}")
    if args.servers < 0:
        parser.error(f"--servers must be >= 0, got {args.servers}")
    try:
        faults = _fault_settings(args)
        emu = Emulator(seed=args.seed, servers=args.servers, token=token or DEFAULT_TOKEN,
                       time_scale=args.time_scale, faults=faults)
    except ValueError as exc:
        parser.error(f"invalid fault setting: {exc}")
    try:
        server = make_server(emu, args.host, args.port, quiet=not args.verbose)
    except OSError as exc:
        print(f"oneandone-tui emulator: cannot listen on {args.host}:{args.port}: {exc}",
              file=sys.stderr)
        return 1
    import logging

    failures = logging.StreamHandler(sys.stderr)
    failures.setLevel(logging.WARNING)
    logging.getLogger("oneandone_tui.emulator").addHandler(failures)
    url = base_url(server)
    print(url, flush=True)
    print(f"  token: {f'(from {source})' if token else DEFAULT_TOKEN}   "
          f"time scale: {args.time_scale}x   servers: {len(emu.store.servers)}   "
          f"control: {url[:-3]}/_emulator/stats, /_emulator/faults", file=sys.stderr,
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def tui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="oneandone-tui",
        description="A terminal UI for 1&1 Cloud Servers. "
                    "'oneandone-tui emulator --help' for the API emulator.")
    p.add_argument("category", nargs="?",
                   help="start on a category, e.g. 'servers' (default: the dashboard)")
    p.add_argument("--demo", action="store_true",
                   help="run against the built-in emulator (no account, no network)")
    p.add_argument("--profile", help="configuration profile to use")
    p.add_argument("--api-url", help="API base URL (default: the profile's, else the 1&1 API)")
    p.add_argument("--read-only", action="store_true", help="hide and refuse every change")
    p.add_argument("--servers", type=int, default=0, help="demo: extra servers in the account")
    p.add_argument("--seed", type=int, default=1, help="demo: seed of the demo account")
    p.add_argument("--time-scale", type=float, default=10.0,
                   help="demo: how much faster than real time operations complete")
    p.add_argument("--version", action="version", version=f"oneandone-tui {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "emulator":
        return run_emulator(argv[1:])
    args = tui_parser().parse_args(argv)
    # No cyclic garbage collection until the first screen is up (the app turns it back on):
    # start-up allocates a lot and frees little, and the collector's passes over it cost
    # ~10% of the time to the first frame (measured, benchmarks/startup.py).
    gc.disable()
    from .launch import run_tui

    try:
        return run_tui(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the crash handler (before the app ran): anything, reported
        from . import crash

        return crash.report(error)
