"""The LLM engine: instructor fills an `ArticleReading`, grounding checks every item.

One extraction is one instructor call. Inside it, each model answer is
grounded while it is validated (see `reading.ArticleReading`); what cannot be
found goes back to the model as a re-ask, up to ``max_retries`` times. The
last attempt is graded leniently: the unfound items are dropped with warnings
rather than failing the article. Transport faults are retried below, in
`transport`, and never count as re-asks.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import instructor
from instructor.core import (
    Hooks,
    IncompleteOutputException,
    InstructorError,
    InstructorRetryException,
)

from ..config import Settings
from ..errors import ModelOutputError, ProviderError
from ..read.article import Article
from ..schema import SCHEMA_VERSION, Extraction, Meta, Usage
from .chunking import Chunk, merge, split
from .grounding import GroundingSession
from .prompts import load_prompts
from .providers import Backend, build_client, resolve_backend
from .reading import ArticleReading, current_grounder
from .transport import CallStats, counting, is_refused


@cache
def _response_model() -> type[ArticleReading]:
    """`ArticleReading` wrapped for instructor once, not on every call (it builds a class)."""
    return instructor.response_schema(ArticleReading)


class _Attempts:
    """Counts model answers and usage for one extraction; arms lenient grading."""

    def __init__(self, session: GroundingSession, max_retries: int) -> None:
        self.session = session
        self.max_retries = max_retries
        self.count = 0
        self.responses = 0  # completions that could be read at all
        self.usage = Usage()

    def on_request(self, **_: Any) -> None:
        self.count += 1
        self.session.lenient = self.count > self.max_retries

    def on_response(self, response: Any) -> None:
        self.responses += 1
        usage = getattr(response, "usage", None)
        if usage is None:
            return
        given = getattr(usage, "prompt_tokens", None) or getattr(usage, "input_tokens", 0) or 0
        taken = getattr(usage, "completion_tokens", None) or getattr(usage, "output_tokens", 0) or 0
        self.usage = Usage(
            input_tokens=self.usage.input_tokens + given,
            output_tokens=self.usage.output_tokens + taken,
            total_tokens=self.usage.total_tokens + given + taken,
        )

    def hooks(self) -> Hooks:
        hooks = Hooks()
        hooks.on("completion:kwargs", self.on_request)
        hooks.on("completion:response", self.on_response)
        return hooks


@dataclass(slots=True)
class _Run:
    """One chunk's request: what was asked, answered and grounded."""

    chunk: Chunk
    session: GroundingSession
    attempts: _Attempts
    stats: CallStats
    kwargs: dict[str, Any] = field(repr=False)  # instructor's create() arguments


