"""Modal forms and actions: every create, modify, delete and operation of every category.

``fields.py`` declares inputs, ``spec.py`` forms and actions, ``form.py`` renders and sends them,
``registry.py`` maps categories to their actions (one module per category registers them), and
``keys.py`` gives screens the ``n``/``e``/``ctrl+d``/``a`` keys. Importing this package is cheap:
the registry and the forms load on first use (see ``lazy.py``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["actions_for", "find", "load", "read_only", "start"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import registry

        return getattr(registry, name)
    raise AttributeError(name)
