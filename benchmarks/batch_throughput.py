"""Batch speed, cost of the tool, cache and memory, against a local latency server.

    python benchmarks/batch_throughput.py [--articles 1000] [--latency 0.2]

Starts `latency_server.py` in its own process (so its CPU time is not counted),
then runs `extract_many` over generated ~1,000-word articles and prints:

- throughput at concurrency 1, 8 and 32 as a ratio of the ideal (concurrency / latency);
- the tool's own CPU time per article (this process only; the wait is not CPU);
- model calls made by a rerun over the same articles with the cache on (should be 0);
- peak memory of a run over 100 and over 10,000 articles, each in a fresh process.

No thresholds are asserted: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).parent
PARAGRAPH = (
    "The council met on Tuesday to discuss the harbour plan, which would add {n} berths, "
    "a rail spur and a new customs hall to the north quay over the next four years. "
    "Officials said the cost would be shared between the city, the port authority and "
    "private operators, and that construction would start after the environmental review. "
)


def article(n: int, words: int = 1000) -> str:
    """A ~``words``-word article with one attributed quote (cheap to make: not timed work)."""
    paragraph = PARAGRAPH.format(n=n % 97 + 3)
    count = max(1, (words - 40) // len(paragraph.split()))
    body = [paragraph] * count
    quote = f"“We expect the first ships at berth {n % 97 + 3} by the spring of 2028,”"
    body.insert(min(2, count), f"{quote} said Ana Lima, the port director, after the vote.")
    return f"Harbour plan number {n} moves ahead\n\n" + "\n\n".join(body)


@contextmanager
def latency_server(port: int, latency: float) -> Iterator[None]:
    """`latency_server.py` in its own process, answering when the block starts."""
    command = [sys.executable, str(HERE / "latency_server.py"), "--port", str(port)]
    server = subprocess.Popen([*command, "--latency", str(latency)])
    try:
        for _ in range(50):
            try:
                served(port)
                break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        server.terminate()


def served(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats") as response:
        return json.load(response)["served"]


def run(count: int, concurrency: int, port: int, cache_dir: str | None) -> tuple[float, float]:
    from extractor.batch.cache import ExtractionCache
    from extractor.batch.runner import extract_many

    cache = ExtractionCache(Path(cache_dir)) if cache_dir else None
    options = {
        "model": "bench",
        "base_url": f"http://127.0.0.1:{port}/v1",
        "mode": "tools",
        "api_key": "bench",
        "max_retries": 0,
    }
    started, cpu = time.perf_counter(), time.process_time()
    ok = 0
    for line in extract_many(
        (article(n) for n in range(count)), concurrency=concurrency, cache=cache, **options
    ):
        ok += line["status"] == "ok"
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if cache:
        cache.close()
    assert ok == count, f"{count - ok} articles failed"
    return wall, cpu


def child() -> None:
    """Entry for the memory runs: run once, print peak RSS in KiB."""
    count, port = int(sys.argv[2]), int(sys.argv[3])
    run(count, 32, port, None)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--port", type=int, default=8731)
    args = parser.parse_args()
    with latency_server(args.port, args.latency):
        print(
            f"articles: {args.articles} of ~{len(article(0).split())} words; "
            f"latency {args.latency * 1000:.0f} ms"
        )
        for concurrency in (1, 8, 32):
            wall, cpu = run(args.articles, concurrency, args.port, None)
            ideal = concurrency / args.latency
            rate = args.articles / wall
            print(
                f"concurrency {concurrency:>2}: {rate:7.1f} articles/s, ideal {ideal:6.1f}, "
                f"ratio {rate / ideal:.3f}; tool CPU {1000 * cpu / args.articles:.2f} ms/article"
            )
        with tempfile.TemporaryDirectory() as cache_dir:
            run(min(args.articles, 200), 32, args.port, cache_dir)
            before = served(args.port)
            run(min(args.articles, 200), 32, args.port, cache_dir)
            print(
                f"cached rerun of {min(args.articles, 200)} articles: "
                f"{served(args.port) - before} model calls"
            )
        env = dict(os.environ)
        peaks = {}
        for count in (100, 10_000):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(count), str(args.port)],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            peaks[count] = int(out.stdout.strip().splitlines()[-1])
        print(
            f"peak memory: 100 articles {peaks[100] / 1024:.1f} MiB, 10,000 articles "
            f"{peaks[10_000] / 1024:.1f} MiB, ratio {peaks[10_000] / peaks[100]:.2f}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
    else:
        main()
