"""The fault matrix (issue 11): each fault the emulator can inject (503, a dropped
connection, a malformed body) x the explorer, a detail tab, a form's submit, a follow, a
server's charts, the monitoring center, the logs (followed) and the usages. Each cell: the
fault is said (the health banner, an error line, the period's message line, the form's error
line), the last good data stays, marked stale with its age (a form keeps every typed value),
a follow is not given up (a lost answer is not a failure), and everything recovers once the
fault clears: by itself at the next round, or at the next ``r`` / Create for what does not
poll (usages, a form).

A form's submit has two columns: the whole API faulty (the search by name that would check a
lost answer fails, so nothing is sent), and the fault on the POST alone (a lost answer: the
form says the outcome is unknown and looks at the account, never sends it twice).

Time is the poller's injected clock (and the UI's, for ages); the jitter's draw is fixed; the
screens that poll on their own (``ui/visible.Rounds``) have their round's wait cut short, as
the interval elapsing would. After the module, the matrix is printed as a Markdown table
(``table()``): a cell says "pass" only when its test reached its last line."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Button

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.launch import make_demo_app
from oneandone_tui.state import SECTION_EVERY
from oneandone_tui.ui import timing
from oneandone_tui.ui.forms.spec import Target
from oneandone_tui.ui.screens.detail import DetailScreen
from oneandone_tui.ui.screens.monitoring_center import REFRESH
from oneandone_tui.ui.widgets.health_banner import HealthBanner
from tests.ui.forms.helpers import error_text, fill, finish, open_key, option
from tests.ui.helpers import notifications, settle, text_of, until
from tests.ui.test_live_state import FakeClock, one_round
from tests.ui.test_logs import open_logs
from tests.ui.test_monitoring import open_center, open_charts
from tests.ui.test_usages import open_usages

FAULTS = {
    "503": {"error_rate": 1.0, "error_statuses": [503]},
    "dropped connection": {"drop_rate": 1.0},
    "malformed body": {"malformed_rate": 1.0},
}
CLEAR = {"error_rate": 0.0, "drop_rate": 0.0, "malformed_rate": 0.0}
#: Longer than any backoff at the fixed jitter: the next round retries.
AFTER_BACKOFF = 61.0


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(timing, "monotonic", fake)
    return fake


def said(app) -> str:
    """Every error the screen shows now: banners and error lines."""
    parts = [text_of(b) for b in app.screen.query(HealthBanner) if b.display]
    for selector in ("#list-error", "#detail-error"):
        for line in app.screen.query(selector):
            if line.display:
                parts.append(text_of(line))
    return "\n".join(parts)


async def started(pilot):
    app = pilot.app
    await settle(pilot)
    app.client.retry = replace(app.client.retry, max_attempts=1)
    app.poller.random = lambda: 0.5
    return app


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_explorer(clock, fault):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        rows = app.explorer().table.row_count
        app.emulator.faults.update(FAULTS[fault])
        await one_round(pilot, clock)
        shown = said(app)
        assert "Could not refresh servers" in shown and "stale" in shown
        assert app.explorer().table.row_count == rows  # the last good rows
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await until(pilot, lambda: said(app) == "")
        assert app.state.lists["servers"].error is None
        passed(fault, "explorer")


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_detail_tab(clock, fault):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("enter")  # web-01
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        screen.query_one("#tabs").active = "section-4"  # IPs
        await settle(pilot)
        body = screen.query_one("#section-4 .section-body")
        good = text_of(body)
        ip = app.state.section("servers", screen.item_id, "IPs").data[0]["ip"]
        assert ip in good
        app.emulator.faults.update(FAULTS[fault])
        await one_round(pilot, clock, SECTION_EVERY)
        assert said(app)  # the fault is said
        tab = text_of(body)
        assert ip in tab and "stale" in tab  # the last good IPs, marked stale
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await until(pilot, lambda: said(app) == "" and "stale" not in text_of(body))
        assert ip in text_of(body)
        passed(fault, "detail")


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_follow(clock, fault):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        ci = next(i for i in app.state.items("servers") if i["name"] == "ci-runner")
        f = app.follower.follow(Target("servers", ci["id"], "ci-runner"), "Create")
        app.emulator.faults.update(FAULTS[fault])
        for _ in range(3):
            await one_round(pilot, clock, AFTER_BACKOFF)
        assert said(app) and not f.done  # said, and not given up: the outcome is unknown
        app.emulator.settle()
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await until(pilot, lambda: f.done)
        assert f.error is None and f.state == "POWERED_ON"
        passed(fault, "follow")


# -- the screens that poll on their own (charts, logs, usages) and a form's submit -------------
def picker_error(screen) -> str:
    return screen.picker.error


async def woken(pilot, screen, condition) -> None:
    """The screen's round falls due (its wait is cut short, as the interval elapsing would),
    then wait until ``condition`` holds."""
    screen._wake.set()
    await until(pilot, condition)
    await pilot.pause()


#: The fault on the create's POST alone (the search before it answered).
ON_THE_POST = {
    "503": {"fault": "status", "status": 503, "match": "POST /servers"},
    "dropped connection": {"fault": "drop", "match": "POST /servers"},
    "malformed body": {"fault": "malformed", "match": "POST /servers"},
}


async def new_server_form(pilot):
    form = await open_key(pilot, "servers", "n")
    await fill(pilot, form, name="web-09", description="typed under a fault",
               appliance_id=option(form, "appliance_id", "centos7-64std"),
               vcore=2, cores_per_processor=1, ram="4", hdds__0__size="40")
    return form


async def pressed(pilot, form) -> None:
    """Enter on the form's submit button, and its answer (and any looking) arrived."""
    form.action_submit()
    await until(pilot, lambda: not form.sending)
    await settle(pilot)


