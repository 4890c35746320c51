"""Frames inside a clause, and frames the speech patterns leave in the article's own
sentences: "I think X" and "she's glad X" (peeled off the content), "It's worth noting
that X" (the article's own), "As X noted, Y", "X has discovered that Y", "Y, X has
learned" (reported by X)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.spans import Offsets
from .claim_words import BELIEF_FRAMES, EMOTION_FRAMES

_BELIEF_VERBS = (
    "believe|believes|believed|think|thinks|thought|feel|feels|felt|fear|fears|feared|"
    "suspect|suspects|suspected|know|knows|knew|doubt|doubts|doubted|consider|considers|"
    "considered|guess|reckon"
)
_STATE_WORDS = "|".join(sorted(EMOTION_FRAMES | BELIEF_FRAMES))
_PEEL_BELIEF = re.compile(
    rf"(?:he|she|they|i|we)\s+(?:\w+ly\s+)?(?:{_BELIEF_VERBS})\s+(?:that\s+)?", re.I
)
_PEEL_STATE = re.compile(
    r"(?:he|she|they|i|we)(?:['’]s|['’]re|['’]m|\s+is|\s+was|\s+are|\s+were|\s+am)\s+"
    rf"(?:\w+ly\s+)?(?:{_STATE_WORDS})\s+(?:that\s+)?",
    re.I,
)
_IMPERSONAL = re.compile(
    r"(?:\w+\s+){0,3}?it(?:['’]s|\s+is|\s+was|\s+should\s+be|\s+seems|\s+remains)\s+"
    r"(?:\w+\s+){1,2}?that\s+|it\s+goes\s+without\s+saying\s+that\s+",
    re.I,
)
_AS_NOTED = re.compile(
    r"As\s+(?P<src>[^,;“”\"]{2,60}?(?:,[^,;]{2,50},)?)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?P<cue>pointed out|noted|said|argued|reported|written|suggested|explained|observed|"
    r"found|shown|warned|acknowledged|believes?|thinks?)\s*,\s+"
)
_FOUND_THAT = re.compile(
    r"(?P<src>[A-Z][^,;“”\"]{2,60}?)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?"
    r"(?P<cue>discovered|learned|concluded|determined|established|found)\s+that\s+"
)
#: A document's finding that no speech pattern took: "State business records show that X",
#: "Court filings showed X" (its source is the document; a named one may be an actor).
_DOCUMENT_SHOWS = re.compile(
    r"(?P<src>(?:[\w’'\-]+\s+){0,5}?(?:records|filings|documents|data|figures|statistics"
    r"|emails|minutes|transcripts|receipts|invoices))\s+(?:also\s+)?"
    r"(?:show|showed|shown|indicate|indicated|reveal|revealed)\s+(?:that\s+)?(?=\w)",
    re.I,
)
_CUES = (
    r"(?:said|says|told\s+\w+|wrote|writes|argued|argues|noted|notes|added|explained|"
    r"maintains|maintained|insists|insisted|contends|contended|estimates|estimated|"
    r"predicts|predicted|projects|projected|expects|expected|forecasts)"
)
_SAID_THAT = re.compile(
    r"(?P<src>(?:The\s+)?[A-Z][\w.’'\-]*(?:\s+(?:[A-Z][\w.’'\-]*|of|at|and|the)){0,12})"
    r"(?:,\s+(?P<aside>[^;“”\"]{2,200}?),)?"
    rf"\s+(?:has\s+|had\s+)?{_CUES}\s+that\s+"
)
#: A report by no one the sentence names: "The inquest was told that X", "the jury heard X".
_HEARD = re.compile(
    r"(?:[A-Z][^,;“”\"]{1,80}?)\s+(?:(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"(?:told|informed|warned)|(?:inquest|court|jury|tribunal|hearing|trial|committee)"
    r"(?:\s+\w+){0,2}\s+(?:has\s+|had\s+|was\s+)?heard)\s+(?:that\s+)?(?=\w)"
)
_TRAILING = re.compile(
    r",\s+(?P<src>[^,;“”\"]{1,60}?)\s+(?:has\s+|have\s+)?"
    rf"(?:{_CUES}|learned|confirmed|found|reported)[\s.]*$"
)


@dataclass(frozen=True, slots=True)
class OwnFrame:
    """A frame found in the article's own sentence: its content, source and voice."""

    content: Offsets
    source: Offsets | None  # None: a report by no one named ("The inquest was told")
    attribution: str  # reported | belief
    aside: Offsets | None = None  # "X, who led Y, said that": the article's own claim


def peel(text: str, a: int, b: int) -> tuple[int, str | None]:
    """Past an inner frame at the start of a clause: "I think X" (a belief), "she's
    glad X", "It's worth noting that X", "it should be obvious that X"."""
    m = _PEEL_BELIEF.match(text, a, b)
    if m:
        return m.end(), "belief"
    m = _PEEL_STATE.match(text, a, b) or _IMPERSONAL.match(text, a, b)
    if m:
        return m.end(), None
    return a, None


def own_frame(text: str, a: int, b: int) -> OwnFrame | None:
    """A speech frame in the article's sentence ``[a, b)`` that the speech patterns left:
    "As X (has) noted, Y", "X has discovered that Y", "X, who ..., said that Y", "Y, X
    maintains"."""
    m = _AS_NOTED.match(text, a, b) or _FOUND_THAT.match(text, a, b)
    if m is not None:
        kind = "belief" if m.group("cue").lower() in BELIEF_FRAMES else "reported"
        return OwnFrame((m.end(), b), m.span("src"), kind)
    m = _DOCUMENT_SHOWS.match(text, a, b)
    if m is not None:
        return OwnFrame((m.end(), b), m.span("src"), "reported")
    m = _SAID_THAT.match(text, a, b)
    if m is not None:
        relative = m.group("aside") and re.search(r"\b(?:who|which)\b", m.group("aside"))
        aside = (m.start(), m.end("aside")) if relative else None
        return OwnFrame((m.end(), b), m.span("src"), "reported", aside)
    tail = _TRAILING.search(text, a, b)
    if tail is not None:
        return OwnFrame((a, tail.start()), tail.span("src"), "reported")
    m = _HEARD.match(text, a, b)
    if m is not None:
        return OwnFrame((m.end(), b), None, "reported")
    return None
