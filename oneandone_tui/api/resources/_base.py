"""What every category shares (hcloud-python's BoundModel/ClientEntity idea): the endpoint
declaration, sending a request object, list/paging/get, delete, and waiting.

Every public method that calls the API declares its endpoint with ``@endpoint(METHOD, TEMPLATE)``
and sends through ``self._call(self.<method>, ...)``, which reads the declaration back: the
method and path template live in exactly one place, and a test can enumerate them to prove that
every endpoint of ``shared/api/endpoints.json`` has a method. Base-class templates use
``{collection}`` and ``{id}``, filled per category.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import quote

from ..errors import ValidationError
from ..models._base import RequestObject
from ..paging import DEFAULT_PER_PAGE, ListQuery, iterate_pages
from ..shapes import expected_for
from ..waiting import (
    ManyProgress,
    Progress,
    StateReader,
    WaitPolicy,
    wait_deleted,
    wait_for,
    wait_many,
    wait_many_deleted,
)

if TYPE_CHECKING:
    from ..client import ApiResponse, Client

__all__ = ["Endpoint", "ListableResource", "ManagedResource", "Resource", "endpoint"]

F = TypeVar("F", bound=Callable[..., Any])
Json = Any
JsonObject = dict[str, Any]
JsonList = list[Any]


@dataclass(frozen=True)
class Endpoint:
    """One API endpoint: ``method`` and path ``template`` relative to ``/v1``. ``idempotent``
    overrides the method's default for retries (False for action-like PUTs)."""

    method: str
    template: str
    idempotent: bool | None = None

    @property
    def params(self) -> list[str]:
        return [p.split("}")[0] for p in self.template.split("{")[1:]]


def endpoint(method: str, template: str, *, idempotent: bool | None = None,
             answer: str | None = None) -> Callable[[F], F]:
    """Declare the endpoint a resource method calls; ``answer`` names the shape of its answer
    (``shapes.py``) where it is not the method's return annotation."""

    def deco(fn: F) -> F:
        fn.endpoint = Endpoint(method.upper(), template, idempotent)  # type: ignore[attr-defined]
        if answer is not None:
            fn.answer_shape = answer  # type: ignore[attr-defined]
        return fn

    return deco


class Resource:
    """A category facade: ``client.<name>``."""

    #: The collection path (``/servers``) that fills ``{collection}`` in base templates.
    collection: ClassVar[str] = ""
    #: The path parameter name of one item (``server_id``) that fills ``{id}``.
    id_param: ClassVar[str] = "id"

    def __init__(self, client: Client) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.collection or ''}>"

    @classmethod
    def resolve(cls, ep: Endpoint) -> Endpoint:
        template = ep.template.replace("{collection}", cls.collection)
        template = template.replace("{id}", "{" + cls.id_param + "}")
        return Endpoint(ep.method, template, ep.idempotent)

    @classmethod
    def endpoints(cls) -> dict[str, Endpoint]:
        """Every declared endpoint of this category, by method name, templates resolved."""
        found: dict[str, Endpoint] = {}
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            ep = getattr(member, "endpoint", None)
            if isinstance(ep, Endpoint):
                found[name] = cls.resolve(ep)
        return found

    def _id(self, resource_id: str) -> dict[str, str]:
        return {self.id_param: resource_id}

    async def _send(self, fn: Callable[..., Any], *, query: Any = None, body: Any = None,
                    **params: Any) -> ApiResponse:
        """Validate, build the path from ``fn``'s declared endpoint, send; the answer must have
        the shape ``fn``'s return annotation promises (``shapes.py``)."""
        ep = self.resolve(getattr(fn, "endpoint"))  # noqa: B009 - set by @endpoint
        for name in ep.params:
            value = params.get(name)
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(name, "is required")
        if set(params) != set(ep.params):
            raise TypeError(f"{ep.template} takes {ep.params}, got {sorted(params)}")
        if isinstance(body, RequestObject):
            body = body.validate().to_body()
        if isinstance(query, RequestObject):
            query = query.validate().to_body()
        path = ep.template.format_map({k: quote(v, safe="") for k, v in params.items()})
        expect = getattr(fn, "answer_shape", None) or \
            expected_for(getattr(fn, "__annotations__", {}).get("return"))
        return await self._client.send(ep.method, path, query=query, json=body,
                                       idempotent=ep.idempotent, expect=expect)

    async def _call(self, fn: Callable[..., Any], *, query: Any = None, body: Any = None,
                    **params: Any) -> Json:
        return (await self._send(fn, query=query, body=body, **params)).data


