"""The emulator's secrets (API keys, the request's ``X-TOKEN``), masked in every repr.

A crash in demo mode is shown with every frame's locals (Textual's crash screen, rich's
``show_locals``, a crash report): the headers of the request being served, the token it was
checked against and the user record it belongs to are locals of the emulator's frames. Held
in these types, their repr shows a mask; their value is unchanged (a ``MaskedStr`` is a
``str``: it compares, hashes and encodes to JSON as the key itself, so ``GET
/users/{id}/api/key`` still answers it).

The client has the same idea (``api/wire.py``, ``secret.py``); the emulator does not import
the client (the layers), so this is its own small copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["MASK", "TOKEN_HEADER", "MaskedHeaders", "MaskedStr"]

MASK = "****"
#: The header the API reads its key from (any case on the wire).
TOKEN_HEADER = "x-token"


class MaskedStr(str):
    """An API key: a ``str`` whose repr is a mask. A slice stays masked too (rich's pretty
    printer shows a long string's first characters as ``repr(value[:n])``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(MASK)

    def __getitem__(self, index: Any) -> MaskedStr:
        return MaskedStr(str.__getitem__(self, index))


class MaskedHeaders(dict[str, str]):
    """Request headers whose repr masks the token (in any case of its name)."""

    def __init__(self, headers: Mapping[str, str] | Iterable[tuple[str, str]] = (), *,
                 lower: bool = False) -> None:
        items = headers.items() if isinstance(headers, Mapping) else headers
        super().__init__((k.lower() if lower else k, v) for k, v in items)

    def __repr__(self) -> str:
        return repr({k: MASK if k.lower() == TOKEN_HEADER else v for k, v in self.items()})
