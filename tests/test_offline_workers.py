"""``extractor run --workers N`` with the offline engine: N forked processes extract,
the parent reads the inputs and writes the one results file. The same lines as one
process, every input exactly once across a killed run and its rerun, no process left
behind, and ``--loops`` (request loops, for a model) refused with a pointer to it.
And the Python API's ``extract_many``/``aextract_many(workers=N)``."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.batch import aextract_many, extract_many, loop_child
from extractor.cli import app
from extractor.errors import ConfigurationError

from .articles import HARBOUR, harbour_folder
from .lines import lines_by_id
from .processes import alive, children

runner = CliRunner()


def test_offline_workers_write_the_lines_one_process_writes(tmp_path: Path) -> None:
    folder, count = harbour_folder(tmp_path, 7), 7
    outs = {}
    for workers in ("0", "2"):
        outs[workers] = out = tmp_path / f"workers-{workers}.jsonl"
        result = runner.invoke(app, ["run", str(folder), "-o", str(out), "--workers", workers])
        assert result.exit_code == 1, result.output  # the two bad inputs
        assert "run summary" in result.output
    one, two = lines_by_id(outs["0"]), lines_by_id(outs["2"])
    assert two == one
    assert sum(r["status"] == "ok" for r in two.values()) == count
    assert len(two) == count + 2
    assert all(r["extraction"]["quotes"] for r in two.values() if r["status"] == "ok")


def test_loops_without_a_model_point_to_workers(tmp_path: Path) -> None:
    folder = harbour_folder(tmp_path, 1)
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["run", str(folder), "-o", str(out), "--loops", "2"])
    assert result.exit_code == 2, result.output
    assert "--workers" in result.output
    assert not out.exists()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_a_killed_run_with_offline_workers_leaves_no_worker_and_a_rerun_finishes(
    tmp_path: Path,
) -> None:
    """SIGKILL the parent mid-run: both workers end by themselves, the file holds only
    whole lines, and the same command run again writes each missing input once."""
    count, out = 240, tmp_path / "out.jsonl"
    long_text = "\n\n".join([HARBOUR] * 8)  # ~25 ms of work an article: the run lasts
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(
            json.dumps({"id": f"h{n}", "text": long_text.replace("Tuesday", f"day {n}")}) + "\n"
            for n in range(count)
        ),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "extractor", "run", str(records), "-o", str(out),
               "--workers", "2"]  # fmt: skip
    parent = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    started = time.monotonic()
    while not (out.exists() and out.read_bytes()) and time.monotonic() - started < 60:
        time.sleep(0.05)
    workers = children(parent.pid)
    assert len(workers) == 2 and parent.poll() is None, "not extracting in two workers"
    parent.send_signal(signal.SIGKILL)
    assert parent.wait(timeout=30) == -signal.SIGKILL
    deadline = time.monotonic() + 5
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(p) for p in workers), "a worker outlived its parent"
    written = out.read_bytes().count(b"\n")
    assert 0 < written < count
    rerun = subprocess.run(command, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    lines = lines_by_id(out)  # fails on an id written twice
    assert set(lines) == {f"h{n}" for n in range(count)}
    assert all(r["status"] == "ok" for r in lines.values())


# -- the Python API: extract_many / aextract_many(workers=N) ------------------------------


def _texts(count: int) -> list[str]:
    return [HARBOUR.replace("Tuesday", f"day {n}") for n in range(count)]


def _comparable(lines: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for line in lines:
        line["meta"].pop("elapsed_s", None)
        line["meta"].pop("pid", None)
        line["extraction"]["meta"].pop("elapsed_s", None)
        assert line["id"] not in out, f"{line['id']} twice"
        out[line["id"]] = line
    return out


def _with_pid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each line says which process made it (the forked processes inherit the patch)."""
    made = loop_child.extract_one

    async def stamped(extractor: Any, item: Any) -> dict[str, Any]:
        line = await made(extractor, item)
        line["meta"]["pid"] = os.getpid()
        return line

    monkeypatch.setattr(loop_child, "extract_one", stamped)


def test_extract_many_with_workers_extracts_in_other_processes_the_same_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_pid(monkeypatch)
    texts = _texts(12)
    forked = list(extract_many(texts, engine="rules", workers=2))
    pids = {line["meta"]["pid"] for line in forked}
    assert len(pids) == 2 and os.getpid() not in pids
    assert _comparable(forked) == _comparable(extract_many(texts, engine="rules"))


def test_aextract_many_with_workers_gives_the_lines_extract_many_gives() -> None:
    texts = _texts(6)

    async def collect() -> list[dict[str, Any]]:
        return [line async for line in aextract_many(texts, engine="rules", workers=2)]

    assert _comparable(asyncio.run(collect())) == _comparable(extract_many(texts, engine="rules"))


def test_workers_refuse_a_shared_cache(tmp_path: Path) -> None:
    from extractor.batch.cache import ExtractionCache

    cache = ExtractionCache(tmp_path / "cache")
    try:
        with pytest.raises(ConfigurationError, match="workers"):
            list(extract_many(_texts(1), engine="rules", workers=2, cache=cache))
    finally:
        cache.close()


@pytest.mark.parametrize(("workers", "shown"), [("0", True), ("2", False)])
def test_a_long_offline_run_on_one_core_says_workers_would_use_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str, shown: bool
) -> None:
    from extractor.cli import run as run_command

    monkeypatch.setattr(run_command, "SUGGEST_WORKERS_FROM", 3)  # instead of 500 articles
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    folder = harbour_folder(tmp_path, 3)
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["run", str(folder), "-o", str(out), "--workers", workers])
    assert ("--workers 4 would use the 4" in result.output) is shown, result.output
    (tmp_path / "few").mkdir()
    few = harbour_folder(tmp_path / "few", 0)  # two inputs, fewer than the three
    fewer = runner.invoke(app, ["run", str(few), "-o", str(tmp_path / "few.jsonl")])
    assert "would use the" not in fewer.output
