"""What every speech pattern needs: the article's quoted passages, its words, and the
phrase that names who speaks (the source) next to a reporting verb (the cue).

`Utterance` is what the patterns find; `Clauses` is the shared base of the
direct-quote, reported-speech and layout patterns (see `speech.SpeechFinder`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from ..text.marks import PAIRED as MARKS
from ..text.spans import Offsets
from .document import Document, Sentence
from .lexicon import (
    ADVERB_ENDS,
    ADVERBS,
    CLAUSE_BREAKS,
    CUE_VERBS,
    DETERMINERS,
    NAME_JOINS,
    NOUN_ENDINGS,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    ROLE_OPENERS,
    SOURCE_NOUNS,
    SOURCE_WORDS,
    TIME_WORDS,
    abbreviated_titles_pattern,
    with_capitals,
)
from .quotes import Quoted, find_quoted, is_title

_STOP_CHARS = ",;:()[]—–―-"  # "-": a dash ("act -- meddling"), not a hyphen (in a word)
_GAP_STOPS = frozenset(_STOP_CHARS) | MARKS  # a gap holding one ends the source phrase
_GAP_STOPS_AFTER = _GAP_STOPS | frozenset(".!?")
_LEADING_FILLERS = ADVERBS | {"and", "but", "so", "then"}
_OPENING_BREAKS = CLAUSE_BREAKS - RELATIVE_PRONOUNS
_OPENERS = "(?:With|After|Before|During|Since|Until|While)"  # no subject
_SOURCE = with_capitals(
    r"(?P<src>(?:(?:The\s+|A\s+)?"
    r"(?:[A-Z][\w’'.\-]+(?:\s+(?:[A-Z][\w’'.\-]+|of|al-\w+))*)|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e))\b"
)
_SUBJECT = re.compile(
    with_capitals(
        r"(?:[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*)?"
        r"(?:\s*\([^)\n]{1,60}\))?\s*[—–―-]+\s+)?"  # a dateline: "CULLEN FALLS — "
        rf"(?P<lead>[^,\n]{{0,140}},[”\"]?\s*)?(?:(?:But|And|So|Then|Also)\s+)?(?!{_OPENERS}\b)"
    )
    + _SOURCE
)
_FIRST_SOURCE = re.compile(_SOURCE)
#: A role after a name: "the coroner for North Annaskea", "a former harbourmaster".
_ROLE_AFTER = re.compile(
    r"(?:the|a|an) [a-z][a-z’'-]*(?: [a-z][a-z’'-]*){0,3}(?: (?:of|for|at) .{1,40})?"
)
_PRONOUNS = frozenset("he she it they we i".split())
_OPENING_PREPOSITIONS = frozenset("in on at after before during since until".split())
#: Words that stand first in a sentence but speak for no one ("Meanwhile, it said ...").
_NO_SOURCE = frozenset(
    "meanwhile however also still even just now later then in on at by for from with after before "
    "during since until while when where but and or so yet if as of to into about over under than "
    "there here according the a an this that these those".split()
)
_PARENTHESIS_GAP = re.compile(r"[.]?\s*[()]\s*|\.\)\s*,?\s*")
# A full stop that ends no sentence: initials, an abbreviated title, a state ("D-Mass.").
ABBREVIATION_DOTS = re.compile(
    r"\b[A-Z]-[A-Z][a-z]{0,4}\.|\b[A-Z][a-z]{1,4}\.(?=,)|"
    r"\b(?:[A-Z]\.)+|\b" + abbreviated_titles_pattern() + r"|\([^()]*\)"
)
_TURN = re.compile(
    r"^[ \t]*\"?(?P<label>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):[ \t]+(?P<content>\S[^\n]*)$",
    re.M,
)


@dataclass(slots=True)
class Utterance:
    """Something said: its content segments, the words naming the source, the cue."""

    parts: list[Offsets]
    kind: str  # direct | partial | indirect
    source: Offsets | None = None
    cue: Offsets | None = None
    continued_from: int | None = None  # index of the utterance whose speaker this one keeps
    nested_in: int | None = None

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def speaks_for_no_one(phrase: str) -> bool:
    """A source phrase that is only a sentence's opening word ("Meanwhile", "In") or an
    opening phrase of time or place ("In August", "After the vote")."""
    low = phrase.lower()
    return low in _NO_SOURCE or low.split(" ", 1)[0] in _OPENING_PREPOSITIONS


class Clauses:
    """One document's quoted passages and words, and how to find a cue's source."""

    def __init__(self, doc: Document) -> None:
        """``doc`` is the article with page furniture blanked out (same offsets)."""
        self.doc = doc
        self.text = doc.text
        self.turns = list(_TURN.finditer(self.text))
        opening_marks = frozenset(m.start() for m in self.turns if self.text[m.start()] in MARKS)
        self.quoted = find_quoted(doc, ignore=opening_marks)
        self.all_quoted = find_quoted(doc) if opening_marks else self.quoted  # for claims
        self._quote_starts = [q.start for q in self.quoted]
        # the passages that are titles of works ("Fox and Friends"), read once per document
        self._title_starts = {q.start for q in self.quoted if is_title(self.text, q)}
        self._free: list[Offsets] | None = None
        #: a source's name -> the role before it ("Its chief executive, Greg Fairweather")
        self.roles: dict[Offsets, Offsets] = {}
        self._free_starts: list[int] = []

    def _words(self, start: int, end: int) -> list[Offsets]:
        return self.doc.words_in(start, end)

    def _free_words(self, start: int, end: int) -> list[Offsets]:
        """The words of ``[start, end)`` outside quoted passages."""
        if self._free is None:
            self._free = self._words_outside_quotes()
            self._free_starts = [w[0] for w in self._free]
        i = bisect_left(self._free_starts, start)
        j = bisect_left(self._free_starts, end)
        found = self._free[i:j]
        return found[:-1] if found and found[-1][1] > end else found

    def _words_outside_quotes(self) -> list[Offsets]:
        """Every word whose start `_in_quote` places in no quoted passage: the runs of
        words between passages, cut by bisect (a word at ``p`` is inside when the last
        passage starting at or before ``p`` ends after it)."""
        words, starts = self.doc.all_words, self.doc.word_starts
        ends = [q.end for q in self.quoted]
        if any(a > b for a, b in pairwise(self._quote_starts)):
            return [w for w in words if not self._in_quote(w[0])]
        out: list[Offsets] = []
        cursor = 0
        for k, start in enumerate(self._quote_starts):
            stop = ends[k]
            if k + 1 < len(ends):
                stop = min(stop, self._quote_starts[k + 1])
            first = bisect_left(starts, start, cursor)
            out += words[cursor:first]
            cursor = max(first, bisect_left(starts, stop, first))
        out += words[cursor:]
        return out

    def titled(self, q: Quoted) -> bool:
        """Whether the quoted passage ``q`` (one of `quoted`) is a title: `is_title`."""
        return q.start in self._title_starts

    def _lower(self, span: Offsets) -> str:
        return self.text[span[0] : span[1]].lower()

    def _in_quote(self, pos: int) -> Quoted | None:
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and pos < self.quoted[i].end:
            return self.quoted[i]
        return None

    def _trim_source(self, spans: list[Offsets]) -> Offsets | None:
        """The source phrase from the words just before a cue: drop auxiliaries/adverbs."""
        lows = [self._lower(w) for w in spans]  # each word lowered once
        i, j = 0, len(spans)
        if j > 2 and lows[j - 1] == "to" and lows[j - 2] in ("declined", "refused"):
            j -= 2  # "Kettleman declined to say whether": Kettleman
        while j > i and lows[j - 1] in ADVERBS:
            j -= 1
        while j > i and lows[i] in _LEADING_FILLERS:
            i += 1
        while j > i and (
            lows[j - 1] in TIME_WORDS
            or (
                lows[j - 1].endswith("ly")
                and (self.text[spans[j - 1][0]].islower() or lows[j - 1].endswith(ADVERB_ENDS))
            )  # "previously", "Conversely", not "Kelly" or "Italy"
            or lows[j - 1] in PREPOSITIONS
        ):
            j -= 1
        spans, lows = spans[i:j], lows[i:j]
        if spans and all(low in DETERMINERS for low in lows):
            return None
        if not spans:
            return None
        first = lows[0]
        if (
            (first in _OPENING_PREPOSITIONS or first in TIME_WORDS)
            and lows[-1] in _PRONOUNS
            and len(spans) <= 5
            and not any(low in CUE_VERBS for low in lows)
        ):
            return spans[-1]  # "On Monday it said", "In a statement she said"
        if first in PREPOSITIONS or first in TIME_WORDS:
            # "In a Bloomberg interview Trump declared": the name closing the phrase.
            k = len(spans)
            while (
                k > 0 and self.text[spans[k - 1][0]].isupper() and lows[k - 1] not in PREPOSITIONS
            ):
                k -= 1
            if k in (0, len(spans)):  # no tail, or the tail is the whole phrase
                return None
            spans, lows = spans[k:], lows[k:]
        k = max((i for i, low in enumerate(lows) if low in ("the", "a", "an")), default=0)
        if (
            k
            and all(self.text[w[0]].islower() for w in spans[:k])
            and lows[k - 1] not in PREPOSITIONS  # "spokeswoman for the X" is one phrase
            and lows[k - 1] not in ("of", "and")
            and not any(low in CUE_VERBS for low in lows[:k])  # "said the vote showed"
        ):
            spans, lows = spans[k:], lows[k:]  # "meddling the California congressman said"
        lead = lows[0]
        verb_led = lead.endswith("ly") or (
            lead.endswith("ed") and any(low in DETERMINERS for low in lows[1:])
        )
        if self.text[spans[0][0]].islower() and verb_led and lead not in SOURCE_WORDS:
            # "forcefully told", "bemoaned the unrest ... and": a verb phrase, no source;
            # "intercepted communications" (an adjective and a noun) is one.
            return None
        determined = lead in DETERMINERS and not lows[-1].endswith(("ly", "ing"))
        if len(spans) > 1 and not determined and not any(self._names_someone(w) for w in spans):
            return None  # "forcefully", "suggesting a few": no one is named
        return spans[0][0], spans[-1][1]

    def _names_someone(self, word: Offsets) -> bool:
        """A word that can name a source: a name, a pronoun or a person-like noun."""
        low = self._lower(word)
        return (
            any(ch.isupper() for ch in self.text[word[0] : word[1]])
            or low in SOURCE_WORDS
            or low in SOURCE_NOUNS
            or low.endswith(NOUN_ENDINGS)
        )

    def _source_before(self, cue: Offsets, floor: int) -> Offsets | None:
        """Walk back from the cue to the start of its clause; that is the source phrase."""
        spans = self._words(floor, cue[0])
        picked: list[Offsets] = []
        relative: Offsets | None = None
        for w in reversed(spans):
            gap = self.text[w[1] : (picked[0][0] if picked else cue[0])]
            if gap == " ":
                pass  # the usual gap: neither of the tests below
            elif _PARENTHESIS_GAP.fullmatch(gap):
                pass  # "Rep. Stephen Lynch (D-Mass.) said": a parenthesis inside the name
            elif not _GAP_STOPS.isdisjoint(gap):
                break
            low = self._lower(w)
            if low in CLAUSE_BREAKS and picked:
                if low in RELATIVE_PRONOUNS:
                    relative = w
                break
            if self._in_quote(w[0]):
                break
            picked.insert(0, w)
            if len(picked) >= 12:
                break
        if picked and self._lower(picked[0]) in _OPENING_BREAKS:
            picked = picked[1:]
        if len(picked) > 1 and self._lower(picked[-1]) in ("and", "but"):
            return self._coordinated_subject(picked, floor)  # "X praised A and said that": X
        found = self._trim_source(picked)
        if found is None and relative is not None and picked:
            # "A 2014 study that appeared in the journal found": the subject holds a
            # relative clause; the source is the noun phrase before it, clause included.
            head = self._source_before(relative, floor)
            if (
                head is not None
                and self._lower(head) not in SOURCE_WORDS
                and not any(self._lower(w) in CUE_VERBS for w in self._words(*head))
            ):
                found = (head[0], picked[-1][1])
        if found is None:
            found = self._source_before_aside(cue, floor)
        return found

    def _coordinated_subject(self, picked: list[Offsets], floor: int) -> Offsets | None:
        """Who a second cue's "and"/"but" joins ("X, a lawyer, praised A and said"): X."""
        k = next((k for k, w in enumerate(picked) if self._predicate_verb(w)), None)
        if k is None or k == len(picked) - 1 or self._lower(picked[k]) in CUE_VERBS:
            return self._trim_source(picked)  # "said A but warned": its own utterance
        return self._trim_source(picked[:k]) if k else self._source_before(picked[0], floor)

    def _predicate_verb(self, w: Offsets) -> bool:
        low = self._lower(w)
        return self.text[w[0]].islower() and (low.endswith("ed") or low in CUE_VERBS)

    def _source_before_aside(self, cue: Offsets, floor: int) -> Offsets | None:
        """``Clinton, at a later press gaggle, said``: the source stands before the aside."""
        head = self.text[floor : cue[0]].rstrip()
        if not head.endswith(","):
            return None
        inner = len(head) - 1
        while (inner := head.rfind(",", 0, inner)) > 0 and head[inner + 1 : inner + 2].isdigit():
            pass  # "more than 1,400 homes": a number's comma
        if inner == -1 or len(head[inner:].split()) > 16:
            return None
        found = self._source_before((floor + inner, floor + inner), floor)
        if found is not None and self.text[found[0] : found[1]].isdigit():
            # "Gareth Ainsley, 54, who ran ...": an age; the name stands before it
            comma = self.text.rfind(",", floor, found[0])
            found = self._source_before((comma, comma), floor) if comma != -1 else None
        if found is not None:
            name = self._appositive_name(found, floor + inner + 1, floor + len(head) - 1)
            if name is not None:
                self.roles[name] = found
                return name
            aside = head[inner + 1 : -1].strip()
            if _ROLE_AFTER.fullmatch(aside) and self.text[found[0]].isupper():
                # "Dr Helen Furlong, the coroner for North Annaskea, said": her role
                at = floor + head.index(aside, inner)
                self.roles[found] = (at, at + len(aside))
        return found

    def _appositive_name(self, role: Offsets, start: int, end: int) -> Offsets | None:
        """``Its chief executive, Greg Fairweather, said``: the name in apposition to a
        role (between ``start`` and ``end``) is who speaks; the role alone may mean
        someone else ("its chief executive" of another body). None when the stretch is no
        name, or the role is a name itself and the stretch a branch ("the Riverton
        Firefighters, Local 419")."""
        words = self._words(*role)
        possessor = next((i for i, w in enumerate(words) if self._possessive(w)), len(words))
        if self._lower(words[0]) not in ROLE_OPENERS and not (
            0 < possessor < len(words) - 1 and self.text[words[-1][0]].islower()
        ):  # neither "Its chief executive" nor "Corran Homes’ managing director"
            return None
        name = self._words(start, end)
        if not 0 < len(name) <= 6 or not all(self._capitalised(w) for w in (name[0], name[-1])):
            return None
        if not all(self._capitalised(w) or self._lower(w) in NAME_JOINS for w in name):
            return None
        titled = all(self._capitalised(w) or self._lower(w) in NAME_JOINS for w in words[1:])
        # "The Health Secretary, Angela Morrow": after a title, a person's name only
        if titled and (len(name) < 2 or any(ch.isdigit() for ch in self.text[start:end])):
            return None
        return name[0][0], name[-1][1]

    def _possessive(self, word: Offsets) -> bool:
        end = word[1] + (self.text[word[1] : word[1] + 1] in ("’", "'"))  # "Homes’"
        return self.text.endswith(("’s", "'s", "s’", "s'"), word[0], end)

    def _capitalised(self, word: Offsets) -> bool:
        first = self.text[word[0]]
        return first.isupper() or first.isdigit()

    def _source_after(self, cue: Offsets, limit: int) -> Offsets | None:
        """The source named after a cue: ``said John Smith, the ...``."""
        picked: list[Offsets] = []
        for w in self._words(cue[1], limit):
            gap = self.text[(picked[-1][1] if picked else cue[1]) : w[0]]
            if (
                picked
                and gap == ". "
                and ABBREVIATION_DOTS.fullmatch(self.text[picked[-1][0] : w[0] - 1])
            ):
                gap = " "  # "Rep. Gwen Moore": the abbreviation's full stop
            if not _GAP_STOPS_AFTER.isdisjoint(gap):
                break
            low = self._lower(w)
            if low in CLAUSE_BREAKS or low in ("in", "on", "at", "during", "after", "before"):
                break
            picked.append(w)
            if len(picked) >= 8:
                break
        return (picked[0][0], picked[-1][1]) if picked else None

    def resolve_relative(self, source: Offsets) -> Offsets:
        """``al-Allaq, who said``: the source of ``who`` is the phrase before the comma."""
        if self._lower(source) not in RELATIVE_PRONOUNS:
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

    def _subject_of(self, sentence: Sentence, before: int, lead: bool = True) -> Offsets | None:
        """A sentence's first name or pronoun, past an opening phrase only with ``lead``."""
        m = _SUBJECT.match(self.text, sentence.start, before)
        opener = m.group("lead").split(",")[0] if m and m.group("lead") and not lead else ""
        if m and opener and not speaks_for_no_one(opener):  # not "Tulsa, Oklahoma,"
            m = _FIRST_SOURCE.match(self.text, m.start("lead"), before)
        return None if m is None else (m.start("src"), m.end("src"))
