"""Paragraphs, sentences and words with their offsets in the article, looked up by bisect;
and `SortedBlocks`, a sorted list that takes inserts cheaply (the actors' mention timeline)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

from .lexicon import ABBREVIATIONS

# A sentence ends at a stop before a capital, perhaps after an opening mark, perhaps
# spaced from it ("« Now they ...", as French-style guillemets are written).
_SENTENCE_END = re.compile(r"[.?!…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]{0,2}[ \u00a0\u202f]?[A-Z0-9])")
# (?<!...) only spares the search the starts inside a word; the match is the same
_LAST_WORD = re.compile(r"(?<![\w.])([\w.]+)[.?!…]*[\"”’')\]]*$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]?")
# initials ("U.S."), or a word: the same matches as (?:[A-Za-z]\.){2,}|\w[\w.'’\-]*\w|\w,
# with no backtracking (possessive: word characters, then marks and word characters)
_WORD = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\w++(?:[.'’\-]++\w++)*+")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int


class Document:
    """An article split into paragraphs and sentences (computed once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._among: dict[frozenset[str], list[int]] = {}

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return [
            Paragraph(m.start(), m.end())
            for m in re.finditer(r"[^\n]+", self.text)
            if m.group().strip()
        ]

    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        for n, para in enumerate(self.paragraphs):
            start = para.start
            for m in _SENTENCE_END.finditer(self.text, para.start, para.end):
                end = m.end()
                if m.group().startswith("."):
                    word = _LAST_WORD.search(self.text[max(start, end - 40) : end])
                    last = word.group(1) if word else ""
                    if _is_abbreviation(last) and not _no_before_a_word(last, self.text, end):
                        continue
                out.append(Sentence(start, end, n))
                start = end
                while start < para.end and self.text[start].isspace():
                    start += 1
            if start < para.end:
                out.append(Sentence(start, para.end, n))
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @cached_property
    def _words(self) -> list[tuple[int, int]]:
        return words(self.text)

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w[0] for w in self._words]

    @property
    def all_words(self) -> list[tuple[int, int]]:
        """Every word's span, in text order (shared: do not modify)."""
        return self._words

    @property
    def word_starts(self) -> list[int]:
        """Every word's start, in text order (shared: do not modify)."""
        return self._word_starts

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def paragraph_index(self, offset: int) -> int:
        i = bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return i
        return -1

    @cached_property
    def _lower_words(self) -> list[str]:
        low = self.text.lower()
        if len(low) != len(self.text):  # a few characters lengthen when lowered
            return [self.text[a:b].lower() for a, b in self._words]
        return [low[a:b] for a, b in self._words]

    def words_among(self, start: int, end: int, vocabulary: frozenset[str]) -> list[int]:
        """Start offsets of the words in ``[start, end)`` whose lower case is in ``vocabulary``."""
        found = self._among.get(vocabulary)
        if found is None:  # the whole text's, once per vocabulary
            spans = self._words
            found = [spans[x][0] for x, w in enumerate(self._lower_words) if w in vocabulary]
            self._among[vocabulary] = found
        return found[bisect_left(found, start) : bisect_left(found, end)]

    def words_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The words lying wholly inside ``[start, end)``."""
        i = bisect_left(self._word_starts, start)
        j = bisect_left(self._word_starts, end)
        found = self._words[i:j]
        if found and found[-1][1] > end:
            found = found[:-1]
        return found


_NUMBER_NEXT = re.compile(r"\s*\d")


def _no_before_a_word(word: str, text: str, end: int) -> bool:
    """ "voted no. Priya Lee said": a sentence ends at "no."; "No. 2" is the number sign."""
    return word.rstrip(".").lower() == "no" and _NUMBER_NEXT.match(text, end) is None


def _is_abbreviation(word: str) -> bool:
    core = word.rstrip(".").lower()
    if core in ABBREVIATIONS:
        return True
    # Initials: "J." in "John F. Kennedy", "U.S." style acronyms.
    return len(core) == 1 or bool(_INITIALS.fullmatch(core))


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word spans in ``text[start:end]``, as offsets into ``text``."""
    stop = len(text) if end is None else end
    return [m.span() for m in _WORD.finditer(text, start, stop)]


class SortedBlocks:
    """A sorted list kept in blocks: insert and remove cost O(log n + block), not O(n)
    as in one long list; lookups by bisect."""

    __slots__ = ("blocks", "firsts")

    def __init__(self, items: list) -> None:  # items already sorted
        self.blocks = [items[i : i + 256] for i in range(0, len(items), 256)]
        self.firsts = [b[0] for b in self.blocks]

    def _at(self, key: tuple) -> tuple[int, list]:
        i = max(bisect_right(self.firsts, key) - 1, 0)
        return i, self.blocks[i]

    def insert(self, item: tuple) -> None:
        if not self.blocks:
            self.blocks, self.firsts = [[item]], [item]
            return
        i, block = self._at(item)
        insort(block, item)
        self.firsts[i] = block[0]
        if len(block) > 512:
            self.blocks[i : i + 1] = [block[:256], block[256:]]
            self.firsts.insert(i + 1, block[256])

    def remove(self, item: tuple) -> None:
        i, block = self._at(item)
        del block[bisect_left(block, item)]
        if block:
            self.firsts[i] = block[0]
        else:
            del self.blocks[i], self.firsts[i]

    def since(self, key: tuple) -> Iterator[tuple]:
        """The items from ``key`` on, in order."""
        if self.blocks:
            i, block = self._at(key)
            yield from islice(block, bisect_left(block, key), None)
            for block in islice(self.blocks, i + 1, None):
                yield from block

    def last_below(self, key: tuple) -> tuple | None:
        """The last item before ``key``."""
        i = bisect_left(self.firsts, key) - 1
        return None if i < 0 else self.blocks[i][bisect_left(self.blocks[i], key) - 1]
