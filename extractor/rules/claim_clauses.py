"""Clauses for claims: the words of a stretch of text, its finite verb, where one
independent clause ends and the next begins, and the trimming that leaves a clause
with its subject, verb and negation but without openers, frames or stray marks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from ..text.spans import Offsets
from .claim_tokens import Token, Words, contracted, last_token, tokens, words_of
from .claim_words import (
    AUXILIARIES,
    BELIEF_FRAMES,
    COORDINATORS,
    DETERMINERS,
    DISCOURSE_OPENERS,
    DISCOURSE_PHRASES,
    FUTURE_FRAMES,
    PARTICIPLES,
    POSSESSIVES,
    PRONOUN_SUBJECTS,
    SPEECH_FRAMES,
    inflected,
    verb_forms,
)

_MARKS = "\"“”‘’'«»„"
_EDGE = " \t\n\u00a0,;:—–―-…()[]" + _MARKS
_PREPOSITIONS = frozenset(
    "of in on at by for from with to into about over under than as after before since "
    "during without within against between through".split()
)
_NOT_SUBJECT = _PREPOSITIONS | (COORDINATORS - {"so"}) | frozenset("never also to".split())
_ARTICLES = frozenset("a an the".split()) | POSSESSIVES
_ADVERBS = frozenset("here there now also still often all both never always".split())
_FRAME_VERBS = SPEECH_FRAMES | BELIEF_FRAMES | FUTURE_FRAMES
_NOT_BEFORE_VERB = DETERMINERS | POSSESSIVES | _PREPOSITIONS
_ARTICLES_PREPOSITIONS = _ARTICLES | _PREPOSITIONS
_BEFORE_OBJECT = DETERMINERS | POSSESSIVES | {"by", "to", "in", "on", "at", "for", "with"}
_SUBJECT_LEADS = PRONOUN_SUBJECTS | POSSESSIVES | _ARTICLES | {"that"}
_AUX_STOPS = frozenset(
    "that which who whom because if when while although though and or but i you he she it "
    "we they there".split()
)
SUBORDINATORS = frozenset(
    "when until after before because since while although though unless if as whereas once "
    "whenever".split()
)
# Every cut starts at a space, ";", "," or ":": the lookahead spares the other places the
# seven alternatives (same matches).
_BOUNDARY = re.compile(
    r"(?=[\s;,:])(?:\s*;\s+|,\s+(?:and|but|yet|so|while|whereas|although|though)(?:\s*,\s*|\s+)"
    r"|\s+(?:and|but)\s+(?=(?:he|she|they|we|i)\s)|:\s+(?=[“\"])"
    r"|\s+[—–―]\s+(?:and|but)\s+|\s+(?:and|but),\s+(?=(?:if|when|as|after)\b)"
    r"|(?P<splice>,\s+(?=(?:i|you|we|they|he|she|it|your|my|our|their)\s|\d)))",
    re.I,
)
_EVALUATIVE_OPENER = re.compile(r"(?:perhaps|maybe|arguably)\s+(?:most|more|even)\s+\w+,\s*", re.I)
_AS_PUT = re.compile(
    r",?\s+(?:as\s+[^,;“”\"]{3,60}?\s+(?:put it|noted|said|reported|wrote|says)"
    r"|according to\s+[^,;“”\"]{3,80})$"
)
_TRAILING_JUNK = frozenset(
    "and but or as so because since while when after before shortly that which who than "
    "including".split()
)


_SUBORDINATE_NEXT = re.compile(r"(?:if|when|as|after|before|because|unless)\b", re.I)
_CONTRAST = frozenset("though although while whereas because".split())
_SUB_END = re.compile(r",\s+|\s+[—–―]\s+")


def is_finite(toks: list[Token], i: int, text: str) -> bool:
    """Whether word ``i`` is a finite verb (an auxiliary, a past or a present form)."""
    low = toks[i][2]
    prev = toks[i - 1][2] if i > 0 else ""
    if low in AUXILIARIES or contracted(low):
        return True
    if low in PARTICIPLES or (text[toks[i][0]].isupper() and i > 0):
        return False
    nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
    if nxt in AUXILIARIES or contracted(nxt):
        return False  # "the returns would", "Trump's record has": the subject's noun
    bases, third, past = verb_forms()
    noun_before = prev.endswith("'s") and prev[:-2] not in PRONOUN_SUBJECTS
    after_noun = (prev not in _NOT_BEFORE_VERB and prev != "to" and not noun_before) or (
        i == 1 and prev in ("that", "this")
    )  # "That brings his total to ..."
    if low in past or (low.endswith("ed") and len(low) > 4):
        participle = prev in ("to", "be", "been", "being")  # "would be put", "to be named"
        return i > 0 and prev not in _ARTICLES_PREPOSITIONS and not participle and not noun_before
    if low in third:
        return i > 0 and after_noun and not prev.isdigit()
    if _named_subject_verb(toks, i, text):
        return True
    if (prev.endswith("ly") or prev in _ADVERBS) and i > 1 and low in bases:
        prev = toks[i - 2][2]  # "they occasionally find", "families here drive"
    if i > 2 and "," in text[toks[i - 1][1] : toks[i][0]]:
        for j in range(i - 1, max(0, i - 4), -1):  # "India and Pakistan, for instance, spar"
            if "," in text[toks[j - 1][1] : toks[j][0]]:
                prev, after_noun = toks[j - 1][2], True
                break
    if (
        low in bases
        and i > 0
        and after_noun
        and prev not in AUXILIARIES
        and prev not in inflected()
    ):
        plural = prev in ("i", "you", "we", "they", "who", "which", "that")
        named = text[toks[i - 1][0]].isupper() and not text[toks[i][0]].isupper()
        if named and i > 1 and toks[i - 2][2] in _ARTICLES:
            named = False  # "a June report": the name modifies a noun
        return plural or named or (prev.endswith("s") and not prev.endswith("ss") and len(prev) > 3)
    return False


def _named_subject_verb(toks: list[Token], i: int, text: str) -> bool:
    """An unlisted present verb after a name: "Clinton beats Trump by ..."."""
    low = toks[i][2]
    if i == 0 or i + 1 >= len(toks) or not low.endswith("s") or low.endswith(("ss", "'s", "us")):
        return False
    if not text[toks[i - 1][0]].isupper() or text[toks[i][0]].isupper() or len(low) < 4:
        return False
    nxt = toks[i + 1]
    return text[nxt[0]].isupper() or nxt[2][0].isdigit() or nxt[2] in _BEFORE_OBJECT


def first_finite(toks: list[Token], text: str, main: bool = True) -> int | None:
    """The first finite verb; with ``main``, the main clause's: not one that opens a
    relative clause ("a program that allows ... will expire"), nor one in a subordinate
    stretch set off by a comma ("As groups have emerged ..., the U.N. has struggled"),
    nor a participle after a comma ("The program, called EB-5, allows")."""
    if not toks:
        return None
    words = words_of(text)
    g = words.at(toks[0][0])
    # (equal, not identical: the mypyc build gives each tuple back as a new object)
    if g < 0 or g + len(toks) > len(words.words) or toks[-1] != words.words[g + len(toks) - 1]:
        raise ValueError("first_finite takes a run of the text's words, as tokens() gives")
    key = (g, len(toks), main)
    if key not in words.firsts:
        words.firsts[key] = _first_finite(toks, text, main, words, g)
    return words.firsts[key]


def _first_finite(toks: list[Token], text: str, main: bool, words: Words, g: int) -> int | None:
    n = len(toks)
    k = bisect_right(words.breaks, g)
    breaks = [x - g for x in words.breaks[k : bisect_left(words.breaks, g + n)]]
    at_break = set(breaks)
    lead = toks[0][2]
    stretch = 0
    subordinate = lead in SUBORDINATORS or (lead in _PREPOSITIONS - {"about"} and bool(breaks))
    _, _, past = verb_forms()
    memo = words.finite
    for i in range(n):
        key = (g + i, i if i < 4 else 4, i + 1 < n)
        finite = memo.get(key)
        if finite is None:
            finite = memo[key] = is_finite(toks, i, text)
        if i in at_break:
            stretch = i
            # a stretch that opens with a verb goes on the last one; "they've" starts anew
            if not finite or _opens_with_verb(toks[i][2]):
                subordinate = toks[i][2] in SUBORDINATORS
        if not finite:
            continue
        if not main:
            return i
        low = toks[i][2]
        if i == stretch and i > 0 and low in past and low not in AUXILIARIES:
            continue
        if i > 1 and toks[i - 1][2] in ("that", "which", "who"):
            continue
        if subordinate:
            continue
        if low not in AUXILIARIES and not contracted(low):
            return _auxiliary_after(toks, i, text, at_break)
        return i
    return None


def _auxiliary_after(toks: list[Token], i: int, text: str, breaks: set[int]) -> int:
    """ "Taxpayers reporting gains held for two years would pay": a participle after a
    noun, then the auxiliary that is the clause's verb."""
    if toks[i][2] in _FRAME_VERBS or (i > 0 and toks[i - 1][2] in PRONOUN_SUBJECTS):
        return i  # "voters said Mr. Trump should ...", "they support the changes ... are"
    for k in range(i + 1, min(len(toks), i + 9)):
        if k in breaks or toks[k][2] in _AUX_STOPS or text[toks[k][0]].isupper():
            break
        if toks[k][2] in AUXILIARIES:
            return k
    return i


