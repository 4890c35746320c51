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
        # Articles that failed after asking the model: what they cost is not known.
        self.requests_unknown = self.usage_unknown = 0
        # Through a provider's batch API: answers, and their tokens (at batch prices).
        self.batch_answers = self.batch_input_tokens = self.batch_output_tokens = 0
        self.total = total
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
        self._task = self._bar.add_task("run", total=total, failed=0, rate=0.0, tokens=0)

    def __enter__(self) -> RunProgress:
        if self.total > 0:  # nothing left to do: no bar at all, the summary says so
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
        attempted = self.model is not None and line["status"] != "ok" and "elapsed_s" in meta
        if attempted:
            self.usage_unknown += 1
            self.requests_unknown += int(meta.get("requests") is None)
        self.requests += int(meta.get("requests") or 0)
        usage = meta.get("usage") or {}
        self.input_tokens += int(usage.get("input_tokens") or 0)
        self.output_tokens += int(usage.get("output_tokens") or 0)
        batch_usage = (meta.get("batch") or {}).get("usage")
        if batch_usage:
            self.batch_answers += 1
            self.batch_input_tokens += int(batch_usage.get("input_tokens") or 0)
            self.batch_output_tokens += int(batch_usage.get("output_tokens") or 0)
        done = self.ok + self.failed
        self.total = max(self.total, done)  # the count before the run is an estimate
        self._bar.update(
            self._task,
            total=self.total,
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
    cost = _run_cost(run)
    table = Table(title="run summary", show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    rows = [
        ("ok", f"{run.ok:,}"),
        ("failed", f"[red]{run.failed:,}[/]" if run.failed else "0"),
        ("skipped (done before)", f"{run.skipped:,}"),
        ("from cache", f"{run.cached:,}"),
        ("requests", _at_least(run.requests, run.requests_unknown)),
        ("input tokens", _at_least(run.input_tokens, run.usage_unknown)),
        ("output tokens", _at_least(run.output_tokens, run.usage_unknown)),
        ("estimated cost", _cost(run.model, cost, run.usage_unknown)),
        *_batch_rows(run),
        ("wall time", f"{run.elapsed:,.1f} s"),
        ("articles per second", f"{done / max(run.elapsed, 1e-9):,.1f}"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def _run_cost(run: RunProgress) -> float | None:
    """Live tokens at live prices, batch-API tokens at batch prices."""
    batch_in, batch_out = run.batch_input_tokens, run.batch_output_tokens
    live = estimate(run.model, run.input_tokens - batch_in, run.output_tokens - batch_out)
    if not run.batch_answers or live is None:
        return live
    batch = estimate(run.model, batch_in, batch_out, batch=True)
    return None if batch is None else live + batch


def _batch_rows(run: RunProgress) -> list[tuple[str, str]]:
    if not run.batch_answers:
        return []
    batch = estimate(run.model, run.batch_input_tokens, run.batch_output_tokens, batch=True)
    tokens = run.batch_input_tokens + run.batch_output_tokens
    return [
        ("answered by batch API", f"{run.batch_answers:,} ({tokens:,} tokens)"),
        ("  of the cost, at batch prices", _cost(run.model, batch)),
    ]


def _at_least(count: int, unknown: int) -> str:
    """A count, or a floor when some failed articles' share of it is not known."""
    if not unknown:
        return f"{count:,}"
    return f"≥ {count:,} (unknown for {unknown:,} failed)"


def _cost(model: str | None, cost: float | None, unknown: int = 0) -> str:
    if model is None:
        return "none (offline engine)"
    if cost is None:
        return f"unknown price for {model}"
    return f"≥ ${cost:,.4f} (unknown for {unknown:,} failed)" if unknown else f"${cost:,.4f}"