def web_09(app) -> list:
    return [s for s in app.emulator.store.servers.values() if s["name"] == "web-09"]


def posts(app) -> int:
    return int(app.emulator.stats.snapshot()["requests"].get("POST /v1/servers", 0))


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_form_submit(clock, fault):
    """New server, submitted while the whole API is faulty: the search by name that a lost
    answer would be checked against fails, so nothing is sent (a create sent blind could not
    be checked); the form says why and keeps every typed value; Create works once the fault
    clears, and makes exactly one server."""
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        form = await new_server_form(pilot)
        typed = form.values()
        button = form.query_one("#form-submit", Button)
        app.emulator.faults.update(FAULTS[fault])
        await pressed(pilot, form)
        assert app.screen is form and form.values() == typed  # every typed value kept
        said_now = error_text(form)
        assert "Nothing was sent: the account could not be read first" in said_now
        assert ("503" in said_now) == (fault == "503")
        assert str(button.label) == "Create" and not button.disabled
        assert web_09(app) == [] and posts(app) == 0
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await pressed(pilot, form)
        await finish(pilot)
        assert len(web_09(app)) == 1 and web_09(app)[0]["state"] == "POWERED_ON"
        assert posts(app) == 1
        passed(fault, "form submit")


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_form_submit_the_post_only(clock, fault):
    """The fault hits the create's POST, and the account cannot be read for a while after.
    A 503 is the API's refusal: said, Create again. A dropped connection or a malformed answer
    is a lost answer: the form says the outcome is unknown and that looking at the account
    failed too, and offers only "Check again" (nothing is sent twice). Once the account
    answers, the form finds out: the dropped POST created nothing (Create is offered again),
    the malformed answer's server exists and is followed. One server in the end."""
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        form = await new_server_form(pilot)
        typed = form.values()
        button = form.query_one("#form-submit", Button)
        # The POST fails, then every request after it (the search a lost answer starts).
        app.emulator.faults.update({"fail_next": [ON_THE_POST[fault]]})
        original = app.emulator.faults.pick

        def then_everything(method: str, path: str):
            picked = original(method, path)
            if method == "POST":
                app.emulator.faults.update(FAULTS[fault])
                app.emulator.faults.pick = original  # once
            return picked

        app.emulator.faults.pick = then_everything
        await pressed(pilot, form)
        assert app.screen is form and form.values() == typed
        said_now = error_text(form)
        if fault == "503":
            assert "503" in said_now and str(button.label) == "Create"
            assert web_09(app) == []
        else:
            assert "outcome is still unknown" in said_now
            assert "Looking at the account failed too" in said_now
            assert str(button.label) == "Check again"
        assert not button.disabled and posts(app) == 1
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)  # the app's own rounds recover too
        await pressed(pilot, form)  # Create again (503) or Check again (a lost answer)
        if fault == "dropped connection":
            assert web_09(app) == []
            assert "no server named 'web-09' was created" in error_text(form)
            assert str(button.label) == "Create" and form.values() == typed
            await pressed(pilot, form)
        if fault == "malformed body":
            assert posts(app) == 1
            assert any("web-09 was created" in n for n in notifications(app))
        await finish(pilot)
        assert len(web_09(app)) == 1 and web_09(app)[0]["state"] == "POWERED_ON"
        assert posts(app) == (1 if fault == "malformed body" else 2)
        passed(fault, "form submit, POST only")


