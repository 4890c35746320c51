"""The async pool's idle-connection checks read the socket a stream kept (`llm.sockets`)."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.llm.sockets import KnownSocketBackend, _KnownSocketStream
from extractor.llm.transport import RetryPolicy, http_client


class _Inner:
    """A network stream that notes what it is asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def get_extra_info(self, info: str) -> Any:
        self.asked.append(info)
        return "the socket" if info == "socket" else f"inner {info}"


def test_readability_is_tested_on_the_kept_socket_and_the_rest_passed_through() -> None:
    inner = _Inner()
    stream = _KnownSocketStream(inner, readable=lambda sock: sock == "the socket")
    assert stream.get_extra_info("is_readable") is True
    assert stream.get_extra_info("is_readable") is True
    assert stream.get_extra_info("server_addr") == "inner server_addr"
    assert inner.asked == ["socket", "server_addr"]  # the socket looked up once


def test_a_stream_without_a_socket_asks_its_inner_stream() -> None:
    class NoSocket(_Inner):
        def get_extra_info(self, info: str) -> Any:
            self.asked.append(info)
            return None if info == "socket" else True

    inner = NoSocket()
    assert _KnownSocketStream(inner, readable=lambda sock: False).get_extra_info("is_readable")
    assert inner.asked == ["socket", "is_readable"]


def test_the_async_clients_pool_has_the_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_HTTP", "httpx")  # aiohttp, the default, has its own pool
    client = http_client(RetryPolicy(), 5.0, asynchronous=True)
    pool = client._transport._inner._pool  # not public: what keep_sockets reaches into
    assert isinstance(pool._network_backend, KnownSocketBackend)
