"""The token type and the client never reveal the token, even if the server echoes it."""

from __future__ import annotations

import logging
import pickle

import pytest

from oneandone_tui.api import AuthError, Client
from oneandone_tui.secret import Secret, mask

from .fakes import FakeApi, error, make_client

TOKEN = "C0FFEE00DEADBEEF1234567890ABCDEF"


def test_secret_masks_everywhere() -> None:
    s = Secret(TOKEN)
    logged = logging.LogRecord("x", logging.INFO, "f", 1, "token %s", (s,), None).getMessage()
    for text in (str(s), repr(s), f"{s}", f"{s!r}", f"{s:>40}", str([s]), logged,
                 str({"token": s})):
        assert TOKEN not in text
    assert str(s) == "C0FF…(32 chars)" and s.reveal() == TOKEN
    assert mask("short-one") == "****" and str(Secret("demo-token")) == "****"
    assert Secret(s) == s and s != Secret("x" * 32) and len(s) == 32 and bool(s)
    assert not Secret("")
    with pytest.raises(TypeError):
        pickle.dumps(s)
    with pytest.raises(AttributeError):
        s._value = "x"  # type: ignore[misc]


async def test_server_echoing_the_token_is_masked(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    api = FakeApi(error(401, f"Token {TOKEN} is not valid", "UNAUTHORIZED"))
    async with make_client(api, token=TOKEN) as client:
        assert TOKEN not in repr(client)
        with pytest.raises(AuthError) as info:
            await client.servers.list()
    assert TOKEN not in str(info.value) and "Token **** is not valid" in str(info.value)
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
    assert api.requests[0].headers["X-TOKEN"] == TOKEN  # ...but it is what is sent


async def test_client_repr() -> None:
    async with Client(TOKEN) as client:
        assert repr(client) == ("Client(base_url='https://cloudpanel-api.1and1.com/v1', "
                                "token='C0FF…(32 chars)', read_only=False)")
