"""One confirmation rule (README): destructive ones open on Cancel and their footer says what
enter does there; enter then sends nothing and says so; other confirmations open on their
action. ``esc`` on a form with changes asks before throwing them away."""

from __future__ import annotations

import pytest

from oneandone_tui.ui.forms.discard import DiscardScreen
from tests.ui.forms.helpers import (
    fill,
    form_of,
    mutating,
    notifications,
    open_action,
    open_key,
    select_row,
    settle,
    show,
)

DESTRUCTIVE = [("power_off", "web-01", "Power off"), ("reboot", "web-01", "Reboot"),
               ("reinstall", "web-01", "Reinstall"),
               ("snapshot_restore", "db-primary", "Restore")]


@pytest.mark.parametrize("action, name, label", DESTRUCTIVE)
async def test_destructive_opens_on_cancel_and_enter_sends_nothing(demo_app, action, name,
                                                                  label):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", action, name)
        assert app.screen.focused.id == "form-cancel"
        assert form.query_one("#form").border_subtitle == f"enter: cancel · tab: {label}"
        await pilot.press("tab")
        assert app.screen.focused.id == "form-submit"
        assert form.query_one("#form").border_subtitle == f"enter: {label} · esc: cancel"
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert app.screen is app.explorer() and mutating(app) == 0
        assert "Cancelled, nothing sent." in notifications(app)


async def test_delete_opens_on_cancel_too(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "firewall_policies", "ctrl+d", "web-public")
        assert form.query_one("#form").border_subtitle == "enter: cancel · tab: Delete"
        await pilot.press("enter")
        await settle(pilot)
        assert mutating(app) == 0 and "Cancelled, nothing sent." in notifications(app)


@pytest.mark.parametrize("action, submit", [("add_ip", "Add"), ("snapshot", "Create"),
                                            ("hardware", "Resize"), ("power_on", "Power on")])
async def test_other_confirmations_open_on_their_action(demo_app, action, submit):
    app = demo_app
    name = "worker-us-02" if action == "power_on" else "web-02"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_action(pilot, "servers", action, name)
        assert app.screen.focused.id == "form-submit"
        assert form.query_one("#form").border_subtitle == f"enter: {submit} · esc: cancel"


async def test_escape_on_a_changed_form_asks(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "vpns")
        await pilot.press("n")
        await settle(pilot)
        form = form_of(app)
        await pilot.press("escape")  # nothing changed: it just closes
        await settle(pilot)
        assert app.screen is app.explorer()
        assert notifications(app)[-1] == "Cancelled, nothing sent."

        await pilot.press("n")
        await settle(pilot)
        form = form_of(app)
        await pilot.press(*"half-done")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardScreen)
        assert app.screen.focused.id == "discard-keep"
        await pilot.press("enter")  # keep editing: the typed text is still there
        await settle(pilot)
        assert app.screen is form and form.values()["name"] == "half-done"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("tab", "enter")  # Discard
        await settle(pilot)
        assert app.screen is app.explorer() and mutating(app) == 0
        assert notifications(app)[-1] == "Cancelled, nothing sent."


async def test_escape_on_an_untouched_prefilled_form_closes(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "servers")
        await select_row(pilot, "web-01")
        form = await open_action(pilot, "servers", "hardware", "web-01")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.explorer()
        form = await open_action(pilot, "servers", "hardware", "web-01")
        await fill(pilot, form, hardware_mode="custom")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardScreen)


async def test_a_delete_asking_for_the_name_follows_the_rule_too(demo_app):
    """Deleting a server wants its name typed: it opens on Cancel as well (a reflex enter
    cancels and says so), and the footer says what enter does wherever the focus is."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await open_key(pilot, "servers", "ctrl+d", "web-01")
        footer = form.query_one("#form")
        assert app.screen.focused.id == "form-cancel"
        assert footer.border_subtitle == "enter: cancel · shift+tab: type the name to delete"
        await pilot.press("tab")  # the Delete button, the name not typed yet
        assert app.screen.focused.id == "form-submit"
        assert footer.border_subtitle == \
            "enter: to the name (nothing is sent until it is typed) · esc: cancel"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and mutating(app) == 0
        assert app.screen.focused is form.control("__typed__")
        assert footer.border_subtitle == \
            "enter: sends nothing until the name is typed · esc: cancel"
        await pilot.press("shift+tab")  # a checkbox: enter ticks it
        assert app.screen.focused is form.control("keep_hdds")
        assert footer.border_subtitle == "enter: tick or untick · tab: next · esc: cancel"
        await pilot.press("enter")
        assert app.screen is form and form.values()["keep_hdds"] is True
        assert mutating(app) == 0
        await pilot.press("escape")  # a change: asks first
        await settle(pilot)
        await pilot.press("tab", "enter")  # Discard
        await settle(pilot)
        assert app.screen is app.explorer() and mutating(app) == 0

        form = await open_key(pilot, "servers", "ctrl+d", "web-01")
        await pilot.press("enter")  # as it opens: Cancel
        await settle(pilot)
        assert app.screen is app.explorer() and mutating(app) == 0
        assert notifications(app)[-1] == "Cancelled, nothing sent."

        # With the name typed, tab from Cancel reaches Delete, and says so.
        form = await open_key(pilot, "servers", "ctrl+d", "web-01")
        await pilot.press("shift+tab", *"web-01", "tab")
        assert app.screen.focused.id == "form-cancel"
        assert form.query_one("#form").border_subtitle == "enter: cancel · tab: Delete"
        await pilot.press("tab")
        assert form.query_one("#form").border_subtitle == "enter: Delete · esc: cancel"
        await pilot.press("enter")
        await settle(pilot)
        assert mutating(app) == 1


async def test_the_footer_says_what_enter_does_on_a_rows_button_and_a_list(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await show(pilot, "load_balancers")
        await pilot.press("n")
        await settle(pilot)
        form = form_of(app)
        footer = form.query_one("#form")
        form.query(".row-remove").first().focus()
        await pilot.pause()
        assert footer.border_subtitle == "enter: Remove this row · tab: next · esc: cancel"
        form.query(".row-add").first().focus()
        await pilot.pause()
        assert footer.border_subtitle.startswith("enter: + Add ")
        form.control("health_check_test").focus()
        await pilot.pause()
        assert footer.border_subtitle == "enter: open the list · tab: next · esc: cancel"
        form.control("name").focus()
        await pilot.pause()
        assert footer.border_subtitle == "enter: Create · tab: next · esc: cancel"
