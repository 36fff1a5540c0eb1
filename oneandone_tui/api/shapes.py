"""What shape an endpoint's answer has, and a check that says how an answer differs.

Everything the client returns comes from an account other people and programs write to, over
a network that can mangle it (DESIGN.md §9 rule 1). An answer of the wrong shape (``null``, a
string, a list of numbers, an object where a list belongs) would otherwise surface far away as
``'str' object has no attribute 'get'``; checked here, it becomes one
:class:`~oneandone_tui.api.errors.UnexpectedResponse` that names the endpoint and what it
should have sent.

Endpoints declare their shape through their return annotation (``-> JsonObject``,
``-> JsonList``, ``-> list[str]``; see ``resources/_base.py``); ``Json`` means "anything".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["OBJECT", "OBJECTS", "OBJECT_OR_OBJECTS", "STRINGS", "describe", "expected_for",
           "kind", "mismatch"]

OBJECT = "an object"
OBJECTS = "a list of objects"
STRINGS = "a list of strings"
#: An endpoint whose sources disagree between one object and a list of objects (the shared
#: storages' access credentials): either is read; the resource method makes it one shape.
OBJECT_OR_OBJECTS = "an object or a list of objects"

#: Return annotation (as written, the modules use ``from __future__ import annotations``)
#: -> the shape it promises.
_BY_ANNOTATION = {"JsonObject": OBJECT, "JsonList": OBJECTS, "list[str]": STRINGS}


def expected_for(annotation: Any) -> str | None:
    """The shape a method's return annotation promises (None: anything goes)."""
    if not isinstance(annotation, str):
        annotation = getattr(annotation, "__name__", None)
    return _BY_ANNOTATION.get(annotation or "")


def kind(value: Any) -> str:
    """A decoded JSON value's kind: ``null``, ``boolean``, ``number``, ``string``, ``list``,
    ``object`` (anything else: its type's name)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


#: How a message names each kind (a type's name goes as it is).
_WITH_ARTICLE = {"null": "null", "boolean": "a boolean", "number": "a number",
                 "string": "a string", "list": "a list", "object": "an object"}


def describe(value: Any) -> str:
    """``null``, ``a string``, ``a list``... for a message."""
    name = kind(value)
    return _WITH_ARTICLE.get(name, name)


def mismatch(data: Any, expected: str | None) -> str | None:
    """How ``data`` fails to be ``expected`` (None when it is, or nothing is expected)."""
    if expected is None:
        return None
    if expected == OBJECT:
        return None if isinstance(data, dict) else describe(data)
    if expected == OBJECT_OR_OBJECTS:
        if isinstance(data, dict):
            return None
        expected = OBJECTS
    if not isinstance(data, list):
        return describe(data)
    want = dict if expected == OBJECTS else str
    for index, element in enumerate(data):
        if not isinstance(element, want):
            return f"a list holding {describe(element)} at position {index}"
    return None
