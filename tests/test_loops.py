"""``extractor run --loops N``: request loops in forked processes, one results writer.

Against the scripted server (real HTTP on 127.0.0.1, no cassette: the loops are other
processes): the same lines as one loop, one mode probe for the run, one rate-limit
pause for every loop, nothing lost when a loop dies, resumable, and no loop left
running after the parent is stopped or killed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.api import Extractor
from extractor.batch.loop_child import modes_settled
from extractor.batch.loops import LoopsLostError, RequestLoops, shares
from extractor.batch.results import read_previous
from extractor.batch.runner import plan_run
from extractor.cli import app

from .articles import HARBOUR, HARBOUR_ANSWER, harbour_folder
from .lines import lines_by_id
from .processes import alive, children
from .scripted_server import ScriptedServer, computed, error, refuses_json_schema

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
runner = CliRunner()


def _answers(count: int, delay: float = 0.0) -> list[Any]:
    def make(text: str) -> Any:
        time.sleep(delay)
        return HARBOUR_ANSWER

    return [computed(make) for _ in range(count)]


def _run(folder: Path, out: Path, server: ScriptedServer, *more: str) -> Any:
    return runner.invoke(
        app,
        [
            "run", str(folder), "-o", str(out), "--no-cache", "--base-url", server.base_url,
            "--model", "scripted", "--api-key", "k", *more,
        ],
    )  # fmt: skip


def test_the_concurrency_is_split_over_the_loops() -> None:
    assert shares(32, 2) == [16, 16]
    assert shares(10, 3) == [4, 3, 3]
    assert shares(2, 4) == [1, 1]  # never a loop without an article in flight


def test_several_loops_write_the_lines_one_loop_writes(tmp_path: Path) -> None:
    folder, count = harbour_folder(tmp_path, 9), 9
    outs = {}
    with ScriptedServer(_answers(2 * count)) as server:  # one server: the same URL
        for loops in ("1", "3"):
            outs[loops] = out = tmp_path / f"loops-{loops}.jsonl"
            result = _run(folder, out, server, "--mode", "tools", "--concurrency", "4",
                          "--loops", loops)  # fmt: skip
            assert result.exit_code == 1, result.output  # the two bad inputs
            assert "run summary" in result.output
        assert len(server.requests) == 2 * count
    one, three = lines_by_id(outs["1"]), lines_by_id(outs["3"])
    assert three == one
    assert sum(r["status"] == "ok" for r in three.values()) == count
    assert len(three) == count + 2


def test_the_mode_probe_is_made_once_for_every_loop(tmp_path: Path) -> None:
    """No --mode: the first request is refused (json_schema), one loop learns that
    tools works and the others are told; one refusal in the whole run, and each line
    says so, as with one loop."""
    folder, count = harbour_folder(tmp_path, 8), 8
    outs = {}
    script = [refuses_json_schema(), *_answers(count)]
    with ScriptedServer(script * 2) as server:  # one server: the same URL in the lines
        for loops in ("1", "2"):
            outs[loops] = out = tmp_path / f"loops-{loops}.jsonl"
            before = len(server.requests)
            _run(folder, out, server, "--concurrency", "4", "--loops", loops)
            asked = [("tools" in r) for r in server.requests[before:]]
            assert asked == [False] + [True] * count  # one probe, then tools only
    one, two = lines_by_id(outs["1"]), lines_by_id(outs["2"])
    assert two == one
    for line in (r for r in two.values() if r["status"] == "ok"):
        assert "mode_fallback" in [w["code"] for w in line["extraction"]["warnings"]]


def test_modes_settled_sees_a_mode_learned_by_the_engine() -> None:
    """What tells the parent the probe is over (else it deals one article at a time)."""
    with ScriptedServer(_answers(1)) as server:
        extractor = Extractor(base_url=server.base_url, model="scripted", api_key="k")
        assert not modes_settled(extractor)  # no --mode: json_schema is tried first
        extractor.extract(HARBOUR)
        assert modes_settled(extractor)
    assert modes_settled(Extractor(engine="rules"))


class _Stamped(list[Any]):
    """The scripted server's request log, with the time each request arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def append(self, request: Any) -> None:
        self.times.append(time.monotonic())
        super().append(request)


