"""The machinery every request object shares: a :class:`Checker` that collects rule violations
with their field paths, and :class:`RequestObject` with ``errors()``, ``validate()`` and
``to_body()``.

Why collect instead of raising at the first problem: a form wants every message at once (one per
input), while a script wants an exception. ``errors()`` serves the first and ``validate()`` the
second, from the same rules, so the UI and the client can never disagree about what is valid.

Field paths are the request object's attribute paths (``hdds[1].size``, ``rules[0].port_to``),
not the JSON body's, because that is what a form binds its inputs to.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from ..errors import ValidationError

__all__ = ["Checker", "RequestObject", "compact"]

R = TypeVar("R", bound="RequestObject")
#: One label of a host name (RFC 1123): letters, digits and inner hyphens, 1..63 characters.
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def compact(body: dict[str, Any]) -> dict[str, Any]:
    """``body`` without the keys whose value is None: send only what is set."""
    return {k: v for k, v in body.items() if v is not None}


class Checker:
    """Collects :class:`ValidationError` s. Each method checks one value and returns whether it
    was usable, so a caller can skip rules that depend on it."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def fail(self, field: str, rule: str) -> bool:
        self.errors.append(ValidationError(field, rule))
        return False

    @staticmethod
    def missing(value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def required(self, field: str, value: Any) -> bool:
        if self.missing(value):
            return self.fail(field, "is required")
        return True

    def text(self, field: str, value: Any, *, required: bool = False, min_len: int = 0,
             max_len: int | None = None) -> bool:
        """Text. Resource names pass ``max_len=128``: the .NET SDK documents maxLength 128
        for private network names and the emulator applies it to every resource name, so
        the client refuses what the emulator refuses (tests/integration/test_differential)."""
        if value is None or (required and self.missing(value)):
            return self.required(field, value) if required else True
        if not isinstance(value, str):
            return self.fail(field, "must be text")
        if len(value) < min_len:
            return self.fail(field, f"must be at least {min_len} characters long")
        if max_len is not None and len(value) > max_len:
            return self.fail(field, f"must be at most {max_len} characters long")
        return True

    def number(self, field: str, value: Any, *, required: bool = False, integral: bool = False,
               lo: float | None = None, hi: float | None = None,
               multiple: float | None = None) -> bool:
        if value is None:
            return self.required(field, value) if required else True
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                isinstance(value, float) and not math.isfinite(value)):
            return self.fail(field, "must be a whole number" if integral else "must be a number")
        if integral and isinstance(value, float) and not value.is_integer():
            return self.fail(field, f"must be a whole number (got {_fmt(value)})")
        got = f" (got {_fmt(value)})"
        if lo is not None and hi is not None and not lo <= value <= hi:
            return self.fail(field, f"must be between {_fmt(lo)} and {_fmt(hi)}{got}")
        if lo is not None and value < lo:
            return self.fail(field, f"must be at least {_fmt(lo)}{got}")
        if hi is not None and value > hi:
            return self.fail(field, f"must be at most {_fmt(hi)}{got}")
        if multiple is not None and abs(value / multiple - round(value / multiple)) > 1e-9:
            return self.fail(field, f"must be a multiple of {_fmt(multiple)}{got}")
        return True

    def integer(self, field: str, value: Any, **kw: Any) -> bool:
        return self.number(field, value, integral=True, **kw)

    def pattern(self, field: str, value: Any, regex: re.Pattern[str], what: str) -> bool:
        """Text that must match ``regex`` in full (a value that is not text fails too)."""
        if value is None:
            return True
        if not isinstance(value, str) or not regex.fullmatch(value):
            return self.fail(field, f"must be {what}")
        return True

    def host_name(self, field: str, value: Any) -> bool:
        """A DNS host name (``www.example.com``, an optional final dot), up to 253 characters;
        empty means none. The emulator's rule for ``reverse_dns`` (RFC 1123 labels)."""
        if value is None or value == "":
            return True
        if not self.text(field, value, max_len=253):
            return False
        labels = value[:-1].split(".") if value.endswith(".") else value.split(".")
        if not all(_LABEL.fullmatch(label) for label in labels):
            return self.fail(field, "must be a host name such as www.example.com")
        return True

    def boolean(self, field: str, value: Any, *, required: bool = False) -> bool:
        if value is None:
            return self.required(field, value) if required else True
        if not isinstance(value, bool):
            return self.fail(field, "must be true or false")
        return True

    def choice(self, field: str, value: Any, choices: Iterable[str], *,
               required: bool = False, case_insensitive: bool = False) -> bool:
        options = list(choices)
        if value is None:
            if required:
                return self.fail(field, f"is required (one of {', '.join(options)})")
            return True
        ok = isinstance(value, str) and (
            value in options
            or (case_insensitive and value.upper() in {o.upper() for o in options}))
        if not ok:
            shown = repr(value) if isinstance(value, str) and len(value) <= 40 else "another value"
            return self.fail(field, f"must be one of {', '.join(options)} (got {shown})")
        return True

    def ip(self, field: str, value: Any, *, required: bool = False, network_ok: bool = False,
           version: int | None = None) -> bool:
        if value is None:
            return self.required(field, value) if required else True
        try:
            if not isinstance(value, str):
                raise ValueError
            if network_ok and "/" in value:
                addr: Any = ipaddress.ip_network(value, strict=False)
            else:
                addr = ipaddress.ip_address(value)
        except ValueError:
            what = "an IP address or network" if network_ok else "an IP address"
            return self.fail(field, f"must be {what}")
        if version and addr.version != version:
            return self.fail(field, f"must be an IPv{version} address")
        return True

    def password(self, field: str, value: Any, *, required: bool = False) -> bool:
        """Server and user passwords: 8..64 characters with an upper-case letter and a digit.

        The .NET SDK's docs also ask for a special symbol, but the official SDKs' own examples
        use passwords such as ``Secret123``; the emulator accepts those too, so demanding a
        symbol here would reject passwords the API takes. The message never shows the value.
        """
        if not self.text(field, value, required=required):
            return False
        if value is None:
            return True
        if not 8 <= len(value) <= 64:
            return self.fail(field, "must be 8 to 64 characters long")
        if not any(ch.isupper() for ch in value):
            return self.fail(field, "must contain an upper-case letter")
        if not any(ch.isdigit() for ch in value):
            return self.fail(field, "must contain a digit")
        return True

    def ids(self, field: str, values: Any, *, min_items: int = 1) -> bool:
        """A list of non-empty id strings (``servers``, ``server_ips``, ``users``...)."""
        if values is None or isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
            return self.fail(field, "must be a list of ids")
        if len(values) < min_items:
            return self.fail(field, f"must contain at least {min_items} "
                                    f"item{'s' if min_items != 1 else ''}")
        ok = True
        for i, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                ok = self.fail(f"{field}[{i}]", "must be a non-empty id")
        return ok

    def items(self, field: str, values: Any, kind: type[RequestObject], *,
              required: bool = False, min_items: int = 0) -> bool:
        """A list of nested request objects, each checked under ``field[i].``."""
        if values is None:
            if required or min_items:
                return self.fail(field, "is required" if not min_items else
                                 f"must contain at least {min_items} "
                                 f"item{'s' if min_items != 1 else ''}")
            return True
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
            return self.fail(field, f"must be a list of {kind.__name__}")
        if len(values) < min_items:
            return self.fail(field, f"must contain at least {min_items} "
                                    f"item{'s' if min_items != 1 else ''}")
        before = len(self.errors)
        for i, value in enumerate(values):
            if not isinstance(value, kind):
                self.fail(f"{field}[{i}]", f"must be a {kind.__name__}")
            else:
                self.nested(f"{field}[{i}]", value)
        return len(self.errors) == before

    def nested(self, prefix: str, obj: RequestObject) -> bool:
        errors = obj.errors()
        for err in errors:
            self.fail(f"{prefix}.{err.field}" if err.field else prefix, err.rule)
        return not errors


class RequestObject:
    """Base of the request objects. Subclasses are dataclasses whose fields all default to None,
    so a form can build a half-filled one and ask what is wrong with it."""

    def check(self, c: Checker) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def errors(self) -> list[ValidationError]:
        """Every broken rule, in field order (empty when valid)."""
        c = Checker()
        self.check(c)
        return c.errors

    def validate(self: R) -> R:
        """Raise the first broken rule as :class:`ValidationError`; return ``self`` if valid."""
        errors = self.errors()
        if errors:
            raise errors[0]
        return self

    def to_body(self) -> Any:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError
