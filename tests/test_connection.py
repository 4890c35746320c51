"""A base URL where nothing listens fails fast, for real: no cassette, no fake transport.

A port is taken from the system and let go again, so connecting to it is refused.
The transport tries twice with a short pause between; instructor does not re-run a
request on a connection error, so the failure is not multiplied by its re-asks.
"""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
from typer.testing import CliRunner

from extractor import ProviderError, extract
from extractor.api import aextract
from extractor.cli import app

from .articles import HARBOUR
from .conftest import TEST_KEY

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


@pytest.fixture(scope="module", autouse=True)
def _sdk_imported() -> None:
    """The openai SDK imports lazily, taking seconds on a cold start: the clocks below
    time the refused connection, not that."""
    import openai.resources  # noqa: F401

    from extractor.llm.requests import response_model

    response_model()


@pytest.fixture
def closed_url() -> str:
    """The base URL of a local port that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def _options(url: str) -> dict:
    # max_retries (re-asks) above 0 and the default transport retries: neither may
    # stretch a refused connection beyond its two quick tries.
    return {"base_url": url, "model": "scripted", "api_key": TEST_KEY, "max_retries": 3}


def _check(error: ProviderError, url: str, seconds: float) -> None:
    assert seconds < 5.0
    assert error.requests == 2
    assert f"nothing is listening at {url} (connection refused)" in str(error)
    assert "start the server or check the base URL" in str(error)
    assert "--base-url" not in str(error)
    assert f"nothing is listening at {url}" in error.for_cli()
    assert "check --base-url" in error.for_cli()


def test_refused_connection_fails_fast(closed_url):
    started = time.perf_counter()
    with pytest.raises(ProviderError) as caught:
        extract(HARBOUR, **_options(closed_url))
    _check(caught.value, closed_url, time.perf_counter() - started)


def test_refused_connection_fails_fast_async(closed_url):
    started = time.perf_counter()
    with pytest.raises(ProviderError) as caught:
        asyncio.run(aextract(HARBOUR, **_options(closed_url)))
    _check(caught.value, closed_url, time.perf_counter() - started)


def test_refused_connection_pauses_briefly_between_its_two_tries(closed_url, sleeps):
    with pytest.raises(ProviderError) as caught:
        extract(HARBOUR, **_options(closed_url))
    assert caught.value.requests == 2
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 0.5


def test_refused_connection_password_stays_out_of_the_message(closed_url):
    with_password = closed_url.replace("http://", "http://user:s3cret@")
    with pytest.raises(ProviderError) as caught:
        extract(HARBOUR, **_options(with_password))
    assert closed_url in str(caught.value) and "s3cret" not in str(caught.value)


def test_refused_connection_on_the_command_line_speaks_options(closed_url, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(
        app, ["extract", str(article), "--model", "scripted", "--base-url", closed_url]
    )
    assert time.perf_counter() - started < 5.0
    assert result.exit_code == 1
    assert f"nothing is listening at {closed_url}" in result.stderr
    assert "check --base-url" in result.stderr
    # instructor's own log lines ("API call failed", "Max retries exceeded") stay quiet
    assert "attempt" not in result.stderr.lower() and "max retries" not in result.stderr.lower()
