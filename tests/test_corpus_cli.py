"""`extractor index` and `extractor serve` on the command line, as the README shows them."""

from __future__ import annotations

import json
import sqlite3

from typer.testing import CliRunner

from extractor.cli import app
from tests.corpus_people import results_line

runner = CliRunner()


def test_index_prints_what_it_did_and_the_summary_tables(tmp_path):
    results, db = tmp_path / "results.jsonl", tmp_path / "corpus.db"
    lines = [
        results_line("nyt_2020-01-02_a.txt", [("Mark Esper", "person", None, [])]),
        results_line("nyt_2020-02-03_b.txt", [("Esper", "person", None, [])]),
    ]
    results.write_text("".join(json.dumps(x) + "\n" for x in lines) + "oops\n", "utf-8")
    people = tmp_path / "people.csv"
    people.write_text("name,role\nMark Esper,official\n", encoding="utf-8")
    result = runner.invoke(app, ["index", str(results), "-o", str(db), "--attributes", str(people)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "indexed 2 new lines" in out and "1 skipped" in out and "line 3: not JSON" in out
    for title in (
        "most-quoted actors",
        "by actor type",
        "by source",
        "links by rule",
        "by attribute",
        "by month",
    ):
        assert title in out
    assert "Mark Esper" in out and "unique-surname" in out and "official" in out
    again = runner.invoke(app, ["index", str(results), "-o", str(db)])
    assert "indexed 0 new lines" in again.output and "2 already there" in again.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM corpus_actors").fetchone()[0] == 1


def test_index_and_serve_say_what_is_wrong(tmp_path):
    missing = runner.invoke(
        app, ["index", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "c.db")]
    )
    assert missing.exit_code == 1 and "nope.jsonl" in missing.output
    bad = tmp_path / "o.toml"
    bad.write_text("merge = 3\n", encoding="utf-8")
    results = tmp_path / "r.jsonl"
    results.write_text(
        json.dumps(results_line("a.txt", [("X Y", "person", None, [])])) + "\n", "utf-8"
    )
    wrong = runner.invoke(
        app, ["index", str(results), "-o", str(tmp_path / "c.db"), "--overrides", str(bad)]
    )
    assert wrong.exit_code == 2 and "o.toml" in wrong.output and "merge" in wrong.output
    served = runner.invoke(app, ["serve", str(tmp_path / "nothing.db")])
    assert served.exit_code == 1 and "nothing.db" in served.output
