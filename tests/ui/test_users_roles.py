"""Users and roles: the API key masked until revealed (and copyable without showing it), the
allowed IPs, and a role's permissions as a grid."""

from __future__ import annotations

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.ui.screens.detail import DetailScreen
from oneandone_tui.ui.widgets.resource_table import ResourceTable
from tests.ui.helpers import notifications, settle, text_of

SIZE = (120, 40)


async def open_item(pilot, category: str, name: str) -> DetailScreen:
    await settle(pilot)
    pilot.app.show_category(category)
    await settle(pilot)
    table = pilot.app.screen.query_one(ResourceTable)
    table.move_to(next(i for i in table.view_ids if table.get_row(i).cells[0] == name))
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DetailScreen) and screen.item["name"] == name
    return screen


def section(screen: DetailScreen, title: str) -> str:
    index = [s.title for s in screen.sections].index(title)
    return text_of(screen.query_one(f"#section-{index} .section-body"))


async def test_api_key_is_masked_until_revealed_and_copyable():
    demo = make_demo_app(clock=ManualClock(), start="users")
    async with demo.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_item(pilot, "users", "ops.jane")
        key = screen.item["api"]["key"]
        for title in ("Overview", "API access"):
            assert key not in section(screen, title)
            assert "•••••••• (32 chars)" in section(screen, title)
        await pilot.press("y")
        assert key not in demo.screen.text  # the raw JSON is masked too
        await pilot.press("escape")
        await pilot.press("K")
        assert demo.clipboard == key
        assert key not in section(screen, "Overview")
        assert any("copied" in m for m in notifications(demo))
        await pilot.press("v")
        assert key in section(screen, "Overview") and key in section(screen, "API access")
        await pilot.press("y")
        assert key in demo.screen.text
        await pilot.press("escape", "v")
        assert key not in section(screen, "Overview")


async def test_the_users_table_json_is_masked_too():
    demo = make_demo_app(clock=ManualClock(), start="users")
    async with demo.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = demo.screen.query_one(ResourceTable)
        jane = next(i for i in table.view_ids if table.get_row(i).cells[0] == "ops.jane")
        table.move_to(jane)
        key = (await demo.client.users.get(jane))["api"]["key"]
        await pilot.press("y")
        assert "ops.jane" in demo.screen.text and key not in demo.screen.text


async def test_reveal_and_copy_keys_are_offered_only_where_there_is_a_key():
    demo = make_demo_app(clock=ManualClock())
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_item(pilot, "load_balancers", "lb-web-de")
        assert screen.check_action("reveal", ()) is False
        assert screen.check_action("copy_key", ()) is False
        assert screen.check_action("logs", ()) is True
        servers = await open_item(pilot, "servers", "web-01")
        assert servers.check_action("copy_key", ()) is False  # a password, not a key


async def test_allowed_ips():
    demo = make_demo_app(clock=ManualClock(), start="users")
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_item(pilot, "users", "ops.jane")
        ips = await demo.client.users.allowed_ips(screen.item_id)
        text = section(screen, "Allowed IPs")
        assert f"only from these {len(ips)} addresses" in text
        assert all(ip in text for ip in ips)
        await pilot.press("escape")
        bot = await open_item(pilot, "users", "billing.bot")
        assert "No restriction" in section(bot, "Allowed IPs")


async def test_role_permissions_as_a_grid():
    demo = make_demo_app(clock=ManualClock(), start="roles")
    async with demo.run_test(size=SIZE) as pilot:
        screen = await open_item(pilot, "roles", "Read only")
        perms = await demo.client.roles.permissions(screen.item_id)
        granted = sum(v for area in perms.values() for v in area.values())
        total = sum(len(area) for area in perms.values())
        text = section(screen, "Permissions")
        assert f"{granted} of {total} permissions granted" in text
        lines = text.splitlines()
        header = next(x for x in lines if x.strip().startswith("Area"))
        assert all(w in header for w in ("show", "create", "delete", "name", "description"))
        servers = next(x for x in lines if x.strip().startswith("Servers"))
        assert servers.split()[1:4] == ["✓", "✗", "✗"]  # show yes, create no, delete no
        assert "✗ KVM console, assign IP, clone" in text
        logs = next(x for x in lines if x.strip().startswith("Logs"))
        assert logs.split()[1:3] == ["✓", "·"]  # show granted; create not applicable
        await pilot.press("escape")
        admin = await open_item(pilot, "roles", "Administrator")
        assert "✗" not in section(admin, "Permissions").split("not applicable", 1)[1]


def test_permissions_grid_reads_both_spellings_alike():
    """The API's snake_case names and the Python SDK's run-together ones fill the same columns
    and words, so the grid never hides a verb behind a spelling."""
    from rich.console import Console

    from oneandone_tui.ui.views import permissions_grid

    def render(data):
        console = Console(width=160, record=True)
        console.print(permissions_grid(data))
        return console.export_text()

    snake = render({"private_networks": {"show": True, "set_name": True,
                                        "set_network_info": False},
                    "servers": {"show": True, "access_kvm_console": True}})
    joined = render({"privatenetwork": {"show": True, "setname": True,
                                        "setnetworkinfo": False},
                     "servers": {"show": True, "accesskvmconsole": True}})
    assert snake == joined
    row = next(x for x in snake.splitlines() if x.strip().startswith("Private networks"))
    assert row.split()[2:6] == ["✓", "·", "·", "✓"]  # show, create, delete n/a, name granted
    assert "✗ network" in snake and "✓ KVM console" in snake
