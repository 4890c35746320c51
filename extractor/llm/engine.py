"""The LLM engine: instructor fills an `ArticleReading`, grounding checks every item.

One extraction is one instructor call. Inside it, each model answer is
grounded while it is validated (see `reading.ArticleReading`); what cannot be
found goes back to the model as a re-ask, up to ``max_retries`` times. The
last attempt is graded leniently: the unfound items are dropped with warnings
rather than failing the article. Transport faults are retried below, in
`transport`, and never count as re-asks.

When the mode was not pinned and the server rejects the request's structured-output
part, the same chunk is asked again in the next mode (`capabilities`); the mode that
works is kept for the rest of the run. While no mode is known to work, one article at
a time probes, so a batch sends one probe per server, not one per article.

A provider's batch API is sent each chunk's first request as this engine would send
it (`batch_bodies`, built by `requests`); `aextract_answered` then runs the live
path with that request answered from the batch (`canned`), so the answer is parsed,
grounded and, when needed, re-asked live exactly as a live answer is.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from instructor.core import Hooks

from ..config import Settings
from ..errors import ConfigurationError, ModelOutputError
from ..read.article import Article
from ..schema import SCHEMA_VERSION, Extraction, ExtractionWarning, Meta, Usage
from .canned import Canned, answering, unused_warnings
from .capabilities import Mode, ModePlan, Rejection, mode_name
from .chunking import Chunk, merge, split
from .failures import Context, rejected, rejection_of, translate
from .grounding import GroundingSession
from .prompts import load_prompts
from .providers import Backend, build_client, can_fall_back, resolve_backend, with_mode
from .reading import current_grounder
from .requests import chat_kwargs, request_body
from .requests import response_model as _response_model
from .transport import CallStats, counting

#: The signature of a handler that takes any keyword arguments (see `_Attempts.hooks`).
_ANY_KEYWORDS = inspect.Signature([inspect.Parameter("_", inspect.Parameter.VAR_KEYWORD)])


class _Attempts:
    """Counts model answers and usage for one extraction; arms lenient grading."""

    def __init__(self, session: GroundingSession, max_retries: int) -> None:
        self.session = session
        self.max_retries = max_retries
        self.count = 0
        self.responses = 0  # completions that could be read at all
        self.usage = Usage()

    def on_request(self) -> None:
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
        def on_request(**_: Any) -> None:
            self.on_request()

        # instructor works out a handler's signature on every request it emits
        # arguments to (~0.3 ms for a method); one given up front is read as it is.
        on_request.__signature__ = _ANY_KEYWORDS  # type: ignore[attr-defined]
        hooks = Hooks()
        hooks.on("completion:kwargs", on_request)
        hooks.on("completion:response", self.on_response)
        return hooks


@dataclass(slots=True)
class _Run:
    """One chunk's request: what was asked, answered and grounded."""

    chunk: Chunk
    session: GroundingSession
    attempts: _Attempts
    stats: CallStats  # shared by the tries of one chunk in several modes
    mode: Mode | None
    kwargs: dict[str, Any] = field(repr=False)  # instructor's create() arguments
    source: str | None = None  # the article's path or id, for error messages
    done: bool = False  # False after a rejected mode: ask again in the next one


