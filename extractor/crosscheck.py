"""A safety net under a model's answer: the offline engine's direct quotes it missed.

A weak model can answer with empty lists, and an empty answer is valid. After an
LLM extraction the offline engine reads the same article; every direct quote it
finds that no model quote covers is reported as a ``model_missed_quote`` warning
(with its span and text). With ``fill_missed`` those quotes are added to the
result, their speaker taken from the offline engine (an actor of the model's when
the names agree, else the offline engine's actor), each marked
``source_engine="rules"``. A model extraction with no quote at all, of an article
that has quotation marks, is always warned about.

This is the one place that runs both engines; it sits above them, beside `api`.

Most answers miss nothing, and most of the offline engine's time goes on finding
and attributing speakers, which only a missed quote needs. So the direct quotes
are found first with the engine's first steps alone (`rules_direct_pieces`); only
when one of them is missed does the whole engine run, as before, for its speakers
(and, with ``fill``, its actors). Either way the result is the same.
"""

from __future__ import annotations

from bisect import bisect_right

from .nesting import renumber
from .read.article import Article
from .read.furniture import junk_zones_kept
from .rules import RulesEngine
from .rules.engine import direct_quote_pieces
from .schema import Actor, Extraction, ExtractionWarning, Meta, Quote, Span
from .text.marks import DOUBLE
from .text.snippets import shorten
from .text.spans import Offsets

#: A rules quote counts as reported when model quotes cover this share of its characters.
COVERED_SHARE = 0.5
SOURCE = "rules"


def crosscheck(
    article: Article,
    result: Extraction,
    *,
    fill: bool = False,
    direct: list[list[Offsets]] | None = None,
) -> Extraction:
    """Warn about (and with ``fill``, add) the direct quotes the model missed; returns
    ``result``, changed in place. ``direct``: `rules_direct_pieces` of the article, when
    they were found already (found here otherwise)."""
    union = _union(result.quotes)
    if direct is None:
        direct = rules_direct_pieces(article.text)
    rules = _offline_if_missed(article, union, direct)
    missed = [q for q in rules.quotes if q.kind == "direct" and not _covered(q.pieces(), union)]
    notes: list[ExtractionWarning] = []
    if not result.quotes and (missed or _marks(article.text) >= 2):
        notes.append(
            ExtractionWarning(
                code="model_found_no_quotes",
                message=f"the model reported no quote, but the article has {_marks(article.text)} "
                f"double quotation marks and the offline engine finds {len(missed)} direct "
                "quote(s); the model may be too weak for this task: try a larger model, "
                "fill_missed (--fill-missed), or the offline engine (engine='rules')",
            )
        )
    for quote in missed:
        speaker = rules.actor(quote.speaker)
        who = f" (said by {speaker.name}, according to the offline engine)" if speaker else ""
        done = "; added from the offline engine" if fill else ""
        notes.append(
            ExtractionWarning(
                code="model_missed_quote",
                message=f"the model did not report the direct quote at {quote.start}-"
                f"{quote.end}: {shorten(quote.text, 120)!r}{who}{done}",
                span=Span(start=quote.start, end=quote.end, text=quote.text),
            )
        )
    if fill and missed:
        _fill(result, rules, missed)
    result.warnings.extend(notes)
    return result


def _union(quotes: list[Quote]) -> list[tuple[int, int]]:
    """The stretches of text that ``quotes`` cover, merged and in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((q.start, q.end) for q in quotes):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def misses_a_quote(direct: list[list[Offsets]], quotes: list[Quote]) -> bool:
    """Whether ``quotes`` leave one of the direct quotes ``direct`` (`rules_direct_pieces`)
    uncovered: then the cross-check runs the whole offline engine."""
    union = _union(quotes)
    return not all(_covered(pieces, union) for pieces in direct)


def _offline_if_missed(
    article: Article, union: list[tuple[int, int]], direct: list[list[Offsets]]
) -> Extraction:
    """The offline engine's actors and quotes (claims left out: only its quotes are
    compared) when ``union`` misses one of its ``direct`` quotes; else an empty
    extraction, which misses nothing either, without running the whole engine."""
    if all(_covered(pieces, union) for pieces in direct):
        return Extraction(meta=Meta(engine=RulesEngine.name))
    return RulesEngine().extract(article, claims=False)


def rules_direct_pieces(text: str) -> list[list[Offsets]]:
    """The quoted pieces of every direct quote the offline engine reports for ``text``
    (`direct_quote_pieces`: its first steps only), with the page furniture the
    grounding found for the same text."""
    return direct_quote_pieces(text, [(z.start, z.end) for z in junk_zones_kept(text)])


def _covered(pieces: list[Offsets], union: list[tuple[int, int]]) -> bool:
    """Whether the stretches in ``union`` cover at least `COVERED_SHARE` of a quote's
    quoted characters (``pieces``)."""
    total = sum(end - start for start, end in pieces)
    if total == 0:
        return True
    covered = 0
    for start, end in pieces:
        at = max(bisect_right(union, (start, start)) - 1, 0)
        for a, b in union[at:]:
            if a >= end:
                break
            covered += max(0, min(b, end) - max(a, start))
    return covered / total >= COVERED_SHARE


def _marks(text: str) -> int:
    return sum(1 for ch in text if ch in DOUBLE)


def _names(actor: Actor) -> set[str]:
    return {n.casefold() for n in (actor.name, *actor.aliases) if n.strip()}


def _same_actor(rules_actor: Actor, actors: list[Actor]) -> Actor | None:
    """The model's actor that the offline engine's actor names: a shared name or alias,
    else a shared mention."""
    names = _names(rules_actor)
    for actor in actors:
        if names & _names(actor):
            return actor
    spans = {(m.start, m.end) for m in rules_actor.mentions}
    for actor in actors:
        if any((m.start, m.end) in spans for m in actor.mentions):
            return actor
    return None


def _fill(result: Extraction, rules: Extraction, missed: list[Quote]) -> None:
    """Add ``missed`` to ``result`` with their speakers; ids renumbered in text order."""
    actors = list(result.actors)
    added_for: dict[str, str] = {}  # rules actor id -> actor id in the result
    for quote in missed:
        rules_actor = rules.actor(quote.speaker)
        if rules_actor is None or rules_actor.id in added_for:
            continue
        match = _same_actor(rules_actor, actors)
        if match is None:
            match = rules_actor.model_copy(update={"id": f"rules-{rules_actor.id}"})
            actors.append(match)
        added_for[rules_actor.id] = match.id
    quotes = [q.model_copy(update={"within": None}) for q in result.quotes]
    quotes += [
        q.model_copy(
            update={
                "speaker": added_for.get(q.speaker or ""),
                "source_engine": SOURCE,
                "within": None,
            }
        )
        for q in missed
    ]
    old_quote_ids = {(q.start, q.end, q.kind): q.id for q in result.quotes}
    old_actor_ids = {a.id: (a.name, a.type) for a in result.actors}
    result.actors, result.quotes, result.claims = renumber(actors, quotes, result.claims)
    # Warnings that name an item by id follow it to its new id.
    quote_ids = {
        old_quote_ids[key]: q.id
        for q in result.quotes
        if (key := (q.start, q.end, q.kind)) in old_quote_ids
    }
    actor_ids = {
        old: new.id
        for old, key in old_actor_ids.items()
        for new in result.actors
        if (new.name, new.type) == key
    }
    for warning in result.warnings:
        if warning.item in quote_ids:
            warning.item = quote_ids[warning.item]
        elif warning.item in actor_ids:
            warning.item = actor_ids[warning.item]
