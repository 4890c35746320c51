"""Wait for batches to finish: poll with capped backoff, show each batch's state.

A batch takes minutes to hours, so polling starts at ``interval`` seconds and
backs off by ``factor`` up to ``max_interval``. The sleep is injectable, so
tests poll a local server without waiting. Every poll is saved to the state
file: a rerun shows where each batch stood.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from .state import BatchState, Job


@dataclass(frozen=True, slots=True)
class PollPolicy:
    interval: float = 10.0  # seconds before the first poll again
    max_interval: float = 300.0
    factor: float = 1.5


class BatchProgress:
    """One bar per batch: its id, status, and requests done of all."""

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("[bold]batch {task.fields[batch]}"),
            TextColumn("{task.fields[status]:<11}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._tasks: dict[int, TaskID] = {}

    def __enter__(self) -> BatchProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def show(self, job: Job) -> None:
        total = job.counts.get("total") or sum(len(a[1]) for a in job.articles.values())
        done = job.counts.get("completed", 0) + job.counts.get("failed", 0)
        fields: dict[str, Any] = {"batch": job.batch_id or "?", "status": job.status}
        fields["failed"] = job.counts.get("failed", 0)
        if job.number not in self._tasks:
            self._tasks[job.number] = self._bar.add_task("batch", total=total, **fields)
        self._bar.update(self._tasks[job.number], total=total, completed=done, **fields)


def wait_for(
    client: Any,
    state: BatchState,
    jobs: list[Job],
    progress: BatchProgress,
    policy: PollPolicy,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Poll every job in ``jobs`` until each has finished (completed, failed, expired
    or cancelled)."""
    delay = policy.interval
    for job in jobs:
        progress.show(job)
    while True:
        for job in jobs:
            if job.finished:
                continue
            job.update(client.batches.retrieve(job.batch_id))
            progress.show(job)
        state.save()
        if all(job.finished for job in jobs):
            return
        sleep(delay)
        delay = min(delay * policy.factor, policy.max_interval)
