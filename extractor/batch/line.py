"""One article's results line: its extraction awaited, then an ok line, or an error
line for whatever it raised (a bug must not lose the article or stop the batch)."""

from __future__ import annotations

import time
from collections.abc import Awaitable
from typing import Any

from ..api import Extractor
from ..schema import Extraction
from .inputs import InputError, Item
from .results import error_line, ok_line


async def extract_one(extractor: Extractor, item: Item | InputError) -> dict[str, Any]:
    meta: dict[str, Any] = {"engine": extractor.engine.name}
    if isinstance(item, InputError):
        return error_line(item.id, item.path, None, item.error, meta)
    return await line_of(item, extractor.aextract(item.article), meta)


async def line_of(
    item: Item, extraction: Awaitable[Extraction], meta: dict[str, Any]
) -> dict[str, Any]:
    """The results line of one article from its extraction as it finishes (an ok line,
    or an error line for whatever it raised), with the run's ``meta`` filled in."""
    started = time.perf_counter()
    try:
        done = await extraction
    except Exception as exc:  # a bug must not lose the article or stop the batch
        meta["elapsed_s"] = round(time.perf_counter() - started, 3)
        requests = getattr(exc, "requests", None)
        if requests is not None:
            meta["requests"] = requests
        return error_line(item.id, item.path, item.text, exc, meta)
    m = done.meta
    meta.update(
        encoding=item.article.encoding,
        model=m.model,
        prompt_version=m.prompt_version,
        usage=m.usage.model_dump(),
        requests=0 if m.cached else m.requests,
        attempts=0 if m.cached else m.attempts,
        cached=m.cached,
        elapsed_s=round(time.perf_counter() - started, 3),
    )
    return ok_line(item.id, item.path, item.text, done, meta)
