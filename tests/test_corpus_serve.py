"""`extractor serve`'s Datasette: metadata, canned queries, read-only, the article pages.

In process, through Datasette's own ASGI client (no socket, no browser); the
real browser test is tests/test_corpus_browser.py. Datasette comes with the
test extra; without it this skips, except on CI, where it fails.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest

from extractor.corpus import index_results
from tests.corpus_people import results_line

try:
    import datasette  # noqa: F401
except ImportError:  # pragma: no cover - depends on the environment
    if os.environ.get("CI"):
        raise
    pytest.skip("datasette is not installed (pip install '.[serve]')", allow_module_level=True)

from extractor.corpus.serve import build
from extractor.errors import ResultsFileError


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("serve")
    results = folder / "r.jsonl"
    lines = [
        results_line(
            "ledger/a.txt",
            [
                ("Mark Esper", "person", "Defense Secretary", []),
                ("Tenants Union", "organization", None, ["TU"]),
            ],
        ),
        results_line("courier/b.txt", [("Esper", "person", None, [])]),
        {
            "id": "courier/c.txt",
            "path": "c.txt",
            "sha256": None,
            "status": "error",
            "error": {"type": "not_text", "message": "binary <b>file</b>"},
            "meta": {},
        },
    ]
    results.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    index_results([results], folder / "corpus.db")
    return build(folder / "corpus.db")


def _get(ds: Any, path: str) -> Any:
    return asyncio.run(ds.client.get(path))


def test_the_database_is_served_immutable_with_metadata(ds):
    db = ds.get_database("corpus")
    assert not db.is_mutable
    meta = _get(ds, "/-/metadata.json").json()
    tables = meta["databases"]["corpus"]["tables"]
    assert tables["quotes"]["fts_table"] == "quotes_fts"
    assert "corpus_actors" in tables and tables["links"]["columns"]["rule"]
    page = _get(ds, "/corpus/quotes").text
    assert "links to the article page" in page  # the table's description is shown


def test_canned_queries_answer(ds):
    rows = _get(ds, "/corpus/quotes_by_actor.json?actor=Esper&_shape=array").json()
    assert len(rows) == 2 and {r["actor"] for r in rows} == {"Mark Esper"}
    assert {r["source"] for r in rows} == {"ledger", "courier"}
    top = _get(ds, "/corpus/most_quoted.json?_shape=array").json()
    assert top[0]["name"] == "Mark Esper" and top[0]["quotes"] == 2
    found = _get(ds, "/corpus/search_quotes.json?words=Words 1 of ledger&_shape=array").json()
    assert [r["article"] for r in found] == ["ledger/a.txt"]
    odd = _get(ds, '/corpus/search_quotes.json?words="unbalanced&_shape=array')
    assert odd.status_code == 200 and odd.json() == []  # user words never break the query
    per_source = _get(ds, "/corpus/quotes_per_source.json?_shape=array").json()
    assert {(r["source"], r["quotes"]) for r in per_source} >= {("ledger", 1), ("courier", 1)}
    failed = _get(ds, "/corpus/failed_articles.json?_shape=array").json()
    assert failed[0]["error_type"] == "not_text"


def test_quotes_link_to_their_highlighted_article_page(ds):
    table = _get(ds, "/corpus/quotes?_search=ledger").text
    assert 'class="article-page" href="/-/article/corpus/1?quote=q1"' in table
    query = _get(ds, "/corpus/most_quoted").text
    assert 'href="/corpus/corpus_actors/1"' in query
    page = _get(ds, "/-/article/corpus/1?quote=q2")
    assert page.status_code == 200
    html = page.text
    assert '<div class="xr-text">' in html and "<mark" in html  # the export's renderer
    assert "Mark Esper" in html and '"q2"' in html  # the quote to focus on
    failed = _get(ds, "/-/article/corpus/3").text
    assert "binary &lt;b&gt;file&lt;/b&gt;" in failed  # escaped
    assert _get(ds, "/-/article/corpus/99").status_code == 404
    assert _get(ds, "/-/article/nowhere/1").status_code == 404


def test_serve_refuses_what_is_not_a_corpus(tmp_path):
    with pytest.raises(ResultsFileError, match="no such corpus"):
        build(tmp_path / "missing.db")
    other = tmp_path / "other.db"
    other.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ResultsFileError, match="not a corpus database"):
        build(other)
    assert Path(other).read_bytes().startswith(b"not sqlite")
