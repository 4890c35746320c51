"""Structured-output modes a server refuses, and which errors are worth retrying.

On recorded responses from the scripted server (cassettes/test_fallback/): a
server that refuses json_schema output the way llama.cpp's does (HTTP 500 naming
``response_format``), one that refuses with 400/422, one that refuses every mode,
and the error classes: a request refused as invalid is never retried and its
message says what to change; "try again later" is said only of faults that pass.
The real server's own refusal is in tests/test_llama.py.
"""

from __future__ import annotations

import asyncio

import pytest

from extractor import Extractor, ProviderError, RequestRejectedError, extract
from extractor.llm.capabilities import is_mode_rejection, is_rejection, server_message

from .articles import HARBOUR, HARBOUR_ANSWER
from .conftest import TEST_KEY
from .scripted_server import (
    LLAMA_CPP_JSON_SCHEMA_REFUSAL,
    ScriptedServer,
    answer,
    error,
    refuses_json_schema,
)

GOOD = answer(HARBOUR_ANSWER)


def _asked_in(request: dict) -> str:
    """The mode a recorded request asked in, from its body."""
    if request.get("tools"):
        return "tools"
    kind = (request.get("response_format") or {}).get("type")
    return {"json_schema": "json_schema", "json_object": "json"}.get(kind, "md_json")


def _codes(result) -> list[str]:
    return [w.code for w in result.warnings]


@pytest.mark.vcr
def test_json_schema_refused_with_a_500_falls_back_to_tools(endpoint, sleeps):
    ep = endpoint([refuses_json_schema(), GOOD])
    result = extract(HARBOUR, **ep.options())  # no mode: a bare model gets json_schema
    assert len(result.quotes) == 4
    assert result.meta.mode == "tool_call"
    assert result.meta.requests == 2 and result.meta.attempts == 1
    assert sleeps == []  # the refusal was not retried
    fallback = next(w for w in result.warnings if w.code == "mode_fallback")
    assert "json_schema (HTTP 500: response_format.type: Input should be" in fallback.message
    assert "tools mode instead" in fallback.message
    if ep.server:
        assert [_asked_in(r) for r in ep.server.requests] == ["json_schema", "tools"]


@pytest.mark.vcr
def test_the_working_mode_is_kept_for_the_rest_of_the_run(endpoint, sleeps):
    ep = endpoint([refuses_json_schema(), GOOD, GOOD])
    extractor = Extractor(**ep.options())
    first = extractor.extract(HARBOUR)
    second = extractor.extract(HARBOUR + "\nThe vote was unanimous.\n")
    assert first.meta.requests == 2 and second.meta.requests == 1  # one probe per run
    assert first.meta.mode == second.meta.mode == "tool_call"
    assert "mode_fallback" in _codes(second)  # every result read in another mode says so
    if ep.server:
        assert [_asked_in(r) for r in ep.server.requests] == ["json_schema", "tools", "tools"]


@pytest.mark.vcr
def test_each_refused_mode_is_tried_once_along_the_chain(endpoint, sleeps):
    ep = endpoint(
        [
            error(400, "response_format json_schema is not supported"),
            error(422, "tools are not supported by this model"),
            GOOD,
        ]
    )
    result = extract(HARBOUR, **ep.options())
    assert result.meta.mode == "json_mode"
    assert result.meta.requests == 3 and sleeps == []
    fallback = next(w for w in result.warnings if w.code == "mode_fallback")
    assert "json_schema (HTTP 400" in fallback.message and "tools (HTTP 422" in fallback.message
    if ep.server:
        assert [_asked_in(r) for r in ep.server.requests] == ["json_schema", "tools", "json"]


@pytest.mark.vcr
def test_a_server_that_refuses_every_mode_is_an_error_naming_each(endpoint, sleeps):
    ep = endpoint([error(400, "structured output is not supported")] * 4)
    with pytest.raises(RequestRejectedError) as caught:
        extract(HARBOUR, **ep.options())
    message = str(caught.value)
    assert "rejected every structured-output mode" in message
    for mode in ("json_schema (HTTP 400", "tools (HTTP 400", "json (HTTP 400", "md_json (HTTP"):
        assert mode in message
    assert caught.value.requests == 4 and sleeps == []
    assert "try again later" not in message


@pytest.mark.vcr
def test_a_pinned_mode_that_is_refused_is_a_clear_error_at_once(endpoint, sleeps):
    ep = endpoint([refuses_json_schema()])
    with pytest.raises(RequestRejectedError) as caught:
        extract(HARBOUR, **ep.options(mode="json_schema"))
    error_ = caught.value
    assert error_.requests == 1 and error_.status_code == 500 and sleeps == []
    assert error_.code == "request_rejected" and error_.mode == "json_schema"
    python, cli = str(error_), error_.for_cli()
    assert "does not accept json_schema output" in python
    assert "response_format.type: Input should be 'text' or 'json_object'" in python
    assert "not retried" in python and "try again later" not in python
    assert "mode='json' (EXTRACTOR_MODE=json)" in python and "--mode" not in python
    assert "--mode json" in cli and "leave --mode out" in cli and "mode='json'" not in cli


