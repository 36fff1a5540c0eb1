"""Body validation for handlers. Every failure is a 400 whose message names the field (with its
path, e.g. ``hardware.hdds[1].size``) and the rule broken.

``null`` means "not given" everywhere: the official Python SDK sends every key it knows, unset
ones as ``null``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any, TypedDict

from .errors import BadRequest

_MISSING = object()


def _get(body: dict[str, Any], name: str) -> Any:
    value = body.get(name, _MISSING)
    return _MISSING if value is None else value


def given(body: dict[str, Any], name: str) -> bool:
    return body.get(name) is not None


def required_missing(path: str) -> BadRequest:
    return BadRequest(f"Field '{path}' is required.")


def string(body: dict[str, Any], name: str, *, path: str | None = None, required: bool = False,
           max_len: int | None = None, min_len: int = 0, nonblank: bool = False) -> str | None:
    label = path or name
    value = _get(body, name)
    if value is _MISSING:
        if required:
            raise required_missing(label)
        return None
    if not isinstance(value, str):
        raise BadRequest(f"Field '{label}' must be a string.")
    if (required or nonblank) and not value.strip():
        raise BadRequest(f"Field '{label}' must not be empty.")
    if len(value) < min_len:
        raise BadRequest(f"Field '{label}' must be at least {min_len} characters long.")
    if max_len is not None and len(value) > max_len:
        raise BadRequest(f"Field '{label}' must be at most {max_len} characters long.")
    return value


def _number(value: Any, label: str, integral: bool) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        kind = "an integer" if integral else "a number"
        raise BadRequest(f"Field '{label}' must be {kind}.")
    if integral and isinstance(value, float):
        if not value.is_integer():
            raise BadRequest(f"Field '{label}' must be an integer.")
        value = int(value)
    return value


def _check_range(value: float, label: str, lo: float | None, hi: float | None,
                 multiple: float | None) -> None:
    if lo is not None and hi is not None and not lo <= value <= hi:
        raise BadRequest(f"Field '{label}' must be between {_fmt(lo)} and {_fmt(hi)}, "
                         f"got {_fmt(value)}.")
    if lo is not None and value < lo:
        raise BadRequest(f"Field '{label}' must be at least {_fmt(lo)}, got {_fmt(value)}.")
    if hi is not None and value > hi:
        raise BadRequest(f"Field '{label}' must be at most {_fmt(hi)}, got {_fmt(value)}.")
    if multiple is not None and abs(value / multiple - round(value / multiple)) > 1e-9:
        raise BadRequest(f"Field '{label}' must be a multiple of {_fmt(multiple)}, "
                         f"got {_fmt(value)}.")


def _fmt(x: float) -> str:
    # No float() of an int: one past 1e308 raised OverflowError instead of answering 400.
    if isinstance(x, int):
        return str(x)
    return str(int(x)) if x.is_integer() else str(x)


class IntRule(TypedDict, total=False):
    """The bounds of an integer field, as :func:`integer` takes them (``**RULE``)."""

    lo: int
    hi: int
    multiple: int


def integer(body: dict[str, Any], name: str, *, path: str | None = None,
            required: bool = False, lo: int | None = None, hi: int | None = None,
            multiple: int | None = None) -> int | None:
    label = path or name
    value = _get(body, name)
    if value is _MISSING:
        if required:
            raise required_missing(label)
        return None
    value = int(_number(value, label, True))
    _check_range(value, label, lo, hi, multiple)
    return value


def number(body: dict[str, Any], name: str, *, path: str | None = None, required: bool = False,
           lo: float | None = None, hi: float | None = None,
           multiple: float | None = None) -> float | int | None:
    label = path or name
    value = _get(body, name)
    if value is _MISSING:
        if required:
            raise required_missing(label)
        return None
    value = _number(value, label, False)
    _check_range(value, label, lo, hi, multiple)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value


def boolean(body: dict[str, Any], name: str, *, path: str | None = None,
            required: bool = False) -> bool | None:
    label = path or name
    value = _get(body, name)
    if value is _MISSING:
        if required:
            raise required_missing(label)
        return None
    if not isinstance(value, bool):
        raise BadRequest(f"Field '{label}' must be true or false.")
    return value


def enum(body: dict[str, Any], name: str, choices: Iterable[str], *, path: str | None = None,
         required: bool = False, case_insensitive: bool = False) -> str | None:
    label = path or name
    options = list(choices)
    value = _get(body, name)
    if value is _MISSING:
        if required:
            raise BadRequest(f"Field '{label}' is required (one of {', '.join(options)}).")
        return None
    if isinstance(value, str):
        for option in options:
            if value == option or (case_insensitive and value.upper() == option.upper()):
                return option
    raise BadRequest(f"Field '{label}' must be one of {', '.join(options)}, got {value!r}.")


def obj(body: dict[str, Any], name: str, *, path: str | None = None,
        required: bool = False) -> dict[str, Any] | None:
    label = path or name
    value = _get(body, name)
    if value is _MISSING:
        if required:
            raise required_missing(label)
        return None
    if not isinstance(value, dict):
        raise BadRequest(f"Field '{label}' must be an object.")
    return value


def items(body: dict[str, Any], name: str, *, path: str | None = None, required: bool = False,
          min_items: int = 0, kind: type | tuple[type, ...] | None = None) -> list[Any] | None:
    """A list field; ``kind`` checks each item's type (``dict`` for objects, ``str`` for ids)."""
    label = path or name
    value = _get(body, name)
    if value is _MISSING:
        if required:
            raise required_missing(label)
        return None
    if not isinstance(value, list):
        raise BadRequest(f"Field '{label}' must be a list.")
    if len(value) < min_items:
        raise BadRequest(f"Field '{label}' must contain at least {min_items} "
                         f"item{'s' if min_items != 1 else ''}.")
    if kind is not None:
        for i, item in enumerate(value):
            if not isinstance(item, kind) or (kind is str and not item):
                what = "an object" if kind is dict else "a non-empty string"
                raise BadRequest(f"Field '{label}[{i}]' must be {what}.")
    return value


def ids(body: dict[str, Any], name: str, *, required: bool = True) -> list[str]:
    """A non-empty list of id strings (``servers``, ``server_ips``, ``users``...)."""
    value = items(body, name, required=required, min_items=1 if required else 0, kind=str)
    return list(dict.fromkeys(value or []))


def ip_address(value: str, label: str, *, version: int | None = None) -> str:
    try:
        addr = ipaddress.ip_address(value)
    except ValueError:
        raise BadRequest(f"Field '{label}' must be a valid IP address, got {value!r}.") from None
    if version and addr.version != version:
        raise BadRequest(f"Field '{label}' must be an IPv{version} address, got {value!r}.")
    return str(addr)


def password(value: str, label: str) -> None:
    """Passwords: 8..64 characters with an upper-case letter and a digit.

    The .NET SDK's docs also ask for a special symbol, but the official SDKs' own examples use
    passwords such as ``Secret123``; rejecting those would fail clients written against the
    real API, so the symbol is not demanded."""
    if not 8 <= len(value) <= 64:
        raise BadRequest(f"Field '{label}' must be 8 to 64 characters long.")
    if not any(c.isupper() for c in value):
        raise BadRequest(f"Field '{label}' must contain an upper-case letter.")
    if not any(c.isdigit() for c in value):
        raise BadRequest(f"Field '{label}' must contain a digit.")


def port_value(value: Any, label: str) -> int:
    v = int(_number(value, label, True))
    _check_range(v, label, 1, 65535, None)
    return v
