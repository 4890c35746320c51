"""Cross-article actor resolution: one corpus actor per real-world entity.

Incremental and indexed: each article's actors are looked up by their keys
(`extractor.corpus.names`) in ``name_keys`` as the article is indexed, so the
work grows with the number of actors, never with pairs of them. The rules,
in order (the rule's name is what ``links.rule`` records):

- ``override-split``: the user's overrides file says this name stands alone.
- persons with a first and last name: ``full-name`` when another article's
  person has the same first and last name (titles and middle names
  aside: "Defense Secretary Mark Esper" = "Mark T. Esper", but middle initials
  that both show must agree: "George H. W. Bush" is not "George W. Bush");
  ``initial`` when the first name is an initial ("M. Esper") and exactly one
  corpus person has that initial and surname; else ``new``.
- a person named by one word (a bare surname): ``same-article`` when a person
  of the same article has a full name ending in it; otherwise it waits
  (``pending``) for the pass at the end of the index, which links it
  (``unique-surname``) when exactly one corpus person with a full name has
  that surname, or (``surname+title``) when several do and exactly one shares
  its title. An ambiguous bare surname stays an actor of its own: two
  different "Johnson"s are never joined by the surname alone.
- countries: ``country-code`` (the same ISO country: "U.S." = "United States").
- organisations, groups and others: ``name`` (same name, or an alias of
  several words), ``acronym`` (an acronym that exactly one corpus actor goes
  by, as its name or as an alias an article gave it: "NATO" joins the
  "North Atlantic Treaty Organization" an article called "NATO"; the letters
  of a name are never matched on their own, "ACA" may be many things).

Persons never join organisations or countries. `extractor.corpus.overrides`
applies the user's merges and splits after these rules.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import actors
from .names import Keys, plain
from .overrides import Overrides


@dataclass(frozen=True, slots=True)
class Link:
    """Which corpus actor an article actor joined, by which rule, on which names."""

    corpus_actor_id: int
    rule: str
    matched: str
    evidence: str


@dataclass(frozen=True, slots=True)
class NewActor:
    """An article actor about to be stored: its type and keys."""

    type: str
    keys: Keys


#: Links that a key lookup made, and the same lookup would make again within a run.
MEMO_RULES = frozenset({"full-name", "name", "country-code"})  # an acronym may turn ambiguous


class Resolver:
    """Links each new article actor to a corpus actor (inside the caller's transaction)."""

    def __init__(self, conn: sqlite3.Connection, overrides: Overrides | None = None) -> None:
        self.conn = conn
        self.overrides = overrides or Overrides()
        self.keys = actors.KeyIndex(conn)
        self.shapes: dict[int, tuple[int, bool]] = {}  # corpus actor -> (name length, titled)
        #: Links found by a key, by the `Keys` (one object per form of an actor): the same
        #: form finds the same corpus actor until actors are merged, which happens only
        #: after the lines are in. Bounded.
        self.memo: dict[tuple[Keys, str], Link] = {}

    def resolve(self, article: str, found: list[NewActor]) -> list[Link]:
        """One link per actor of one article, in the order given."""
        links: list[Link | None] = [None] * len(found)
        tied: dict[str, tuple[int, str] | None] = {}  # surname -> (corpus actor, full name)
        order = sorted(range(len(found)), key=lambda i: found[i].keys.bare)  # full names first
        for i in order:
            actor = found[i]
            memo = self.memo.get((actor.keys, actor.type))
            if memo is None or self.overrides.split:
                link = self._link(article, actor, tied)
                if link.rule in MEMO_RULES:
                    if len(self.memo) >= 100_000:
                        self.memo.clear()
                    self.memo[(actor.keys, actor.type)] = link
            else:
                link = memo
                if actor.keys.kind == "person":
                    self._tie(tied, actor.keys, link)
            links[i] = link
        return [link for link in links if link is not None]

    @staticmethod
    def _tie(tied: dict[str, tuple[int, str] | None], keys: Keys, link: Link) -> None:
        """Remember the surname of a person with a full name in this article (two different
        persons of one surname here: the surname ties neither)."""
        if keys.surname and not keys.bare:
            before = tied.get(keys.surname, (link.corpus_actor_id, keys.display))
            same = before is not None and before[0] == link.corpus_actor_id
            tied[keys.surname] = before if same else None

    def _link(self, article: str, actor: NewActor, tied: dict[str, tuple[int, str] | None]) -> Link:
        keys = actor.keys
        if self.overrides.splits(keys.norm, article):
            corpus_id = actors.create(self.conn, keys, actor.type, pinned=True)
            return Link(corpus_id, "override-split", keys.norm, "named in the overrides file")
        if keys.kind == "person":
            return self._person(actor, tied)
        if keys.kind == "country" and keys.country:
            return self._by_keys(actor, [("country", keys.country, "country-code")])
        kind = "country-name" if keys.kind == "country" else "org"
        candidates = [(kind, k, "acronym" if k in keys.spelt else "name") for k in keys.org]
        return self._by_keys(actor, candidates)

    def _by_keys(self, actor: NewActor, candidates: list[tuple[str, str, str]]) -> Link:
        for kind, key, rule in candidates:
            found = self.keys.lookup(kind, key)
            if rule == "acronym" and len(found) != 1:
                continue  # an acronym two organisations go by names neither
            if found:
                self.keys.register(found[0], actor.keys)
                return Link(found[0], rule, key, f"{kind} key {key!r}")
        corpus_id = actors.create(self.conn, actor.keys, actor.type)
        self.keys.register(corpus_id, actor.keys)
        return Link(corpus_id, "new", actor.keys.norm, "no corpus actor had its keys")

    def _person(self, actor: NewActor, tied: dict[str, tuple[int, str] | None]) -> Link:
        keys = actor.keys
        if keys.bare:
            surname = keys.surname or keys.norm
            here = tied.get(surname)
            if here is not None:
                corpus_id, full = here
                return Link(corpus_id, "same-article", surname, f"{surname!r} ~ {full!r} here")
            corpus_id = actors.create(self.conn, keys, actor.type, pending=True)
            return Link(corpus_id, "pending", surname, "a bare surname, resolved at the end")
        link: Link | None = None
        for key in keys.full:
            agree = [c for c in self.keys.lookup("full", key) if self._middle_agrees(c, keys)]
            if agree:
                link = Link(agree[0], "full-name", key, f"first and last name {key!r}")
                break
        # "M. Esper" joins the only corpus person "m esper"; "Mark Esper" joins the only
        # corpus person known by no more than "M. Esper"
        kind = "initial-only" if keys.full else "initial"
        for key in keys.initial if link is None else []:
            found = self.keys.lookup(kind, key)
            if len(found) == 1:
                link = Link(found[0], "initial", key, f"the only {key!r} in the corpus")
                if keys.full:  # now it has a first name: no other first name may join it
                    self.keys.forget("initial-only", key, found[0])
                break
        if link is None:
            corpus_id = actors.create(self.conn, keys, actor.type)
            link = Link(corpus_id, "new", keys.norm, "no corpus person had its name")
        else:
            self._improve(link.corpus_actor_id, keys)
        self.keys.register(link.corpus_actor_id, keys)
        self._tie(tied, keys, link)
        return link

    def _middle_agrees(self, corpus_id: int, keys: Keys) -> bool:
        """False when both show middle initials and they differ ("George H. W. Bush" is not
        "George W. Bush"); a name without them agrees with any."""
        if not keys.middle:
            return True
        row = self.conn.execute(
            "SELECT middle FROM corpus_actors WHERE id = ?", (corpus_id,)
        ).fetchone()
        return row is None or not row[0] or row[0] == keys.middle

    def _improve(self, corpus_id: int, keys: Keys) -> None:
        """A fuller name or a first title for the corpus actor (only when it may lack one)."""
        size, titled = self.shapes.get(corpus_id, (0, False))
        longer = len(keys.display) > size and not keys.bare
        if longer or (keys.title and not titled):
            actors.improve(self.conn, corpus_id, keys)
            if len(self.shapes) > 100_000:
                self.shapes.clear()
            self.shapes[corpus_id] = (max(size, len(keys.display)), titled or bool(keys.title))


def resolve_pending(conn: sqlite3.Connection) -> int:
    """Link the waiting bare surnames that now name exactly one corpus person; how many."""
    done = 0
    rows = conn.execute(
        "SELECT id, surname, title FROM corpus_actors WHERE pending = 1 AND NOT pinned"
    ).fetchall()
    for corpus_id, surname, title in rows:
        if not surname:
            continue
        found = actors.lookup(conn, "surname", surname, limit=50)
        rule, target = "unique-surname", None
        if len(found) == 1:
            target = found[0]
            why = f"the only corpus person with the surname {surname!r}"
        elif len(found) > 1 and title:
            marks = ",".join("?" * len(found))
            same = [
                r[0]
                for r in conn.execute(
                    f"SELECT id, title FROM corpus_actors WHERE id IN ({marks})", found
                )
                if r[1] and plain(r[1]) == plain(title)
            ]
            if len(same) == 1:
                rule, target = "surname+title", same[0]
                why = f"{len(found)} corpus persons named {surname!r}, one titled {title!r}"
        if target is None:
            continue
        actors.merge(conn, corpus_id, target, rule, surname, why)
        done += 1
    return done
