"""Tie actors to the words that name them in the article."""

from __future__ import annotations

from collections.abc import Iterable

from ..read.furniture import Zone, in_junk
from ..schema import Span
from ..text.spans import keep_longest
from .locate import ArticleIndex

#: Words that refer to an actor only through context; never searched on their own.
PRONOUNS = frozenset(
    "he him his she her hers they them their theirs it its we us our i me my you your "
    "who whom which that this these those".split()
)


def is_pronoun(words: str) -> bool:
    return words.strip().lower() in PRONOUNS


def find_mentions(index: ArticleIndex, names: Iterable[str], zones: list[Zone]) -> list[Span]:
    """Every place outside the junk zones where one of ``names`` is written.

    Pronouns are skipped (they are linked per quote, where the context is known);
    an all-capital name such as "US" must match in capitals, so it never matches "us".
    """
    found: list[tuple[int, int]] = []
    for name in names:
        name = name.strip()
        if len(name) < 2 or is_pronoun(name):
            continue
        for m in index.find_words(name):
            written = index.text[m.start : m.end]
            if name.isupper() and not written.isupper():
                continue
            if in_junk(zones, m.start, m.end) is None:
                found.append((m.start, m.end))
    return [Span(start=s, end=e, text=index.text[s:e]) for s, e in keep_longest(found)]


def add_mention(mentions: list[Span], span: Span) -> list[Span]:
    """Add a mention unless one already covers it; keep text order."""
    if any(m.start <= span.start and span.end <= m.end for m in mentions):
        return mentions
    return sorted([*mentions, span], key=lambda m: m.start)
