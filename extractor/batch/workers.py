"""Worker processes for the CPU work of a batch that need not sit on its event loop.

With a model, part of a batch's CPU time is the offline engine's check of each answer
(`crosscheck`: about 1 ms an article to find its direct quotes, 4 ms more to name
their speakers when the model missed one). `check_pool` makes a process pool for it
(``extractor run --workers N``): the pool finds each article's direct quotes while
its request is out, and checks in full the answers that miss one; the event loop
keeps the requests, the one rate of requests and the one results writer.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager


def _ready() -> bool:
    return True


@contextmanager
def check_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of ``workers`` processes, started now (None for 0 workers).

    The processes are forked before the batch starts its threads (the event loop,
    the progress bar): forking then copies the loaded modules and no held lock. They
    end with the pool, or by themselves when the parent is killed (their queue closes).
    """
    if workers <= 0:
        yield None
        return
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        pool.submit(_ready).result()  # on fork, the first task starts every worker
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
