"""Offsets: half-open ``(start, end)`` pairs into the article text, and tests on them.

The output schema's `Span` is a Pydantic model carrying its text; inside the
engines a stretch of text is just its `Offsets`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

Offsets = tuple[int, int]


def overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlaps_any(spans: Iterable[Offsets], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def gap(a: Offsets, b: Offsets) -> int:
    """Characters between two spans; 0 when they touch or overlap."""
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def on_word_edges(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends on word edges ("he" in "The" does not).
    A name glued to a capitalised word that follows it ("TrumpDonald", link-hover text a
    scraper joined on) still ends where it ends."""
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return False
    if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        return text[end - 1].islower() and text[end].isupper()
    return True


def keep_longest(spans: Iterable[Offsets]) -> list[Offsets]:
    """Drop spans overlapping a longer one ("al-Allaq" inside "Saad al-Allaq"); sort by start."""
    kept: list[Offsets] = []
    for span in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    return sorted(kept)


class SpanSet:
    """Sorted spans answering "does anything overlap [start, end)?" in log time."""

    def __init__(self, spans: Iterable[Offsets]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.max_end = list(accumulate((b for _, b in self.spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start
