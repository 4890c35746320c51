"""Linearity of the offline rules engine on long texts.

    python benchmarks/rules_scaling.py [--sizes 1 5 20] [--seeds DIR]

Builds texts of about 1, 5 and 20 MB by repeating the project's own seed
articles (``seeds/*.txt``, in turn, joined by blank lines: every copy brings
its quotes, names, cues and page furniture), runs the rules engine once on
each in this one process, and prints the CPU seconds, the size in MB (UTF-8,
10^6 bytes), the seconds per MB and what was found, then the ratio of the
largest per-MB cost to the smallest: about 1 when the engine is linear in the
length of the text. The claims stage (``find_claims``, called by the engine) is
timed apart as well, so that the cost of the stages before it shows on its own.
No timing thresholds are asserted anywhere: this prints figures.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from extractor.read.article import Article
from extractor.rules import RulesEngine
from extractor.rules import engine as engine_module

MB = 1_000_000


def long_text(seeds: list[str], megabytes: float) -> str:
    """The seed articles in turn, joined by blank lines, up to about ``megabytes``."""
    pieces: list[str] = []
    size = 0
    while size < megabytes * MB:
        article = seeds[len(pieces) % len(seeds)]
        pieces.append(article)
        size += len(article.encode("utf-8")) + 2
    return "\n\n".join(pieces)


class StageClock:
    """CPU seconds spent in the engine's claims stage (wraps ``engine.find_claims``)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        inner: Any = getattr(engine_module, "find_claims", None)
        if inner is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - started

        setattr(engine_module, "find_claims", timed)  # noqa: B010


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1, 5, 20], help="in MB")
    parser.add_argument("--seeds", default="seeds", help="folder of the .txt articles to repeat")
    args = parser.parse_args()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(Path(args.seeds).glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"no .txt articles in {args.seeds}")
    engine = RulesEngine()
    clock = StageClock()
    engine.extract(Article(seeds[0]))  # warm-up: imports, gazetteer
    per_mb: list[float] = []
    print(
        f"{'MB':>7} {'CPU s':>9} {'s per MB':>9} {'claims s':>9} {'rest s/MB':>9} "
        f"{'quotes':>8} {'actors':>7} {'claims':>8}"
    )
    for size in sorted(args.sizes):
        text = long_text(seeds, size)
        megabytes = len(text.encode("utf-8")) / MB
        article = Article(text)
        clock.seconds = 0.0
        started = time.process_time()
        result = engine.extract(article)
        seconds = time.process_time() - started
        per_mb.append(seconds / megabytes)
        print(
            f"{megabytes:7.2f} {seconds:9.2f} {seconds / megabytes:9.2f} {clock.seconds:9.2f} "
            f"{(seconds - clock.seconds) / megabytes:9.2f} "
            f"{len(result.quotes):8d} {len(result.actors):7d} {len(result.claims):8d}",
            flush=True,
        )
        del result, article, text
    if len(per_mb) > 1:
        print(
            f"largest / smallest per-MB cost: {max(per_mb) / min(per_mb):.2f}; "
            f"largest text / smallest text: {per_mb[-1] / per_mb[0]:.2f} (1.00 is linear)"
        )


if __name__ == "__main__":
    main()
