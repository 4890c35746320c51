"""Speech the page's layout says: a headline ``Speaker: statement`` and transcript turns
(``PENCE: Well, look ...``), where the label is the speaker.
"""

from __future__ import annotations

import re

from .clauses import Clauses, Utterance


class LayoutSpeech(Clauses):
    """Headline and transcript utterances."""

    def headline(self) -> Utterance | None:
        """``Speaker: statement`` in the first paragraph (the headline)."""
        if not self.doc.paragraphs:
            return None
        para = self.doc.paragraphs[0]
        line = self.text[para.start : para.end]
        m = re.match(r"\s*([^:.!?]{3,80}?)\s*:\s+(\S.{5,})$", line)
        if not m or len(m.group(1).split()) > 8:
            return None
        source = (para.start + m.start(1), para.start + m.end(1))
        content_start = para.start + m.start(2)
        content_end = para.start + len(line.rstrip(" .\u00a0"))
        cue = (para.start + m.end(1), para.start + m.end(1) + 1)
        while self.text[cue[0]] != ":":
            cue = (cue[0] + 1, cue[1] + 1)
        return Utterance([(content_start, content_end)], "indirect", source, cue)

    def transcript(self) -> list[Utterance]:
        """``PENCE: Well, look ...``: a transcript turn, the label its speaker."""
        out = []
        for m in self.turns:
            end = m.end("content")
            while end > m.start("content") and self.text[end - 1] in ' "”':
                end -= 1
            if end - m.start("content") >= 8:
                cue = (m.end("label"), m.end("label") + 1)
                out.append(Utterance([(m.start("content"), end)], "direct", m.span("label"), cue))
        return out