class LLMEngine:
    """Extract with a model through instructor. Clients are made once and reused."""

    name = "llm"
    cacheable = True  # answers cost time and money: worth keeping on disk

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.backend: Backend = resolve_backend(settings)
        self.prompts = load_prompts()
        #: The mode each server is asked in; learned once per run (this engine's life).
        self.modes = ModePlan(
            self.backend.mode,
            pinned=settings.mode is not None,
            can_fall_back=can_fall_back(self.backend),
        )
        self._server = self.backend.safe_base_url or self.backend.provider
        self._clients: dict[Mode | None, Any] = {}
        self._aclients: dict[Mode | None, Any] = {}
        self._aclient_loop: asyncio.AbstractEventLoop | None = None
        self._probe_lock = threading.Lock()
        self._aprobe_lock = asyncio.Lock()

    def identity(self) -> dict[str, Any]:
        """What determines this engine's answers (the cache key's first half). The mode
        is the one chosen from the settings: a fallback follows from the server."""
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
        started = time.perf_counter()
        runs = [self._read_one(part) for part in self._parts(article)]
        return self._finish(article, runs, started)

    async def aextract(self, article: Article) -> Extraction:
        return await self.aextract_answered(article, [])

    # -- a provider's batch API: the same first requests, answered from the batch --------

    def batch_mode(self) -> Mode:
        """The mode batch requests are written in: the one a live request is sent in."""
        mode = self.modes.current(self._server)
        if mode is None or not can_fall_back(self.backend):
            raise ConfigurationError(
                f"batch APIs need an OpenAI-compatible backend; {self.backend.label} is not one"
            )
        return mode

    def batch_bodies(self, article: Article) -> list[dict[str, Any]]:
        """The body of each chunk's first request, as the live path sends it."""
        model, settings, mode = self.backend.model, self.settings, self.batch_mode()
        parts = self._parts(article)
        return [request_body(model, settings, self.prompts, p.text, mode) for _, p in parts]

    async def aextract_answered(
        self, article: Article, answers: Sequence[tuple[str, dict[str, Any]] | None]
    ) -> Extraction:
        """`aextract`, the first request of chunk n answered by ``answers[n]`` when there
        is one: (the digest of the request body it answers, a chat completion from a
        batch API); used only for that very request. The rest is the live path."""
        loop = asyncio.get_running_loop()
        if self._aclient_loop is not loop:
            # An async HTTP client (and a lock) belongs to the event loop it was made in;
            # each asyncio.run() (each extract_many call) gets its own.
            self._aclients = {}
            self._aprobe_lock = asyncio.Lock()
            self._aclient_loop = loop
        started = time.perf_counter()
        runs, unused = [], []
        for n, part in enumerate(self._parts(article)):
            answer = answers[n] if n < len(answers) else None
            if answer is None:
                runs.append(await self._aread_one(part))
                continue
            with answering(Canned(*answer)) as canned:
                runs.append(await self._aread_one(part))
            if not canned.used:  # the live request differed (another mode): asked live
                unused.append(n + 1)
        result = self._finish(article, runs, started)
        result.warnings.extend(unused_warnings(unused))
        return result

    # -- one request (with its re-asks) per chunk, in each mode tried ---------------------

    def _parts(self, article: Article) -> list[tuple[Chunk, Article]]:
        """The article, or its overlapping chunks when it is longer than ``chunk_chars``."""
        chunks = split(article.text, self.settings.chunk_chars, self.settings.chunk_overlap)
        return [(c, Article(article.text[c.start : c.end], source=article.source)) for c in chunks]

    def _read_one(self, part: tuple[Chunk, Article]) -> _Run:
        stats = CallStats()
        with self._probing():
            while True:
                with self._reading(part, stats) as run:
                    self._client_in(run.mode).chat.completions.create(**run.kwargs)
                if run.done:
                    return run

    async def _aread_one(self, part: tuple[Chunk, Article]) -> _Run:
        stats = CallStats()
        async with self._aprobing():
            while True:
                with self._reading(part, stats) as run:
                    await self._aclient_in(run.mode).chat.completions.create(**run.kwargs)
                if run.done:
                    return run

    @contextmanager
    def _probing(self) -> Iterator[None]:
        """Hold the probe while no mode is known to work for the server; else nothing."""
        held = not self.modes.settled(self._server) and self._probe_lock.acquire()
        if held and self.modes.settled(self._server):  # settled while this one waited
            self._probe_lock.release()
            held = False
        try:
            yield
        finally:
            if held:
                self._probe_lock.release()

    @asynccontextmanager
    async def _aprobing(self) -> AsyncIterator[None]:
        """The asyncio twin of `_probing`."""
        held = False
        if not self.modes.settled(self._server):
            await self._aprobe_lock.acquire()
            held = not self.modes.settled(self._server)
            if not held:
                self._aprobe_lock.release()
        try:
            yield
        finally:
            if held:
                self._aprobe_lock.release()

    def _client_in(self, mode: Mode | None) -> Any:
        if mode not in self._clients:
            base = self._clients.get(self.backend.mode) or build_client(self.backend, self.settings)
            self._clients[self.backend.mode] = base
            self._clients[mode] = base if mode is None else with_mode(base, mode)
        return self._clients[mode]

    def _aclient_in(self, mode: Mode | None) -> Any:
        if mode not in self._aclients:
            base = self._aclients.get(self.backend.mode) or build_client(
                self.backend, self.settings, asynchronous=True
            )
            self._aclients[self.backend.mode] = base
            self._aclients[mode] = base if mode is None else with_mode(base, mode)
        return self._aclients[mode]

    # -- shared steps -------------------------------------------------------------------

    @contextmanager
    def _reading(self, part: tuple[Chunk, Article], stats: CallStats) -> Iterator[_Run]:
        """Everything around the one instructor call for a chunk in one mode, sync or
        async: the grounder it validates against, the requests it makes, its errors made
        typed. The block makes the call with ``run.kwargs`` in ``run.mode``. A mode the
        server rejects is noted and the error swallowed when another mode is left to try
        (``run.done`` stays False)."""
        chunk, article = part
        run = self._prepare(chunk, article, self.modes.current(self._server), stats)
        token = current_grounder.set(run.session)
        try:
            with counting(stats):
                try:
                    yield run
                except Exception as exc:
                    rejection = rejection_of(exc, run.mode)
                    if rejection is None:
                        if 200 in stats.statuses:  # the server took this mode
                            self.modes.confirm(self._server, run.mode)
                    elif self.modes.reject(self._server, rejection) is not None:
                        return  # asked again in the next mode
                    raise self._error(exc, run, rejection) from exc
            run.done = True
            self.modes.confirm(self._server, run.mode)
        finally:
            current_grounder.reset(token)

    def _error(self, exc: Exception, run: _Run, rejection: Rejection | None) -> Exception:
        context = Context(
            self.backend,
            run.mode,
            run.source,
            run.attempts.count,
            run.attempts.responses,
            run.stats.requests,
        )
        if rejection is None:
            return translate(exc, context)
        tried = self.modes.rejections(self._server) if self.modes.fallback else [rejection]
        return rejected(context, tried or [rejection], pinned=self.settings.mode is not None)

    def _prepare(self, chunk: Chunk, article: Article, mode: Mode | None, stats: CallStats) -> _Run:
        session = GroundingSession(article.text)
        attempts = _Attempts(session, self.settings.max_retries)
        kwargs: dict[str, Any] = {
            **chat_kwargs(self.backend.model, self.settings, self.prompts, article.text),
            "response_model": _response_model(),
            "max_retries": self.settings.max_retries,
            "strict": False,
            "hooks": attempts.hooks(),
        }
        return _Run(chunk, session, attempts, stats, mode, kwargs, source=article.source)

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
        used = runs[-1].mode
        return Extraction(
            actors=result.actors,
            quotes=result.quotes,
            claims=result.claims,
            warnings=[*self._fallback_warnings(used), *result.warnings],
            meta=Meta(
                engine=self.name,
                model=self.backend.label,
                mode=used.value if used else None,
                prompt_version=self.prompts.version,
                usage=usage,
                requests=sum(r.stats.requests for r in runs),
                attempts=sum(r.attempts.count for r in runs),
                chunks=len(runs),
                elapsed_s=round(time.perf_counter() - started, 3),
            ),
        )

    def _fallback_warnings(self, used: Mode | None) -> list[ExtractionWarning]:
        """A ``mode_fallback`` warning on every result read in a mode other than the one
        chosen from the settings, saying which modes the server refused and why."""
        if used == self.backend.mode:
            return []
        refused = [r for r in self.modes.rejections(self._server) if r.mode != used]
        if not refused:
            return []
        said = "; ".join(r.describe() for r in refused)
        return [
            ExtractionWarning(
                code="mode_fallback",
                message=f"{self.backend.label} at {self._server} rejected {said}; "
                f"this run asks in {mode_name(used)} mode instead (mode= or --mode pins one)",
            )
        ]
