"""Provider faults, live against the local fault-injecting server (no cassettes: a timeout
or a reset connection cannot be recorded). Each case ends in success after bounded
retries or in a typed error, and the requests are counted."""

from __future__ import annotations

import copy

import pytest

from extractor import ExtractorError, ModelOutputError, ProviderError, extract

from .articles import HARBOUR, HARBOUR_ANSWER
from .conftest import TEST_KEY
from .scripted_server import ScriptedServer, answer, error, fault, raw

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
GOOD = answer(HARBOUR_ANSWER)


def run(replies, **options):
    """Extract HARBOUR from a server playing ``replies``; the result or the error, and
    how many requests reached the server."""
    settings = {"mode": "tools", "transport_retries": 2, "max_retries": 1, "timeout": 5.0}
    settings.update(options)
    with ScriptedServer(replies) as server:
        try:
            outcome = extract(
                HARBOUR, base_url=server.base_url, model="scripted", api_key=TEST_KEY, **settings
            )
        except ExtractorError as exc:
            outcome = exc
        return outcome, len(server.requests)


def test_429_without_retry_after_backs_off_then_succeeds(sleeps):
    result, requests = run([error(429, "slow down"), GOOD])
    assert len(result.quotes) == 4 and requests == 2 == result.meta.requests
    assert sleeps == pytest.approx([1.0], abs=0.05)  # the first back-off, for all workers


def test_503_with_retry_after_then_success(sleeps):
    result, requests = run([error(503, "busy", retry_after="3"), GOOD])
    assert len(result.quotes) == 4 and requests == 2
    assert sleeps == pytest.approx([3.0], abs=0.05)


def test_503_that_persists_is_a_provider_error_after_capped_retries(sleeps):
    result, requests = run([error(503, "down")] * 5)
    assert isinstance(result, ProviderError) and result.status_code == 503
    assert requests == 3  # the first request and 2 retries, no more


def test_timeouts_are_retried_then_reported(sleeps):
    result, requests = run([fault("hang", 1.5)] * 3, timeout=0.3, transport_retries=1)
    assert isinstance(result, ProviderError) and "timed out" in str(result)
    assert requests == 2
    # The advice names the setting as the caller gives it: in Python, or on the command line.
    assert "raise timeout= (EXTRACTOR_TIMEOUT)" in str(result) and "--timeout" not in str(result)
    assert "raise --timeout (EXTRACTOR_TIMEOUT)" in result.for_cli()
    assert "timeout=" not in result.for_cli()


def test_connection_reset_then_success(sleeps):
    result, requests = run([fault("reset"), GOOD])
    assert len(result.quotes) == 4 and requests == 2


def test_truncated_body_then_success(sleeps):
    result, requests = run([fault("truncate"), GOOD])
    assert len(result.quotes) == 4 and requests == 2


def test_a_body_that_is_not_json_is_a_provider_error(sleeps):
    result, requests = run([fault("not_json")] * 4)
    assert isinstance(result, ProviderError) and "not a JSON completion" in str(result)
    assert requests == 2  # the SDK's parse error counts as a re-ask: capped at max_retries


def test_schema_invalid_answer_is_reasked_then_succeeds(sleeps):
    broken = copy.deepcopy(HARBOUR_ANSWER)
    broken["quotes"] = "four quotes"
    result, requests = run([answer(broken), GOOD])
    assert len(result.quotes) == 4 and result.meta.attempts == 2 and requests == 2


def test_schema_invalid_answers_stop_at_the_reask_cap(sleeps):
    broken = copy.deepcopy(HARBOUR_ANSWER)
    broken["actors"] = [{"id": "a1"}]
    result, requests = run([answer(broken)] * 6, max_retries=2)
    assert isinstance(result, ModelOutputError) and result.attempts == 3
    assert requests == 3 == result.requests


def test_malformed_json_that_persists_stops_at_the_cap(sleeps):
    result, requests = run([raw("{not json")] * 6, max_retries=1)
    assert isinstance(result, ModelOutputError) and requests == 2 == result.requests


def test_answer_cut_off_at_max_tokens_is_a_typed_error(sleeps):
    result, requests = run([answer(HARBOUR_ANSWER, finish_reason="length")])
    assert isinstance(result, ModelOutputError) and "cut off" in str(result)
    assert requests == 1 == result.requests


def test_model_output_error_counts_transport_retries_too(sleeps):
    result, requests = run([error(503, "busy"), answer(HARBOUR_ANSWER, finish_reason="length")])
    assert isinstance(result, ModelOutputError) and result.attempts == 1
    assert requests == 2 == result.requests
