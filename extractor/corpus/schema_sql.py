"""The corpus database's tables, indexes, full-text search and statistics views.

One file, SQLite (the standard library's sqlite3), WAL mode, foreign keys on.
``articles`` holds one row per distinct results line (article id + sha256 of
its text, or of its error for an error line); everything else hangs off it and
goes when it goes (ON DELETE CASCADE). ``article_actors`` are the actors as
each article's extraction gave them; ``corpus_actors`` the real-world entities
they were resolved to, with the evidence of each link (``rule``, the key
``matched``, ``evidence``; the view ``links`` shows them alone);
``name_keys`` the indexed keys resolution looks up (never all pairs).
``seen`` remembers the lines indexed once and replaced since (article id +
key), so indexing such a line again adds nothing. ``quotes_fts``
and ``claims_fts`` are FTS5 indexes over quotes and claims, filled in bulk by
`catch_up_fts` after the rows are in (``corpus_info`` keeps the highest row id
each holds, so a run killed before it is caught up by the next), and kept in
step on deletes by triggers.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import ResultsFileError

SCHEMA_VERSION = 2
CACHE_KIB = 65536  # SQLite's page cache: 64 MiB
PAGE_SIZE = 8192  # an article row (text and extraction, ~4-30 KB) spills over fewer pages

TABLES = """
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  article TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  path TEXT,
  source TEXT,
  date TEXT,
  results_file TEXT,
  line INTEGER,
  engine TEXT,
  model TEXT,
  error_type TEXT,
  error_message TEXT,
  n_actors INTEGER NOT NULL DEFAULT 0,
  n_quotes INTEGER NOT NULL DEFAULT 0,
  n_claims INTEGER NOT NULL DEFAULT 0,
  text TEXT,
  extraction TEXT,
  UNIQUE (article, sha256)
);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);

CREATE TABLE IF NOT EXISTS corpus_actors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  title TEXT,
  surname TEXT,
  middle TEXT NOT NULL DEFAULT '',
  pending INTEGER NOT NULL DEFAULT 0,
  pinned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS corpus_actors_pending ON corpus_actors (pending) WHERE pending = 1;
CREATE INDEX IF NOT EXISTS corpus_actors_name ON corpus_actors (name);

CREATE TABLE IF NOT EXISTS article_actors (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  actor_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  title TEXT,
  aliases TEXT,
  norm TEXT NOT NULL,
  corpus_actor_id INTEGER REFERENCES corpus_actors (id),
  rule TEXT NOT NULL,
  matched TEXT,
  evidence TEXT
);
CREATE INDEX IF NOT EXISTS article_actors_article ON article_actors (article_id);
CREATE INDEX IF NOT EXISTS article_actors_corpus ON article_actors (corpus_actor_id);
CREATE INDEX IF NOT EXISTS article_actors_norm ON article_actors (norm);