def opens_with_verb(toks: list[Token]) -> bool:
    """A contracted subject and verb as the first word: "it's", "there's", "he'd"."""
    return bool(toks) and _opens_with_verb(toks[0][2])


def _opens_with_verb(low: str) -> bool:
    return contracted(low) and not low.endswith("n't")


def is_clause(text: str, start: int, end: int, main: bool = True) -> bool:
    """A subject and a finite verb: at least three words, a finite verb after the first."""
    toks = tokens(text, start, end)
    if len(toks) < 3:
        return False
    i = first_finite(toks, text, main)
    return i is not None and (i > 0 or toks[0][2] in PRONOUN_SUBJECTS or opens_with_verb(toks))


def starts_clause(text: str, start: int, end: int) -> bool:
    """A new independent clause begins at ``start``: a subject, then a finite verb soon
    (after a leading "if not reformed," or "as expected," aside)."""
    toks = tokens(text, start, end)[:16]
    if toks and toks[0][2] in SUBORDINATORS:
        comma = text.find(", ", start, end)
        for _ in range(3):
            if comma == -1:
                return False
            if starts_clause(text, comma + 2, end):
                return True
            comma = text.find(", ", comma + 2, end)
        return False
    if len(toks) < 2 or toks[0][2] in _NOT_SUBJECT:
        return False
    if opens_with_verb(toks):
        return True
    lead = toks[0][2]
    if text[toks[0][0]].islower() and (lead in inflected() or lead.endswith("ed")):
        return False  # "— but ditched her escort": a second verb, no new subject
    i = first_finite(toks, text)
    if i is None or i == 0 or i > 13:
        return False
    comma = text.find(",", start, toks[i][0])
    return comma == -1 or toks[0][2] in _SUBJECT_LEADS


