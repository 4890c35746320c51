"""`extract()` through a model, on recorded HTTP responses (cassettes/test_llm/)."""

from __future__ import annotations

import asyncio
import copy
import json

import pytest

from extractor import ConfigurationError, Extraction, ModelOutputError, ProviderError, extract
from extractor.api import aextract

from .articles import HARBOUR, HARBOUR_ANSWER
from .conftest import SEED, load_answer
from .scripted_server import answer, error, raw

SEED_TEXT = SEED.read_text(encoding="utf-8")

# From ../shared/seeds/EXPECTED.md: the 7 quoted spans (their opening words) and speakers.
SEED_QUOTED = [
    ('"Huge international efforts', "Saad al-Allaq", "direct"),
    ("“Some of [ISIS’s] important leadership", "Saad al-Allaq", "direct"),
    ('"They have secretly crossed', "Saad al-Allaq", "direct"),
    ("“among the best bomb makers", "Saad al-Allaq", "partial"),
    ("“huge”", "Saad al-Allaq", "partial"),
    ("“ticking time bomb.”", "United States", "partial"),
    ("“our mission was, is and remains", "Mark Esper", "direct"),
]
HOVER_JUNK = ("Barr", "Powell", "Israel", "UAE", "Bahrain", "heat ray", "fighter jet", "MORE")


def assert_grounded(result: Extraction, text: str) -> None:
    assert result.check_spans(text) == []
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text


def speaker_name(result: Extraction, quote_id: str) -> str | None:
    quote = next(q for q in result.quotes if q.id == quote_id)
    actor = result.actor(quote.speaker)
    return actor.name if actor else None


def check_seed(result: Extraction) -> None:
    assert_grounded(result, SEED_TEXT)
    for opening, speaker, kind in SEED_QUOTED:
        found = [q for q in result.quotes if q.text.startswith(opening)]
        assert len(found) == 1, f"quote {opening!r} found {len(found)} times"
        assert found[0].kind == kind
        assert speaker_name(result, found[0].id) == speaker, opening
    he_added = next(q for q in result.quotes if q.text.startswith('"They have secretly'))
    assert he_added.speaker_mention is not None and he_added.speaker_mention.text == "he"
    for actor in result.actors:
        for junk in HOVER_JUNK:
            assert junk not in actor.name and all(junk not in a for a in actor.aliases)
    hover_start = SEED_TEXT.index("TrumpBarr") + len("Trump")
    hover_end = SEED_TEXT.index("MORE", hover_start) + 4
    for span in result.spans():
        assert not (hover_start <= span.start < hover_end), span


@pytest.mark.vcr
@pytest.mark.live
def test_seed_end_to_end_tool_calls(endpoint):
    ep = endpoint([answer(load_answer("seed"))])
    result = extract(SEED, **ep.options(mode="tools"))
    check_seed(result)
    assert result.meta.engine == "llm"
    assert result.meta.mode == "tool_call"
    assert result.meta.attempts == 1 and result.meta.requests == 1
    assert result.meta.usage.input_tokens > 0 and result.meta.usage.output_tokens > 0
    # The scripted answer straightens a mark and a no-break space: the article's text wins.
    q3 = next(q for q in result.quotes if q.text.startswith('"They have secretly'))
    assert "\u00a0—" in q3.text


@pytest.mark.vcr
def test_seed_json_schema_mode(endpoint):
    ep = endpoint([answer(load_answer("seed"))])
    result = extract(SEED, **ep.options(mode="json_schema"))
    check_seed(result)
    assert result.meta.mode == "json_schema_mode"


@pytest.mark.vcr
def test_async_extract(endpoint):
    ep = endpoint([answer(HARBOUR_ANSWER)])
    result = asyncio.run(aextract(HARBOUR, **ep.options(mode="tools")))
    assert_grounded(result, HARBOUR)
    assert [speaker_name(result, q.id) for q in result.quotes] == [
        "Maria Okafor",
        "Maria Okafor",
        "Harbour Watch",
        "Tom Reyes",
    ]


def _with_quote(text: str, *, speaker: str = "a2") -> dict:
    reading = copy.deepcopy(HARBOUR_ANSWER)
    reading["quotes"][0] = {
        "text": text,
        "kind": "direct",
        "speaker": speaker,
        "speaker_mention": "Maria Okafor",
        "cue": "said",
    }
    return reading


