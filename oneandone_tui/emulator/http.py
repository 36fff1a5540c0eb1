"""The loopback adapter: a threaded HTTP/1.1 server in front of an :class:`Emulator`, so that
any client (the official SDKs, curl, terraform...) can be tested against it.

Started by ``oneandone-tui emulator --host 127.0.0.1 --port PORT ...``. Each connection gets a
thread; the emulator's store lock makes concurrent mutations safe.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core import Emulator


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "oneandone-emulator/1.0"
    emulator: Emulator
    quiet = True

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        resp = self.emulator.handle(self.command, path, query, dict(self.headers.items()), body)
        if resp.delay:
            time.sleep(resp.delay)
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

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(emulator: Emulator, host: str = "127.0.0.1", port: int = 0,
                quiet: bool = True) -> EmulatorServer:
    handler = type("EmulatorHandler", (_Handler,), {"emulator": emulator, "quiet": quiet})
    return EmulatorServer((host, port), handler)


def base_url(server: EmulatorServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/v1"


class BackgroundServer:
    """Serve in a daemon thread (for tests): ``with BackgroundServer(emu) as url: ...``."""

    def __init__(self, emulator: Emulator, host: str = "127.0.0.1", port: int = 0):
        self.server = make_server(emulator, host, port)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return base_url(self.server)

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
