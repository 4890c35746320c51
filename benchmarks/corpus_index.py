"""Indexing speed and memory of `extractor index`, on generated results lines.

    python benchmarks/corpus_index.py [--sizes 10000 100000]

Writes each size's lines with `tests/corpus_people.py` (invented people,
organisations, countries; 3-7 actors, as many quotes and claims per line),
then indexes them in a fresh process each (one core: the indexer is
single-threaded) and prints, per size: wall and CPU time (on a shared machine
the CPU time is the one-core figure), lines per CPU second, peak
RSS of that process, and the database size; then the time of indexing the
same file again (every line already there) and the ratio of peak RSS at the
largest size to the smallest (flat memory: close to 1). No thresholds are
asserted: it prints figures.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus_people import generate  # noqa: E402

CHILD = """
import resource, sys, time
from pathlib import Path
from extractor.corpus import index_results
start = time.perf_counter()
report = index_results([Path(sys.argv[1])], Path(sys.argv[2]))
took = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_SELF)
print(f"{took} {use.ru_maxrss} {report.added} {report.already} {use.ru_utime + use.ru_stime}")
"""


def write_lines(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for line, _ in generate(n, seed=100, people=max(200, n // 20), orgs=max(40, n // 200)):
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def index_once(results: Path, db: Path) -> tuple[float, int, int, int, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(results), str(db)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), int(out[3]), float(out[4])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, python {sys.version.split()[0]}")
    peaks: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            results = Path(tmp) / f"lines-{n}.jsonl"
            db = Path(tmp) / f"corpus-{n}.db"
            start = time.perf_counter()
            write_lines(results, n)
            made = time.perf_counter() - start
            took, peak, added, _, cpu = index_once(results, db)
            again, _, added_again, already, _ = index_once(results, db)
            peaks[n] = peak
            size = db.stat().st_size / 2**20
            print(
                f"{n:>7} lines ({results.stat().st_size / 2**20:.0f} MiB, made in {made:.0f} s): "
                f"indexed {added} in {took:.1f} s wall, {cpu:.1f} s CPU = {n / cpu:,.0f} "
                "lines per CPU second, "
                f"peak RSS {peak / 1024:.0f} MiB, database {size:.0f} MiB; "
                f"again: {added_again} added, {already} already there, {again:.1f} s"
            )
    if len(peaks) > 1:
        small, large = min(peaks), max(peaks)
        print(f"peak RSS {large:,} lines / {small:,} lines: {peaks[large] / peaks[small]:.2f}")
    print(
        f"this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB"
    )


if __name__ == "__main__":
    main()
