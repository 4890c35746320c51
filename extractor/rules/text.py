"""Paragraphs, sentences and words with their offsets in the article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt adm cmdr gov sen rep rev st jr sr "
    "inc corp co ltd no vs etc jan feb mar apr aug sept sep oct nov dec u.s u.k u.n "
    "d.c a.m p.m ft mt pres supt det insp atty e.g i.e".split()
)
_SENTENCE_END = re.compile(r"[.?!…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
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
                word = re.search(r"([\w.]+)[.?!…]*[\"”’')\]]*$", self.text[start:end])
                if word and m.group().startswith(".") and _is_abbreviation(word.group(1)):
                    continue
                out.append(Sentence(start, end, n))
                start = end
                while start < para.end and self.text[start].isspace():
                    start += 1
            if start < para.end:
                out.append(Sentence(start, para.end, n))
        return out

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def paragraph_index(self, offset: int) -> int:
        for n, p in enumerate(self.paragraphs):
            if p.start <= offset < p.end:
                return n
        return -1


def _is_abbreviation(word: str) -> bool:
    core = word.rstrip(".").lower()
    if core in ABBREVIATIONS:
        return True
    # Initials: "J." in "John F. Kennedy", "U.S." style acronyms.
    return len(core) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]?", core))


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word spans in ``text[start:end]``, as offsets into ``text``."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, stop)]
