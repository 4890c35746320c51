"""Corpus actors in the database: create one, give it keys, merge two, move an article actor.

Every change of an article actor's corpus actor goes through here, so the
link's evidence (the rule and the names that made it, ``links``) always says why it
sits where it sits, and quotes and claims follow their speaker.
"""

from __future__ import annotations

import sqlite3

from .names import Keys


def create(
    conn: sqlite3.Connection,
    keys: Keys,
    actor_type: str,
    *,
    pending: bool = False,
    pinned: bool = False,
) -> int:
    """A new corpus actor named after ``keys``; its id."""
    cursor = conn.execute(
        "INSERT INTO corpus_actors (name, type, title, surname, middle, pending, pinned) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            keys.display,
            actor_type,
            keys.title,
            keys.surname,
            keys.middle,
            int(pending),
            int(pinned),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def key_rows(corpus_id: int, keys: Keys) -> list[tuple[str, str, int]]:
    """The ``name_keys`` rows that make ``corpus_id`` findable by every key of ``keys``
    (bare surnames excepted: a pending actor is found by the pass over pending actors)."""
    rows: list[tuple[str, str, int]] = []
    if keys.kind == "person":
        rows += [("full", k, corpus_id) for k in keys.full]
        rows += [("initial", k, corpus_id) for k in keys.initial]
        if not keys.full:  # "M. Esper": a later "Mark Esper" may join it
            rows += [("initial-only", k, corpus_id) for k in keys.initial]
        if keys.surname and not keys.bare:
            rows.append(("surname", keys.surname, corpus_id))
    elif keys.kind == "country" and keys.country:
        rows.append(("country", keys.country, corpus_id))
    else:
        kind = "country-name" if keys.kind == "country" else "org"
        rows += [(kind, k, corpus_id) for k in keys.org]
    return rows


def register(conn: sqlite3.Connection, corpus_id: int, keys: Keys) -> None:
    """Make ``corpus_id`` findable by every key of ``keys``."""
    rows = key_rows(corpus_id, keys)
    if rows:
        conn.executemany("INSERT OR IGNORE INTO name_keys VALUES (?, ?, ?)", rows)


class KeyIndex:
    """``name_keys`` behind a bounded cache, for the indexing pass.

    Valid while no corpus actor is merged or deleted, which only happens after
    the lines are in (the pending pass, overrides, pruning); at most ``size``
    keys are held, so memory does not grow with the corpus.
    """

    def __init__(self, conn: sqlite3.Connection, size: int = 100_000) -> None:
        self.conn = conn
        self.size = size
        self.cache: dict[tuple[str, str], tuple[int, ...]] = {}  # the lowest two ids
        self.done: set[tuple[int, Keys]] = set()  # (corpus actor, keys) registered already

    def lookup(self, kind: str, key: str) -> tuple[int, ...]:
        """The lowest two corpus actor ids found by the key."""
        found = self.cache.get((kind, key))
        if found is None:
            found = tuple(lookup(self.conn, kind, key, 2))
            self._put((kind, key), found)
        return found

    def _put(self, where: tuple[str, str], ids: tuple[int, ...]) -> None:
        if len(self.cache) >= self.size:
            self.cache.clear()
        self.cache[where] = ids

    def forget(self, kind: str, key: str, corpus_id: int) -> None:
        """``corpus_id`` is no longer found by this key."""
        self.conn.execute(
            "DELETE FROM name_keys WHERE kind = ? AND key = ? AND corpus_actor_id = ?",
            (kind, key, corpus_id),
        )
        self.cache.pop((kind, key), None)
        self.done.clear()

    def register(self, corpus_id: int, keys: Keys) -> None:
        """Make ``corpus_id`` findable by the keys (writing only the rows not known)."""
        if (corpus_id, keys) in self.done:
            return
        if len(self.done) >= self.size:
            self.done.clear()
        self.done.add((corpus_id, keys))
        rows = []
        for kind, key, cid in key_rows(corpus_id, keys):
            known = self.lookup(kind, key)
            if cid in known:
                continue
            rows.append((kind, key, cid))
            self._put((kind, key), tuple(sorted((*known, cid)))[:2])
        if rows:
            self.conn.executemany("INSERT OR IGNORE INTO name_keys VALUES (?, ?, ?)", rows)


def lookup(conn: sqlite3.Connection, kind: str, key: str, limit: int = 2) -> list[int]:
    """The corpus actors found by one key (lowest id first, at most ``limit``)."""
    rows = conn.execute(
        "SELECT corpus_actor_id FROM name_keys WHERE kind = ? AND key = ? "
        "ORDER BY corpus_actor_id LIMIT ?",
        (kind, key, limit),
    ).fetchall()
    return [r[0] for r in rows]


def improve(conn: sqlite3.Connection, corpus_id: int, keys: Keys) -> None:
    """Give the corpus actor a fuller name, a title or middle initials when this actor has
    one it lacks."""
    conn.execute(
        "UPDATE corpus_actors SET name = CASE WHEN length(?) > length(name) AND ? THEN ? "
        "ELSE name END, title = coalesce(title, ?), "
        "middle = CASE WHEN middle = '' THEN ? ELSE middle END WHERE id = ?",
        (keys.display, int(not keys.bare), keys.display, keys.title, keys.middle, corpus_id),
    )


def _relabel(
    conn: sqlite3.Connection,
    where: str,
    args: tuple[object, ...],
    rule: str,
    matched: str,
    evidence: str,
) -> None:
    conn.execute(
        f"UPDATE article_actors SET rule = ?, matched = ?, evidence = ? WHERE {where}",
        (rule, matched, evidence, *args),
    )


def merge(
    conn: sqlite3.Connection, source: int, target: int, rule: str, matched: str, evidence: str
) -> None:
    """Fold corpus actor ``source`` into ``target``: its article actors, quotes, claims,
    keys and attributes; each moved article actor's link now names ``rule``."""
    if source == target:
        return
    _relabel(conn, "corpus_actor_id = ?", (source,), rule, matched, evidence)
    for table in ("article_actors", "quotes", "claims"):
        conn.execute(
            f"UPDATE {table} SET corpus_actor_id = ? WHERE corpus_actor_id = ?", (target, source)
        )
    conn.execute(
        "INSERT OR IGNORE INTO name_keys SELECT kind, key, ? FROM name_keys "
        "WHERE corpus_actor_id = ?",
        (target, source),
    )
    conn.execute(
        "INSERT OR IGNORE INTO actor_attributes SELECT ?, name, value FROM actor_attributes "
        "WHERE corpus_actor_id = ?",
        (target, source),
    )
    conn.execute(
        "UPDATE corpus_actors SET name = (SELECT CASE WHEN length(s.name) > length(t.name) "
        "AND NOT s.pending THEN s.name ELSE t.name END FROM corpus_actors s, corpus_actors t "
        "WHERE s.id = ? AND t.id = ?), title = coalesce(title, "
        "(SELECT title FROM corpus_actors WHERE id = ?)), pending = 0 WHERE id = ?",
        (source, target, source, target),
    )
    conn.execute("DELETE FROM corpus_actors WHERE id = ?", (source,))


def move(
    conn: sqlite3.Connection,
    article_actor: int,
    target: int,
    rule: str,
    matched: str,
    evidence: str,
) -> None:
    """Put one article actor (and its quotes and claims) under corpus actor ``target``."""
    _relabel(conn, "id = ?", (article_actor,), rule, matched, evidence)
    conn.execute(
        "UPDATE article_actors SET corpus_actor_id = ? WHERE id = ?", (target, article_actor)
    )
    conn.execute("UPDATE quotes SET corpus_actor_id = ? WHERE speaker = ?", (target, article_actor))
    conn.execute(
        "UPDATE claims SET corpus_actor_id = ? WHERE claimant = ?", (target, article_actor)
    )


def prune(conn: sqlite3.Connection) -> int:
    """Delete corpus actors no article actor belongs to any more; how many went."""
    cursor = conn.execute(
        "DELETE FROM corpus_actors WHERE NOT EXISTS "
        "(SELECT 1 FROM article_actors a WHERE a.corpus_actor_id = corpus_actors.id)"
    )
    return cursor.rowcount
