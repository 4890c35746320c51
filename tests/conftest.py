"""Shared fixtures: cassette settings, secret scrubbing and the model endpoint.

Cassettes live in ``cassettes/<test module>/<test name>.yaml``. By default
(record mode ``none``) tests replay them and the network is blocked. With
``pytest --record-mode=rewrite`` the tests record again: from the scripted
local server (tests/scripted_server.py) with the answers each test writes,
or, for tests marked ``live``, from a real model when one is configured:

    EXTRACTOR_RECORD_BASE_URL   an OpenAI-compatible server, or unset for OpenAI
    EXTRACTOR_RECORD_MODEL      the model name to record with (required for live)
    EXTRACTOR_RECORD_API_KEY    the key (else OPENAI_API_KEY)

Tests marked ``live_local`` run against a real model server on this machine
(llama.cpp with SmolLM2, see tests/llama_server.py), started once for the session
by the ``llama_server`` fixture and stopped at its end. They are left out of the
default run (``-m 'not live_local'`` in pyproject.toml); ``pytest -m live_local``
runs them, and ``pytest --record-mode=rewrite -m live_local`` records their
cassettes, which the default run replays.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .llama_server import LlamaServer, ServerUnavailable
from .scripted_server import Reply, ScriptedServer

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "cassettes"
ANSWERS = Path(__file__).parent / "answers"
SEED = ROOT / "seeds" / "000_97dcceb8b115a6f9.txt"
PLAYBACK_URL = "http://127.0.0.1:9/v1"  # never contacted: vcrpy answers from the cassette
TEST_KEY = "test-key-not-a-secret"
# Read before the autouse fixture below clears the developer's environment.
_LIVE_KEY = os.environ.get("EXTRACTOR_RECORD_API_KEY") or os.environ.get("OPENAI_API_KEY")

SECRET_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
)


def load_answer(name: str) -> dict[str, Any]:
    return json.loads((ANSWERS / f"{name}.json").read_text(encoding="utf-8"))


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for key in list(headers):
        if key.lower() in SECRET_HEADERS:
            del headers[key]
    if not any(k.lower() == "x-extractor-origin" for k in headers):
        origin = os.environ.get("EXTRACTOR_RECORD_BASE_URL") or "https://api.openai.com/v1"
        headers["x-extractor-origin"] = [f"live provider at {origin}, recorded by pytest"]
    return response


def _llm_body(r1: Any, r2: Any) -> None:
    """Match requests on their JSON body, except the model name (so a live re-record
    with another model still replays); raise AssertionError on a difference."""

    def body(request: Any) -> Any:
        raw = request.body or b""
        if isinstance(raw, bytes) and raw.startswith(b"--"):  # a multipart upload
            boundary = raw.split(b"\r\n", 1)[0]  # random per request: compare the parts
            return [part for part in raw.split(boundary) if part.strip(b"-\r\n")]
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return request.body
        if isinstance(data, dict):
            data.pop("model", None)
        return data

    assert body(r1) == body(r2), "request bodies differ"


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("llm_body", _llm_body)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": [(h, None) for h in SECRET_HEADERS],
        "before_record_response": _scrub_response,
        "match_on": ["method", "path", "llm_body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.rsplit(".", 1)[-1])


@dataclass
class Endpoint:
    """Where a test's model requests go, as `extract()` options."""

    base_url: str
    model: str
    api_key: str
    server: ScriptedServer | None = None

    def options(self, **more: Any) -> dict[str, Any]:
        return {"base_url": self.base_url, "model": self.model, "api_key": self.api_key, **more}


@pytest.fixture
def endpoint(request: pytest.FixtureRequest, record_mode: str) -> Iterator[Callable[..., Endpoint]]:
    """A factory: ``endpoint(replies)`` gives the endpoint for this test.

    Replaying: a placeholder URL (nothing is contacted). Recording: the scripted
    server playing ``replies``, or a live model for tests marked ``live``.
    """
    servers: list[ScriptedServer] = []

    def make(replies: list[Reply]) -> Endpoint:
        if record_mode == "none":
            return Endpoint(PLAYBACK_URL, "scripted", TEST_KEY)
        live_model = os.environ.get("EXTRACTOR_RECORD_MODEL")
        if request.node.get_closest_marker("live") and live_model:
            key = _LIVE_KEY or TEST_KEY
            base = os.environ.get("EXTRACTOR_RECORD_BASE_URL") or "https://api.openai.com/v1"
            return Endpoint(base, live_model, key)
        server = ScriptedServer(replies).__enter__()
        servers.append(server)
        return Endpoint(server.base_url, "scripted", TEST_KEY, server)

    yield make
    for server in servers:
        server.__exit__(None, None, None)


_LIVE_SERVERS: list[LlamaServer] = []


@pytest.fixture(scope="session")
def llama_server() -> Iterator[LlamaServer]:
    """The real llama.cpp server for the ``live_local`` tests: started on a free local
    port, waited for (bounded), stopped at the end of the session, failures included.
    Missing packages skip the tests, except on CI (``CI`` set), where they fail."""
    try:
        server = LlamaServer()
    except ServerUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    with server:
        _LIVE_SERVERS.append(server)
        yield server


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """After a live run: how long the server took to start and each extraction took."""
    for server in _LIVE_SERVERS:
        write = terminalreporter.write_line
        terminalreporter.section("llama.cpp server")
        write(f"model {server.model.name}; ready in {server.started_in or 0:.1f} s")
        for test, mode, seconds, requests in server.timings:
            write(f"{test}: {mode} mode, {seconds:.1f} s, {requests} request(s)")


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record transport back-off waits instead of sleeping through them."""
    waited: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr("extractor.llm.transport._sleep", waited.append)
    monkeypatch.setattr("extractor.llm.transport._async_sleep", fake_async_sleep)
    return waited


@pytest.fixture(autouse=True)
def _no_ambient_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's EXTRACTOR_* or OPENAI_* settings."""
    for name in list(os.environ):
        if name.startswith("EXTRACTOR_") and not name.startswith("EXTRACTOR_RECORD_"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
