"""Find who said what: direct quotes with their cues, and reported speech.

Works sentence by sentence on the patterns news prose uses:

- ``“...,” she said.`` / ``“...,” said the spokesman.`` (cue after the quote)
- ``Trump said: “...”`` / ``He says, “...”`` (cue before the quote)
- ``“A,” he said, “B.”``: one utterance interrupted by its cue, one quote in two parts
- a paragraph that is only a quote continues the previous speaker
- ``X said (that) ...``, ``X told Y (that) ...``, ``..., X said.``, ``according to X, ...``,
  ``..., according to X.``, beliefs (``Ankara considers ...``), and a headline ``X: Y``

Each `Utterance` carries content segments, the words naming the source and the cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..text.marks import PAIRED as MARKS
from .document import Document, Sentence
from .lexicon import (
    ADVERBS,
    BELIEF_ADJECTIVES,
    CUE_VERBS,
    SPEECH_ONLY_CUES,
    STANCE_VERBS,
    WEAK_REPORTED_CUES,
)
from .quotes import Quoted, find_quoted

Span = tuple[int, int]

_PARTICIPLE_CUES = frozenset(w for w in CUE_VERBS if w.endswith("ing"))
_CLAUSE_BREAK = frozenset(
    "and but that which who whom because although though while when "
    "after before since as if so or nor than where whereas".split()
)
_RELATIVE = frozenset({"who", "which", "that"})
# Past forms that are more often adjectives ("nine alleged members"): a cue only
# when "that", a colon or a quotation follows.
_AMBIGUOUS = frozenset(
    "alleged estimated expected reported feared considered found called noted stated "
    "concerned promised".split()
)
_CONTENT_BREAK = re.compile(
    r";\s|\s[―—–]\s|,\s+(?:but|while|although|whereas)\s|,?\s+and\s+(?=(?:said|told|added|says)\b)"
    r"|,\s+(?=(?:" + "|".join(sorted(w for w in CUE_VERBS if w.endswith("ing"))) + r")\b)"
)
_STOP_CHARS = ",;:()[]—–―"
_SUBJECT_VERB = re.compile(
    r"(?P<src>\b(?:[A-Z][\w’'.\-]+(?:\s+(?:[A-Z][\w’'.\-]+|of|al-\w+))*|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e))"
    r"\s+(?:(?:has|have|had|is|was|are|were|also|openly|repeatedly|then|once|later|even|"
    r"often|has been|had been|would|will|could|once)\s+)*"
    r"(?P<verb>[a-z]+(?:ed|es|s|ing))\b"
)
_SUBJECT = re.compile(
    r"(?:[^,\n]{0,60},\s*)?(?:(?:But|And|So|Then|Also)\s+)?(?P<src>(?:The\s+|A\s+)?"
    r"(?:[A-Z][\w’'.\-]+(?:\s+(?:[A-Z][\w’'.\-]+|of|al-\w+))*)|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)\b"
)
_NOT_VERBS = frozenset("was has is as this its his thus us yes less unless ness plus".split())
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week weekend month year earlier later recently "
    "asked".split()
)
_PREPOSITIONS = frozenset(
    "in on at with for after before during from into over under about to by as asked "
    "speaking writing".split()
)
_SOURCE_WORDS = frozenset("he she they i we it who which that officials".split())
_NOUN_ENDINGS = (
    "er",
    "or",
    "ist",
    "ian",
    "man",
    "woman",
    "men",
    "people",
    "official",
    "officials",
    "ment",
    "tion",
    "ary",
    "ant",
    "ent",
    "ess",
    "ity",
    "ists",
    "ers",
    "ors",
)
_NOUNS_OK = frozenset(
    "aide aides source sources expert experts critics group police "
    "poll survey study report data analysis statement letter memo ad".split()
)
_NOUNISH_CUES = frozenset(
    "show shows report reports claims claim states notes note calls call points point "
    "hopes hope fears fear tweet tweets estimates estimate promise promises concerns "
    "charge charges question questions signal signals demand demands".split()
)
_TRIGGERS = CUE_VERBS | STANCE_VERBS | BELIEF_ADJECTIVES | {"according"}
_DASH_NAME = re.compile(r"[^\S\n]*[―—–-][^\S\n]*([A-Z][^\n]{1,60}?)[ .]*(?:\n|$)")
_FRAGMENT_TAIL = re.compile(r"[^,;:.!?—―\n“”\"]{0,80}")
_QUESTION_NEXT = re.compile(
    r"\s*(?:\w+\s+){0,3}?(?:whether|if|why|how|what|when|where|who)\b|\s*,?\s*[\"“:]"
)
_ASIDE_THAT = re.compile(r"\s*(?:in|on|at|during|to|after|before)\b[^,;.“”\"]{1,50}?\bthat\s+")
_ACCORDING_HEAD = re.compile(r"[Aa]ccording to ([^,;:“”\"]{2,60}),\s*$")
_PARENTHESIS_GAP = re.compile(r"[.]?\s*[()]\s*|\.\)\s*,?\s*")
_THAT_ONLY_CUES = frozenset("state states lay".split())
_OBJECT_TO = re.compile(r"(?:\s+[\w’'.-]+){1,4}\s+to\s+[a-z]")
_TURN = re.compile(
    r"^[ \t]*\"?(?P<label>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):[ \t]+(?P<content>\S[^\n]*)$",
    re.M,
)
_EVIDENTIAL = frozenset("show shows showed find finds found".split())
_THAT = re.compile(r"\bthat\b")
_FOR_ON = re.compile(r"\s+(?:for|on)\b")
_THAT_NEXT = re.compile(r"\s+that\b")
_CLAUSE_NEXT = re.compile(r"\s+(?:that\b|[a-z])")
_SPEECH_NEXT = re.compile(
    r"\s*(?:(?:on\s+)?(?:[A-Z][a-z]+day|today|yesterday|last\s+\w+|earlier|this\s+\w+)\s+)?"
    r"(?:that\b|:|,?\s*[\"“])"
)
_DETERMINERS = frozenset(
    "a an the one his her their its this that these those my our your some any no every "
    "each in of on for with by from another first last".split()
)
_ABBREV_DOTS = re.compile(
    r"\b[A-Z]-[A-Z][a-z]{0,4}\.|\b[A-Z][a-z]{1,4}\.(?=,)|"
    r"\b(?:[A-Z]\.)+|\b(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Lt|Gen|Col|St|Jr|Sr|Sgt|Capt|Adm|Prof|Rev)\.|\([^()]*\)"
)


@dataclass(slots=True)
class Utterance:
    parts: list[Span]
    kind: str  # direct | partial | indirect
    source: Span | None = None
    cue: Span | None = None
    continued_from: int | None = None  # index of the utterance whose speaker this one keeps
    nested_in: int | None = None

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


class SpeechFinder:
    """Run the patterns over one document."""

    def __init__(self, doc: Document) -> None:
        """``doc`` is the article with page furniture blanked out (same offsets)."""
        self.doc = doc
        self.text = doc.text
        self.turns = list(_TURN.finditer(self.text))
        opening_marks = frozenset(m.start() for m in self.turns if self.text[m.start()] in MARKS)
        self.quoted = find_quoted(doc, ignore=opening_marks)
        self._quote_starts = [q.start for q in self.quoted]
        self._free: list[Span] | None = None
        self._free_starts: list[int] = []

    # -- helpers -------------------------------------------------------------------------

    def _words(self, start: int, end: int) -> list[Span]:
        return self.doc.words_in(start, end)

    def _free_words(self, start: int, end: int) -> list[Span]:
        """The words of ``[start, end)`` outside quoted passages."""
        if self._free is None:
            self._free = [
                w for w in self.doc.words_in(0, len(self.text)) if not self._in_quote(w[0])
            ]
            self._free_starts = [w[0] for w in self._free]
        i = bisect_left(self._free_starts, start)
        j = bisect_left(self._free_starts, end)
        found = self._free[i:j]
        return found[:-1] if found and found[-1][1] > end else found

    def _lower(self, span: Span) -> str:
        return self.text[span[0] : span[1]].lower()

    def _in_quote(self, pos: int) -> Quoted | None:
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and pos < self.quoted[i].end:
            return self.quoted[i]
        return None

    def _trim_source(self, spans: list[Span]) -> Span | None:
        """The source phrase from the words just before a cue: drop auxiliaries/adverbs."""
        while spans and self._lower(spans[-1]) in ADVERBS:
            spans = spans[:-1]
        while spans and self._lower(spans[0]) in ADVERBS | {"and", "but", "so", "then"}:
            spans = spans[1:]
        while spans and (
            self._lower(spans[-1]) in _TIME_WORDS
            or self._lower(spans[-1]).endswith("ly")
            or self._lower(spans[-1]) in _PREPOSITIONS
        ):
            spans = spans[:-1]
        if spans and all(self._lower(w) in _DETERMINERS for w in spans):
            return None
        if not spans:
            return None
        first = self._lower(spans[0])
        if first in _PREPOSITIONS or first in _TIME_WORDS:
            # "In a Bloomberg interview Trump declared": the name closing the phrase.
            tail: list[Span] = []
            for w in reversed(spans):
                if not self.text[w[0]].isupper() or self._lower(w) in _PREPOSITIONS:
                    break
                tail.insert(0, w)
            if not tail or tail[0] == spans[0]:
                return None
            spans = tail
        lead = self._lower(spans[0])
        verb_led = lead.endswith("ly") or (
            lead.endswith("ed") and any(self._lower(w) in _DETERMINERS for w in spans[1:])
        )
        if self.text[spans[0][0]].islower() and verb_led and lead not in _SOURCE_WORDS:
            # "forcefully told", "bemoaned the unrest ... and": a verb phrase, no source;
            # "intercepted communications" (an adjective and a noun) is one.
            return None
        determined = lead in _DETERMINERS and not self._lower(spans[-1]).endswith(("ly", "ing"))
        if len(spans) > 1 and not determined and not any(self._names_someone(w) for w in spans):
            return None  # "forcefully", "suggesting a few": no one is named
        return spans[0][0], spans[-1][1]

    def _names_someone(self, word: Span) -> bool:
        """A word that can name a source: a name, a pronoun or a person-like noun."""
        low = self._lower(word)
        return (
            any(ch.isupper() for ch in self.text[word[0] : word[1]])
            or low in _SOURCE_WORDS
            or low in _NOUNS_OK
            or low.endswith(_NOUN_ENDINGS)
        )

    def _source_before(self, cue: Span, floor: int) -> Span | None:
        """Walk back from the cue to the start of its clause; that is the source phrase."""
        spans = self._words(floor, cue[0])
        picked: list[Span] = []
        relative: Span | None = None
        for w in reversed(spans):
            gap = self.text[w[1] : (picked[0][0] if picked else cue[0])]
            if _PARENTHESIS_GAP.fullmatch(gap):
                pass  # "Rep. Stephen Lynch (D-Mass.) said": a parenthesis inside the name
            elif any(c in _STOP_CHARS for c in gap) or any(c in MARKS for c in gap):
                break
            if self._lower(w) in _CLAUSE_BREAK and picked:
                if self._lower(w) in _RELATIVE:
                    relative = w
                break
            if self._in_quote(w[0]):
                break
            picked.insert(0, w)
            if len(picked) >= 12:
                break
        if picked and self._lower(picked[0]) in _CLAUSE_BREAK - _RELATIVE:
            picked = picked[1:]
        found = self._trim_source(picked)
        if found is None and relative is not None and picked:
            # "A 2014 study that appeared in the journal found": the subject holds a
            # relative clause; the source is the noun phrase before it, clause included.
            head = self._source_before(relative, floor)
            if (
                head is not None
                and self._lower(head) not in _SOURCE_WORDS
                and not any(self._lower(w) in CUE_VERBS for w in self._words(*head))
            ):
                found = (head[0], picked[-1][1])
        if found is None:
            found = self._source_before_aside(cue, floor)
        return found

    def _source_before_aside(self, cue: Span, floor: int) -> Span | None:
        """``Clinton, at a later press gaggle, said``: the source stands before the aside."""
        head = self.text[floor : cue[0]].rstrip()
        if not head.endswith(","):
            return None
        inner = head.rfind(",", 0, len(head) - 1)
        if inner == -1 or len(head[inner:].split()) > 16:
            return None
        return self._source_before((floor + inner, floor + inner), floor)

    def _source_after(self, cue: Span, limit: int) -> Span | None:
        """The source named after a cue: ``said John Smith, the ...``."""
        picked: list[Span] = []
        for w in self._words(cue[1], limit):
            gap = self.text[(picked[-1][1] if picked else cue[1]) : w[0]]
            if (
                picked
                and gap == ". "
                and _ABBREV_DOTS.fullmatch(self.text[picked[-1][0] : w[0] - 1])
            ):
                gap = " "  # "Rep. Gwen Moore": the abbreviation's full stop
            if any(c in _STOP_CHARS + ".!?" for c in gap) or any(c in MARKS for c in gap):
                break
            low = self._lower(w)
            if low in _CLAUSE_BREAK or low in ("in", "on", "at", "during", "after", "before"):
                break
            picked.append(w)
            if len(picked) >= 8:
                break
        return (picked[0][0], picked[-1][1]) if picked else None

    def resolve_relative(self, source: Span) -> Span:
        """``al-Allaq, who said``: the source of ``who`` is the phrase before the comma."""
        if self._lower(source) not in _RELATIVE:
            return source
        offset = max(0, source[0] - 200)
        before = self.text[offset : source[0]].rstrip()
        if not before.endswith(","):
            return source
        end = offset + len(before) - 1
        antecedent = self._source_before((end, end), max(0, end - 120))
        if antecedent is not None:
            phrase = self.text[antecedent[0] : antecedent[1]]
            lead = re.match(r"(?i)(?:according to|by|from|with|said|told)\s+", phrase)
            if lead:
                antecedent = (antecedent[0] + lead.end(), antecedent[1])
        return antecedent or source

    # -- direct quotes ---------------------------------------------------------------------

    def _post_cue(self, q: Quoted, sentence_end: int) -> tuple[Span | None, Span, int] | None:
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
            if self._lower(w) in CUE_VERBS and self._lower(w) not in WEAK_REPORTED_CUES - {
                "asked",
                "continued",
            }:
                lead = _ABBREV_DOTS.sub("", self.text[q.end : w[0]])
                if any(c in ".!?" for c in lead.strip()[:-1] if c) or "\n" in lead:
                    return None
                source = self._trim_source(spans[:k]) if k else self._source_after(w, limit)
                clause_end = source[1] if source and source[0] > w[0] else w[1]
                return source, w, clause_end
            if self._lower(w) in ("according",) and k + 1 < len(spans):
                source = self._source_after(spans[k + 1], limit)
                return source, (w[0], spans[k + 1][1]), source[1] if source else w[1]
        return None

    def _pre_cue(self, q: Quoted, sentence: Sentence) -> tuple[Span | None, Span] | None:
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
                    if self._lower(w) in _PARTICIPLE_CUES:
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

    def _subject_of(self, sentence: Sentence, before: int) -> Span | None:
        """The subject of a sentence (its first name or pronoun after any opening phrase)."""
        m = _SUBJECT.match(self.text, sentence.start, before)
        if m is None:
            return None
        return m.start("src"), m.end("src")

    def direct_quotes(self) -> list[Utterance]:
        found: list[Utterance] = []
        consumed: set[int] = set()
        quotes = self.quoted
        for i, q in enumerate(quotes):
            if i in consumed:
                continue
            sentence = self.doc.sentence_at(q.start) or Sentence(q.start, q.end, -1)
            kind = self._direct_kind(q, sentence)
            found_cue = self._attribution_of(q, sentence, kind)
            if found_cue is None:
                found.append(Utterance([(q.start, q.end)], kind, None, None))
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
                gap = self.text[cursor : q2.start]
                if self._has_cue_verb(cursor, q2.start):
                    break
                if gap.strip() and gap.strip()[-1] not in ",.;:!?":
                    break  # the next quote sits inside a sentence of the article's own
                s2 = self.doc.sentence_at(q2.start) or sentence
                own = self._attribution_of(q2, s2, self._direct_kind(q2, s2))
                if own is not None and own[1] != cue:
                    break  # a cue of its own; the same cue (“A,” he said, “B.”) is one utterance
                parts.append((q2.start, q2.end))
                consumed.add(j)
                cursor = q2.end
            found.append(Utterance(parts, kind, source, cue))
        return found

    def _has_cue_verb(self, start: int, end: int) -> bool:
        """A speech verb (not a noun: "the report", "Clinton's comments") in the stretch."""
        previous = ""
        for w in self._words(start, end):
            low = self._lower(w)
            if (
                self.text[w[0]].islower()
                and low in CUE_VERBS
                and low not in _PARTICIPLE_CUES
                and previous not in _DETERMINERS
                and not previous.endswith(("’s", "'s"))
            ):
                return True
            previous = low
        return False

    def _attribution_of(
        self, q: Quoted, sentence: Sentence, kind: str
    ) -> tuple[Span | None, Span | None, int] | None:
        """(source, cue, end of the cue clause) for a quote, or None when nothing names one."""
        sentence_end = max(sentence.end, q.end)
        end_sentence = self.doc.sentence_at(max(q.end - 1, q.start))
        if end_sentence is not None:
            sentence_end = max(sentence_end, end_sentence.end)
        if kind == "direct":
            post = self._post_cue(q, sentence_end)
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

    def _dash_source(self, q: Quoted) -> Span | None:
        """``“...” ― Sonya Herridge``: a name after a dash, closing the paragraph."""
        m = _DASH_NAME.match(self.text, q.end)
        if m is None or any(c in '“”"' for c in m.group(1)):
            return None
        return m.start(1), m.end(1)

    def _colon_paragraph_before(self, q: Quoted) -> tuple[Span | None, Span] | None:
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

    # -- reported speech ------------------------------------------------------------------

    @staticmethod
    def _overlapping(spans: list[Span], start: int, end: int) -> list[Span]:
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

    def _reported_in(self, sentence: Sentence, taken: list[Span]) -> list[Utterance]:
        text = self.text
        triggers = self.doc.words_among(sentence.start, sentence.end, _TRIGGERS)
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
            if low in STANCE_VERBS and low not in CUE_VERBS:
                if k > 0 and self._lower(spans[k - 1]) in _DETERMINERS:
                    continue
                stance = self._stance_at(sentence, spans, k, core_end)
                if stance is not None:
                    out.append(stance)
                continue
            if low not in CUE_VERBS:
                continue
            if k > 0 and self._lower(spans[k - 1]) in _DETERMINERS:
                continue
            if low in _NOUNISH_CUES and not _CLAUSE_NEXT.match(text, w[1]):
                continue
            if low in _THAT_ONLY_CUES and not _SPEECH_NEXT.match(text, w[1]):
                continue  # "states suing the EPA", "plans to": speech only with "that"
            after_subject = k > 0 and (
                self._lower(spans[k - 1]) in _SOURCE_WORDS or text[spans[k - 1][0]].isupper()
            )
            if low in _AMBIGUOUS and not after_subject and not _SPEECH_NEXT.match(text, w[1]):
                continue  # "nine alleged members"; but "they noted his lawyer ..." is speech
            if low in ("ask", "asks", "asked", "asking") and not _QUESTION_NEXT.match(text, w[1]):
                continue
            utterance = self._reported_at(sentence, spans, k, core_end)
            if utterance is not None:
                out.append(utterance)
        return out

    def _according_to(
        self, sentence: Sentence, spans: list[Span], k: int, core_end: int
    ) -> Utterance | None:
        """``..., according to X.`` and ``According to X, ...``."""
        text = self.text
        w = spans[k]
        cue = (w[0], spans[k + 1][1])
        source = self._source_after(spans[k + 1], sentence.end)
        before = text[sentence.start : w[0]].rstrip()
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
        self, sentence: Sentence, spans: list[Span], k: int, core_end: int
    ) -> Utterance | None:
        text = self.text
        cue = spans[k]
        low = self._lower(cue)
        rest = text[cue[1] : core_end]
        # "..., he said." / "..., said the official.": content is the clause before.
        after_source = self._source_after(cue, core_end)
        source_before = self._source_before(cue, sentence.start)
        head = text[sentence.start : source_before[0] if source_before else cue[0]].rstrip()
        tail_after = text[(after_source[1] if after_source else cue[1]) : core_end].strip()
        if head.endswith(",") and len(head) > 20 and low in SPEECH_ONLY_CUES:
            content = (sentence.start, sentence.start + len(head) - 1)
            if source_before is not None and not tail_after:
                return Utterance([content], "indirect", source_before, cue)
            if source_before is None and after_source is not None:
                return Utterance([content], "indirect", after_source, cue)
        if source_before is None:
            previous = text[sentence.start : cue[0]].rstrip().lower()
            if not (low in _PARTICIPLE_CUES or previous.endswith((" and", ",and"))):
                return None
            # "..., adding that" / "... and said that": the sentence's subject speaks (when
            # none is found, the engine takes the sentence's earlier speaker).
            source_before = self._subject_of(sentence, cue[0])
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
                evidential = low in _EVIDENTIAL and source_before is not None
                quoted = any(c in MARKS for c in rest)
                if low in WEAK_REPORTED_CUES and not evidential and not quoted:
                    return None
                telling = low.startswith(("tell", "told", "warn"))
                if telling and not _OBJECT_TO.match(text, cue[1]):
                    return None  # "told CNN." / "warned of": no reported content
                start = cue[1]
            else:
                start = cue[1] + that.start()
        else:
            start = cue[1] + (that.start() if that and that.start() < 3 else 0)
            aside = _ASIDE_THAT.match(text, start)
            if aside is not None:
                start = aside.end()  # "said in a statement that ...": the content follows "that"
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
        return Utterance([(start, content_end)], "indirect", source_before, cue)

    def _stance_at(
        self, sentence: Sentence, spans: list[Span], k: int, core_end: int
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

    def _subject_verb(self, q: Quoted, sentence: Sentence) -> Utterance | None:
        """A quoted fragment in ``Clinton called X “deplorables.”``: the sentence's subject
        and verb attribute it; the content runs from the verb to the end of the fragment."""
        head = self.text[sentence.start : q.start]
        best = None
        for m in _SUBJECT_VERB.finditer(head):
            best = m
        if best is None:
            return None
        source = (sentence.start + best.start("src"), sentence.start + best.end("src"))
        verb = (sentence.start + best.start("verb"), sentence.start + best.end("verb"))
        if self._lower(verb) in _NOT_VERBS or self._in_quote(source[0]):
            return None
        start = verb[1]
        while start < q.start and self.text[start] in " ,":
            start += 1
        end = q.end
        tail = _FRAGMENT_TAIL.match(self.text, q.end)
        if tail and tail.group().strip():
            end = q.end + len(tail.group().rstrip())
        return Utterance([(start, end)], "indirect", source, verb)

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