def split_clauses(
    text: str, start: int, end: int, quoted: Callable[[int], bool] | None = None
) -> list[Offsets]:
    """Independent clauses of ``[start, end)``: cut at ``;``, ``, and``/``, but`` and kin,
    and a comma splice, where both sides have a subject and a finite verb; a leading
    ``Though X, Y`` gives X and Y. Cuts never fall inside a quoted passage."""
    pieces: list[Offsets] = []
    cursor = start
    found = list(_BOUNDARY.finditer(text, start, end))
    for k, m in enumerate(found):
        if quoted is not None and quoted(m.start()):
            continue
        nxt = found[k + 1] if k + 1 < len(found) else None  # the next match after m
        right_end = nxt.start() if nxt and not _SUBORDINATE_NEXT.match(text, m.end()) else end
        if m.group("splice") and not _short_subject(text, cursor, m.start()):
            continue  # a comma splice only after a short clause: "You live in poverty, ..."
        if is_clause(text, cursor, m.start()) and starts_clause(text, m.end(), right_end):
            pieces.append((cursor, m.start()))
            cursor = m.end()
    pieces.append((cursor, end))
    out: list[Offsets] = []
    for a, b in pieces:
        out.extend(_split_subordinate(text, a, b))
    return out


def _short_subject(text: str, start: int, end: int) -> bool:
    toks = tokens(text, start, end)
    i = first_finite(toks, text)
    return i is not None and i <= 3 and toks[0][2] not in SUBORDINATORS


