"""Speech and belief frames as claims see them: which utterances carry a claim, whose
voice (reported, belief, or the author's own), what the frame covers in its sentence,
and asides that the article itself asserts about a speaker ("X, who led Y, said")."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..text.spans import Offsets
from .claim_clauses import SUBORDINATORS, first_finite, is_clause, starts_clause, tokens
from .claim_inner import peel
from .claim_words import (
    AUXILIARIES,
    BELIEF_FRAMES,
    CONDITIONALS,
    DENIAL_FRAMES,
    FUTURE_FRAMES,
    NEGATORS,
    QUESTION_WORDS,
    SPEECH_FRAMES,
    verb_forms,
)
from .clauses import Utterance
from .document import Document

_TIME_LEAD = re.compile(
    r"(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|"
    r"last\s+\w+|this\s+\w+|earlier|later)(?:\s+(?:morning|afternoon|evening|night))?\s*,",
    re.I,
)
_LEAD_THAT = re.compile(r"([^,;:“”\"]{0,40}?)\bthat\s+")
_LEAD_WORDS = frozenset(
    "on in at during after before last this earlier later recently yesterday today "
    "again also repeatedly publicly privately".split()
)
_PUNCTUATION_BACK = ",;:—–―(\n"
_BOUNDARY_AFTER = re.compile(
    r",\s+(?:and|but)\s+|;\s+|\s+[—–―]\s+(?=and\b|but\b)"
    r"|,\s+(?=(?:as|while|when|after|because|although|though)\s)"
)
_RELATIVE = re.compile(r",\s+(?:(?:an?|the)\s+[^,;()]{1,60}?\s+)?(?:who|which)\s+")
# what follows a cue word (compiled once, not looked up per call)
_OUT = re.compile(r"\s+out\b")
_THAT_OR_MARK = re.compile(r"\s+(?:that\b|[,:])")
_THAT = re.compile(r"\s+that\b")
_COMMA = re.compile(r",\s+")
_AUTHOR = frozenset({"i", "we"})
_SAY = frozenset("said says say told tells added wrote".split())
_THAT_ONLY = frozenset("find finds found show shows showed indicate indicates indicated".split())
_NOT_SOURCE = AUXILIARIES | NEGATORS | _SAY | {"what", "how", "why"}
_NOT_BEFORE_CUE = frozenset(
    "to is was were are be been being would will could should might may must".split()
)
_NOT_SOURCE_LEAD = frozenset(
    "after before when while since until as by in on at of for with from about to".split()
)
#: What a poll or a count finds without "that": a standing ("found X ahead of Y by three
#: points", "showed X with 46 percent", "found the race effectively tied").
_STANDING = re.compile(r"\b(?:ahead|behind|leading|trailing|tied)\b|\d\s*(?:%|percent\b)")
_CONSIDER = frozenset("consider considers considered deem deems deemed".split())
_WH_LEADS = QUESTION_WORDS | {"if", "whether"}
_NO_CLAIM_LEADS = QUESTION_WORDS | CONDITIONALS | {"to", "for"}
_NOT_CONTENT_LEAD = frozenset("of with from about for by to".split())
_OBJECT_CUES = frozenset(
    """write writes wrote announce announces announced reveal reveals revealed confirm
    confirms confirmed report reports reported describe describes described mention
    mentions mentioned recount recounts recounted""".split()
)


@dataclass(slots=True)
class Frame:
    """What one utterance gives the claims: content spans, voice, and what it covers."""

    contents: list[Offsets]
    attribution: str  # reported | belief | asserted
    hedged: bool = False
    covers: list[Offsets] = field(default_factory=list)
    asides: list[Offsets] = field(default_factory=list)
    standing: bool = False  # a verbless finding ("found X ahead by three points")


def read_frame(doc: Document, u: Utterance, quoted: list[Offsets]) -> Frame | None:
    """The claim frame of an utterance, or None when it is none (a stance verb, a
    scare quote, a garbled source): its sentence is then the article's own."""
    if u.kind == "partial" or (u.cue is not None and doc.text[u.cue[0] : u.cue[1]] == ":"):
        return None
    if u.kind == "direct":
        return _direct_frame(doc, u)
    return _reported_frame(doc, u, quoted)


