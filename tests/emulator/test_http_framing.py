"""The loopback server answers every request line and framing with HTTP and a JSON body, on raw
sockets (issue 11, item 4): what the standard library answered with HTML, a dropped connection
or a hang (``Content-Length: -1``, an HTTP/0.9 line) is a JSON 400/405/414, and the connection
closes when the rest of its stream cannot be trusted."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest

from oneandone_tui.emulator import jsonbody
from oneandone_tui.emulator.clock import ManualClock
from oneandone_tui.emulator.core import Emulator
from oneandone_tui.emulator.http import BackgroundServer

#: A hang is a failure: every answer below must come well within this.
TIMEOUT = 10


@pytest.fixture
def server() -> Iterator[tuple[Emulator, tuple[str, int]]]:
    emu = Emulator(clock=ManualClock())
    bs = BackgroundServer(emu)
    with bs:
        host, port = bs.server.server_address[:2]
        yield emu, (str(host), int(port))


def exchange(addr: tuple[str, int], data: bytes, *,
             check_close: bool = False) -> tuple[int, dict[str, str], bytes, bool]:
    """Send ``data``, read one answer: status, headers, body, and (``check_close``) whether
    the server then closed the connection."""
    with socket.create_connection(addr, timeout=TIMEOUT) as s:
        s.sendall(data)
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = s.recv(65536)
            assert chunk, f"connection closed without an answer: {buf!r}"
            buf += chunk
        head, _, rest = buf.partition(b"\r\n\r\n")
        lines = head.decode("iso-8859-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
        length = 0 if data.startswith(b"HEAD ") else int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = s.recv(65536)
            assert chunk, "connection closed mid-body"
            rest += chunk
        if not check_close:
            return status, headers, rest[:length], False
        s.settimeout(2)
        try:
            closed = s.recv(1) == b""
        except (TimeoutError, ConnectionResetError):
            closed = False
        return status, headers, rest[:length], closed


def request(method: str, path: str, body: bytes = b"", *, extra: str = "",
            length: str | None = None, token: str = "demo-token") -> bytes:
    length = str(len(body)) if length is None else length
    return (f"{method} {path} HTTP/1.1\r\nHost: emu\r\nX-TOKEN: {token}\r\n"
            f"Content-Length: {length}\r\n{extra}\r\n").encode() + body


def json_error(answer: tuple[int, dict[str, str], bytes, bool], status: int,
               *fragments: str) -> dict[str, str]:
    got, headers, body, _closed = answer
    assert got == status, (got, body)
    assert headers["content-type"] == "application/json"
    data = json.loads(body)
    assert set(data) == {"type", "message"}, data
    for fragment in fragments:
        assert fragment in data["message"], (fragment, data)
    return data


def still_serving(addr: tuple[str, int]) -> None:
    for path in ("/v1/servers", "/v1/logs?period=LAST_24H", "/v1/monitoring_center",
                 "/v1/usages?period=LAST_24H"):
        status, _h, body, _c = exchange(addr, request("GET", path, extra="Connection: close\r\n"))
        assert status == 200, (path, body[:200])
        json.loads(body)


@pytest.mark.parametrize(("length", "fragment"), [
    ("abc", "Content-Length must be a number"),
    ("-1", "Content-Length must be a number"),
    ("1e3", "Content-Length must be a number"),
    (str(jsonbody.MAX_BODY_BYTES + 1), "too large"),
    ("9" * 40, "too large"),
])
def test_bad_content_length_is_400_and_closes(server, length: str, fragment: str) -> None:
    _emu, addr = server
    answer = exchange(addr, request("POST", "/v1/servers", b"{}", length=length),
                      check_close=True)
    json_error(answer, 400, fragment)
    assert answer[1]["connection"] == "close" and answer[3]
    still_serving(addr)


def test_conflicting_content_lengths_are_400(server) -> None:
    _emu, addr = server
    data = request("POST", "/v1/servers", b"{}", extra="Content-Length: 5\r\n")
    json_error(exchange(addr, data), 400, "conflicting Content-Length")


def test_http_0_9_request_line_is_answered_400_at_once(server) -> None:
    _emu, addr = server
    answer = exchange(addr, b"GET /v1/servers\r\n", check_close=True)
    json_error(answer, 400, "HTTP/0.9")
    assert answer[3], "the connection must close"


@pytest.mark.parametrize(("line", "status"), [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /v1/servers HTTP/9.9\r\n\r\n", 505),
    (b"GET /v1/servers FTP/1.0\r\n\r\n", 400),
    (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 414),
])
def test_malformed_request_lines_are_json(server, line: bytes, status: int) -> None:
    _emu, addr = server
    answer = exchange(addr, line, check_close=True)
    json_error(answer, status)
    assert answer[3]
    still_serving(addr)


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "PROPFIND", "HEAD"])
def test_other_methods_are_json_405_not_html_501(server, method: str) -> None:
    _emu, addr = server
    status, headers, body, _closed = exchange(addr, request(method, "/v1/servers"))
    assert status == 405 and headers["content-type"] == "application/json"
    if method != "HEAD":
        assert json.loads(body)["type"] == "METHOD_NOT_ALLOWED"
        assert method in json.loads(body)["message"]


def test_percent_2f_in_an_id_is_404_for_that_id(server) -> None:
    emu, addr = server
    sid = next(s["id"] for s in emu.store.servers.values() if s["name"] == "web-01")
    answer = exchange(addr, request("GET", f"/v1/servers/{sid}%2Fips"))
    json_error(answer, 404, f"'{sid}/ips'")


def test_lone_surrogate_over_http_is_400_and_lists_keep_serving(server) -> None:
    _emu, addr = server
    body = b'{"name": "bad\\ud800", "appliance_id": "B5F778B85C041347BCDCFC3172AB3F3C", ' \
           b'"hardware": {"vcore": 1, "cores_per_processor": 1, "ram": 1, ' \
           b'"hdds": [{"size": 20, "is_main": true}]}}'
    json_error(exchange(addr, request("POST", "/v1/servers", body)), 400, "lone surrogate")
    still_serving(addr)


def test_chunked_body_is_read(server) -> None:
    emu, addr = server
    sid = next(s["id"] for s in emu.store.servers.values() if s["name"] == "web-01")
    payload = b'{"name": "chunked-name"}'
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in (payload[:7], payload[7:])) + \
        b"0\r\n\r\n"
    data = (f"PUT /v1/servers/{sid} HTTP/1.1\r\nHost: emu\r\nX-TOKEN: demo-token\r\n"
            f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode() + chunks
    status, _h, body, _c = exchange(addr, data)
    assert status == 200, body
    assert emu.store.servers[sid]["name"] == "chunked-name"


def test_keep_alive_survives_a_400_body(server) -> None:
    """A refused body that was fully read leaves the connection usable."""
    _emu, addr = server
    with socket.create_connection(addr, timeout=TIMEOUT) as s:
        s.sendall(request("POST", "/v1/servers", b"[" * 100 + b"]" * 100)
                  + request("GET", "/v1/ping"))
        data = b""
        while data.count(b"HTTP/1.1 ") < 2 or not data.endswith(b'["PONG"]'):
            chunk = s.recv(65536)
            assert chunk, data
            data += chunk
    assert data.startswith(b"HTTP/1.1 400") and b"HTTP/1.1 200" in data
