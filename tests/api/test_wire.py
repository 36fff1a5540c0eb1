"""The direct wire (an in-process server, no httpx) sends what httpx would send: the same
path, query, headers and body bytes, and reads the answer the same way."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl

import httpx

from oneandone_tui.api import Client, Hdd, NotFound, Server
from oneandone_tui.api.wire import Headers

TOKEN = "t0ken-" * 6
ANSWER = b'[{"id":"S1","name":"caf\xc3\xa9"}]'


class Recorder:
    """Both kinds of server at once: an httpx transport and a direct one; each records what
    reached it as (method, path, query pairs, headers that matter, body)."""

    def __init__(self, status: int = 200, body: bytes = ANSWER,
                 headers: Mapping[str, str] | None = None) -> None:
        self.seen: list[tuple[str, str, list[tuple[str, str]], dict[str, str], bytes]] = []
        self.status, self.body = status, body
        self.headers = dict(headers or {"Content-Type": "application/json",
                                         "X-Total-Count": "1"})

    @staticmethod
    def _kept(headers: Mapping[str, str]) -> dict[str, str]:
        wanted = ("x-token", "accept", "user-agent", "content-type", "content-length")
        return {k.lower(): v for k, v in headers.items() if k.lower() in wanted}

    def httpx(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            path, _, query = request.url.raw_path.decode().partition("?")
            self.seen.append((request.method, path, parse_qsl(query, keep_blank_values=True),
                              self._kept(request.headers), request.content))
            return httpx.Response(self.status, headers=self.headers, content=self.body)

        return httpx.MockTransport(handle)

    async def exchange(self, method: str, path: str, query: list[tuple[str, str]],
                       headers: dict[str, str], body: bytes):
        self.seen.append((method, path, query, self._kept(headers), body))
        return self.status, self.headers, self.body


async def both(call, waits: list[float] | None = None, **recorder):
    """Run ``call(client)`` over httpx and over the direct wire; (what each server saw, what
    each call returned). Retries wait on ``waits`` (the seconds each asked for), not for real."""
    seen, results = [], []

    async def sleep(seconds: float) -> None:
        if waits is not None:
            waits.append(seconds)

    for kind in ("httpx", "direct"):
        rec = Recorder(**recorder)
        transport = rec.httpx() if kind == "httpx" else rec
        async with Client(TOKEN, base_url="https://api.test/v1", transport=transport,
                          sleep=sleep) as c:
            try:
                results.append(await call(c))
            except Exception as exc:  # compared below, like a result
                results.append((type(exc).__name__, str(exc), getattr(exc, "status", None)))
        seen.append(rec.seen)
    return seen, results


async def test_a_list_with_a_query_is_sent_and_read_alike() -> None:
    seen, results = await both(lambda c: c.servers.list(q="web 01/ü&x", sort="-name", page=2,
                                                        per_page=10, fields=["id", "name"]))
    assert seen[0] == seen[1]
    method, path, query, headers, body = seen[1][0]
    assert (method, path, body) == ("GET", "/v1/servers", b"")
    assert dict(query) == {"q": "web 01/ü&x", "sort": "-name", "page": "2", "per_page": "10",
                           "fields": "id,name"}
    assert headers["x-token"] == TOKEN and headers["accept"] == "application/json"
    assert results[0] == results[1] == [{"id": "S1", "name": "café"}]


async def test_a_json_body_is_the_same_bytes() -> None:
    server = Server(name="wéb-ü", vcore=1, cores_per_processor=1, ram=1,
                    appliance_id="A" * 32, hdds=[Hdd(size=40, is_main=True)])
    seen, results = await both(lambda c: c.servers.create(server), status=202,
                               body=b'{"id":"S2","name":"x"}')
    assert seen[0] == seen[1]
    method, path, _, headers, body = seen[1][0]
    assert (method, path) == ("POST", "/v1/servers")
    assert headers["content-type"] == "application/json"
    assert headers["content-length"] == str(len(body)) and "wéb-ü".encode() in body
    assert results[0] == results[1]


async def test_errors_and_their_headers_are_read_alike() -> None:
    _, results = await both(lambda c: c.servers.get("NOPE"), status=404,
                               body=b'{"type":"NOT_FOUND","message":"No server NOPE."}')
    assert results[0] == results[1]
    assert results[1][0] == NotFound.__name__ and results[1][2] == 404
    assert "No server NOPE." in results[1][1]
    waits: list[float] = []
    limited, _ = await both(lambda c: c.ping.ping(), waits, status=429, body=b"{}",
                            headers={"x-rate-limit-reset": "7"})
    assert limited[0] == limited[1]
    # Both wires read the reset header alike: every retry waited out the 7 s the API asked
    # for (plus at most the policy's small upward spread), on the injected sleep.
    assert waits and len(waits) % 2 == 0 and all(7.0 <= w <= 7.2 for w in waits)


def test_answer_headers_are_looked_up_in_any_case() -> None:
    h = Headers({"X-Total-Count": "12", "content-type": "application/json"})
    assert h.get("x-total-count") == h["X-TOTAL-COUNT"] == "12"
    assert "Content-Type" in h and h.get("X-Missing") is None
