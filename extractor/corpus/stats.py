"""The corpus in figures: totals, most-quoted actors, quotes per actor type, source, month.

Read from the statistics views of `extractor.corpus.schema_sql` (the same
figures Datasette shows), for the table `extractor index` prints at its end.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

Row = tuple[object, ...]


@dataclass(slots=True)
class CorpusStats:
    totals: dict[str, int] = field(default_factory=dict)
    top_actors: list[Row] = field(default_factory=list)  # name, type, articles, quotes, claims
    types: list[Row] = field(default_factory=list)  # type, actors, quotes, claims
    sources: list[Row] = field(default_factory=list)  # source, articles, failed, quotes, claims
    rules: list[Row] = field(default_factory=list)  # rule, article actors linked by it
    attributes: list[Row] = field(default_factory=list)  # attribute, value, actors, quotes
    months: list[Row] = field(default_factory=list)  # month, articles, quotes, claims


TOTALS = {
    "articles": "SELECT count(*) FROM articles",
    "failed articles": "SELECT count(*) FROM articles WHERE status = 'error'",
    "article actors": "SELECT count(*) FROM article_actors",
    "corpus actors": "SELECT count(*) FROM corpus_actors",
    "corpus actors in >1 article": "SELECT count(*) FROM (SELECT corpus_actor_id FROM "
    "article_actors GROUP BY corpus_actor_id HAVING count(DISTINCT article_id) > 1)",
    "quotes": "SELECT count(*) FROM quotes WHERE top_level",
    "claims": "SELECT count(*) FROM claims",
}


def corpus_stats(database: Path, top: int = 10) -> CorpusStats:
    """The figures of a corpus database (opened read-only)."""
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        stats = CorpusStats()
        stats.totals = {name: conn.execute(sql).fetchone()[0] for name, sql in TOTALS.items()}
        stats.top_actors = conn.execute(
            "SELECT c.name, c.type, count(DISTINCT q.article_id), count(*), "
            "(SELECT count(*) FROM claims k WHERE k.corpus_actor_id = c.id) "
            "FROM quotes q JOIN corpus_actors c ON c.id = q.corpus_actor_id WHERE q.top_level "
            "GROUP BY c.id ORDER BY count(*) DESC, c.name LIMIT ?",
            (top,),
        ).fetchall()
        stats.types = conn.execute(
            "SELECT type, actors, quotes, claims FROM type_stats ORDER BY quotes DESC"
        ).fetchall()
        stats.sources = conn.execute(
            "SELECT source, articles, failed, quotes, claims FROM source_stats "
            "ORDER BY articles DESC, source LIMIT ?",
            (top,),
        ).fetchall()
        stats.rules = conn.execute(
            "SELECT rule, count(*) FROM links GROUP BY rule ORDER BY count(*) DESC"
        ).fetchall()
        stats.attributes = conn.execute(
            "SELECT attribute, value, actors, quotes FROM attribute_stats "
            "ORDER BY attribute, quotes DESC LIMIT ?",
            (top * 3,),
        ).fetchall()
        stats.months = conn.execute(
            "SELECT month, articles, quotes, claims FROM month_stats ORDER BY month DESC LIMIT ?",
            (top,),
        ).fetchall()[::-1]
        return stats
    finally:
        conn.close()