def _records(tmp_path: Path, count: int) -> Path:
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(
            json.dumps({"id": f"h{n}", "text": HARBOUR.replace("Tuesday", f"day {n}")}) + "\n"
            for n in range(count)
        ),  # distinct texts: no article is another's cache hit
        encoding="utf-8",
    )
    return records


def _pool(server: ScriptedServer, loops: int, concurrency: int) -> RequestLoops:
    options = {"base_url": server.base_url, "model": "scripted", "mode": "tools", "api_key": "k"}
    return RequestLoops(loops, concurrency, lambda: Extractor(**options), Extractor(**options))


def test_a_429_to_one_loop_holds_the_other_loops_back(tmp_path: Path) -> None:
    count = 12
    replies = [error(429, "slow down", **{"Retry-After": "2"}), *_answers(count, 0.2)]
    with ScriptedServer(replies) as server:
        server.requests = log = _Stamped()
        with _pool(server, 2, 2) as pool:
            lines = list(pool.lines(plan_run([str(_records(tmp_path, count))]).items))
    assert sorted(json.loads(t)["id"] for _, t in lines) == sorted(f"h{n}" for n in range(count))
    assert all(head["status"] == "ok" for head, _ in lines)
    limited = log.times[0]
    during = [t - limited for t in log.times[1:] if 0.5 < t - limited < 1.8]
    assert not during, f"requests sent {during} s into another loop's 2 s pause"


def test_a_killed_loop_loses_no_article(tmp_path: Path) -> None:
    count = 24
    with ScriptedServer(_answers(count + 8, 0.15)) as server, _pool(server, 2, 4) as pool:
        ids = []
        for _, text in pool.lines(plan_run([str(_records(tmp_path, count))]).items):
            ids.append(json.loads(text)["id"])
            if len(ids) == 2:
                os.kill(pool.pids[0], signal.SIGKILL)  # with articles in flight
        assert len(pool.pids) == 1
    assert sorted(ids) == sorted(f"h{n}" for n in range(count))  # each once


def test_an_article_out_at_two_deaths_is_an_error_line_not_a_third_try(tmp_path: Path) -> None:
    count = 12
    with ScriptedServer(_answers(count + 12, 0.3)) as server, _pool(server, 3, 3) as pool:
        killed = [pool.pids[0]]
        os.kill(killed[0], signal.SIGKILL)  # dies with the first articles it is dealt:
        first_dealt = {"h0", "h3", "h6"}  # dealt in turn to the loop with the most room
        lines = []
        for _, text in pool.lines(plan_run([str(_records(tmp_path, count))]).items):
            lines.append(json.loads(text))
            for loop in pool.loops:  # kill one loop that was dealt one of them again
                again = any(item.id in first_dealt for item in loop.out.values())
                if again and len(killed) < 2 and loop.pid not in killed:
                    killed.append(loop.pid)
                    os.kill(loop.pid, signal.SIGKILL)
    ids = [line["id"] for line in lines]
    assert sorted(ids) == sorted(f"h{n}" for n in range(count))  # each once
    died = [line for line in lines if line["status"] == "error"]
    assert died and {line["error"]["type"] for line in died} == {"loop_died"}
    assert {line["id"] for line in died} <= first_dealt and len(killed) == 2


def test_when_every_loop_dies_the_run_stops_with_what_finished(tmp_path: Path) -> None:
    with ScriptedServer(_answers(40, 0.15)) as server, _pool(server, 2, 2) as pool:
        got = []
        with pytest.raises(LoopsLostError):
            for _, text in pool.lines(plan_run([str(_records(tmp_path, 30))]).items):
                got.append(text)
                for pid in pool.pids:
                    os.kill(pid, signal.SIGKILL)
    assert len(got) >= 1


def test_a_rerun_with_loops_does_only_what_is_left(tmp_path: Path) -> None:
    folder, count, out = harbour_folder(tmp_path, 8), 8, tmp_path / "out.jsonl"
    with ScriptedServer(_answers(count)) as server:
        first = _run(folder, out, server, "--mode", "tools", "--loops", "2", "--limit", "3")
        second = _run(folder, out, server, "--mode", "tools", "--loops", "2")
        assert len(server.requests) == count  # nothing asked twice
    assert first.exit_code in (0, 1) and second.exit_code == 1  # the two bad inputs
    lines = lines_by_id(out)
    assert len(lines) == count + 2


