"""The walls: importing the API package is cheap (no httpx until a Client is built), and the
client never reaches for Textual or the emulator."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


def test_importing_the_package_does_not_import_httpx() -> None:
    assert run("""
        import sys
        import oneandone_tui.api as api
        from oneandone_tui.api import Server, Hdd, ValidationError, WaitPolicy
        Server(name="x").errors()
        print("httpx" in sys.modules)
    """) == "False"


def test_building_a_client_imports_httpx_but_not_textual_or_the_emulator() -> None:
    assert run("""
        import sys
        from oneandone_tui.api import Client
        from oneandone_tui import config
        Client("t")
        print("httpx" in sys.modules,
              any(m == "textual" or m.startswith("textual.") for m in sys.modules),
              any(m.startswith("oneandone_tui.emulator") for m in sys.modules),
              any(m.startswith("oneandone_tui.ui") for m in sys.modules))
    """) == "True False False False"


def test_every_public_name_resolves_from_its_module() -> None:
    import oneandone_tui.api as api

    assert set(api.__all__) == set(api._WHERE)
    for name in api.__all__:
        assert getattr(api, name) is not None, name


def test_the_demo_runs_its_requests_without_httpx() -> None:
    assert run("""
        import asyncio, sys
        from oneandone_tui.launch import demo_client
        async def main():
            client, emu = demo_client()
            servers = await client.servers.list(page=1, per_page=5)
            await client.aclose()
            return len(servers)
        n = asyncio.run(main())
        print(n, "httpx" in sys.modules)
    """) == "5 False"
