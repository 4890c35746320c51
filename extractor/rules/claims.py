"""Claims for the offline engine: reported speech that asserts something, and the
article's own checkable sentences (a number or an event verb), each one clause."""

from __future__ import annotations

import re

from ..schema import Claim, Quote, Span
from ..text.spans import SpanSet, overlaps_any
from .clauses import Utterance
from .document import Document
from .lexicon import EVENT_VERBS, HEDGES

_BELIEF_CUES = re.compile(r"^(?:consider|believe|think|thought|feel|felt|fear|hope|expect)", re.I)
_LOWER_WORD = re.compile(r"[a-z]+")


def span(text: str, a: int, b: int) -> Span:
    return Span(start=a, end=b, text=text[a:b])


def find_claims(
    text: str,
    doc: Document,
    utterances: list[Utterance],
    speakers: list[str | None],
    quotes: list[Quote],
    zones: list[tuple[int, int]],
) -> list[Claim]:
    found: list[tuple[int, int, str, str | None, str, bool]] = []
    for u, who in zip(utterances, speakers, strict=True):
        if u.kind != "indirect" or u.nested_in is not None:
            continue
        if overlaps_any(zones, u.start, u.end):
            continue
        content = text[u.start : u.end].strip()
        cue = text[u.cue[0] : u.cue[1]] if u.cue else ""
        kind = "belief" if _BELIEF_CUES.match(cue) else "reported"
        found.append((u.start, u.end, content, who, kind, _hedged(content)))
    spoken = SpanSet([(q.start, q.end) for q in quotes] + [(f[0], f[1]) for f in found])
    for sentence in doc.sentences:
        if spoken.overlaps(sentence.start, sentence.end):
            continue
        start, end = _longest_clean_piece(zones, sentence.start, sentence.end)
        while end > start and text[end - 1] in " .\n":
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        body = text[start:end]
        if len(body.split()) < 6 or not _checkable(body):
            continue
        found.append((start, end, body, None, "asserted", _hedged(body)))
    found.sort(key=lambda f: f[0])
    return [
        Claim(
            id=f"c{n}",
            statement=_statement(body),
            claimant=who,
            evidence=span(text, start, end),
            attribution=kind,  # type: ignore[arg-type]
            hedged=hedged,
        )
        for n, (start, end, body, who, kind, hedged) in enumerate(found, 1)
    ]


def _hedged(text: str) -> bool:
    return not HEDGES.isdisjoint(_LOWER_WORD.findall(text.lower()))


def _checkable(text: str) -> bool:
    """A number or an event verb: something a fact-checker can look up."""
    return any(c.isdigit() for c in text) or not EVENT_VERBS.isdisjoint(
        _LOWER_WORD.findall(text.lower())
    )


def _longest_clean_piece(zones: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The longest stretch of ``[start, end)`` outside the junk zones."""
    pieces, cursor = [], start
    for a, b in sorted(zones):
        if b <= start or a >= end:
            continue
        pieces.append((cursor, max(cursor, a)))
        cursor = max(cursor, b)
    pieces.append((cursor, end))
    return max(pieces, key=lambda p: p[1] - p[0])


def _statement(content: str) -> str:
    """A readable, self-contained form of a clause: 'that' dropped, capitalised, stopped."""
    body = re.sub(r"^that\s+", "", " ".join(content.split()))
    body = body.rstrip(" ,;:")
    if body and body[0].islower():
        body = body[0].upper() + body[1:]
    return body if body.endswith((".", "?", "!", "”", '"')) else body + "."
