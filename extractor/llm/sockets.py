"""Cheaper idle-connection checks for the async HTTP client's connection pool.

Before it assigns a request and after each response, httpcore's pool asks every
idle connection whether its socket has turned readable (the server closed it).
Through anyio, each question builds the stream's whole table of socket attributes
anew to find the socket (~11 µs); at concurrency 32-128 that was 0.24-0.29 ms of
CPU per answer, 5-7 % of it, on the event loop. `KnownSocketBackend` wraps the
pool's network backend: its streams keep their socket and answer ``is_readable``
with httpcore's own test on it; everything else is passed through unchanged, so
the same bytes go out and the pool decides as before.

`keep_sockets` reaches into the transport's pool (``_pool._network_backend``, not
public: httpx takes no network backend); a transport that does not look as
expected is left as it is.
"""

from __future__ import annotations

import importlib
import ssl
from collections.abc import Callable, Iterable
from typing import Any


class _KnownSocketStream:
    """An httpcore network stream that keeps its socket for the readability test."""

    def __init__(self, inner: Any, readable: Callable[[Any], bool]) -> None:
        self._inner = inner
        self._readable = readable
        self._socket = inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = await self._inner.read(max_bytes, timeout)
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> _KnownSocketStream:
        tls = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _KnownSocketStream(tls, self._readable)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable" and self._socket is not None:
            return self._readable(self._socket)
        return self._inner.get_extra_info(info)


class KnownSocketBackend:
    """An httpcore network backend whose streams are `_KnownSocketStream` s."""

    def __init__(self, inner: Any, readable: Callable[[Any], bool]) -> None:
        self._inner = inner
        self._readable = readable

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> _KnownSocketStream:
        stream = await self._inner.connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )
        return _KnownSocketStream(stream, self._readable)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> _KnownSocketStream:
        stream = await self._inner.connect_unix_socket(
            path, timeout=timeout, socket_options=socket_options
        )
        return _KnownSocketStream(stream, self._readable)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def keep_sockets(transport: Any, httpx: Any) -> None:
    """Give the pool of ``transport`` (an ``AsyncHTTPTransport`` of the ``httpx``
    module given) a `KnownSocketBackend` around its own backend."""
    pool: Any = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is None or isinstance(backend, KnownSocketBackend):
        return
    core = "httpcore2" if httpx.__name__ == "httpx2" else "httpcore"
    readable = getattr(importlib.import_module(f"{core}._utils"), "is_socket_readable", None)
    if readable is None:
        return
    pool._network_backend = KnownSocketBackend(backend, readable)
