"""Which marks quote in this article, and how to read a single-mark article.

American style quotes with double marks (“…”, "…") and nests single ones
inside; British, Irish, Australian and many other outlets quote with single
marks (‘…’, '…') and nest double ones. Single marks double as apostrophes
(don't, the council's, the workers' union, '90s, rock 'n' roll), so they are
paired with care: an opening mark starts a word after a space or an opening
bracket, a closing mark ends a word before a space or punctuation, and of
several closing candidates the one after punctuation wins ('…,' she said),
then one not after an "s" (a plural possessive, the workers' union).

The convention is found per article: when more passages are quoted in single
marks than in double marks outside them, the article is read as if its marks
were swapped — `as_double_marks` returns a text of the same length in which
the quoting single marks are double and the double marks nested in them are
single — so every pattern written for double marks applies, and offsets (and
the original text used for output) are untouched.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..text.spans import Offsets
from .document import Document, Paragraph
from .quotes import find_quoted

T = TypeVar("T")

#: Opening single marks and the closing marks each accepts.
_CLOSERS_FOR = {"‘": "’'", "'": "'’", "‹": "›", "‚": "‘’"}
_AS_DOUBLE = {"‘": "“", "’": "”", "'": '"', "‹": "“", "›": "”", "‚": "“"}
_AS_SINGLE = {"“": "‘", "”": "’", '"': "'", "„": "‚", "«": "‹", "»": "›", "‟": "‛"}
_SINGLE = re.compile("[‘’'‹›‚]")
# Apostrophes that stand at the start of a word: '90s, 'n', 'em, 'til, 'tis, 'twas.
_ELISION = re.compile(r"[‘’'](?:\d\ds?\b|n[’']|em\b|til\b|tis\b|twas\b|cause\b)", re.I)
_OPEN_AFTER = frozenset('([{—–-/:;,“„«"')
_PUNCTUATION_BEFORE_CLOSE = frozenset(",.!?;:…—–-")


@dataclass(frozen=True, slots=True)
class SinglePassage:
    start: int  # the opening mark
    end: int  # after the closing mark
    marks: tuple[int, ...]  # every mark to swap: opener, paragraph re-openers, closer


def _is_opener(text: str, i: int) -> bool:
    if text[i] not in _CLOSERS_FOR:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if not (prev.isspace() or prev in _OPEN_AFTER) or nxt.isspace():
        return False
    return _ELISION.match(text, i) is None


def _is_closer(text: str, i: int, opener: str) -> bool:
    if text[i] not in _CLOSERS_FOR[opener]:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and not nxt.isalnum()


def _best_closer(text: str, candidates: list[int]) -> int:
    for i in candidates:
        if text[i - 1] in _PUNCTUATION_BEFORE_CLOSE:
            return i
    for i in candidates:
        if text[i - 1] not in "sS":
            return i
    return candidates[0]


def find_single_quoted(text: str, paragraphs: Sequence[Paragraph]) -> list[SinglePassage]:
    """Passages quoted in single marks, in text order (a passage may span paragraphs
    when each new paragraph opens with the mark again)."""
    found: list[SinglePassage] = []
    open_at: int | None = None
    opener = ""
    marks: list[int] = []
    for n, para in enumerate(paragraphs):
        spots = [m.start() for m in _SINGLE.finditer(text, para.start, para.end)]
        k = 0
        if open_at is not None:
            # a quote going on from the last paragraph: this one must open with the mark
            if spots and spots[0] == _first_char(text, para) and text[spots[0]] == opener:
                marks.append(spots[0])
                k = 1
            else:
                open_at, marks = None, []
        while k < len(spots):
            i = spots[k]
            if open_at is None:
                k += 1
                if _is_opener(text, i):
                    open_at, opener, marks = i, text[i], [i]
                continue
            # gather closing candidates up to the next mark that can only open
            candidates: list[int] = []
            m = k
            while m < len(spots):
                j = spots[m]
                if _is_closer(text, j, opener):
                    candidates.append(j)
                elif _is_opener(text, j):
                    break
                m += 1
            if not candidates:
                break  # no closer in this paragraph: it may go on in the next
            close = _best_closer(text, candidates)
            found.append(SinglePassage(open_at, close + 1, (*marks, close)))
            open_at, marks = None, []
            k = spots.index(close) + 1
        if open_at is not None:
            following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if following is None or text[_first_char(text, following)] != opener:
                open_at, marks = None, []  # never closed and not continued: no quote
    return found


def as_double_marks(text: str) -> str:
    """The text to read, in the marks every pattern is written for (same length, same
    offsets): guillemets and low-high marks become curly double marks, and in an
    article quoted in single marks the quoting marks are swapped with the double ones."""
    text = _curly_doubles(text)
    if not any(c in text for c in "‘'‹‚"):
        return text
    doc = Document(text)
    singles = find_single_quoted(text, doc.paragraphs)
    if not singles:
        return text
    doubles = [(q.start, q.end) for q in find_quoted(doc)]
    outer_singles = _outside(singles, lambda s: (s.start, s.end), doubles)
    spans = [(s.start, s.end) for s in outer_singles]
    outer_doubles = _outside(doubles, lambda d: d, spans)
    if len(outer_singles) <= len(outer_doubles):
        return text
    chars = list(text)
    for passage in outer_singles:
        for i in range(passage.start, passage.end):
            swapped = _AS_SINGLE.get(chars[i])
            if swapped is not None:
                chars[i] = swapped
        for i in passage.marks:
            chars[i] = _AS_DOUBLE[text[i]]
    return "".join(chars)


_GUILLEMETS = str.maketrans({"«": "“", "»": "”"})
_LOW_HIGH = re.compile("„([^„“”\n]*)([“”])")


def _curly_doubles(text: str) -> str:
    """« » and „ “ (low-high, closed by a high mark that elsewhere opens) as “ ”."""
    if "«" in text or "»" in text:
        text = text.translate(_GUILLEMETS)
    if "„" in text:
        text = _LOW_HIGH.sub(lambda m: f"“{m.group(1)}”", text)
    return text


def _first_char(text: str, para: Paragraph) -> int:
    at = para.start
    while at < para.end - 1 and text[at].isspace():
        at += 1
    return at


def _outside(
    items: list[T], bounds: Callable[[T], tuple[int, int]], spans: list[Offsets]
) -> list[T]:
    """The items that lie in none of ``spans`` (sorted, not overlapping): one bisect each."""
    starts = [a for a, _ in spans]
    kept = []
    for item in items:
        start, end = bounds(item)
        i = bisect_right(starts, start) - 1
        if not (i >= 0 and end <= spans[i][1]):
            kept.append(item)
    return kept
