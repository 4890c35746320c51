"""``extractor run --batch-api``: a run's articles through a provider's batch API.

1. The articles left to do (`plan_run`) that no open batch holds yet are written
   as request lines (`jobfile`), split to the provider's limits, uploaded
   (``/v1/files``, purpose ``batch``) and sent as batches (``/v1/batches``,
   endpoint ``/v1/chat/completions``, window 24h); the state file records each step.
2. Every open batch is polled until it has finished (`poll`).
3. Its output and error files are read (``/v1/files/{id}/content``) and each of its
   articles gets one result line: answered from the batch, grounded as a live
   answer is; a chunk whose answer would be re-asked (unparsable, invalid, a quote
   not found) is read on the live path, re-asks included. An article with no usable
   answer (its line missing or malformed, its request failed, the batch expired,
   was cancelled or failed first) gets an error line, which ``--retry-failed``
   sends again in a new batch. Nothing is resubmitted on its own.

A rerun after a kill finds its batches in the state file and polls them; once a
batch's lines are all written, a rerun sends nothing for it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from ...api import Extractor, cache_key
from ...errors import BatchAnswerError, ConfigurationError, ProviderError
from ...llm.providers import build_client
from ..inputs import InputError, Item
from ..line import line_of
from ..progress import RunProgress
from ..results import error_line
from ..runner import RunPlan
from .jobfile import ENDPOINT, MAX_BYTES, MAX_REQUESTS, Answers, Request, read_answers, split_jobs
from .poll import BatchProgress, PollPolicy, wait_for
from .state import BatchState, Job, state_path

#: Why an article of a finished batch that has no answer has none, by batch status.
_UNANSWERED = {
    "expired": "the batch expired (24 h window) before answering it",
    "cancelled": "the batch was cancelled before answering it",
    "failed": "the batch failed",
    "completed": "the batch's output has no line for it",
}


@dataclass(slots=True)
class BatchOptions:
    policy: PollPolicy = field(default_factory=PollPolicy)
    sleep: Callable[[float], None] = time.sleep
    concurrency: int = 8  # articles read at once from answers (and on the live path)
    max_requests: int = MAX_REQUESTS
    max_bytes: int = MAX_BYTES


@contextmanager
def _provider(what: str) -> Iterator[None]:
    """The SDK's errors as the package's: one line naming the step that failed."""
    try:
        yield
    except ProviderError:
        raise
    except Exception as exc:
        raise ProviderError(f"batch API: {what} failed: {exc}") from exc


def check_engine(extractor: Extractor) -> None:
    """Refuse an engine that asks no model: a batch API has nothing to do for it."""
    if extractor.engine.backend is None or not hasattr(extractor.engine, "batch_bodies"):
        raise ConfigurationError(
            f"--batch-api sends requests to a model provider; the {extractor.engine.name} "
            "engine asks none (pass --model, and --base-url for an OpenAI-compatible server)"
        )
    extractor.engine.batch_mode()  # type: ignore[attr-defined]


def run_batches(
    extractor: Extractor,
    plan: RunPlan,
    output: Path,
    write: Callable[[dict[str, Any]], None],
    progress: RunProgress,
    console: Console,
    options: BatchOptions | None = None,
) -> BatchState:
    """Send, poll and read back; ``write`` gets one result line per planned input."""
    options = options or BatchOptions()
    check_engine(extractor)
    engine: Any = extractor.engine
    state = BatchState.load(state_path(output), engine.identity())
    client = build_client(engine.backend, engine.settings).client  # the configured SDK client
    items: dict[str, Item] = {}
    for item in plan.items:
        if isinstance(item, InputError):
            line = error_line(item.id, item.path, None, item.error, {"engine": engine.name})
            write(line)
            progress.add(line)
        else:
            items[item.id] = item
    _send(client, state, engine, extractor, items, options)
    jobs = [job for job in state.open_jobs() if any(_held(job, it) for it in items.values())]
    done = set(plan.previous.status)  # ids with a line before this run
    for job in state.open_jobs():
        if job not in jobs and all(i in done for i in job.articles):  # written before a kill
            job.written = True
    state.save()
    if jobs:
        with BatchProgress(console) as shown, _provider("polling the batches"):
            wait_for(client, state, jobs, shown, options.policy, options.sleep)
    with progress:
        asyncio.run(
            _write_all(client, state, jobs, extractor, items, done, write, progress, options)
        )
    return state


def _send(
    client: Any,
    state: BatchState,
    engine: Any,
    extractor: Extractor,
    items: dict[str, Item],
    options: BatchOptions,
) -> None:
    """Upload and create batches for the articles no open batch holds (nor the cache)."""
    identity = engine.identity()

    def fresh() -> Iterator[Request]:
        for item in items.values():
            sha = item.article.sha256
            if state.pending(item.id, sha) is not None:
                continue
            if extractor.cache is not None and extractor.cache.get(cache_key(identity, sha)):
                continue  # answered from the cache when the lines are written
            yield Request(item.id, sha, engine.batch_bodies(item.article))

    jobs = split_jobs(
        fresh(), state.next_article, max_requests=options.max_requests, max_bytes=options.max_bytes
    )
    for jobfile in jobs:
        name = f"extractor-{state.path.stem}-{len(state.jobs) + 1}.jsonl"
        with _provider("uploading the request file"):
            uploaded = client.files.create(file=(name, jobfile.data), purpose="batch")
        state.add(uploaded.id, jobfile.articles)
        state.save()
    for job in state.open_jobs():
        if job.batch_id is None:
            with _provider(f"creating the batch for file {job.input_file_id}"):
                batch = client.batches.create(
                    input_file_id=job.input_file_id,
                    endpoint=ENDPOINT,
                    completion_window="24h",
                    metadata={"extractor_job": str(job.number)},
                )
            job.batch_id = batch.id
            job.update(batch)
            state.save()


def _held(job: Job, item: Item) -> bool:
    return job.holds(item.id, item.article.sha256)


def _download(client: Any, job: Job) -> Answers:
    answers = Answers()
    for file_id in (job.output_file_id, job.error_file_id):
        if file_id:
            with _provider(f"downloading file {file_id} of batch {job.batch_id}"):
                data = client.files.content(file_id).content
            read_answers(data, answers)
    return answers


async def _write_all(
    client: Any,
    state: BatchState,
    jobs: list[Job],
    extractor: Extractor,
    items: dict[str, Item],
    done: set[str],
    write: Callable[[dict[str, Any]], None],
    progress: RunProgress,
    options: BatchOptions,
) -> None:
    """One line per article: those of each finished batch, then those no batch holds
    (answered from the cache, or live when the cache no longer has them). A batch is
    ``written`` once each of its articles has a line (``done`` had them before)."""
    limit = asyncio.Semaphore(max(1, options.concurrency))
    placed: set[str] = set()

    async def one(item: Item, job: Job | None, answers: Answers | None) -> None:
        async with limit:
            line = await _line(extractor, item, job, answers)
        write(line)
        progress.add(line)

    for job in jobs:
        answers = _download(client, job)
        mine = [it for it in items.values() if _held(job, it)]
        placed.update(it.id for it in mine)
        await asyncio.gather(*(one(it, job, answers) for it in mine))
        job.written = all(i in done or i in placed for i in job.articles)
        state.save()
    rest = [it for i, it in items.items() if i not in placed]
    await asyncio.gather(*(one(it, None, None) for it in rest))


async def _line(
    extractor: Extractor, item: Item, job: Job | None, answers: Answers | None
) -> dict[str, Any]:
    engine = extractor.engine
    meta: dict[str, Any] = {"engine": engine.name}
    answered: list[tuple[str, dict[str, Any]] | None] = []
    if job is not None and answers is not None:
        meta["batch"] = {"id": job.batch_id, "job": job.number, "status": job.status}
        for name, digest in job.requests(item.id):
            completion = answers.completions.get(name)
            if completion is None:
                why = answers.failures.get(name) or _UNANSWERED.get(job.status, job.status)
                why += f" ({job.note})" if job.note else ""
                error = BatchAnswerError(f"no answer from batch {job.batch_id}: {why}")
                return error_line(item.id, item.path, item.text, error, meta)
            answered.append((digest, completion))
        meta["batch"]["usage"] = _usage([pair[1] for pair in answered if pair is not None])
    line = await line_of(item, extractor.aextract_answered(item.article, answered), meta)
    if "batch" in meta and line["status"] == "ok":
        meta["batch"]["live"] = meta["requests"] > 0  # some chunk was re-asked live
    return line


def _usage(completions: list[dict[str, Any]]) -> dict[str, int]:
    """The tokens of the batch's answers (billed at batch prices)."""
    given = taken = 0
    for completion in completions:
        usage = completion.get("usage") or {}
        given += int(usage.get("prompt_tokens") or 0)
        taken += int(usage.get("completion_tokens") or 0)
    return {"input_tokens": given, "output_tokens": taken}
