"""The token is never a local of a frame a traceback can show: Textual prints a crash with
every frame's locals (rich's ``show_locals``), and a crash report may do the same. Whatever
fails inside the request path (the transport, an in-process server, a timeout, a lost
answer), the formatted traceback, locals included, does not contain the token."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import httpx
import pytest
from rich.console import Console

from oneandone_tui.api import Client, Hdd, RetryPolicy, Server, Timeouts
from oneandone_tui.secret import Secret
from tests.tracebacks import formatted

# Module globals are not shown with a frame's locals; the tests keep the token out of their
# own locals too (the frame that catches an error is the traceback's first).
TOKEN = "C0FFEE00DEADBEEF1234567890ABCDEF"
SERVER = Server(name="web-03", appliance_id="A" * 32, vcore=1, cores_per_processor=1, ram=1,
                hdds=[Hdd(20, True)], password="Secr3t-Passw0rd")


class Crash(BaseException):
    """Not an ``Exception``: nothing on the way catches it, so its traceback runs through
    every frame of the request path, down to where it was raised."""


def assert_clean(exc: BaseException) -> None:
    for text in formatted(exc):
        assert "_attempt" in text or "send" in text  # the request path is really in it
        assert TOKEN not in text
        assert TOKEN[:8] not in text.replace("C0FF…", "")


class Raiser:
    """A direct (in-process) server that fails while it holds the request."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
        self.seen: list[dict[str, str]] = []

    async def exchange(self, method: str, path: str, query: Any, headers: dict[str, str],
                       body: bytes) -> Any:
        self.seen.append(headers)
        raise self.exc


def httpx_raiser(exc: BaseException) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        assert request.headers["X-TOKEN"] == TOKEN  # it is sent, just never shown
        raise exc

    return httpx.MockTransport(handle)


async def caught(transport: Any, **kw: Any) -> BaseException:
    async with Client(Secret(TOKEN), transport=transport, retry=RetryPolicy.never(),
                      **kw) as client:
        try:
            await client.servers.create(SERVER)
        except BaseException as exc:  # the point is to look at it
            return exc
    raise AssertionError("nothing was raised")


@pytest.mark.parametrize("kind", ["httpx", "direct"])
async def test_a_crash_deep_in_the_request_path_shows_no_token(kind: str) -> None:
    transport = httpx_raiser(Crash("boom")) if kind == "httpx" else Raiser(Crash("boom"))
    exc = await caught(transport)
    assert isinstance(exc, Crash)
    assert_clean(exc)
    text = formatted(exc)[1]
    assert "HttpxWire" in text or "DirectWire" in text  # the wire's frame was shown


@pytest.mark.parametrize("kind", ["httpx", "direct"])
@pytest.mark.parametrize("failure", [RuntimeError("a bug"), ConnectionResetError("reset"),
                                     httpx.RemoteProtocolError("dropped")])
async def test_failures_become_api_errors_without_the_token(kind: str,
                                                            failure: Exception) -> None:
    if kind == "direct" and isinstance(failure, httpx.HTTPError):
        failure = ConnectionError("dropped")
    transport = httpx_raiser(failure) if kind == "httpx" else Raiser(failure)
    exc = await caught(transport)
    if kind == "direct" and isinstance(failure, RuntimeError):
        # The in-process server answers its own bugs (a JSON 500): a bug in the adapter is
        # raised as itself (the crash report), not passed off as a dropped connection.
        assert type(exc) is RuntimeError
    else:  # httpx's RuntimeError: a closed client, a transport in a bad state
        assert type(exc).__name__ == "OutcomeUnknown" or type(exc).__name__ == "NetworkError"
    assert_clean(exc)
    # Nothing chained leads into the transport's frames (whose locals hold the headers).
    assert exc.__context__ is None or exc.__suppress_context__


async def test_a_timeout_shows_no_token() -> None:
    class Hang(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            await asyncio.Event().wait()
            raise AssertionError("unreachable")

    exc = await caught(Hang(), timeout=Timeouts(total=0.01))
    assert "timeout" in str(exc)
    assert_clean(exc)


async def test_the_headers_a_server_is_handed_mask_the_token() -> None:
    server = Raiser(ConnectionError("dropped"))
    await caught(server)
    headers = server.seen[0]
    assert headers["X-TOKEN"] == TOKEN
    assert TOKEN not in repr(headers)
    console = Console(file=io.StringIO(), width=160)
    console.print(headers)
    assert TOKEN not in console.file.getvalue()  # type: ignore[attr-defined]


def test_the_client_holds_the_token_only_as_a_secret() -> None:
    client = Client(Secret(TOKEN), transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    assert isinstance(client.token, Secret) and TOKEN not in repr(client)
    assert all(TOKEN not in repr(v) for v in vars(client).values())
