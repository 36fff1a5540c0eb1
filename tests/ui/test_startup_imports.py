"""What the first frame does not wait for: the forms and the request objects are imported
after it (see ui/forms/lazy.py, api/models/__init__.py, api/resources/__init__.py)."""

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


def test_the_static_list_of_categories_with_actions_matches_the_registry():
    registry = lazy.registry()
    with_actions = {key for key, actions in registry.REGISTRY.items() if actions}
    assert with_actions == set(lazy.CATEGORIES_WITH_ACTIONS)
    assert lazy.loaded()
