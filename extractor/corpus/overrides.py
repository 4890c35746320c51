"""The user's corrections to actor resolution: merge these names, split that one.

A TOML (``.toml``) or JSON file::

    # each list names one real-world entity: every article actor called so joins one
    merge = [["Esper", "Mark Esper"], ["BoJo", "Boris Johnson"]]

    # article actors called "Johnson" (in these articles only, when given) each stand
    # alone: no rule links them to anyone, and nothing new is linked to them
    [[split]]
    name = "Johnson"
    articles = ["2020/a.txt"]

Names are compared as plain words (case, accents and punctuation ignored) with
the ``name`` of the article actors (the ``article_actors`` table). The file is
applied at the end of every ``extractor index`` that names it, after the
automatic rules; splits win over merges. Each change is recorded in ``links``
(rule ``override-merge`` or ``override-split``).
"""

from __future__ import annotations

import json
import sqlite3
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError
from . import actors
from .names import Keys, plain


@dataclass(frozen=True, slots=True)
class Split:
    name: str  # as plain words
    articles: frozenset[str] | None  # None: every article


@dataclass(slots=True)
class Overrides:
    merge: list[list[str]] = field(default_factory=list)  # groups of plain names
    split: list[Split] = field(default_factory=list)

    def splits(self, norm: str, article: str) -> bool:
        """Whether the article actor called ``norm`` in ``article`` is to stand alone."""
        return bool(self.split) and any(
            s.name == norm and (s.articles is None or article in s.articles) for s in self.split
        )


def _bad(path: Path, why: str) -> ConfigurationError:
    return ConfigurationError(f"{path}: {why} (see 'Overrides' in README.md)")


def load_overrides(path: Path | None) -> Overrides:
    """Read an overrides file; a missing or malformed one is a `ConfigurationError`."""
    if path is None:
        return Overrides()
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _bad(path, f"cannot read the overrides file ({exc.strerror})") from None
    try:
        data: Any = tomllib.loads(raw) if path.suffix == ".toml" else json.loads(raw)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        kind = "TOML" if path.suffix == ".toml" else "JSON"
        raise _bad(path, f"not valid {kind}: {exc}") from None
    if not isinstance(data, dict) or set(data) - {"merge", "split"}:
        raise _bad(path, "expected a table with 'merge' and/or 'split' only")
    merge = data.get("merge", [])
    if not isinstance(merge, list) or not all(
        isinstance(g, list) and len(g) >= 2 and all(isinstance(n, str) for n in g) for g in merge
    ):
        raise _bad(path, "'merge' must be a list of lists of two or more names")
    splits = data.get("split", [])
    if not isinstance(splits, list) or not all(
        isinstance(s, dict) and isinstance(s.get("name"), str) for s in splits
    ):
        raise _bad(path, "'split' must be a list of tables each with a 'name'")
    out = Overrides(merge=[[plain(n) for n in group] for group in merge])
    for entry in splits:
        arts = entry.get("articles")
        if arts is not None and not (
            isinstance(arts, list) and all(isinstance(a, str) for a in arts)
        ):
            raise _bad(path, f"split {entry['name']!r}: 'articles' must be a list of ids")
        out.split.append(Split(plain(entry["name"]), frozenset(arts) if arts else None))
    return out


def apply_overrides(conn: sqlite3.Connection, overrides: Overrides) -> tuple[int, int]:
    """Merge the groups, then split the names; (corpus actors merged, article actors split)."""
    merged = split = 0
    for group in overrides.merge:
        marks = ",".join("?" * len(group))
        ids = [
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT a.corpus_actor_id FROM article_actors a JOIN corpus_actors c "
                f"ON c.id = a.corpus_actor_id WHERE a.norm IN ({marks}) AND NOT c.pinned "
                "ORDER BY a.corpus_actor_id",
                group,
            )
        ]
        evidence = "merge group: " + " = ".join(group)
        for other in ids[1:]:
            actors.merge(conn, other, ids[0], "override-merge", " = ".join(group), evidence)
            merged += 1
    for entry in overrides.split:
        split += _split(conn, entry)
    return merged, split


def _split(conn: sqlite3.Connection, entry: Split) -> int:
    rows = conn.execute(
        "SELECT aa.id, aa.corpus_actor_id, aa.name, aa.type, aa.title, ar.article, c.pinned, "
        "(SELECT count(*) FROM article_actors o WHERE o.corpus_actor_id = aa.corpus_actor_id) "
        "FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id "
        "JOIN corpus_actors c ON c.id = aa.corpus_actor_id WHERE aa.norm = ?",
        (entry.name,),
    ).fetchall()
    done = 0
    for aa_id, corpus_id, name, actor_type, title, article, pinned, members in rows:
        if entry.articles is not None and article not in entry.articles:
            continue
        if pinned and members == 1:
            continue  # already alone
        evidence = f"split {entry.name!r}" + (" in this article" if entry.articles else "")
        if members == 1:  # alone already: keep it so, and let nothing new find it
            conn.execute(
                "UPDATE corpus_actors SET pinned = 1, pending = 0 WHERE id = ?", (corpus_id,)
            )
            conn.execute("DELETE FROM name_keys WHERE corpus_actor_id = ?", (corpus_id,))
            conn.execute(
                "UPDATE article_actors SET rule = 'override-split', matched = ?, evidence = ? "
                "WHERE id = ?",
                (entry.name, evidence, aa_id),
            )
        else:
            keys = Keys(kind="", norm=entry.name, display=name, title=title)
            target = actors.create(conn, keys, actor_type, pinned=True)
            actors.move(conn, aa_id, target, "override-split", entry.name, evidence)
        done += 1
    return done
