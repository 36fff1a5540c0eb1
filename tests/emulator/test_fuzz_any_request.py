"""Issue 11, "Must show" (a): any JSON or bytes sent to any emulator endpoint gets an HTTP answer
with a JSON body, and the emulator keeps serving the list endpoints after.

Requests are drawn from the route table (real ids of the account, or hostile text, for the
path's parameters), with methods GET/POST/PUT/DELETE/PATCH/OPTIONS, query parameters the
listing and period code read, and bodies of every kind: arbitrary JSON (lone surrogates, huge
and non-finite numbers, deep nesting), objects with the API's field names and hostile values,
the official SDK's own bodies with one value replaced, and raw bytes. The same emulator takes
every example, so whatever one example stores, the next ones and the list checks render.

Beyond "a JSON answer", each answer must not be a 500: every such input is a client error or a
success, and a 500 here means a handler that crashed (the catch-all's answer).
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator, Response
from oneandone_tui.emulator.http import BackgroundServer
from oneandone_tui.emulator.jsonbody import has_surrogate
from oneandone_tui.emulator.routes import router

DATA = Path(__file__).resolve().parents[1] / "data" / "api" / "sdk_requests.json"
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
LISTS = ("/v1/servers", "/v1/logs", "/v1/monitoring_center", "/v1/usages")
TEMPLATES = sorted({r.template for r in router().routes})
QUERY_NAMES = ("page", "per_page", "sort", "q", "fields", "period", "start_date", "end_date")
#: Which collection each path parameter names (the others draw from every id in the account).
PARAM_COLLECTIONS = {
    "server_id": "servers", "ip_id": "ips", "server_ip_id": "ips", "firewall_id":
    "firewall_policies", "load_balancer_id": "load_balancers", "private_network_id":
    "private_networks", "monitoring_policy_id": "monitoring_policies", "user_id": "users",
    "role_id": "roles", "shared_storage_id": "shared_storages", "block_storage_id":
    "block_storages", "vpn_id": "vpns", "image_id": "images", "ssh_key_id": "ssh_keys",
}


def _sdk_requests() -> list[tuple[str, str, dict[str, Any]]]:
    """The official SDK's requests with an object body: (method, route template, body)."""
    calls = json.loads(DATA.read_text())["calls"]
    found = []
    for call in calls:
        for req in call["requests"]:
            body = req["body"]
            if isinstance(body, str):
                try:
                    body = json.loads(body)
                except ValueError:
                    continue
            if isinstance(body, dict):
                r, _params = router().match(req["method"], req["path"][len("/v1"):])
                found.append((req["method"], r.template, body))
    return found


def _keys(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, child in value.items():
            out.add(key)
            _keys(child, out)
    elif isinstance(value, list):
        for child in value:
            _keys(child, out)
    return out


SDK_REQUESTS = _sdk_requests()
SDK_BODIES = [body for _m, _t, body in SDK_REQUESTS]
FIELD_NAMES = sorted(_keys(SDK_BODIES, set()))

# -- strategies ---------------------------------------------------------------------------------
surrogates = st.sampled_from(["\ud800", "bad\udbff", "\udc00x", "a\ud83d"])
hostile_text = st.one_of(
    st.text(max_size=30),
    st.builds(lambda a, s, b: a + s + b, st.text(max_size=5), surrogates, st.text(max_size=5)),
    st.sampled_from(["[/]", "\x1b]0;PWNED\x07", "../..", "a/b", "%2F", "\u202e", "", " ",
                     "NaN", "9" * 400]),
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=-5, max_value=70000),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, hostile_text)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), hostile_text), inner,
                        max_size=4),
    ),
    max_leaves=12,
)
api_objects = st.dictionaries(st.sampled_from(FIELD_NAMES), json_values, min_size=1,
                              max_size=6)


@st.composite
def sdk_body_with_one_change(draw: st.DrawFn, body: Any = None) -> Any:
    body = json.loads(json.dumps(body if body is not None else draw(st.sampled_from(SDK_BODIES))))
    node = body
    for _ in range(draw(st.integers(0, 3))):
        children = (list(node.items()) if isinstance(node, dict)
                    else list(enumerate(node)) if isinstance(node, list) else [])
        children = [(k, v) for k, v in children if isinstance(v, (dict, list)) and v]
        if not children:
            break
        node = draw(st.sampled_from(children))[1]
    if isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node)))
        node[key] = draw(_like(node[key]))
    elif isinstance(node, list) and node:
        i = draw(st.integers(0, len(node) - 1))
        node[i] = draw(_like(node[i]))
    return body