def _direct_frame(doc: Document, u: Utterance) -> Frame | None:
    """A direct quote: its parts are the content; the frame covers the cue and source."""
    text = doc.text
    if _embedded(doc, u) and (
        (u.source is None and u.cue is None)
        or not any(is_clause(text, a + 1, b - 1) for a, b in u.parts)
    ):
        return None  # a title or a quoted phrase ("reported “2,521 incidents”")
    frame = Frame(list(u.parts), "reported")
    cover: list[Offsets] = []
    if u.cue is not None:
        cue = u.cue
        before = [p for p in u.parts if p[1] <= cue[0]]
        after = [p for p in u.parts if p[0] >= cue[1]]
        a = before[-1][0] if before else u.start
        b = before[-1][1] if before else u.end
        if after and before:
            b = min(b, after[0][0])
        cover = _frame_cover(doc, u, a, b)
        if after:
            cover = [(x, min(y, after[0][0])) for x, y in cover]
    frame.covers = list(u.parts) + cover
    frame.asides = _asides(doc, u)
    return frame


def _reported_frame(doc: Document, u: Utterance, quoted: list[Offsets]) -> Frame | None:
    """Reported speech or belief: the content clause, less leads and inner frames."""
    text = doc.text
    if u.cue is None:
        return None
    cue = u.cue
    word = text[cue[0] : cue[1]].lower().split()[0]
    if word not in SPEECH_FRAMES and word not in BELIEF_FRAMES:
        return None
    if not _plausible_source(text, u, word):
        return None
    # "X, she argued, had Y": one claim, the cue and all; "A happened, he said, and B
    # happened": A, then B, each its own
    split_head = (
        u.parts[0] if len(u.parts) > 1 and is_clause(text, *u.parts[0], main=False) else None
    )
    a, b = u.parts[-1] if split_head else (u.parts[0][0], u.parts[-1][1])
    frame = Frame([], "belief" if word in BELIEF_FRAMES else "reported")
    if _TIME_LEAD.match(text, a, b) and cue[1] <= a:
        return _content_before(doc, u, frame)
    frame.hedged = word.startswith("suggest")
    frame.covers = [(a, b), *_frame_cover(doc, u, a, b)]
    frame.asides = _asides(doc, u)
    head = [t for t in tokens(text, a, min(b, a + 60)) if not t[2].endswith("ly")]
    wh = bool(head) and head[0][2].split("'")[0] in _WH_LEADS
    negated = _negated(doc, u)
    if wh and not negated:
        return None  # "want to know what ...": the sentence is the article's own
    if word in _CONSIDER and u.source and u.source[1] <= cue[0] and not is_clause(text, a, b):
        frame.contents = [(u.source[0], b)]  # "Ankara considers the Kurds terrorists"
        frame.covers.append((u.source[0], b))
        return frame
    if word in _THAT_ONLY and not is_clause(text, a, b):
        frame.contents, frame.standing = [(a, b)], True  # "found X ahead by three points"
        return frame
    if not wh and not _reports_clause(text, _skip_lead(text, a, b), b, quoted):
        return None  # "charged X with ...", "agrees on who ...": no reported clause
    if negated:
        frame.covers.append((min(frame.covers[-1][0], a), b))
        return frame  # "did not say where ...", "nor denied that ...": nothing asserted
    source = text[u.source[0] : u.source[1]] if u.source else ""
    author = source.lower().replace("’", "'").split("'")[0] in _AUTHOR
    if author and not any(qa <= (u.source or cue)[0] < qb for qa, qb in quoted):
        frame.attribution = "asserted"  # "I know ...": the author's own voice
    a = _skip_lead(text, a, b)
    if word in DENIAL_FRAMES and cue[1] <= a:
        a = cue[0]  # the claim is the denial: "denied that ..."
    a, kind = peel(text, a, b)
    if kind == "belief" and frame.attribution != "asserted":
        frame.attribution = "belief"
    first = tokens(text, a, min(b, a + 30))
    if first and first[0][2] in _NO_CLAIM_LEADS:
        return frame  # "told her to leave", "said when ...": nothing asserted
    b = _subordinate_end(doc, u, a, b)
    frame.contents = [(a, b)] if split_head is None else [split_head, (a, b)]
    frame.covers[0] = (frame.covers[0][0], b)
    head_claim = _before_aside_frame(doc, u)
    if head_claim is not None:
        frame.contents.insert(0, head_claim)
        frame.covers.append(head_claim)
    return frame


