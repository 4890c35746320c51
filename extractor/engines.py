"""Engines: what reads an article. A registry maps a name to a factory.

Built in: ``rules`` (the offline engine) and ``llm`` (a model through
instructor). Another package can add one with `register_engine`, or through
the ``extractor.engines`` entry-point group (a factory taking `Settings`).
Callers never test engine names: they ask the engine what it is
(``cacheable``, ``backend``).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from .config import Settings
from .errors import ConfigurationError, NoModelConfiguredError
from .read.article import Article
from .schema import Extraction


class Backend(Protocol):
    """The model an engine asks, as far as callers need to know it."""

    @property
    def label(self) -> str:
        """``provider/model``, e.g. ``openai/gpt-4o-mini`` (the price table's key)."""
        ...


@runtime_checkable
class Engine(Protocol):
    """Reads one article into an `Extraction` whose every span is exact."""

    #: Short name, recorded as ``meta.engine``.
    name: str
    #: Worth a disk cache: its answers cost time or money (a model), not just CPU.
    cacheable: bool

    @property
    def backend(self) -> Backend | None:
        """The model asked, or None for an engine that asks none."""
        ...

    def extract(self, article: Article) -> Extraction: ...

    async def aextract(self, article: Article) -> Extraction: ...

    def identity(self) -> dict[str, Any]:
        """Everything that decides its answers (half of a cache key)."""
        ...


EngineFactory = Callable[[Settings], Engine]
_FACTORIES: dict[str, EngineFactory] = {}


def register_engine(name: str) -> Callable[[EngineFactory], EngineFactory]:
    """Register ``factory(settings) -> Engine`` under ``name`` (a decorator)."""

    def add(factory: EngineFactory) -> EngineFactory:
        _FACTORIES[name] = factory
        return factory

    return add


def engine_names() -> list[str]:
    _load_entry_points()
    return sorted(_FACTORIES)


def default_engine(settings: Settings) -> str:
    """The engine used when none is named: ``llm`` with a model, else ``rules``."""
    return settings.engine or ("llm" if settings.model else "rules")


def make_engine(settings: Settings) -> Engine:
    """The engine the settings ask for (see `default_engine`)."""
    name = default_engine(settings)
    if name not in _FACTORIES:
        _load_entry_points()
    factory = _FACTORIES.get(name)
    if factory is None:
        raise ConfigurationError(
            f"unknown engine {name!r}; use one of: {', '.join(engine_names())}",
            cli_message=f"unknown engine {name!r}; --engine takes one of: "
            + ", ".join(engine_names()),
        )
    return factory(settings)


def _load_entry_points() -> None:
    for point in entry_points(group="extractor.engines"):
        if point.name not in _FACTORIES:
            _FACTORIES[point.name] = point.load()


@register_engine("rules")
def _rules(settings: Settings) -> Engine:
    from .rules import RulesEngine

    return RulesEngine()


@register_engine("llm")
def _llm(settings: Settings) -> Engine:
    if not settings.model:
        raise NoModelConfiguredError()
    from .llm.engine import LLMEngine

    return LLMEngine(settings)
