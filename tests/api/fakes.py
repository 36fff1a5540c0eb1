"""A scripted fake API for unit tests: an httpx ``MockTransport`` answering from a queue."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from oneandone_tui.api import Client, RetryPolicy

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def reply(status: int = 200, body: Any = None, headers: dict[str, str] | None = None,
          raw: bytes | None = None) -> httpx.Response:
    content = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    return httpx.Response(status, content=content, headers=headers)


def error(status: int, message: str = "boom", type_: str = "ERR",
          headers: dict[str, str] | None = None) -> httpx.Response:
    return reply(status, {"type": type_, "message": message}, headers)


class FakeApi:
    """Answers requests in order from ``answers`` (the last one repeats); records them."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers) or [reply(200, [])]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    @property
    def methods_and_paths(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]


def make_client(api: FakeApi, *, slept: list[float] | None = None, token: str = "t" * 32,
                **kw: Any) -> Client:
    async def sleep(seconds: float) -> None:
        if slept is not None:
            slept.append(seconds)

    kw.setdefault("retry", RetryPolicy(jitter=0))
    return Client(token, transport=httpx.MockTransport(api), sleep=sleep, **kw)
