"""What Datasette shows about the corpus: titles, descriptions, column notes, canned queries.

A plain dict in Datasette's metadata format (``Datasette(metadata=...)``),
made for the database's name (its file name without ``.db``). Columns named
``page`` in a query link to the highlighted article page, and
``corpus_actor_id`` to the actor (`extractor.corpus.datasette_plugin`).
"""

from __future__ import annotations

from typing import Any

PAGE = "q.article_id || '/' || q.quote_id AS page"

QUERIES: dict[str, dict[str, str]] = {
    "quotes_by_actor": {
        "title": "Quotes by actor",
        "description": "Everything one corpus actor said, across all articles (a part of "
        "the name is enough: Esper).",
        "sql": f"""SELECT q.corpus_actor_id, c.name AS actor, q.kind, q.text, a.article,
  a.source, a.date, {PAGE}
FROM quotes q JOIN corpus_actors c ON c.id = q.corpus_actor_id
  JOIN articles a ON a.id = q.article_id
WHERE q.top_level AND c.name LIKE '%' || :actor || '%'
ORDER BY c.name, a.date, a.article, q.start LIMIT 1000""",
    },
    "most_quoted": {
        "title": "Most-quoted actors",
        "description": "Corpus actors by the number of their quotes (nested quotes counted "
        "once), with the articles they are quoted in.",
        "sql": """SELECT q.corpus_actor_id, c.name, c.type, count(*) AS quotes,
  count(DISTINCT q.article_id) AS articles
FROM quotes q JOIN corpus_actors c ON c.id = q.corpus_actor_id
WHERE q.top_level GROUP BY q.corpus_actor_id ORDER BY quotes DESC, c.name LIMIT 200""",
    },
    "quotes_per_source": {
        "title": "Quotes per source",
        "description": "Which outlets quote whom: quotes per source and corpus actor.",
        "sql": """SELECT coalesce(a.source, '(unknown)') AS source, q.corpus_actor_id,
  c.name AS actor, count(*) AS quotes
FROM quotes q JOIN articles a ON a.id = q.article_id
  JOIN corpus_actors c ON c.id = q.corpus_actor_id
WHERE q.top_level GROUP BY 1, q.corpus_actor_id ORDER BY source, quotes DESC LIMIT 2000""",
    },
    "search_quotes": {
        "title": "Search quotes",
        "description": "Full-text search of the quotes (the words are searched as a phrase).",
        "sql": f"""SELECT q.corpus_actor_id, c.name AS actor, q.kind, q.text, a.article, {PAGE}
FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid
  JOIN articles a ON a.id = q.article_id
  LEFT JOIN corpus_actors c ON c.id = q.corpus_actor_id
WHERE quotes_fts MATCH '"' || replace(:words, '"', '""') || '"'
ORDER BY quotes_fts.rank LIMIT 500""",
    },
    "search_claims": {
        "title": "Search claims",
        "description": "Full-text search of the claims' statements and evidence (as a phrase).",
        "sql": """SELECT k.corpus_actor_id, c.name AS claimant, k.statement, k.attribution,
  k.hedged, a.article, k.article_id || '/' || k.claim_id AS page
FROM claims_fts JOIN claims k ON k.id = claims_fts.rowid
  JOIN articles a ON a.id = k.article_id
  LEFT JOIN corpus_actors c ON c.id = k.corpus_actor_id
WHERE claims_fts MATCH '"' || replace(:words, '"', '""') || '"'
ORDER BY claims_fts.rank LIMIT 500""",
    },
    "quotes_by_attribute": {
        "title": "Quotes by attribute",
        "description": "Quotes and actors per value of a user-supplied attribute "
        "(gender, party, role: from extractor index --attributes).",
        "sql": """SELECT value, actors, quotes, claims FROM attribute_stats
WHERE attribute = :attribute ORDER BY quotes DESC""",
    },
    "actor_over_time": {
        "title": "An actor's quotes over time",
        "description": "Quotes per month for corpus actors whose name contains the words "
        "(articles with a date only).",
        "sql": """SELECT corpus_actor_id, name, month, quotes FROM actor_month_stats
WHERE name LIKE '%' || :actor || '%' ORDER BY name, month""",
    },
    "failed_articles": {
        "title": "Failed articles",
        "description": "Inputs whose extraction failed, with the error.",
        "sql": """SELECT id AS article_row, article, path, error_type, error_message
FROM articles WHERE status = 'error' ORDER BY article""",
    },
}

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per article (the latest results line for its id). "
        "The article column links to the highlighted page.",
        "label_column": "article",
        "columns": {
            "article": "The results line's id (a relative path, or the record's id)",
            "sha256": "sha256 of the text (error lines: of the error)",
            "status": "ok, or error (the extraction failed; see error_type, error_message)",
            "source": "The outlet: from the id (its first folder, or outlet_YYYY-MM-DD_...) "
            "or from an articles CSV",
            "date": "YYYY-MM-DD from the id or an articles CSV, when known",
            "n_quotes": "Top-level quotes (a quote nested in another counts once)",
            "extraction": "The extraction as JSON",
        },
    },
    "corpus_actors": {
        "description": "Real-world entities: article actors resolved across articles. "
        "See links for why each article actor joined its corpus actor.",
        "label_column": "name",
        "columns": {
            "pending": "1: a bare surname no rule could tie to one person (yet)",
            "pinned": "1: split by the overrides file; no rule links to it",
            "surname": "Persons: the last name, used to link bare surnames",
        },
    },
    "article_actors": {
        "description": "Actors as each article's extraction gave them.",
        "label_column": "name",
        "columns": {
            "actor_id": "The actor's id inside its extraction (a1, a2, ...)",
            "norm": "The name as plain words (what overrides and attributes match)",
            "corpus_actor_id": "The corpus actor it was resolved to",
        },
    },
    "links": {
        "description": "The evidence of each resolution: which rule joined an article actor "
        "to its corpus actor, and on which names.",
        "columns": {
            "rule": "new, full-name, initial, same-article, unique-surname, surname+title, "
            "pending, country-code, name, acronym, override-merge, override-split",
            "matched": "The key that matched (plain words)",
        },
    },
    "quotes": {
        "description": "Every quote; quote_id links to the article page with it highlighted.",
        "label_column": "quote_id",
        "fts_table": "quotes_fts",
        "fts_pk": "id",
        "facets": ["kind"],
        "columns": {
            "top_level": "0 for a quote inside a longer quote of the same speaker",
            "speaker": "The article actor, as the extraction gave it",
            "corpus_actor_id": "The speaker resolved across articles",
        },
    },
    "claims": {
        "description": "Every claim; claim_id links to the article page.",
        "label_column": "claim_id",
        "fts_table": "claims_fts",
        "fts_pk": "id",
        "facets": ["attribution"],
    },
    "actor_attributes": {
        "description": "User-supplied attributes of corpus actors (extractor index "
        "--attributes people.csv); nothing here is guessed.",
    },
    "mentions": {"description": "Where each article actor is named in its article."},
    "actor_stats": {
        "description": "Per corpus actor: articles it is in, its quotes (top-level) and claims."
    },
    "type_stats": {"description": "Per actor type: corpus actors, their quotes and claims."},
    "source_stats": {"description": "Per source (outlet): articles, failed ones, quotes, claims."},
    "month_stats": {"description": "Per month (dated articles only): articles, quotes, claims."},
    "actor_month_stats": {"description": "Quotes per corpus actor and month (dated articles)."},
    "attribute_stats": {
        "description": "Per value of each user-supplied attribute: actors, quotes, claims."
    },
    "name_keys": {"hidden": True},
    "seen": {"hidden": True},
    "corpus_info": {"hidden": True},
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a corpus database served under the name ``database``."""
    return {
        "title": "extractor corpus",
        "description": "Who said what across a folder of articles: quotes, claims and "
        "actors resolved across articles, each quote linked to its highlighted article.",
        "databases": {
            database: {
                "description": "Built by extractor index; see README, 'Across a folder'.",
                "tables": TABLES,
                "queries": QUERIES,
            }
        },
    }
