"""Find a piece of text in an article and return exact offsets.

The model's copy of a quote is rarely byte-identical to the article: it
straightens curly quotation marks, turns a no-break space into a space, drops
the paragraph-opening mark of a multi-paragraph quote, or changes case. The
search runs in stages, each more tolerant than the last, and every match is
mapped back to offsets in the original text, so what the caller gets is
always ``text[start:end]`` of the article, never the model's version.

Stages: exact, normalised (marks, dashes, spaces, case unified), normalised
with all quotation marks removed, and fuzzy (rapidfuzz alignment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from ..text import marks
from ..text.spans import gap, on_word_edges, overlaps

DASHES = frozenset("‐‑‒–—―−")
SPACES = frozenset("\u00a0\u2007\u202f\u2009\u200a\u3000")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_TRAILING_PUNCT = ",.;:!?…"


@dataclass(frozen=True, slots=True)
class Match:
    """Where a needle was found: ``text[start:end]`` of the article."""

    start: int
    end: int
    method: str  # exact | normalized | unmarked | fuzzy
    score: float = 100.0


def normalize(text: str, *, drop_marks: bool = False) -> tuple[str, list[int]]:
    """Fold a text for tolerant search; return it with, per output char, its source index."""
    out: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        if c in INVISIBLE:
            continue
        if c.isspace() or c in SPACES:
            if out and out[-1] == " ":
                continue
            out.append(" ")
            index.append(i)
            continue
        if c in marks.ANY:
            if drop_marks:
                continue
            out.append('"' if c in marks.FOLDED_DOUBLE else "'")
            index.append(i)
            continue
        if c in DASHES:
            out.append("-")
            index.append(i)
            continue
        if c == "…":
            out.extend("...")
            index.extend((i, i, i))
            continue
        for ch in c.lower():
            out.append(ch)
            index.append(i)
    return "".join(out), index


def fold(text: str, *, drop_marks: bool = False) -> str:
    """The folded form of a needle, trimmed of spaces."""
    return normalize(text, drop_marks=drop_marks)[0].strip()


class ArticleIndex:
    """An article prepared for repeated searches (folded forms are built once)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        return normalize(self.text)

    @cached_property
    def _unmarked(self) -> tuple[str, list[int]]:
        return normalize(self.text, drop_marks=True)

    # -- low-level searches ---------------------------------------------------------------

    def find_all(self, needle: str) -> list[Match]:
        """All occurrences of ``needle``, at the first stage that finds any (no fuzzy)."""
        needle = needle.strip()
        if not needle:
            return []
        hits = [Match(s, s + len(needle), "exact") for s in _occurrences(self.text, needle)]
        if hits:
            return hits
        for method, (folded, index), drop in (
            ("normalized", self._folded, False),
            ("unmarked", self._unmarked, True),
        ):
            key = fold(needle, drop_marks=drop)
            if not key:
                continue
            hits = [
                Match(index[s], index[s + len(key) - 1] + 1, method)
                for s in _occurrences(folded, key)
            ]
            if hits:
                return hits
        return []

    def find_fuzzy(self, needle: str, min_score: float) -> Match | None:
        """The best approximate occurrence scoring at least ``min_score`` (0-100)."""
        folded, index = self._unmarked
        key = fold(needle, drop_marks=True)
        if len(key) < 12 or len(key) > len(folded):
            return None  # short needles match anything approximately
        found = fuzz.partial_ratio_alignment(key, folded, score_cutoff=min_score)
        if found is None:
            return None
        start, end = _snap_to_words(folded, found.dest_start, found.dest_end)
        if end <= start:
            return None
        return Match(index[start], index[end - 1] + 1, "fuzzy", round(found.score, 1))

    def find_words(self, needle: str) -> list[Match]:
        """Occurrences that start and end on word boundaries (for names and mentions)."""
        return [m for m in self.find_all(needle) if self.on_word_boundaries(m.start, m.end)]

    def on_word_boundaries(self, start: int, end: int) -> bool:
        return on_word_edges(self.text, start, end)

    # -- the search used for quotes and evidence ---------------------------------------------

    def locate(
        self,
        needle: str,
        *,
        with_marks: bool = False,
        min_fuzzy: float | None = None,
        avoid: Sequence[tuple[int, int]] = (),
        near: Iterable[str] = (),
        after: int = 0,
    ) -> Match | None:
        """Find ``needle`` and choose the right occurrence.

        with_marks: widen the match to take in the quotation marks around it
        (and punctuation just inside a closing mark), as a direct quote's span does.
        min_fuzzy: allow an approximate match of at least this score.
        avoid: spans already taken; an occurrence overlapping one is a last resort.
        near: words expected close by (the speaker, the cue): they break ties
        between repeated identical phrases.
        after: prefer occurrences at or after this offset (items come in text order).
        """
        hits = self.find_all(needle)
        if not hits and min_fuzzy is not None:
            fuzzy = self.find_fuzzy(needle, min_fuzzy)
            hits = [fuzzy] if fuzzy else []
        if with_marks:
            hits = [self._widen_to_marks(m) for m in hits]
        return _choose(self, hits, avoid=avoid, near=list(near), after=after)

    def _widen_to_marks(self, m: Match) -> Match:
        text, start, end = self.text, m.start, m.end
        if start > 0 and text[start - 1] in marks.ANY and text[start] not in marks.ANY:
            start -= 1
        if text[end - 1] not in marks.ANY:
            probe = end
            while probe < len(text) and text[probe] in _TRAILING_PUNCT:
                probe += 1
            if probe < len(text) and text[probe] in marks.ANY and text[start] in marks.ANY:
                end = probe + 1
        if (start, end) == (m.start, m.end):
            return m
        return Match(start, end, m.method, m.score)


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


_WORD = re.compile(r"\w")


def _snap_to_words(folded: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy alignment that stops mid-word to whole words, then trim spaces."""
    while 0 < start < len(folded) and _WORD.match(folded[start - 1]) and _WORD.match(folded[start]):
        start -= 1
    while 0 < end < len(folded) and _WORD.match(folded[end - 1]) and _WORD.match(folded[end]):
        end += 1
    while start < end and folded[start] == " ":
        start += 1
    while end > start and folded[end - 1] == " ":
        end -= 1
    return start, end


def _choose(
    index: ArticleIndex,
    hits: list[Match],
    *,
    avoid: Sequence[tuple[int, int]],
    near: list[str],
    after: int,
    window: int = 300,
) -> Match | None:
    if len(hits) <= 1:
        return hits[0] if hits else None
    anchors = [
        [(m.start, m.end) for m in index.find_words(word)] for word in near if word and word.strip()
    ]

    def rank(m: Match) -> tuple[int, int, int, int, int]:
        span = (m.start, m.end)
        taken = any(overlaps(span, other) for other in avoid)
        gaps = [
            min((gap(span, a) for a in spots if not overlaps(span, a)), default=window)
            for spots in anchors
        ]
        close = sum(1 for g in gaps if g < window)
        return (
            int(taken),
            -close,
            sum(min(g, window) for g in gaps),
            int(m.start < after),
            m.start,
        )

    return min(hits, key=rank)
