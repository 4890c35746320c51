"""Run the offline engine on damaged articles and report every distinct crash.

    python benchmarks/fuzz_rules.py [FOLDER ...] [--seconds 150] [--seed 1]

Reads every ``*.txt`` under the folders (default: ``seeds``, ``tests/styles``,
``tests/heldout``, ``tests/heldout2``; add ``../shared/eval/polnear-dev/text`` for
news as published) and, until the time is up, extracts texts made from them at
random: a stretch cut anywhere (mid-word, mid-quote), the paragraphs shuffled and
truncated, or characters deleted (marks and spaces among them). The engine must
return an extraction for any text; each distinct exception (type, file, line) is
printed once with the start of the text that raised it, which is also written to
``fuzz_crash_N.txt`` in the working folder. It prints the number of runs and of
distinct crashes, and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time
import traceback
from pathlib import Path

from extractor.read.article import Article
from extractor.rules import RulesEngine

DEFAULT = ["seeds", "tests/styles", "tests/heldout", "tests/heldout2"]


def damaged(text: str, rng: random.Random) -> str:
    """One damaged copy of ``text``."""
    mode = rng.random()
    if mode < 0.4:
        start = rng.randrange(len(text))
        return text[start : start + rng.randrange(20, 3000)]
    if mode < 0.7:
        paragraphs = text.split("\n\n")
        rng.shuffle(paragraphs)
        return "\n\n".join(paragraphs[: rng.randrange(1, len(paragraphs) + 1)])
    chars = list(text)
    for _ in range(rng.randrange(1, 30)):
        if chars:
            del chars[rng.randrange(len(chars))]
    return "".join(chars)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=DEFAULT)
    parser.add_argument("--seconds", type=float, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    texts = [
        p.read_text(encoding="utf-8") for f in args.folders for p in sorted(Path(f).glob("*.txt"))
    ]
    texts = [t for t in texts if t]
    rng, engine = random.Random(args.seed), RulesEngine()
    seen: set[tuple[str, str, int | None]] = set()
    runs, started = 0, time.monotonic()
    while time.monotonic() - started < args.seconds:
        text = damaged(rng.choice(texts), rng)
        runs += 1
        try:
            engine.extract(Article(text))
        except Exception as exc:  # every kind: the point is to find them
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = (type(exc).__name__, frame.filename, frame.lineno)
            if key not in seen:
                seen.add(key)
                Path(f"fuzz_crash_{len(seen)}.txt").write_text(text, encoding="utf-8")
                print(f"crash {len(seen)}: {key[0]} at {key[1]}:{key[2]}: {text[:120]!r}")
    print(f"runs: {runs}  distinct crashes: {len(seen)}")


if __name__ == "__main__":
    main()
