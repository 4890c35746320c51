"""``extractor run PATH...``: every article into one resumable JSON-lines file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..api import Extractor
from ..batch.cache import ExtractionCache
from ..batch.inputs import InputOptions
from ..batch.loops import RequestLoops
from ..batch.progress import RunProgress
from ..batch.results import Finished, ResultWriter
from ..batch.runner import extract_many, plan_run
from ..batch.workers import check_pool
from ..errors import ConfigurationError
from .options import closing_run, errors_exit, stderr, with_model_options


class Executor(StrEnum):
    """Where a run's articles are extracted."""

    local = "local"
    ray = "ray"


@with_model_options
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Results JSONL (appended, resumable); default stdout."),
    ] = None,
    include: Annotated[
        list[str] | None, typer.Option("--include", help="Glob on relative paths to keep.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Glob on relative paths to skip.")
    ] = None,
    text_field: Annotated[str, typer.Option(help="Text field of JSON records.")] = "text",
    id_field: Annotated[str, typer.Option(help="Id field of JSON records.")] = "id",
    concurrency: Annotated[int, typer.Option(min=1, help="Articles in flight at once.")] = 8,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the cache.")
    ] = False,
    cache_dir: Annotated[Path | None, typer.Option(help="[env: EXTRACTOR_CACHE_DIR]")] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Redo inputs whose earlier line is an error.")
    ] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop after this many inputs.")] = None,
    batch_api: Annotated[
        bool,
        typer.Option(
            "--batch-api",
            help="Send through the provider's batch API (half price, answers within 24 h); "
            "resumable: the state is kept in OUT.batch.json.",
        ),
    ] = False,
    poll_interval: Annotated[
        float, typer.Option(min=0.0, help="--batch-api: seconds before the first re-poll.")
    ] = 10.0,
    executor: Annotated[
        Executor,
        typer.Option(help="local: this process; ray: a Ray cluster (needs the ray extra)."),
    ] = Executor.local,
    ray_address: Annotated[
        str | None,
        typer.Option(help="Ray cluster to join (ray://... or host:port); default: a local Ray."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=0,
            help="Processes for the offline engine's work: with a model, checking its "
            "answers; without one, extracting (one per core; 0: in this process).",
        ),
    ] = 0,
    loops: Annotated[
        int,
        typer.Option(
            min=1,
            help="With a model: request loops, each in its own process with its share of "
            "--concurrency and its own HTTP client (1: one loop, in this process).",
        ),
    ] = 1,
    *,
    engine_options: dict[str, Any],
) -> None:
    """Extract every article under PATH... into JSON lines, one per input."""
    with errors_exit():
        extractor = Extractor(**engine_options)
    options = InputOptions(include or [], exclude or [], text_field, id_field)
    plan = plan_run(paths, options, output=output, retry_failed=retry_failed, limit=limit)
    cached = extractor.engine.cacheable and not no_cache
    local = executor is Executor.local
    local_model = local and extractor.engine.backend is not None
    offline_workers = local and not local_model and workers > 0
    looped = (local_model and loops > 1) or offline_workers
    if cached and not looped:  # each loop opens the cache itself, after the fork
        extractor.cache = ExtractionCache(cache_dir)
    with errors_exit():
        _refuse_mixes(batch_api, executor, workers, loops, model=local_model)
    if local and not local_model and not workers and not batch_api:
        _suggest_workers(plan.total)
    if batch_api:  # a provider's batch API instead of live requests
        from .batch_api import run_batch_api  # only here: the batch API's modules

        run_batch_api(extractor, plan, output, poll_interval, concurrency)
        return
    if looped:  # forked first, before the writer and the progress bar's thread
        count = workers if offline_workers else loops
        with _request_loops(
            count, concurrency, engine_options, cache_dir, cached, extractor
        ) as pool:
            writer = ResultWriter(output, plan.previous)
            progress = RunProgress(stderr, plan.total, extractor.engine.backend)
            with closing_run(writer, extractor, progress, plan), progress, errors_exit():
                _write_finished(pool.lines(plan.items), writer, progress)
        return
    writer = ResultWriter(output, plan.previous)
    progress = RunProgress(stderr, plan.total, extractor.engine.backend)
    checks = check_pool(workers if local_model else 0)  # Ray actors check their own
    with closing_run(writer, extractor, progress, plan), checks as extractor.checks, progress:
        if executor is Executor.ray:
            from ..batch.ray_executor import ray_lines  # only here: Ray's glue

            with errors_exit():
                finished = ray_lines(
                    plan.items,
                    engine_options=engine_options,
                    concurrency=concurrency,
                    address=ray_address,
                    llm=extractor.engine.backend is not None,
                    engine_name=extractor.engine.name,
                )
            _write_finished(finished, writer, progress)
            return
        for line in extract_many(plan.items, concurrency=concurrency, extractor=extractor):
            writer.write(line)
            progress.add(line)


def _write_finished(
    finished: Iterable[Finished], writer: ResultWriter, progress: RunProgress
) -> None:
    """Lines made in another process (a request loop, a Ray actor): each written as its
    JSON text came, and counted from its head."""
    for head, text in finished:
        writer.write_text(text)
        progress.add(head)


#: From how many articles an offline run on one core of several says --workers exists.
SUGGEST_WORKERS_FROM = 500


def _suggest_workers(total: int) -> None:
    """A long offline run on one core of several: say once how to use the others."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if total >= SUGGEST_WORKERS_FROM and cores and cores > 1:
        stderr.print(
            f"extractor: note: the offline engine extracts on one core; --workers {cores} "
            f"would use the {cores} this machine gives it",
            highlight=False,
        )


def _refuse_mixes(
    batch_api: bool, executor: Executor, workers: int, loops: int, *, model: bool
) -> None:
    """The options that do not go together, said before any line is written."""
    if loops > 1 and not model and executor is Executor.local and not batch_api:
        raise ConfigurationError(
            "--loops runs request loops for a model; the offline engine runs in "
            "processes with --workers N (one per core)"
        )
    if batch_api and (executor is not Executor.local or workers or loops > 1):
        raise ConfigurationError(
            "--batch-api runs in this process: leave out --executor ray, --workers and --loops"
        )
    if loops > 1 and (executor is not Executor.local or workers):
        raise ConfigurationError(
            "--loops runs its loops on this machine, each checking its own answers: "
            "leave out --executor ray and --workers"
        )


def _request_loops(
    loops: int,
    concurrency: int,
    engine_options: dict[str, Any],
    cache_dir: Path | None,
    cached: bool,
    sample: Extractor,
) -> RequestLoops:
    """``loops`` request loops, each making its own `Extractor` (and cache) after the fork."""

    if cached:  # opened (and closed) here first, so a cache that cannot be opened stops
        ExtractionCache(cache_dir).close()  # the run now, not every loop in turn

    def setup() -> Extractor:
        extractor = Extractor(**engine_options)
        if cached:
            extractor.cache = ExtractionCache(cache_dir)
        return extractor

    return RequestLoops(loops, concurrency, setup, sample)
