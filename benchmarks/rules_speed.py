"""Throughput of the offline rules engine on one core.

    python benchmarks/rules_speed.py [FOLDER_OR_FILES...] [--repeat N]

Reads every .txt under the given folders (default: seeds/), runs the rules
engine over all of them N times in this one process, and prints articles per
second, words per article, and the rate scaled to an 800-word article. The best
round is the figure; the first round is printed too, as the engine caches what
it reads of names it has seen before (a later round sees only names seen
before). No timing thresholds are asserted anywhere: this prints figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from extractor.read.article import Article
from extractor.rules import RulesEngine


def load(paths: list[str]) -> list[Article]:
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    return [Article(f.read_text(encoding="utf-8"), source=str(f)) for f in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["seeds"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = load(args.paths)
    engine = RulesEngine()
    engine.extract(articles[0])  # warm-up: imports, gazetteer
    words = [len(a.text.split()) for a in articles]
    rounds = []
    for _ in range(args.repeat):
        started = time.process_time()
        for article in articles:
            engine.extract(article)
        rounds.append(time.process_time() - started)
    best = min(rounds)
    per_second = len(articles) / best
    mean_words = statistics.mean(words)
    print(f"articles: {len(articles)}  mean words: {mean_words:.0f}  rounds: {args.repeat}")
    print(f"CPU seconds per round: best {best:.3f}  median {statistics.median(rounds):.3f}")
    print(f"articles per second (one core, CPU time): {per_second:.0f}")
    print(f"scaled to 800-word articles: {per_second * mean_words / 800:.0f} articles per second")
    first = len(articles) / rounds[0] * mean_words / 800
    print(f"first round only (names not seen before), scaled: {first:.0f} articles per second")
    print(f"ms per 1,000 words: {1000 * best / sum(words) * 1000:.2f}")


if __name__ == "__main__":
    main()
