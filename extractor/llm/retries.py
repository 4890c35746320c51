"""The retry decisions of `transport` that need no transport: which statuses and errors
are worth another try, how long a server asks to wait, when a refused connection is
given up, and the first try made outside tenacity (`first_then`)."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tenacity import RetryCallState
from tenacity.stop import stop_base

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})


@dataclass(slots=True)
class RetryPolicy:
    """How transport faults are retried."""

    max_retries: int = 4  # retries after the first request
    initial_delay: float = 1.0
    max_delay: float = 60.0  # a longer Retry-After is not waited for: the call fails
    refused_tries: int = 2  # a refused connection is tried this often in all, at most
    refused_delay: float = 0.25  # the pause before trying a refused connection again


def retry_after_seconds(headers: Any) -> float | None:
    """Seconds asked for by retry-after-ms or Retry-After (seconds or an HTTP date)."""
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(float(value) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(parsed.timestamp() - time.time(), 0.0) if parsed else None


def is_refused(error: BaseException) -> bool:
    """Whether ``error`` comes of a refused connection: nothing listening at the address.

    The refusal sits in the chain of causes (httpx ConnectError, httpcore ConnectError,
    then ConnectionRefusedError); for an async connect it can be one of a group of
    failed attempts, one per address the host name resolved to.
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return True
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        pending.extend((current.__cause__, current.__context__))
    return False


def body_text(response: Any) -> str:
    """The body of an answered request (read already), as text; empty when it is not."""
    try:
        return str(response.text)
    except Exception:  # not read, or undecodable: no verdict from the body
        return ""


class StopAfterRefusals(stop_base):
    """Stop once this many tries of one request were refused. Made anew for each request."""

    def __init__(self, tries: int, refused: Callable[[BaseException | None], bool]) -> None:
        self.tries = tries
        self.refused = refused
        self.count = 0

    def __call__(self, state: RetryCallState) -> bool:
        # tenacity asks once per failed try that it would retry.
        outcome = state.outcome
        if outcome is not None and outcome.failed and self.refused(outcome.exception()):
            self.count += 1
        return self.count >= self.tries


def first_then(first: tuple[BaseException | None, Any], send: Callable[[Any], Any]) -> Any:
    """A try function for tenacity whose first try is the one already made outside it.

    The transports send a request once by themselves and hand it to tenacity only when
    that try is one tenacity would retry (a retryable error or status): building the
    retry loop for every request cost ~0.2 ms of CPU, and a request that needs no
    retry comes out of tenacity as it went in. Then tenacity sees that first outcome
    as its first attempt, and waits, counts, stops and gives up exactly as before."""
    pending = [first]

    def attempt(request: Any) -> Any:
        if pending:
            error, response = pending.pop()
            if error is not None:
                raise error
            return response
        return send(request)

    return attempt


def afirst_then(first: tuple[BaseException | None, Any], send: Callable[[Any], Any]) -> Any:
    """The asyncio twin of `first_then`."""
    pending = [first]

    async def attempt(request: Any) -> Any:
        if pending:
            error, response = pending.pop()
            if error is not None:
                raise error
            return response
        return await send(request)

    return attempt
