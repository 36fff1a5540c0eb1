"""Modal forms and actions: every create, modify, delete and operation of every category.

``fields.py`` declares inputs, ``spec.py`` forms and actions, ``form.py`` renders and sends them,
``registry.py`` maps categories to their actions (one module per category registers them), and
``keys.py`` gives screens the ``n``/``e``/``ctrl+d``/``a`` keys.
"""

from __future__ import annotations

from .registry import actions_for, find, load, read_only, start

__all__ = ["actions_for", "find", "load", "read_only", "start"]
