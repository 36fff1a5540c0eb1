"""What the first frame does not wait for: the forms and the request objects are imported
after it (see ui/forms/lazy.py, api/models/__init__.py, api/resources/__init__.py), and the
demo never imports httpx nor the emulator's HTTP adapters (benchmarks/README.md, "where
start-up time goes")."""

from __future__ import annotations

import subprocess
import sys

from oneandone_tui.ui.forms import lazy


def test_building_the_demo_app_imports_no_forms_nor_request_objects():
    code = (
        "import sys\n"
        "from oneandone_tui.launch import make_demo_app\n"
        "import oneandone_tui.ui.screens.explorer\n"
        "app = make_demo_app()\n"
        "loaded = [m for m in sys.modules if m.startswith(('oneandone_tui.ui.forms.registry',"
        " 'oneandone_tui.ui.forms.servers', 'oneandone_tui.api.models.servers',"
        " 'oneandone_tui.api.resources.load_balancers'))]\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


#: Run in a fresh interpreter: the demo app under Textual's headless driver at 120x40, and the
#: modules loaded when the first frame whose table shows the servers is drawn (Textual's
#: ``post_display_hook``, called after every frame).
FIRST_FRAME = """
import asyncio, sys
from oneandone_tui.launch import make_demo_app

app = make_demo_app()
seen = []

def hook():
    explorer = app.explorer()
    if not seen and explorer is not None and explorer.is_mounted and explorer.table.row_count:
        seen.append(["inputs=%d" % len(explorer.query("Input")), *sorted(sys.modules)])

app.post_display_hook = hook

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        while not seen:
            await pilot.pause(0.01)

asyncio.run(main())
print("\\n".join(seen[0]))
"""

#: The modules of ``ui/forms`` the explorer needs for its keys (the bindings and the direct
#: keys' rules, and the lazy loader itself); the forms come after the first frame.
FORMS_BEFORE_FIRST_FRAME = {"oneandone_tui.ui.forms", "oneandone_tui.ui.forms.keys",
                            "oneandone_tui.ui.forms.lazy", "oneandone_tui.ui.forms.rules"}


def test_the_first_frame_showing_servers_waits_for_no_form_request_object_nor_httpx():
    out = subprocess.run([sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    # The filter fields (the table's, the tree's) are mounted when ``/`` first opens them.
    assert out.pop(0) == "inputs=0"
    assert "oneandone_tui.ui.screens.explorer" in out  # the frame was the explorer's
    assert "oneandone_tui.api.resources.servers" in out  # and it listed the servers
    # The request objects: only their shared base (the client's wire checks for it).
    assert [m for m in out if m.startswith("oneandone_tui.api.models.")] == \
        ["oneandone_tui.api.models._base"]
    assert {m for m in out if m.startswith("oneandone_tui.ui.forms")} <= \
        FORMS_BEFORE_FIRST_FRAME
    # The demo answers in-process: no HTTP client, no HTTP server.
    assert not [m for m in out if m == "httpx" or m.startswith(("httpx.", "http.server"))]
    assert "oneandone_tui.emulator.transport" not in out
    assert "oneandone_tui.emulator.http" not in out


def test_the_static_list_of_categories_with_actions_matches_the_registry():
    registry = lazy.registry()
    with_actions = {key for key, actions in registry.REGISTRY.items() if actions}
    assert with_actions == set(lazy.CATEGORIES_WITH_ACTIONS)
    assert lazy.loaded()
