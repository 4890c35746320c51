"""Extract many articles concurrently: `plan_run`, `aextract_many`, `extract_many`.

Work is bounded: at most ``concurrency`` articles are in flight and only those
are held in memory, so a folder of 10,000 articles needs no more memory than a
folder of 100. Every input yields exactly one result line, a success or an
error record; nothing raised for one article stops the others.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import threading
from collections.abc import AsyncIterator, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..api import ExtractionStore, Extractor
from ..errors import ConfigurationError, ExtractorError
from ..read.article import load_article
from . import eventloop
from .inputs import InputError, InputOptions, Item, count_inputs, iter_inputs
from .line import extract_one
from .loops import RequestLoops
from .results import Previous, read_previous

BatchInput = Item | InputError | str | os.PathLike[str]


@dataclass(slots=True)
class RunPlan:
    """What a run over some inputs has left to do, given what its results file holds.

    ``items`` yields the inputs still to do, in order (at most ``limit``);
    ``skipped`` counts, as ``items`` is consumed, the inputs done by an earlier
    run; ``total`` estimates how many ``items`` will yield (for a progress bar).
    """

    items: Iterator[Item | InputError]
    total: int
    previous: Previous
    skipped: int = 0
    retry_failed: bool = False
    limit: int | None = None


def plan_run(
    paths: Iterable[str],
    options: InputOptions | None = None,
    *,
    output: Path | None = None,
    retry_failed: bool = False,
    limit: int | None = None,
) -> RunPlan:
    """Resume and counting for a run: skip what ``output`` already holds.

    An input whose earlier line is ``ok`` is skipped; one whose line is an
    ``error`` is skipped too unless ``retry_failed``. The results file itself is
    never read as an input, even inside an input folder.
    """
    paths = list(paths)
    options = options or InputOptions()
    if output is not None:
        options.skip.add(output.resolve())
    previous = read_previous(output) if output is not None else Previous({}, 0)
    done_before = sum(
        1 for s in previous.status.values() if s == "ok" or (s == "error" and not retry_failed)
    )
    total = max(0, count_inputs(paths, options) - done_before)
    if limit is not None:
        total = min(total, limit)
    plan = RunPlan(iter(()), total, previous, retry_failed=retry_failed, limit=limit)
    plan.items = _todo(plan, iter_inputs(paths, options))
    return plan


def _todo(plan: RunPlan, inputs: Iterator[Item | InputError]) -> Iterator[Item | InputError]:
    taken = 0
    for item in inputs:
        status = plan.previous.status.get(item.id)
        if status == "ok" or (status == "error" and not plan.retry_failed):
            plan.skipped += 1
            continue
        if plan.limit is not None and taken >= plan.limit:
            return
        taken += 1
        yield item


def _as_item(n: int, value: BatchInput) -> Item | InputError:
    if isinstance(value, Item | InputError):
        return value
    try:
        article = load_article(value)
    except ExtractorError as exc:
        return InputError(str(value), str(value), exc)
    return Item(article.source or f"item-{n}", article.source or "", article)


async def aextract_many(
    items: Iterable[BatchInput],
    *,
    concurrency: int = 8,
    workers: int = 0,
    extractor: Extractor | None = None,
    cache: ExtractionStore | None = None,
    **options: Any,
) -> AsyncIterator[dict[str, Any]]:
    """Yield one result line per input as each finishes (not in input order).

    ``items``: `Item`/`InputError` records (see `plan_run`), paths or texts.
    ``extractor``, or the `Extractor` options (``model=``, ``engine=`` ...) to make one;
    ``cache``: a store of extractions (used for engines worth caching);
    ``workers``: extract in that many forked processes (`in_processes`).
    """
    if workers > 0:
        lines = in_processes(
            items, workers, concurrency=concurrency, extractor=extractor, cache=cache, **options
        )
        loop = asyncio.get_running_loop()
        try:  # the processes are forked, and their lines read, in a helper thread
            while (line := await loop.run_in_executor(None, next, lines, None)) is not None:
                yield line
        finally:
            lines.close()
        return
    extractor = extractor or Extractor(**options)
    if cache is not None and extractor.engine.cacheable:
        extractor.cache = cache
    in_flight: set[asyncio.Task[dict[str, Any]]] = set()
    for n, value in enumerate(items, 1):
        if len(in_flight) >= max(1, concurrency):
            done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                yield task.result()
        item = _as_item(n, value)
        in_flight.add(asyncio.ensure_future(extract_one(extractor, item)))
    while in_flight:
        done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            yield task.result()


def extract_many(
    items: Iterable[BatchInput], *, concurrency: int = 8, workers: int = 0, **options: Any
) -> Iterator[dict[str, Any]]:
    """The synchronous form of `aextract_many`: runs an event loop in a helper thread
    (`eventloop`: uvloop's where it is installed), or with ``workers``, `in_processes`."""
    if workers > 0:
        yield from in_processes(items, workers, concurrency=concurrency, **options)
        return
    lines: queue.Queue[Any] = queue.Queue(maxsize=max(1, concurrency) * 2)
    done = object()

    async def pump() -> None:
        async for line in aextract_many(items, concurrency=concurrency, **options):
            lines.put(line)

    def run() -> None:
        try:
            eventloop.run(pump())  # uvloop's loop where it is installed
        except BaseException as exc:  # surfaced in the caller's thread
            lines.put(exc)
        finally:
            lines.put(done)

    thread = threading.Thread(target=run, name="extractor-batch", daemon=True)
    thread.start()
    while (line := lines.get()) is not done:
        if isinstance(line, BaseException):
            raise line
        yield line
    thread.join()


def in_processes(
    items: Iterable[BatchInput],
    workers: int,
    *,
    concurrency: int = 8,
    extractor: Extractor | None = None,
    cache: ExtractionStore | None = None,
    **options: Any,
) -> Generator[dict[str, Any], None, None]:
    """One result line per input, extracted in ``workers`` forked processes (the
    `loops.RequestLoops` of ``extractor run --workers/--loops``): the offline engine
    one article at a time in each, so one process per core uses the machine; a model
    with its own HTTP client in each and its share of ``concurrency``. Each process
    makes its `Extractor` from ``options`` after the fork, or takes on ``extractor``.
    The inputs are read here and dealt out one at a time to whichever has room; the
    processes end when the iteration does (or is closed)."""
    if cache is not None:
        raise ConfigurationError(
            "cache= does not go with workers=: each process would share one store "
            "(extractor run --workers/--loops opens the cache in each process)"
        )
    sample = extractor or Extractor(**options)

    def setup() -> Extractor:
        return extractor if extractor is not None else Extractor(**options)

    with RequestLoops(workers, concurrency, setup, sample) as pool:
        for _, text in pool.lines(_as_item(n, value) for n, value in enumerate(items, 1)):
            yield json.loads(text)
