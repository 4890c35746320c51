"""Transport retries, without a network: a fake inner transport plays faults."""

from __future__ import annotations

import asyncio

import pytest

from extractor.llm.transport import (
    AsyncRetryingTransport,
    CallStats,
    RetryingTransport,
    RetryPolicy,
    counting,
    http_module,
    retry_after_seconds,
)

httpx = http_module()
REQUEST = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")


class Script:
    """Play responses or exceptions in order, counting calls."""

    def __init__(self, *steps):
        self.steps = list(steps)
        self.calls = 0

    def next(self):
        self.calls += 1
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        status, headers = step
        return httpx.Response(status, headers=headers, content=b"{}")

    def handle_request(self, request):
        return self.next()

    async def handle_async_request(self, request):
        return self.next()


def test_timeouts_and_resets_are_retried_then_succeed(sleeps):
    script = Script(httpx.ConnectTimeout("slow"), httpx.RemoteProtocolError("reset"), (200, {}))
    stats = CallStats()
    with counting(stats):
        response = RetryingTransport(script, RetryPolicy(max_retries=3), httpx).handle_request(
            REQUEST
        )
    assert response.status_code == 200
    assert script.calls == 3 and stats.requests == 3 and len(sleeps) == 2


def test_retries_are_capped_and_the_last_error_surfaces(sleeps):
    script = Script(*[httpx.ConnectError("Name or service not known")] * 3)
    with pytest.raises(httpx.ConnectError):
        RetryingTransport(script, RetryPolicy(max_retries=2), httpx).handle_request(REQUEST)
    assert script.calls == 3


def refused() -> Exception:
    """A ConnectError as httpx raises it when nothing listens: the refusal is its cause."""
    try:
        raise ConnectionRefusedError(111, "Connection refused")
    except ConnectionRefusedError as cause:
        error = httpx.ConnectError("[Errno 111] Connection refused")
        error.__cause__ = cause
        return error


def refused_in_a_group() -> Exception:
    """As an async connect raises it when every address of the host refused."""
    error = httpx.ConnectError("All connection attempts failed")
    group = ExceptionGroup(
        "multiple connection attempts failed",
        [ConnectionRefusedError(111, "refused"), ConnectionRefusedError(111, "refused")],
    )
    error.__cause__ = OSError("All connection attempts failed")
    error.__cause__.__cause__ = group
    return error


def test_a_refused_connection_is_tried_twice_with_a_short_pause(sleeps):
    script = Script(*[refused() for _ in range(5)])
    stats = CallStats()
    with counting(stats), pytest.raises(httpx.ConnectError):
        RetryingTransport(script, RetryPolicy(max_retries=4), httpx).handle_request(REQUEST)
    assert script.calls == 2 == stats.requests
    assert sleeps == [RetryPolicy().refused_delay] and sleeps[0] <= 0.5


def test_async_refusal_from_every_address_is_tried_twice(sleeps):
    script = Script(*[refused_in_a_group() for _ in range(5)])
    transport = AsyncRetryingTransport(script, RetryPolicy(max_retries=4), httpx)
    with pytest.raises(httpx.ConnectError):
        asyncio.run(transport.handle_async_request(REQUEST))
    assert script.calls == 2 and len(sleeps) == 1


def test_a_refusal_after_a_timeout_still_gets_its_second_try(sleeps):
    script = Script(httpx.ConnectTimeout("slow"), refused(), (200, {}))
    response = RetryingTransport(script, RetryPolicy(max_retries=4), httpx).handle_request(REQUEST)
    assert response.status_code == 200 and script.calls == 3


def test_refusals_are_counted_per_request_not_per_transport(sleeps):
    script = Script(refused(), (200, {}), refused(), (200, {}))
    transport = RetryingTransport(script, RetryPolicy(max_retries=4), httpx)
    assert transport.handle_request(REQUEST).status_code == 200
    assert transport.handle_request(REQUEST).status_code == 200
    assert script.calls == 4


def test_no_transport_retries_means_one_try_even_when_refused(sleeps):
    script = Script(refused(), refused())
    with pytest.raises(httpx.ConnectError):
        RetryingTransport(script, RetryPolicy(max_retries=0), httpx).handle_request(REQUEST)
    assert script.calls == 1 and sleeps == []


def test_failed_and_answered_tries_are_both_counted(sleeps):
    script = Script(httpx.ReadTimeout("slow"), (503, {}), (200, {}))
    stats = CallStats()
    transport = AsyncRetryingTransport(script, RetryPolicy(), httpx)
    with counting(stats):
        asyncio.run(transport.handle_async_request(REQUEST))
    assert stats.requests == 3 and stats.statuses == [0, 503, 200]


def test_client_errors_are_not_retried(sleeps):
    script = Script((400, {}))
    response = RetryingTransport(script, RetryPolicy(), httpx).handle_request(REQUEST)
    assert response.status_code == 400 and script.calls == 1 and sleeps == []


def test_retry_after_longer_than_the_cap_is_not_waited_for(sleeps):
    script = Script((429, {"retry-after": "3600"}))
    response = RetryingTransport(script, RetryPolicy(max_delay=60), httpx).handle_request(REQUEST)
    assert response.status_code == 429 and script.calls == 1 and sleeps == []


def test_async_transport_honours_retry_after_ms(sleeps):
    script = Script((503, {"retry-after-ms": "250"}), (200, {}))
    transport = AsyncRetryingTransport(script, RetryPolicy(), httpx)
    response = asyncio.run(transport.handle_async_request(REQUEST))
    assert response.status_code == 200 and sleeps == [0.25]


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [({"retry-after": "2"}, 2.0), ({"retry-after-ms": "1500"}, 1.5), ({}, None)],
)
def test_retry_after_parsing(headers, seconds):
    assert retry_after_seconds(httpx.Headers(headers)) == seconds


def test_a_rate_limit_holds_back_every_request_through_the_transport(sleeps):
    script = Script((429, {"retry-after": "1"}), (200, {}), (200, {}))
    transport = AsyncRetryingTransport(script, RetryPolicy(), httpx)

    async def two_workers():
        first = await transport.handle_async_request(REQUEST)
        second = await transport.handle_async_request(REQUEST)  # another worker, same client
        return first, second

    first, second = asyncio.run(two_workers())
    assert first.status_code == second.status_code == 200
    # The 429 paused the transport: the retry waited, and so did the other worker's request
    # (fake sleeps do not advance the clock, so both see the pause).
    assert len(sleeps) == 2 and all(0.9 < s <= 1.0 for s in sleeps)


def test_a_pause_taken_before_a_transport_exists_holds_it_too(sleeps, monkeypatch):
    """A Ray actor takes on the cluster's pause before its engine has made a client: the
    transport made at its first request must wait out that pause, not send into it."""
    from extractor.llm import transport as module

    monkeypatch.setattr(module, "_HOLD", module._ProcessHold())
    module.hold_all(1.5)
    transport = AsyncRetryingTransport(Script((200, {})), RetryPolicy(), httpx)
    response = asyncio.run(transport.handle_async_request(REQUEST))
    assert response.status_code == 200
    assert len(sleeps) == 1 and 1.4 < sleeps[0] <= 1.5
