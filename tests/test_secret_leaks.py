"""No API key, bearer token or URL password in error messages, logs or outputs."""

from __future__ import annotations

import json
import logging

import pytest
from typer.testing import CliRunner

from extractor import ProviderError, extract
from extractor.cli import app

from .articles import HARBOUR, HARBOUR_ANSWER
from .scripted_server import ScriptedServer, answer, error

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
KEY = "sk-test-0123456789abcdefSECRETKEY"


def test_provider_errors_and_logs_carry_no_key(caplog, sleeps):
    caplog.set_level(logging.DEBUG)
    with ScriptedServer([error(401, "bad key")]) as server:
        url = server.base_url.replace("http://", "http://user:hunter2@")
        with pytest.raises(ProviderError) as caught:
            extract(HARBOUR, base_url=url, model="m", api_key=KEY, mode="tools")
    message = str(caught.value)
    assert "HTTP 401" in message and "check the API key" in message
    assert KEY not in message and "hunter2" not in message
    assert KEY not in caplog.text and "hunter2" not in caplog.text


def test_batch_output_and_stderr_carry_no_key(tmp_path, sleeps):
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(HARBOUR + "\nMore.", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    with ScriptedServer([answer(HARBOUR_ANSWER), error(401, "bad key")]) as server:
        result = CliRunner().invoke(
            app,
            [
                "run",
                str(tmp_path),
                "-o",
                str(out),
                "--model",
                "m",
                "--base-url",
                server.base_url,
                "--mode",
                "tools",
                "--no-cache",
                "--concurrency",
                "1",
            ],
            env={"EXTRACTOR_API_KEY": KEY},
        )
    assert result.exit_code == 1
    written = out.read_text(encoding="utf-8")
    assert len(written.splitlines()) == 2
    assert KEY not in written and KEY not in result.stdout and KEY not in result.stderr
    statuses = sorted(json.loads(x)["status"] for x in written.splitlines())
    assert statuses == ["error", "ok"]
