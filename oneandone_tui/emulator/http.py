"""The loopback adapter: a threaded HTTP/1.1 server in front of an :class:`Emulator`, so that
any client (the official SDKs, curl, terraform...) can be tested against it.

Started by ``oneandone-tui emulator --host 127.0.0.1 --port PORT ...``. Each connection gets a
thread; the emulator's store lock makes concurrent mutations safe, and injected latency is
slept outside it, in the connection's thread, so concurrent requests wait concurrently. The
listen backlog is deep: with the standard library's 5, a burst of 20 connections lost SYNs and
waited a second for the kernel to retry them.

Every request gets an HTTP answer with a JSON ``{type, message}`` body, also the ones the
standard library answers with HTML or not at all: any method (405 from the route table, not an
HTML 501), a bad, negative or too large ``Content-Length`` (400, and the connection closes, as
the rest of the stream cannot be trusted), an HTTP/0.9 request line (400, instead of waiting for
headers that never come), an over-long request line or header (414/431).
"""

from __future__ import annotations

import json
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from . import jsonbody
from .masked import MaskedHeaders

if TYPE_CHECKING:
    from .core import Emulator

_QUERY = re.compile(r"\?([^\s\"']*)")
_ERROR_TYPES = {400: "BAD_REQUEST", 408: "REQUEST_TIMEOUT", 414: "URI_TOO_LONG",
                431: "REQUEST_HEADER_FIELDS_TOO_LARGE", 500: "INTERNAL_SERVER_ERROR",
                501: "NOT_IMPLEMENTED", 505: "HTTP_VERSION_NOT_SUPPORTED"}


class _BadFraming(Exception):
    """The request's body framing cannot be read: answer 400 and close."""


