"""CPU of the live path's requests, in process: the LLM engine alone, no start-up.

    python benchmarks/request_cpu.py [--articles 800] [--concurrency 32] [--latency 0.05]
        [--reps 3] [--http default aiohttp httpx] [--profile]

Starts `latency_server.py` in its own process, then, on uvloop's event loop, runs the
LLM engine's ``aextract`` (instructor, the openai SDK, the HTTP client, grounding; not
the cross-check, the results file or the progress bar) over ~1,000-word articles at
the given concurrency, after a warm-up of 64 articles, and prints the CPU time of this
process per article (user + system; the server's is not counted). ``--http`` names
the HTTP clients to alternate, rep by rep, through ``EXTRACTOR_HTTP`` (``default``:
unset; a version of the tool without that setting uses its default for every rep).
``--profile`` also samples the Python stack every 0.5 ms of CPU (``ITIMER_PROF``) and
prints where the CPU went, by library, as ms per article: the frame running ("self")
and any frame on the stack ("inclusive"); C code is charged to the Python frame that
called it. cProfile, which times every call, inflates the many small calls of the
vendor code several-fold. It asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from batch_throughput import article, latency_server  # noqa: E402


class Sampler:
    """Python stacks sampled every 0.5 ms of this process's CPU, counted by library."""

    def __init__(self) -> None:
        self.own: collections.Counter[str] = collections.Counter()
        self.within: collections.Counter[str] = collections.Counter()
        self.samples = 0
        self.on = False
        signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, 0.0005, 0.0005)

    @staticmethod
    def _library(path: str) -> str:
        if "site-packages/" in path:
            return path.split("site-packages/")[1].split("/")[0].removesuffix(".py")
        if "/extractor/" in path:
            return "extractor." + path.split("/extractor/")[1].removesuffix(".py").replace("/", ".")
        return "python: " + os.path.basename(path)

    def _sample(self, signum: int, frame: FrameType | None) -> None:
        if not self.on or frame is None:
            return
        self.samples += 1
        self.own[self._library(frame.f_code.co_filename)] += 1
        seen = set()
        while frame is not None:
            seen.add(self._library(frame.f_code.co_filename))
            frame = frame.f_back
        self.within.update(seen)

    def report(self, ms_per_article: float) -> None:
        each = ms_per_article / max(self.samples, 1)
        for title, counts in (("self", self.own), ("inclusive", self.within)):
            print(f"  {title}, ms per article ({self.samples} samples):")
            for name, count in counts.most_common(16):
                print(f"    {name:<44} {count * each:6.3f}")
        self.own.clear()
        self.within.clear()
        self.samples = 0


SAMPLER: Sampler | None = None


async def _batch(engine: object, texts: list[str], concurrency: int) -> None:
    from extractor.read.article import Article

    queue = iter(texts)

    async def worker() -> None:
        for text in queue:
            await engine.aextract(Article(text))  # type: ignore[attr-defined]

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def one_rep(http: str, port: int, count: int, concurrency: int) -> tuple[float, float]:
    import uvloop

    from extractor.config import Settings
    from extractor.engines import make_engine

    if http == "default":
        os.environ.pop("EXTRACTOR_HTTP", None)
    else:
        os.environ["EXTRACTOR_HTTP"] = http
    settings = Settings(
        model="bench", base_url=f"http://127.0.0.1:{port}/v1", mode="tools", api_key="bench"
    )
    engine = make_engine(settings)
    texts = [article(n) for n in range(count + 64)]
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(_batch(engine, texts[:64], concurrency))  # warm-up: connections, caches
        if SAMPLER:
            SAMPLER.on = True
        cpu, wall = time.process_time(), time.perf_counter()
        runner.run(_batch(engine, texts[64:], concurrency))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if SAMPLER:
            SAMPLER.on = False
    return 1000 * cpu / count, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--http", nargs="+", default=["default"])
    parser.add_argument("--port", type=int, default=8743)
    parser.add_argument("--profile", action="store_true", help="sample where the CPU goes")
    args = parser.parse_args()
    global SAMPLER
    SAMPLER = Sampler() if args.profile else None
    import extractor

    print(f"extractor from {Path(extractor.__file__).parent}")
    with latency_server(args.port, args.latency):
        for rep in range(args.reps):
            for http in args.http:
                cpu, wall = one_rep(http, args.port, args.articles, args.concurrency)
                print(
                    f"rep {rep + 1} {http:>8}: {cpu:.2f} ms CPU per article, wall {wall:.2f} s, "
                    f"load {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
                if SAMPLER:
                    SAMPLER.report(cpu)


if __name__ == "__main__":
    main()
