"""Read-only catalogues, pricing, ping, logs and usages."""

from __future__ import annotations

from typing import Any

from oneandone_tui.api import AuthError, Client
from oneandone_tui.emulator.core import Emulator

from .helpers import call, is_id, named


async def test_server_appliances(emu: Emulator, client: Client) -> None:
    apps = await call(emu, client.server_appliances.list, q="ubuntu", sort="name")
    assert apps and all("ubuntu" in a["name"] for a in apps)
    one = await call(emu, client.server_appliances.get, apps[0]["id"])
    assert one["name"] == apps[0]["name"] and one["min_hdd_size"] >= 20


async def test_recovery_appliances(emu: Emulator, client: Client) -> None:
    items = await call(emu, client.recovery_appliances.list)
    assert len(items) == 3
    one = await call(emu, client.recovery_appliances.get, items[0]["id"])
    assert one["name"].startswith("Linux 64-bit Rescue-System")


async def test_dvd_isos(emu: Emulator, client: Client) -> None:
    isos = await call(emu, client.dvd_isos.list, fields="id,name,type")
    assert {i["type"] for i in isos} == {"OS", "APP"} and set(isos[0]) == {"id", "name", "type"}
    one = await call(emu, client.dvd_isos.get, isos[0]["id"])
    assert one["name"] == isos[0]["name"]


async def test_datacenters(emu: Emulator, client: Client) -> None:
    dcs = await call(emu, client.datacenters.list, sort="country_code")
    assert [d["country_code"] for d in dcs] == ["DE", "ES", "GB", "US"]
    one = await call(emu, client.datacenters.get, dcs[0]["id"])
    assert one == dcs[0]


async def test_pricing(emu: Emulator, client: Client) -> None:
    pricing = await call(emu, client.pricing.get)
    assert pricing["currency"] and "servers" in pricing["pricing_plans"]


async def test_ping(emu: Emulator, client: Client) -> None:
    assert await call(emu, client.ping.ping) == ["PONG"]
    assert await call(emu, client.ping.ping_auth) == ["PONG"]


async def test_ping_auth_rejects_a_bad_token(emu: Emulator, transport: Any) -> None:
    async with Client("not-the-token", transport=transport) as bad:
        assert await bad.ping.ping() == ["PONG"]
        try:
            await bad.ping.ping_auth()
        except AuthError as exc:
            assert exc.status == 401 and "not-the-token" not in str(exc)
        else:  # pragma: no cover
            raise AssertionError("ping_auth accepted a wrong token")


async def test_logs(emu: Emulator, client: Client) -> None:
    month = await call(emu, client.logs.list, "LAST_30D", sort="-start_date")
    assert len(month) > 10
    starts = [e["start_date"] for e in month]
    assert starts == sorted(starts, reverse=True)
    creates = await client.logs.list("LAST_30D", q="CREATE")
    assert creates and all("CREATE" in e["action"] for e in creates)
    one = await call(emu, client.logs.get, month[0]["id"])
    assert one["id"] == month[0]["id"] and is_id(one["id"])
    everything = await client.logs.list_all("LAST_365D", per_page=10)
    assert len(everything) >= len(month)


async def test_usages(emu: Emulator, client: Client) -> None:
    usages = await call(emu, client.usages.list, "LAST_30D")
    assert isinstance(usages, dict) and usages.get("SERVERS")
    web = named(usages["SERVERS"], "web-01")
    assert web["services"]
