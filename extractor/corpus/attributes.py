"""User-supplied facts joined onto the corpus: actors' attributes, articles' source and date.

Nothing here is guessed: gender, party or role come only from the user's CSV.

``--attributes people.csv``: a header row, then one row per actor. The column
``name`` (or ``corpus_actor_id``) says who; every other column is an
attribute (``gender``, ``party``, ``role``, anything), stored in
``actor_attributes`` (one row per actor and attribute; empty cells are
skipped). A name matches every corpus actor with an article actor of that
name (as plain words: case, accents and punctuation ignored) or of that
corpus name. Giving the file replaces the attributes stored before.

``--articles articles.csv``: columns ``id`` (the article id of the results
line) and ``source`` and/or ``date`` (``YYYY-MM-DD``); they override what was
read from the id. Give it again with each index that adds new articles.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from ..errors import ConfigurationError
from .names import plain


def _rows(path: Path, need: tuple[str, ...]) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = [c.strip() for c in reader.fieldnames or []]
            rows = [
                {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
                for row in reader
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigurationError(f"cannot read this CSV: {exc}", source=str(path)) from None
    if not any(n in columns for n in need):
        raise ConfigurationError(
            f"needs a column named {' or '.join(need)} (it has: {', '.join(columns) or 'none'})",
            source=str(path),
        )
    return columns, rows


def load_actor_attributes(conn: sqlite3.Connection, path: Path) -> str:
    """Replace ``actor_attributes`` with the CSV's; a line saying what matched."""
    columns, rows = _rows(path, ("name", "corpus_actor_id"))
    names = [c for c in columns if c not in ("name", "corpus_actor_id") and c]
    conn.execute("DELETE FROM actor_attributes")
    matched, missed = 0, []
    for row in rows:
        if row.get("corpus_actor_id"):
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM corpus_actors WHERE id = ?", (row["corpus_actor_id"],)
                )
            ]
        else:
            norm = plain(row.get("name", ""))
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT corpus_actor_id FROM article_actors WHERE norm = ? UNION "
                    "SELECT id FROM corpus_actors WHERE name = ?",
                    (norm, row.get("name", "")),
                )
                if r[0] is not None
            ]
        if not ids:
            missed.append(row.get("name") or row.get("corpus_actor_id") or "?")
            continue
        matched += 1
        conn.executemany(
            "INSERT OR REPLACE INTO actor_attributes VALUES (?, ?, ?)",
            [(i, n, row[n]) for i in ids for n in names if row.get(n)],
        )
    shown = ", ".join(missed[:3]) + (", ..." if len(missed) > 3 else "")
    unmatched = f"; no actor for {len(missed)} ({shown})" if missed else ""
    return f"{path}: {matched} of {len(rows)} rows matched ({', '.join(names)}){unmatched}"


def load_article_attributes(conn: sqlite3.Connection, path: Path) -> str:
    """Set articles' source and date from the CSV; a line saying how many matched."""
    columns, rows = _rows(path, ("id",))
    if "source" not in columns and "date" not in columns:
        raise ConfigurationError("needs a column named source or date", source=str(path))
    matched = 0
    for row in rows:
        cursor = conn.execute(
            "UPDATE articles SET source = coalesce(?, source), date = coalesce(?, date) "
            "WHERE article = ?",
            (row.get("source") or None, row.get("date") or None, row.get("id", "")),
        )
        matched += cursor.rowcount > 0
    return f"{path}: {matched} of {len(rows)} articles matched"
