"""What a type checker must see in the public client (checked by mypy in .ci/run, never run).

The package's names resolve lazily (module ``__getattr__``), which type checkers cannot follow;
the ``TYPE_CHECKING`` imports beside each facade must keep every name typed. If one went
missing, ``client.servers`` would become ``Any``: the ``assert_type`` lines would fail, and the
deliberate mistakes below would no longer be errors, so their ``type: ignore`` would be reported
as unused (``warn_unused_ignores``).
"""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

from oneandone_tui.api import Client, Hdd, RetryPolicy, Server, ServerAction, ValidationError
from oneandone_tui.api.models import Hdd as ModelHdd
from oneandone_tui.api.resources import Servers
from oneandone_tui.ui.client_protocol import UiClient


async def usage(client: Client) -> None:
    assert_type(client.servers, Servers)
    server = Server("web", vcore=1, cores_per_processor=1, ram=2, appliance_id="A" * 32,
                    hdds=[Hdd(40, is_main=True)])
    assert_type(await client.servers.create(server), dict[str, Any])
    assert_type(await client.servers.get("S"), dict[str, Any])
    assert_type(ModelHdd, type[Hdd])
    assert_type(ServerAction("REBOOT"), ServerAction)
    assert_type(RetryPolicy(), RetryPolicy)
    assert_type(ValidationError("name", "is required"), ValidationError)
    await client.servers.create("web")  # type: ignore[arg-type]
    await client.servers.no_such_method()  # type: ignore[attr-defined]
    await client.no_such_category.list()  # type: ignore[attr-defined]


def the_client_is_what_the_ui_needs(client: Client) -> UiClient:
    """The real client satisfies the UI's Protocol (a missing or retyped member is an error)."""
    return client


async def the_ui_sees_typed_facades(client: UiClient) -> None:
    assert_type(await client.servers.get("S"), dict[str, Any])
    await client.servers.create("web")  # type: ignore[arg-type]
