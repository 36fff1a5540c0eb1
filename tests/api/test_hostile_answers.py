"""Any answer (any status, any headers the client reads, any body: bytes, any JSON value,
nesting too deep to decode, a truncated document) given to the client, for every kind of
call, yields data of the promised shape or an ``ApiError``; nothing else escapes
(issue 11, "Must show" b). Over both wires: httpx, and the direct one."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneandone_tui.api import ApiError, Client, Hdd, RetryPolicy, Server, ServerAction
from oneandone_tui.api.errors import UnexpectedResponse
from oneandone_tui.api.waiting import WaitPolicy

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "name", "state", "status", "percent", "type",
                                       "message", "x"]) | st.text(max_size=5), inner,
                      max_size=5),
    max_leaves=20)


def _deep(n: int) -> bytes:
    return b"[" * n + b"]" * n


def _truncated(value: Any) -> bytes:
    raw = json.dumps(value).encode()
    return raw[: max(1, len(raw) // 2)]


bodies = st.one_of(
    st.binary(max_size=120),
    json_values.map(lambda v: json.dumps(v).encode()),
    json_values.map(_truncated),
    st.integers(min_value=900, max_value=200_000).map(_deep),
    st.integers(min_value=900, max_value=20_000).map(
        lambda n: b'{"id": "S", "status": ' + b'{"a": ' * n + b"1" + b"}" * n + b"}"),
    st.sampled_from([b"null", b'"a string"', b"[1, 2, 3]", b'{"id": []}', b"[null]",
                     b'[{"id": ["x"], "state": {"a": 1}}]', b'{"status": "ON"}',
                     b'{"type": ' + b"[" * 5000 + b"]" * 5000 + b"}",
                     b'{"message": {"deep": [1, 2]}, "type": 7}', b"1e999",
                     b'{"status": {"state": [], "percent": "x"}}', "\ud800".encode("utf-8",
                                                                                 "surrogatepass")]),
)
statuses = st.sampled_from([200, 201, 202, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500,
                            502, 503, 504]) | st.integers(min_value=100, max_value=599)
header_values = st.text(max_size=12) | st.sampled_from(
    ["nan", "inf", "-1", "1e400", "99999999999999999999", "²", "Mon, 01 Jan 99999 00:00:00 GMT",
     "3", "0"])
headers = st.dictionaries(
    st.sampled_from(["X-Rate-Limit-Reset", "Retry-After", "X-Total-Count", "Content-Type"]),
    header_values, max_size=3)

Call = Callable[[Client], Awaitable[Any]]


def _wait_kw() -> dict[str, Any]:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    return {"policy": WaitPolicy(interval=1, max_interval=2, timeout=6), "sleep": sleep,
            "clock": lambda: now[0]}


SERVER = Server(name="web", appliance_id="A" * 32, vcore=1, cores_per_processor=1, ram=1,
                hdds=[Hdd(20, True)])

#: name -> (the call, the shape a success must have: "list", "object", "object|none", None)
CALLS: dict[str, tuple[Call, str | None]] = {
    "list": (lambda c: c.servers.list(), "list"),
    "list_all": (lambda c: c.servers.list_all(per_page=2), "list"),
    "get": (lambda c: c.servers.get("S"), "object"),
    "create": (lambda c: c.servers.create(SERVER), "object|none"),
    "delete": (lambda c: c.servers.delete("S"), "object|none"),
    "action": (lambda c: c.servers.set_status("S", ServerAction("REBOOT")), "object|none"),
    "wait_for": (lambda c: c.servers.wait_for("S", **_wait_kw()), "object"),
    "wait_deleted": (lambda c: c.servers.wait_deleted("S", **_wait_kw()), None),
    "wait_many": (lambda c: c.vpns.wait_many(["A", "B"], **_wait_kw()), None),
    "ping": (lambda c: c.ping.ping(), "strings"),
    "usages": (lambda c: c.usages.list(period="LAST_24H"), None),
}


def _shape_ok(value: Any, shape: str | None) -> bool:
    if shape == "list":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if shape == "strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if shape == "object":
        return isinstance(value, dict)
    if shape == "object|none":
        return value is None or isinstance(value, dict)
    return True


class Direct:
    """A direct (in-process) server answering one canned reply."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.answer = (status, headers, body)

    async def exchange(self, *args: Any) -> tuple[int, dict[str, str], bytes]:
        return self.answer


async def _run(call: str, transport: Any) -> None:
    async def no_sleep(seconds: float) -> None:
        return None

    fn, shape = CALLS[call]
    async with Client("t" * 32, transport=transport, sleep=no_sleep,
                      retry=RetryPolicy(max_attempts=2, jitter=0)) as client:
        try:
            result = await fn(client)
        except ApiError as exc:
            assert str(exc)  # a message, whatever the answer was
            if isinstance(exc, UnexpectedResponse):
                assert exc.method and exc.path and exc.expected
            return
    assert _shape_ok(result, shape), (call, result)


@SETTINGS
@given(call=st.sampled_from(sorted(CALLS)), status=statuses, headers=headers, body=bodies)
async def test_any_answer_over_httpx_is_data_or_an_api_error(call: str, status: int,
                                                             headers: dict[str, str],
                                                             body: bytes) -> None:
    # What a server puts on the wire is bytes: any header value, as UTF-8 (httpx encodes a
    # str header as ASCII and would fail in the mock itself, before the client sees it).
    raw = {name: value.encode("utf-8", "surrogatepass") for name, value in headers.items()}

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=raw, content=body)

    await _run(call, httpx.MockTransport(answer))


@SETTINGS
@given(call=st.sampled_from(sorted(CALLS)), status=statuses, headers=headers, body=bodies)
async def test_any_answer_over_the_direct_wire_is_data_or_an_api_error(
        call: str, status: int, headers: dict[str, str], body: bytes) -> None:
    await _run(call, Direct(status, headers, body))


@SETTINGS
@given(body=bodies)
async def test_a_wrong_shape_names_the_endpoint_and_what_was_expected(body: bytes) -> None:
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return
    try:
        await _run("list", Direct(200, {}, body))
    except AssertionError:
        raise
    async with Client("t" * 32, transport=Direct(200, {}, body)) as client:
        try:
            await client.servers.list()
        except UnexpectedResponse as exc:
            assert "expected a list of objects" in str(exc) and "GET /servers" in str(exc)
        else:
            raise AssertionError("a wrong shape was returned as data")
