"""What the screens catch: the API's failures and answers of the wrong shape are shown as
"could not load" for their own part only; a bug in the UI's code is not dressed up as one."""

from __future__ import annotations

from typing import Any

import pytest

from oneandone_tui.api.errors import NetworkError, NotFound
from oneandone_tui.catalogue import Category
from oneandone_tui.ui import overview


class Feed:
    """A feed whose ``servers`` fail with ``error``; every other category answers empty."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def items(self, cat: Category, **kw: Any) -> list[dict[str, Any]]:
        if cat.key == "servers":
            raise self.error
        return []

    async def call(self, api: str, method: str, *args: Any, **kw: Any) -> Any:
        return {} if api == "pricing" else []


@pytest.mark.parametrize("error", [
    NetworkError("Network error: connection refused", method="GET", path="/servers"),
    NotFound(404, "No such thing", method="GET", path="/servers"),
    KeyError("status"),  # an answer without a documented key
    TypeError("list indices must be integers or slices, not str"),  # a list for an object
])
async def test_a_failed_or_malformed_answer_empties_only_its_own_part(error: Exception) -> None:
    ov = await overview.gather(Feed(error))
    assert ov.counts["servers"] is None
    assert ov.errors["servers"] == str(error)
    assert ov.counts["images"] == 0 and "images" not in ov.errors


async def test_a_bug_in_the_ui_is_not_reported_as_a_failed_request() -> None:
    with pytest.raises(ZeroDivisionError):
        await overview.gather(Feed(ZeroDivisionError("division by zero")))
