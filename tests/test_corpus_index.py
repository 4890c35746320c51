"""`extractor index`: idempotent, incremental, safe against a kill, never crashed by a line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from extractor.corpus import index as index_module
from extractor.corpus import index_results
from extractor.errors import ResultsFileError
from tests.corpus_people import generate, results_line


def _write(path: Path, lines: list[dict], mode: str = "w") -> None:
    with path.open(mode, encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    tables = [
        "articles",
        "article_actors",
        "corpus_actors",
        "mentions",
        "quotes",
        "claims",
        "links",
        "quotes_fts",
        "claims_fts",
    ]
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_the_same_lines_again_add_nothing_and_new_lines_are_added(tmp_path):
    lines = [line for line, _ in generate(30, seed=1)]
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    _write(results, lines[:20])
    first = index_results([results], db)
    assert (first.added, first.already) == (20, 0)
    before = _counts(db)
    again = index_results([results], db)
    assert (again.added, again.already) == (0, 20)
    assert _counts(db) == before
    _write(results, lines[20:], "a")  # the results file grew
    grown = index_results([results], db)
    assert (grown.added, grown.already) == (10, 20)
    after = _counts(db)
    assert after["articles"] == 30
    assert after["quotes"] == sum(len(x["extraction"]["quotes"]) for x in lines)
    assert after["quotes_fts"] == after["quotes"] and after["claims_fts"] == after["claims"]


def test_bad_lines_are_counted_not_fatal_and_error_lines_are_recorded(tmp_path):
    good = results_line("a.txt", [("Mark Esper", "person", None, [])])
    bad_schema = results_line("b.txt", [("X", "person", None, [])])
    bad_schema["extraction"]["quotes"][0]["kind"] = "shouted"
    error = {
        "id": "c.txt",
        "path": "c.txt",
        "sha256": None,
        "status": "error",
        "error": {"type": "not_text", "message": "c.txt: binary"},
        "meta": {},
    }
    results = tmp_path / "r.jsonl"
    results.write_text(
        "not json\n[1, 2]\n"
        + json.dumps({"hello": "world"})
        + "\n"
        + json.dumps(good)
        + "\n"
        + json.dumps(bad_schema)
        + "\n"
        + json.dumps(error)
        + "\n"
        + '{"id": "torn", "sta',
        encoding="utf-8",
    )
    report = index_results([results], tmp_path / "c.db")
    assert report.added == 2 and report.errors_recorded == 1
    assert [n for n, _ in report.files[0].skipped] == [1, 2, 3, 5]
    assert report.files[0].torn
    conn = sqlite3.connect(tmp_path / "c.db")
    assert conn.execute(
        "SELECT status, error_type, error_message FROM articles WHERE article = 'c.txt'"
    ).fetchone() == ("error", "not_text", "c.txt: binary")


def test_a_later_ok_line_replaces_an_error_and_reindexing_keeps_it(tmp_path):
    error = {
        "id": "a.txt",
        "path": "a.txt",
        "sha256": None,
        "status": "error",
        "error": {"type": "provider_error", "message": "429"},
        "meta": {},
    }
    ok = results_line("a.txt", [("Mark Esper", "person", None, [])])
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    _write(results, [error, ok])
    report = index_results([results], db)
    assert report.replaced == 1
    for _ in range(2):
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT article, status FROM articles").fetchall() == [("a.txt", "ok")]
        conn.close()
        assert index_results([results], db).added == 0
    # a new version of the text replaces the old one, its quotes leave the search index
    newer = results_line("a.txt", [("Alma Berdal", "person", None, [])])
    _write(results, [newer], "a")
    index_results([results], db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM corpus_actors").fetchall() == [("Alma Berdal",)]
    assert (
        conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'words'").fetchone()[0]
        == 1
    )
    conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_run_stopped_mid_index_loses_only_its_batch_and_the_next_run_completes(
    tmp_path, monkeypatch
):
    lines = [line for line, _ in generate(50, seed=2)]
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    _write(results, lines)
    real_add = index_module.Indexer.add
    calls = {"n": 0}

    def dying_add(self, path, line):
        calls["n"] += 1
        if calls["n"] == 27:
            raise KeyboardInterrupt  # a kill in the middle of the third batch
        return real_add(self, path, line)

    monkeypatch.setattr(index_module.Indexer, "add", dying_add)
    with pytest.raises(KeyboardInterrupt):
        index_results([results], db, batch=10)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 20
    held = conn.execute(
        "SELECT a.n_actors, (SELECT count(*) FROM article_actors x WHERE x.article_id = a.id) "
        "FROM articles a"
    ).fetchall()
    assert all(n == m for n, m in held)  # no article half in
    conn.close()
    monkeypatch.setattr(index_module.Indexer, "add", real_add)
    report = index_results([results], db, batch=10)
    assert (report.added, report.already) == (30, 20)
    counts = _counts(db)
    assert counts["articles"] == 50
    assert counts["quotes_fts"] == counts["quotes"]


def test_the_database_is_wal_with_foreign_keys_and_the_log_folded_in(tmp_path):
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    _write(results, [line for line, _ in generate(10, seed=4)])
    index_results([results], db)
    wal = Path(str(db) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # read-only opens see everything
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = conn.execute("PRAGMA foreign_key_list(quotes)").fetchall()
    assert {f[2] for f in fks} == {"articles", "article_actors", "corpus_actors"}


def test_source_and_date_come_from_the_id(tmp_path):
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    _write(
        results,
        [
            results_line("nyt_2016-09-12_slug.txt", [("Mark Esper", "person", None, [])]),
            results_line("courier/2021/b.txt", [("Mark Esper", "person", None, [])]),
            results_line("plain.txt", [("Mark Esper", "person", None, [])]),
        ],
    )
    index_results([results], db)
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT article, source, date FROM articles ORDER BY article"
    ).fetchall() == [
        ("courier/2021/b.txt", "courier", None),
        ("nyt_2016-09-12_slug.txt", "nyt", "2016-09-12"),
        ("plain.txt", None, None),
    ]
    assert conn.execute("SELECT month, articles FROM month_stats").fetchall() == [("2016-09", 1)]


def test_a_missing_results_file_is_a_typed_error_and_writes_nothing(tmp_path):
    with pytest.raises(ResultsFileError, match=r"nope\.jsonl"):
        index_results([tmp_path / "nope.jsonl"], tmp_path / "c.db")
    assert not (tmp_path / "c.db").exists()


def test_a_sigkill_mid_index_then_a_rerun_gives_every_line_once(tmp_path):
    """A real kill: `extractor index --batch 20` is SIGKILLed once three batches are in."""
    import os
    import signal
    import subprocess
    import sys
    import time

    lines = [line for line, _ in generate(800, seed=9)]
    results, db = tmp_path / "r.jsonl", tmp_path / "c.db"
    _write(results, lines)
    command = [
        sys.executable,
        "-m",
        "extractor",
        "index",
        str(results),
        "-o",
        str(db),
        "--batch",
        "50",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    held = 0
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                probe = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
                held = probe.execute("SELECT count(*) FROM articles").fetchone()[0]
                probe.close()
            except sqlite3.Error:
                held = 0
        if held >= 60:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 60 <= held < 800, f"the kill did not land mid-index ({held} articles held)"
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    counts = _counts(db)
    assert counts["articles"] == 800
    assert counts["quotes"] == sum(len(x["extraction"]["quotes"]) for x in lines)
    assert counts["quotes_fts"] == counts["quotes"]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (
        conn.execute(
            "SELECT count(*) FROM (SELECT article FROM articles GROUP BY article "
            "HAVING count(*) > 1)"
        ).fetchone()[0]
        == 0
    )


def test_another_programs_database_is_refused_untouched(tmp_path):
    results, db = tmp_path / "r.jsonl", tmp_path / "other.db"
    _write(results, [results_line("a.txt", [("Mark Esper", "person", None, [])])])
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    other.commit()
    other.close()
    with pytest.raises(ResultsFileError, match="not a corpus database"):
        index_results([results], db)
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == ["invoices"]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    fresh = tmp_path / "c.db"
    index_results([results], fresh)
    conn = sqlite3.connect(fresh)
    conn.execute("UPDATE corpus_info SET value = '0' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(ResultsFileError, match="another version"):
        index_results([results], fresh)
