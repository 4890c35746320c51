"""Split a long article into overlapping chunks on paragraph and sentence boundaries.

A model reads one chunk at a time. Chunks overlap, so a quote that crosses a
boundary is whole in at least one of them (as long as it is shorter than the
overlap); `merge` maps every offset back to the whole article and keeps each
item once: the longer of two overlapping copies of a quote, one entry per actor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..nesting import renumber
from ..schema import Claim, Quote, Span
from .grounding import Grounded

T = TypeVar("T")

_PARAGRAPH_END = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")


@dataclass(frozen=True, slots=True)
class Chunk:
    start: int
    end: int


def _cut_points(text: str) -> list[int]:
    """Offsets where a chunk may end: after paragraphs, else after sentences."""
    points = {m.end() for m in _PARAGRAPH_END.finditer(text)}
    points |= {m.end() for m in _SENTENCE_END.finditer(text)}
    return sorted(points | {len(text)})


def split(text: str, max_chars: int, overlap: int) -> list[Chunk]:
    """Chunks of at most ``max_chars`` (unless one sentence is longer), each starting at
    least ``overlap`` characters before the previous one ended."""
    if len(text) <= max_chars:
        return [Chunk(0, len(text))]
    points = _cut_points(text)
    chunks: list[Chunk] = []
    start = 0
    while start < len(text):
        limit = start + max_chars
        ends = [p for p in points if start < p <= limit]
        end = ends[-1] if ends else next((p for p in points if p > start), len(text))
        if end >= len(text) or limit >= len(text):
            chunks.append(Chunk(start, len(text)))
            break
        # Prefer a paragraph end in the last third of the window, for whole paragraphs.
        paragraph_ends = [p for p in ends if text[p - 1] == "\n" and p > start + max_chars * 2 // 3]
        if paragraph_ends:
            end = paragraph_ends[-1]
        chunks.append(Chunk(start, end))
        back = [p for p in points if end - overlap <= p < end and p > start]
        start = back[0] if back else max(start + 1, end - overlap)
    return chunks


def _shift(span: Span, by: int) -> Span:
    return Span(start=span.start + by, end=span.end + by, text=span.text)


def merge(parts: list[tuple[Chunk, Grounded]]) -> Grounded:
    """One result for the whole article from per-chunk results (chunk-relative offsets)."""
    # Actors: one per entity, joined across chunks by any shared name or alias.
    merged: list[dict[str, Any]] = []
    owner: dict[tuple[int, str], int] = {}
    for n, (chunk, grounded) in enumerate(parts):
        for actor in grounded.actors:
            names = {x.lower() for x in (actor.name, *actor.aliases)}
            target = next((k for k, m in enumerate(merged) if m["names"] & names), None)
            if target is None:
                merged.append({"actor": actor, "names": set(), "aliases": [], "mentions": {}})
                target = len(merged) - 1
            entry = merged[target]
            entry["names"] |= names
            for alias in (actor.name, *actor.aliases):
                if alias != entry["actor"].name and alias not in entry["aliases"]:
                    entry["aliases"].append(alias)
            for m in actor.mentions:
                shifted = _shift(m, chunk.start)
                entry["mentions"][(shifted.start, shifted.end)] = shifted
            owner[(n, actor.id)] = target
    actors = []
    for k, entry in enumerate(merged):
        first = entry["actor"]
        mentions = [entry["mentions"][key] for key in sorted(entry["mentions"])]
        actors.append(
            first.model_copy(
                update={"id": f"m{k}", "aliases": entry["aliases"], "mentions": mentions}
            )
        )

    def speaker(n: int, ref: str | None) -> str | None:
        return f"m{owner[(n, ref)]}" if ref is not None and (n, ref) in owner else None

    # Quotes and claims: shifted, then the copies from the overlaps dropped.
    quotes: list[tuple[int, Quote]] = []
    claims: list[tuple[int, Claim]] = []
    warnings = []
    for n, (chunk, grounded) in enumerate(parts):
        for q in grounded.quotes:
            quotes.append(
                (
                    n,
                    q.model_copy(
                        update={
                            "start": q.start + chunk.start,
                            "end": q.end + chunk.start,
                            "speaker": speaker(n, q.speaker),
                            "speaker_mention": _shift(q.speaker_mention, chunk.start)
                            if q.speaker_mention
                            else None,
                            "cue_span": _shift(q.cue_span, chunk.start) if q.cue_span else None,
                            "parts": [_shift(p, chunk.start) for p in q.parts],
                            "within": None,
                        }
                    ),
                )
            )
        for c in grounded.claims:
            claims.append(
                (
                    n,
                    c.model_copy(
                        update={
                            "claimant": speaker(n, c.claimant),
                            "evidence": _shift(c.evidence, chunk.start),
                        }
                    ),
                )
            )
        for w in grounded.warnings:
            warnings.append(w.model_copy(update={"item": f"chunk {n + 1}: {w.item or ''}".strip()}))
    kept_quotes = _drop_overlap_copies(quotes, lambda q: (q.start, q.end), lambda q: q.speaker)
    kept_claims = _drop_overlap_copies(
        claims, lambda c: (c.evidence.start, c.evidence.end), lambda c: c.claimant
    )
    actors, quotes_out, claims_out = renumber(actors, kept_quotes, kept_claims)
    return Grounded(actors=actors, quotes=quotes_out, claims=claims_out, warnings=warnings)


def _drop_overlap_copies(
    items: list[tuple[int, T]],
    span_of: Callable[[T], tuple[int, int]],
    who_of: Callable[[T], str | None],
) -> list[T]:
    """Keep each item once: an item inside a longer (or equal) one found in another
    chunk, with the same (or no) speaker, is a copy from the overlap or a cut-off part."""
    ordered = sorted(items, key=lambda pair: (span_of(pair[1])[0], -span_of(pair[1])[1]))
    kept: list[tuple[int, T]] = []
    for n, item in ordered:
        start, end = span_of(item)
        copy = any(
            m != n
            and span_of(k)[0] <= start
            and end <= span_of(k)[1]
            and who_of(item) in (None, who_of(k))
            for m, k in kept[-8:]
        )
        if not copy:
            kept.append((n, item))
    return [item for _, item in kept]
