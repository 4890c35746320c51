"""CPU cost and output of the rules engine's claims stage, against a baseline copy.

    python benchmarks/claims_stage.py FOLDER_OR_FILES... [--repeat N] [--baseline DIR]
        [--dump FILE]

Runs the rules engine once over every .txt under the given folders, keeping the
arguments it passes to the claims stage (``find_claims``), then calls the claims
stage again on those same arguments N times and prints its CPU seconds per round
(best and median) and per article. With ``--baseline DIR``, DIR holds an older copy
of the package renamed ``extractor_old`` (``cp -r extractor DIR/extractor_old``):
its ``find_claims`` runs on the same arguments in the same process, rounds
interleaved, so that machine load hits both alike; the script prints both figures,
their ratio, and every article whose claims differ (it exits 1 if any does).
``--dump FILE`` writes every article's claims as JSON lines. ``--one-pass NAME``
(none, now or baseline) only captures the arguments and runs that version's claims
stage once, for an instruction count that machine load cannot move:

    valgrind --tool=callgrind python benchmarks/claims_stage.py DIR --one-pass now

(the stage's count is that run's total less the ``none`` run's). No timing
thresholds are asserted anywhere: this prints figures.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor.read.article import Article
from extractor.rules import RulesEngine
from extractor.rules import engine as engine_module


def texts(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    return files


def captured(files: list[Path]) -> list[tuple[Any, ...]]:
    """The claims stage's arguments for each article, as the engine passes them."""
    calls: list[tuple[Any, ...]] = []
    inner: Callable[..., Any] = engine_module.find_claims

    def keep(*args: Any) -> Any:
        calls.append(args)
        return inner(*args)

    engine_module.find_claims = keep  # type: ignore[assignment]
    try:
        engine = RulesEngine()
        for f in files:
            engine.extract(Article(f.read_text(encoding="utf-8"), source=str(f)))
    finally:
        engine_module.find_claims = inner  # type: ignore[assignment]
    return calls


def taking(find: Callable[..., Any]) -> Callable[..., Any]:
    """``find`` called with as many of the engine's arguments as it takes (an older
    ``find_claims`` may take fewer)."""
    count = len(inspect.signature(find).parameters)
    return lambda *args: find(*args[:count])


def dumped(find: Callable[..., Any], args: tuple[Any, ...]) -> str:
    return json.dumps([c.model_dump() for c in find(*args)], ensure_ascii=False, sort_keys=True)


def one_round(find: Callable[..., Any], calls: list[tuple[Any, ...]]) -> float:
    started = time.process_time()
    for args in calls:
        find(*args)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", help="folder holding extractor_old, an older copy")
    parser.add_argument("--dump", help="write each article's claims as JSON lines here")
    parser.add_argument("--one-pass", choices=["none", "now", "baseline"])
    args = parser.parse_args()
    files = texts(args.paths)
    calls = captured(files)
    versions: dict[str, Callable[..., Any]] = {"now": engine_module.find_claims}
    if args.baseline:
        sys.path.insert(0, args.baseline)
        old = importlib.import_module("extractor_old.rules.claims").find_claims
        versions["baseline"] = taking(old)
    if args.one_pass:
        if args.one_pass != "none":
            one_round(versions[args.one_pass], calls)
        return
    outputs = {name: [dumped(find, a) for a in calls] for name, find in versions.items()}
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for f, line in zip(files, outputs["now"], strict=True):
                out.write(json.dumps({"file": str(f), "claims": json.loads(line)}) + "\n")
    differ = []
    if "baseline" in outputs:
        differ = [
            str(f)
            for f, a, b in zip(files, outputs["now"], outputs["baseline"], strict=True)
            if a != b
        ]
    rounds: dict[str, list[float]] = {name: [] for name in versions}
    for _ in range(args.repeat):
        for name, find in versions.items():
            rounds[name].append(one_round(find, calls))
    claims = sum(len(json.loads(line)) for line in outputs["now"])
    print(f"articles: {len(files)}  claims: {claims}  rounds: {args.repeat}")
    for name, seconds in rounds.items():
        best = min(seconds)
        print(
            f"{name:>9}: CPU s per round best {best:.3f} median {statistics.median(seconds):.3f}"
            f"  ms per article {1000 * best / len(files):.2f}"
        )
    if "baseline" in rounds:
        ratio = min(rounds["baseline"]) / min(rounds["now"])
        print(f"baseline / now (best rounds): {ratio:.2f}x less CPU now")
        print(f"articles whose claims differ: {len(differ)}")
        for name in differ:
            print(f"  {name}")
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
