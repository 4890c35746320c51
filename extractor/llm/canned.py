"""Answers already in hand: a provider's batch API answered a request the live path
is about to send.

`answering` puts one chunk's batch answer in a context variable; the transport
(`transport.RetryingTransport`) hands it back, as a 200 response, for the first
request whose JSON body is the very body the batch line carried (the same
`body_digest`, which the batch's state file keeps), without sending
anything, and sends every other request as usual. So a batch answer goes through
exactly what a live answer goes through: the SDK, instructor's parsing and
validation, grounding, and, when instructor re-asks, the live path's own re-ask
conversation, sent live. A request whose body differs (another mode, a changed
prompt) is never answered from the batch. A canned answer is not an HTTP request
and is not counted as one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ..schema import ExtractionWarning


def body_digest(body: Any) -> str:
    """A request body's fingerprint: sha256 of its JSON with sorted keys."""
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Canned:
    """The answer to the request whose body has ``digest``; ``used`` once handed back."""

    digest: str
    answer: dict[str, Any]
    used: bool = False


_canned: ContextVar[Canned | None] = ContextVar("extractor_canned_answer", default=None)


@contextmanager
def answering(canned: Canned) -> Iterator[Canned]:
    """Within this block (and tasks started in it), answer the request with
    ``canned.digest`` with ``canned.answer``, once."""
    token = _canned.set(canned)
    try:
        yield canned
    finally:
        _canned.reset(token)


def canned_response(request: Any, httpx: ModuleType) -> Any:
    """The canned answer to ``request`` as an httpx response, or None to send it."""
    canned = _canned.get()
    if canned is None or canned.used or request.method != "POST":
        return None
    try:
        body = json.loads(request.content)
    except (ValueError, TypeError):
        return None
    if body_digest(body) != canned.digest:
        return None
    canned.used = True
    return httpx.Response(200, json=canned.answer, request=request)


def unused_warnings(chunks: list[int]) -> list[ExtractionWarning]:
    """The warning on a result whose batch answers went unused for these chunks."""
    if not chunks:
        return []
    message = (
        f"chunk(s) {chunks} were asked live: the live request differed from the "
        "batch's (a mode fallback or a changed prompt)"
    )
    return [ExtractionWarning(code="batch_answer_unused", message=message)]