def _plausible_source(text: str, u: Utterance, word: str) -> bool:
    """A source phrase that can name a speaker, and a cue used as speech."""
    assert u.cue is not None
    toks = tokens(text, *u.source) if u.source else []
    if {t[2] for t in toks} & _NOT_SOURCE:
        return False
    if toks and text[toks[0][0]].islower() and toks[0][2].endswith("ing"):
        return False  # "treating Mrs. Clinton's": a verb phrase, no speaker
    _, third, past = verb_forms()
    if toks and toks[-1][2] in past and text[toks[-1][0]].islower() and word != "according":
        return False  # "investments in upscale areas failed (to note)"
    if any(t[2] in third and text[t[0]].islower() for t in toks[1:]):
        return False  # "It goes without (saying)": a clause, no speaker
    before = tokens(text, max(0, u.cue[0] - 20), u.cue[0])
    if before and before[-1][2] in _NOT_BEFORE_CUE:
        return False  # "allowed them to think", "was confirmed": no one's own speech
    if toks and toks[0][2] in _NOT_SOURCE_LEAD:
        return False  # "After saying ...": no source
    after = text[u.cue[1] : u.cue[1] + 10]
    if word in ("point", "points", "pointed") and not _OUT.match(after):
        return False
    if word in _OBJECT_CUES and not _THAT_OR_MARK.match(after):
        main = first_finite(tokens(text, *u.parts[0]), text)
        return main is not None and main <= 6  # "wrote a memoir ... entitled": no speech
    if word in _THAT_ONLY and not _THAT.match(after):
        return _STANDING.search(text, u.parts[0][0], u.parts[-1][1]) is not None
    return True


def _reports_clause(text: str, a: int, b: int, quoted: list[Offsets]) -> bool:
    """Reported content that is a clause whose verb is the reporter's, not one inside a
    quotation it mentions ("said the same thing, including X -- 'It is ...'")."""
    if not is_clause(text, a, b):
        return False
    toks = tokens(text, a, b)
    if toks[0][2] in FUTURE_FRAMES and text[toks[0][0]].islower():
        return False  # "announced plans this week to ...": an object, no clause
    if toks[0][2] in _NOT_CONTENT_LEAD and text[toks[0][0]].islower():
        return False  # "spoke of climate change as ...", "agreed with X that ..."
    i = first_finite(toks, text)
    at = toks[i][0] if i is not None else a
    k = bisect_right(quoted, (at, len(text) + 1)) - 1  # the quotation holding the verb
    if k < 0 or not (a < quoted[k][0] <= at < quoted[k][1]):
        return True
    return not any(c in ",—–-" for c in text[a : quoted[k][0]])


def _content_before(doc: Document, u: Utterance, frame: Frame) -> Frame | None:
    """ "X is Y, officials said Friday, as they ...": the content is the head of the
    sentence; what follows the time of speaking is the article's again."""
    text = doc.text
    fa = min(m[0] for m in (u.source, u.cue) if m is not None)
    sentence = doc.sentence_at(fa)
    if sentence is None:
        return None
    head = text[sentence.start : fa].rstrip()
    if not head.endswith(",") or not is_clause(text, sentence.start, fa):
        return None
    a, b = sentence.start, sentence.start + len(head) - 1
    frame.contents = [(a, b)]
    frame.covers = [(a, b), *_frame_cover(doc, u, a, b)]
    return frame


def _subordinate_end(doc: Document, u: Utterance, a: int, b: int) -> int:
    """ "While a judge found X, his decision was overturned": the content ends where the
    main clause starts."""
    if u.cue is None or u.cue[0] > a:
        return b
    head = tokens(doc.text, _clause_start(doc, (u.source or u.cue)[0]), u.cue[0])
    if not head or head[0][2] not in SUBORDINATORS:
        return b
    for m in _COMMA.finditer(doc.text[a:b]):
        if starts_clause(doc.text, a + m.end(), b):
            return a + m.start()
    return b


def _before_aside_frame(doc: Document, u: Utterance) -> Offsets | None:
    """ "X, he said, Y": the speaker's words before a frame set off by commas."""
    if u.source is None or u.cue is None:
        return None
    text = doc.text
    fa, fb = min(u.source[0], u.cue[0]), max(u.source[1], u.cue[1])
    sentence = doc.sentence_at(fa)
    if sentence is None or fb > u.parts[0][0]:
        return None
    head = text[sentence.start : fa].rstrip()
    between = text[fb : u.parts[0][0]].strip()
    if not head.endswith(",") or between not in (",", ", that", ",that"):
        return None
    end = sentence.start + len(head) - 1
    return (sentence.start, end) if is_clause(text, sentence.start, end, main=False) else None


