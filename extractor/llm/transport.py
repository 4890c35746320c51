"""Transport-level retries and request accounting for the provider's HTTP client.

The provider SDK's own retries are switched off (``max_retries=0``) and this
transport retries instead, so the two never multiply: 429 (honouring
Retry-After / retry-after-ms), 408/409/5xx, timeouts and connection errors
are retried with capped exponential backoff by tenacity, except a 500 that
rejects the request itself (a structured-output part the server does not take,
a request-validation report; see `capabilities`): that will never pass, and is
handed back at once. A refused
connection (nothing listening at the address) is different: it is tried once
more after a short pause and then given up, since waiting longer seldom
starts a server. It wraps the real transport, so each try is a real request
(and a recorded one under vcrpy).

These retries are separate from validation re-asks, which instructor runs one
level up. A request that a provider's batch API has already answered (`canned`) is
answered from there, not sent. Every request sent is counted in the `CallStats` of
the extraction that is running (a context variable, so concurrent extractions count
apart). The decisions that need no transport are in `retries`.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.metadata
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    retry_if_result,
    stop_after_attempt,
    wait_exponential_jitter,
)

from .canned import canned_response
from .capabilities import is_rejection
from .retries import (
    RETRY_STATUSES,
    RetryPolicy,
    StopAfterRefusals,
    afirst_then,
    body_text,
    first_then,
    is_refused,
    retry_after_seconds,
)

__all__ = [  # what callers import from here, wherever it is defined
    "RETRY_STATUSES",
    "AsyncRetryingTransport",
    "CallStats",
    "RetryPolicy",
    "RetryingTransport",
    "counting",
    "hold_all",
    "http_client",
    "http_module",
    "is_refused",
    "longest_pause",
    "retry_after_seconds",
]


def http_module() -> ModuleType:
    """The httpx flavour the installed openai SDK is built on (httpx2 from openai 3 on)."""
    major = int(importlib.metadata.version("openai").split(".")[0])
    return importlib.import_module("httpx2" if major >= 3 else "httpx")


@dataclass(slots=True)
class CallStats:
    """What one extraction cost at the HTTP level."""

    requests: int = 0
    waits: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)


_stats: ContextVar[CallStats | None] = ContextVar("extractor_call_stats", default=None)


@contextmanager
def counting(stats: CallStats) -> Iterator[CallStats]:
    """Count the requests made inside this block (and tasks started in it) into ``stats``."""
    token = _stats.set(stats)
    try:
        yield stats
    finally:
        _stats.reset(token)


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


async def _async_sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


def _sleep_if_needed(seconds: float) -> None:
    if seconds > 0:
        _sleep(seconds)


async def _async_sleep_if_needed(seconds: float) -> None:
    if seconds > 0:
        await _async_sleep(seconds)


@dataclass(slots=True)
class _Sent:
    """What the inner transport answered to one try (set inside `_RetryLogic.one_try`)."""

    response: Any = None


#: The retry logic of every transport alive in this process (see `longest_pause`).
_LIVE: weakref.WeakSet[_RetryLogic] = weakref.WeakSet()


@dataclass(slots=True)
class _ProcessHold:
    """The pause `hold_all` put on the whole process (a `time.monotonic` time)."""

    until: float = 0.0


#: Kept so that a transport made after `hold_all` (an engine makes its client at its
#: first request) starts held too: a Ray actor that takes on the cluster's pause before
#: its first article must not send that article into the pause.
_HOLD = _ProcessHold()


def longest_pause() -> float:
    """Seconds left of the longest rate-limit pause any transport in this process holds.

    With `hold_all`, what a batch spread over several processes (Ray actors) uses to
    share one pause: each process reports its own and takes on the longest."""
    return max((logic.pause_left() for logic in list(_LIVE)), default=0.0)


def hold_all(seconds: float) -> None:
    """Make every transport in this process hold its next request back ``seconds``."""
    until = time.monotonic() + seconds
    _HOLD.until = max(_HOLD.until, until)
    for logic in list(_LIVE):
        logic.paused_until = max(logic.paused_until, until)


class _RetryLogic:
    """The retry decisions and per-try bookkeeping shared by the sync and async transports."""

    def __init__(self, policy: RetryPolicy, httpx: ModuleType) -> None:
        _LIVE.add(self)
        self.policy = policy
        # When the provider says "slow down" to one request, every request through this
        # transport (all workers of a batch share it) holds back until then.
        self.paused_until = _HOLD.until
        self._retryable_errors = (
            httpx.TimeoutException,
            httpx.NetworkError,
            httpx.RemoteProtocolError,
        )
        self._connect_error = httpx.ConnectError

    def pause_left(self) -> float:
        return max(0.0, self.paused_until - time.monotonic())

    def note_rate_limit(self, response: Any) -> None:
        if response.status_code != 429:
            return
        asked = retry_after_seconds(response.headers)
        wait = min(asked if asked is not None else self.policy.initial_delay, self.policy.max_delay)
        self.paused_until = max(self.paused_until, time.monotonic() + wait)

    def should_retry_response(self, response: Any) -> bool:
        if response.status_code not in RETRY_STATUSES:
            return False
        if response.headers.get("x-should-retry") == "false":
            return False
        if is_rejection(response.status_code, body_text(response)):
            return False  # the server refuses this request as it is: asking again won't help
        wait = retry_after_seconds(response.headers)
        return wait is None or wait <= self.policy.max_delay

    def should_retry_error(self, error: BaseException) -> bool:
        return isinstance(error, self._retryable_errors)

    def refused(self, error: BaseException | None) -> bool:
        return isinstance(error, self._connect_error) and is_refused(error)

    def wait(self, state: RetryCallState) -> float:
        outcome = state.outcome
        if outcome is not None and outcome.failed and self.refused(outcome.exception()):
            return self.policy.refused_delay
        if outcome is not None and not outcome.failed:
            response = outcome.result()
            if response.status_code == 429:
                return 0.0  # the shared pause (note_rate_limit) holds the next send back
            asked = retry_after_seconds(response.headers)
            if asked is not None:
                return min(asked, self.policy.max_delay)
        backoff = wait_exponential_jitter(
            initial=self.policy.initial_delay, max=self.policy.max_delay
        )
        return backoff(state)

    @staticmethod
    def record(response: Any) -> Any:
        stats = _stats.get()
        if stats is not None:
            stats.requests += 1
            stats.statuses.append(response.status_code)
        return response

    @staticmethod
    def record_error() -> None:
        stats = _stats.get()
        if stats is not None:
            stats.requests += 1
            stats.statuses.append(0)

    @staticmethod
    def before_sleep(state: RetryCallState) -> None:
        stats = _stats.get()
        if stats is not None and state.next_action is not None:
            stats.waits.append(state.next_action.sleep)

    @staticmethod
    def give_up(state: RetryCallState) -> Any:
        # Out of retries: hand back the last response (the SDK turns it into its typed
        # error) or re-raise the last exception.
        assert state.outcome is not None
        return state.outcome.result()

    @contextmanager
    def one_try(self) -> Iterator[_Sent]:
        """Around one call of the inner transport: count it, failed or answered, and note
        a rate limit it was told of. The caller sets ``.response`` on what is yielded."""
        sent = _Sent()
        try:
            yield sent
        except BaseException:
            self.record_error()
            raise
        self.record(sent.response)
        self.note_rate_limit(sent.response)

    def options(self) -> dict[str, Any]:
        """tenacity's settings for one request (the refusal count is the request's own)."""
        refusals = StopAfterRefusals(self.policy.refused_tries, self.refused)
        return {
            "stop": stop_after_attempt(self.policy.max_retries + 1) | refusals,
            "wait": self.wait,
            "retry": retry_if_exception(self.should_retry_error)
            | retry_if_result(self.should_retry_response),
            "before_sleep": self.before_sleep,
            "retry_error_callback": self.give_up,
        }


class RetryingTransport:
    """A sync httpx transport that retries the transport it wraps."""

    def __init__(self, inner: Any, policy: RetryPolicy, httpx: ModuleType) -> None:
        self._inner = inner
        self._logic = _RetryLogic(policy, httpx)
        self._httpx = httpx

    def _send_once(self, request: Any) -> Any:
        _sleep_if_needed(self._logic.pause_left())
        with self._logic.one_try() as sent:
            sent.response = self._inner.handle_request(request)
        # Read the body here, inside the retry loop: a connection cut mid-body is then
        # retried like any other transport fault (nothing here streams).
        sent.response.read()
        return sent.response

    def handle_request(self, request: Any) -> Any:
        canned = canned_response(request, self._httpx)  # a batch API's answer (`canned`)
        if canned is not None:
            return canned
        try:  # the first try outside tenacity: most requests need no other (`first_then`)
            response = self._send_once(request)
        except BaseException as exc:
            if not self._logic.should_retry_error(exc):
                raise
            first: tuple[BaseException | None, Any] = (exc, None)
        else:
            if not self._logic.should_retry_response(response):
                return response
            first = (None, response)
        retrying = Retrying(sleep=_sleep_if_needed, **self._logic.options())
        return retrying(first_then(first, self._send_once), request)

    def close(self) -> None:
        self._inner.close()

    def __enter__(self) -> RetryingTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncRetryingTransport:
    """The asyncio twin of `RetryingTransport`."""

    def __init__(self, inner: Any, policy: RetryPolicy, httpx: ModuleType) -> None:
        self._inner = inner
        self._logic = _RetryLogic(policy, httpx)
        self._httpx = httpx

    async def _send_once(self, request: Any) -> Any:
        await _async_sleep_if_needed(self._logic.pause_left())
        with self._logic.one_try() as sent:
            sent.response = await self._inner.handle_async_request(request)
        await sent.response.aread()
        return sent.response

    async def handle_async_request(self, request: Any) -> Any:
        canned = canned_response(request, self._httpx)
        if canned is not None:
            return canned
        try:  # as in `RetryingTransport.handle_request`
            response = await self._send_once(request)
        except BaseException as exc:
            if not self._logic.should_retry_error(exc):
                raise
            first: tuple[BaseException | None, Any] = (exc, None)
        else:
            if not self._logic.should_retry_response(response):
                return response
            first = (None, response)
        retrying = AsyncRetrying(sleep=_async_sleep_if_needed, **self._logic.options())
        return await retrying(afirst_then(first, self._send_once), request)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def __aenter__(self) -> AsyncRetryingTransport:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def http_client(
    policy: RetryPolicy,
    timeout: float,
    *,
    asynchronous: bool = False,
    auth: tuple[str, str] | None = None,
) -> Any:
    """An httpx client for the provider SDK whose transport retries faults (the async
    one sends through aiohttp unless ``EXTRACTOR_HTTP=httpx``: see `aio`)."""
    httpx = http_module()
    if asynchronous:
        from .aio import async_transport

        retrying = AsyncRetryingTransport(async_transport(httpx), policy, httpx)
        return httpx.AsyncClient(transport=retrying, timeout=timeout, auth=auth)
    transport = RetryingTransport(httpx.HTTPTransport(), policy, httpx)
    return httpx.Client(transport=transport, timeout=timeout, auth=auth)
