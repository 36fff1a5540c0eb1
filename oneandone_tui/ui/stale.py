"""Data a screen fetched for itself, kept after a failed refresh (DESIGN.md §9 rule 2).

The charts, the logs and the usages ask the client themselves (their period is their own,
not the account state's). After a failure they keep what they showed, say it is stale and how
old, and say the error; the first failure of a run is toasted once, not every round of an
outage (a follow polls every 2 s). No Textual here: the screens show what this says.
"""

from __future__ import annotations

from . import timing

__all__ = ["Freshness", "ago", "stale_note"]


def ago(seconds: float) -> str:
    """An age as a user reads it: ``42s``, ``3m``."""
    secs = max(0, int(seconds))
    return f"{secs}s" if secs < 120 else f"{secs // 60}m"


def stale_note(age: float | None, error: str, what: str) -> str:
    """The line above data kept after an error: its age (None: nothing ever arrived) and the
    error. ``what`` names the data ("the charts", "the server")."""
    if age is None:
        return f"Could not load {what}: {error}"
    return f"⚠ stale: shown as of {ago(age)} ago; could not refresh {what}: {error}"


class Freshness:
    """When a screen's data last arrived and whether its last refresh failed. ``what`` names
    the data in the messages ("the charts")."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.loaded_at: float | None = None
        self.error: str | None = None

    def loaded(self) -> bool:
        """Data arrived. True if it ends a run of failures (the screen clears its error)."""
        recovered = self.error is not None
        self.loaded_at = timing.monotonic()
        self.error = None
        return recovered

    def failed(self, error: object) -> bool:
        """A refresh failed. True for the first failure of a run (worth a toast)."""
        first = self.error is None
        self.error = str(error)
        return first

    def forget(self) -> None:
        """Other data is asked for (another period): the old data's age means nothing."""
        self.loaded_at = None
        self.error = None

    @property
    def stale(self) -> bool:
        """Data is shown, and the last refresh failed."""
        return self.error is not None and self.loaded_at is not None

    def note(self) -> str:
        """The line that says so: the data's age and the error ("" when fresh)."""
        if self.error is None:
            return ""
        age = None if self.loaded_at is None else timing.monotonic() - self.loaded_at
        return stale_note(age, self.error, self.what)
