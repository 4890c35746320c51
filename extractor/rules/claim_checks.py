"""What is not a claim: headlines, bylines, datelines, citation lines, list items and
section titles (whole paragraphs); questions, conditionals, plans, promises and
predictions, opinions, reader appeals and bare noun phrases (clauses). And what
hedges a claim: may, might, reportedly, appears to ... inside the clause itself."""

from __future__ import annotations

import re

from .claim_clauses import Token, first_finite, is_clause, opens_with_verb, tokens
from .claim_words import (
    AUXILIARIES,
    CONDITIONALS,
    COPULAS,
    FUTURE_FRAMES,
    FUTURE_MODALS,
    FUTURE_PHRASES,
    HEDGE_PHRASES,
    HEDGE_WORDS,
    IMPERATIVES,
    JUDGEMENT_NOUNS,
    OPINION_WORDS,
    QUESTION_WORDS,
    STRONG_OPINION,
    WEAK_MODALS,
    inflected,
    verb_forms,
)
from .document import Document

_DATELINE = re.compile(
    r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*)?"
    r"(?:,\s*[A-Z][a-z]{2,4}\.?\s*\d{1,2})?\s*(?:\([A-Za-z]+(?: [A-Z][A-Za-z]+){0,3}\))?"
    r"\s*[-—–―]+\s+"
)
_LABEL = re.compile(r"([A-Z][^\n:.!?]{0,70}?):\s+(?=[\"“A-Z0-9])")
_BYLINE = re.compile(
    r"(?i:by|written by|reporting by|editing by|additional reporting by|compiled by)\s+"
    r"[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][^\n]{0,60})?$"
    r"|(?:CLARIFICATION|CORRECTION|UPDATE|Correction|Clarification)S?\s*:",
)
# Credit and newsletter lines: a phrase anywhere in the line (a line holds no newline).
_CREDIT_PHRASES = (
    "newsletter",
    "subscribe",
    "sign up",
    "click here",
    "follow us",
    "share this",
    "read more",
)
_CREDIT = re.compile(
    r"\b(?:contributed|contributing) (?:reporting|to this report)"
    r"|\b(?:" + "|".join(_CREDIT_PHRASES) + r")\b",
    re.I,
)
_CITATION = re.compile(r"\s*[\[(].*[\])]\.?\s*$")
_APPEAL_PHRASES = (
    "click here",
    "sign up",
    "subscribe",
    "follow us",
    "share this",
    "read more",
    "let us know",
)
_APPEAL = re.compile(r"\b(?:" + "|".join(_APPEAL_PHRASES) + r")\b", re.I)
_ADVERBS = frozenset(
    "no a an very so really truly absolutely completely just quite too pretty rather utterly "
    "totally simply also still clearly not more less far".split()
)
_PREPOSITIONS = frozenset(
    "in on at of for from with to into about by over under up down out one".split()
)
_NOT_JUDGED = _PREPOSITIONS | QUESTION_WORDS | {"the"}
_SAY = frozenset(
    "say says said told tells added adds wrote writes noted notes explained continued "
    "recalled replied responded asked".split()
)
_FRAME_TAIL = frozenset(
    "of about in on at during after before monday tuesday wednesday thursday friday "
    "saturday sunday yesterday today earlier later".split()
)
_CORRELATIVE = re.compile(r"the \w+er\b[^,]*, the \w+er\b", re.I)
_SUBJECTS = frozenset("i you he she it we they you'd i'd we'd he'd she'd they'd".split())
_FIRST_PERSON = frozenset("i we you i'm we're you're i've we've i'd".split())


def skipped_paragraphs(doc: Document) -> set[int]:
    """Paragraphs that hold no claim: the headline, bylines, citation and credit lines,
    short lines with no final stop (section titles, list items)."""
    text = doc.text
    out: set[int] = set()
    first = text[doc.paragraphs[0].start : doc.paragraphs[0].end].strip() if doc.paragraphs else ""
    for n, p in enumerate(doc.paragraphs):
        line = text[p.start : p.end].strip()
        words = len(line.split())
        no_stop = not line.rstrip("”\"’' )").endswith((".", "!", "?", "…"))
        # The headline: a first line with no final stop, in Title Case, or short atop a
        # long article (some archives add the stop).
        short_top = words <= 16 and len(doc.paragraphs) >= 4
        headline = n == 0 and len(doc.paragraphs) > 1 and (no_stop or _is_title(line) or short_top)
        if n == 1 and 0 in out and short_top and first.endswith((";", ":", ",")):
            headline = True  # a deck that goes on from the headline
        if headline or (no_stop and words <= 14) or _furniture(line):
            out.add(n)
    return out


