"""``extractor run --workers N``: the cross-check in worker processes, the same lines;
and the results writer's grouped syncs (every line readable as soon as written)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.batch.results import ResultWriter
from extractor.cli import app

from .articles import HARBOUR, HARBOUR_ANSWER
from .scripted_server import answer

runner = CliRunner()


def _lines(path: Path) -> list[dict[str, Any]]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        record["meta"].pop("elapsed_s", None)
        record["extraction"]["meta"].pop("elapsed_s", None)
        lines.append(record)
    return lines


@pytest.mark.vcr
def test_workers_check_answers_in_another_process_with_the_same_lines(
    endpoint: Any, tmp_path: Path
) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    missing_one = copy.deepcopy(HARBOUR_ANSWER)
    missing_one["quotes"] = missing_one["quotes"][:1]  # the model misses the second quote
    ep = endpoint([answer(missing_one), answer(missing_one)])
    in_line, in_worker = _run_in_line_and_in_a_worker(article, ep, tmp_path)
    assert in_worker == in_line
    codes = [w["code"] for w in in_worker[0]["extraction"]["warnings"]]
    assert "model_missed_quote" in codes  # the cross-check ran (in the worker)


@pytest.mark.vcr
def test_workers_find_the_offline_quotes_of_a_full_answer_with_the_same_lines(
    endpoint: Any, tmp_path: Path
) -> None:
    """An answer with every direct quote: the worker only finds the offline engine's
    quotes (while the model is asked), and the line is the in-line one."""
    article = tmp_path / "harbour.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    ep = endpoint([answer(HARBOUR_ANSWER), answer(HARBOUR_ANSWER)])
    in_line, in_worker = _run_in_line_and_in_a_worker(article, ep, tmp_path)
    assert in_worker == in_line
    codes = [w["code"] for w in in_worker[0]["extraction"]["warnings"]]
    assert "model_missed_quote" not in codes and in_worker[0]["extraction"]["quotes"]


def test_each_line_is_in_the_file_when_written_before_any_sync(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    writer = ResultWriter(out, sync_every_s=3600)  # no sync until close
    try:
        for n in range(3):
            writer.write({"id": f"x{n}", "status": "error", "meta": {}})
            assert out.read_bytes().count(b"\n") == n + 1  # a SIGKILL now keeps it
    finally:
        writer.close()


def _run_in_line_and_in_a_worker(article: Path, ep: Any, tmp_path: Path) -> tuple[list, list]:
    """The results lines of ``extractor run`` on ``article`` without and with a worker."""
    outs = {}
    for workers in ("0", "1"):
        outs[workers] = out = tmp_path / f"workers-{workers}.jsonl"
        result = runner.invoke(
            app,
            [
                "run", str(article), "-o", str(out), "--no-cache", "--workers", workers,
                "--base-url", ep.base_url, "--model", ep.model, "--api-key", ep.api_key,
                "--mode", "tools",
            ],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    return _lines(outs["0"]), _lines(outs["1"])
