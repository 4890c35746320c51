"""Find who said what: every utterance of a document, direct, reported or set by layout.

`SpeechFinder` runs the patterns of `direct`, `reported` and `layout` over one
document and returns `Utterance` records in text order, each with its content
segments, the words naming its source and its cue.
"""

from __future__ import annotations

from .clauses import Utterance
from .direct import DirectSpeech
from .layout import LayoutSpeech
from .reported import ReportedSpeech

__all__ = ["SpeechFinder", "Utterance"]


class SpeechFinder(DirectSpeech, ReportedSpeech, LayoutSpeech):
    """Run the patterns over one document (page furniture blanked out, offsets kept)."""

    def run(self) -> list[Utterance]:
        direct = self.direct_quotes()
        reported = self.reported(direct)
        for u in direct:
            if u.kind != "partial" or u.source is not None:
                continue
            if any(r.start <= u.start and u.end <= r.end for r in reported):
                continue
            q = next(q for q in self.quoted if q.start == u.start)
            sentence = self.doc.sentence_at(q.start)
            if sentence is not None:
                found = self._subject_verb(q, sentence)
                if found is not None:
                    reported.append(found)
        turns = self.transcript()
        if turns:
            inside = [(u.start, u.end) for u in turns]
            direct = [u for u in direct if not any(a <= u.start < b for a, b in inside)]
            reported = [u for u in reported if not any(a <= u.start < b for a, b in inside)]
        utterances = direct + reported + turns
        head = self.headline()
        if head is not None and not any(u.start <= head.start < u.end for u in utterances):
            utterances.append(head)
        return sorted(utterances, key=lambda u: (u.start, -u.end))