def _embedded(doc: Document, u: Utterance) -> bool:
    """A quote inside the article's own sentence (three words or more before it)."""
    para = doc.paragraphs[doc.paragraph_index(u.start)]
    before = doc.text[para.start : u.start].strip()
    return len(before.split()) >= 3


def _skip_lead(text: str, a: int, b: int) -> int:
    """Past "that", "Sunday that", "in a statement that": a short adverbial lead."""
    m = _LEAD_THAT.match(text, a, b)
    if m is None:
        return a
    lead = m.group(1).split()
    if not lead:
        return m.end()
    adverbial = lead[0].lower() in _LEAD_WORDS or lead[0].lower().endswith("day")
    if len(lead) <= 5 and adverbial and not is_clause(text, a, m.end(1)):
        return m.end()
    return a


def _negated(doc: Document, u: Utterance) -> bool:
    """ "did not say", "has not said", "nor have they denied": the frame is negated."""
    if u.cue is None:
        return False
    start = _clause_start(doc, (u.source or u.cue)[0])
    if u.source and u.source[0] > u.cue[0]:
        start = _clause_start(doc, u.cue[0])
    return not NEGATORS.isdisjoint(t[2] for t in tokens(doc.text, start, u.cue[0]))


def _clause_start(doc: Document, pos: int) -> int:
    sentence = doc.sentence_at(pos)
    floor = sentence.start if sentence else max(0, pos - 200)
    k = max(doc.text.rfind(c, floor, pos) for c in _PUNCTUATION_BACK)
    return floor if k < 0 else k + 1


def _frame_cover(doc: Document, u: Utterance, a: int, b: int) -> list[Offsets]:
    """The frame's stretch of its sentence: from the clause start to the content when it
    comes first; from the content to the next independent clause when it follows."""
    marks = [m for m in (u.cue, u.source) if m is not None]
    if not marks:
        return []
    fa, fb = min(m[0] for m in marks), max(m[1] for m in marks)
    sentence = doc.sentence_at(fa)
    end = sentence.end if sentence else fb
    if fb <= a:
        if u.source is not None and u.cue is not None and u.source[1] < u.cue[0]:
            comma = doc.text.rfind(", ", u.source[1], u.cue[0])
            if comma != -1 and doc.text[u.cue[0] : u.cue[1]].endswith("ing"):
                return [(comma, a)]  # "X quit, saying that ...": X quit is the article's
        return [(_clause_start(doc, fa), a)]
    if fa >= b:
        for m in _BOUNDARY_AFTER.finditer(doc.text, fb, end):
            if starts_clause(doc.text, m.end(), end) or is_clause(doc.text, m.end() + 3, end):
                return [(b, m.start())]
        return [(b, end)]
    return [(fa, fb)]


def _asides(doc: Document, u: Utterance) -> list[Offsets]:
    """ "Don Fowler, who helmed the DNC ...": a relative clause on the speaker's name is
    the article's own claim, name included."""
    if u.source is None or u.cue is None:
        return []
    text = doc.text
    sentence = doc.sentence_at(u.source[0])
    if sentence is None:
        return []
    if u.source[1] <= u.cue[0]:
        region = (u.source[0], u.cue[0])
    else:
        region = (u.source[0], sentence.end)
        for m in _BOUNDARY_AFTER.finditer(text, u.source[1], sentence.end):
            if starts_clause(text, m.end(), sentence.end):
                region = (u.source[0], m.start())
                break
    out = []
    for m in _RELATIVE.finditer(text, *region):
        comma = text.rfind(", ", region[0], m.start())
        start = region[0] if comma == -1 else max(comma + 2, region[0])
        end = region[1]
        while end > m.end() and text[end - 1] in " ,":
            end -= 1
        verb = tokens(text, m.end(), min(end, m.end() + 20))
        if verb and (verb[0][2] in SPEECH_FRAMES or verb[0][2] in BELIEF_FRAMES):
            continue  # "al-Allaq, who said ...": a frame, not a fact about him
        if is_clause(text, m.start() + 2, end, main=False):
            out.append((start, end))
    return out
