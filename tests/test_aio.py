"""The async client's two HTTP clients, aiohttp (the default) and httpx, live against
local servers (no cassettes): the same request on the wire, the same extraction, the
same faults retried the same way, and aiohttp's session closed with its event loop.

The cassettes replay the async path through vcrpy's aiohttp stub (it patches
``ClientSession._request``, below `AiohttpTransport`); these tests cover what a
replay does not: aiohttp's own sockets, pool and parser, and its faults."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import threading
import time
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from extractor import ProviderError
from extractor.api import aextract
from extractor.llm.aio import HTTP_ENV, AiohttpTransport, async_transport
from extractor.llm.transport import http_module, is_refused

from .articles import HARBOUR, HARBOUR_ANSWER
from .conftest import TEST_KEY
from .scripted_server import ScriptedServer, answer, completion, error, fault

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
CLIENTS = ["aiohttp", "httpx"]
GOOD = answer(HARBOUR_ANSWER)
#: Headers that differ between any two requests, whichever client sends them.
PER_REQUEST = {"idempotency-key", "x-stainless-retry-count"}


@pytest.fixture(params=CLIENTS)
def client(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(HTTP_ENV, request.param)
    return str(request.param)


class _Recorder:
    """A server that answers every completion with HARBOUR_ANSWER and keeps what came:
    method, path, headers (as sent, in order) and the body's bytes."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, list[tuple[str, str]], bytes]] = []
        seen = self.seen

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                seen.append((self.command, self.path, list(self.headers.items()), body))
                data = json.dumps(completion(json.loads(body), GOOD, len(seen))).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def recorder() -> Iterator[_Recorder]:
    server = _Recorder()
    yield server
    server.close()


def _extract(base_url: str, **options: Any) -> Any:
    settings = {"mode": "tools", "transport_retries": 2, "max_retries": 1, "timeout": 5.0}
    settings.update(options)
    options = {"base_url": base_url, "model": "m", "api_key": TEST_KEY, **settings}
    return asyncio.run(aextract(HARBOUR, **options))


