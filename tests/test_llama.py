"""The LLM path against a real model server: llama.cpp serving SmolLM2-135M-Instruct.

Each test runs twice:

- ``[live]`` (marked ``live_local``, left out of the default run): against the real
  server that the session fixture ``llama_server`` starts on this machine
  (``pytest -m live_local``). Nothing is recorded, unless the run says
  ``--record-mode=rewrite``: then these record ``cassettes/test_llama/``.
- ``[replay]`` (the default run): the same test on those recordings, offline.

The model is tiny: it answers in the right shape, mostly with empty lists. What
is tested is the tool around it: the mode fallback, the rejection error, the
request accounting, and the safety net that reports (or adds) the quotes the
model missed.
"""

from __future__ import annotations

from typing import Any

import pytest

from extractor import Extraction, Extractor, RequestRejectedError, extract
from extractor.read.article import load_article
from extractor.rules import RulesEngine

from .articles import HARBOUR
from .conftest import PLAYBACK_URL, SEED, TEST_KEY, Endpoint, _scrub_response
from .llama_server import MODEL_ALIAS, describe

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
SEED_TEXT = SEED.read_text(encoding="utf-8")
#: Bounds for a model on two CPU cores: an answer may take a minute on a busy machine, and
#: one that rambles is cut off rather than run to the end of the context.
BOUNDS = {"max_tokens": 1024, "timeout": 600.0}


@pytest.fixture(params=[pytest.param("live", marks=pytest.mark.live_local), "replay"])
def llama(request: pytest.FixtureRequest, record_mode: str) -> Endpoint:
    """The real server (``live``) or its recordings (``replay``)."""
    if request.param == "replay":
        if record_mode != "none":
            pytest.skip("replays the llama.cpp recordings; record them with -m live_local")
        return Endpoint(PLAYBACK_URL, MODEL_ALIAS, TEST_KEY)
    server = request.getfixturevalue("llama_server")
    server.ensure_running()  # an earlier test's request may have crashed it
    request.addfinalizer(server.ensure_running)
    return Endpoint(server.base_url, MODEL_ALIAS, TEST_KEY, None)


@pytest.fixture
def vcr_markers(request: pytest.FixtureRequest, record_mode: str) -> list[Any]:
    """Live tests talk to the server itself unless recording; replays use the cassette."""
    if request.node.get_closest_marker("live_local") and record_mode == "none":
        return []
    return list(request.node.iter_markers(name="vcr"))


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    """One cassette per test, shared by its live and replay runs."""
    return str(request.node.originalname)


@pytest.fixture(scope="module")
def vcr_config(vcr_config: dict[str, Any]) -> dict[str, Any]:
    def label(response: dict[str, Any]) -> dict[str, Any]:
        # vcrpy passes played-back responses through this hook too: those already say
        # where they came from, and the server packages need not be installed to replay.
        headers = response.setdefault("headers", {})
        if "x-extractor-origin" not in headers:
            headers["x-extractor-origin"] = [describe()]
        return _scrub_response(response)

    return {**vcr_config, "before_record_response": label}


def timed(request: pytest.FixtureRequest, result: Extraction) -> Extraction:
    """Note a live extraction's time for the run's summary."""
    if "llama_server" in request.fixturenames:
        server = request.getfixturevalue("llama_server")
        server.timings.append(
            (
                request.node.name,
                result.meta.mode or "?",
                result.meta.elapsed_s,
                result.meta.requests,
            )
        )
    return result


