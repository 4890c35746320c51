"""The engine registry: engines are found by name, and callers ask them what they are."""

from __future__ import annotations

from typing import Any

import pytest

from extractor import Article, ConfigurationError, Extraction, Extractor, register_engine
from extractor.config import Settings
from extractor.engines import Engine, engine_names, make_engine
from extractor.schema import Meta


class EchoEngine:
    """A stand-in engine that finds nothing and says who it is."""

    name = "echo"
    cacheable = False
    backend = None

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def extract(self, article: Article) -> Extraction:
        return Extraction(meta=Meta(engine=self.name))

    async def aextract(self, article: Article) -> Extraction:
        return self.extract(article)

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name}


def test_a_registered_engine_is_used_by_name():
    register_engine("echo")(EchoEngine)
    assert "echo" in engine_names()
    result = Extractor(engine="echo").extract("Ana Lima said the plan works.")
    assert result.meta.engine == "echo"
    assert isinstance(make_engine(Settings(engine="echo")), Engine)


def test_built_in_engines_say_what_they_are():
    rules = make_engine(Settings(engine="rules"))
    assert rules.cacheable is False and rules.backend is None
    llm = make_engine(Settings(engine="llm", model="ollama/llama3.1"))
    assert llm.cacheable is True and llm.backend is not None
    assert llm.backend.label == "ollama/llama3.1"


def test_an_unknown_engine_names_the_known_ones():
    with pytest.raises(ConfigurationError, match=r"unknown engine 'nope'.*rules") as caught:
        Extractor(engine="nope")
    assert "--engine" in caught.value.for_cli()


def test_the_cache_is_only_used_for_engines_worth_caching(tmp_path):
    class Store:
        def get(self, key: str) -> Extraction | None:
            raise AssertionError("the offline engine must not read the cache")

        def put(self, key: str, extraction: Extraction) -> None:
            raise AssertionError("the offline engine must not write the cache")

    extractor = Extractor(engine="rules", cache=Store())
    assert extractor.cache is None
    extractor.extract("Ana Lima said the plan works well for everyone.")
