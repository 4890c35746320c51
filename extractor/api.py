"""The public entry points: `extract`, `aextract` and the reusable `Extractor`."""

from __future__ import annotations

import os
import sys
from typing import Any, Protocol

from .config import Settings
from .errors import ConfigurationError, NoModelConfiguredError
from .read.article import Article, load_article
from .schema import Extraction, ExtractionWarning

ArticleInput = str | os.PathLike[str] | Article


class Engine(Protocol):
    name: str

    def extract(self, article: Article) -> Extraction: ...

    async def aextract(self, article: Article) -> Extraction: ...

    def identity(self) -> dict[str, Any]: ...


_told_offline = False


def make_engine(settings: Settings) -> Engine:
    """The engine the settings ask for: ``llm`` with a model, else the offline rules."""
    global _told_offline
    name = settings.engine
    if name is None:
        name = "llm" if settings.model else "rules"
        if name == "rules" and not _told_offline:
            _told_offline = True
            print(
                "extractor: no model configured; using the offline rules engine "
                "(set EXTRACTOR_MODEL or pass --model for an LLM)",
                file=sys.stderr,
            )
    if name == "llm":
        if not settings.model:
            raise NoModelConfiguredError()
        from .llm.engine import LLMEngine

        return LLMEngine(settings)
    if name == "rules":
        from .rules import RulesEngine

        return RulesEngine()
    raise ConfigurationError(f"unknown engine {name!r}; use 'llm' or 'rules'")


class Extractor:
    """A configured extractor. Make one and reuse it: its HTTP client is shared.

    Arguments override the ``EXTRACTOR_*`` environment variables (see `config`).
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
        self.engine = make_engine(self.settings)

    def extract(self, article: ArticleInput) -> Extraction:
        """Extract from text or a file path; every span is grounded in the article text."""
        loaded = load_article(article)
        return note_encoding(loaded, self.engine.extract(loaded))

    async def aextract(self, article: ArticleInput) -> Extraction:
        loaded = load_article(article)
        return note_encoding(loaded, await self.engine.aextract(loaded))


def note_encoding(article: Article, result: Extraction) -> Extraction:
    """Say so in the warnings when the file was not UTF-8 and had to be decoded otherwise."""
    if article.encoding != "utf-8":
        result.warnings.append(
            ExtractionWarning(
                code="decoded_as",
                message=f"{article.source or 'the article'} is not UTF-8; it was read as "
                f"{article.encoding} (offsets index the decoded text)",
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
