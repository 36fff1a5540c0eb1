"""What the form mixins need of the screen they are mixed into, as a type.

:class:`~.submit.Submitting` (sending, showing the answer, following) and
:class:`~.pickers.PickerLoader` are mixed into :class:`~.form.FormScreen`; they call the form's
own methods (``values``, ``check``, ``show_errors``...) and Textual's (``query_one``,
``dismiss``, ``notify``). :class:`FormHost` declares all of them, so a type checker holds the
mixins to what the host really provides, and the host to what the mixins call: rename
``show_errors`` in the form and mypy names every caller.

Only the type checker sees the host as a base (``submit.py``: ``_Host``); at run time the
mixins derive from ``object`` and the Textual screen comes later in the form's bases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.widget import Widget

    from ...api.errors import ValidationError
    from .context import Ctx, FormValues
    from .spec import FormSpec

__all__ = ["FormHost"]


class FormHost(Protocol):
    """The form screen as its mixins see it: its state, its values and checks, and where it
    shows them."""

    spec: FormSpec
    ctx: Ctx
    bulk: bool
    title_text: str
    rows: dict[str, Any]
    sending: bool
    submitted: bool
    #: (A default here, never at run time: the Protocol is only a base for the type checker;
    #: it spares mypy an import-cycle deferral on the mixin's `self.closed`.)
    closed: bool = False
    result: Any

    def controls(self) -> list[Widget]:
        """Every input of the form, in order (to focus the first with an error)."""
        ...

    def values(self) -> FormValues:
        """What was typed and picked, parsed (hidden fields are None)."""
        ...

    def check(self, values: FormValues) -> tuple[Any, list[ValidationError]]:
        """The request object built from ``values`` and every problem the rules find."""
        ...

    def show_errors(self, errors: list[ValidationError], *, general: str = "") -> None:
        """Mark the fields ``errors`` name; ``general`` above the buttons."""
        ...

    def _line(self, selector: str, text: str) -> None:
        """Set one of the form's message lines (hidden when empty)."""
        ...
