"""Direct quotes: a quoted passage and the cue that attributes it.

- ``“...,” she said.`` / ``“...,” said the spokesman.`` (cue after the quote)
- ``Trump said: “...”`` / ``He says, “...”`` (cue before the quote)
- ``“A,” he said, “B.”``: one utterance interrupted by its cue, one quote in two parts
- ``“...” ― Name`` closing a paragraph; a ``X said:`` paragraph before a quote paragraph
- a quoted fragment inside the article's own sentence is a partial quote
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..text.marks import PAIRED as MARKS
from ..text.spans import Offsets
from .claim_words import AUXILIARIES
from .clauses import ABBREVIATION_DOTS, Clauses, Utterance
from .document import Sentence
from .lexicon import (
    CUE_VERBS,
    DETERMINERS,
    NOT_NAMES,
    PARTICIPLE_CUES,
    TIME_WORDS,
    WEAK_REPORTED_CUES,
    with_capitals,
)
from .quotes import Quoted

_DASH_NAME = re.compile(r"[^\S\n]*[―—–-][^\S\n]*([A-Z][^\n]{1,60}?)[ .]*(?:\n|$)")
_JOINING_WORD = re.compile(r"(?<=,) ?(?:but|and)$")
#: Cues that attribute a quote before them only weakly: after a quote, "he asks", "she
#: continued" and "he pointed out" attribute it as well as "said" does.
_WEAK_AFTER_A_QUOTE = WEAK_REPORTED_CUES - frozenset(
    "ask asks asked continue continues continued question questions questioned point "
    "points pointed".split()
)
_NAMED_SUBJECT = re.compile(with_capitals(r"(?:[A-Z][\w’'.-]+ ){1,3}[A-Z][\w’'-]+"))
#: What "reads" after a quote: “...,” the letter reads. (not "he reads")
_WRITINGS = frozenset(
    "letter article statement report note sign message post tweet email memo piece ad "
    "release complaint headline caption banner placard".split()
)
#: A quote introduced by its speaker's words: "Her answer:", "Obi’s reply was short:".
_WHOSE_WORDS = re.compile(
    r"(?P<who>His|Her|(?:[Tt]he [a-z]+|[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3})(?=[’']s ))(?:[’']s)? "
    r"(?P<noun>answer|reply|response|message|verdict|view|words|advice|warning|retort|"
    r"explanation|comment|statement|assessment|promise|plea)"
    r"(?: (?:on|to|about|for) [\w ’'-]{1,40}?)?(?: (?:was|is|were|came)(?: \w+){0,2})?:\s*$"
)
_NOT_IN_A_SOURCE = AUXILIARIES | {"not", "never", "no"}
_ACCORDING_HEAD = re.compile(r"[Aa]ccording to ([^,;:“”\"]{2,60}),\s*$")


_BACK = frozenset("shot fired hit snapped".split())  # "…,” she shot back


class DirectSpeech(Clauses):
    """Quoted passages with their sources and cues."""

    def _post_cue(self, q: Quoted, sentence_end: int) -> tuple[Offsets | None, Offsets, int] | None:
        """A cue right after the quote: (source, cue, end of the cue clause)."""
        inside = self.text[q.start : q.end].rstrip("".join(MARKS) + " '’‘")
        after = self.text[q.end : q.end + 3]
        if not (
            inside.endswith((",", "?", "!", ".", "—", "-", "…"))
            or after.lstrip(" ").startswith((",", "—", "–"))
        ):
            return None
        limit = sentence_end
        k = bisect_left(self._quote_starts, q.end)
        nxt = self.quoted[k] if k < len(self.quoted) else None
        if nxt is not None:
            limit = min(limit, nxt.start)
        spans = self._words(q.end, limit)[:16]
        for k, w in enumerate(spans):
            low = self._lower(w)
            if low == "state":
                continue  # "state Del. Marcia Price": a title, not "states"
            writing = low in ("reads", "read") and k > 0 and self._lower(spans[k - 1]) in _WRITINGS
            back = low in _BACK and k + 1 < len(spans) and self._lower(spans[k + 1]) == "back"
            if back:  # "…,” Lord Aldane shot back: the phrase is the cue
                w = (w[0], spans[k + 1][1])
            if (low in CUE_VERBS and low not in _WEAK_AFTER_A_QUOTE) or writing or back:
                lead = ABBREVIATION_DOTS.sub("", self.text[q.end : w[0]])
                if any(c in ".!?" for c in lead.strip()[:-1] if c) or "\n" in lead:
                    return None
                source = self._trim_source(spans[:k]) if k else self._source_after(w, limit)
                clause_end = source[1] if source and source[0] > w[0] else w[1]
                return source, w, clause_end
            if self._lower(w) in ("according",) and k + 1 < len(spans):
                source = self._source_after(spans[k + 1], limit)
                return source, (w[0], spans[k + 1][1]), source[1] if source else w[1]
        return None

    def _pre_cue(self, q: Quoted, sentence: Sentence) -> tuple[Offsets | None, Offsets] | None:
        """A cue in the words before the quote: ``Trump said: “...”``."""
        head_words = [w for w in self._words(sentence.start, q.start) if not self._in_quote(w[0])]
        tail = self.text[head_words[-1][1] : q.start] if head_words else ""
        for k in range(len(head_words) - 1, max(-1, len(head_words) - 8), -1):
            w = head_words[k]
            if self._lower(w) in CUE_VERBS:
                between = self.text[w[1] : q.start]
                if "that" in between.lower().split():
                    return None
                if (
                    k == len(head_words) - 1
                    or tail.strip() in (",", ":", "—", ", ")
                    or tail.strip().endswith((",", ":"))
                ):
                    if self._lower(w) in PARTICIPLE_CUES:
                        if k > 0 and self.text[head_words[k - 1][0]].isupper():
                            # "footage of Hillary Clinton asking, “...”": the name before it
                            return self._source_before(w, sentence.start), w
                        return self._subject_of(sentence, w[0]), w
                    source = self._source_before(w, sentence.start)
                    if source is None and k < len(head_words) - 1:
                        source = self._source_after(w, q.start)  # "Said Ellis: “...”"
                    if source is not None:
                        source = self.resolve_relative(source)
                    return source, w
                return None
        according = _ACCORDING_HEAD.search(self.text, sentence.start, q.start)
        if according is not None:
            return (according.start(1), according.end(1)), (
                according.start(),
                according.start(1) - 1,
            )
        owner = _WHOSE_WORDS.match(self.text, sentence.start, q.start)
        if owner is not None:  # "Her answer:", "The mayor’s verdict was blunt:": the owner's
            return owner.span("who"), owner.span("noun")
        if tail.strip().endswith(":") and len(head_words) >= 2:
            # "Sen. Claire McCaskill scolded him: “...”": any verb before a colon.
            for k in range(len(head_words) - 1, max(-1, len(head_words) - 4), -1):
                w = head_words[k]
                if self.text[w[0]].islower() and self._lower(w) not in (
                    "him",
                    "her",
                    "them",
                    "us",
                    "me",
                ):
                    source = self._source_before(w, sentence.start)
                    if source is not None:
                        return self.resolve_relative(source), w
                    break
        return None

    def direct_quotes(self) -> list[Utterance]:
        found: list[Utterance] = []
        consumed: set[int] = set()
        quotes = self.quoted
        # A quote's attribution is read again when the quote before it looks ahead: once.
        known: dict[tuple[int, Sentence], tuple | None] = {}

        def attribution(k: int, sentence: Sentence) -> tuple | None:
            if (k, sentence) not in known:
                q = quotes[k]
                known[k, sentence] = self._attribution_of(
                    q, sentence, self._direct_kind(q, sentence)
                )
            return known[k, sentence]

        for i, q in enumerate(quotes):
            if i in consumed:
                continue
            sentence = self.doc.sentence_at(q.start) or Sentence(q.start, q.end, -1)
            kind = self._direct_kind(q, sentence)
            found_cue = attribution(i, sentence)
            if found_cue is None:
                lead = self._lead_subject(q, sentence) if kind == "direct" else None
                found.append(Utterance([(q.start, q.end)], kind, lead, None))
                continue
            source, cue, clause_end = found_cue
            parts = [(q.start, q.end)]
            # The rest of the utterance: later quotes of the paragraph with no cue of their
            # own (“A,” he said, “B.” and “A,” she said. “B.” are one utterance each).
            paragraph = self.doc.paragraph_index(q.start)
            cursor = max(clause_end, q.end)
            for j in range(i + 1, len(quotes)):
                q2 = quotes[j]
                if self.doc.paragraph_index(q2.start) != paragraph or kind != "direct":
                    break
                if self.titled(q2):
                    continue  # said on Fox News’s “Fox and Friends.” “...”: read past it
                gap = self.text[cursor : q2.start]
                if self._has_cue_verb(cursor, q2.start):
                    break
                gap = _JOINING_WORD.sub("", gap.strip().rstrip('”"’'))  # “A,” he said, but “B”
                if gap and gap[-1] not in ",.;:!?":
                    break  # the next quote sits inside a sentence of the article's own
                s2 = self.doc.sentence_at(q2.start) or sentence
                own = attribution(j, s2)
                if own is not None and own[1] != cue:
                    break  # a cue of its own; the same cue (“A,” he said, “B.”) is one utterance
                parts.append((q2.start, q2.end))
                consumed.add(j)
                cursor = q2.end
            found.append(Utterance(parts, kind, source, cue))
        return found

    def _lead_subject(self, q: Quoted, sentence: Sentence) -> Offsets | None:
        """``Sen. Bernie Sanders identified ... as a reason. “The younger people are ...”``:
        a quote with no cue that follows, in its paragraph, a sentence about a named person
        (its subject, a name, with no quotation of its own) is that person's."""
        if sentence.start < q.start and "\n" not in self.text[sentence.start : q.start]:
            # However, he characterized Kaine as, “a little desperate ...”: its own subject
            own = self._subject_of(sentence, q.start)
            if own is not None and (
                self._lower(own) in ("he", "she") or _NAMED_SUBJECT.fullmatch(self.text, *own)
            ):
                return own
            return None
        if sentence.start != q.start or sentence.start == 0:
            return None
        end = sentence.start
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        before = self.doc.sentence_at(end - 1)
        if before is None or before.start >= q.start:
            return None
        if self.doc.paragraph_index(before.start) != self.doc.paragraph_index(q.start):
            return None
        first, last = (bisect_left(self._quote_starts, at) for at in (before.start, before.end))
        if not all(map(self.titled, self.quoted[first:last])):
            return None  # the sentence before quotes someone of its own
        subject = self._subject_of(before, before.end)
        if subject is None or not self.text[subject[0]].isupper():
            return None
        words = self.text[subject[0] : subject[1]].split()
        if words[0] in ("The", "A", "It", "They", "We", "I"):
            return None
        if len(words) == 1 and words[0] not in ("He", "She") and not self._a_surname(words[0]):
            return None  # "Monday was busy.": a name of two words, a surname, he or she
        return subject

    def _a_surname(self, word: str) -> bool:
        """A lone capitalised word that could be someone's surname ("Obi"), not a word
        that names no one ("Monday", "Officials")."""
        low = word.lower()
        return low not in NOT_NAMES and low not in TIME_WORDS and not low.endswith("s")

    def _has_cue_verb(self, start: int, end: int) -> bool:
        """A speech verb (not a noun: "the report", "Clinton's comments") in the stretch."""
        previous = ""
        for w in self._words(start, end):
            low = self._lower(w)
            if (
                self.text[w[0]].islower()
                and low in CUE_VERBS
                and low not in PARTICIPLE_CUES
                and previous not in DETERMINERS
                and not previous.endswith(("’s", "'s"))
            ):
                return True
            previous = low
        return False

    def _attribution_of(
        self, q: Quoted, sentence: Sentence, kind: str
    ) -> tuple[Offsets | None, Offsets | None, int] | None:
        """(source, cue, end of the cue clause) for a quote, or None when nothing names one."""
        sentence_end = max(sentence.end, q.end)
        next_sentence: Sentence | None = None
        end_sentence = self.doc.sentence_at(max(q.end - 1, q.start))
        if end_sentence is not None:
            sentence_end = max(sentence_end, end_sentence.end)
        asks = self.text[max(q.start, q.end - 4) : q.end].rstrip("”\"’'")[-1:] in ("?", "!")
        if sentence_end <= q.end + 1 and asks:
            # “Does anybody know?” Graham asked. — the sentence splitter ends a sentence at
            # ?” before a capital, so the cue clause is the next sentence: read it too.
            following = self.doc.sentence_at(q.end + 1)
            if following is not None and following.start <= q.end + 2:
                sentence_end = following.end
                next_sentence = following
        if kind == "direct":
            post = self._post_cue(q, sentence_end)
            if (
                post is not None
                and next_sentence is not None
                and not self._names_then_cue(q.end, post[1])
            ):
                post = None  # “Is it over?” The crowd did not know.
            if post is not None:
                source, cue, clause_end = post
                return (self.resolve_relative(source) if source else None), cue, clause_end
            dash = self._dash_source(q)
            if dash is not None:
                return dash, None, dash[1]
        pre = self._pre_cue(q, sentence)
        if pre is not None:
            return pre[0], pre[1], q.end
        if kind == "direct":
            colon = self._colon_paragraph_before(q)
            if colon is not None:
                return colon[0], colon[1], q.end
        return None

    def _names_then_cue(self, start: int, cue: Offsets) -> bool:
        """What stands between the quote and the cue names a source ("Graham", "the
        senator", "Scott's niece, state Del. Marcia Price"), or nothing ("asked Graham"):
        no auxiliary or negation, which would make it a new sentence of its own."""
        between = self._words(start, cue[0])
        return len(between) <= 14 and not any(self._lower(w) in _NOT_IN_A_SOURCE for w in between)

    def _dash_source(self, q: Quoted) -> Offsets | None:
        """``“...” ― Sonya Herridge``: a name after a dash, closing the paragraph."""
        m = _DASH_NAME.match(self.text, q.end)
        if m is None or any(c in '“”"' for c in m.group(1)):
            return None
        return m.start(1), m.end(1)

    def _colon_paragraph_before(self, q: Quoted) -> tuple[Offsets | None, Offsets] | None:
        """``Caddell continued:`` as a paragraph of its own, the quote as the next one."""
        n = self.doc.paragraph_index(q.start)
        if n <= 0 or self.doc.paragraphs[n].start != q.start:
            return None
        prev = self.doc.paragraphs[n - 1]
        line = self.text[prev.start : prev.end].rstrip()
        if not line.endswith(":"):
            return None
        spans = self._words(prev.start, prev.end)
        cues = [w for w in spans if self._lower(w) in CUE_VERBS]
        if not cues:
            # "Sanders made the following comment:": the paragraph's subject speaks.
            sentence = self.doc.sentence_at(prev.end - 1)
            subject = self._subject_of(sentence, prev.end) if sentence else None
            return (subject, (prev.end - 1, prev.end)) if subject else None
        cue = cues[-1]
        source = self._source_before(cue, prev.start)
        if source is None and self.text[prev.start : cue[0]].rstrip().endswith((" and", ",")):
            # "He said ... and told the meeting:": the sentence's subject speaks.
            sentence = self.doc.sentence_at(cue[0])
            source = self._subject_of(sentence, cue[0]) if sentence else None
        return (self.resolve_relative(source) if source else None), cue

    def _direct_kind(self, q: Quoted, sentence: Sentence) -> str:
        """Direct when the quote is the utterance; partial when it sits in the article's
        own sentence (words before it that are not a cue clause)."""
        before = self.text[sentence.start : q.start].strip()
        if not before or before.endswith((":", ",")) or before[-1] in MARKS:
            return "direct"
        words = before.lower().split()
        if words and (
            words[-1] in CUE_VERBS
            or (words[-1] == "that" and any(w in CUE_VERBS for w in words[-6:-1]))
        ):
            return "direct"  # "adding that “our mission ...”": the whole utterance, quoted
        return "partial"