def redact(line: str, token: str | None = None) -> str:
    """A log line without secrets: query values replaced by ``*`` (names kept, so the log
    still tells ``?page=*&per_page=*`` from ``?q=*``) and the token, should it appear, masked."""

    def names(m: re.Match[str]) -> str:
        pairs = [p.split("=", 1)[0] + ("=*" if "=" in p else "") for p in m.group(1).split("&")]
        return "?" + "&".join(pairs)

    line = _QUERY.sub(names, line)
    if token:
        line = line.replace(token, "***")
    return line


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    #: Errors found before the version is parsed are answered with a status line (the standard
    #: "HTTP/0.9" default answers them with a bare body).
    default_request_version = "HTTP/1.0"
    server_version = "oneandone-emulator/1.0"
    #: Headers and body go out as separate writes: with Nagle's algorithm the body waited for
    #: the client's delayed ACK, ~40 ms per answer on a keep-alive connection.
    disable_nagle_algorithm = True
    #: Seconds a connection may stay silent (idle keep-alive, or a body that never arrives)
    #: before its thread gives up on it.
    timeout = 120
    emulator: Emulator
    quiet = True
    sleep: Callable[[float], None] = staticmethod(time.sleep)

    # -- request framing ---------------------------------------------------------------------
    def handle_one_request(self) -> None:
        """The standard loop, with any method served by :meth:`_serve` (the standard one
        answers a method without ``do_<METHOD>`` with an HTML 501)."""
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.requestline = ""
                self.request_version = "HTTP/1.1"
                self.command = ""
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            self._serve()
            self.wfile.flush()
        except TimeoutError as exc:
            self.log_error("Request timed out: %r", exc)
            self.close_connection = True

    def parse_request(self) -> bool:
        # An HTTP/0.9 request line ("GET /path") has no version: the standard handler then
        # waits for headers such a client never sends. Refuse it at once, in HTTP/1.0.
        words = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n").split()
        if len(words) == 2:
            self.command, self.path = words
            self.requestline = " ".join(words)
            self.request_version = "HTTP/1.0"
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST,
                            "HTTP/0.9 requests are not served: send an HTTP/1.x request line.")
            return False
        return super().parse_request()

    def _read_body(self) -> bytes:
        """The body as ``Content-Length`` or chunked transfer coding frames it."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        values = self.headers.get_all("Content-Length") or []
        if not values:
            return b""
        if len(set(v.strip() for v in values)) > 1:
            raise _BadFraming("The request has conflicting Content-Length headers.")
        raw = values[0].strip()
        if not raw.isascii() or not raw.isdigit():
            raise _BadFraming(f"Content-Length must be a number of bytes, got {raw[:40]!r}.")
        if len(raw) > 18 or int(raw) > jsonbody.MAX_BODY_BYTES:
            raise _BadFraming(jsonbody.too_large(raw).message)
        length = int(raw)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            raise _BadFraming("The connection closed before the whole body arrived.")
        return body

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        size = 0
        while True:
            line = self.rfile.readline(1026).split(b";", 1)[0].strip()
            try:
                n = int(line, 16)
            except ValueError:
                raise _BadFraming("The chunked request body is malformed.") from None
            if n < 0:
                raise _BadFraming("The chunked request body is malformed.")
            size += n
            if size > jsonbody.MAX_BODY_BYTES:
                raise _BadFraming(jsonbody.too_large(size).message)
            if n == 0:
                break
            parts.append(self.rfile.read(n))
            if self.rfile.read(2) != b"\r\n":
                raise _BadFraming("The chunked request body is malformed.")
        while self.rfile.readline(65537).strip():  # trailers
            pass
        return b"".join(parts)

    # -- answering ---------------------------------------------------------------------------
    def _serve(self) -> None:
        try:
            body = self._read_body()
        except _BadFraming as exc:
            self.close_connection = True
            self._send_json(400, {"type": "BAD_REQUEST", "message": str(exc)}, close=True)
            self._lingering_close()
            return
        path, _, query = self.path.partition("?")
        resp = self.emulator.handle(self.command, path, query,
                                    MaskedHeaders(self.headers.items()), body)
        if resp.delay:
            self.sleep(resp.delay)
        if resp.drop:
            # An abrupt close: the client sees a reset / "server disconnected".
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.send_response(resp.status)
        for key, value in resp.headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """The standard handler's errors (bad request line, headers...) as JSON, and the
        connection closed: what follows on it cannot be trusted."""
        try:
            status = HTTPStatus(code)
            text = message or status.description or status.phrase
            kind = _ERROR_TYPES.get(code, status.name)
        except ValueError:
            text, kind = message or "Error.", "BAD_REQUEST"
        self.log_error("code %d, message %s", code, text)
        self.close_connection = True
        self._send_json(code, {"type": kind, "message": text.rstrip(".") + "."}, close=True)

    def _send_json(self, status: int, body: dict[str, str], *, close: bool = False) -> None:
        data = json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if close:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _lingering_close(self) -> None:
        """Stop sending, then read what the client still sends (briefly) before the close: a
        close with unread input resets the connection, and the client could lose the answer."""
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(0.5)
            deadline = time.monotonic() + 2.0
            while time.monotonic() < deadline and self.connection.recv(65536):
                pass
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:
        """Verbose mode's log line (stderr), without query values or the token."""
        if not self.quiet:
            line = redact(format % args, getattr(self.emulator, "token", None))
            sys.stderr.write(f"{self.address_string()} - - [{self.log_date_time_string()}] "
                             f"{line}\n")


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    #: The kernel caps it at net.core.somaxconn.
    request_queue_size = 1024

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away mid-answer is no error of the emulator's."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(emulator: Emulator, host: str = "127.0.0.1", port: int = 0,
                quiet: bool = True, *,
                sleep: Callable[[float], None] = time.sleep) -> EmulatorServer:
    """A server for ``emulator``; ``sleep`` waits out injected latency (tests pass their own
    to see that requests wait concurrently)."""
    handler = type("EmulatorHandler", (_Handler,),
                   {"emulator": emulator, "quiet": quiet, "sleep": staticmethod(sleep)})
    return EmulatorServer((host, port), handler)


def base_url(server: EmulatorServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/v1"


class BackgroundServer:
    """Serve in a daemon thread (for tests): ``with BackgroundServer(emu) as url: ...``."""

    def __init__(self, emulator: Emulator, host: str = "127.0.0.1", port: int = 0, *,
                 sleep: Callable[[float], None] = time.sleep):
        self.server = make_server(emulator, host, port, sleep=sleep)
        # A short poll: shutdown() waits for it, once per test that serves.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return base_url(self.server)

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
