"""``extractor index``: results files into the corpus database, resolving actors as it goes.

Every results file is read through `extractor.batch.results.ResultsReader`,
the one reader (it skips and counts lines that are not results). A line is
known by its article id and a key: the sha256 of its text, or for an error
line a hash of its error. A key held already (in ``articles``, or in ``seen``
for versions replaced since) adds nothing, so
indexing the same file again is a no-op and a grown file adds only its new
lines. An ok line replaces whatever the database held for its id (a rerun
after ``--retry-failed``, or a new version of the text); an error line is kept
only while its id has nothing better. Lines are written a batch at a time, each
batch one transaction: a kill loses at most the batch in flight, and the next
run does it again. Resolution of bare surnames, the user's overrides and the
attribute files run at the end, in one more transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..batch.results import ResultLine, read_results
from ..errors import ResultsFileError
from ..schema import Extraction
from . import actors
from .attributes import load_actor_attributes, load_article_attributes
from .names import keys_for
from .overrides import apply_overrides, load_overrides
from .resolve import Link, NewActor, Resolver, resolve_pending
from .schema_sql import catch_up_fts, close, connect
from .sources import date_of, source_of

BATCH = 5000  # lines per transaction


@dataclass(slots=True)
class FileReport:
    path: Path
    read: int = 0
    added: int = 0
    already: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    torn: bool = False
    summary: str = ""  # the reader's words on skipped lines


@dataclass(slots=True)
class IndexReport:
    """What one index run did."""

    database: Path
    files: list[FileReport] = field(default_factory=list)
    added: int = 0
    already: int = 0
    replaced: int = 0
    errors_recorded: int = 0
    pending_linked: int = 0
    merged: int = 0
    split: int = 0
    attributes: str = ""
    articles_csv: str = ""
    elapsed_s: float = 0.0

    @property
    def skipped(self) -> int:
        return sum(len(f.skipped) for f in self.files)


def line_key(record: dict[str, Any]) -> str:
    """The sha256 of an ok line's text; for an error line, ``error:`` + a hash of its error."""
    if record["status"] == "ok" and isinstance(record.get("sha256"), str):
        return str(record["sha256"])
    error = json.dumps(record.get("error"), sort_keys=True, ensure_ascii=False)
    return "error:" + hashlib.sha256(error.encode("utf-8")).hexdigest()


class Indexer:
    """Adds result lines to an open corpus database (the caller commits)."""

    def __init__(self, conn: sqlite3.Connection, resolver: Resolver, report: IndexReport) -> None:
        self.conn = conn
        self.resolver = resolver
        self.report = report
        self.next_actor_row = 0
        #: Rows waiting for `flush`, one list per statement of INSERTS (gathered over many
        #: articles: one executemany each per batch, not per article).
        self.rows: list[list[tuple[Any, ...]]] = [[] for _ in INSERTS]

    def begin(self) -> None:
        """Start a batch: take the write lock, and the next free article actor row id (rows
        are numbered here, so a whole article's actors go in with one statement)."""
        self.conn.execute("BEGIN IMMEDIATE")
        top = self.conn.execute("SELECT coalesce(max(id), 0) FROM article_actors").fetchone()
        self.next_actor_row = int(top[0]) + 1

    def add(self, source_file: Path, line: ResultLine) -> bool:
        """Index one line; False when its key was indexed before."""
        record = line.record
        item, key = line.id, line_key(record)
        conn = self.conn
        held = conn.execute("SELECT id, sha256 FROM articles WHERE article = ?", (item,)).fetchall()
        if any(sha == key for _, sha in held):
            return False
        if conn.execute("SELECT 1 FROM seen WHERE article = ? AND key = ?", (item, key)).fetchone():
            return False  # indexed once, and replaced since by a later line
        if line.extraction is None and held:  # an error line never replaces what its id has
            conn.execute("INSERT INTO seen (article, key) VALUES (?, ?)", (item, key))
            return True
        if held:
            self.flush()  # the rows of an article about to go must be in first
            for row_id, sha in held:
                conn.execute("INSERT OR IGNORE INTO seen (article, key) VALUES (?, ?)", (item, sha))
                conn.execute("DELETE FROM articles WHERE id = ?", (row_id,))
                self.report.replaced += 1
        self._article(source_file, line, key)
        return True

    def flush(self) -> None:
        """Write the rows gathered for the articles added since the last flush."""
        for sql, rows in zip(INSERTS, self.rows, strict=True):
            if rows:
                self.conn.executemany(sql, rows)
                rows.clear()

    def _article(self, source_file: Path, line: ResultLine, key: str) -> None:
        record, result = line.record, line.extraction
        meta: dict[str, Any] = record["meta"] if isinstance(record.get("meta"), dict) else {}
        error: dict[str, Any] = record["error"] if isinstance(record.get("error"), dict) else {}
        text = record.get("text") if isinstance(record.get("text"), str) else None
        top = [q for q in result.quotes if q.within is None] if result else []
        cursor = self.conn.execute(
            "INSERT INTO articles (article, sha256, status, path, source, date, results_file, "
            "line, engine, model, error_type, error_message, n_actors, n_quotes, n_claims, text, "
            "extraction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                line.id,
                key,
                line.status,
                str(record.get("path") or "") or None,
                source_of(record),
                date_of(record),
                str(source_file),
                line.number,
                (result.meta.engine if result else None) or meta.get("engine"),
                (result.meta.model if result else None) or meta.get("model"),
                str(error.get("type")) if error else None,
                str(error.get("message")) if error else None,
                len(result.actors) if result else 0,
                len(top),
                len(result.claims) if result else 0,
                text,
                result.model_dump_json() if result else None,
            ),
        )
        assert cursor.lastrowid is not None
        if result is None:
            self.report.errors_recorded += 1
            return
        self._contents(cursor.lastrowid, line.id, result)

    def _contents(self, article_id: int, item: str, result: Extraction) -> None:
        found = [
            NewActor(a.type, keys_for(a.name, a.type, a.title, a.aliases)) for a in result.actors
        ]
        links: list[Link] = self.resolver.resolve(item, found)
        rows: dict[str, tuple[int, int]] = {}  # actor id -> (article actor row, corpus actor)
        stored, mentions, quotes, claims = self.rows
        for actor, new, link in zip(result.actors, found, links, strict=True):
            row = self.next_actor_row
            self.next_actor_row += 1
            aliases = json.dumps(actor.aliases, ensure_ascii=False) if actor.aliases else None
            stored.append(
                (
                    row,
                    article_id,
                    actor.id,
                    actor.name,
                    actor.type,
                    actor.title,
                    aliases,
                    new.keys.norm,
                    link.corpus_actor_id,
                    link.rule,
                    link.matched,
                    link.evidence,
                )
            )
            rows[actor.id] = (row, link.corpus_actor_id)
            mentions += [(row, m.start, m.end, m.text) for m in actor.mentions]
        none = (None, None)
        quotes += [
            (
                article_id,
                q.id,
                q.kind,
                q.text,
                q.start,
                q.end,
                *rows.get(q.speaker or "", none),
                q.speaker_mention.text if q.speaker_mention else None,
                q.cue,
                q.within,
                int(q.within is None),
            )
            for q in result.quotes
        ]
        claims += [
            (
                article_id,
                c.id,
                c.statement,
                c.evidence.text,
                c.evidence.start,
                c.evidence.end,
                *rows.get(c.claimant or "", none),
                c.attribution,
                int(c.hedged),
            )
            for c in result.claims
        ]


