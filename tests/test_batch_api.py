"""``extractor run --batch-api``: the provider's batch API, against tests/batch_server.py.

The cassette tests (``@pytest.mark.vcr``) replay what the local batch server answered
through the real openai client: uploads, status changes, output and error files.
The others run against the server live (a kill cannot be recorded)."""

from __future__ import annotations

import asyncio
import copy
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.api import Extractor
from extractor.batch.batch_api.jobfile import Request, read_answers, split_jobs
from extractor.batch.batch_api.poll import PollPolicy
from extractor.batch.batch_api.run import BatchOptions, run_batches
from extractor.batch.batch_api.state import state_path
from extractor.batch.pricing import estimate
from extractor.batch.progress import RunProgress
from extractor.batch.results import ResultWriter
from extractor.batch.runner import plan_run
from extractor.cli import app
from extractor.llm.canned import body_digest

from .articles import HARBOUR, HARBOUR_ANSWER
from .batch_server import BatchServer
from .conftest import PLAYBACK_URL, SEED, TEST_KEY, load_answer
from .scripted_server import Reply, ScriptedServer, answer, completion

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
LOCAL = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def variant(n: int) -> str:
    """HARBOUR with a last line of its own, so each copy is another article."""
    return f"{HARBOUR}\nFiled as item {n}.\n"


def number_of(article: str) -> int:
    return int(article.rsplit("item ", 1)[1].split(".")[0])


PARAPHRASED = copy.deepcopy(HARBOUR_ANSWER)
PARAPHRASED["quotes"][0]["text"] = "“This is the largest investment the port has ever seen,”"


def folder(tmp_path: Path, count: int) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for n in range(count):
        (root / f"{n}.txt").write_text(variant(n), encoding="utf-8")
    return root


def args(root: Path, out: Path, base_url: str, *more: str) -> list[str]:
    return [
        "run",
        str(root),
        "-o",
        str(out),
        "--batch-api",
        "--base-url",
        base_url,
        "--model",
        "scripted",
        "--api-key",
        TEST_KEY,
        "--mode",
        "tools",
        "--poll-interval",
        "0",
        "--cache-dir",
        str(out.parent / "cache"),
        *more,
    ]


def lines(out: Path) -> dict[str, dict[str, Any]]:
    found = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    by_id = {x["id"]: x for x in found}
    assert len(by_id) == len(found), "an article has two lines"
    return by_id


@pytest.fixture
def batch_endpoint(record_mode: str) -> Iterator[Callable[..., str]]:
    """``batch_endpoint(outcome, **server options)``: the base URL for this test. When
    replaying, a placeholder (the cassette answers); when recording, the batch server."""
    servers: list[BatchServer] = []

    def make(outcome: Callable[[str], Reply | str], **options: Any) -> str:
        if record_mode == "none":
            return PLAYBACK_URL
        server = BatchServer(outcome, **options).__enter__()
        servers.append(server)
        return server.base_url

    yield make
    for server in servers:
        server.__exit__(None, None, None)


# -- the request lines ask what the live path asks -------------------------------------


