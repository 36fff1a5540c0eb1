"""Issue 15: ``Feed.counts`` returns what it knows and says what failed. A category whose
list failed is ``?`` with the reason, never silently missing; the others keep their numbers;
a bug in the code (not a failed request, not a malformed answer) is raised, not shown as "?"."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneandone_tui.api.errors import ApiError, AuthError, NetworkError, ServerError
from oneandone_tui.catalogue import CATEGORIES, category
from oneandone_tui.launch import demo_client
from oneandone_tui.ui.feed import Feed

#: Categories listed by a plain ``list()`` (no flattening, no period report).
PLAIN = [c for c in CATEGORIES if c.list_call == "list" and c.flatten is None
         and not c.list_kwargs]


async def test_a_failed_category_is_a_question_mark_with_its_reason_the_rest_are_counted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    client, _ = demo_client()
    async with client:
        expected = await Feed(client).counts()
        assert not expected.failed and expected["servers"]  # the demo has servers

        async def refused(**kw: Any) -> Any:
            raise ServerError(503, "Service Unavailable", method="GET", path="/servers")

        monkeypatch.setattr(client.servers, "list", refused)
        counts = await Feed(client).counts()
    assert list(counts) == [c.key for c in CATEGORIES]  # every category, in order
    assert counts["servers"] is None
    assert counts.text("servers") == "? (503: Service Unavailable (GET /servers))"
    assert counts.failed == {"servers": "503: Service Unavailable (GET /servers)"}
    assert counts.problem() == "not counted (1): Servers: 503: Service Unavailable (GET /servers)"
    others = {k: v for k, v in expected.items() if k != "servers"}
    assert {k: counts[k] for k in others} == others  # what it knows, unchanged
    assert counts.text("images") == str(expected["images"])
    assert counts.known == sum(v for v in others.values() if v is not None)


async def test_a_bug_while_counting_is_raised_not_shown_as_unknown(
        monkeypatch: pytest.MonkeyPatch) -> None:
    client, _ = demo_client()
    async with client:
        async def broken(**kw: Any) -> Any:
            return undefined_name  # type: ignore[name-defined]  # noqa: F821

        monkeypatch.setattr(client.images, "list", broken)
        with pytest.raises(NameError):
            await Feed(client).counts()


class _Api:
    def __init__(self, answer: Any) -> None:
        self.answer = answer

    async def list(self, **kw: Any) -> Any:
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer


class _Client:
    """Each category's ``list()`` answers its list, or raises its error."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self._answers = answers

    def __getattr__(self, api: str) -> _Api:
        return _Api(self._answers[api])


FAILURES = st.sampled_from([
    NetworkError("Network error: connection refused"),
    AuthError(401, "Invalid API token."),
    ServerError(500, "Internal Server Error"),
    ApiError("The API answered with a list where an object was documented"),
    KeyError("id"),
    TypeError("list indices must be integers or slices, not str"),
])


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from([c.key for c in PLAIN]),
                       st.one_of(st.integers(0, 30), FAILURES)))
async def test_every_failure_is_named_and_every_answer_counted(outcome: dict[str, Any]) -> None:
    answers = {c.api: (outcome[c.key] if isinstance(outcome.get(c.key), BaseException)
                       else [{"id": str(i)} for i in range(outcome.get(c.key, 0))])
               for c in PLAIN}
    counts = await Feed(_Client(answers)).counts(PLAIN)  # type: ignore[arg-type]
    for cat in PLAIN:
        result = outcome.get(cat.key, 0)
        if isinstance(result, BaseException):
            assert counts[cat.key] is None
            assert counts.text(cat.key).startswith("? (") and str(result).strip("'") in \
                counts.text(cat.key)
            assert category(cat.key).title in (counts.problem() or "")
        else:
            assert counts[cat.key] == result and counts.text(cat.key) == str(result)
            assert cat.key not in counts.failed
    assert (counts.problem() is None) == (not counts.failed)
