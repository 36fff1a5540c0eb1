"""Request bodies as the emulator accepts them: UTF-8 JSON that can be stored and sent back.

Every body a handler or a control route reads goes through :func:`parse`, so nothing reaches the
store that the emulator could not serialise again: a lone surrogate (``"bad\\ud800"``) stored in
a name once made every later list of servers, logs, usages and the monitoring center fail to
encode. What is refused, each as a 400 ``{type, message}`` that says why:

* a body over :data:`MAX_BODY_BYTES` (the adapters refuse it before reading it, when they can);
* bytes that are not UTF-8, and text that is not JSON;
* ``NaN``/``Infinity`` (not JSON, though Python's parser takes them) and numbers out of range:
  floats that overflow to infinity, integers beyond 64 bits (the official SDKs decode numbers
  into 64-bit integers or doubles: Go ``int``, Java ``Integer``/``Long``);
* nesting deeper than :data:`MAX_DEPTH` (the deepest documented body, a server's
  ``hardware.hdds[]``, has 3 levels);
* a string or key holding a lone UTF-16 surrogate, which is not Unicode text.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import BadRequest

#: Bodies are small (the largest documented one, a server with hardware and IPs, is ~1 KB).
MAX_BODY_BYTES = 1024 * 1024
#: Nesting levels of objects and lists allowed in a body.
MAX_DEPTH = 32
_INT_LIMIT = 2**63


class _Refused(Exception):
    """Raised inside the parser's hooks; carries the message of the 400."""


def too_large(size: int | str) -> BadRequest:
    """The 400 for a body of ``size`` bytes (a number, or the digits a client declared)."""
    shown = _clip(str(size))
    return BadRequest(f"The request body is too large ({shown} bytes; at most "
                      f"{MAX_BODY_BYTES}).")


def parse(raw: bytes) -> Any:
    """The JSON value of ``raw`` (``None`` for an empty or blank body); a :class:`BadRequest`
    naming what is wrong otherwise."""
    if not raw:
        return None
    if len(raw) > MAX_BODY_BYTES:
        raise too_large(len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"The request body is not UTF-8 text (invalid byte at offset "
                         f"{exc.start}).") from None
    text = text.strip()
    if not text:
        return None
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except _Refused as exc:
        raise BadRequest(f"The request body is refused: {exc}.") from None
    except RecursionError:
        raise BadRequest(f"The request body is nested too deeply (at most {MAX_DEPTH} "
                         f"levels).") from None
    except ValueError as exc:
        detail = getattr(exc, "msg", None) or str(exc)
        raise BadRequest(f"The request body is not valid JSON: {detail}.") from None
    _check_tree(value)
    return value


def _int(digits: str) -> int:
    # Checked on the text: int() of over 4300 digits raises, and a long one costs time.
    if len(digits.lstrip("-")) > 19:
        raise _Refused(f"the integer {_clip(digits)} is out of range (at most 64 bits)")
    value = int(digits)
    if not -_INT_LIMIT <= value < _INT_LIMIT:
        raise _Refused(f"the integer {digits} is out of range (at most 64 bits)")
    return value


def _float(text: str) -> float:
    if len(text) > 400:
        raise _Refused(f"the number {_clip(text)} is too long")
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {_clip(text)} is out of range")
    return value


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def _clip(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}...({len(text)} characters)"


def _check_tree(value: Any) -> None:
    """Depth and text checks over the parsed value, without recursion."""
    stack: list[tuple[Any, int, str]] = [(value, 1, "")]
    while stack:
        node, depth, where = stack.pop()
        if isinstance(node, str):
            _check_text(node, where or "the body")
        elif isinstance(node, (dict, list)):
            if depth > MAX_DEPTH:
                raise BadRequest(f"The request body is nested too deeply at '{where}' (at most "
                                 f"{MAX_DEPTH} levels).")
            if isinstance(node, dict):
                for key, child in node.items():
                    path = f"{where}.{key}" if where else key
                    _check_text(key, f"a key in '{where or 'the body'}'")
                    stack.append((child, depth + 1, path))
            else:
                for i, child in enumerate(node):
                    stack.append((child, depth + 1, f"{where}[{i}]"))


def _check_text(text: str, where: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(text[exc.start])
        raise BadRequest(f"Field '{where}' holds a lone surrogate (\\u{code:04x}), which is "
                         f"not Unicode text; send the character itself or a complete "
                         f"surrogate pair.") from None


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a code point UTF-8 cannot encode (a lone surrogate)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
