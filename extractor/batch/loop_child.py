"""One request loop of ``extractor run --loops N``: what runs in each forked process.

A loop is a process forked by `loops.RequestLoops` before the run starts its
threads. It makes its own `Extractor` (so its own HTTP clients, opened after the
fork: no socket, lock or event loop of the parent's), runs its own event loop
(`eventloop`: uvloop's where installed) and keeps up to its share of the run's
concurrency in flight. It reads nothing from disk and writes no results file: the
parent sends it articles and it sends back, per article, the finished results line
as JSON text (with its status and meta, for the parent's progress bar).

Messages both ways are frames: a 4-byte length, then a pickled list of tuples.
Parent to loop: ``("item", seq, Item)``, ``("modes", ModePlan)``. Loop to parent:
``("line", seq, status, meta, json_text)``, ``("modes", ModePlan)`` (sent once,
when this loop learned which structured-output mode the server takes).

Shared between the loops: the rate-limit pause, through a `board` of wall-clock
times in shared memory (each loop writes the pause it holds into its slot every
`PAUSE_TICK_S` seconds and takes on the longest of all slots); the mode probe, through
the parent (it deals one article at a time until a loop reports the mode, then
hands that loop's `ModePlan` to the others).

A loop ignores SIGINT (Ctrl-C is the parent's to handle) and ends when its socket
closes (the parent is done, stopped or killed) or when its parent changes (checked
every tick): it never outlives the run.
"""

from __future__ import annotations

import asyncio
import gc
import os
import pickle
import signal
import socket
import struct
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn

from ..api import Extractor
from . import eventloop
from .inputs import Item
from .line import extract_one
from .pause import pause_until, take_pause
from .results import error_line, json_text

#: How often a loop shares its rate-limit pause and checks that its parent lives (s).
PAUSE_TICK_S = 0.05
_HEADER = struct.Struct(">I")


def frame(messages: Sequence[tuple[Any, ...]]) -> bytes:
    """Messages as one frame: a 4-byte length, then the pickled list."""
    body = pickle.dumps(list(messages), protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(body)) + body


def unframe(buffer: bytearray) -> Iterator[list[tuple[Any, ...]]]:
    """The complete frames at the start of ``buffer`` (consumed from it)."""
    while len(buffer) >= _HEADER.size:
        (size,) = _HEADER.unpack_from(buffer)
        if len(buffer) < _HEADER.size + size:
            return
        body = bytes(buffer[_HEADER.size : _HEADER.size + size])
        del buffer[: _HEADER.size + size]
        yield pickle.loads(body)


def modes_settled(extractor: Extractor) -> bool:
    """Whether the engine knows the mode its server takes (or needs none): no probe."""
    engine = extractor.engine
    plan = getattr(engine, "modes", None)
    if plan is None:
        return True
    return bool(plan.settled(getattr(engine, "_server", None)))


def run_loop(
    index: int,
    sock: socket.socket,
    setup: Callable[[], Extractor],
    concurrency: int,
    board: Any,
    parent: int,
) -> NoReturn:
    """The body of a forked loop: never returns (the process ends with `os._exit`, so
    nothing inherited from the parent, a buffered file or an atexit hook, runs here)."""
    code, extractor = 1, None
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        gc.freeze()  # the inherited heap (the SDK's modules) is never collected here
        extractor = setup()
        eventloop.run(_serve(sock, extractor, concurrency, board, index, parent))
        code = 0
    except BaseException:  # a bug: say it, and let the parent hand the articles on
        traceback.print_exc()
    finally:
        close = getattr(extractor.cache if extractor else None, "close", None)
        if close is not None:
            close()
        os._exit(code)


async def _serve(
    sock: socket.socket,
    extractor: Extractor,
    concurrency: int,
    board: Any,
    index: int,
    parent: int,
) -> None:
    reader, writer = await asyncio.open_connection(sock=sock)
    gate = asyncio.Semaphore(max(1, concurrency))
    tasks: set[asyncio.Task[None]] = set()
    reported = modes_settled(extractor)

    async def one(seq: int, item: Item) -> None:
        nonlocal reported
        try:
            async with gate:
                line = await extract_one(extractor, item)
            text = json_text(line)
        except Exception as exc:  # never leave the parent waiting for an article
            line = error_line(item.id, item.path, item.text, exc, {"engine": extractor.engine.name})
            text = json_text(line)
        out: list[tuple[Any, ...]] = [("line", seq, line["status"], line["meta"], text)]
        if not reported and modes_settled(extractor):
            reported = True
            out.append(("modes", getattr(extractor.engine, "modes", None)))
        writer.write(frame(out))

    ticker = asyncio.ensure_future(_share_pause(board, index, parent))
    buffer = bytearray()
    try:
        while data := await reader.read(1 << 20):
            buffer += data
            for messages in unframe(buffer):
                for kind, *rest in messages:
                    if kind == "item":
                        task = asyncio.ensure_future(one(*rest))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
                    elif kind == "modes" and not modes_settled(extractor):
                        extractor.engine.modes = rest[0]  # type: ignore[attr-defined]
                        reported = True
    finally:  # the parent closed the socket: done, stopped or gone
        ticker.cancel()
        for task in list(tasks):
            task.cancel()


async def _share_pause(board: Any, index: int, parent: int) -> None:
    """Every tick: write this loop's pause into its slot, take on the longest slot;
    end the process when the parent is gone (it was reparented)."""
    while True:
        await asyncio.sleep(PAUSE_TICK_S)
        if os.getppid() != parent:
            os._exit(0)
        board[index] = pause_until()
        take_pause(max(board))
