"""The action journal (``J``): every mutating request of the session with its time, action,
target, request line and outcome; reads are not in it, the token never is."""

from __future__ import annotations

from textual.widgets import DataTable

from oneandone_tui.ui.forms.palette import run
from oneandone_tui.ui.screens.journal import JournalScreen
from tests.ui.forms.helpers import (
    fill,
    finish,
    form_of,
    open_key,
    record,
    select_row,
    settle,
    submit,
)


def rows(screen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_journal_lists_changes_with_outcomes_and_no_token(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("J")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert rows(app.screen) == [] and app.screen.query_one("#journal-empty").display
        await pilot.press("escape")

        form = await open_key(pilot, "servers", "e", "web-02")
        await fill(pilot, form, name="web-02b")
        await submit(pilot, form)
        await finish(pilot)
        # No DVD: the menu shows it disabled, but the palette judges by the list row (which
        # does not say), so the request goes and the API's refusal is journaled.
        await select_row(pilot, "worker-us-02")
        run(app, "servers", "eject_dvd")
        await settle(pilot)
        form = form_of(app)
        await submit(pilot, form)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("J")
        await settle(pilot)
        lines = rows(app.screen)
        sid = record(app, "servers", "web-02b")["id"]
        off = record(app, "servers", "worker-us-02")["id"]
        assert [(r[1], r[2], r[5], r[3]) for r in lines] == [
            ("Rename / describe: web-02", "web-02", f"PUT /servers/{sid}", "200"),
            ("Eject the DVD: worker-us-02", "worker-us-02", f"DELETE /servers/{off}/dvd",
             "✗ 409 Server 'worker-us-02' has no DVD loaded."),
        ]
        assert all(r[0].count(":") == 2 for r in lines)  # HH:MM:SS
        assert app.emulator.token not in repr(lines)
        assert len(app.journal.entries) == 2  # the GETs of the session are not there