@LOCAL
@pytest.mark.parametrize("mode", ["tools", "json_schema", "md_json"])
def test_request_lines_carry_the_live_request(tmp_path, mode):
    """The body of each batch line equals, key for key, the body the live path's first
    attempt sends for the same article (both as the servers received them)."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with ScriptedServer([answer(load_answer("seed"))]) as live:
        Extractor(model="scripted", base_url=live.base_url, api_key=TEST_KEY, mode=mode).extract(
            str(root / "seed.txt")
        )
    with BatchServer(lambda _: answer(load_answer("seed"))) as server:
        command = args(root, tmp_path / "out.jsonl", server.base_url)
        command[command.index("tools")] = mode
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        (upload,) = server.uploads
    (line,) = [json.loads(x) for x in upload.splitlines()]
    assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
    assert line["body"] == live.requests[0]
    assert ("tools" in line["body"]) == (mode == "tools")


@LOCAL
@pytest.mark.parametrize("mode", ["tools", "json_schema", "md_json"])
def test_an_ungrounded_answer_is_re_asked_live_as_the_live_path_would(tmp_path, mode):
    """A batch answer with a quote not in the article goes on the live path as the live
    path's own second attempt: the same re-ask conversation, byte for byte."""
    with ScriptedServer([answer(PARAPHRASED), answer(HARBOUR_ANSWER)]) as live:
        options = {"model": "scripted", "base_url": live.base_url, "api_key": TEST_KEY}
        Extractor(**options, mode=mode).extract(variant(0))
    assert len(live.requests) == 2  # the first answer was re-asked
    root = folder(tmp_path, 1)
    out = tmp_path / "out.jsonl"
    with BatchServer(
        lambda _: answer(PARAPHRASED), live=lambda _: answer(HARBOUR_ANSWER)
    ) as server:
        command = args(root, out, server.base_url)
        command[command.index("tools")] = mode
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        assert server.live_requests == [live.requests[1]]
    meta = lines(out)["0.txt"]["meta"]
    assert meta["attempts"] == 2 and meta["requests"] == 1 and meta["batch"]["live"] is True


@LOCAL
def test_a_batch_answer_to_another_request_is_not_used(tmp_path):
    """An answer is handed back only for the request it answers: asked in another mode,
    the chunk goes live and a warning says so."""
    from extractor.read.article import Article

    article = Article(variant(0))
    with ScriptedServer([answer(HARBOUR_ANSWER)]) as live:
        options = {"model": "scripted", "base_url": live.base_url, "api_key": TEST_KEY}
        tools = Extractor(**options, mode="tools").engine
        body = tools.batch_bodies(article)[0]
        batch_answer = completion(body, answer(PARAPHRASED), 1)
        other = Extractor(**options, mode="json_schema")
        sent = (body_digest(body), batch_answer)
        result = asyncio.run(other.aextract_answered(article, [sent]))
    assert len(live.requests) == 1 and "response_format" in live.requests[0]
    assert result.meta.requests == 1 and result.meta.attempts == 1 and len(result.quotes) == 4
    assert [w.code for w in result.warnings if w.code == "batch_answer_unused"] == [
        "batch_answer_unused"
    ]


# -- what comes back: answers, failures, expiry, cancellation (cassettes) -------------


def _first_then_all(failing: dict[int, str]) -> Callable[[str], Reply | str]:
    """The first batch: the articles in ``failing`` get that outcome (or a paraphrased
    answer, "ungrounded"); any later batch answers everything well."""
    seen: set[int] = set()

    def outcome(article: str) -> Reply | str:
        n = number_of(article)
        again = n in seen
        seen.add(n)
        what = failing.get(n)
        if what is None or again:
            return answer(HARBOUR_ANSWER)
        return answer(PARAPHRASED) if what == "ungrounded" else what

    return outcome