def _furniture(line: str) -> bool:
    """A byline, a credit or newsletter line, a correction, a citation, a title."""
    return bool(_BYLINE.match(line) or _credit(line) or _CITATION.match(line)) or _is_title(line)


def _credit(line: str) -> bool:
    """ "... contributed reporting", "Sign up for ...": the regex runs only where a
    lower-case copy holds a phrase (or a letter that ``re.I`` folds on its own)."""
    low = line.lower()
    if (
        "contribut" in low
        or any(p in low for p in _CREDIT_PHRASES)
        or any(c in line for c in "ſİı")
    ):
        return _CREDIT.search(line) is not None
    return False


def _is_title(line: str) -> bool:
    """Title Case: most words capitalised (a headline or a section title)."""
    initials = [w[0] for w in _LONG_WORD.findall(line)]  # words of four letters or more
    return len(initials) >= 2 and sum(map(str.isupper, initials)) >= 0.8 * len(initials)


_LONG_WORD = re.compile(r"[A-Za-z][\w’'\-]{3,}")


def lead_end(text: str, start: int, end: int) -> int:
    """Past a dateline ("WASHINGTON —") or a label ("Editor's note:", "Refugees:")."""
    m = _DATELINE.match(text, start, end)
    if m:
        return m.end()
    m = _LABEL.match(text, start, end)
    if m:
        label = m.group(1)
        if _is_title(label) or (len(label.split()) <= 4 and not is_clause(text, *m.span(1))):
            return m.end()
    return start


def non_claim(
    text: str, start: int, end: int, own_voice: bool, relative: bool = False
) -> str | None:
    """Why the clause ``[start, end)`` is no claim, or None when it is one (``relative``:
    a relative clause on a name, "Fowler, who led ...", whose verb follows "who")."""
    toks = tokens(text, start, end)
    if len(toks) < 3:
        return "fragment"
    i = first_finite(toks, text, main=not relative)
    if i is None or (i == 0 and not opens_with_verb(toks)):
        if toks[0][2] in IMPERATIVES and text[toks[0][0]].isupper():
            return "imperative"
        return "no finite verb"
    first = toks[0][2]
    if "?" in text[end : end + 2] or _last_mark(text, start, end) == "?":
        return "question"
    if first in QUESTION_WORDS and (i <= 2 or _TERMINAL.match(text, end, end + 300)):
        return "question"  # "How much of X is Y, and how much is Z?"
    if first == "asked" and _ASKED.search(text, start, end):
        return "question"  # "Asked by the solicitor whether she had told him to wait"
    if toks[i][2] in _NAMING and _NAMED_AS.match(text, toks[i][1], end + 2):
        return "characterisation"  # "Critics called it “the most exciting thing ...”"
    if first == "here":
        return "deixis"  # "Here comes Big Daddy", "Here he is"
    if first in CONDITIONALS or _conditional(toks[:i]):
        return "conditional"
    lead = 1 if first in ("just", "please", "now", "so") and len(toks) > 3 else 0
    if toks[lead][2] in IMPERATIVES and _bare_verb(toks[lead:]):
        return "imperative"
    if first == "let" and toks[1][2] not in ("down", "off", "go", "slip"):
        return "imperative"  # "Let someone else get the calls" ("Let down by ...": no)
    if i > 0 and toks[i - 1][2] in ("i", "we") and _own_state(toks, i):
        return "desire"  # "We want them to be safe" (but "voters want to know" is a claim)
    if _appeal(text, start, end):
        return "reader appeal"
    if _future(toks, i):
        return "future"
    if _opinion(toks, i) or _CORRELATIVE.match(text, start, end):
        return "opinion"
    if not own_voice and STRONG_OPINION.intersection(t[2] for t in toks):
        return "opinion"
    if own_voice and _bare_frame(toks, i):
        return "speech frame"
    subject = toks[i - 1][2] if i > 0 else first.split("'")[0]
    if own_voice and (first in _FIRST_PERSON or subject in _FIRST_PERSON):
        return "first person"
    return None


