"""Sync and async twins: the same parameters and the same results.

Every public sync entry point has an asyncio twin (`extract`/`aextract`,
`Extractor.extract`/`.aextract`, `extract_many`/`aextract_many`, each engine's
`extract`/`aextract`); they share their steps, and these tests hold them to it.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest

from extractor import Extractor, aextract, extract
from extractor.batch.runner import aextract_many, extract_many
from extractor.llm.engine import LLMEngine
from extractor.rules import RulesEngine

from .articles import HARBOUR, HARBOUR_ANSWER
from .conftest import SEED
from .scripted_server import answer

TWINS = [
    (extract, aextract),
    (Extractor.extract, Extractor.aextract),
    (RulesEngine.extract, RulesEngine.aextract),
    (LLMEngine.extract, LLMEngine.aextract),
]


def _parameters(func: Any) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(func).parameters.values()]


@pytest.mark.parametrize(("sync", "asynchronous"), TWINS, ids=lambda f: f.__qualname__)
def test_twins_take_the_same_parameters(sync, asynchronous):
    assert inspect.iscoroutinefunction(asynchronous)
    assert _parameters(sync) == _parameters(asynchronous)
    assert (
        inspect.signature(sync).return_annotation
        == inspect.signature(asynchronous).return_annotation
    )


def test_batch_twins_take_the_same_parameters():
    sync = dict((n, d) for n, _, d in _parameters(extract_many))
    asynchronous = dict((n, d) for n, _, d in _parameters(aextract_many))
    # extract_many passes everything but `items` and `concurrency` on to aextract_many.
    assert sync.keys() <= asynchronous.keys() | {"options"}
    assert sync["concurrency"] == asynchronous["concurrency"]


def _comparable(result: Any) -> dict[str, Any]:
    data = result.model_dump(mode="json")
    data["meta"].pop("elapsed_s")
    return data


def test_rules_engine_twins_give_the_same_extraction():
    extractor = Extractor(engine="rules")
    assert _comparable(extractor.extract(SEED)) == _comparable(
        asyncio.run(extractor.aextract(SEED))
    )


def test_rules_engine_runs_off_the_event_loop():
    """The offline engine's async form hands the work to a thread, so a loop serving
    other tasks (a batch's model calls, a web server) keeps turning."""
    seen: dict[str, Any] = {}
    engine = RulesEngine()
    original = engine.extract

    def spy(article: Any, **options: Any) -> Any:
        try:
            asyncio.get_running_loop()
            seen["on_loop"] = True
        except RuntimeError:
            seen["on_loop"] = False
        return original(article, **options)

    engine.extract = spy  # type: ignore[method-assign]
    from extractor import Article

    asyncio.run(engine.aextract(Article(HARBOUR)))
    assert seen == {"on_loop": False}


def test_batch_twins_give_the_same_lines():
    texts = [HARBOUR, "Ben Ode said the bridge will reopen in May.", "   "]

    async def collect() -> list[dict[str, Any]]:
        return [line async for line in aextract_many(texts, engine="rules")]

    def key(line: dict[str, Any]) -> tuple[str, str]:
        line = dict(line)
        line["meta"] = {k: v for k, v in line["meta"].items() if k != "elapsed_s"}
        if "extraction" in line:
            line["extraction"] = dict(line["extraction"])
            line["extraction"]["meta"] = {
                k: v for k, v in line["extraction"]["meta"].items() if k != "elapsed_s"
            }
        return (line["id"], repr(sorted(line.items())))

    sync_lines = sorted(map(key, extract_many(texts, engine="rules")))
    async_lines = sorted(map(key, asyncio.run(collect())))
    assert sync_lines == async_lines


@pytest.mark.vcr
def test_llm_engine_twins_give_the_same_extraction(endpoint):
    ep = endpoint([answer(HARBOUR_ANSWER), answer(HARBOUR_ANSWER)])
    extractor = Extractor(**ep.options(mode="tools"))
    sync_result = extractor.extract(HARBOUR)
    async_result = asyncio.run(extractor.aextract(HARBOUR))
    assert sync_result.meta.requests == async_result.meta.requests == 1
    assert _comparable(sync_result) == _comparable(async_result)
    assert sync_result.quotes  # the recorded answer was grounded, not empty
