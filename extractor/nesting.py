"""Items in text order: their ids (a1, q1, c1 ...) and quotes nested in quotes.

Every engine ends here, so ids mean the same thing whichever engine made them:
actors numbered by first mention, quotes by start (the longer first), claims
by the start of their evidence; a quote inside a longer one of the same
speaker points to it with ``within``.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from .schema import Actor, Claim, Quote

M = TypeVar("M", bound=BaseModel)


def renumber(
    actors: list[Actor], quotes: list[Quote], claims: list[Claim]
) -> tuple[list[Actor], list[Quote], list[Claim]]:
    """Give items ids in text order; speaker and claimant references follow their actor.

    A reference to an id that is not among ``actors`` becomes null.
    """
    actors = sorted(actors, key=lambda a: a.mentions[0].start if a.mentions else 0)
    new_id = {a.id: f"a{n}" for n, a in enumerate(actors, 1)}
    actors = [_with(a, id=new_id[a.id]) for a in actors]
    quotes = [
        _with(q, id=f"q{n}", speaker=new_id.get(q.speaker or ""))
        for n, q in enumerate(sorted(quotes, key=lambda q: (q.start, -q.end)), 1)
    ]
    claims = [
        _with(c, id=f"c{n}", claimant=new_id.get(c.claimant or ""))
        for n, c in enumerate(sorted(claims, key=lambda c: c.evidence.start), 1)
    ]
    return actors, link_nested(quotes), claims


def _with(item: M, **changes: object) -> M:
    """A copy with ``changes``, or the item itself when nothing changes (no copy cost)."""
    if all(getattr(item, k) == v for k, v in changes.items()):
        return item
    return item.model_copy(update=changes)


def link_nested(quotes: list[Quote]) -> list[Quote]:
    """Set ``within`` on each quote that lies inside a longer one of the same speaker.

    One sweep per speaker in text order: the quote reaching furthest so far is the
    only candidate container, so long articles stay linear.
    """
    outer_of: dict[int, str] = {}
    by_speaker: dict[str | None, list[Quote]] = {}
    for q in quotes:
        by_speaker.setdefault(q.speaker, []).append(q)
    for group in by_speaker.values():
        reach: Quote | None = None
        for q in sorted(group, key=lambda q: (q.start, -q.end)):
            if (
                reach is not None
                and q.end <= reach.end
                and reach.end - reach.start > q.end - q.start
            ):
                outer_of[id(q)] = reach.id
            elif reach is None or q.end > reach.end:
                reach = q
    return [
        q.model_copy(update={"within": outer_of[id(q)]}) if id(q) in outer_of else q for q in quotes
    ]
