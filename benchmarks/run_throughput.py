"""Whole-process `extractor run` against a local latency server: ratio to ideal, tool CPU.

    python benchmarks/run_throughput.py [--articles 3200] [--latency 0.2]
        [--concurrency 32 128] [--repeat 2] [-- extra `extractor run` options]

Writes ~1,000-word articles (those of `batch_throughput.py`) into a temporary
folder, starts `latency_server.py` in its own process, then runs
``extractor run FOLDER -o results.jsonl --no-cache --concurrency C`` as a fresh
process for each concurrency (start-up, input discovery, progress bar and the
results file all included) and prints, per run:

- wall time against the ideal ``ceil(articles / C) * latency`` and their ratio;
- the tool's CPU per article: user + system time of the `extractor run` process
  and its children (worker processes), not the server's;
- the load average at the end of the run (the server shares the machine);
- first, the CPU of the offline engine's cross-check of one answer, measured in
  this process (part of the tool CPU above, wherever it runs): of an answer with
  the article's quote, as the server answers, and of an empty one.

Options after ``--`` are passed to `extractor run` (e.g. ``-- --workers 2``).
It asserts nothing: it prints figures.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from batch_throughput import article, latency_server  # noqa: E402


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def crosscheck_ms(count: int = 200) -> tuple[float, float]:
    """CPU of the offline engine's cross-check of one answer (in this process), in ms:
    of an answer with the article's quote (what the latency server answers), and of an
    empty answer (which misses the quote: the whole engine runs for its speaker)."""
    from extractor.crosscheck import crosscheck
    from extractor.read.article import Article
    from extractor.rules import RulesEngine
    from extractor.schema import Extraction, Meta

    articles = [Article(article(n)) for n in range(count)]
    quotes = [RulesEngine().extract(one, claims=False).quotes for one in articles]
    figures = []
    for answered in (True, False):
        cpu = time.process_time()
        for one, found in zip(articles, quotes, strict=True):
            crosscheck(one, Extraction(quotes=found if answered else [], meta=Meta(engine="llm")))
        figures.append(1000 * (time.process_time() - cpu) / count)
    return figures[0], figures[1]


def run_once(folder: Path, out: Path, port: int, concurrency: int, extra: list[str]) -> tuple:
    out.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "extractor", "run", str(folder), "-o", str(out),
        "--model", "bench", "--base-url", f"http://127.0.0.1:{port}/v1", "--mode", "tools",
        "--api-key", "bench", "--no-cache", "--concurrency", str(concurrency), *extra,
    ]  # fmt: skip
    cpu, started = child_cpu(), time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, cpu = time.perf_counter() - started, child_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"extractor run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    lines = out.read_bytes().count(b"\n")
    return wall, cpu, lines


def main() -> None:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3200)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--port", type=int, default=8741)
    args = parser.parse_args(argv)
    with latency_server(args.port, args.latency), tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "results.jsonl"
        folder.mkdir()
        for n in range(args.articles):
            (folder / f"a{n:05}.txt").write_text(article(n), encoding="utf-8")
        words = len(article(0).split())
        print(
            f"extractor run, {args.articles} articles of ~{words} words, latency "
            f"{args.latency * 1000:.0f} ms, extra options {extra or 'none'}"
        )
        full, empty = crosscheck_ms()
        print(f"of the tool CPU, the offline cross-check of each answer: {full:.2f} ms per article"
              f" ({empty:.2f} ms for an empty answer; in line, or in the --workers processes)",
              flush=True)  # fmt: skip
        for concurrency in args.concurrency:
            ideal = math.ceil(args.articles / concurrency) * args.latency
            for _ in range(args.repeat):
                wall, cpu, lines = run_once(folder, out, args.port, concurrency, extra)
                assert lines == args.articles, f"{lines} lines for {args.articles} articles"
                print(
                    f"concurrency {concurrency:>3}: wall {wall:6.2f} s, ideal {ideal:5.2f} s, "
                    f"ratio {ideal / wall:.3f}; tool CPU {1000 * cpu / args.articles:.2f} "
                    f"ms/article; load average {os.getloadavg()[0]:.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