def _like(old: Any) -> st.SearchStrategy[Any]:
    """Mostly a hostile value of the old one's type (text for text: the names and descriptions
    that get stored), sometimes anything."""
    if isinstance(old, str):
        return st.one_of(hostile_text, hostile_text, json_values)
    if isinstance(old, (int, float)) and not isinstance(old, bool):
        return st.one_of(numbers, json_values)
    return json_values


def _dumps(value: Any) -> bytes:
    # ensure_ascii: lone surrogates travel as \\udXXX escapes, as a hostile client sends them.
    return json.dumps(value, ensure_ascii=True, allow_nan=True).encode("ascii")


bodies = st.one_of(
    st.just(b""),
    json_values.map(_dumps),
    api_objects.map(_dumps),
    sdk_body_with_one_change().map(_dumps),
    st.binary(max_size=64),
    st.integers(1, 3000).map(lambda n: b'{"name":' * n + b"1" + b"}" * n),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(300, 5000).map(lambda n: b'{"name": "x", "vcore": ' + b"7" * n + b"}"),
)


class Account:
    """Ids of the account to put in paths (all but the calling user's: a fuzzed key change
    or API switch-off of the caller would rightly make every later request a 401)."""

    def __init__(self, emu: Emulator):
        owner = next(u for u in emu.store.users.values() if u["api"].get("key") == emu.token)
        self.by_collection: dict[str, list[str]] = {}
        everything: set[str] = set()
        for name in PARAM_COLLECTIONS.values():
            ids = [i for i in getattr(emu.store, name) if i != owner["id"]]
            self.by_collection[name] = sorted(ids)
            everything.update(ids)
        for rec in (r for name in PARAM_COLLECTIONS.values()
                    for r in getattr(emu.store, name).values()):
            everything.update(_ids(rec))
        everything.discard(owner["id"])
        self.everything = sorted(everything)


def _ids(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "id" and isinstance(child, str):
                found.add(child)
            else:
                found |= _ids(child)
    elif isinstance(value, list):
        for child in value:
            found |= _ids(child)
    return found


@st.composite
def requests(draw: st.DrawFn, account: Account) -> tuple[str, str, list[tuple[str, str]],
                                                         bytes]:
    sdk = draw(st.booleans())
    if sdk:  # an SDK request to its own endpoint, one value changed: deep into the handler
        method, template, sdk_body = draw(st.sampled_from(SDK_REQUESTS))
    else:
        method, template = draw(st.sampled_from(METHODS)), draw(st.sampled_from(TEMPLATES))
    segments = []
    for seg in template.strip("/").split("/"):
        m = re.fullmatch(r"\{(\w+)\}", seg)
        if not m:
            segments.append(seg)
            continue
        pool = account.by_collection.get(PARAM_COLLECTIONS.get(m.group(1), ""), [])
        value = draw(st.one_of(
            st.sampled_from(pool or account.everything),
            st.sampled_from(account.everything),
            hostile_text,
        ))
        segments.append(quote(value.encode("utf-8", "surrogatepass"), safe=""))
    path = "/v1/" + "/".join(segments)
    query = draw(st.lists(st.tuples(st.sampled_from(QUERY_NAMES), hostile_text), max_size=3))
    body = draw(sdk_body_with_one_change(sdk_body).map(_dumps)) if sdk else draw(bodies)
    return method, path, query, body


def check_answer(status: int, headers: dict[str, str], body: bytes, method: str) -> None:
    assert 200 <= status <= 599, status
    assert status != 500, body[:300]
    assert headers.get("content-type", headers.get("Content-Type")) == "application/json"
    if method == "HEAD":
        return
    data = strict_json(body)
    if status >= 400:
        assert isinstance(data, dict) and set(data) == {"type", "message"}, data


def strict_json(body: bytes) -> Any:
    """What a strict client accepts: UTF-8 JSON without NaN/Infinity."""
    def refuse(name: str) -> Any:
        raise AssertionError(f"{name} in a response")
    return json.loads(body.decode("utf-8"), parse_constant=refuse)


def store_is_clean(emu: Emulator) -> None:
    """Nothing stored holds text the emulator could not send back (a lone surrogate)."""
    stack: list[Any] = [getattr(emu.store, name) for name in PARAM_COLLECTIONS.values()]
    stack += [emu.store.logs, emu.store.storage_access]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            assert not has_surrogate(value), repr(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple, set)):
            stack.extend(value)