def test_both_clients_send_the_same_request_and_read_the_same_extraction(
    recorder: _Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = {}
    for name in CLIENTS:
        monkeypatch.setenv(HTTP_ENV, name)
        results[name] = _extract(recorder.base_url).model_dump(mode="json")
    (method_a, path_a, headers_a, body_a), (method_b, path_b, headers_b, body_b) = recorder.seen
    assert (method_a, path_a, body_a) == (method_b, path_b, body_b) == (method_a, path_a, body_a)
    assert method_a == "POST" and path_a == "/v1/chat/completions"

    def kept(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted((k.lower(), v) for k, v in headers if k.lower() not in PER_REQUEST)

    assert kept(headers_a) == kept(headers_b)  # aiohttp adds none of its own
    assert {k.lower() for k, _ in headers_a} >= {"authorization", "content-type", "user-agent"}
    for result in results.values():
        result["meta"].pop("elapsed_s")
    assert results["aiohttp"] == results["httpx"]
    assert len(results["aiohttp"]["quotes"]) == 4


@pytest.mark.parametrize(
    ("replies", "requests"),
    [
        ([fault("reset"), GOOD], 2),
        ([fault("truncate"), GOOD], 2),
        ([error(503, "busy", retry_after="1"), GOOD], 2),
        ([error(429, "slow down"), GOOD], 2),
    ],
    ids=["reset", "truncated body", "503 retry-after", "429"],
)
def test_faults_are_retried_the_same_through_either_client(
    client: str, sleeps: list[float], replies: list[Any], requests: int
) -> None:
    with ScriptedServer(replies) as server:
        result = _extract(server.base_url)
    assert len(result.quotes) == 4 and result.meta.requests == requests == len(server.requests)


def test_a_timeout_is_retried_then_reported_through_either_client(
    client: str, sleeps: list[float]
) -> None:
    with ScriptedServer([fault("hang", 1.5)] * 3) as server, pytest.raises(ProviderError) as caught:
        _extract(server.base_url, timeout=0.3, transport_retries=1)
    assert "timed out" in str(caught.value) and caught.value.requests == 2


def test_a_server_error_that_persists_is_a_provider_error(client: str, sleeps: list[float]) -> None:
    with ScriptedServer([error(503, "down")] * 5) as server, pytest.raises(ProviderError) as caught:
        _extract(server.base_url)
    assert caught.value.status_code == 503 and len(server.requests) == 3


def test_a_refused_connection_is_an_httpx_connect_error_with_its_cause() -> None:
    httpx = http_module()
    transport = AiohttpTransport(httpx)
    request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions", content=b"{}")

    async def send() -> None:
        try:
            await transport.handle_async_request(request)
        finally:
            await transport.aclose()

    with pytest.raises(httpx.ConnectError) as caught:
        asyncio.run(send())
    assert is_refused(caught.value)


def test_the_session_is_closed_with_its_event_loop(
    recorder: _Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    httpx = http_module()
    held = [async_transport(httpx)]
    assert isinstance(held[0], AiohttpTransport)
    request = httpx.Request("POST", f"{recorder.base_url}/chat/completions", content=b"{}")

    async def send() -> Any:
        return await held[0].handle_async_request(request)

    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.ERROR):
        warnings.simplefilter("always")
        response = asyncio.run(send())  # no aclose: the loop's shutdown closes it
        session = held.pop()._session
        gc.collect()
    assert response.status_code == 200 and response.json()["object"] == "chat.completion"
    assert session is not None and session.closed
    assert not [w for w in caught if "Unclosed" in str(w.message)]
    assert "Unclosed" not in caplog.text


def test_httpx_is_kept_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HTTP_ENV, "httpx")
    httpx = http_module()
    assert isinstance(async_transport(httpx), httpx.AsyncHTTPTransport)
    monkeypatch.setenv(HTTP_ENV, "curl")
    with pytest.raises(Exception, match="EXTRACTOR_HTTP='curl'"):
        async_transport(httpx)


def test_more_than_a_hundred_requests_can_be_in_flight() -> None:
    """httpx's pool opens at most 100 connections, which held a batch of concurrency
    128 at 100 requests in flight; this pool takes the SDK's own limit (1,000)."""
    state = {"now": 0, "most": 0}
    lock = threading.Lock()

    class Slow(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            with lock:
                state["now"] += 1
                state["most"] = max(state["most"], state["now"])
            time.sleep(0.5)
            with lock:
                state["now"] -= 1
            self.send_response(200)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

    class Server(ThreadingHTTPServer):
        request_queue_size = 256  # 128 connections at once: the default 5 refuses most
        daemon_threads = True

    httpd = Server(("127.0.0.1", 0), Slow)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpx = http_module()
    transport = AiohttpTransport(httpx)
    url = f"http://127.0.0.1:{httpd.server_address[1]}/v1/chat/completions"

    async def send_all() -> list[Any]:
        try:
            requests = [httpx.Request("POST", url, content=b"{}") for _ in range(128)]
            return await asyncio.gather(*map(transport.handle_async_request, requests))
        finally:
            await transport.aclose()

    try:
        answers = asyncio.run(send_all())
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert [a.status_code for a in answers] == [200] * 128
    assert state["most"] > 100


def test_a_transport_used_in_a_second_event_loop_opens_a_session_there(
    recorder: _Recorder,
) -> None:
    httpx = http_module()
    transport = AiohttpTransport(httpx)
    request = httpx.Request("POST", f"{recorder.base_url}/chat/completions", content=b"{}")

    async def send() -> Any:
        return (await transport.handle_async_request(request)).status_code, transport._session

    first, one = asyncio.run(send())
    second, two = asyncio.run(send())
    assert first == second == 200 and one is not two and one.closed and two.closed