@pytest.mark.vcr
def test_pinned_tools_refused_with_a_400_suggests_json(endpoint, sleeps):
    ep = endpoint([error(400, "this model does not support tools")])
    with pytest.raises(RequestRejectedError) as caught:
        extract(HARBOUR, **ep.options(mode="tools"))
    assert caught.value.requests == 1
    assert "does not accept tools output" in str(caught.value)
    assert "--mode json" in caught.value.for_cli()


@pytest.mark.vcr
def test_a_prompt_too_long_for_the_context_is_no_reason_to_change_mode(endpoint, sleeps):
    ep = endpoint([error(400, "Requested tokens (9100) exceed context window of 8192")])
    with pytest.raises(RequestRejectedError) as caught:
        extract(HARBOUR, **ep.options())
    assert caught.value.requests == 1  # no other mode tried: it would not fit either
    assert "exceed context window" in str(caught.value)
    assert "--chunk-chars" in caught.value.for_cli() and "chunk_chars=" in str(caught.value)


@pytest.mark.vcr
def test_a_500_that_rejects_a_field_of_the_request_is_not_retried(endpoint, sleeps):
    report = (
        "1 validation error:\n  {'type': 'float_parsing', 'loc': ('body', 'temperature'), "
        "'msg': 'Input should be a valid number', 'input': 'hot'}"
    )
    ep = endpoint([error(500, report)])
    with pytest.raises(RequestRejectedError) as caught:
        extract(HARBOUR, **ep.options(mode="tools"))
    assert caught.value.requests == 1 and sleeps == []
    assert "temperature: Input should be a valid number" in str(caught.value)
    assert "try again later" not in str(caught.value)


@pytest.mark.vcr
def test_a_500_that_persists_points_at_the_servers_log(endpoint, sleeps):
    ep = endpoint([error(500, "CUDA out of memory")] * 3)
    with pytest.raises(ProviderError) as caught:
        extract(HARBOUR, **ep.options(mode="tools", transport_retries=2))
    assert not isinstance(caught.value, RequestRejectedError)
    assert caught.value.requests == 3 and len(sleeps) == 2  # retried: it might have passed
    assert "CUDA out of memory" in str(caught.value) and "check its log" in str(caught.value)
    assert "try again later" not in str(caught.value)


@pytest.mark.vcr
def test_a_503_that_persists_says_try_again_later(endpoint, sleeps):
    ep = endpoint([error(503, "loading model")] * 3)
    with pytest.raises(ProviderError) as caught:
        extract(HARBOUR, **ep.options(mode="tools", transport_retries=2))
    assert caught.value.requests == 3
    assert "try again later" in str(caught.value)


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_concurrent_articles_send_one_probe(sleeps):
    """Live against the scripted server (concurrent requests arrive in no fixed order,
    so no cassette): while no mode is known to work, one article probes and the rest
    wait, then all go in the mode that worked."""
    texts = [f"{HARBOUR}\nUpdate {n}.\n" for n in range(4)]

    async def run_all(extractor: Extractor) -> list:
        return await asyncio.gather(*(extractor.aextract(t) for t in texts))

    with ScriptedServer([refuses_json_schema()] + [GOOD] * 4) as server:
        extractor = Extractor(base_url=server.base_url, model="scripted", api_key=TEST_KEY)
        results = asyncio.run(run_all(extractor))
    asked = [_asked_in(r) for r in server.requests]
    assert asked == ["json_schema"] + ["tools"] * 4
    assert sorted(r.meta.requests for r in results) == [1, 1, 1, 2]
    assert all(r.meta.mode == "tool_call" and len(r.quotes) == 4 for r in results)


@pytest.mark.parametrize(
    ("status", "body", "rejected", "mode"),
    [
        (500, LLAMA_CPP_JSON_SCHEMA_REFUSAL, True, True),
        (500, '{"error": {"message": "tool_choice is not supported"}}', True, True),
        (500, '{"error": {"message": "internal error"}}', False, False),
        (500, "1 validation error: {'loc': ('body', 'temperature'), 'msg': 'bad'}", True, False),
        (400, "anything at all", True, True),
        (422, '{"detail": [{"msg": "field required"}]}', True, True),
        (400, "This model's maximum context length is 8192 tokens", True, False),
        (503, "response_format is busy", False, False),
    ],
)
def test_what_counts_as_a_rejection(status, body, rejected, mode):
    assert is_rejection(status, body) is rejected
    assert is_mode_rejection(status, body) is mode


def test_the_servers_words_are_short_clean_and_keyless():
    assert server_message(LLAMA_CPP_JSON_SCHEMA_REFUSAL) == (
        "response_format.type: Input should be 'text' or 'json_object'"
    )
    assert server_message('{"detail": [{"msg": "field required"}]}') == "field required"
    said = server_message('{"error": {"message": "Incorrect API key: sk-proj-abcdef123456"}}')
    assert "abcdef123456" not in said and "[redacted]" in said
    assert len(server_message("x" * 1000)) == 240