class LLMEngine:
    """Extract with a model through instructor. Clients are made once and reused."""

    name = "llm"
    cacheable = True  # answers cost time and money: worth keeping on disk

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.backend: Backend = resolve_backend(settings)
        self.prompts = load_prompts()
        self._client: Any = None
        self._aclient: Any = None
        self._aclient_loop: asyncio.AbstractEventLoop | None = None

    def identity(self) -> dict[str, Any]:
        """What determines this engine's answers (the cache key's first half)."""
        return {
            "engine": self.name,
            "model": self.backend.label,
            "base_url": self.backend.safe_base_url,
            "mode": self.backend.mode.value if self.backend.mode else None,
            "prompt": self.prompts.version,
            "schema": SCHEMA_VERSION,
            "max_retries": self.settings.max_retries,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "chunk_chars": self.settings.chunk_chars,
            "chunk_overlap": self.settings.chunk_overlap,
        }

    # -- sync and async entry points ------------------------------------------------------

    def extract(self, article: Article) -> Extraction:
        if self._client is None:
            self._client = build_client(self.backend, self.settings)
        started = time.perf_counter()
        runs = [self._read_one(part) for part in self._parts(article)]
        return self._finish(article, runs, started)

    async def aextract(self, article: Article) -> Extraction:
        loop = asyncio.get_running_loop()
        if self._aclient is None or self._aclient_loop is not loop:
            # An async HTTP client belongs to the event loop it was made in; each
            # asyncio.run() (each extract_many call) gets its own.
            self._aclient = build_client(self.backend, self.settings, asynchronous=True)
            self._aclient_loop = loop
        started = time.perf_counter()
        runs = [await self._aread_one(part) for part in self._parts(article)]
        return self._finish(article, runs, started)

    # -- one request (with its re-asks) per chunk ---------------------------------------

    def _parts(self, article: Article) -> list[tuple[Chunk, Article]]:
        """The article, or its overlapping chunks when it is longer than ``chunk_chars``."""
        chunks = split(article.text, self.settings.chunk_chars, self.settings.chunk_overlap)
        return [(c, Article(article.text[c.start : c.end], source=article.source)) for c in chunks]

    def _read_one(self, part: tuple[Chunk, Article]) -> _Run:
        with self._reading(part) as run:
            self._client.chat.completions.create(**run.kwargs)
        return run

    async def _aread_one(self, part: tuple[Chunk, Article]) -> _Run:
        with self._reading(part) as run:
            await self._aclient.chat.completions.create(**run.kwargs)
        return run

    # -- shared steps -------------------------------------------------------------------

    @contextmanager
    def _reading(self, part: tuple[Chunk, Article]) -> Iterator[_Run]:
        """Everything around the one instructor call for a chunk, sync or async: the
        grounder it validates against, the requests it makes, its errors made typed.
        The block makes the call with ``run.kwargs``."""
        chunk, article = part
        run = self._prepare(chunk, article)
        token = current_grounder.set(run.session)
        try:
            with counting(run.stats):
                try:
                    yield run
                except Exception as exc:
                    raise self._translate(exc, article, run.attempts, run.stats) from exc
        finally:
            current_grounder.reset(token)

    def _prepare(self, chunk: Chunk, article: Article) -> _Run:
        session = GroundingSession(article.text)
        attempts = _Attempts(session, self.settings.max_retries)
        kwargs: dict[str, Any] = {
            "model": self.backend.model,
            "response_model": _response_model(),
            "messages": self.prompts.messages(article.text),
            "max_retries": self.settings.max_retries,
            "strict": False,
            "hooks": attempts.hooks(),
        }
        if self.settings.temperature is not None:
            kwargs["temperature"] = self.settings.temperature
        if self.settings.max_tokens:
            kwargs["max_tokens"] = self.settings.max_tokens
        return _Run(chunk, session, attempts, CallStats(), kwargs)

    def _finish(self, article: Article, runs: list[_Run], started: float) -> Extraction:
        for run in runs:
            if run.session.result is None:  # instructor returned without validating
                raise ModelOutputError(
                    "the model's answer was never validated",
                    source=article.source,
                    attempts=run.attempts.count,
                    requests=run.stats.requests,
                )
        if len(runs) == 1:
            result = runs[0].session.result
        else:
            result = merge([(run.chunk, run.session.result) for run in runs])  # type: ignore[misc]
        assert result is not None
        usage = Usage(
            input_tokens=sum(r.attempts.usage.input_tokens for r in runs),
            output_tokens=sum(r.attempts.usage.output_tokens for r in runs),
            total_tokens=sum(r.attempts.usage.total_tokens for r in runs),
        )
        return Extraction(
            actors=result.actors,
            quotes=result.quotes,
            claims=result.claims,
            warnings=result.warnings,
            meta=Meta(
                engine=self.name,
                model=self.backend.label,
                mode=self.backend.mode.value if self.backend.mode else None,
                prompt_version=self.prompts.version,
                usage=usage,
                requests=sum(r.stats.requests for r in runs),
                attempts=sum(r.attempts.count for r in runs),
                chunks=len(runs),
                elapsed_s=round(time.perf_counter() - started, 3),
            ),
        )

    def _translate(
        self, exc: Exception, article: Article, attempts: _Attempts, stats: CallStats
    ) -> Exception:
        """Map SDK and instructor failures onto the package's typed errors."""
        import openai

        cause: BaseException = exc
        if isinstance(exc, InstructorRetryException) and exc.__cause__:
            cause = exc.__cause__
        where = self.backend.safe_base_url or self.backend.provider
        if isinstance(cause, openai.APIStatusError):
            return ProviderError(
                f"{self.backend.label} at {where} answered HTTP {cause.status_code} after "
                f"{stats.requests} request(s) with retries; " + _status_advice(cause.status_code),
                source=article.source,
                status_code=cause.status_code,
                requests=stats.requests,
            )
        if isinstance(cause, openai.APITimeoutError):
            timed_out = (
                f"{self.backend.label} at {where} timed out after {stats.requests} request(s)"
            )
            advice = "(EXTRACTOR_TIMEOUT) or try a smaller model"
            return ProviderError(
                f"{timed_out}; raise timeout= {advice}",
                cli_message=f"{timed_out}; raise --timeout {advice}",
                source=article.source,
                requests=stats.requests,
            )
        if isinstance(cause, openai.APIConnectionError) and is_refused(cause):
            # Tried at most twice, briefly (see transport): nothing is there to answer.
            refused = f"nothing is listening at {where} (connection refused); start the server"
            return ProviderError(
                f"{refused} or check the base URL",
                cli_message=f"{refused} or check --base-url",
                source=article.source,
                requests=stats.requests,
            )
        if isinstance(cause, openai.APIConnectionError):
            return ProviderError(
                f"cannot reach {where} after {stats.requests} request(s); check that the server "
                "is running and the base URL is right",
                source=article.source,
                requests=stats.requests,
            )
        if isinstance(cause, ValueError) and attempts.responses == 0:
            # No completion could even be read: the server sent something that is not an
            # OpenAI-style JSON body (a proxy error page, say), not a bad model answer.
            return ProviderError(
                f"{where} answered with a body that is not a JSON completion "
                f"({_first_line(cause)}) after {stats.requests} request(s); check the base URL",
                source=article.source,
                requests=stats.requests,
            )
        if isinstance(cause, IncompleteOutputException):
            return ModelOutputError(
                "the model's answer was cut off (finish_reason=length); raise max_tokens "
                "or split the article",
                source=article.source,
                attempts=attempts.count,
                requests=stats.requests,
            )
        if isinstance(exc, InstructorError):
            return ModelOutputError(
                f"the model's answers could not be read as the schema after {attempts.count} "
                f"attempt(s): {_first_line(cause)}",
                source=article.source,
                attempts=attempts.count,
                requests=stats.requests,
            )
        return exc


def _status_advice(status: int) -> str:
    if status in (401, 403):
        return "check the API key"
    if status == 404:
        return "check the model name and base URL"
    if status == 429:
        return "the provider is rate-limiting: lower the concurrency or wait"
    if status >= 500:
        return "the provider is failing; try again later"
    return "see the provider's message"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
