"""The command line, first form: `extractor extract FILE`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extractor.cli import app

from .articles import HARBOUR, HARBOUR_ANSWER
from .scripted_server import answer

runner = CliRunner()


def test_no_model_configured_exits_with_how_to(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--engine", "llm"])
    assert result.exit_code == 2
    assert "no model is configured" in result.stderr
    assert "EXTRACTOR_MODEL" in result.stderr


def test_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--model", "x/y"])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr and "no such file" in result.stderr


def test_empty_file_is_a_clear_error(tmp_path):
    article = tmp_path / "empty.txt"
    article.write_text("  \n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--model", "ollama/llama3.1"])
    assert result.exit_code == 1
    assert "empty" in result.stderr and "empty.txt" in result.stderr


@pytest.mark.vcr
def test_extract_prints_grounded_json(endpoint, tmp_path):
    ep = endpoint([answer(HARBOUR_ANSWER)])
    article = tmp_path / "harbour.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "extract",
            str(article),
            "--model",
            ep.model,
            "--base-url",
            ep.base_url,
            "--mode",
            "tools",
        ],
        env={"EXTRACTOR_API_KEY": ep.api_key},
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["quotes"]) == 4
    for q in data["quotes"]:
        assert HARBOUR[q["start"] : q["end"]] == q["text"]
