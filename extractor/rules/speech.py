"""Find who said what: every utterance of a document, direct, reported or set by layout.

`SpeechFinder` runs the patterns of `direct`, `reported` and `layout` over one
document and returns `Utterance` records in text order, each with its content
segments, the words naming its source and its cue.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from ..text.spans import Offsets
from .clauses import Utterance
from .direct import DirectSpeech
from .layout import LayoutSpeech
from .reported import ReportedSpeech

__all__ = ["SpeechFinder", "Utterance", "outside_turns"]


class _Reach:
    """Spans sorted by start with the furthest end so far: which of them hold a stretch."""

    def __init__(self, spans: list[Offsets]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((b for _, b in spans), max))

    def holds(self, start: int, end: int) -> bool:
        """Some span runs from at or before ``start`` to at or after ``end``."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end

    def meets(self, pos: int) -> bool:
        """Some span ``[a, b)`` has ``a <= pos < b``."""
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


def outside_turns(utterances: list[Utterance], turns: list[Utterance]) -> list[Utterance]:
    """The utterances that start in no transcript turn (a turn replaces what it holds)."""
    if not turns:
        return utterances
    inside = _Reach([(u.start, u.end) for u in turns])
    return [u for u in utterances if not inside.meets(u.start)]


class SpeechFinder(DirectSpeech, ReportedSpeech, LayoutSpeech):
    """Run the patterns over one document (page furniture blanked out, offsets kept)."""

    def run(self) -> list[Utterance]:
        direct = self.direct_quotes()
        reported = self.reported(direct)
        held = _Reach([(r.start, r.end) for r in reported])
        added: list[Utterance] = []  # found below: usually each starts before the next quote
        widest: Utterance | None = None  # of those, the one reaching furthest
        first_quoted = {}
        for q in reversed(self.quoted):
            first_quoted[q.start] = q
        for u in direct:
            if u.kind != "partial" or u.source is not None:
                continue
            if held.holds(u.start, u.end):
                continue
            if (
                widest is not None
                and widest.end >= u.end  # else no span found below reaches u's end
                and (
                    widest.start <= u.start
                    or any(r.start <= u.start and u.end <= r.end for r in added)
                )
            ):
                continue
            q = first_quoted[u.start]
            sentence = self.doc.sentence_at(q.start)
            if sentence is not None:
                found = self._subject_verb(q, sentence)
                if found is not None:
                    reported.append(found)
                    added.append(found)
                    if widest is None or found.end > widest.end:
                        widest = found
        turns = self.transcript()
        direct, reported = outside_turns(direct, turns), outside_turns(reported, turns)
        utterances = direct + reported + turns
        head = self.headline()
        if head is not None and not any(u.start <= head.start < u.end for u in utterances):
            utterances.append(head)
        return sorted(utterances, key=lambda u: (u.start, -u.end))
