"""One account state, many readers (DESIGN §9 rule 3). No Textual, no HTTP: the poller fetches
through ``ui/feed.py`` (which calls the client).

How a reader (a screen, the navigation tree, a test) uses it::

    state = app.state                       # AccountState (model.py)
    state.lists["servers"].items            # categories -> items, in the API's order
    state.item("servers", server_id)        # one item as its list last showed it
    state.section("servers", sid, "IPs")    # items -> sections: Entry(data, fetched_at, error)
    state.section("servers", sid, ITEM)     # the resource's full object (GET /servers/{id})
    entry.loaded / entry.stale / state.age(entry)   # is there data, is it stale, how old
    state.health                            # ok / auth (token refused) / unreachable
    unsubscribe = state.subscribe(fn)       # fn(Change) after every change

    poller.watch(owner, Watch(lists=["servers"], sections=lambda: {...},
                              every=SLOW, active=lambda: shown))   # what to keep fresh
    poller.unwatch(owner); poller.wake(); poller.keep("servers")   # follows keep a category

A :class:`~.model.Change` says what changed: ``kind`` ``"list"`` (``category``, the changed
``ids`` or None when items came, went or moved), ``"section"`` (``category``, ``ids=(id,)``,
``section`` title) or ``"health"``; ``error`` is true when only an error arrived (the data
kept is then stale). In the TUI the app's bridge posts each Change to every screen as a
``StateChanged`` message (ui/bridge.py); a tree widget reads the state on that message.
"""

from .model import ITEM, AccountState, Change, Entry, Health, ListEntry, error_text
from .poller import FAST, SECTION_EVERY, SLOW, Poller, Watch

__all__ = ["FAST", "ITEM", "SECTION_EVERY", "SLOW", "AccountState", "Change", "Entry",
           "Health", "ListEntry", "Poller", "Watch", "error_text"]
