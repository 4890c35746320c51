"""What a person watching a batch sees: a progress bar and a closing summary table."""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from .pricing import estimate


class RunProgress:
    """Counts of a run, shown live on stderr."""

    def __init__(self, console: Console, total: int, backend: Any = None) -> None:
        self.model = backend.label if backend is not None else None
        self.ok = self.failed = self.skipped = self.cached = 0
        self.requests = self.input_tokens = self.output_tokens = 0
        self.started = time.perf_counter()
        self._bar = Progress(
            TextColumn("[bold]extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            TextColumn("{task.fields[rate]:.1f}/s"),
            TextColumn("{task.fields[tokens]:,} tokens"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._task = self._bar.add_task("run", total=total or None, failed=0, rate=0.0, tokens=0)

    def __enter__(self) -> RunProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def add(self, line: dict[str, Any]) -> None:
        meta = line.get("meta") or {}
        if line["status"] == "ok":
            self.ok += 1
        else:
            self.failed += 1
        self.cached += int(bool(meta.get("cached")))
        self.requests += int(meta.get("requests") or 0)
        usage = meta.get("usage") or {}
        self.input_tokens += int(usage.get("input_tokens") or 0)
        self.output_tokens += int(usage.get("output_tokens") or 0)
        done = self.ok + self.failed
        self._bar.update(
            self._task,
            completed=done,
            failed=self.failed,
            rate=done / max(self.elapsed, 1e-9),
            tokens=self.input_tokens + self.output_tokens,
        )

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def summary_table(run: RunProgress) -> Table:
    done = run.ok + run.failed
    cost = estimate(run.model, run.input_tokens, run.output_tokens)
    table = Table(title="run summary", show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    rows = [
        ("ok", f"{run.ok:,}"),
        ("failed", f"[red]{run.failed:,}[/]" if run.failed else "0"),
        ("skipped (done before)", f"{run.skipped:,}"),
        ("from cache", f"{run.cached:,}"),
        ("requests", f"{run.requests:,}"),
        ("input tokens", f"{run.input_tokens:,}"),
        ("output tokens", f"{run.output_tokens:,}"),
        ("estimated cost", _cost(run.model, cost)),
        ("wall time", f"{run.elapsed:,.1f} s"),
        ("articles per second", f"{done / max(run.elapsed, 1e-9):,.1f}"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def _cost(model: str | None, cost: float | None) -> str:
    if model is None:
        return "none (offline engine)"
    return f"${cost:,.4f}" if cost is not None else f"unknown price for {model}"