def renames(app) -> int:
    return int(app.emulator.stats.snapshot()["requests"].get("PUT /v1/servers/{server_id}", 0))


def web_01(app) -> dict:
    return next(s for s in app.emulator.store.servers.values()
                if s["name"] in ("web-01", "web-01b"))


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_rename_form(clock, fault):
    """Rename web-01 while the whole API is faulty. A 503: said, Save again. A dropped
    connection or a malformed answer to the PUT: the outcome is unknown and looking fails
    too, so only "Check again" is offered. Once the fault clears, looking at the account
    tells: the dropped PUT did not take (Save is offered again), the malformed answer's did
    (the form is done). Every typed value is kept until then; the server is renamed once."""
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        form = await open_key(pilot, "servers", "e", "web-01")
        await fill(pilot, form, name="web-01b", description="renamed under a fault")
        typed = form.values()
        button = form.query_one("#form-submit", Button)
        app.emulator.faults.update(FAULTS[fault])
        await pressed(pilot, form)
        assert app.screen is form and form.values() == typed
        said_now = error_text(form)
        if fault == "503":
            assert "503" in said_now and str(button.label) == "Save"
        else:
            assert "outcome is still unknown" in said_now
            assert "Looking at the account failed too" in said_now
            assert str(button.label) == "Check again"
        assert not button.disabled and renames(app) == 1
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await pressed(pilot, form)  # Save again (503) or Check again (a lost answer)
        if fault == "dropped connection":
            assert "the change did not take" in error_text(form)
            assert web_01(app)["name"] == "web-01" and form.values() == typed
            assert str(button.label) == "Save"
            await pressed(pilot, form)
        if fault == "malformed body":
            assert any("the change took" in n for n in notifications(app))
        await finish(pilot)
        assert app.screen is not form
        assert web_01(app)["name"] == "web-01b"
        assert web_01(app)["description"] == "renamed under a fault"
        assert renames(app) == (1 if fault == "malformed body" else 2)
        passed(fault, "rename form")


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_charts(clock, fault):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        charts = await open_charts(pilot, "web-01")
        good = charts.chart("cpu").data
        assert good is not None and good.lines[0].values
        app.emulator.faults.update(FAULTS[fault])
        clock.now += 61
        await woken(pilot, charts, lambda: "stale" in picker_error(charts))
        assert "could not refresh the charts" in picker_error(charts)
        assert charts.chart("cpu").data == good  # the last good series, still drawn
        assert "stale" in text_of(charts.query_one("#title"))
        assert "61s" in picker_error(charts)  # its age
        app.emulator.faults.update(CLEAR)
        clock.now += 61
        await woken(pilot, charts, lambda: picker_error(charts) == "")
        assert "stale" not in text_of(charts.query_one("#title"))
        assert charts.chart("cpu").data is not None
        passed(fault, "charts")


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_monitoring_center(clock, fault):
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        screen = await open_center(pilot)
        rows = screen.table.row_count
        assert rows > 0
        line = screen.query_one("#mc-error")
        app.emulator.faults.update(FAULTS[fault])
        await one_round(pilot, clock, REFRESH)
        await until(pilot, lambda: line.display and "stale" in text_of(line))
        assert "could not refresh" in text_of(line)
        assert screen.table.row_count == rows  # the last good rows
        app.emulator.faults.update(CLEAR)
        await one_round(pilot, clock, AFTER_BACKOFF)
        await until(pilot, lambda: not line.display)
        assert screen.table.row_count == rows
        passed(fault, "monitoring center")


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_logs(clock, fault):
    """The logs, followed: the fault is said once (not a toast every 2 s), the rows stay,
    marked stale, the follow goes on and shows a new action once the fault clears."""
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        screen = await open_logs(pilot)
        await pilot.press("f")
        rows = screen.table.row_count
        assert screen.following and rows > 0
        title = screen.query_one("#title")
        app.emulator.faults.update(FAULTS[fault])
        clock.now += 2
        await woken(pilot, screen, lambda: "stale" in picker_error(screen))
        toasts = len(notifications(app))
        clock.now += 2
        await woken(pilot, screen, lambda: "4s" in picker_error(screen))
        assert len(notifications(app)) == toasts  # said once, not every round
        assert "could not refresh the logs" in picker_error(screen)
        assert screen.table.row_count == rows and "stale" in text_of(title)
        assert screen.following and "following" in text_of(title)
        app.emulator.faults.update(CLEAR)
        web = next(s for s in await app.client.servers.list() if s["name"] == "web-01")
        await app.client.servers.stop(web["id"])
        clock.now += 2
        await woken(pilot, screen, lambda: screen.table.row_count == rows + 1)
        assert picker_error(screen) == "" and "stale" not in text_of(title)
        passed(fault, "logs")


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_usages(clock, fault):
    """Usages load once per period (no rounds): refreshed (``r``) under the fault, the last
    good totals stay, marked stale; ``r`` once it clears brings fresh ones."""
    app = make_demo_app(clock=ManualClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        screen = await open_usages(pilot)
        good = [screen.groups.get_row(i).cells for i in screen.groups.view_ids]
        assert good
        app.emulator.faults.update(FAULTS[fault])
        clock.now += 30
        await pilot.press("r")
        await until(pilot, lambda: "stale" in picker_error(screen))
        assert "could not refresh the usages" in picker_error(screen)
        assert [screen.groups.get_row(i).cells for i in screen.groups.view_ids] == good
        assert "stale" in text_of(screen.query_one("#title"))
        app.emulator.faults.update(CLEAR)
        await pilot.press("r")
        await until(pilot, lambda: picker_error(screen) == "")
        assert "stale" not in text_of(screen.query_one("#title"))
        assert [screen.groups.get_row(i).cells for i in screen.groups.view_ids] == good
        passed(fault, "usages")


# -- the table ---------------------------------------------------------------------------------
SCREENS = ("explorer", "detail", "form submit", "form submit, POST only", "rename form",
           "follow", "charts", "monitoring center", "logs", "usages")
#: (fault, screen) -> "pass", set by a cell's last line: a cell that failed never gets there.
MATRIX: dict[tuple[str, str], str] = {}


def passed(fault: str, screen: str) -> None:
    MATRIX[(fault, screen)] = "pass"


def table() -> str:
    """The matrix as a Markdown table (for the closing note): a cell not run, or failed, says
    so."""
    head = "| fault | " + " | ".join(SCREENS) + " |"
    rule = "|---" * (len(SCREENS) + 1) + "|"
    rows = [f"| {fault} | " + " | ".join(MATRIX.get((fault, s), "FAIL/not run")
                                         for s in SCREENS) + " |" for fault in FAULTS]
    return "\n".join([head, rule, *rows])


@pytest.fixture(scope="module", autouse=True)
def print_the_table(request):
    """After the module's cells ran: the table, straight to the terminal (past the capture)."""
    yield
    plugins = request.config.pluginmanager
    reporter, capture = plugins.getplugin("terminalreporter"), plugins.getplugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_line("Fault matrix (tests/ui/test_fault_matrix.py):")
        for line in table().splitlines():
            reporter.write_line(line)