_TERMINAL = re.compile(r"[^.!?\n]*\?")  # the sentence goes on to a question mark
_ASKED = re.compile(r"\b(?:whether|if|why|how|what|when|where|who)\b")
_NAMING = frozenset("call calls called described describes branded dubbed".split())
_NAMED_AS = re.compile(r"\s+(?:\w+\s+){0,4}?(?:as\s+)?[“\"‘']")
_WANT = frozenset("want wants wanted".split())
_DO = frozenset("do does did don't doesn't didn't".split())


#: What a speaker says of their own wants and knowledge: nothing checkable.
_STATES = _WANT | frozenset("need needs intend intends hope hopes wish understand".split())
_UNKNOWING = _STATES | {"know"}  # after "don't", "did not"


def _own_state(toks: list[Token], i: int) -> bool:
    """ "I need ...", "We intend to ...", "don't want", "I don't know which ...", "I have
    no idea": the verb (``i``, after "I" or "we"), or the main verb after its auxiliary,
    says what the speaker wants or does not know."""
    verb = toks[i][2]
    if verb in _STATES:
        return True
    if i + 1 >= len(toks):
        return False
    j = i + 1 + (toks[i + 1][2] == "not" and i + 2 < len(toks))
    if verb in _DO:
        negated = verb.endswith("n't") or j > i + 1
        return toks[j][2] in _WANT or (negated and toks[j][2] in _UNKNOWING)
    return verb in ("have", "had") and [t[2] for t in toks[i + 1 : i + 3]] == ["no", "idea"]


def _appeal(text: str, start: int, end: int) -> bool:
    """ "Click here", "sign up": the regex runs only where a lower-case copy holds a
    phrase (or a letter that ``re.I`` folds on its own: long s, dotted and dotless i)."""
    piece = text[start:end]
    low = piece.lower()
    if any(p in low for p in _APPEAL_PHRASES) or any(c in piece for c in "ſİı"):
        return _APPEAL.search(text, start, end) is not None
    return False


