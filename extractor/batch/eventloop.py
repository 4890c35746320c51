"""The event loop a batch's requests run on: uvloop's where it is installed, else asyncio's.

A live batch spends part of each answer's CPU in the event loop itself (sockets,
callbacks, timers); uvloop's loop does that work in C. Against the latency server
(`benchmarks/run_throughput.py`'s articles, concurrency 32) it took 6-10 % less CPU
per article than asyncio's, the same requests and lines. uvloop is not built for
Windows: there, and wherever it is missing, asyncio's loop runs the batch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop]:
    """What makes a batch's event loop: uvloop's new_event_loop, else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop
    new_loop: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return new_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on the batch's event loop (see `loop_factory`)."""
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        return runner.run(main)