def _split_subordinate(text: str, start: int, end: int) -> list[Offsets]:
    """``Though X, Y`` (and although, while, whereas, because, just as): X and Y are both
    asserted; the subordinator is dropped."""
    a, b = trim(text, start, end)
    toks = tokens(text, a, b)
    for k, t in enumerate(toks[:-1]):
        if k > 0 and "," not in text[toks[k - 1][1] : t[0]]:
            continue
        word = t[2]
        if word == "just" and toks[k + 1][2] == "as":
            k, word = k + 1, "as"
        elif word == "as" and k == 0:
            return [(start, end)]  # "As X, Y": one claim; "just as X, Y": two
        elif word not in _CONTRAST:
            continue
        body = toks[k + 1][0] if k + 1 < len(toks) else b
        for m in _SUB_END.finditer(text, body, b):
            if is_clause(text, body, m.start()) and starts_clause(text, m.end(), b):
                return [(body, m.start()), (m.end(), end)]
        if k == 0:
            return [(body, end)]
        return [(start, end)]
    return [(start, end)]


def trim(text: str, start: int, end: int) -> Offsets:
    """Drop openers ("But", "For instance,", "that"), stray marks and dangling words."""
    memo = words_of(text).trimmed
    key = (start, end)
    if key not in memo:
        memo[key] = _trim(text, start, end)
    return memo[key]


def _trim(text: str, start: int, end: int) -> Offsets:
    a, b = start, end
    while True:
        before = (a, b)
        while a < b and text[a] in _EDGE:
            a += 1
        while b > a and (text[b - 1] in _EDGE or text[b - 1] in ".!"):
            b -= 1
        stripped = (a, b)
        head = tokens(text, a, min(b, a + 60))
        if not head:
            return a, a
        first = head[0][2]
        second = head[1][2] if len(head) > 1 else ""
        if first == "so" and second in ("far", "much", "many", "long", "few"):
            pass
        elif first in DISCOURSE_OPENERS or (
            first == "that" and text[a] == "t" and not _verb_next(head)
        ):
            a = head[0][1]
            if first != "that" and a < b and text[a] == ",":
                a += 1
        if text[a : a + 1].lower() in _PHRASE_INITIALS:
            lowered = text[a : a + 30].lower()
            for phrase in DISCOURSE_PHRASES:
                if lowered.startswith(phrase + ","):
                    a += len(phrase) + 1
        m = _EVALUATIVE_OPENER.match(text, a, b) if text[a : a + 1] in "pPmMaA" else None
        if m:
            a = m.end()
        last = last_token(text, max(a, b - 30), b) if b - a > 30 else None
        if last is not None and last[2] in _TRAILING_JUNK:
            b = last[0]
        low = max(a, b - 160)
        if text.find(" as ", low, b) != -1 or text.find("according to", low, b) != -1:
            tail = _AS_PUT.search(text, low, b)
            if tail and tail.start() > a:
                b = tail.start()
        if (a, b) == before or (a, b) == stripped:
            break  # nothing but marks and spaces went: another round would change nothing
    b = _balance_end(text, a, b)
    return a, b


_PHRASE_INITIALS = frozenset(p[0] for p in DISCOURSE_PHRASES)


def _verb_next(toks: list[Token]) -> bool:
    """ "that doesn't account ...": a demonstrative subject, not a complementiser."""
    if len(toks) < 2:
        return False
    _, third, past = verb_forms()
    nxt = toks[1][2]
    return nxt in AUXILIARIES or contracted(nxt) or nxt in third or nxt in past


_CLOSING_MARK = re.compile(r"[.,!?]?[”\"]")


def _balance_end(text: str, a: int, b: int) -> int:
    """Keep a closing mark when the piece opens one; keep the stop of "U.S."."""
    unclosed = text.count("“", a, b) > text.count("”", a, b) or text.count('"', a, b) % 2 == 1
    if unclosed:
        m = _CLOSING_MARK.match(text, b)
        if m:
            return m.end()
    if text[b : b + 1] == "." and _initials_end(text, a, b):
        return b + 1
    for opener, closer in ("[]", "()"):
        if text[b : b + 1] == closer and text.count(opener, a, b) > text.count(closer, a, b):
            return b + 1  # "border areas like Gazientep [Turkey]"
    return b


def _initials_end(text: str, a: int, b: int) -> bool:
    """``text[a:b]`` ends with initials ("U.S", "D.C") that start a word in it."""
    if b - a < 3 or not _ascii_letter(text[b - 1]):
        return False
    s = b - 3
    while s >= a and text[s + 1] == "." and _ascii_letter(text[s]):
        if s == a or not (text[s - 1].isalnum() or text[s - 1] == "_"):
            return True
        s -= 2
    return False


def _ascii_letter(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"
