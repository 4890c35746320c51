"""Whether a cue verb reports speech where it stands: the same words are often a noun
("a new report from", "Clinton's claim"), a participle ("nine alleged members"), a
question with no question ("asked to leave"). ("Did not respond to requests for
comment" stays speech: PolNeAR's annotators mark it as an attribution.)"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text.spans import Offsets
from .lexicon import (
    AMBIGUOUS_PARTICIPLES,
    DETERMINERS,
    DOCUMENTS,
    NOUN_ADJECTIVES,
    NOUNISH_CUES,
    SHOW_CUES,
    SOURCE_WORDS,
    THAT_ONLY_CUES,
)

_NAMES_POSSESSIVE = re.compile(r"[A-Z][\w.-]*[’']s")  # "Clinton's" (not "he's": has)
_QUESTION_NEXT = re.compile(
    r"\s*(?:\w+\s+){0,3}?(?:whether|if|why|how|what|when|where|who)\b|\s*,?\s*[\"“:]"
)
_CLAUSE_NEXT = re.compile(r"\s+(?:that\b|[a-z])")
_TRAILING_SHOW = re.compile(r"\s*[.,;]")
_SHOW_UP = re.compile(r"\s+up\b")
SPEECH_NEXT = re.compile(
    r"\s*(?:(?:on\s+)?(?:[A-Z][a-z]+day|today|yesterday|last\s+\w+|earlier|this\s+\w+)\s+)?"
    r"(?:that\b|:|,?\s*[\"“])"
)
_ASKING = frozenset("ask asks asked asking".split())


def speaks_here(
    text: str, spans: list[Offsets], k: int, low: str, lower: Callable[[Offsets], str]
) -> bool:
    """Whether the cue verb ``low``, word ``k`` of ``spans`` (``lower`` gives a word's
    lower case), reports speech here rather than naming a thing or an act."""
    end = spans[k][1]
    before = lower(spans[k - 1]) if k > 0 else ""
    if before in DETERMINERS:
        return False
    if (
        k > 0
        and _NAMES_POSSESSIVE.fullmatch(text, *spans[k - 1])
        and not SPEECH_NEXT.match(text, end)
    ):
        return False  # "Clinton's remark first as ...": a noun ("Trump's claim that" speaks)
    if low in SHOW_CUES and _SHOW_UP.match(text, end):
        return False  # "Brenner shows up at every fair": she comes, she says nothing
    if low in SHOW_CUES and _TRAILING_SHOW.match(text, end) and before in DOCUMENTS:
        return True  # "..., state figures show.": a document's finding, the clause before
    if low in NOUNISH_CUES and not _CLAUSE_NEXT.match(text, end):
        return False
    adjective = k > 1 and before in NOUN_ADJECTIVES
    if adjective and low in NOUNISH_CUES and lower(spans[k - 2]) in DETERMINERS:
        return False  # "A new report from the budget office said": a noun
    if low in THAT_ONLY_CUES and not SPEECH_NEXT.match(text, end):
        return False  # "states suing the EPA", "plans to": speech only with "that"
    after_subject = k > 0 and (
        before in SOURCE_WORDS
        or text[spans[k - 1][0]].isupper()
        or before in ("has", "have", "had")
    )  # "has called for"
    if low in AMBIGUOUS_PARTICIPLES and not after_subject and not SPEECH_NEXT.match(text, end):
        return False  # "nine alleged members"; but "they noted his lawyer ..." is speech
    return not (low in _ASKING and not _QUESTION_NEXT.match(text, end))


_TWO_WORD_CHARS = re.compile(r"\w\w")


def quoted_comma(lead: str) -> bool:
    """The clause ends in a quote and a comma (American ``...,"`` or British ``...",``),
    with words before it on its line: ``accomplished "too little," he added``."""
    if lead.endswith((',"', ",”")):
        return True
    if not lead.endswith(('",', "”,")):
        return False
    tail = lead[max(0, len(lead) - 64) : -2]
    return _TWO_WORD_CHARS.search(tail, tail.rfind("\n") + 1) is not None
