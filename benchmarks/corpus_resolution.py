"""Precision and recall of cross-article actor resolution, on a corpus with known identities.

    python benchmarks/corpus_resolution.py [--articles 2000] [--seed 12]

Generates results lines with `tests/corpus_people.py` (invented people, some
sharing a surname, named by full name, title + name, middle initial, initial,
or bare surname; organisations by name and/or acronym; countries by their
variants), indexes them, and prints pairwise precision, recall and F1 over
article actors (a pair is right when both are one entity and one corpus
actor), overall and per kind of entity, with the number of article actors each
rule linked. Then the same for a baseline that joins exact names only, in the
same run, so the rules' gain is a ratio. No thresholds are asserted.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.corpus import index_results  # noqa: E402
from tests.corpus_people import generate, pairwise  # noqa: E402

KINDS = {"p": "persons", "o": "organisations", "c": "countries"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    gold: dict[tuple[str, str], str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results = Path(tmp) / "results.jsonl"
        with results.open("w", encoding="utf-8") as handle:
            for line, truth in generate(args.articles, seed=args.seed):
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                gold.update({(line["id"], a): who for a, who in truth.items()})
        start = time.perf_counter()
        index_results([results], Path(tmp) / "corpus.db")
        took = time.perf_counter() - start
        conn = sqlite3.connect(Path(tmp) / "corpus.db")
        rows = conn.execute(
            "SELECT ar.article, aa.actor_id, aa.corpus_actor_id, aa.name, aa.type, l.rule "
            "FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id "
            "JOIN links l ON l.article_actor_id = aa.id"
        ).fetchall()
        corpus = conn.execute("SELECT count(*) FROM corpus_actors").fetchone()[0]
    predicted = {(a, i): c for a, i, c, _, _, _ in rows}
    exact = {(a, i): f"{t}:{n.lower()}" for a, i, _, n, t, _ in rows}  # the baseline
    people = len(set(gold.values()))
    print(
        f"{args.articles} articles, {len(gold)} article actors, {people} true entities, "
        f"{corpus} corpus actors (indexed in {took:.1f} s)"
    )
    print(f"{'':16}{'precision':>10}{'recall':>8}{'F1':>7}   exact names only: P / R / F1")
    for label, prefix in [("all", ""), *((v, k) for k, v in KINDS.items())]:
        part = {k: v for k, v in gold.items() if v.startswith(prefix)}
        p, r, f = pairwise(part, {k: predicted[k] for k in part})
        bp, br, bf = pairwise(part, {k: exact[k] for k in part})
        print(f"{label:16}{p:>10.3f}{r:>8.3f}{f:>7.3f}   {bp:.3f} / {br:.3f} / {bf:.3f}")
    rules: dict[str, int] = {}
    for *_, rule in rows:
        rules[rule] = rules.get(rule, 0) + 1
    print("links by rule: " + ", ".join(f"{r} {n}" for r, n in sorted(rules.items())))


if __name__ == "__main__":
    main()
