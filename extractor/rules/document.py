"""Paragraphs, sentences and words with their offsets in the article."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from .lexicon import ABBREVIATIONS

_SENTENCE_END = re.compile(r"[.?!…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]{0,2}[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.]+)[.?!…]*[\"”’')\]]*$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]?")
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[\w][\w.'’\-]*[\w]|[\w]")


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
            chunk = self.text[para.start : para.end]
            for m in _SENTENCE_END.finditer(chunk):
                end = para.start + m.end()
                word = _LAST_WORD.search(self.text[max(start, end - 40) : end])
                if word and m.group().startswith(".") and _is_abbreviation(word.group(1)):
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
        i = bisect_left(self._word_starts, start)
        j = bisect_left(self._word_starts, end)
        lowers, spans = self._lower_words, self._words
        return [spans[x][0] for x in range(i, j) if lowers[x] in vocabulary]

    def words_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The words lying wholly inside ``[start, end)``."""
        i = bisect_left(self._word_starts, start)
        j = bisect_left(self._word_starts, end)
        found = self._words[i:j]
        if found and found[-1][1] > end:
            found = found[:-1]
        return found


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
