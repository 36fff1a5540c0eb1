"""Starting against a real account: settings from profile/env/flags, and the first-run screen
when no token is configured."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .ui.widgets.status_bar import Connection


def configured_app(args: argparse.Namespace, start: str) -> Any:
    from . import config
    from .api.client import Client
    from .api.errors import ApiError, AuthError
    from .ui.app import OneAndOneApp

    try:
        settings = config.resolve(profile=args.profile, api_url=args.api_url,
                                  read_only=True if args.read_only else None)
    except config.ConfigError as exc:
        print(f"oneandone-tui: {exc}", file=sys.stderr)
        return None
    for warning in settings.warnings:
        print(f"oneandone-tui: warning: {warning}", file=sys.stderr)

    def connection(demo: bool = False) -> Connection:
        if demo:
            return Connection("demo", "in-process emulator", settings.read_only, demo=True,
                              ssh=settings.ssh)
        return Connection(settings.profile, settings.base_url, settings.read_only,
                          ssh=settings.ssh)

    # A URL given for this run (--api-url, ONEANDONE_BASE_URL) is saved only if the user ticks
    # the box that offers it; the profile's other settings are kept either way.
    one_off = settings.base_url if settings.base_url_source not in ("profile", "default") \
        else None

    def save(token: str, keep_url: bool) -> None:
        config.save_token(settings.profile, config.Secret(token),
                          base_url=one_off if keep_url and one_off else None,
                          path=settings.config_path)

    def save_token(token: str) -> None:
        """A token entered after a 401 (``T``): saved, the URL of this run left out."""
        save(token, False)

    if settings.token is not None:
        client = Client(settings.token, base_url=settings.base_url,
                        read_only=settings.read_only)
        configured = OneAndOneApp(client, connection(), start=start)
        # A token refused later (401) is replaced on the spot (``T``) and saved like this.
        configured.save_token = save_token
        return configured

    app = OneAndOneApp(None, connection(), start=start)
    app.save_token = save_token

    async def check(token: str) -> str | None:
        probe = Client(token, base_url=settings.base_url)
        try:
            await probe.ping.ping_auth()
        except AuthError:
            return "The API refused this token (401/403). Check it and try again."
        except ApiError as exc:
            return f"Could not check the token: {exc}"
        finally:
            await probe.aclose()
        return None

    def connect(token: str) -> None:
        app.connect(Client(token, base_url=settings.base_url, read_only=settings.read_only),
                    connection())

    def demo() -> None:
        from .launch import demo_client

        client, emu = demo_client(read_only=settings.read_only)
        app.emulator = emu  # type: ignore[attr-defined]
        app.connect(client, connection(demo=True))

    from .ui.screens.first_run import FirstRunScreen

    app.first_screen = FirstRunScreen(
        profile=settings.profile, endpoint=settings.base_url,
        path=str(settings.config_path), check=check, save=save, connect=connect, demo=demo,
        one_off_url=one_off, one_off_source=settings.base_url_source)
    return app