def _last_mark(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not a space ("" if none)."""
    k = end - 1
    while k >= start and text[k].isspace():
        k -= 1
    return text[k] if k >= start else ""


def _bare_frame(toks: list[Token], i: int) -> bool:
    """ "Trump said, looking out on the crowd": a speech verb left without its content."""
    if toks[i][2] not in _SAY:
        return False
    rest = [t[2] for t in toks[i + 1 :]]
    tail = bool(rest) and rest[0] in _FRAME_TAIL and len(rest) <= 6  # "said of the plan"
    return not rest or len(rest) <= 2 or rest[0].endswith("ing") or tail


def _conditional(toks: list[Token]) -> bool:
    """An "if" or "unless" clause before the main verb ("even if", "as if" are no
    condition; one after an indicative main verb restricts it, as in "may vote by proxy
    if they cannot attend", and a modal main verb is a prediction anyway)."""
    for k, t in enumerate(toks):
        if t[2] in ("if", "unless") and (k == 0 or toks[k - 1][2] not in ("even", "as")):
            return True
    return False


def _bare_verb(toks: list[Token]) -> bool:
    """An opening word used as a bare verb: "Look at ...", "Tell that to ..."."""
    return len(toks) > 1 and toks[1][2] in (
        "at",
        "that",
        "to",
        "the",
        "us",
        "me",
        "him",
        "her",
        "them",
        "this",
        "your",
        "a",
        "an",
    )


def _future(toks: list[Token], i: int) -> bool:
    """A plan, promise, prediction or prescription: the main verb says it."""
    verb = toks[i][2]
    nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
    if verb in FUTURE_MODALS or verb.endswith("'ll"):
        return True
    words = [t[2] for t in toks]
    if "better" in words and any(
        w == "better" and k > 0 and words[k - 1] in _SUBJECTS for k, w in enumerate(words)
    ):
        return True  # "She better get well": advice
    if verb.endswith("'d"):
        _, _, past = verb_forms()
        return nxt not in past and nxt not in ("been", "never", "not", "already")
    if verb in WEAK_MODALS and nxt not in ("not", "have", "n't", "only", "also", "never"):
        return True
    ahead = [t[2] for t in toks[i + 1 : i + 6]]
    if verb in FUTURE_FRAMES and ("to" in ahead or ahead[:1] in (["that"], ["not"])):
        return verb not in _WANT
    joined = " ".join(words[i : i + 6])
    if _ANY_FUTURE_PHRASE.search(joined) is None:
        return False
    for phrase in FUTURE_PHRASES:
        at = joined.find(phrase)
        if at == -1 or (at > 0 and joined[at - 1] != " "):
            continue
        after = joined[at + len(phrase) :].split()
        if phrase not in ("going to", "about to") or not after or _verbal(after[0]):
            return True
    return False


_ANY_FUTURE_PHRASE = re.compile("|".join(map(re.escape, FUTURE_PHRASES)))


def _verbal(word: str) -> bool:
    bases, _, _ = verb_forms()
    return word in bases or word in ("be", "have", "do") or word.endswith("ly")


def _opinion(toks: list[Token], i: int) -> bool:
    """A judgement: "X is (a) disgusting ...", "it's obvious", "has been mixed",
    "It's a dog whistle", "There is no need ..."."""
    words = [t[2] for t in toks]
    for k in range(i, min(len(toks), i + 3)):
        low = words[k]
        if low not in COPULAS and not low.endswith("'s"):
            continue
        j = k + 1
        while j < len(toks) and (words[j] in _ADVERBS or words[j] in ("been", "be")):
            j += 1
        if j < len(toks) and words[j] in OPINION_WORDS:
            return True
    head = words[0].split("'")[0]
    if head in ("it", "this", "that", "these", "those") and i <= 1:
        rest = [w for w in words[i + 1 : i + 4] if w not in ("not", "just", "really", "also")]
        if i == 0:
            rest = [w for w in words[1:4] if w not in ("not", "just", "really", "also")]
        linked = words[i].split("'")[-1] in ("s", "is", "are", "was", "were", "re") or (
            words[i] in COPULAS
        )
        if linked and rest:
            if rest[0] in ("a", "an", "something", "nothing", "anything"):
                return True
            if head != "it" and rest[0] not in _NOT_JUDGED:
                return not rest[0][0].isdigit()  # "These are howls": a characterisation
    if head == "there" or words[0] == "there":
        return any(w in JUDGEMENT_NOUNS for w in words[i + 1 : i + 9])
    return False


# \s+(?:and|but)\s+|,\s+(?=meaning\b|which means\b), its first character first (`prefixes`)
_TAIL = re.compile(r"[\s,](?:(?<=\s)\s*(?:and|but)\s+|(?<=,)\s+(?=meaning\b|which means\b))")


def cut_future_tail(text: str, start: int, end: int) -> int:
    """The end of a clause without a trailing plan or inference: "X appeared better
    and looks forward to ...", "X passed the deadline, meaning Y would ..."."""
    for m in _TAIL.finditer(text, start, end):
        if m.start() - start < 12:
            continue
        toks = tokens(text, m.end(), end)
        if not toks:
            continue
        if toks[0][2] in ("meaning", "which"):
            return m.start()
        if (toks[0][2] in AUXILIARIES or toks[0][2] in inflected()) and (
            _future(toks, 0) or _opinion(toks, 0) or _judges(toks)
        ):
            return m.start()
    return end


def _judges(toks: list[Token]) -> bool:
    """A tail that calls names: "... and is a serial liar"."""
    return toks[0][2] in COPULAS and any(t[2] in OPINION_WORDS for t in toks[1:8])


def hedged(text: str, start: int, end: int) -> bool:
    """May, might, reportedly, appears to ... in the clause ("could not" is no hedge)."""
    toks = tokens(text, start, end)
    for k, t in enumerate(toks):
        if t[2] in HEDGE_WORDS:
            nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
            if t[2] == "could" and nxt in ("not", "never"):
                continue  # "could not be sure": a finding, no hedge
            if t[2] in ("could", "might", "may") and k > 0 and toks[k - 1][2] in ("who", "which"):
                continue  # "workers who could leak": the clause's own verb is not hedged
            return True
    words = " ".join(t[2] for t in toks)
    return any(p in words for p in HEDGE_PHRASES)
