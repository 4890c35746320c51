"""The words of a text for claims, made once per text: each word's offsets and lower
case form (straight apostrophes), bisect lookups of the words inside a stretch, and
the memo that the clause functions keep per text (they are pure functions of it)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ..text.spans import Offsets
from .claim_words import CONTRACTIONS, PRONOUN_SUBJECTS

Token = tuple[int, int, str]  # start, end, lower case with straight apostrophes

# the same matches as [\w$%][\w'’.,%\-]*[\w%]|[\w$%], with no backtracking (possessive)
_TOKEN = re.compile(r"[\w$%](?:['’.,\-]*+[\w%]++)*+")
_CONTRACTED_STEMS = PRONOUN_SUBJECTS | {"what", "here", "where"}


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The words lying wholly inside ``text[start:end]`` (numbers with their commas)."""
    words = words_of(text)
    i = bisect_left(words.starts, start)
    j = bisect_right(words.ends, end)
    return words.words[i:j] if j > i else []


def last_token(text: str, start: int, end: int) -> Token | None:
    """The last word lying wholly inside ``text[start:end]`` (``tokens(...)[-1]``)."""
    words = words_of(text)
    j = bisect_right(words.ends, end) - 1
    return words.words[j] if j >= 0 and words.starts[j] >= start else None


def token_count(text: str, start: int, end: int) -> int:
    """How many words lie wholly inside ``text[start:end]`` (no list made)."""
    words = words_of(text)
    return max(0, bisect_right(words.ends, end) - bisect_left(words.starts, start))


class Words:
    """One text's words, made once: their starts and ends (for bisect), where a comma,
    semicolon, dash or ellipsis lies between two words, and what the clause functions
    already found for a stretch (they are pure functions of the text)."""

    __slots__ = ("breaks", "ends", "finite", "firsts", "starts", "trimmed", "words")

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _TOKEN.finditer(text)]
        low = text.lower()
        if len(low) == len(text) and "Σ" not in text:  # lower case char by char
            low = low.replace("’", "'")
            self.words = [(a, b, low[a:b]) for a, b in spans]
        else:
            self.words = [(a, b, text[a:b].lower().replace("’", "'")) for a, b in spans]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        breaks: list[int] = []
        for m in _BREAK.finditer(text):
            k = bisect_right(self.starts, m.start())  # the word after the mark
            if 0 < k < len(spans) and self.ends[k - 1] <= m.start() and k not in breaks[-1:]:
                breaks.append(k)
        self.breaks = breaks
        self.finite: dict[tuple[int, int, bool], bool] = {}
        self.trimmed: dict[Offsets, Offsets] = {}
        self.firsts: dict[tuple[int, int, bool], int | None] = {}

    def at(self, start: int) -> int:
        """The index of the word that starts at ``start`` (-1 when none does)."""
        k = bisect_left(self.starts, start)
        return k if k < len(self.starts) and self.starts[k] == start else -1


_BREAK = re.compile("[,;—–…]")


_RECENT: list[tuple[str, Words]] = []  # the last texts read, most recent first


def words_of(text: str) -> Words:
    """The words of ``text``, made once per text object: found by identity, as an equal
    copy of a long text (the same article read twice) would cost a full comparison at
    every lookup in a dict keyed by the text."""
    for seen, words in _RECENT:
        if seen is text:
            return words
    words = Words(text)
    _RECENT.insert(0, (text, words))
    del _RECENT[8:]
    return words


def forget(text: str) -> None:
    """Drop the words of ``text`` made by `words_of` (the claims stage is done with it):
    kept, they would outlive the extraction, for the garbage collector to walk."""
    _RECENT[:] = [(seen, words) for seen, words in _RECENT if seen is not text]


@lru_cache(maxsize=1 << 16)
def contracted(low: str) -> bool:
    """A pronoun with a contracted verb ("it's", "they're") or a negated auxiliary."""
    if low.endswith("n't"):
        return True
    for tail in CONTRACTIONS:
        if low.endswith(tail) and low[: -len(tail)] in _CONTRACTED_STEMS:
            return True
    return False
