"""``self.oapp``: the running app as a :class:`~.app.OneAndOneApp`, for screens and forms.

Textual types ``self.app`` as a plain ``App``; the screens need this app's own members (the
feed, the follower, the connection, the journal). One mixin says so once, instead of the same
``cast`` property copied into every screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from .app import OneAndOneApp

__all__ = ["TypedApp"]


class _InApp(Protocol):
    """Anything Textual mounts (a screen, a widget): it knows its app."""

    @property
    def app(self) -> App[Any]: ...


class TypedApp:
    """Mixed into a screen (before the Textual class): ``self.oapp`` is ``self.app``, typed."""

    __slots__ = ()

    @property
    def oapp(self: _InApp) -> OneAndOneApp:
        # Every screen of this package runs inside OneAndOneApp (tests build it too).
        return cast("OneAndOneApp", self.app)
