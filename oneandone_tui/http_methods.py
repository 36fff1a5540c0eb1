"""Which HTTP methods change something: one definition for the client (``read_only`` refuses
them before sending), the UI's journal (it records them) and the emulator (it counts them).

It lives outside ``api/``, ``ui/`` and ``emulator/``, like ``secret.py``, because all three use
it and the client and the emulator must not import each other.
"""

from __future__ import annotations

__all__ = ["MUTATING"]

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