@pytest.mark.vcr
def test_a_batch_with_failed_missing_malformed_and_ungrounded_answers(
    tmp_path, batch_endpoint, monkeypatch
):
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"compatible/scripted": [1.0, 2.0]}), encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_PRICES", str(prices))
    root = folder(tmp_path, 6)
    failing = {1: "fail", 2: "missing", 3: "malformed", 4: "ungrounded"}
    outcome = _first_then_all(failing)
    base = batch_endpoint(outcome, live=lambda _: answer(HARBOUR_ANSWER))
    out = tmp_path / "out.jsonl"
    first = runner.invoke(app, args(root, out, base))
    assert first.exit_code == 1  # some articles failed
    got = lines(out)
    assert sorted(got) == [f"{n}.txt" for n in range(6)]  # every article exactly once
    status = {k: v["status"] for k, v in got.items()}
    assert status == {
        "0.txt": "ok",
        "1.txt": "error",
        "2.txt": "error",
        "3.txt": "error",
        "4.txt": "ok",  # re-read on the live path: the batch answer was not grounded
        "5.txt": "ok",
    }
    messages = {k: v["error"]["message"] for k, v in got.items() if v["status"] == "error"}
    assert "HTTP 500" in messages["1.txt"]
    assert "has no line for it" in messages["2.txt"]
    assert "has no line for it" in messages["3.txt"]  # its line is not JSON
    assert all(
        v["error"]["type"] == "batch_answer_missing" for k, v in got.items() if k in messages
    )
    ok = got["0.txt"]
    assert ok["meta"]["batch"]["id"] == "batch-1" and ok["meta"]["batch"]["live"] is False
    assert ok["meta"]["requests"] == 0 and len(ok["extraction"]["quotes"]) == 4
    live = got["4.txt"]["meta"]
    assert live["batch"]["live"] is True and live["requests"] == 1 and live["attempts"] == 2
    # Only the batch's tokens are at batch prices (half): 1.0 and 2.0 per million.
    batch_in = sum(
        v["meta"]["batch"]["usage"]["input_tokens"]
        for v in got.values()
        if "usage" in v["meta"].get("batch", {})
    )
    batch_out = sum(
        v["meta"]["batch"]["usage"]["output_tokens"]
        for v in got.values()
        if "usage" in v["meta"].get("batch", {})
    )
    assert estimate("compatible/scripted", batch_in, batch_out, batch=True) == pytest.approx(
        (batch_in * 0.5 + batch_out * 1.0) / 1e6
    )
    assert "at batch prices" in first.output and "answered by batch API" in first.output
    used = [v["meta"]["usage"] for v in got.values() if v["status"] == "ok"]
    live_in = sum(u["input_tokens"] for u in used) - batch_in
    live_out = sum(u["output_tokens"] for u in used) - batch_out
    assert live_in > 0  # the live re-read of 4.txt, at live prices
    total = (live_in * 1.0 + live_out * 2.0 + batch_in * 0.5 + batch_out * 1.0) / 1e6
    assert f"${total:,.4f}" in first.output

    # --retry-failed sends the three failed articles again, in a new batch.
    second = runner.invoke(app, args(root, out, base, "--retry-failed"))
    assert second.exit_code == 0, second.output
    state = json.loads(state_path(out).read_text(encoding="utf-8"))
    assert [sorted(j["articles"]) for j in state["jobs"]] == [
        [f"{n}.txt" for n in range(6)],
        ["1.txt", "2.txt", "3.txt"],
    ]
    final = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    latest = {x["id"]: x["status"] for x in final}
    assert set(latest.values()) == {"ok"} and len(latest) == 6


@pytest.mark.vcr
def test_an_expired_batch_keeps_what_came_back(tmp_path, batch_endpoint):
    root = folder(tmp_path, 3)
    base = batch_endpoint(lambda _: answer(HARBOUR_ANSWER), end="expired", answered=1)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, args(root, out, base))
    assert result.exit_code == 1
    got = lines(out)
    assert [got[f"{n}.txt"]["status"] for n in range(3)] == ["ok", "error", "error"]
    assert "batch_expired" in got["1.txt"]["error"]["message"]
    assert got["2.txt"]["meta"]["batch"]["status"] == "expired"


@pytest.mark.vcr
def test_a_cancelled_batch_keeps_what_came_back(tmp_path, batch_endpoint):
    root = folder(tmp_path, 3)
    base = batch_endpoint(
        lambda _: answer(HARBOUR_ANSWER), end="cancelled", answered=2, drop_unanswered=True
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, args(root, out, base))
    assert result.exit_code == 1
    got = lines(out)
    assert [got[f"{n}.txt"]["status"] for n in range(3)] == ["ok", "ok", "error"]
    assert "was cancelled before answering it" in got["2.txt"]["error"]["message"]


