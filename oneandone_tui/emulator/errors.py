"""Errors the emulated API answers with.

Every error leaves the emulator as a JSON body ``{"type": ..., "message": ...}`` (the only error
shape any 1&1 SDK documents: Go's ``errorResponse``). Handlers raise these; the dispatcher turns
them into responses, so no handler builds an error body itself.
"""

from __future__ import annotations


class ApiError(Exception):
    status = 500
    type = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, *, status: int | None = None, type: str | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if type is not None:
            self.type = type

    def body(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


class BadRequest(ApiError):
    status = 400
    type = "BAD_REQUEST"


class Unauthorized(ApiError):
    status = 401
    type = "UNAUTHORIZED"


class NotFound(ApiError):
    status = 404
    type = "NOT_FOUND"


class MethodNotAllowed(ApiError):
    status = 405
    type = "METHOD_NOT_ALLOWED"


class Conflict(ApiError):
    status = 409
    type = "CONFLICT"


class TooManyRequests(ApiError):
    status = 429
    type = "TOO_MANY_REQUESTS"


def not_found(kind: str, ident: str) -> NotFound:
    """The one message for an unknown id (FOG's mock wording, plus what was looked for)."""
    return NotFound(f"The requested resource could not be found: {kind} '{ident}' does not exist.")
