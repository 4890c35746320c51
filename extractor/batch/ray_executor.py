"""Run a batch on a Ray cluster with Ray Data (``extractor run ... --executor ray``).

What runs where: the driver (the process running ``extractor run``) discovers the
inputs and skips those done before (`plan_run`, as a local run does), hands the
articles to Ray Data in windows of `WINDOW` rows, and writes every line into the
one results file through the one `ResultWriter` as the lines stream back
(``iter_rows``). ``map_batches`` runs a pool of `ExtractorActor` actors on the
cluster's workers, each with its own `Extractor`: one actor per CPU for the
offline engine (CPU-bound); for a model, fewer actors, each with an asyncio pool
of ``concurrency`` articles in flight. A line is written only on the driver, so a
killed driver loses nothing that a rerun does not redo, and the rerun skips every
id already in the file: exactly once.

With a model, one `SharedPause` actor holds the cluster's rate-limit pause: each
extractor actor reports the 429 pause its own transports hold and takes on the
longest one in the cluster, every `SYNC_S` seconds and before each batch, so a
429 seen on one node holds every node back (within that lag).

Ray is imported only here and only when this executor is chosen: the base install
never needs it (``pip install 'extractor[ray]'``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import chain, islice
from typing import Any

from ..errors import ConfigurationError
from ..read.article import Article
from .inputs import InputError, Item
from .line import extract_one
from .pause import pause_until, take_pause
from .results import Finished, error_line, head, json_text

#: Rows handed to Ray Data at a time: the driver holds at most this many articles.
WINDOW = 20_000
#: Rows per Ray Data block (each block is one task on an actor): Ray Data's default of
#: 200 blocks a dataset cost the driver ~1 s to make for 10,000 articles here, before any
#: work began (~4.5 ms a block), and a task of a few rows each; 512 rows keep that to
#: 0.2 s, and a killed driver loses at most one block per actor of work in flight.
ROWS_PER_BLOCK = 512
#: How often an actor shares its rate-limit pause with the others (seconds).
SYNC_S = 0.2


class SharedPause:
    """The cluster's rate-limit pause, as a wall-clock time (a Ray actor, one per run)."""

    def __init__(self) -> None:
        self.until = 0.0

    def note(self, until: float) -> float:
        """Take a pause that one actor holds (until ``until``); the longest so far."""
        self.until = max(self.until, until)
        return self.until


async def _share_pause(pause: Any) -> None:
    """Report this process's pause to ``pause`` and take on the cluster's."""
    take_pause(await pause.note.remote(pause_until()))


class ExtractorActor:
    """One Ray actor: an `Extractor` made once, extracting a batch of rows at a time.

    A batch is a dict of columns (``id``, ``path``, ``text``, ``source``,
    ``encoding``, ``format``); the answer is two columns of JSON text: ``line``, each
    row's result line exactly as the local executor writes it, and ``head``, its
    ``status`` and ``meta`` for the run's progress and summary. Text, not nested dicts,
    so that Ray Data builds no Arrow schema for every extraction, and the driver writes
    the line as it came, with no parse and no second serialisation.
    """

    def __init__(self, engine_options: dict[str, Any], concurrency: int, pause: Any = None) -> None:
        from ..api import Extractor

        self.extractor = Extractor(**engine_options)
        self.concurrency = max(1, concurrency)
        self.pause = pause  # the run's SharedPause (with a model), else None
        self._sharing: asyncio.Task[None] | None = None

    async def _keep_sharing(self) -> None:
        while True:
            await asyncio.sleep(SYNC_S)
            await _share_pause(self.pause)

    async def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        if self.pause is not None:
            await _share_pause(self.pause)  # a pause begun elsewhere holds this batch too
            if self._sharing is None:
                self._sharing = asyncio.ensure_future(self._keep_sharing())
        items = [
            Item(
                str(batch["id"][n]),
                str(batch["path"][n]),
                Article(
                    str(batch["text"][n]),
                    source=batch["source"][n] or None,
                    encoding=str(batch["encoding"][n]),
                    format=batch["format"][n],
                ),
            )
            for n in range(len(batch["id"]))
        ]
        gate = asyncio.Semaphore(self.concurrency)

        async def one(item: Item) -> dict[str, Any]:
            async with gate:
                return await extract_one(self.extractor, item)

        lines = await asyncio.gather(*(one(item) for item in items))
        return {
            "head": [json_text(head(line)) for line in lines],
            "line": [json_text(line) for line in lines],
        }