def require(field: str, value: Any) -> str:
    """A non-empty string argument, or a :class:`ValidationError` before anything is sent."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(field, "is required")
    return value


def id_list(field: str, values: Iterable[Any], attr: str | None = None) -> list[str]:
    """Ids from strings or objects (``AttachServer``): a non-empty list, or ValidationError."""
    out = [getattr(v, attr, None) if attr and v is not None and not isinstance(v, str) else v
           for v in values]
    if not out:
        raise ValidationError(field, "must contain at least 1 item")
    return [require(f"{field}[{i}]", value) for i, value in enumerate(out)]


def _count(header: Any) -> int | None:
    """``X-Total-Count`` as a number, or None for anything that is not a plain one."""
    if not isinstance(header, str) or not header.isascii() or not header.isdigit() \
            or len(header) > 18:
        return None
    return int(header)


class ListableResource(Resource):
    """A collection with ``list`` (one page, with ``sort``/``q``/``fields``), ``iterate`` and
    ``list_all`` (every page) and ``get``."""

    @endpoint("GET", "{collection}")
    async def list(self, *, page: int | None = None, per_page: int | None = None,
                   sort: str | None = None, q: str | None = None,
                   fields: str | Sequence[str] | None = None) -> JsonList:
        """One page of the collection (all of it when ``page``/``per_page`` are not given)."""
        query = ListQuery(page=page, per_page=per_page, sort=sort, q=q, fields=fields)
        return await self._call(self.list, query=query)

    async def iterate(self, *, per_page: int = DEFAULT_PER_PAGE, sort: str | None = None,
                      q: str | None = None, fields: str | Sequence[str] | None = None,
                      ) -> AsyncIterator[JsonObject]:
        """Every item, page after page (one request per page)."""

        async def fetch(params: dict[str, Any]) -> tuple[list[Any], int | None]:
            response = await self._send(self.list, query=params)
            return response.data, _count(response.headers.get("X-Total-Count"))

        query = ListQuery(sort=sort, q=q, fields=fields)
        async for page in iterate_pages(fetch, query, per_page):
            for item in page:
                yield item

    async def list_all(self, *args: Any, **kw: Any) -> JsonList:
        """:meth:`iterate`, collected (same arguments)."""
        return [item async for item in self.iterate(*args, **kw)]

    @endpoint("GET", "{collection}/{id}")
    async def get(self, resource_id: str) -> JsonObject:
        """One item."""
        return await self._call(self.get, **self._id(resource_id))


class ManagedResource(ListableResource):
    """A collection of things with a lifecycle: ``delete`` and the waits."""

    #: How to read the state; servers override it (``status.state`` + ``status.percent``).
    state: ClassVar[StateReader] = StateReader()
    #: The projection a wait_many round asks for.
    wait_fields: ClassVar[str] = "id,state"
    #: The Python SDK's polling interval for this kind (the longest a wait sleeps by default).
    poll_interval: ClassVar[float] = 5.0

    @endpoint("DELETE", "{collection}/{id}")
    async def delete(self, resource_id: str) -> JsonObject:
        """Delete; the answer is the item in its removing state."""
        return await self._call(self.delete, **self._id(resource_id))

    def _policy(self, policy: WaitPolicy | None, **kw: Any) -> WaitPolicy:
        if policy is not None:
            return policy
        base = WaitPolicy(max_interval=self.poll_interval)
        changes = {k: v for k, v in kw.items() if v is not None}
        return WaitPolicy(**{**base.__dict__, **changes})

    _WAIT_OPTIONS = frozenset({"policy", "interval", "backoff", "max_interval", "timeout",
                               "sleep", "clock"})

    def _wait_kw(self, kw: Mapping[str, Any]) -> dict[str, Any]:
        unknown = set(kw) - self._WAIT_OPTIONS
        if unknown:  # a typo must not silently fall back to the defaults
            raise TypeError(f"unknown wait option(s): {', '.join(sorted(unknown))}")
        policy = self._policy(kw.get("policy"), interval=kw.get("interval"),
                              backoff=kw.get("backoff"), max_interval=kw.get("max_interval"),
                              timeout=kw.get("timeout"))
        return {"policy": policy, "sleep": kw.get("sleep") or self._client._sleep,
                "clock": kw.get("clock")}

    async def wait_for(self, resource_id: str, *, target: str | Iterable[str] | None = None,
                       on_progress: Progress | None = None, **kw: Any) -> JsonObject:
        """Poll until the item is settled (or in ``target``) and return it. Keyword options:
        ``interval``, ``backoff``, ``max_interval``, ``timeout`` (seconds) or ``policy``;
        ``sleep`` and ``clock`` for tests."""
        item = await wait_for(lambda: self.get(resource_id), self.state, target=target,
                              on_progress=on_progress, resource_id=resource_id,
                              **self._wait_kw(kw))
        return dict(item)

    async def wait_deleted(self, resource_id: str, *, on_progress: Progress | None = None,
                           **kw: Any) -> None:
        """Poll until ``GET`` answers 404."""
        await wait_deleted(lambda: self.get(resource_id), self.state, on_progress=on_progress,
                           resource_id=resource_id, **self._wait_kw(kw))

    async def _wait_list(self) -> JsonList:
        return await self.list(fields=self.wait_fields)

    async def wait_many(self, ids: Iterable[str], *, target: str | Iterable[str] | None = None,
                        on_progress: ManyProgress | None = None,
                        **kw: Any) -> dict[str, JsonObject]:
        """Wait for several items with ONE list request per round (``fields=`` projected);
        returns ``{id: item}`` as the list projected it."""
        found = await wait_many(self._wait_list, ids, self.state, fetch_one=self.get,
                                target=target, on_progress=on_progress, **self._wait_kw(kw))
        return {k: dict(v) for k, v in found.items()}

    async def wait_many_deleted(self, ids: Iterable[str], *,
                                on_progress: ManyProgress | None = None, **kw: Any) -> None:
        """Wait until none of ``ids`` is listed any more (one list request per round)."""
        await wait_many_deleted(self._wait_list, ids, self.state, on_progress=on_progress,
                                **self._wait_kw(kw))