@pytest.mark.vcr
def test_reask_fixes_paraphrased_quote(endpoint):
    paraphrased = _with_quote("“This is the largest port investment since 1998,”")
    ep = endpoint([answer(paraphrased), answer(HARBOUR_ANSWER)])
    result = extract(HARBOUR, **ep.options(mode="tools"))
    assert_grounded(result, HARBOUR)
    assert result.quotes[0].text == "“This is the biggest investment in the port since 1998,”"
    assert result.meta.attempts == 2 and result.meta.requests == 2
    assert result.warnings == []
    # Usage is summed over both answers (each scripted answer reports its own usage).
    assert result.meta.usage.output_tokens >= 2 * (len(json.dumps(HARBOUR_ANSWER)) // 4) - 20
    if ep.server:  # recording: the re-ask told the model exactly what was wrong
        reask = json.dumps(ep.server.requests[1]["messages"], ensure_ascii=False)
        assert "does not occur in the article" in reask
        assert "largest port investment" in reask


@pytest.mark.vcr
def test_quote_still_ungrounded_is_dropped_with_warning(endpoint):
    invented = _with_quote("“We never wanted this expansion,”")
    ep = endpoint([answer(invented), answer(invented)])
    result = extract(HARBOUR, **ep.options(mode="tools", max_retries=1))
    assert_grounded(result, HARBOUR)
    assert all("never wanted" not in q.text for q in result.quotes)
    assert len(result.quotes) == 3
    assert [w.code for w in result.warnings] == ["quote_ungrounded", "model_missed_quote"]
    assert "dropped" in result.warnings[0].message
    assert result.meta.attempts == 2
    # The offline engine finds the real quote the model never gave: the safety net says so.
    missed = result.warnings[1].span
    assert missed and missed.text == "“This is the biggest investment in the port since 1998,”"


@pytest.mark.vcr
def test_unknown_speaker_id_is_reasked_then_fixed(endpoint):
    wrong = _with_quote("“This is the biggest investment in the port since 1998,”", speaker="a9")
    ep = endpoint([answer(wrong), answer(HARBOUR_ANSWER)])
    result = extract(HARBOUR, **ep.options(mode="tools"))
    assert speaker_name(result, "q1") == "Maria Okafor"
    assert result.meta.attempts == 2
    if ep.server:
        reask = json.dumps(ep.server.requests[1]["messages"], ensure_ascii=False)
        assert "'a9' is not the id of any actor" in reask


@pytest.mark.vcr
def test_unknown_speaker_id_that_persists_leaves_quote_unattributed(endpoint):
    wrong = _with_quote("“This is the biggest investment in the port since 1998,”", speaker="a9")
    ep = endpoint([answer(wrong)])
    result = extract(HARBOUR, **ep.options(mode="tools", max_retries=0))
    assert result.quotes[0].speaker is None
    assert [w.code for w in result.warnings] == ["speaker_unknown"]


@pytest.mark.vcr
def test_rate_limit_honours_retry_after_then_succeeds(endpoint, sleeps):
    ep = endpoint([error(429, "slow down", retry_after="2"), answer(HARBOUR_ANSWER)])
    result = extract(HARBOUR, **ep.options(mode="tools"))
    assert len(result.quotes) == 4
    assert sleeps == pytest.approx([2.0], abs=0.05)
    assert result.meta.requests == 2 and result.meta.attempts == 1


@pytest.mark.vcr
def test_server_error_that_persists_becomes_provider_error(endpoint, sleeps):
    ep = endpoint([error(500, "internal error")] * 3)
    with pytest.raises(ProviderError) as caught:
        extract(HARBOUR, **ep.options(mode="tools", transport_retries=2))
    assert caught.value.status_code == 500
    assert caught.value.requests == 3
    assert len(sleeps) == 2
    assert "HTTP 500" in str(caught.value)


@pytest.mark.vcr
def test_malformed_json_is_reasked(endpoint):
    ep = endpoint([raw('{"actors": [{"id": "a1", "name": '), answer(HARBOUR_ANSWER)])
    result = extract(HARBOUR, **ep.options(mode="tools"))
    assert len(result.quotes) == 4
    assert result.meta.attempts == 2


@pytest.mark.vcr
def test_malformed_json_that_persists_becomes_model_output_error(endpoint):
    ep = endpoint([raw("not json at all")] * 2)
    with pytest.raises(ModelOutputError) as caught:
        extract(HARBOUR, **ep.options(mode="tools", max_retries=1))
    assert caught.value.attempts == 2
    assert caught.value.requests == 2


@pytest.mark.vcr
def test_article_with_template_syntax_reaches_the_model_verbatim(endpoint):
    text = HARBOUR + "\nA reader wrote in: {{ grounding }} {% if x %}{% endraw %} {#.\n"
    ep = endpoint([answer(HARBOUR_ANSWER)])
    result = extract(text, **ep.options(mode="tools"))
    assert len(result.quotes) == 4
    if ep.server:  # recording: the prompt holds the braces as written
        sent = ep.server.requests[0]["messages"][-1]["content"]
        assert "{{ grounding }} {% if x %}{% endraw %} {#." in sent
    # Replaying: the cassette matches on the request body, so the same holds.


def test_missing_openai_key_speaks_python_and_the_command_line():
    with pytest.raises(ConfigurationError) as caught:
        extract(HARBOUR, model="openai/gpt-4o-mini")
    python, cli = str(caught.value), caught.value.for_cli()
    assert "needs an API key" in python and "needs an API key" in cli
    assert "api_key=" in python and "base_url=" in python and "--" not in python
    assert "--api-key" in cli and "--base-url" in cli
    assert "api_key=" not in cli and "base_url=" not in cli
    assert "OPENAI_API_KEY" in cli and "EXTRACTOR_API_KEY" in cli
