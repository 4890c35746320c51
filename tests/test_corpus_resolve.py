"""Cross-article actor resolution: who is one entity across articles, and why."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from extractor.corpus import index_results
from tests.corpus_people import generate, pairwise, results_line


def _index(tmp_path: Path, lines: list[dict], name: str = "r.jsonl") -> sqlite3.Connection:
    results = tmp_path / name
    with results.open("a", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    index_results([results], tmp_path / "c.db")
    return sqlite3.connect(tmp_path / "c.db")


def _who(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[int, str]]:
    """(article, actor name) -> (corpus actor id, link rule)."""
    return {
        (a, n): (c, r)
        for a, n, c, r in conn.execute(
            "SELECT ar.article, aa.name, aa.corpus_actor_id, l.rule FROM article_actors aa "
            "JOIN articles ar ON ar.id = aa.article_id JOIN links l ON l.article_actor_id = aa.id"
        )
    }


def test_one_person_under_three_names_is_one_corpus_actor(tmp_path):
    conn = _index(
        tmp_path,
        [
            results_line("a.txt", [("Esper", "person", None, [])]),
            results_line("b.txt", [("Mark Esper", "person", None, ["Esper"])]),
            results_line(
                "c.txt", [("Defense Secretary Mark Esper", "person", "Defense Secretary", [])]
            ),
            results_line("d.txt", [("Mark T. Esper", "person", None, [])]),
        ],
    )
    who = _who(conn)
    ids = {who[k][0] for k in who}
    assert len(ids) == 1
    assert who[("a.txt", "Esper")][1] == "unique-surname"
    assert who[("c.txt", "Defense Secretary Mark Esper")][1] == "full-name"
    name, title = conn.execute("SELECT name, title FROM corpus_actors").fetchone()
    assert name.startswith("Mark") and name.endswith("Esper")
    assert title == "Defense Secretary"
    evidence = conn.execute(
        "SELECT l.evidence FROM links l JOIN article_actors aa ON aa.id = l.article_actor_id "
        "WHERE aa.name = 'Esper'"
    ).fetchone()[0]
    assert "esper" in evidence


def test_two_johnsons_stay_apart_and_a_bare_johnson_joins_neither(tmp_path):
    conn = _index(
        tmp_path,
        [
            results_line("a.txt", [("Boris Johnson", "person", None, ["Johnson"])]),
            results_line("b.txt", [("Dwayne Johnson", "person", None, [])]),
            results_line("c.txt", [("Johnson", "person", None, [])]),
            results_line("d.txt", [("Boris Johnson", "person", None, [])]),
        ],
    )
    who = _who(conn)
    assert who[("a.txt", "Boris Johnson")][0] == who[("d.txt", "Boris Johnson")][0]
    assert who[("a.txt", "Boris Johnson")][0] != who[("b.txt", "Dwayne Johnson")][0]
    bare = who[("c.txt", "Johnson")]
    assert bare[0] not in {who[("a.txt", "Boris Johnson")][0], who[("b.txt", "Dwayne Johnson")][0]}
    assert bare[1] == "pending"
    assert conn.execute("SELECT count(*) FROM corpus_actors").fetchone()[0] == 3


def test_a_bare_surname_tied_in_its_own_article_or_by_its_title(tmp_path):
    conn = _index(
        tmp_path,
        [
            results_line("a.txt", [("Boris Johnson", "person", "Prime Minister", [])]),
            results_line("b.txt", [("Dwayne Johnson", "person", None, [])]),
            results_line(
                "c.txt", [("Dwayne Johnson", "person", None, []), ("Johnson", "person", None, [])]
            ),
            results_line("d.txt", [("Johnson", "person", "Prime Minister", [])]),
        ],
    )
    who = _who(conn)
    assert who[("c.txt", "Johnson")] == (who[("b.txt", "Dwayne Johnson")][0], "same-article")
    assert who[("d.txt", "Johnson")] == (who[("a.txt", "Boris Johnson")][0], "surname+title")


def test_middle_initials_that_differ_keep_two_people_apart(tmp_path):
    conn = _index(
        tmp_path,
        [
            results_line("a.txt", [("George W. Bush", "person", None, [])]),
            results_line("b.txt", [("George H. W. Bush", "person", None, [])]),
            results_line("c.txt", [("George Walker Bush", "person", None, [])]),
            results_line("d.txt", [("President George W. Bush", "person", None, [])]),
        ],
    )
    who = _who(conn)
    assert who[("a.txt", "George W. Bush")][0] != who[("b.txt", "George H. W. Bush")][0]
    assert who[("c.txt", "George Walker Bush")][0] == who[("a.txt", "George W. Bush")][0]
    assert who[("d.txt", "President George W. Bush")][0] == who[("a.txt", "George W. Bush")][0]


def test_an_initial_joins_the_only_person_it_can_be_and_no_other_first_name(tmp_path):
    conn = _index(
        tmp_path,
        [
            results_line("a.txt", [("M. Esper", "person", None, [])]),
            results_line("b.txt", [("Mark Esper", "person", None, [])]),
            results_line("c.txt", [("Mary Esper", "person", None, [])]),
        ],
    )
    who = _who(conn)
    assert who[("b.txt", "Mark Esper")] == (who[("a.txt", "M. Esper")][0], "initial")
    assert who[("c.txt", "Mary Esper")][0] != who[("a.txt", "M. Esper")][0]


def test_organisations_by_acronym_and_countries_by_code(tmp_path):
    conn = _index(
        tmp_path,
        [
            results_line("a.txt", [("NATO", "organization", None, [])]),
            results_line(
                "b.txt", [("North Atlantic Treaty Organization", "organization", None, ["NATO"])]
            ),
            results_line("b2.txt", [("Arms Control Association", "organization", None, [])]),
            results_line("b3.txt", [("ACA", "organization", None, [])]),
            results_line("b4.txt", [("State Department", "organization", None, ["Department"])]),
            results_line("b5.txt", [("Department", "organization", None, [])]),
            results_line("b6.txt", [("union", "organization", None, ["the union"])]),
            results_line("b7.txt", [("union", "organization", None, [])]),
            results_line("c.txt", [("Tenants Union", "organization", None, ["TU"])]),
            results_line("d.txt", [("TU", "organization", None, [])]),
            results_line("e.txt", [("U.S.", "country", None, [])]),
            results_line("f.txt", [("United States", "country", None, [])]),
            results_line("g.txt", [("Esper", "organization", None, [])]),
            results_line("h.txt", [("Mark Esper", "person", None, [])]),
        ],
    )
    who = _who(conn)
    assert who[("a.txt", "NATO")][0] == who[("b.txt", "North Atlantic Treaty Organization")][0]
    assert who[("b.txt", "North Atlantic Treaty Organization")][1] == "acronym"
    assert who[("c.txt", "Tenants Union")][0] == who[("d.txt", "TU")][0]
    # the letters of a name, one word of a name, a common noun: no evidence of identity
    assert who[("b2.txt", "Arms Control Association")][0] != who[("b3.txt", "ACA")][0]
    assert who[("b4.txt", "State Department")][0] != who[("b5.txt", "Department")][0]
    assert who[("b6.txt", "union")][0] != who[("b7.txt", "union")][0]
    # the letters of a name, one word of a name, a common noun: no evidence of identity
    assert who[("b2.txt", "Arms Control Association")][0] != who[("b3.txt", "ACA")][0]
    assert who[("b4.txt", "State Department")][0] != who[("b5.txt", "Department")][0]
    assert who[("b6.txt", "union")][0] != who[("b7.txt", "union")][0]
    assert who[("e.txt", "U.S.")][0] == who[("f.txt", "United States")][0]
    assert who[("f.txt", "United States")][1] == "country-code"
    assert who[("g.txt", "Esper")][0] != who[("h.txt", "Mark Esper")][0]  # never person = org


def test_descriptions_are_not_names(tmp_path):
    conn = _index(
        tmp_path,
        [
            results_line("a.txt", [("Hillary Clinton", "person", None, ["presidential nominee"])]),
            results_line("b.txt", [("Donald Trump", "person", None, ["presidential nominee"])]),
        ],
    )
    who = _who(conn)
    assert who[("a.txt", "Hillary Clinton")][0] != who[("b.txt", "Donald Trump")][0]


def test_pairwise_precision_and_recall_on_the_generated_corpus(tmp_path):
    lines, gold = [], {}
    for line, truth in generate(300, seed=3):
        lines.append(line)
        gold.update({(line["id"], a): who for a, who in truth.items()})
    conn = _index(tmp_path, lines)
    predicted = {
        (a, i): c
        for a, i, c in conn.execute(
            "SELECT ar.article, aa.actor_id, aa.corpus_actor_id FROM article_actors aa "
            "JOIN articles ar ON ar.id = aa.article_id"
        )
    }
    precision, recall, _ = pairwise(gold, predicted)
    assert precision >= 0.98, precision
    assert recall >= 0.85, recall
    # and the scorer itself can tell a bad clustering: everything in one cluster
    lumped, _, _ = pairwise(gold, dict.fromkeys(gold, 0))
    assert lumped < 0.2


def test_resolution_does_not_depend_on_batching(tmp_path):
    lines = [line for line, _ in generate(120, seed=8)]
    (tmp_path / "x").mkdir()
    one = _index(tmp_path / "x", lines)
    whole = sorted(
        tuple(r)
        for r in one.execute(
            "SELECT ar.article, aa.actor_id, l.rule FROM article_actors aa JOIN links l ON "
            "l.article_actor_id = aa.id JOIN articles ar ON ar.id = aa.article_id"
        )
    )
    split_dir = tmp_path / "y"
    split_dir.mkdir()
    _index(split_dir, lines[:60])
    two = _index(split_dir, lines[60:])
    parts = sorted(
        tuple(r)
        for r in two.execute(
            "SELECT ar.article, aa.actor_id, l.rule FROM article_actors aa JOIN links l ON "
            "l.article_actor_id = aa.id JOIN articles ar ON ar.id = aa.article_id"
        )
    )
    assert len(parts) == len(whole)
    same = sum(a == b for a, b in zip(whole, parts, strict=True))
    assert same / len(whole) > 0.9  # pending surnames may resolve in either run
