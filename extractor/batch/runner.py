"""Extract many articles concurrently: `aextract_many`, `extract_many`.

Work is bounded: at most ``concurrency`` articles are in flight and only those
are held in memory, so a folder of 10,000 articles needs no more memory than a
folder of 100. Every input yields exactly one result line, a success or an
error record; nothing raised for one article stops the others.
"""

from __future__ import annotations

import asyncio
import os
import queue
import threading
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from ..api import Extractor, note_encoding
from ..errors import ExtractorError
from ..read.article import Article, load_article, text_sha256
from .cache import ExtractionCache
from .inputs import InputError, Item
from .results import error_line, ok_line

BatchInput = Item | InputError | str | os.PathLike[str]


def _as_item(n: int, value: BatchInput) -> Item | InputError:
    if isinstance(value, Item | InputError):
        return value
    try:
        article = load_article(value)
    except ExtractorError as exc:
        return InputError(str(value), str(value), exc)
    item_id = article.source or f"item-{n}"
    return Item(item_id, article.source or "", article.text, encoding=article.encoding)


async def _extract_one(
    extractor: Extractor, item: Item | InputError, cache: ExtractionCache | None
) -> dict[str, Any]:
    engine = extractor.engine
    meta: dict[str, Any] = {"engine": engine.name}
    if isinstance(item, InputError):
        return error_line(item.id, item.path, None, item.error, meta)
    started = time.perf_counter()
    key = ExtractionCache.key(engine.identity(), text_sha256(item.text)) if cache else None
    try:
        cached = cache.get(key) if cache and key else None
        if cached is not None:
            extraction = cached
        else:
            extraction = await engine.aextract(
                Article(item.text, source=item.path, encoding=item.encoding)
            )
            if cache and key:
                cache.put(key, extraction)
    except ExtractorError as exc:
        meta["elapsed_s"] = round(time.perf_counter() - started, 3)
        return error_line(item.id, item.path, item.text, exc, meta)
    except Exception as exc:  # a bug must not lose the article or stop the batch
        meta["elapsed_s"] = round(time.perf_counter() - started, 3)
        return error_line(item.id, item.path, item.text, exc, meta)
    extraction = note_encoding(Article(item.text, item.path, item.encoding), extraction)
    m = extraction.meta
    meta.update(
        encoding=item.encoding,
        model=m.model,
        prompt_version=m.prompt_version,
        usage=m.usage.model_dump(),
        requests=0 if cached is not None else m.requests,
        attempts=0 if cached is not None else m.attempts,
        cached=cached is not None,
        elapsed_s=round(time.perf_counter() - started, 3),
    )
    return ok_line(item.id, item.path, item.text, extraction, meta)


async def aextract_many(
    items: Iterable[BatchInput],
    *,
    concurrency: int = 8,
    extractor: Extractor | None = None,
    cache: ExtractionCache | None = None,
    **options: Any,
) -> AsyncIterator[dict[str, Any]]:
    """Yield one result line per input as each finishes (not in input order)."""
    extractor = extractor or Extractor(**options)
    in_flight: set[asyncio.Task[dict[str, Any]]] = set()
    for n, value in enumerate(items, 1):
        if len(in_flight) >= max(1, concurrency):
            done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                yield task.result()
        item = _as_item(n, value)
        in_flight.add(asyncio.ensure_future(_extract_one(extractor, item, cache)))
    while in_flight:
        done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            yield task.result()


def extract_many(
    items: Iterable[BatchInput], *, concurrency: int = 8, **options: Any
) -> Iterator[dict[str, Any]]:
    """The synchronous form of `aextract_many`: runs an event loop in a helper thread."""
    lines: queue.Queue[Any] = queue.Queue(maxsize=max(1, concurrency) * 2)
    done = object()

    async def pump() -> None:
        async for line in aextract_many(items, concurrency=concurrency, **options):
            lines.put(line)

    def run() -> None:
        try:
            asyncio.run(pump())
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
