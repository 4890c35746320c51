"""Several request loops for a batch, in forked processes (``extractor run --loops N``
with a model; ``--workers N`` with the offline engine).

With a model, each answer costs the tool ~4.5 ms of CPU on the event loop (the SDK,
httpx, instructor, the grounding): one loop cannot take more than ~200 answers a
second however fast the server is. The offline engine is CPU work from end to end,
on one core in one process. `RequestLoops` forks N processes, each running its own
event loop with its own engine and HTTP client (`loop_child`), and keeps everything
that must be one in this process, the parent:

- the inputs: read once, here (`plan_run`), and dealt out one article at a time to
  whichever loop has room (its share of ``concurrency`` in flight, plus `PREFETCH`
  waiting), so a slow loop never holds a queue of articles at the end of the run;
- the results file, the progress bar and the summary: each loop sends back every
  finished line as JSON text, which the caller writes through the one
  `ResultWriter` (exactly once, resumable, grouped syncs, as with one loop);
- the mode probe: while the server's structured-output mode is not known, one
  article at a time is out; the loop that learns the mode reports it and the
  parent hands it to the others (one probe per run, as with one loop);
- the rate-limit pause: a board in shared memory (see `loop_child`).

A loop that dies (killed, out of memory) loses nothing: the articles it had are
dealt to the others; one that was out when two loops died gets an error line
(`LoopDiedError`) rather than killing a third. When no loop is left the run stops
with `LoopsLostError` after writing what finished; a rerun does the rest.
Ctrl-C (SIGINT) and SIGTERM stop the run: the loops are ended, the results file
is closed (synced) and what was in flight is done by a rerun.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import multiprocessing
import os
import selectors
import signal
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from ..api import Extractor
from ..errors import ExtractorError
from ..read.article import Article
from . import eventloop
from .inputs import InputError, Item
from .loop_child import frame, modes_settled, run_loop, unframe
from .results import Finished, error_line, head, json_text

#: Articles a loop may hold beyond its share of the concurrency, waiting for a slot
#: (so a slot freed is filled without a round trip to the parent).
PREFETCH = 2
#: How long the loops get to end by themselves when the run closes (s).
GRACE_S = 3.0


class LoopDiedError(ExtractorError):
    """The error line of an article that was out when two request loops died."""

    code = "loop_died"


class LoopsLostError(ExtractorError):
    """Every request loop of the run died: the run stops (a rerun does the rest)."""

    code = "loops_lost"


@dataclass(eq=False)
class _Loop:
    index: int
    pid: int
    sock: socket.socket
    share: int  # of the run's concurrency
    inbox: bytearray = field(default_factory=bytearray)
    outbox: bytearray = field(default_factory=bytearray)
    out: dict[int, Item] = field(default_factory=dict)  # seq -> article, sent, no line yet

    def room(self) -> int:
        return self.share + PREFETCH - len(self.out)


def shares(concurrency: int, loops: int) -> list[int]:
    """``concurrency`` split over ``loops`` (as even as can be; no loop without one)."""
    loops = max(1, min(loops, concurrency))
    return [concurrency // loops + (n < concurrency % loops) for n in range(loops)]


class RequestLoops:
    """``loops`` request loops, forked when entered (before the run starts any thread)
    and ended when left (with the offline engine, each takes one article at a time
    whatever ``concurrency``). ``setup`` makes each loop's `Extractor`, in the loop, after
    the fork; ``sample`` is the parent's (what the engine is, whether a mode must be
    probed; the SDK is imported through it before the fork, so the loops share it)."""

    def __init__(
        self,
        loops: int,
        concurrency: int,
        setup: Callable[[], Extractor],
        sample: Extractor,
    ) -> None:
        self.setup = setup
        self.sample = sample
        # The offline engine is CPU-bound: one article at a time in each process.
        offline = getattr(sample.engine, "backend", None) is None
        self.split = [1] * loops if offline else shares(concurrency, loops)
        self.loops: list[_Loop] = []
        self._selector: selectors.BaseSelector | None = None
        self._old_sigterm: Any = None
        self._last_death = ""

    # -- starting and ending ----------------------------------------------------------

    def __enter__(self) -> RequestLoops:
        warm_imports(self.sample)
        try:
            self._start()
        except BaseException:  # a fork that failed: end the loops already started
            self.close()
            raise
        if threading.current_thread() is threading.main_thread():
            self._old_sigterm = signal.signal(signal.SIGTERM, _stop_on_sigterm)
        return self

    def _start(self) -> None:
        board = multiprocessing.RawArray("d", len(self.split))  # shared, made before forking
        parent = os.getpid()
        for index, share in enumerate(self.split):
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:  # the loop: keep only its own end
                ours.close()
                for loop in self.loops:
                    loop.sock.close()
                run_loop(index, theirs, self.setup, share, board, parent)
            theirs.close()
            ours.setblocking(False)
            self.loops.append(_Loop(index, pid, ours, share))
        self._selector = selectors.DefaultSelector()
        for loop in self.loops:
            self._selector.register(loop.sock, selectors.EVENT_READ, loop)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """End every loop: its socket closes, it exits; killed if it has not in time."""
        if self._old_sigterm is not None:
            signal.signal(signal.SIGTERM, self._old_sigterm)
            self._old_sigterm = None
        if self._selector is not None:
            self._selector.close()
            self._selector = None
        for loop in self.loops:
            loop.sock.close()
        deadline = time.monotonic() + GRACE_S
        for loop in self.loops:
            _reap(loop.pid, max(0.0, deadline - time.monotonic()))
        self.loops = []

    @property
    def pids(self) -> list[int]:
        """The processes of the loops still running."""
        return [loop.pid for loop in self.loops]

    # -- the run ----------------------------------------------------------------------

    def lines(self, items: Iterable[Item | InputError]) -> Iterator[Finished]:
        """One finished line per input (not in input order), as each arrives."""
        assert self._selector is not None, "enter the RequestLoops first"
        selector = self._selector
        source, pending = iter(items), deque[Item]()
        deaths: Counter[str] = Counter()
        engine = self.sample.engine.name
        settled, exhausted, seq = modes_settled(self.sample), False, 0
        while True:
            while not exhausted or pending:  # deal while a loop has room
                if not settled and any(loop.out for loop in self.loops):
                    break  # probing: one article at a time until the mode is known
                loop = max(self.loops, key=_Loop.room, default=None)
                if loop is None or loop.room() <= 0:
                    break
                item = pending.popleft() if pending else next(source, None)
                if item is None:
                    exhausted = True
                    break
                if isinstance(item, InputError):
                    yield _error(item.id, item.path, item.error, engine)
                    continue
                seq += 1
                loop.out[seq] = item
                self._send(loop, ("item", seq, item))
            if exhausted and not pending and not any(loop.out for loop in self.loops):
                return
            if not self.loops:
                raise LoopsLostError(
                    f"every request loop died (the last: {self._last_death}); what "
                    "finished is written: run the same command again to do the rest"
                )
            for key, events in selector.select(timeout=1.0):
                loop = key.data
                if events & selectors.EVENT_WRITE:
                    self._flush(loop)
                if not events & selectors.EVENT_READ:
                    continue
                try:
                    data = loop.sock.recv(1 << 20)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    yield from self._lost(loop, pending, deaths, engine)
                    continue
                loop.inbox += data
                for messages in unframe(loop.inbox):
                    for kind, *rest in messages:
                        if kind == "line":
                            number, status, meta, text = rest
                            loop.out.pop(number, None)
                            yield {"status": status, "meta": meta}, text
                        elif kind == "modes" and not settled:
                            settled = True
                            for other in self.loops:
                                if other is not loop:
                                    self._send(other, ("modes", rest[0]))

    def _send(self, loop: _Loop, message: tuple[Any, ...]) -> None:
        loop.outbox += frame([message])
        self._flush(loop)

    def _flush(self, loop: _Loop) -> None:
        """Send what the socket takes now; wait for it to take the rest."""
        try:
            sent = loop.sock.send(loop.outbox) if loop.outbox else 0
        except BlockingIOError:
            sent = 0
        except OSError:  # the loop is gone: its socket reads as closed next
            loop.outbox.clear()
            sent = 0
        del loop.outbox[:sent]
        wanted = selectors.EVENT_READ | (selectors.EVENT_WRITE if loop.outbox else 0)
        if self._selector is not None and self._selector.get_key(loop.sock).events != wanted:
            self._selector.modify(loop.sock, wanted, loop)

    def _lost(
        self, loop: _Loop, pending: deque[Item], deaths: Counter[str], engine: str
    ) -> Iterator[Finished]:
        """A loop died: deal its articles again, or fail those out at a second death."""
        assert self._selector is not None
        self._selector.unregister(loop.sock)
        loop.sock.close()
        self.loops.remove(loop)
        how = self._last_death = f"process {loop.pid}, {_reap(loop.pid, GRACE_S)}"
        for item in loop.out.values():
            deaths[item.id] += 1
            if deaths[item.id] < 2:
                pending.appendleft(item)
                continue
            error = LoopDiedError(
                f"the request loops extracting it died twice (the last: {how}); "
                "run with --retry-failed to try it again",
                source=item.id,
            )
            yield _error(item.id, item.path, error, engine)


def _error(item_id: str, path: str, error: BaseException, engine: str) -> Finished:
    line = error_line(item_id, path, None, error, {"engine": engine})
    return head(line), json_text(line)


def _reap(pid: int, wait_s: float) -> str:
    """Wait up to ``wait_s`` for ``pid`` to end, else kill it; how it ended."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return "ended"
        if done:
            return _ended(status)
        if time.monotonic() >= deadline:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError as exc:
                if exc.errno != errno.ESRCH:
                    raise
            return _ended(os.waitpid(pid, 0)[1])
        time.sleep(0.01)


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit code {os.WEXITSTATUS(status)}"


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    """SIGTERM stops the run as Ctrl-C does (the results file closed, the loops ended)."""
    raise SystemExit(128 + signum)


#: Modules a loop's first request imports lazily (httpcore's async backend).
_LAZY = ("anyio._backends._asyncio",)


def warm_imports(extractor: Extractor) -> None:
    """What the loops would each do first, done here, before the fork, so that they
    share it: with the offline engine, one short extraction (its tables are built on
    the first article); with a model, the imports of a first request (the SDK's
    resource modules, ~1 s of CPU; the event loop; httpcore's async backend) and one
    request body: a client is made and dropped (no request, so no socket)."""
    backend = getattr(extractor.engine, "backend", None)
    if backend is None:  # the offline engine: its tables, built on the first article
        extractor.extract(Article("Warm-up text, said no one."))
        return
    eventloop.loop_factory()  # imports uvloop where it is installed
    for name in _LAZY:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    try:
        from ..llm.providers import build_client

        build_client(backend, extractor.settings, asynchronous=True)
        extractor.engine.batch_bodies(Article("Warm-up text, said no one."))  # type: ignore[attr-defined]
    except Exception:  # a loop makes its own client and says what is wrong
        return
