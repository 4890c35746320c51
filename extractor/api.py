"""The public entry points: `extract`, `aextract` and the reusable `Extractor`.

One core, two surfaces: the command line and `batch` call these too. The sync
and async methods share every step but the engine call (`_prepare`, `_finish`).
An engine that asks a model gets the offline engine's check on its answer
(`crosscheck`): the direct quotes it missed are warned about, or added.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Any, Protocol

from .config import Settings
from .crosscheck import crosscheck, misses_a_quote, rules_direct_pieces
from .engines import Engine, make_engine
from .errors import ConfigurationError, OfflineEngineNotice
from .read.article import Article, load_article
from .read.furniture import Zone, junk_zones_kept, keep_zones
from .schema import Extraction, ExtractionWarning
from .text.spans import Offsets

ArticleInput = str | os.PathLike[str] | Article

OFFLINE_NOTE = (
    "no model configured; using the offline rules engine "
    "(set EXTRACTOR_MODEL or pass --model / model= for an LLM)"
)


class ExtractionStore(Protocol):
    """Somewhere to keep extractions by key (`batch.cache.ExtractionCache` is one)."""

    def get(self, key: str) -> Extraction | None: ...

    def put(self, key: str, extraction: Extraction) -> None: ...


def cache_key(identity: dict[str, Any], text_sha256: str) -> str:
    """The key of one article's extraction by one engine configuration."""
    blob = json.dumps({"identity": identity, "article": text_sha256}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


class Extractor:
    """A configured extractor. Make one and reuse it: its HTTP client is shared.

    Arguments override the ``EXTRACTOR_*`` environment variables (see `config`).
    ``cache``: a store of earlier extractions, used when the engine is worth
    caching (a model); a hit makes no request and says so in ``meta.cached``.
    ``checks``: an executor (a process pool) that `aextract` runs the offline engine's
    check of a model's answer in, so that its CPU work leaves the event loop: its direct
    quotes are found there while the model is asked, and the whole engine runs there
    for an answer that misses one; by default it all runs in line.
    """

    def __init__(
        self,
        *,
        engine: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str | None = None,
        max_retries: int | None = None,
        settings: Settings | None = None,
        cache: ExtractionStore | None = None,
        checks: Executor | None = None,
        **more: Any,
    ) -> None:
        base = settings or Settings.from_env()
        self.settings = base.with_overrides(
            engine=engine,
            model=model,
            base_url=base_url,
            api_key=api_key,
            mode=mode,
            max_retries=max_retries,
            **more,
        )
        self.engine: Engine = make_engine(self.settings)
        self.cache = cache if self.engine.cacheable else None
        self.checks = checks
        #: True when the offline engine was chosen only because no model is configured.
        self.offline_by_default = self.settings.engine is None and not self.settings.model

    def extract(self, article: ArticleInput) -> Extraction:
        """Extract from text or a file path; every span is grounded in the article text."""
        loaded, key, cached = self._prepare(article)
        if cached is not None:
            return self._finish(loaded, cached, None)
        return self._finish(loaded, self.engine.extract(loaded), key)

    async def aextract(self, article: ArticleInput) -> Extraction:
        """The asyncio twin of `extract`."""
        loaded, key, cached = self._prepare(article)
        if self.checks is None or self.engine.backend is None:
            if cached is not None:
                return self._finish(loaded, cached, None)
            return self._finish(loaded, await self.engine.aextract(loaded), key)
        # The offline engine's direct quotes are found in a worker while the model is
        # asked; the whole engine runs (in a worker too) only for an answer missing one.
        loop = asyncio.get_running_loop()
        finding = loop.run_in_executor(self.checks, _offline_findings, loaded.text)
        finding.add_done_callback(_keep_found_zones(loaded.text))  # for the grounding
        try:
            result = cached if cached is not None else await self.engine.aextract(loaded)
            direct, _ = await finding
        finally:
            finding.cancel()  # the article failed: its quotes are not needed (no-op if done)
        self._store(None if cached is not None else key, result)
        fill = self.settings.fill_missed
        if misses_a_quote(direct, result.quotes):
            result = await loop.run_in_executor(self.checks, _checked, loaded, result, fill, direct)
        else:
            result = crosscheck(loaded, result, fill=fill, direct=direct)  # nothing to add
        return note_reading(loaded, result).attach_text(loaded.text)

    async def aextract_answered(
        self, article: Article, answers: Sequence[tuple[str, dict[str, Any]] | None]
    ) -> Extraction:
        """`aextract` from answers that came another way (a provider's batch API), one
        (request digest, chat completion) per chunk; see `LLMEngine.aextract_answered`.
        A cached extraction is used as `aextract` would."""
        loaded, key, cached = self._prepare(article)
        if cached is not None:
            return self._finish(loaded, cached, None)
        answered = getattr(self.engine, "aextract_answered", None)
        if answered is None:
            raise ConfigurationError(f"the {self.engine.name} engine takes no batch answers")
        return self._finish(loaded, await answered(loaded, answers), key)

    def _prepare(self, article: ArticleInput) -> tuple[Article, str | None, Extraction | None]:
        loaded = load_article(article)  # a missing file fails before any notice
        if self.offline_by_default:
            warnings.warn(OFFLINE_NOTE, OfflineEngineNotice, stacklevel=3)
        if self.cache is None:
            return loaded, None, None
        key = cache_key(self.engine.identity(), loaded.sha256)
        cached = self.cache.get(key)
        if cached is not None:
            cached.meta.cached = True
        return loaded, key, cached

    def _store(self, key: str | None, result: Extraction) -> None:
        if key is not None and self.cache is not None:
            self.cache.put(key, result)

    def _finish(self, article: Article, result: Extraction, key: str | None) -> Extraction:
        self._store(key, result)
        if self.engine.backend is not None:  # a model answered: check it against the rules
            result = crosscheck(article, result, fill=self.settings.fill_missed)
        return note_reading(article, result).attach_text(article.text)


def _offline_findings(text: str) -> tuple[list[list[Offsets]], list[Zone]]:
    """What a worker finds in an article while its model is asked: the offline engine's
    direct quotes (`rules_direct_pieces`) and the page furniture, which the grounding
    of the answer needs too."""
    return rules_direct_pieces(text), junk_zones_kept(text)  # the zones: found just now


def _keep_found_zones(text: str) -> Callable[[asyncio.Future[Any]], None]:
    """A callback that keeps the zones a worker found for ``text`` (see `keep_zones`)."""

    def keep(finding: asyncio.Future[Any]) -> None:
        if not finding.cancelled() and finding.exception() is None:
            keep_zones(text, finding.result()[1])

    return keep


def _checked(
    article: Article, result: Extraction, fill: bool, direct: list[list[Offsets]]
) -> Extraction:
    """`crosscheck` as a top-level function: what a worker process is sent."""
    return crosscheck(article, result, fill=fill, direct=direct)


def note_reading(article: Article, result: Extraction) -> Extraction:
    """Say in the warnings how the text was read when that changes what offsets index:
    a file that was not UTF-8, an HTML page reduced to its main text."""
    where = article.source or "the article"
    if article.encoding != "utf-8":
        result.warnings.append(
            ExtractionWarning(
                code="decoded_as",
                message=f"{where} is not UTF-8; it was read as "
                f"{article.encoding} (offsets index the decoded text)",
            )
        )
    if article.format == "html":
        result.warnings.append(
            ExtractionWarning(
                code="html_main_text",
                message=f"{where} is HTML; its main text was extracted ({len(article.text)} "
                "characters) and offsets index that text",
            )
        )
    return result


def extract(article: ArticleInput, **options: Any) -> Extraction:
    """Extract actors, quotes and claims from one article (text or a path).

    ``options`` are those of `Extractor`: ``model``, ``base_url``, ``api_key``,
    ``mode``, ``max_retries``, ``engine``, ``transport_retries``, ``timeout``...
    """
    return Extractor(**options).extract(article)


async def aextract(article: ArticleInput, **options: Any) -> Extraction:
    """The asyncio twin of `extract`."""
    return await Extractor(**options).aextract(article)
