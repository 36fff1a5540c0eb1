"""What the UI catches when it asks for data or runs an action, named once.

Not ``Exception``: a bug in the UI's own code (a ``NameError``, an ``AssertionError``, a
``RuntimeError``) must not be dressed up as "Could not load: ..." on screen, as if the API had
failed. What can happen is:

- the client's own errors (:class:`~oneandone_tui.api.errors.ApiError`): refused, not found,
  rate-limited, unreachable, timed out, an answer that is not JSON, a wait that failed, a
  request object that broke a rule (``ValidationError``) or a read-only client;
- and, because data is hostile (DESIGN.md section 9), the errors of reading an answer of an
  unexpected shape: a missing key or index (``LookupError``), a list where an object was
  documented (``TypeError``, ``AttributeError``), a text where a number was (``ValueError``).
"""

from __future__ import annotations

from ..state.poll_core import FETCH_ERRORS

__all__ = ["ACTION_ERRORS", "FETCH_ERRORS"]

# FETCH_ERRORS, what fetching something to show can raise (see the module's docstring), is
# named where the poller catches it (state/ may not import the UI): one tuple for both.
#: What an action started from a form can raise: a fetch's errors, a message for the user
#: (``ValueError``, e.g. "Give a file to save the configuration to.") and the local file an
#: action writes (a VPN's configuration: ``OSError``).
ACTION_ERRORS: tuple[type[Exception], ...] = (*FETCH_ERRORS, OSError)
