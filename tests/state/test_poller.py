"""The account state and its one poller without Textual: one list request per category per
round whoever watches it, a status projection while something changes, covered readers cost
nothing, sections only when their parent changed or their time came, and an answer a reader
could misread (a list equal to the last) changes no version."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from oneandone_tui.catalogue import Category
from oneandone_tui.state import ITEM, SECTION_EVERY, SLOW, AccountState, Poller, Watch


class FakeFeed:
    """Answers from a dict of lists; records every call."""

    def __init__(self, lists: dict[str, list[dict[str, Any]]]) -> None:
        self.lists = lists
        self.calls: list[tuple[str, ...]] = []

    async def items(self, cat: Category, **kw: Any) -> list[dict[str, Any]]:
        self.calls.append(("list", cat.key, kw.get("fields", "")))
        items = [dict(i) for i in self.lists[cat.key]]
        if "fields" in kw:
            keys = kw["fields"].split(",")
            items = [{k: i[k] for k in keys if k in i} for i in items]
        return items

    async def statuses(self, cat: Category) -> list[dict[str, Any]]:
        return await self.items(cat, fields=cat.status_fields)

    async def item(self, cat: Category, rid: str) -> dict[str, Any]:
        self.calls.append(("get", cat.key, rid))
        return next(dict(i, full=True) for i in self.lists[cat.key] if i["id"] == rid)

    async def section(self, cat: Category, section: Any, item: dict[str, Any]) -> Any:
        self.calls.append(("section", cat.key, item["id"], section.title))
        return [{"id": "r1", "rules": len(item.get("rules") or [])}]


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


def servers(*states: str) -> list[dict[str, Any]]:
    return [{"id": f"s{i}", "name": f"srv-{i}", "status": {"state": s, "percent": None}}
            for i, s in enumerate(states)]


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_two_readers_of_one_category_cost_one_request_per_round():
    feed = FakeFeed({"servers": servers("POWERED_ON", "POWERED_ON")})
    poller = Poller(feed, clock=Clock())
    poller.watch("table", Watch(lists=["servers"]))
    poller.watch("detail", Watch(lists=["servers"]))
    poller.watch("covered", Watch(lists=["images"], active=lambda: False))
    run(poller.round())
    assert feed.calls == [("list", "servers", "")]  # nothing for the covered reader
    run(poller.round())  # nothing is due yet: nothing is sent
    assert len(feed.calls) == 1


def test_a_changing_list_is_followed_with_its_status_projection_then_read_whole():
    clock = Clock()
    feed = FakeFeed({"servers": servers("DEPLOYING", "POWERED_ON")})
    poller = Poller(feed, clock=clock)
    poller.watch("table", Watch(lists=["servers"]))
    run(poller.round())
    clock.now += 2.0  # FAST: something is deploying
    assert poller.due_lists() == {"servers"}
    run(poller.round())
    assert feed.calls[-1] == ("list", "servers", "id,status")
    feed.lists["servers"][0]["status"] = {"state": "POWERED_ON", "percent": None}
    clock.now += 2.0
    run(poller.round())  # the status round sees it settle...
    assert poller.state.item("servers", "s0")["status"]["state"] == "POWERED_ON"
    clock.now += 2.0
    run(poller.round())  # ...and the next asks for the whole list (more than the state)
    assert feed.calls[-1] == ("list", "servers", "")
    assert poller.next_delay() > 2.0  # all stable: the slow cadence


def test_sections_refresh_when_the_parent_changes_or_their_time_comes_not_otherwise():
    clock = Clock()
    fw = [{"id": "f1", "name": "web", "state": "ACTIVE", "rules": [1]}]
    feed = FakeFeed({"firewall_policies": fw})
    poller = Poller(feed, clock=clock)
    key = ("firewall_policies", "f1", "Rules")
    poller.watch("detail", Watch(lists=["firewall_policies"],
                                 sections=[("firewall_policies", "f1", ITEM), key]))
    run(poller.round())
    assert ("section", "firewall_policies", "f1", "Rules") in feed.calls
    n = len(feed.calls)
    clock.now += SLOW
    run(poller.round())  # the list again, the sections not: nothing changed
    assert [c[0] for c in feed.calls[n:]] == ["list"]
    fw[0]["rules"] = [1, 2]  # a rule added behind the app's back
    clock.now += SLOW
    run(poller.round())
    assert poller.state.section(*key).data == [{"id": "r1", "rules": 2}]
    n = len(feed.calls)
    clock.now += SECTION_EVERY
    run(poller.round())  # the slow cadence of sections
    assert ("section", "firewall_policies", "f1", "Rules") in feed.calls[n:]


def test_a_refused_token_stops_every_request_until_resumed():
    from oneandone_tui.api.errors import AuthError

    class Refusing(FakeFeed):
        refuse = True

        async def items(self, cat: Category, **kw: Any) -> list[dict[str, Any]]:
            if self.refuse:
                self.calls.append(("refused", cat.key))
                raise AuthError(401, "Invalid API token.")
            return await super().items(cat, **kw)

    feed = Refusing({"servers": servers("POWERED_ON")})
    poller = Poller(feed, clock=Clock())
    poller.watch("table", Watch(lists=["servers"]))
    run(poller.round())
    assert poller.paused and len(feed.calls) == 1
    run(poller.refresh_lists(["servers"]))
    run(poller.fetch([("servers", "s0", ITEM)]))
    assert len(feed.calls) == 1
    feed.refuse = False
    poller.resume()
    run(poller.round())
    assert not poller.paused and feed.calls[-1] == ("list", "servers", "")


item_lists = st.lists(st.fixed_dictionaries({
    "id": st.text(min_size=1, max_size=4),
    "state": st.sampled_from(["ACTIVE", "CONFIGURING", "FAILED", None]),
    "name": st.text(max_size=6)}), max_size=8)


@settings(max_examples=100, deadline=None)
@given(first=item_lists, second=item_lists)
def test_a_version_changes_exactly_when_the_answer_does(first, second):
    state = AccountState(Clock())
    seen = []
    state.subscribe(seen.append)
    state.put_list("vpns", first)
    v = state.list("vpns").version
    state.put_list("vpns", second)
    assert (state.list("vpns").version != v) == (first != second)
    assert state.items("vpns") == second
    assert all(state.item("vpns", str(i["id"])) is not None for i in second)
    assert len(seen) == 2  # every answer is announced (a follow waits for one)



def test_an_unreachable_api_with_nothing_watched_does_not_spin():
    clock = Clock()
    poller = Poller(FakeFeed({}), clock=clock)
    poller.state.set_health("unreachable", "down", retry_at=clock.now - 5, failures=3)
    assert poller.next_delay() > 1.0  # nothing to probe with: wait, do not loop at once
