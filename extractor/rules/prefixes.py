"""Regular expressions written to open with the characters a match can start with.

Python's ``re`` skips ahead cheaply, in C, to a character that can start a match only
when the pattern's first step is a character class, or a choice of literal characters;
a pattern opening with ``\\b``, a lookbehind, a lookahead or a repeat is tried at every
position of the text instead, one call of the matcher each. A whole-article or
per-clause scan can then consume its first character first and check what lay before
it afterwards, by a lookbehind over it: the same matches. That pays where the first
character is rare in running text (a capital, a few given letters) or the old opening
was itself costly (a repeat); where it is common (any letter or word character, or a
space ahead of a cheap lookahead) the matcher is still called at most positions, after
a class test as well, and it gains little or loses (measured: BENCHMARKS.md, "Branch
`speed`")."""

from __future__ import annotations

from collections.abc import Iterable


def word_choice(words: Iterable[str]) -> str:
    r"""``\b(?:w1|w2|...)`` for words that open with a word character, as a choice of
    first letters (each checking that no word character lies before it), in the same
    order: the same matches, and a pattern a search can skip through."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?<!\\w.)(?:{'|'.join(rests)})" for first, rests in by_first.items())
