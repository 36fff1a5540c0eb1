"""Error parsing: one function turns any error response into the right class of the tree."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from email.utils import format_datetime

import pytest

from oneandone_tui.api import errors as e


def body(type_: str, message: str) -> bytes:
    return json.dumps({"type": type_, "message": message}).encode()


@pytest.mark.parametrize(("status", "cls"), [
    (400, e.ApiValidationError), (401, e.AuthError), (403, e.AuthError), (404, e.NotFound),
    (409, e.Conflict), (422, e.ApiValidationError), (429, e.RateLimited),
    (500, e.ServerError), (502, e.ServerError), (503, e.ServerError), (504, e.ServerError),
    (418, e.ResponseError), (405, e.ResponseError),
])
def test_status_maps_to_class(status: int, cls: type[e.ResponseError]) -> None:
    err = e.from_response(status, {}, body("SOME_TYPE", "went wrong"), method="GET",
                          path="/servers")
    assert type(err) is cls
    assert (err.status, err.type, err.message) == (status, "SOME_TYPE", "went wrong")
    assert str(err) == f"{status} SOME_TYPE: went wrong (GET /servers)"
    assert isinstance(err, e.ApiError)


def test_the_tree() -> None:
    for cls in (e.AuthError, e.NotFound, e.ApiValidationError, e.Conflict, e.RateLimited,
                e.ServerError):
        assert issubclass(cls, e.ResponseError)
    assert issubclass(e.Timeout, e.NetworkError) and issubclass(e.InvalidResponse,
                                                                e.NetworkError)
    assert issubclass(e.WaitTimeout, e.WaitError) and issubclass(e.WaitFailed, e.WaitError)
    for cls in (e.ValidationError, e.ReadOnlyError, e.ResponseError, e.NetworkError,
                e.WaitError):
        assert issubclass(cls, e.ApiError)
    assert issubclass(e.ValidationError, ValueError)  # what the official SDK raised


@pytest.mark.parametrize(("raw", "message", "etype"), [
    (b"", "Service Unavailable", None),
    (b"   ", "Service Unavailable", None),
    (b"<html><body><h1>502 Bad Gateway</h1>\n</body></html>",
     "<html><body><h1>502 Bad Gateway</h1> </body></html>", None),
    (b'"plain json string"', "plain json string", None),
    (b'{"message": "only a message"}', "only a message", None),
    (b'{"type": "NOT_FOUND"}', "Service Unavailable", "NOT_FOUND"),
    (b'[1, 2, 3]', "[1, 2, 3]", None),
    (b"\xff\xfe broken utf-8", "\ufffd\ufffd broken utf-8", None),
    (b'{"type": "X", "message": "cut', '{"type": "X", "message": "cut', None),
])
def test_tolerates_any_body(raw: bytes, message: str, etype: str | None) -> None:
    err = e.from_response(503, {}, raw, reason="Service Unavailable")
    assert (err.message, err.type) == (message, etype)


def test_long_text_bodies_are_cut() -> None:
    err = e.from_response(500, {}, b"x" * 5000)
    assert len(err.message) <= 201 and err.message.endswith("…")


def test_without_body_or_reason_the_status_is_the_message() -> None:
    assert e.from_response(500, {}, b"").message == "HTTP 500"


def test_secrets_are_masked_in_messages() -> None:
    token = "C0FFEE00DEADBEEF1234567890ABCDEF"
    err = e.from_response(401, {}, body("UNAUTHORIZED", f"Invalid token {token}."),
                          secrets=[token])
    assert token not in str(err) and "Invalid token ****." in err.message


def test_rate_limit_reset_from_headers() -> None:
    now = 1_700_000_000.0
    assert e.rate_limit_reset({"X-Rate-Limit-Reset": "7"}, now) == 7
    assert e.rate_limit_reset({"x-rate-limit-reset": "2.5"}, now) == 2.5
    assert e.rate_limit_reset({"X-Rate-Limit-Reset": str(now + 30)}, now) == 30  # an epoch
    assert e.rate_limit_reset({"Retry-After": "12"}, now) == 12
    when = datetime.fromtimestamp(now + 90, tz=timezone.utc)
    assert e.rate_limit_reset({"Retry-After": format_datetime(when, usegmt=True)},
                              now) == pytest.approx(90)
    assert e.rate_limit_reset({"Retry-After": "soon"}, now) is None
    assert e.rate_limit_reset({"X-Rate-Limit-Reset": "-3"}, now) == 0
    assert e.rate_limit_reset({}, now) is None
    err = e.from_response(429, {"X-Rate-Limit-Reset": "4"}, body("TOO_MANY_REQUESTS", "slow"))
    assert isinstance(err, e.RateLimited) and err.reset == 4


def test_validation_error_names_field_and_rule() -> None:
    err = e.ValidationError("hdds[1].size", "must be a multiple of 20 (got 30)")
    assert str(err) == "hdds[1].size: must be a multiple of 20 (got 30)"
    assert (err.field, err.rule) == ("hdds[1].size", "must be a multiple of 20 (got 30)")
    assert err == e.ValidationError("hdds[1].size", "must be a multiple of 20 (got 30)")
    assert e.ValidationError("", "give something").message == "give something"


def test_wait_errors_carry_the_last_state() -> None:
    err = e.WaitTimeout("slow", resource_id="A", state="DEPLOYING", percent=40)
    assert (err.resource_id, err.state, err.percent) == ("A", "DEPLOYING", 40)