def test_retry_failed_with_loops_redoes_only_the_error_line(tmp_path: Path) -> None:
    records, out = _records(tmp_path, 6), tmp_path / "out.jsonl"
    script = [error(400, "scripted refusal"), *_answers(6)]  # one article refused
    with ScriptedServer(script) as server:
        first = _run(records, out, server, "--mode", "tools", "--loops", "2")
        assert first.exit_code == 1, first.output
        again = _run(records, out, server, "--mode", "tools", "--loops", "2", "--retry-failed")
        assert again.exit_code == 0, again.output
        assert len(server.requests) == 7  # the six, and the one refused asked again
    assert set(read_previous(out).status.values()) == {"ok"}
    assert out.read_bytes().count(b"\n") == 7  # the error line, then its ok line


def test_loops_share_the_cache(tmp_path: Path) -> None:
    records, cache = _records(tmp_path, 6), tmp_path / "cache"
    with ScriptedServer(_answers(6)) as server:
        for name in ("first", "second"):
            result = runner.invoke(
                app,
                [
                    "run", str(records), "-o", str(tmp_path / f"{name}.jsonl"),
                    "--cache-dir", str(cache), "--base-url", server.base_url,
                    "--model", "scripted", "--api-key", "k", "--mode", "tools", "--loops", "2",
                ],
            )  # fmt: skip
            assert result.exit_code == 0, result.output
        assert len(server.requests) == 6  # the second run asked nothing
    second = lines_by_id(tmp_path / "second.jsonl")
    assert len(second) == 6 and all(r["meta"]["cached"] for r in second.values())


@pytest.mark.parametrize(
    "more", [["--workers", "1"], ["--executor", "ray"], ["--batch-api"]], ids=str
)
def test_loops_refuse_what_they_cannot_share(tmp_path: Path, more: list[str]) -> None:
    folder = harbour_folder(tmp_path, 1)
    result = runner.invoke(
        app,
        [
            "run", str(folder), "-o", str(tmp_path / "o.jsonl"), "--model", "m",
            "--base-url", "http://127.0.0.1:9/v1", "--loops", "2", *more,
        ],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "o.jsonl").exists()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    "stop", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["Ctrl-C", "SIGTERM", "SIGKILL"]
)
def test_a_stopped_parent_leaves_no_loop_and_a_rerun_finishes(
    tmp_path: Path, stop: signal.Signals
) -> None:
    count, out = 24, tmp_path / "out.jsonl"
    records = _records(tmp_path, count)
    with ScriptedServer(_answers(count * 2, 0.2)) as server:
        command = [
            sys.executable, "-m", "extractor", "run", str(records), "-o", str(out),
            "--no-cache", "--base-url", server.base_url, "--model", "scripted",
            "--api-key", "k", "--mode", "tools", "--concurrency", "4", "--loops", "2",
        ]  # fmt: skip
        parent = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        started = time.monotonic()
        while not (out.exists() and out.read_bytes()) and time.monotonic() - started < 60:
            time.sleep(0.05)
        loops = children(parent.pid)
        assert len(loops) == 2 and parent.poll() is None
        if stop == signal.SIGINT:  # Ctrl-C: the terminal signals the whole process group
            os.killpg(parent.pid, stop)
        else:
            parent.send_signal(stop)
        code = parent.wait(timeout=30)
        expected = {signal.SIGINT: (1, 130), signal.SIGTERM: (143,), signal.SIGKILL: (-9,)}
        assert code in expected[stop], parent.stderr
        deadline = time.monotonic() + 5
        while any(alive(p) for p in loops) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(p) for p in loops), "a loop outlived its parent"
        assert 0 < out.read_bytes().count(b"\n") < count
        rerun = subprocess.run(command, capture_output=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
    lines = lines_by_id(out)  # fails on an id written twice
    assert set(lines) == {f"h{n}" for n in range(count)}
