"""A string that refuses to show itself: the API token.

The token must never appear in a repr, a log line, an exception message or a screenshot. Wrapping
it in :class:`Secret` as soon as it is read (environment, config file, prompt) makes the safe
thing the default: printing, formatting or logging a ``Secret`` shows a mask, and only
:meth:`Secret.reveal` (called in exactly one place: the client's request headers) gives the
value back.

It lives outside ``api/`` and ``config.py`` because both use it and neither should import the
other.
"""

from __future__ import annotations

__all__ = ["Secret", "mask"]


def mask(value: str) -> str:
    """A hint that helps tell two tokens apart without revealing either.

    Long tokens (the API's are 32 hex characters) show their first four characters and their
    length; short ones show nothing, because four characters of an eight-character secret is
    half of it.
    """
    if len(value) >= 16:
        return f"{value[:4]}…({len(value)} chars)"
    return "****"


class Secret:
    """An API token. ``str()``, ``repr()`` and f-strings show a mask; ``reveal()`` the value."""

    __slots__ = ("_value",)
    _value: str  # set once in __init__ (via object.__setattr__: the class refuses assignment)

    def __init__(self, value: str | Secret) -> None:
        if isinstance(value, Secret):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError("a Secret wraps a string")
        object.__setattr__(self, "_value", value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Secret is immutable")

    def reveal(self) -> str:
        """The real value. Call it only where the value leaves the process (an HTTP header, the
        config file)."""
        return self._value

    @property
    def masked(self) -> str:
        return mask(self._value)

    def __repr__(self) -> str:
        return f"Secret({self.masked})"

    def __str__(self) -> str:
        return self.masked

    def __format__(self, spec: str) -> str:
        return format(self.masked, spec)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __eq__(self, other: object) -> bool:
        # Constant-time comparison: equality of secrets must not leak through timing. hmac
        # (and with it hashlib and OpenSSL, ~1.3 ms) is imported here, not with the client:
        # the first frame does not compare tokens.
        if isinstance(other, Secret):
            import hmac

            return hmac.compare_digest(self._value.encode(), other._value.encode())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> tuple[object, ...]:
        # Pickling would write the value somewhere nobody looks (a cache, a crash dump).
        raise TypeError("a Secret cannot be pickled")
