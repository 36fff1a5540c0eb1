"""A traceback as a user would see it printed, locals included: for the tests that the token
is in none of the request path's frames (the client's and the emulator's)."""

from __future__ import annotations

import io
import traceback

from rich.console import Console
from rich.traceback import Traceback


def formatted(exc: BaseException) -> list[str]:
    """The traceback as the stdlib and rich print it, locals included."""
    plain = "".join(traceback.TracebackException.from_exception(
        exc, capture_locals=True).format())
    console = Console(file=io.StringIO(), width=160, color_system=None)
    console.print(Traceback.from_exception(type(exc), exc, exc.__traceback__, show_locals=True,
                                           max_frames=0))
    return [plain, console.file.getvalue()]  # type: ignore[attr-defined]
