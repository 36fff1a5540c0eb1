"""Submitting a form: check, send in a worker (once per item for bulk actions), show the
API's answer in place, then follow what started until it settles.

A failure keeps the form open with what was typed (a ``Field 'x'`` in the API's message also
marks field ``x``); a bulk action reports what succeeded and what failed; a success hands the
resources to the app's follower and shows their state and percent until they settle.

A lost answer (``OutcomeUnknown``) is neither: the form looks at the account first
(``outcome.py``) and acts on what it finds: a create that happened is followed like a success
(and a toast says the answer was lost), one that did not is reported and may be sent again.
While looking fails, the submit button only offers "Check again": nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any

from textual import work
from textual.widgets import Button

from ...api.errors import ApiError, OutcomeUnknown, ValidationError
from ..failures import ACTION_ERRORS
from ..journal import acting
from ..typed_app import TypedApp
from .context import FormValues, label_of
from .fields import split_path
from .outcome import LostAnswer, baseline, check, creates
from .spec import follow_item

if TYPE_CHECKING:
    from textual.screen import ModalScreen

    from .host import FormHost

    class _Host(FormHost, ModalScreen[Any]):
        """What a type checker takes the mixin's ``self`` for: the form (its values, checks
        and message lines) on a Textual modal screen (``query_one``, ``dismiss``, ``notify``)."""

else:
    _Host = object

_FIELD_IN_MESSAGE = re.compile(r"Field '([\w.\[\]]+)'")


class Submitting(TypedApp, _Host):
    """Mixed into :class:`~.form.FormScreen`, which provides the values, the checks and the
    error display (:class:`~.host.FormHost`)."""

    follows: dict[tuple[str, str], Any]
    _failed_lines: list[str] = []
    #: Changes whose answer was lost and whose outcome could not be checked yet: (item, error).
    _unknown: list[tuple[Any, OutcomeUnknown]] = []
    _unknown_values: Any = None
    _unknown_before: set[str] | None = None
    #: What looking at the account found for changes that did happen (toasted once).
    _recovered: list[str] = []
    #: A request was sent (a later cancel cannot say "nothing sent").
    attempted = False

    def action_submit(self) -> None:
        if self.sending:
            return
        if self.follows:
            self.action_close()
            return
        if self._unknown:
            # A change's answer was lost and looking at the account failed: sending it
            # again could do it twice. Only looking again is offered.
            self._busy(True, "Looking at the account…")
            self.recheck()
            return
        values = self.values()
        request, errors = self.check(values)
        self.submitted = True
        if errors:
            self.show_errors(errors, general="Nothing was sent: fix the marked fields.")
            self._focus_first_error()
            return
        self.show_errors([])
        self.attempted = True
        self._busy(True, "Sending…")
        self.send(values, request)

    def _focus_first_error(self) -> None:
        for control in self.controls():
            if control.has_class("-error") and control.can_focus:
                control.focus()
                return

    def _busy(self, busy: bool, text: str = "") -> None:
        self.sending = busy
        self.query_one("#form-submit", Button).disabled = busy
        self._line("#form-progress", text)

    @work(group="form-submit", exclusive=True, exit_on_error=False)
    async def send(self, values: FormValues, request: Any) -> None:
        items = self.ctx.items if self.bulk else [self.ctx.item]
        call = self.spec.call
        assert call is not None
        self._recovered = []
        # A create is looked for by name if its answer is lost: what had that name before?
        # Unknown, a lost answer could not be checked: nothing is sent (outcome.baseline).
        before: set[str] | None = None
        if creates(self.ctx):
            try:
                before = await baseline(self.ctx, values)
            except ApiError as exc:
                self._not_sent(exc)
                return

        async def one(item: Any) -> tuple[Any, Any, Exception | None]:
            try:
                return item, await call(values, item, request), None
            except OutcomeUnknown as exc:
                self._line("#form-progress", "The answer was lost: looking at the account…")
                return await self._look(exc, item, values, before)
            except ACTION_ERRORS as exc:  # shown in the form, never a crash
                return item, None, exc

        target = self.ctx.label or str(values.get("name") or values.get("ip") or "")
        with acting(self.title_text, target):
            outcomes = await asyncio.gather(*(one(i) for i in items))
        self._outcomes(values, before, list(outcomes))

    def _not_sent(self, error: ApiError) -> None:
        """The account could not be read before a create: say so, keep what was typed."""
        self._busy(False)
        self.show_errors([], general=(
            f"Nothing was sent: the account could not be read first ({error}). Without "
            f"knowing what already has this name, an answer lost on the way back could not "
            f"be checked. Press {self.spec.submit_label} again once the API answers."))

    @work(group="form-submit", exclusive=True, exit_on_error=False)
    async def recheck(self) -> None:
        """Look again at what a lost answer may have done (the "Check again" button)."""
        values, before, pending = self._unknown_values, self._unknown_before, self._unknown
        self._recovered = []
        outcomes = await asyncio.gather(*(self._look(exc, item, values, before)
                                          for item, exc in pending))
        self._outcomes(values, before, list(outcomes))

    async def _look(self, error: OutcomeUnknown, item: Any, values: FormValues,
                    before: set[str] | None) -> tuple[Any, Any, Exception | None]:
        found = await check(error, self.ctx, item, values, before)
        if found.done:
            self._recovered.append(found.text)
            return item, found.result, None
        return item, None, LostAnswer(found, error)

    def _outcomes(self, values: FormValues, before: set[str] | None,
                  outcomes: list[tuple[Any, Any, Exception | None]]) -> None:
        ok = [(item, result) for item, result, exc in outcomes if exc is None]
        failed = [(item, exc) for item, _, exc in outcomes if exc is not None]
        self._unknown = [(item, exc.error) for item, exc in failed
                         if isinstance(exc, LostAnswer) and not exc.found.checked]
        self._unknown_values, self._unknown_before = values, before
        submit = self.query_one("#form-submit", Button)
        submit.label = "Check again" if self._unknown else self.spec.submit_label
        self._busy(False)
        for text in self._recovered:
            self.app.notify(text, title=self.title_text, markup=False, timeout=8)
        self._recovered = []
        if not ok:
            self._failed(failed)
            return
        self.result = ok[0][1] if len(ok) == 1 else [r for _, r in ok]
        self._succeeded(values, ok, failed)

    def _failed(self, failed: list[tuple[Any, Exception]]) -> None:
        """Nothing worked: say why inside the form, keep what was typed."""
        errors = [exc for _, exc in failed if isinstance(exc, ValidationError)]
        for _, exc in failed:
            for name in _FIELD_IN_MESSAGE.findall(str(exc)):
                path = name.removeprefix("hardware.")
                if split_path(path)[0] in self.rows:
                    errors.append(ValidationError(path, str(getattr(exc, "message", exc))))
        lines = []
        for item, exc in failed:
            who = f"{label_of(item)}: " if self.bulk else ""
            sent = "nothing was sent" if isinstance(exc, ValidationError) else str(exc)
            lines.append(f"{who}{sent}")
        self.show_errors(errors, general="\n".join(lines))

    def _succeeded(self, values: FormValues, ok: list[tuple[Any, Any]],
                   failed: list[tuple[Any, Exception]]) -> None:
        follow = self.spec.follow or follow_item()
        targets = [t for item, result in ok for t in follow(values, item, result)]
        if self.bulk:
            summary = f"{len(ok)} succeeded" + (f", {len(failed)} failed" if failed else "")
            detail = "; ".join(f"{label_of(i)}: {e}" for i, e in failed)
            self.app.notify(summary + (f" ({detail})" if detail else ""),
                            title=self.title_text, severity="warning" if failed else
                            "information", timeout=8 if failed else 4)
        self._failed_lines = [f"✗ {label_of(i)}: {e}" for i, e in failed]
        if not targets:
            done = self.spec.done(self.ctx) if callable(self.spec.done) else self.spec.done
            self.app.notify(done or f"{self.ctx.label or self.title_text}: done",
                            title=self.title_text)
            self._close(self.result)
            return
        for target in targets:
            f = self.oapp.follower.follow(target, self.title_text)
            self.follows[f.key] = f
        self._render_progress()
        self.query_one("#form-body").disabled = True  # done with: what was sent stays visible
        self.query_one("#form").border_subtitle = "esc closes · it keeps being followed"
        self.query_one("#form-submit", Button).display = False
        self.query_one("#form-cancel", Button).label = "Close"
        self.query_one("#form-cancel", Button).focus()

    def _on_follow(self, f: Any) -> None:
        if f.key not in self.follows or self.closed or not self.is_attached:
            return
        self.follows[f.key] = f
        self._render_progress()
        if all(x.done for x in self.follows.values()):
            self._close(self.result)

    def _close(self, result: Any) -> None:
        if not self.closed:
            self.closed = True
            self.dismiss(result)

    def _render_progress(self) -> None:
        lines = list(getattr(self, "_failed_lines", []))
        lines += [f.text() for f in self.follows.values()]
        self._line("#form-progress", "\n".join(lines))

    def action_close(self) -> None:
        """Cancel, or close after the fact. A form left before anything was sent says so."""
        if self.sending:
            self.notify("Closed while sending: the journal (J) shows how it ended.",
                        severity="warning")
        elif not self.follows and not self.closed:
            if getattr(self, "attempted", False):
                self.app.notify("Closed. The journal (J) shows what was sent.",
                                title=self.title_text)
            else:
                self.app.notify("Cancelled, nothing sent.", title=self.title_text)
        self._close(self.result if self.follows else None)

    def action_escape(self) -> None:
        """``esc``: a form with changes asks before they are thrown away."""
        if self.sending or self.follows or self.closed or not self.changed():  # type: ignore[attr-defined]
            self.action_close()
            return
        from .discard import DiscardScreen

        def answer(discard: bool | None) -> None:
            if discard:
                self.action_close()

        self.app.push_screen(DiscardScreen(self.title_text), answer)
