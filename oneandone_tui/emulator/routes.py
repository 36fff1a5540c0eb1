"""The route table: ``(method, path template)`` -> handler.

Handler modules register themselves with :func:`route`; :func:`router` imports them all once and
builds a segment trie. Literal segments win over ``{params}`` (``/servers/fixed_instance_sizes``
before ``/servers/{server_id}``). An unknown path is a JSON 404; a known path with another
method is a JSON 405.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import jsonbody
from .errors import BadRequest, MethodNotAllowed, NotFound

if TYPE_CHECKING:
    from .store import Record, Store

def handler_modules() -> list[str]:
    """Every module of ``handlers/``, found on disk: a category's module registers its routes
    with :func:`route` when imported, a helper module (``common``, ``server_rules``) registers
    none. Adding a category's handlers is adding its module; no list to keep."""
    from . import handlers

    return sorted(m.name for m in pkgutil.iter_modules(handlers.__path__))


@dataclass
class Reply:
    """A handler's answer when it is not the route's usual status."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    method: str
    path: str
    template: str
    params: dict[str, str]
    query: list[tuple[str, str]]
    raw_body: bytes
    store: Store
    user: Record | None = None
    _body: Any = field(default=None, init=False)
    _parsed: bool = field(default=False, init=False)

    # -- query ---------------------------------------------------------------------------------
    def arg(self, name: str, default: str | None = None) -> str | None:
        """Last value of a query parameter (empty counts as not given)."""
        value = default
        for key, val in self.query:
            if key == name and val != "":
                value = val
        return value

    def flag(self, name: str, default: bool | None = None) -> bool | None:
        """A boolean query parameter: ``true``/``True``/``1`` or ``false``/``False``/``0``."""
        raw = self.arg(name)
        if raw is None:
            return default
        low = raw.lower()
        if low in ("true", "1", "yes"):
            return True
        if low in ("false", "0", "no"):
            return False
        raise BadRequest(f"Query parameter '{name}' must be true or false, got '{raw}'.")

    # -- body ----------------------------------------------------------------------------------
    @property
    def body(self) -> Any:
        if not self._parsed:
            self._parsed = True
            self._body = jsonbody.parse(self.raw_body)
        return self._body

    def json(self) -> dict[str, Any]:
        """The body as an object; a missing body is an empty object (SDKs send none on some
        PUT/POST calls)."""
        body = self.body
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise BadRequest("The request body must be a JSON object.")
        return body


Handler = Callable[[Request], Any]


@dataclass
class Route:
    method: str
    template: str
    handler: Handler
    status: int
    listing: bool = False
    auth: bool = True


_REGISTRY: list[Route] = []


def route(method: str, template: str, status: int = 200, *, listing: bool = False,
          auth: bool = True) -> Callable[[Handler], Handler]:
    """Register a handler. ``listing=True`` routes get ``page/per_page/sort/q/fields`` applied to
    the list they return (see ``listing.py``)."""

    def deco(fn: Handler) -> Handler:
        _REGISTRY.append(Route(method, template, fn, status, listing, auth))
        return fn

    return deco


class _Node:
    __slots__ = ("children", "methods", "param", "param_name")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.param: _Node | None = None
        self.param_name: str | None = None
        self.methods: dict[str, Route] = {}


class Router:
    def __init__(self, routes: list[Route]):
        self.root = _Node()
        self.routes = routes
        for r in routes:
            node = self.root
            for seg in _segments(r.template):
                if seg.startswith("{") and seg.endswith("}"):
                    if node.param is None:
                        node.param = _Node()
                        node.param_name = seg[1:-1]
                    elif node.param_name != seg[1:-1]:
                        raise ValueError(f"conflicting parameter names under {r.template}")
                    node = node.param
                else:
                    node = node.children.setdefault(seg, _Node())
            if r.method in node.methods:
                raise ValueError(f"duplicate route {r.method} {r.template}")
            node.methods[r.method] = r

    def match(self, method: str, path: str | list[str]) -> tuple[Route, dict[str, str]]:
        """The route for ``method`` on ``path``: a path string, or its already-decoded segments
        (so that an id holding ``%2F`` stays one segment)."""
        segs = _segments(path) if isinstance(path, str) else [s for s in path if s]
        if not isinstance(path, str):
            path = "/" + "/".join(segs)
        found = self._walk(self.root, segs, {})
        if found is None or not found[0].methods:
            raise NotFound(f"No such endpoint: {method} /v1{path}.")
        node, params = found
        r = node.methods.get(method)
        if r is None:
            allowed = ", ".join(sorted(node.methods))
            raise MethodNotAllowed(f"Method {method} is not allowed on /v1{path} (allowed: "
                                   f"{allowed}).")
        return r, params

    def _walk(self, node: _Node, segs: list[str], params: dict[str, str]):
        if not segs:
            return node, params
        head, rest = segs[0], segs[1:]
        child = node.children.get(head)
        if child is not None:
            found = self._walk(child, rest, params)
            if found is not None and found[0].methods:
                return found
        if node.param is not None and node.param_name is not None:
            return self._walk(node.param, rest, {**params, node.param_name: head})
        return None


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


_ROUTER: Router | None = None


def router() -> Router:
    global _ROUTER
    if _ROUTER is None:
        for name in handler_modules():
            importlib.import_module(f"{__package__}.handlers.{name}")
        _ROUTER = Router(list(_REGISTRY))
    return _ROUTER
