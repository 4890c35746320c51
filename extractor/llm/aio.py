"""An httpx transport that sends the async client's requests with aiohttp.

The openai SDK and `transport`'s retries stay on httpx's client API (requests,
responses, errors and timeouts are httpx's); only the bytes travel through aiohttp's
connection pool and HTTP parser (C) instead of httpcore and h11 (pure Python). Against
the latency server this took ~0.3-0.9 ms of CPU less per answer (BENCHMARKS.md,
issue 11, "Start-up and the request path").

What it keeps as httpx has it: the same request headers and body (aiohttp adds none
of its own where httpx set one), the request's connect, read and pool timeouts
(aiohttp has no write timeout), httpx's certificate store, the body decoded by httpx
(``Content-Encoding``), no proxy from the environment (httpx reads none either when
it is given a transport), and aiohttp's faults raised as the httpx errors the retrying
transport and the SDK know: a refused connection is a ``ConnectError`` with the
``ConnectionRefusedError`` in its causes, a connection dropped by the server a
``RemoteProtocolError``, a read timeout a ``ReadTimeout``. Streaming bodies are read
whole (nothing here streams). What differs: idle connections are kept 5 s as by httpx,
but up to 1,000 may be open, the SDK's own limit, not httpx's 100 (`MAX_CONNECTIONS`).

The session belongs to the event loop of its first request. It is closed when that
loop shuts its async generators down (``asyncio.run`` and ``asyncio.Runner`` do, at
the end), so no "Unclosed client session" is reported, or by `aclose`.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from types import ModuleType
from typing import Any

import aiohttp

from ..errors import ConfigurationError
from .sockets import keep_sockets

#: The openai SDK's own default (httpx's is 100, which capped a batch of --concurrency 128
#: at 100 requests in flight: at most 0.78 of the ideal). A batch never has more requests
#: open than its concurrency; aiohttp finds an idle connection without scanning the pool.
MAX_CONNECTIONS = 1000
KEEPALIVE_S = 5.0  # httpx's default keep-alive expiry


def _errors(httpx: ModuleType) -> tuple[tuple[type[BaseException], Any], ...]:
    """aiohttp's faults, most specific first, and the httpx error each becomes."""
    return (
        (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
        (aiohttp.SocketTimeoutError, httpx.ReadTimeout),
        (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
        (aiohttp.ClientConnectorError, httpx.ConnectError),
        (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
        (aiohttp.ClientPayloadError, httpx.ReadError),
        (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
        (aiohttp.NonHttpUrlClientError, httpx.UnsupportedProtocol),
        (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # a malformed answer
        (aiohttp.ClientOSError, httpx.ReadError),  # reset, broken pipe
        (aiohttp.ClientConnectionError, httpx.NetworkError),
        (aiohttp.ClientError, httpx.NetworkError),
        (TimeoutError, httpx.ReadTimeout),
    )


async def _closing(session: aiohttp.ClientSession) -> AsyncIterator[None]:
    """Suspended at its yield while the session lives; the loop closes it at shutdown."""
    try:
        yield
    finally:
        await session.close()


class AiohttpTransport:
    """An httpx ``AsyncBaseTransport`` (of the ``httpx`` module given) over aiohttp."""

    def __init__(self, httpx: ModuleType) -> None:
        self._httpx = httpx
        self._errors = _errors(httpx)
        self._ssl = httpx.create_ssl_context()
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closer: AsyncIterator[None] | None = None
        self._timeouts: dict[tuple[Any, ...], aiohttp.ClientTimeout] = {}

    async def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=MAX_CONNECTIONS, keepalive_timeout=KEEPALIVE_S, ssl=self._ssl
        )
        session = aiohttp.ClientSession(connector=connector, auto_decompress=False)
        self._closer = _closing(session)
        await anext(self._closer)  # registered with the loop's async-generator hooks
        self._session, self._loop = session, asyncio.get_running_loop()
        return session

    def _timeout(self, given: dict[str, Any]) -> aiohttp.ClientTimeout:
        key = (given.get("connect"), given.get("read"), given.get("pool"))
        timeout = self._timeouts.get(key)
        if timeout is None:
            connect, read, pool = key
            timeout = aiohttp.ClientTimeout(
                total=None, connect=pool, sock_connect=connect, sock_read=read
            )
            self._timeouts[key] = timeout
        return timeout

    def _error(self, exc: BaseException, request: Any) -> BaseException:
        for kind, becomes in self._errors:
            if isinstance(exc, kind):
                return becomes(str(exc) or type(exc).__name__, request=request)
        return exc

    async def handle_async_request(self, request: Any) -> Any:
        session = self._session
        if session is None or session.closed or self._loop is not asyncio.get_running_loop():
            session = await self._open()  # first, or in another event loop than the last
        try:
            data: bytes | None = request.content
        except self._httpx.RequestNotRead:
            data = await request.aread()
        extensions = request.extensions
        try:
            async with session.request(
                request.method,
                str(request.url),
                headers=request.headers.multi_items(),
                data=data or None,
                allow_redirects=False,
                compress=False,
                timeout=self._timeout(extensions.get("timeout", {})),
                server_hostname=extensions.get("sni_hostname"),
            ) as answer:
                body = await answer.read()
                status, headers, reason = answer.status, list(answer.headers.items()), answer.reason
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise self._error(exc, request) from exc
        more = {"http_version": b"HTTP/1.1"}
        if reason:
            more["reason_phrase"] = reason.encode("latin-1", "replace")
        return self._httpx.Response(
            status, headers=headers, content=body, request=request, extensions=more
        )

    async def aclose(self) -> None:
        closer, self._closer, self._session = self._closer, None, None
        if closer is not None:
            await closer.aclose()  # type: ignore[attr-defined]

    async def __aenter__(self) -> AiohttpTransport:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


#: Which HTTP client sends the async client's requests: ``aiohttp`` or ``httpx``.
HTTP_ENV = "EXTRACTOR_HTTP"
ASYNC_HTTP = ("aiohttp", "httpx")


def async_http() -> str:
    """The async requests' HTTP client: ``EXTRACTOR_HTTP``, ``aiohttp`` (the default)
    or ``httpx``."""
    chosen = (os.environ.get(HTTP_ENV) or "aiohttp").strip().lower()
    if chosen not in ASYNC_HTTP:
        raise ConfigurationError(f"{HTTP_ENV}={chosen!r}: use one of {', '.join(ASYNC_HTTP)}")
    return chosen


def async_transport(httpx: ModuleType) -> Any:
    """The inner transport of the async client: `AiohttpTransport`, or httpx's own."""
    if async_http() == "aiohttp":
        return AiohttpTransport(httpx)
    inner = httpx.AsyncHTTPTransport()
    keep_sockets(inner, httpx)  # cheaper idle-connection checks (see `sockets`)
    return inner