def lists_serve(get: Any) -> None:
    for path in LISTS:
        query = [("period", "LAST_24H")] if path.endswith(("/logs", "/usages")) else []
        status, body = get(path, query)
        assert status == 200, (path, body[:300])
        strict_json(body)


# -- in process ---------------------------------------------------------------------------------
_CORE = Emulator(clock=ManualClock())
_CORE_ACCOUNT = Account(_CORE)


def _core_get(path: str, query: list[tuple[str, str]]) -> tuple[int, bytes]:
    resp = _CORE.handle("GET", path, query, {"X-TOKEN": _CORE.token}, b"")
    return resp.status, resp.body


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(req=requests(_CORE_ACCOUNT), advance=st.sampled_from([0, 0, 0, 30, 600]))
def test_any_request_to_the_core_gets_a_json_answer(req, advance: int) -> None:
    method, path, query, body = req
    headers = {"X-TOKEN": _CORE.token, "Content-Type": "application/json"}
    resp: Response = _CORE.handle(method, path, query, headers, body)
    assert not resp.drop
    check_answer(resp.status, resp.headers, resp.body, method)
    if advance:
        _CORE.advance(advance)  # transitions the example started run their course
    store_is_clean(_CORE)
    lists_serve(_core_get)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=bodies, method=st.sampled_from(METHODS))
def test_any_body_to_the_control_routes_gets_a_json_answer(body: bytes, method: str) -> None:
    emu = _CORE
    for path in ("/_emulator/faults", "/_emulator/clock/advance", "/_emulator/settle",
                 "/_emulator/stats", "/_emulator/nothing"):
        resp = emu.handle(method, path, [], {}, body)
        check_answer(resp.status, resp.headers, resp.body, method)
    emu.faults.update({"latency_ms": 0, "error_rate": 0, "drop_rate": 0, "malformed_rate": 0,
                       "rate_limit_rate": 0, "fail_next": []})
    lists_serve(_core_get)


# -- over the loopback HTTP server ------------------------------------------------------------
class Wire:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, addr: tuple[str, int]):
        self.addr = addr
        self.sock: socket.socket | None = None
        self.buf = b""

    def send(self, method: str, path: str, query: list[tuple[str, str]], body: bytes,
             token: str) -> tuple[int, dict[str, str], bytes]:
        qs = "&".join(f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}"
                      for k, v in query)
        target = path + ("?" + qs if qs else "")
        head = (f"{method} {target} HTTP/1.1\r\nHost: emu\r\nX-TOKEN: {token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        for attempt in (1, 2):
            if self.sock is None:
                self.sock = socket.create_connection(self.addr, timeout=30)
                self.buf = b""
            try:
                self.sock.sendall(head.encode("ascii") + body)
                return self._read(method)
            except (ConnectionError, EOFError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _read(self, method: str) -> tuple[int, dict[str, str], bytes]:
        assert self.sock is not None
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        lines = head.decode("iso-8859-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip()
                   for k, _, v in (ln.partition(":") for ln in lines[1:])}
        length = 0 if method == "HEAD" else int(headers["content-length"])
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def _fill(self) -> None:
        assert self.sock is not None
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("the server closed the connection without an answer")
        self.buf += chunk

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None


@pytest.fixture(scope="module")
def wire():
    emu = Emulator(clock=ManualClock())
    bs = BackgroundServer(emu)
    with bs:
        w = Wire(bs.server.server_address[:2])
        yield emu, Account(emu), w
        w.close()


def test_any_request_over_http_gets_a_json_answer(wire) -> None:
    emu, account, w = wire

    def http_get(path: str, query: list[tuple[str, str]]) -> tuple[int, bytes]:
        status, _h, body = w.send("GET", path, query, b"", emu.token)
        return status, body

    @settings(max_examples=250, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(req=requests(account))
    def run(req) -> None:
        method, path, query, body = req
        status, headers, answer = w.send(method, path, query, body, emu.token)
        check_answer(status, headers, answer, method)
        store_is_clean(emu)
        lists_serve(http_get)

    run()
