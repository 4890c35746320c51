"""``extractor run PATH...``: every article into one resumable JSON-lines file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..api import Extractor
from ..batch.cache import ExtractionCache
from ..batch.inputs import InputOptions
from ..batch.progress import RunProgress
from ..batch.results import ResultWriter
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
            min=0, help="Processes that check model answers with the offline engine (0: in line)."
        ),
    ] = 0,
    *,
    engine_options: dict[str, Any],
) -> None:
    """Extract every article under PATH... into JSON lines, one per input."""
    with errors_exit():
        extractor = Extractor(**engine_options)
    options = InputOptions(include or [], exclude or [], text_field, id_field)
    plan = plan_run(paths, options, output=output, retry_failed=retry_failed, limit=limit)
    if extractor.engine.cacheable and not no_cache:
        extractor.cache = ExtractionCache(cache_dir)
    if batch_api:  # a provider's batch API instead of live requests
        if executor is not Executor.local or workers:
            with errors_exit():
                raise ConfigurationError(
                    "--batch-api runs in this process: leave out --executor ray and --workers"
                )
        from .batch_api import run_batch_api  # only here: the batch API's modules

        run_batch_api(extractor, plan, output, poll_interval, concurrency)
        return
    writer = ResultWriter(output, plan.previous)
    progress = RunProgress(stderr, plan.total, extractor.engine.backend)
    local_model = executor is Executor.local and extractor.engine.backend is not None
    checks = check_pool(workers if local_model else 0)  # Ray actors check their own
    with closing_run(writer, extractor, progress, plan), checks as extractor.checks, progress:
        if executor is Executor.ray:
            from ..batch.ray_executor import ray_lines  # only here: Ray's glue

            with errors_exit():
                lines = ray_lines(
                    plan.items,
                    engine_options=engine_options,
                    concurrency=concurrency,
                    address=ray_address,
                    llm=extractor.engine.backend is not None,
                    engine_name=extractor.engine.name,
                )
        else:
            lines = extract_many(plan.items, concurrency=concurrency, extractor=extractor)
        for line in lines:
            writer.write(line)
            progress.add(line)