CREATE TABLE IF NOT EXISTS name_keys (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  corpus_actor_id INTEGER NOT NULL REFERENCES corpus_actors (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, key, corpus_actor_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_keys_actor ON name_keys (corpus_actor_id);

CREATE TABLE IF NOT EXISTS mentions (
  id INTEGER PRIMARY KEY,
  article_actor_id INTEGER NOT NULL REFERENCES article_actors (id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions (article_actor_id);

CREATE TABLE IF NOT EXISTS quotes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: the FTS catch-up relies on it
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  quote_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  speaker INTEGER REFERENCES article_actors (id),
  corpus_actor_id INTEGER REFERENCES corpus_actors (id),
  speaker_mention TEXT,
  cue TEXT,
  within TEXT,
  top_level INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);
CREATE INDEX IF NOT EXISTS quotes_corpus_actor ON quotes (corpus_actor_id);

CREATE TABLE IF NOT EXISTS claims (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: the FTS catch-up relies on it
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  claim_id TEXT NOT NULL,
  statement TEXT NOT NULL,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  claimant INTEGER REFERENCES article_actors (id),
  corpus_actor_id INTEGER REFERENCES corpus_actors (id),
  attribution TEXT NOT NULL,
  hedged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS claims_article ON claims (article_id);
CREATE INDEX IF NOT EXISTS claims_claimant ON claims (claimant);
CREATE INDEX IF NOT EXISTS claims_corpus_actor ON claims (corpus_actor_id);

CREATE TABLE IF NOT EXISTS actor_attributes (
  corpus_actor_id INTEGER NOT NULL REFERENCES corpus_actors (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (corpus_actor_id, name)
);
CREATE INDEX IF NOT EXISTS actor_attributes_name ON actor_attributes (name, value);

CREATE TABLE IF NOT EXISTS seen (
  article TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (article, key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS corpus_info (key TEXT PRIMARY KEY, value TEXT);

CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5 (
  text, content='quotes', content_rowid='id'
);
CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5 (
  statement, evidence, content='claims', content_rowid='id'
);
CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes
WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM corpus_info WHERE key = 'quotes_fts_upto')
BEGIN
  INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims
WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM corpus_info WHERE key = 'claims_fts_upto')
BEGIN
  INSERT INTO claims_fts (claims_fts, rowid, statement, evidence)
  VALUES ('delete', old.id, old.statement, old.evidence);
END;
"""

#: Statistics quote trackers report. Only top-level quotes count (a partial quote inside a
#: longer quote of the same speaker is part of it, as in `extractor eval` and the exports).
VIEWS = """
DROP VIEW IF EXISTS links;
CREATE VIEW links AS
SELECT id AS article_actor_id, corpus_actor_id, rule, matched, evidence FROM article_actors;

DROP VIEW IF EXISTS actor_stats;
CREATE VIEW actor_stats AS
SELECT c.id AS corpus_actor_id, c.name, c.type, c.title,
  (SELECT count(DISTINCT aa.article_id) FROM article_actors aa
     WHERE aa.corpus_actor_id = c.id) AS articles,
  (SELECT count(*) FROM quotes q WHERE q.corpus_actor_id = c.id AND q.top_level) AS quotes,
  (SELECT count(*) FROM claims k WHERE k.corpus_actor_id = c.id) AS claims
FROM corpus_actors c;

DROP VIEW IF EXISTS type_stats;
CREATE VIEW type_stats AS
SELECT c.type,
  count(DISTINCT c.id) AS actors,
  (SELECT count(*) FROM quotes q JOIN corpus_actors x ON x.id = q.corpus_actor_id
     WHERE x.type = c.type AND q.top_level) AS quotes,
  (SELECT count(*) FROM claims k JOIN corpus_actors x ON x.id = k.corpus_actor_id
     WHERE x.type = c.type) AS claims
FROM corpus_actors c GROUP BY c.type;

DROP VIEW IF EXISTS source_stats;
CREATE VIEW source_stats AS
SELECT coalesce(a.source, '(unknown)') AS source,
  count(*) AS articles,
  sum(a.status = 'error') AS failed,
  sum(a.n_quotes) AS quotes,
  sum(a.n_claims) AS claims
FROM articles a GROUP BY coalesce(a.source, '(unknown)');

DROP VIEW IF EXISTS month_stats;
CREATE VIEW month_stats AS
SELECT substr(a.date, 1, 7) AS month, count(*) AS articles,
  sum(a.n_quotes) AS quotes, sum(a.n_claims) AS claims
FROM articles a WHERE a.date IS NOT NULL GROUP BY substr(a.date, 1, 7);

DROP VIEW IF EXISTS actor_month_stats;
CREATE VIEW actor_month_stats AS
SELECT q.corpus_actor_id, c.name, substr(a.date, 1, 7) AS month, count(*) AS quotes
FROM quotes q JOIN articles a ON a.id = q.article_id
  JOIN corpus_actors c ON c.id = q.corpus_actor_id
WHERE a.date IS NOT NULL AND q.top_level
GROUP BY q.corpus_actor_id, substr(a.date, 1, 7);

DROP VIEW IF EXISTS attribute_stats;
CREATE VIEW attribute_stats AS
SELECT t.name AS attribute, t.value, count(DISTINCT t.corpus_actor_id) AS actors,
  (SELECT count(*) FROM quotes q JOIN actor_attributes u ON u.corpus_actor_id = q.corpus_actor_id
     WHERE u.name = t.name AND u.value = t.value AND q.top_level) AS quotes,
  (SELECT count(*) FROM claims k JOIN actor_attributes u ON u.corpus_actor_id = k.corpus_actor_id
     WHERE u.name = t.name AND u.value = t.value) AS claims
FROM actor_attributes t GROUP BY t.name, t.value;
"""


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating) the corpus database for writing: WAL, foreign keys, the schema."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
    _check_ours(conn, path)  # before anything changes the file
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # takes effect on a new file only
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # the same whatever the corpus size
    conn.execute("PRAGMA wal_autocheckpoint = 16384")  # fold the log back every 64 MiB
    conn.executescript(TABLES)
    conn.executescript(VIEWS)
    conn.execute(
        "INSERT OR REPLACE INTO corpus_info (key, value) VALUES ('schema_version', ?)",
        (str(SCHEMA_VERSION),),
    )
    return conn


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database some other program made, or another version of this schema."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return
    if "corpus_info" not in tables:
        conn.close()
        raise ResultsFileError(
            "holds tables but is not a corpus database made by extractor index; "
            "name a new file with -o",
            source=str(path),
        )
    row = conn.execute("SELECT value FROM corpus_info WHERE key = 'schema_version'").fetchone()
    if row is None or row[0] != str(SCHEMA_VERSION):
        conn.close()
        raise ResultsFileError(
            f"made by another version of extractor index (schema {row[0] if row else '?'}, "
            f"this one writes {SCHEMA_VERSION}); index into a new file",
            source=str(path),
        )


def catch_up_fts(conn: sqlite3.Connection) -> None:
    """Add the quotes and claims the full-text indexes do not hold yet (one statement each,
    far faster than a trigger per row); call inside a transaction."""
    for table, columns in (("quotes", "text"), ("claims", "statement, evidence")):
        key = f"{table}_fts_upto"
        row = conn.execute("SELECT value FROM corpus_info WHERE key = ?", (key,)).fetchone()
        upto = int(row[0]) if row else 0
        conn.execute(
            f"INSERT INTO {table}_fts (rowid, {columns}) SELECT id, {columns} FROM {table} "
            "WHERE id > ? ORDER BY id",
            (upto,),
        )
        top = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        conn.execute(
            "INSERT OR REPLACE INTO corpus_info (key, value) VALUES (?, ?)", (key, str(top))
        )


def close(conn: sqlite3.Connection) -> None:
    """Fold the write-ahead log back into the file (so a read-only, immutable open sees
    everything) and close."""
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
