"""The offline engine on many articles: `--workers N` and `--executor ray` against one process.

    python benchmarks/ray_speed.py [--articles 10000] [--workers N] [--no-ray]

Writes ~1,000-word articles (those of `batch_throughput.py`) into a temporary
folder, then runs, each as a fresh process over the whole folder:

- ``extractor run FOLDER -o local.jsonl --engine rules`` (one process);
- ``extractor run FOLDER -o workers.jsonl --engine rules --workers N`` (N forked
  processes extracting; N defaults to the CPUs this process may use);
- ``extractor run FOLDER -o ray.jsonl --engine rules --executor ray`` (a local Ray
  started in-process on the CPUs this process may use, one actor per CPU; left out
  with ``--no-ray``).

and prints the wall time of each (start-up included: Ray's own start takes
seconds), the speed-up, the speed-up of the extraction alone (from each run's
first written line to its last, so without either start-up), the load average,
and whether the files hold the same lines (timings aside). It asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from batch_throughput import article  # noqa: E402


def timed_run(command: list[str], out: Path) -> tuple[float, float]:
    """Wall time of the run, and the time from its first line to its end."""
    first: list[float] = []

    def watch() -> None:
        while not first:
            if out.exists() and out.stat().st_size > 0:
                first.append(time.perf_counter())
                return
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    started = time.perf_counter()
    watcher.start()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ended = time.perf_counter()
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    first.append(ended)
    return ended - started, ended - first[0]


def lines(path: Path) -> dict[str, dict]:
    found = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        record["meta"].pop("elapsed_s", None)
        record.get("extraction", {}).get("meta", {}).pop("elapsed_s", None)
        found[record["id"]] = record
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--no-ray", action="store_true", help="leave out the Ray run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for n in range(args.articles):
            (folder / f"a{n:05}.txt").write_text(article(n), encoding="utf-8")
        base = [sys.executable, "-m", "extractor", "run", str(folder), "--engine", "rules"]
        local, forked = Path(tmp) / "local.jsonl", Path(tmp) / "workers.jsonl"
        on_ray = Path(tmp) / "ray.jsonl"
        print(
            f"offline engine, {args.articles} articles of ~{len(article(0).split())} words, "
            f"{os.cpu_count()} CPUs",
            flush=True,
        )
        one_wall, one_work = timed_run([*base, "-o", str(local)], local)
        print(f"one process:    {one_wall:6.1f} s ({one_work:6.1f} s from first line to last); "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
        runs = [(f"--workers {args.workers}", forked, ["--workers", str(args.workers)])]
        if not args.no_ray:
            runs.append(("--executor ray", on_ray, ["--executor", "ray"]))
        for label, out, more in runs:
            wall, work = timed_run([*base, "-o", str(out), *more], out)
            print(f"{label + ':':<15} {wall:6.1f} s ({work:6.1f} s from first line to last); "
                  f"load average {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
            print(
                f"  speed-up: {one_wall / wall:.2f}x whole process, "
                f"{one_work / work:.2f}x extraction alone (first line to last); "
                f"same lines as one process: {lines(local) == lines(out)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