def _row(item: Item) -> dict[str, Any]:
    article = item.article
    return {
        "id": item.id,
        "path": item.path,
        "text": article.text,
        "source": article.source or "",
        "encoding": article.encoding,
        "format": article.format,
    }


def _usable_cpus() -> int:
    """The CPUs this process may run on (taskset, cgroup cpusets), else all of them."""
    affinity = getattr(os, "sched_getaffinity", None)  # Linux only
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def start_ray(address: str | None) -> Any:
    """Connect to the cluster at ``address``, or start a local Ray in this process."""
    try:
        import ray as ray_module
    except ImportError as exc:
        raise ConfigurationError("--executor ray needs Ray: pip install 'extractor[ray]'") from exc
    ray: Any = ray_module
    if ray.is_initialized():
        return ray
    quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.WARNING}
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            # No idle workers started ahead: Ray Data's actors each start their own
            # process, so those would only take CPU from the run's start (~1 s here).
            prestart = {"enable_worker_prestart": False, "prestart_worker_first_driver": False}
            ray.init(
                num_cpus=_usable_cpus(),
                include_dashboard=False,
                _system_config=prestart,
                **quiet,
            )
    except Exception as exc:  # Ray raises several kinds for a cluster it cannot reach
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise ConfigurationError(f"cannot start or join {where}: {exc}") from exc
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the run's own bar says how far it is
    context.print_on_execution_start = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return ray


def ray_lines(
    items: Iterable[Item | InputError],
    *,
    engine_options: dict[str, Any],
    concurrency: int = 8,
    address: str | None = None,
    actors: int | None = None,
    llm: bool = False,
    engine_name: str = "rules",
    window: int = WINDOW,
) -> Iterator[Finished]:
    """Start or join Ray now, then yield one result line per input, extracted on Ray
    (not in input order): its ``status`` and ``meta``, and its JSON text.

    ``actors``: the size of the actor pool (default: one per CPU of the cluster for
    the offline engine, one per two CPUs for a model, at least one); ``llm``: the
    engine asks a model, so each actor keeps ``concurrency`` articles in flight
    (the offline engine works one article at a time per actor).
    """
    iterator = iter(items)
    with ThreadPoolExecutor(1, thread_name_prefix="extractor-read") as reader:
        # the first window of inputs is read (files, decoding) while Ray starts, which
        # is mostly waiting on Ray's own processes: seconds of a large run's start-up
        first = reader.submit(lambda: list(islice(iterator, window)))
        ray = start_ray(address)
        first_window = first.result()
    cpus = int(ray.cluster_resources().get("CPU", 1))
    pool = actors or (max(1, cpus // 2) if llm else max(1, cpus))
    per_actor = concurrency if llm else 1
    pause = ray.remote(num_cpus=0)(SharedPause).remote() if llm else None
    options = {"engine_options": engine_options, "concurrency": per_actor, "pause": pause}
    return _stream(ray, chain(first_window, iterator), options, pool, llm, engine_name, window)


def _stream(
    ray: Any,
    iterator: Iterator[Item | InputError],
    options: dict[str, Any],
    pool: int,
    llm: bool,
    engine_name: str,
    window: int,
) -> Iterator[Finished]:
    batch_size = max(1, options["concurrency"]) * (4 if llm else 16)
    while window_items := list(islice(iterator, window)):
        rows = []
        for item in window_items:
            if isinstance(item, InputError):
                line = error_line(item.id, item.path, None, item.error, {"engine": engine_name})
                yield head(line), json_text(line)
            else:
                rows.append(_row(item))
        del window_items
        if not rows:
            continue
        blocks = min(len(rows), max(4 * pool, -(-len(rows) // ROWS_PER_BLOCK)))
        dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
            ExtractorActor,
            fn_constructor_kwargs=options,
            batch_size=batch_size,
            batch_format="default",
            compute=ray.data.ActorPoolStrategy(size=min(pool, -(-len(rows) // batch_size))),
            num_cpus=1 if not llm else 0.5,
        )
        del rows
        for row in dataset.iter_rows():
            yield json.loads(row["head"]), row["line"]