@LOCAL
def test_a_failed_batch_makes_error_lines_with_the_providers_words(tmp_path):
    root = folder(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    with BatchServer(lambda _: answer(HARBOUR_ANSWER), end="failed") as server:
        result = runner.invoke(app, args(root, out, server.base_url))
    assert result.exit_code == 1
    got = lines(out)
    assert {v["status"] for v in got.values()} == {"error"} and len(got) == 2
    assert "the batch failed (scripted: x)" in got["0.txt"]["error"]["message"]


@LOCAL
def test_a_batch_cancelled_by_its_owner_while_polled(tmp_path):
    """Someone cancels the batch (``/v1/batches/{id}/cancel``) while the run waits: the
    answers that came back are used, the rest are error lines."""
    import openai

    root = folder(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    with BatchServer(lambda _: answer(HARBOUR_ANSWER), hold=True, answered=1) as server:
        owner = openai.OpenAI(base_url=server.base_url, api_key=TEST_KEY, max_retries=0)

        def sleep(_: float) -> None:
            if server.hold.is_set():
                assert owner.batches.cancel("batch-1").status == "cancelling"
                server.hold.clear()

        extractor = Extractor(model="scripted", base_url=server.base_url, api_key=TEST_KEY)
        plan = plan_run([str(root)], output=out)
        writer = ResultWriter(out, plan.previous)
        progress = RunProgress(_quiet(), plan.total, extractor.engine.backend)
        options = BatchOptions(policy=PollPolicy(0.0), sleep=sleep)
        state = run_batches(extractor, plan, out, writer.write, progress, _quiet(), options)
        writer.close()
    assert state.jobs[0].status == "cancelled"
    got = lines(out)
    assert [got[f"{n}.txt"]["status"] for n in range(3)] == ["ok", "error", "error"]
    assert "batch_cancelled" in got["2.txt"]["error"]["message"]


@LOCAL
def test_a_provider_fault_while_polling_is_a_provider_error_and_resumable(tmp_path):
    from extractor.errors import ProviderError

    root = folder(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    with BatchServer(lambda _: answer(HARBOUR_ANSWER)) as server:
        hidden: dict[str, Any] = {}

        def sleep(_: float) -> None:  # the provider loses the batch for a while
            if not hidden:
                hidden.update(server.batches.pop("batch-1"))

        extractor = Extractor(model="scripted", base_url=server.base_url, api_key=TEST_KEY)

        def run() -> None:
            plan = plan_run([str(root)], output=out)
            writer = ResultWriter(out, plan.previous)
            progress = RunProgress(_quiet(), plan.total, extractor.engine.backend)
            options = BatchOptions(policy=PollPolicy(0.0), sleep=sleep)
            try:
                run_batches(extractor, plan, out, writer.write, progress, _quiet(), options)
            finally:
                writer.close()

        with pytest.raises(ProviderError, match="polling the batches failed"):
            run()
        server.batches["batch-1"] = hidden
        run()
        assert len(server.uploads) == 1 and server.creates == 1
    assert {v["status"] for v in lines(out).values()} == {"ok"}


# -- resuming --------------------------------------------------------------------------


@LOCAL
def test_killed_while_polling_a_rerun_polls_the_same_batch(tmp_path):
    """SIGKILL `extractor run --batch-api` while it polls; the rerun uploads nothing and
    creates no batch, and every article is in the results exactly once."""
    root = folder(tmp_path, 5)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with BatchServer(lambda _: answer(HARBOUR_ANSWER), hold=True) as server:
        command = [sys.executable, "-m", "extractor", *args(root, out, server.base_url)]
        command[command.index("--poll-interval") + 1] = "0.05"
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while server.retrieves < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert server.retrieves >= 3, "the run never polled"
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        assert not out.exists() or out.read_text(encoding="utf-8") == ""
        assert json.loads(state_path(out).read_text())["jobs"][0]["batch_id"] == "batch-1"
        server.hold.clear()
        rerun = runner.invoke(app, command[3:])  # in-process: a subprocess costs seconds
        assert rerun.exit_code == 0, rerun.output
        assert len(server.uploads) == 1 and server.creates == 1
        again = runner.invoke(app, command[3:])
        assert again.exit_code == 0, again.output
        assert len(server.uploads) == 1 and server.creates == 1  # done: nothing sent
    got = lines(out)
    assert sorted(got) == [f"{n}.txt" for n in range(5)]
    assert {v["status"] for v in got.values()} == {"ok"}


@LOCAL
def test_large_jobs_are_split_by_request_count(tmp_path):
    root = folder(tmp_path, 5)
    out = tmp_path / "out.jsonl"
    with BatchServer(lambda _: answer(HARBOUR_ANSWER)) as server:
        extractor = Extractor(model="scripted", base_url=server.base_url, api_key=TEST_KEY)
        plan = plan_run([str(root)], output=out)
        writer = ResultWriter(out, plan.previous)
        progress = RunProgress(_quiet(), plan.total, extractor.engine.backend)
        options = BatchOptions(policy=PollPolicy(0.0), sleep=lambda _: None, max_requests=2)
        state = run_batches(extractor, plan, out, writer.write, progress, _quiet(), options)
        writer.close()
        assert len(server.uploads) == 3 and server.creates == 3
        assert [len(x.splitlines()) for x in server.uploads] == [2, 2, 1]
    assert all(job.written and job.status == "completed" for job in state.jobs)
    assert progress.ok == 5 and len(lines(out)) == 5


@LOCAL
def test_articles_in_the_cache_are_not_sent(tmp_path):
    root = folder(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    with BatchServer(lambda _: answer(HARBOUR_ANSWER)) as server:
        assert runner.invoke(app, args(root, out, server.base_url)).exit_code == 0
        out.unlink()
        state_path(out).unlink()
        result = runner.invoke(app, args(root, out, server.base_url))
        assert result.exit_code == 0, result.output
        assert len(server.uploads) == 1 and server.creates == 1
    got = lines(out)
    assert len(got) == 3 and all(v["meta"]["cached"] for v in got.values())


class Stopped(Exception):
    """The run stops here, as a kill would stop it."""


@LOCAL
def test_stopped_while_writing_a_rerun_writes_the_rest_without_sending(tmp_path):
    root = folder(tmp_path, 5)
    out = tmp_path / "out.jsonl"

    def run(stop_after: int | None) -> None:
        plan = plan_run([str(root)], output=out)
        writer = ResultWriter(out, plan.previous)
        progress = RunProgress(_quiet(), plan.total, extractor.engine.backend)
        written = 0

        def write(line: dict[str, Any]) -> None:
            nonlocal written
            if written == stop_after:
                raise Stopped
            writer.write(line)
            written += 1

        options = BatchOptions(policy=PollPolicy(0.0), sleep=lambda _: None)
        try:
            run_batches(extractor, plan, out, write, progress, _quiet(), options)
        finally:
            writer.close()

    with BatchServer(lambda _: answer(HARBOUR_ANSWER)) as server:
        extractor = Extractor(model="scripted", base_url=server.base_url, api_key=TEST_KEY)
        with pytest.raises(Stopped):
            run(stop_after=2)
        assert len(lines(out)) == 2
        run(stop_after=None)
        assert len(server.uploads) == 1 and server.creates == 1
    got = lines(out)
    assert sorted(got) == [f"{n}.txt" for n in range(5)]
    assert {v["status"] for v in got.values()} == {"ok"}


def _quiet() -> Any:
    from rich.console import Console

    return Console(file=open(os.devnull, "w"))


# -- refusals and pieces ---------------------------------------------------------------


def test_the_offline_engine_is_refused(tmp_path):
    root = folder(tmp_path, 1)
    result = runner.invoke(
        app, ["run", str(root), "-o", str(tmp_path / "o.jsonl"), "--engine", "rules", "--batch-api"]
    )
    assert result.exit_code == 2
    assert "--batch-api" in result.output and "rules engine asks none" in result.output


def test_batch_api_needs_a_results_file(tmp_path):
    root = folder(tmp_path, 1)
    command = args(root, tmp_path / "o.jsonl", PLAYBACK_URL)
    del command[2:4]  # no -o
    result = runner.invoke(app, command)
    assert result.exit_code == 2 and "--batch-api needs --output" in result.output


def test_a_state_written_for_another_model_is_refused(tmp_path):
    root = folder(tmp_path, 1)
    out = tmp_path / "o.jsonl"
    state_path(out).write_text(
        json.dumps({"version": 1, "identity": {"model": "other"}, "next_article": 0, "jobs": []}),
        encoding="utf-8",
    )
    result = runner.invoke(app, args(root, out, PLAYBACK_URL))
    assert result.exit_code == 2
    assert "another configuration" in result.output and "o.jsonl.batch.json" in result.output


def test_request_files_stay_within_the_byte_limit():
    body = {"messages": [{"role": "user", "content": "x" * 1000}]}
    requests = [Request(f"a{n}", "sha", [body, body]) for n in range(5)]
    jobs = list(split_jobs(requests, 0, max_bytes=5000))
    assert [len(j.articles) for j in jobs] == [2, 2, 1]  # an article's chunks stay together
    assert all(j.size <= 5000 for j in jobs)
    assert jobs[1].articles["a2"][1] == ["a2-c0", "a2-c1"]
    assert jobs[1].articles["a2"][2] == [body_digest(body)] * 2


def test_output_lines_that_are_no_answer_say_why():
    data = b"\n".join(
        [
            b"not json",
            b'{"no": "custom id"}',
            b'{"custom_id": "a", "response": {"status_code": 200, "body": {"choices": []}}}',
            b'{"custom_id": "b", "response": {"status_code": 429, '
            b'"body": {"error": {"message": "slow"}}}}',
            b'{"custom_id": "c", "response": null, '
            b'"error": {"code": "batch_expired", "message": "late"}}',
            b'{"custom_id": "d", "response": {"status_code": 200, "body": "text"}}',
        ]
    )
    answers = read_answers(data)
    assert answers.unreadable == 2 and list(answers.completions) == ["a"]
    assert "HTTP 429: slow" in answers.failures["b"]
    assert "batch_expired: late" in answers.failures["c"]
    assert "no chat completion" in answers.failures["d"]


def test_batch_prices_are_half_unless_the_table_says_otherwise(tmp_path, monkeypatch):
    assert estimate("openai/gpt-4o-mini", 1_000_000, 1_000_000, batch=True) == pytest.approx(0.375)
    prices = tmp_path / "p.json"
    prices.write_text(json.dumps({"x/m": [2.0, 4.0], "x/n": [2.0, 4.0, 1.5, 3.5]}))
    monkeypatch.setenv("EXTRACTOR_PRICES", str(prices))
    assert estimate("x/m", 1_000_000, 0, batch=True) == pytest.approx(1.0)
    assert estimate("x/n", 1_000_000, 1_000_000, batch=True) == pytest.approx(5.0)
    assert estimate("x/n", 1_000_000, 1_000_000) == pytest.approx(6.0)


def test_polling_backs_off_to_a_cap_and_saves_each_poll(tmp_path):
    from types import SimpleNamespace

    from extractor.batch.batch_api.poll import BatchProgress, wait_for
    from extractor.batch.batch_api.state import BatchState

    flow = ["validating"] + ["in_progress"] * 5 + ["completed"]
    counts = SimpleNamespace(total=1, completed=0, failed=0)

    class Batches:
        def retrieve(self, batch_id: str) -> Any:
            status = flow.pop(0)
            return SimpleNamespace(
                status=status,
                output_file_id=None,
                error_file_id=None,
                request_counts=counts,
                errors=None,
            )

    state = BatchState(tmp_path / "s.json", {})
    job = state.add("file-1", {"a": ("sha", ["a0-c0"], ["d"])})
    job.batch_id = "batch-1"
    slept: list[float] = []
    policy = PollPolicy(interval=2.0, max_interval=5.0, factor=1.5)
    with BatchProgress(_quiet()) as shown:
        wait_for(SimpleNamespace(batches=Batches()), state, [job], shown, policy, slept.append)
    assert slept == [2.0, 3.0, 4.5, 5.0, 5.0, 5.0]
    assert json.loads(state.path.read_text())["jobs"][0]["status"] == "completed"
