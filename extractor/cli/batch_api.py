"""``extractor run --batch-api``: the run through a provider's batch API (see
`batch.batch_api.run`); the same results file, progress and summary as a live run."""

from __future__ import annotations

from pathlib import Path

from ..api import Extractor
from ..batch.batch_api.poll import PollPolicy
from ..batch.batch_api.run import BatchOptions, check_engine, run_batches
from ..batch.progress import RunProgress
from ..batch.results import ResultWriter
from ..batch.runner import RunPlan
from ..errors import ConfigurationError
from .options import closing_run, errors_exit, stderr


def run_batch_api(
    extractor: Extractor,
    plan: RunPlan,
    output: Path | None,
    poll_interval: float,
    concurrency: int,
) -> None:
    with errors_exit():
        check_engine(extractor)
        if output is None:
            raise ConfigurationError(
                "--batch-api needs --output: the state file that resumes it lives beside it"
            )
    writer = ResultWriter(output, plan.previous)
    progress = RunProgress(stderr, plan.total, extractor.engine.backend)
    options = BatchOptions(
        policy=PollPolicy(interval=poll_interval, max_interval=max(poll_interval, 300.0)),
        concurrency=concurrency,
    )
    with closing_run(writer, extractor, progress, plan), errors_exit():
        run_batches(extractor, plan, output, writer.write, progress, stderr, options)
