"""Reported speech: ``X said (that) ...``, ``X told Y that ...``, ``..., X said.``,
``according to X``, beliefs (``Ankara considers ...``), stances (``X criticized ...``),
and the subject and verb that attribute a quoted fragment."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..text.marks import PAIRED as MARKS
from ..text.spans import Offsets
from .clauses import Clauses, Utterance, speaks_for_no_one
from .cue_checks import quoted_comma, speaks_here
from .document import Sentence
from .lexicon import (
    BELIEF_ADJECTIVES,
    CUE_VERBS,
    DETERMINERS,
    DOCUMENTS,
    EVIDENTIAL_CUES,
    NOT_VERBS,
    PARTICIPLE_CUES,
    REPORTING_TRIGGERS,
    SHOW_CUES,
    SPEECH_ONLY_CUES,
    STANCE_VERBS,
    TIME_WORDS,
    TOPIC_PREPOSITIONS,
    TOPIC_VERBS,
    WEAK_REPORTED_CUES,
    with_capitals,
)
from .quotes import Quoted

# "The fund raised $3.9 million", "seeks at least $140 million": an amount of money as
# the object of a stance verb is a sum, not a position taken
_AMOUNT = re.compile(
    r"(?:(?:more|less) than |about |nearly |almost |roughly |at least |over |some "
    r"|an estimated )?[$£€]\s?\d"
)
_CONTENT_BREAK = re.compile(
    r";\s|\s(?:[―—–]|--)\s|,\s+(?:but|while|although|though|whereas)\s"
    r"|,?\s+(?:and|but)\s+(?=(?:said|told|added|says|accused|warned|urged|argued|insisted|vowed)\b)"
    r"|,\s+(?=(?:" + "|".join(sorted(w for w in CUE_VERBS if w.endswith("ing"))) + r")\b)"
)
_SUBJECT_VERB = re.compile(
    with_capitals(
        r"(?P<src>\b(?:[A-Z][\w’'.\-]+(?:\s+(?:[A-Z][\w’'.\-]+|of|al-\w+))*|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e))"
        r"\s+(?:(?:has|have|had|is|was|are|were|also|openly|repeatedly|then|once|later|even|"
        r"often|has been|had been|would|will|could|once)\s+)*"
        r"(?P<verb>[a-z]+(?:ed|es|s|ing))\b"
    )
)
_SETTING_TAIL = re.compile(r"(?:on|in|to|at|during|after)\b[^,;:]{0,40}")
_FRAGMENT_TAIL = re.compile(r"[^,;:.!?—―\n“”\"]{0,80}")
_ASIDE_THAT = re.compile(r"\s*(?:in|on|at|during|to|after|before)\b[^,;.“”\"]{1,50}?\bthat\s+")
_OBJECT_TO = re.compile(r"(?:\s+[\w’'.-]+){1,4}\s+to\s+[a-z]")
_THAT = re.compile(r"\bthat\b")
#: "told delegates the country faced ...": an object, then a clause with a finite verb.
_TOLD_CLAUSE = re.compile(
    r"\s+(?:him|her|them|us|me|you|(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|"
    r"reporters|journalists|delegates|parliament|lawmakers|supporters|MPs|the\s+[a-z]+)\s+"
    r"(?=(?:the|a|an|he|she|it|they|we|I|there|his|its|their|this|these|[A-Z][a-z]+)\s"
    r"(?:\S+\s+){0,3}?(?:was|were|is|are|had|has|have|would|will|could|can|did|\w+ed)\b)"
)
#: A phrase that opens a sentence and says where or when, not what was said.
_LEAD_IN = re.compile(
    r"(?:In|On|At|During|After|Before|Speaking|Writing|Later|Earlier)\b[^,;]{0,60},"
)
_BACK_VERB = re.compile(r"[a-z]+ed|hit|fought|came|come|went|go|got|held|shot|struck|bounced")
_FOR_ON = re.compile(r"\s+(?:for|on)\b")
_THAT_NEXT = re.compile(r"\s+that\b")


#: What a document's maker follows ("a poll released on Friday by the X"): the maker.
_MADE_BY = re.compile(r" (?:released|published|issued|conducted)\b[^,;]*? (?:by|from) (the )?[A-Z]")


class ReportedSpeech(Clauses):
    """Reported speech and beliefs, sentence by sentence."""

    @staticmethod
    def _overlapping(spans: list[Offsets], start: int, end: int) -> list[Offsets]:
        """The spans (sorted by start, none much longer than a paragraph) meeting [start, end)."""
        i = bisect_left(spans, (start - 5000, 0))
        found = []
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] > start:
                found.append(spans[i])
            i += 1
        return found

    def reported(self, direct: list[Utterance]) -> list[Utterance]:
        found: list[Utterance] = []
        taken = [(u.start, u.end) for u in direct if u.kind == "direct" and u.cue]
        # A cue that attributes a quote ("...,” he said in an interview") opens no
        # reported speech of its own.
        taken += [
            u.cue
            for u in direct
            if u.cue is not None and u.source is not None and u.cue[0] >= u.parts[0][1]
        ]
        taken.sort()
        # where a direct quote's own cue clause begins ("..., the mother of three replied,
        # “...”"): reported content ends before it
        self._own_clauses = sorted(
            (u.source or u.cue)[0]
            for u in direct
            if u.kind == "direct"
            and u.cue is not None
            and u.cue[1] <= u.parts[0][0]
            and u.parts[0][0] not in self._title_starts  # a series called “Hallway Legends”
        )
        for sentence in self.doc.sentences:
            found.extend(self._reported_in(sentence, taken))
        return found

    def _sentence_core_end(self, sentence: Sentence) -> int:
        end = sentence.end
        while end > sentence.start and self.text[end - 1] in '.!?…" \n':
            if self.text[end - 1] == '"' and self._in_quote(end - 1):
                break
            end -= 1
        return end

    def _reported_in(self, sentence: Sentence, taken: list[Offsets]) -> list[Utterance]:
        text = self.text
        triggers = self.doc.words_among(sentence.start, sentence.end, REPORTING_TRIGGERS)
        if not triggers:
            return []
        spans = self._free_words(sentence.start, sentence.end)
        starts = [w[0] for w in spans]
        out: list[Utterance] = []
        core_end = self._sentence_core_end(sentence)
        local = self._overlapping(taken, sentence.start, sentence.end)
        for at in triggers:
            k = bisect_left(starts, at)
            if k == len(spans) or spans[k][0] != at:
                continue  # inside a quote, or not a word start
            w = spans[k]
            low = self._lower(w)
            if any(a <= w[0] < b for a, b in local):
                continue
            if low == "according":
                if k + 1 < len(spans) and self._lower(spans[k + 1]) == "to":
                    found = self._according_to(sentence, spans, k, core_end)
                    if found is not None:
                        out.append(found)
                continue
            if low in BELIEF_ADJECTIVES:
                if _THAT_NEXT.match(text, w[1]):
                    source = self._source_before(w, sentence.start)
                    start = w[1] + 1
                    if source is not None and core_end - start >= 12:
                        out.append(Utterance([(start, core_end)], "indirect", source, w))
                continue
            if not text[w[0]].islower():
                continue
            if low in TOPIC_VERBS and low not in CUE_VERBS:
                topic = self._topic_at(sentence, spans, k, core_end)
                if topic is not None:
                    out.append(topic)
                continue
            if low in STANCE_VERBS and low not in CUE_VERBS:
                before = self._lower(spans[k - 1]) if k > 0 else ""
                if before in DETERMINERS or (low == "back" and _BACK_VERB.fullmatch(before)):
                    continue  # "the backing", "pushed back", "hit back": no stance taken
                stance = self._stance_at(sentence, spans, k, core_end)
                if stance is not None:
                    out.append(stance)
                continue
            if low not in CUE_VERBS or not speaks_here(text, spans, k, low, self._lower):
                continue
            utterance = self._reported_at(sentence, spans, k, core_end)
            if utterance is None and low in STANCE_VERBS:
                # "Clinton supporters have also questioned the health of ...": no clause
                # after the cue, but a stance on its object
                utterance = self._stance_at(sentence, spans, k, core_end)
            if utterance is not None:
                out.append(utterance)
        return out

    def _according_to(
        self, sentence: Sentence, spans: list[Offsets], k: int, core_end: int
    ) -> Utterance | None:
        """``..., according to X.`` and ``According to X, ...``."""
        text = self.text
        w = spans[k]
        cue = (w[0], spans[k + 1][1])
        source = self._source_after(spans[k + 1], sentence.end)
        before = text[sentence.start : w[0]].rstrip()
        if source is not None:
            # "According to a complaint filed by the Securities and Exchange Commission,":
            # the source runs on to the comma, where the name may come late
            comma = text.find(",", source[1], sentence.end)
            if comma == -1 and before.endswith(",") and _MADE_BY.search(text, source[0], core_end):
                comma = core_end  # "..., according to a poll released Friday by the X."
            if comma != -1 and len(text[source[1] : comma].split()) <= 12:
                source = (source[0], comma)
        if before.endswith(",") and len(before) > 15:
            content = (sentence.start, sentence.start + len(before) - 1)
            return Utterance([content], "indirect", source, cue)
        if source is not None:
            comma = text.find(",", source[1], core_end)
            if comma != -1 and core_end - (comma + 1) > 15:
                start = comma + 1
                while text[start].isspace():
                    start += 1
                return Utterance([(start, core_end)], "indirect", source, cue)
        return None

    def _reported_at(
        self, sentence: Sentence, spans: list[Offsets], k: int, core_end: int
    ) -> Utterance | None:
        text = self.text
        cue = spans[k]
        low = self._lower(cue)
        rest = text[cue[1] : core_end]
        # "..., he said." / "..., said the official.": content is the clause before.
        after_source = self._source_after(cue, core_end)
        lead = text[sentence.start : cue[0]].rstrip()
        if low in SPEECH_ONLY_CUES and after_source is not None and quoted_comma(lead):
            # Both parties "saw Burma as ...," said Victor Cha: the clause before is his
            end = sentence.start + len(lead) - (1 if lead.endswith(",") else 0)
            return Utterance([(sentence.start, end)], "indirect", after_source, cue)
        source_before = self._source_before(cue, sentence.start)
        head = text[sentence.start : source_before[0] if source_before else cue[0]].rstrip()
        tail_after = text[(after_source[1] if after_source else cue[1]) : core_end].strip()
        quoted_end = quoted_comma(head)  # accomplished "too little," he
        if (
            (head.endswith(",") or quoted_end)
            and len(head) > 20
            and (low in SPEECH_ONLY_CUES or self._document_shows(low, source_before))
            and low not in PARTICIPLE_CUES  # "..., saying the plan was dead": what follows
            and not _LEAD_IN.fullmatch(head)  # "In a written statement, it said ...": a lead-in
            and source_before not in self.roles  # "The union’s president, Dev Anand, said"
        ):
            content = (sentence.start, sentence.start + len(head) - head.endswith(","))
            if source_before is not None and (
                not tail_after or (quoted_end and _SETTING_TAIL.fullmatch(tail_after))
            ):  # ..., he added on Twitter.
                return Utterance([content], "indirect", source_before, cue)
            if source_before is None and after_source is not None and not tail_after:
                return Utterance([content], "indirect", after_source, cue)
        if source_before is None:
            previous = text[sentence.start : cue[0]].rstrip().lower()
            if not (low in PARTICIPLE_CUES or previous.endswith((" and", ",and"))):
                return None
            # "..., adding that" / "... and said that": the sentence's subject speaks (when
            # none is found, the engine takes the sentence's earlier speaker).
            source_before = self._subject_of(sentence, cue[0])
        elif low in PARTICIPLE_CUES and (
            speaks_for_no_one(text[slice(*source_before)]) or source_before[1] < cue[0] - 2
        ):
            # "Meanwhile, it attacked Trump, saying ...": the subject, not the opening word;
            # "DRAVOS, Kasmeria - X won, telling ...": X, not what stands before a comma
            subject = self._subject_of(sentence, cue[0], lead=False)
            source_before = subject if subject is not None else source_before
        else:
            source_before = self.resolve_relative(source_before)
        # Content after the cue: skip an object ("told CNN", "told reporters ... last week")
        # up to "that"; "said" takes its clause directly.
        that = _THAT.search(rest, 0, 160)
        naming = low in ("call", "calls", "called") and source_before is not None
        if naming:
            # "X called for Y", "X called on Y to", "X called Y a Z": the object is the content.
            start = cue[1]
            prep = _FOR_ON.match(text, start)
            if prep is not None:
                start = prep.end()
        elif (
            low.startswith(("tell", "told")) or low in WEAK_REPORTED_CUES or low.startswith("warn")
        ):
            if that is None:
                # "Polling averages show Clinton ahead" is evidence; "called X" alone is not.
                evidential = low in EVIDENTIAL_CUES and source_before is not None
                quoted = any(c in MARKS for c in rest)
                if low in WEAK_REPORTED_CUES and not evidential and not quoted:
                    return None
                telling = low.startswith(("tell", "told", "warn"))
                clause = _TOLD_CLAUSE.match(text, cue[1]) if low.startswith("told") else None
                if telling and clause is None and not _OBJECT_TO.match(text, cue[1]):
                    return None  # "told CNN." / "warned of": no reported content
                start = cue[1] if clause is None else clause.end()  # "told MPs the plan was"
            else:
                start = cue[1] + that.start()
        else:
            start = cue[1] + (that.start() if that and that.start() < 3 else 0)
            aside = _ASIDE_THAT.match(text, start)
            if aside is not None:
                start = aside.end()  # "said in a statement that ...": the content follows "that"
                if text[start : start + 1] in MARKS:  # ... that “...”: reported, "that" and all
                    start = aside.end() - len(aside.group().split()[-1]) - 1
        while start < core_end and text[start] in " ,:\u00a0":
            start += 1
        if core_end - start < 12 or (not text[start].isalnum() and text[start] not in MARKS):
            return None
        if text[start] in MARKS and self._in_quote(start):
            q = self._in_quote(start)
            if q is not None and q.end >= core_end - 1:
                return None  # a direct quote already
        content_end = core_end
        brk = _CONTENT_BREAK.search(text, start, core_end)
        while brk is not None and self._in_quote(brk.start()):
            brk = _CONTENT_BREAK.search(text, brk.end(), core_end)
        if brk is not None and brk.start() - start >= 12:
            content_end = brk.start()
        k = bisect_left(self._own_clauses, start + 12)
        if k < len(self._own_clauses) and self._own_clauses[k] < content_end:
            comma = text.rfind(", ", start + 12, self._own_clauses[k])
            if comma != -1:
                content_end = comma
        parts = [(start, content_end)]
        head = text[sentence.start : source_before[0]].rstrip() if source_before else ""
        if head.endswith(",") and "," not in head[:-1] and text[cue[1] : cue[1] + 1] == ",":
            # "Democrats, she argued, had found ...": the content runs around the cue
            parts.insert(0, (sentence.start, sentence.start + len(head) - 1))
        return Utterance(parts, "indirect", source_before, cue)

    def _topic_at(
        self, sentence: Sentence, spans: list[Offsets], k: int, core_end: int
    ) -> Utterance | None:
        """``Trump railed against the moderators``, ``she spoke about reform``: what is
        spoken about, after the preposition, is the content."""
        if k + 1 >= len(spans) or self._lower(spans[k + 1]) not in TOPIC_PREPOSITIONS:
            return None
        found = self._stance_at(sentence, spans, k, core_end)
        if found is None:
            return None
        start = spans[k + 1][1] + 1
        end = found.parts[0][1]
        if end - start < 8:
            return None
        return Utterance([(start, end)], "indirect", found.source, found.cue)

    def _document_shows(self, low: str, source: Offsets | None) -> bool:
        """ "..., her campaign's filings show.": a document's finding is the clause before."""
        if low not in SHOW_CUES or source is None:
            return False
        words = self.text[source[0] : source[1]].lower().split()
        return bool(words) and words[-1] in DOCUMENTS

    def _stance_at(
        self, sentence: Sentence, spans: list[Offsets], k: int, core_end: int
    ) -> Utterance | None:
        """``Trump criticized the deal``: a named (or pronoun) subject right before the verb;
        the object, to the end of its clause, is the content."""
        verb = spans[k]
        source = self._source_before(verb, sentence.start)
        if source is None and self._lower(verb).endswith("ing"):
            source = self._subject_of(sentence, verb[0])  # "..., citing a threat to health"
        if source is None:
            return None
        phrase = self.text[source[0] : source[1]]
        if not (phrase[0].isupper() or phrase.lower() in ("he", "she", "they", "it", "we", "i")):
            return None
        if len(phrase.split()) > 6:
            return None
        start = verb[1]
        while start < core_end and self.text[start] in " ,:\u00a0":
            start += 1
        if _AMOUNT.match(self.text, start):
            return None
        end = core_end
        brk = _CONTENT_BREAK.search(self.text, start, core_end)
        if brk is not None:
            end = brk.start()
        clause = re.search(r",\s", self.text[start:end])
        if clause is not None and clause.start() >= 12:
            end = start + clause.start()
        if end - start < 8:
            return None
        return Utterance([(start, end)], "indirect", self.resolve_relative(source), verb)

    def _subject_verb(self, q: Quoted, sentence: Sentence) -> Utterance | None:
        """A quoted fragment in ``Clinton called X “deplorables.”``: the sentence's subject
        and verb attribute it; the content runs from the verb to the end of the fragment."""
        if self.titled(q):
            return None  # MSNBC’s “Morning Joe”: a show's name, no one's words
        head = self.text[sentence.start : q.start]
        best = None
        for m in _SUBJECT_VERB.finditer(head):
            low = m.group("verb").lower()
            if low not in NOT_VERBS and low not in TIME_WORDS:
                best = m  # not "Kaine as", not "Thursday morning": no verbs
        if best is None:
            return None
        source = (sentence.start + best.start("src"), sentence.start + best.end("src"))
        verb = (sentence.start + best.start("verb"), sentence.start + best.end("verb"))
        if self._in_quote(source[0]):
            return None
        start = verb[1]
        while start < q.start and self.text[start] in " ,":
            start += 1
        end = q.end
        tail = _FRAGMENT_TAIL.match(self.text, q.end)
        if tail and tail.group().strip():
            end = q.end + len(tail.group().rstrip())
        return Utterance([(start, end)], "indirect", source, verb)
