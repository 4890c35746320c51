"""``extractor run --executor ray`` on a local 2-CPU Ray (``pytest -m ray``).

One Ray is started for the whole session (starting one takes seconds); the runs
in-process use it, the killed-and-rerun driver joins it by address. Without Ray
installed these tests skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app

from .articles import HARBOUR, HARBOUR_ANSWER, long_article
from .lines import lines_by_id
from .scripted_server import ScriptedServer, computed, error

pytestmark = pytest.mark.ray
ROOT = Path(__file__).parent.parent
runner = CliRunner()


@pytest.fixture(scope="session")
def ray_address() -> Iterator[str]:
    try:
        import ray
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("ray is not installed (pip install '.[ray]'); CI must run these tests")
        pytest.skip("ray is not installed (pip install '.[ray]')")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()


def _folder(tmp_path: Path) -> Path:
    """Written articles, the seeds, and inputs that must become error lines."""
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "long.txt").write_text(long_article(3000), encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    records = [{"id": "r1", "text": HARBOUR}, {"id": "r2", "body": "no text field"}]
    (folder / "records.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    return folder


def test_ray_writes_the_lines_the_local_executor_writes(tmp_path: Path, ray_address: str) -> None:
    folder = _folder(tmp_path)
    local, on_ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    first = runner.invoke(app, ["run", str(folder), "-o", str(local), "--engine", "rules"])
    second = runner.invoke(
        app, ["run", str(folder), "-o", str(on_ray), "--engine", "rules", "--executor", "ray"]
    )
    assert first.exit_code == second.exit_code == 1, second.output  # the bad inputs failed
    expected, got = lines_by_id(local), lines_by_id(on_ray)
    assert got == expected
    errors = {i for i, r in got.items() if r["status"] == "error"}
    assert any(i.endswith("empty.txt") for i in errors), errors
    assert len(errors) == 2, errors  # the empty file and the record without text
    assert sum(r["status"] == "ok" for r in got.values()) == len(got) - 2 >= 7


def test_ray_with_a_model_keeps_articles_in_flight_per_actor(
    tmp_path: Path, ray_address: str
) -> None:
    count = 12
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(json.dumps({"id": f"h{n}", "text": HARBOUR}) + "\n" for n in range(count)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    replies = [computed(lambda text: HARBOUR_ANSWER) for _ in range(count)]
    with ScriptedServer(replies) as server:
        result = runner.invoke(
            app,
            [
                "run", str(records), "-o", str(out), "--executor", "ray", "--no-cache",
                "--base-url", server.base_url, "--model", "scripted", "--mode", "tools",
                "--concurrency", "4",
            ],
        )  # fmt: skip
        served = len(server.requests)
    assert result.exit_code == 0, result.output
    lines = lines_by_id(out)
    assert set(lines) == {f"h{n}" for n in range(count)}
    assert served == count
    for line in lines.values():
        assert line["status"] == "ok" and line["meta"]["requests"] == 1
        quotes = line["extraction"]["quotes"]
        assert quotes and all(HARBOUR[q["start"] : q["end"]] == q["text"] for q in quotes)


def test_a_killed_ray_driver_resumes_every_input_exactly_once(
    tmp_path: Path, ray_address: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    count = 1500
    for n in range(count):
        (folder / f"a{n:04}.txt").write_text(
            HARBOUR.replace("$40 million", f"${n} million"), encoding="utf-8"
        )
    out = tmp_path / "out.jsonl"
    command = [
        sys.executable, "-m", "extractor", "run", str(folder), "-o", str(out),
        "--engine", "rules", "--executor", "ray", "--ray-address", ray_address,
    ]  # fmt: skip

    def written() -> int:
        return out.read_bytes().count(b"\n") if out.exists() else 0

    driver = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while written() == 0 and driver.poll() is None and time.monotonic() - started < 120:
        time.sleep(0.05)
    time.sleep(0.3)
    assert driver.poll() is None, "the run ended before it could be killed"
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    before = written()
    assert 0 < before < count, before  # killed mid-run
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    lines = lines_by_id(out)  # fails on an id written twice
    assert set(lines) == {f"a{n:04}.txt" for n in range(count)}
    assert all(r["status"] == "ok" for r in lines.values())


class _Stamped(list[Any]):
    """The scripted server's request log, with the time each request arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def append(self, request: Any) -> None:
        self.times.append(time.monotonic())
        super().append(request)


def test_a_429_on_one_actor_holds_the_other_actors_back(tmp_path: Path, ray_address: str) -> None:
    """The first request is answered 429 (Retry-After 2 s); the other actor must not
    send while that pause lasts (less the sharing lag), then every article succeeds."""
    from extractor.batch.ray_executor import ray_lines
    from extractor.batch.runner import plan_run

    count = 16
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(json.dumps({"id": f"h{n}", "text": HARBOUR}) + "\n" for n in range(count)),
        encoding="utf-8",
    )

    def slow_answer(text: str) -> Any:
        time.sleep(0.2)  # a server that takes its time: the other actor keeps asking
        return HARBOUR_ANSWER

    replies = [error(429, "slow down", **{"Retry-After": "2"})]
    replies += [computed(slow_answer) for _ in range(count)]
    with ScriptedServer(replies) as server:
        server.requests = log = _Stamped()
        options = {"base_url": server.base_url, "model": "scripted", "mode": "tools"}
        lines = [
            json.loads(text)
            for _, text in ray_lines(
                plan_run([str(records)]).items,
                engine_options=options,
                concurrency=1,
                llm=True,
                actors=2,
                engine_name="llm",
            )
        ]
    assert sorted(line["id"] for line in lines) == sorted(f"h{n}" for n in range(count))
    assert all(line["status"] == "ok" for line in lines), [line.get("error") for line in lines]
    limited = log.times[0]
    during = [t - limited for t in log.times[1:] if 0.7 < t - limited < 1.6]
    assert not during, f"requests sent {during} s into the other actor's 2 s pause"
    assert len(log.times) == count + 1