def check_safety_net(result: Extraction, text: str) -> None:
    """Every span is grounded; each direct quote the offline engine finds is either
    covered by a quote of the result or reported as missed, with its span; an empty
    answer to an article with quotation marks is said to be one."""
    assert result.check_spans(text) == []
    missed = {
        (w.span.start, w.span.end)
        for w in result.warnings
        if w.code == "model_missed_quote" and w.span
    }
    for warning in result.warnings:
        if warning.code == "model_missed_quote":
            assert (
                warning.span is not None
                and text[warning.span.start : warning.span.end] == warning.span.text
            )
    for quote in RulesEngine().extract(load_article(text)).quotes:
        if quote.kind != "direct":
            continue
        covered = any(q.start < quote.end and quote.start < q.end for q in result.quotes)
        assert covered or (quote.start, quote.end) in missed, quote.text
    model_quotes = [q for q in result.quotes if q.source_engine is None]
    if not model_quotes:
        assert "model_found_no_quotes" in [w.code for w in result.warnings]


def seed_in(llama: Endpoint, mode: str, request: pytest.FixtureRequest) -> Extraction:
    """The seed at temperature 0 in ``mode``, which this server takes."""
    result = timed(request, extract(SEED, **llama.options(mode=mode, temperature=0.0, **BOUNDS)))
    assert result.meta.engine == "llm"
    assert result.meta.requests == result.meta.attempts >= 1  # nothing rejected, no probe
    assert result.meta.usage.input_tokens > 0
    assert "mode_fallback" not in [w.code for w in result.warnings]
    check_safety_net(result, SEED_TEXT)
    return result


@pytest.mark.vcr
def test_seed_json_mode(llama, request):
    assert seed_in(llama, "json", request).meta.mode == "json_mode"


@pytest.mark.vcr
def test_seed_tools_mode(llama, request):
    assert seed_in(llama, "tools", request).meta.mode == "tool_call"


@pytest.mark.vcr
def test_json_schema_is_rejected_so_the_run_falls_back_once(llama, request):
    """No mode: a bare model at a base URL is asked for json_schema output, which this
    server refuses (HTTP 500 naming response_format). The engine asks again in tools
    mode, says so, and keeps tools for the next article: one probe per run."""
    extractor = Extractor(**llama.options(**BOUNDS))
    first = timed(request, extractor.extract(SEED))
    second = timed(request, extractor.extract(HARBOUR))
    for result in (first, second):
        assert result.meta.mode == "tool_call"
        fallback = [w for w in result.warnings if w.code == "mode_fallback"]
        assert len(fallback) == 1
        assert "json_schema" in fallback[0].message and "response_format" in fallback[0].message
    assert first.meta.requests == first.meta.attempts + 1  # the rejected probe, not retried
    assert second.meta.requests == second.meta.attempts  # no probe for the second article
    check_safety_net(first, SEED_TEXT)
    check_safety_net(second, HARBOUR)


@pytest.mark.vcr
def test_a_pinned_mode_the_server_rejects_is_a_clear_error(llama):
    with pytest.raises(RequestRejectedError) as caught:
        extract(SEED, **llama.options(mode="json_schema", **BOUNDS))
    error = caught.value
    assert error.requests == 1 and error.status_code == 500 and error.mode == "json_schema"
    assert "response_format" in str(error) and "not retried" in str(error)
    assert "mode='json'" in str(error) and "--mode json" in error.for_cli()
    assert "try again later" not in str(error)


@pytest.mark.vcr
def test_fill_missed_adds_the_offline_engines_quotes(llama, request):
    result = timed(
        request, extract(SEED, **llama.options(mode="tools", fill_missed=True, **BOUNDS))
    )
    check_safety_net(result, SEED_TEXT)
    added = [q for q in result.quotes if q.source_engine == "rules"]
    missed = [w for w in result.warnings if w.code == "model_missed_quote"]
    assert len(added) == len(missed) > 0
    assert all("added from the offline engine" in w.message for w in missed)
    rules = RulesEngine().extract(load_article(SEED_TEXT))
    for quote in added:
        twin = next(q for q in rules.quotes if (q.start, q.end) == (quote.start, quote.end))
        if twin.speaker is not None:  # the offline engine's speaker, as an actor of the result
            assert result.actor(quote.speaker) is not None