#: The rows an article adds besides its own, in the order they must go in.
INSERTS = (
    "INSERT INTO article_actors (id, article_id, actor_id, name, type, title, aliases, norm, "
    "corpus_actor_id, rule, matched, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    'INSERT INTO mentions (article_actor_id, start, "end", text) VALUES (?, ?, ?, ?)',
    'INSERT INTO quotes (article_id, quote_id, kind, text, start, "end", speaker, '
    "corpus_actor_id, speaker_mention, cue, within, top_level) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    'INSERT INTO claims (article_id, claim_id, statement, evidence, start, "end", claimant, '
    "corpus_actor_id, attribution, hedged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
)


def index_results(
    paths: Iterable[Path],
    database: Path,
    *,
    overrides: Path | None = None,
    attributes: Path | None = None,
    articles: Path | None = None,
    batch: int = BATCH,
) -> IndexReport:
    """Index results files into ``database`` (created when missing); see the module doc."""
    paths = list(paths)
    for path in paths:
        if not path.is_file():
            raise ResultsFileError("no such results file", source=str(path))
    rules = load_overrides(overrides)  # a bad overrides file fails before anything is written
    started = time.perf_counter()
    report = IndexReport(database)
    conn = connect(database)
    try:
        indexer = Indexer(conn, Resolver(conn, rules), report)
        for path in paths:
            report.files.append(_index_file(conn, indexer, path, batch))
        conn.execute("BEGIN IMMEDIATE")
        catch_up_fts(conn)
        report.pending_linked = resolve_pending(conn)
        report.merged, report.split = apply_overrides(conn, rules)
        if articles is not None:
            report.articles_csv = load_article_attributes(conn, articles)
        if attributes is not None:
            report.attributes = load_actor_attributes(conn, attributes)
        actors.prune(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
        raise
    close(conn)
    report.added = sum(f.added for f in report.files)
    report.already = sum(f.already for f in report.files)
    report.elapsed_s = time.perf_counter() - started
    return report


def _index_file(conn: sqlite3.Connection, indexer: Indexer, path: Path, batch: int) -> FileReport:
    reader = read_results(path)
    done = FileReport(path)
    pending = 0
    indexer.begin()
    for line in reader:
        if indexer.add(path, line):
            done.added += 1
        else:
            done.already += 1
        pending += 1
        if pending >= batch:
            indexer.flush()
            conn.execute("COMMIT")
            indexer.begin()
            pending = 0
    indexer.flush()
    conn.execute("COMMIT")
    done.read, done.skipped, done.torn = reader.read, list(reader.skipped), reader.torn
    done.summary = reader.describe_skipped()
    return done
