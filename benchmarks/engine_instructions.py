"""The offline engine over a folder of articles, once, for counting instructions.

    valgrind --tool=callgrind python benchmarks/engine_instructions.py run  DIR
    valgrind --tool=callgrind python benchmarks/engine_instructions.py none DIR

``run`` reads every ``*.txt`` under DIR and extracts each once; ``none`` reads them and
stops. The engine's cost is the difference of the two "Collected" totals valgrind
prints: a count of instructions, which does not depend on what else the machine is
doing (CPU seconds on a shared machine move by a quarter between runs). Compare two
versions of the code by running both with ``PYTHONPATH`` set to each checkout.
No thresholds: valgrind prints the figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extractor.read.article import Article
from extractor.rules.engine import RulesEngine


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    texts = [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))]
    engine = RulesEngine()
    if mode == "run":
        for text in texts:
            engine.extract(Article(text))


if __name__ == "__main__":
    main()
