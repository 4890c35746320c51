"""The user's overrides (merge these, split those) and attribute files, on every index."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from extractor.corpus import index_results
from extractor.errors import ConfigurationError
from tests.corpus_people import results_line


def _write(path: Path, lines: list[dict]) -> None:
    with path.open("a", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line) + "\n")


def _corpus_of(db: Path) -> dict[tuple[str, str], int]:
    conn = sqlite3.connect(db)
    return {
        (a, n): c
        for a, n, c in conn.execute(
            "SELECT ar.article, aa.name, aa.corpus_actor_id FROM article_actors aa "
            "JOIN articles ar ON ar.id = aa.article_id"
        )
    }


def test_merge_and_split_are_applied_on_every_index(tmp_path):
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    overrides = tmp_path / "overrides.toml"
    overrides.write_text(
        'merge = [["BoJo", "Boris Johnson"]]\n\n[[split]]\nname = "Mark Esper"\n'
        'articles = ["c.txt"]\n',
        encoding="utf-8",
    )
    _write(
        results,
        [
            results_line("a.txt", [("Boris Johnson", "person", None, [])]),
            results_line("b.txt", [("BoJo", "person", None, [])]),
            results_line("c.txt", [("Mark Esper", "person", None, [])]),
            results_line("d.txt", [("Mark Esper", "person", None, [])]),
        ],
    )
    report = index_results([results], db, overrides=overrides)
    assert report.merged == 1  # the split applied as c.txt was linked
    who = _corpus_of(db)
    assert who[("a.txt", "Boris Johnson")] == who[("b.txt", "BoJo")]
    assert who[("c.txt", "Mark Esper")] != who[("d.txt", "Mark Esper")]
    conn = sqlite3.connect(db)
    rules = dict(
        conn.execute(
            "SELECT ar.article, l.rule FROM links l JOIN article_actors aa ON aa.id = "
            "l.article_actor_id JOIN articles ar ON ar.id = aa.article_id"
        ).fetchall()
    )
    assert rules["b.txt"] == "override-merge" and rules["c.txt"] == "override-split"
    # again: nothing changes; new lines obey the same file
    again = index_results([results], db, overrides=overrides)
    assert (again.merged, again.split) == (0, 0)
    _write(
        results,
        [
            results_line("c.txt-2", [("BoJo", "person", None, [])]),
            results_line("e.txt", [("Mark Esper", "person", None, [])]),
        ],
    )
    index_results([results], db, overrides=overrides)
    who = _corpus_of(db)
    assert who[("c.txt-2", "BoJo")] == who[("a.txt", "Boris Johnson")]
    assert who[("e.txt", "Mark Esper")] == who[("d.txt", "Mark Esper")]
    assert who[("c.txt", "Mark Esper")] != who[("e.txt", "Mark Esper")]


def test_overrides_in_json_too_and_a_bad_file_names_itself(tmp_path):
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    _write(
        results,
        [
            results_line("a.txt", [("Esper", "person", None, [])]),
            results_line("b.txt", [("Mark Esper", "person", None, [])]),
        ],
    )
    index_results([results], db)
    who = _corpus_of(db)
    assert who[("a.txt", "Esper")] == who[("b.txt", "Mark Esper")]
    split = tmp_path / "o.json"
    split.write_text(json.dumps({"split": [{"name": "Esper"}]}), encoding="utf-8")
    assert index_results([results], db, overrides=split).split == 1  # already indexed
    who = _corpus_of(db)
    assert who[("a.txt", "Esper")] != who[("b.txt", "Mark Esper")]
    bad = tmp_path / "bad.toml"
    bad.write_text("merge = [['only one']]\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"bad\.toml"):
        index_results([results], db, overrides=bad)
    bad.write_text("merge = [[", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="not valid TOML"):
        index_results([results], db, overrides=bad)


def test_attributes_join_onto_corpus_actors_and_nothing_is_guessed(tmp_path):
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    _write(
        results,
        [
            results_line(
                "a.txt", [("Mark Esper", "person", None, []), ("Alma Berdal", "person", None, [])]
            ),
            results_line("b.txt", [("Defense Secretary Mark Esper", "person", None, [])]),
        ],
    )
    index_results([results], db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM actor_attributes").fetchone()[0] == 0
    conn.close()
    people = tmp_path / "people.csv"
    people.write_text(
        "name,gender,role\nMark Esper,man,official\nNobody Here,woman,\n", encoding="utf-8"
    )
    report = index_results([results], db, attributes=people)
    assert "1 of 2 rows matched" in report.attributes and "Nobody Here" in report.attributes
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT attribute, value, actors, quotes FROM attribute_stats ORDER BY attribute"
    ).fetchall() == [("gender", "man", 1, 2), ("role", "official", 1, 2)]
    articles = tmp_path / "articles.csv"
    articles.write_text("id,source,date\na.txt,ledger,2020-05-01\n", encoding="utf-8")
    report = index_results([results], db, articles=articles)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT source, date FROM articles WHERE article = 'a.txt'").fetchone() == (
        "ledger",
        "2020-05-01",
    )
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("who,gender\nX,y\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"wrong\.csv.*name"):
        index_results([results], db, attributes=wrong)
