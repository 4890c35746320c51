"""The command line, first form: `extractor extract FILE`."""

from __future__ import annotations

import io
import json
from pathlib import Path

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


# -- what a new user trips on (issue 8) ---------------------------------------------------

PAGE = (
    "<html><head><title>Port chief speaks</title></head><body>"
    "<nav>Home | World | Sports | Opinion | Weather | Puzzles</nav><article>"
    "<h1>Port chief speaks</h1>"
    "<p>“New cranes arrive in June,” said Ana Lima, the port's chief, on Monday.</p>"
    "<p>She added that the harbour would hire forty workers before the summer.</p>"
    "</article><footer>© 2026 The Daily Example · Contact · Privacy</footer></body></html>"
)


def test_extract_reads_an_html_page_as_run_does(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "--engine", "rules", "--with-text"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    text = data["text"]
    assert "<p>" not in text and "Puzzles" not in text  # the main text, not the markup
    assert [q["text"] for q in data["quotes"] if q["kind"] == "direct"] == [
        "“New cranes arrive in June,”"
    ]
    for q in data["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
    assert "html_main_text" in [w["code"] for w in data["warnings"]]
    assert "warning (html_main_text)" in result.stderr


def test_eval_of_a_missing_folder_says_it_does_not_exist(tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr
    assert "holds no gold" not in result.stderr


def test_eval_table_fits_80_columns():
    root = Path(__file__).resolve().parent.parent
    result = runner.invoke(app, ["eval", str(root / "seeds"), "--engine", "rules"])
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout  # nothing cut
    assert "tp/pred/gold" in result.stdout and "e2e F1" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_no_offline_note_before_a_missing_file_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr
    assert "no model configured" not in result.stderr


def test_offline_note_is_said_once_on_stderr_when_it_applies(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("no model configured") == 1


def test_rerun_with_nothing_left_shows_no_empty_progress_bar(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(HARBOUR, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    args = ["run", str(tmp_path / "in"), "-o", str(out), "--engine", "rules"]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.stderr
    assert "0/?" not in again.stderr and "extracting" not in again.stderr
    assert "skipped (done before)" in again.stderr


def test_version():
    from extractor import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"extractor {__version__}"


def test_settings_that_were_environment_only_have_options(tmp_path, monkeypatch):
    seen: dict[str, object] = {}

    class Recorder:
        def __init__(self, **options: object) -> None:
            seen.update(options)
            raise SystemExit(0)

    monkeypatch.setattr("extractor.cli.extract.Extractor", Recorder)
    article = tmp_path / "a.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "extract",
            str(article),
            "--model",
            "m",
            "--api-key",
            "k",
            "--timeout",
            "7.5",
            "--max-tokens",
            "900",
            "--chunk-chars",
            "20000",
            "--transport-retries",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert seen == {
        "model": "m",
        "api_key": "k",
        "timeout": 7.5,
        "max_tokens": 900,
        "chunk_chars": 20000,
        "transport_retries": 1,
    }


def test_no_model_message_speaks_cli():
    result = runner.invoke(app, ["extract", str(Path(__file__)), "--engine", "llm"])
    assert result.exit_code == 2
    assert "--model" in result.stderr and "model=" not in result.stderr


def test_failed_run_summary_says_unknown_where_unknown():
    from rich.console import Console

    from extractor.batch.progress import RunProgress, summary_table

    class Model:
        label = "openai/gpt-4o-mini"

    progress = RunProgress(Console(file=io.StringIO()), 2, Model())
    progress.add(
        {
            "status": "ok",
            "meta": {"requests": 1, "usage": {"input_tokens": 1000, "output_tokens": 100}},
        }
    )
    progress.add({"status": "error", "meta": {"engine": "llm", "elapsed_s": 3.0}})
    console = Console(file=io.StringIO(), width=120)
    console.print(summary_table(progress))
    shown = console.file.getvalue()
    assert "≥ 1 (unknown for 1 failed)" in shown
    assert "≥ $0.0002 (unknown for 1 failed)" in shown
