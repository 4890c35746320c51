"""Name candidates: capitalised word sequences in the text, and what each one says by
itself (its title, the name, a type), before `names` decides who is who.

A sequence may join words with "of", "for", "the", "and", "on" ("Bank of America",
"Commission on Presidential Debates"); it is cut where the joined parts are two
names ("Bill O'Reilly of Fox News", "Cooper and Martha Raddatz"). A possessive
ending ("Donald Trump's") is not part of the name; a middle initial is ("Charles E.
Grassley").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.spans import Offsets
from .lexicon import (
    ABBREVIATED_TITLES,
    CAPITALS,
    DATE_WORDS,
    HONORIFICS,
    LOCATIVES,
    NOT_ACTOR_HEADS,
    NOT_NAMES,
    ORG_WORDS,
    PARTY_LABELS,
    PLACE_WORDS,
    PORTFOLIOS,
    TITLES,
    abbreviated_titles_pattern,
    countries,
    regions,
)

_PARTICLE = re.compile(r"(?:al|el|ad|ash|bin|ibn|abu|de|di|da|van|von|le|la|du)-[A-Z]")
_DEMONYM = re.compile(r"(?:ian|ish|ese|an|i|ic)$")


_NAME_TOKEN = (
    rf"(?:{abbreviated_titles_pattern()})"
    r"|(?:[A-Z]\.){2,}"
    r"|(?:al|el|ad|ash|bin|ibn|abu|de|di|da|van|von|le|la|du)-[A-Z][\w’'\-]*"
    rf"|[{CAPITALS}]\.(?= [{CAPITALS}])"  # a middle initial: "Charles E. Grassley"
    rf"|[{CAPITALS}][\w’'\-]*\w(?:(?<=s)[’'](?= (?:Alliance|Association|Union|Party|"
    r"Federation|League|Club|Council|Trust|Fund|Coalition|Society|Movement|Network|Guild|"
    r"Caucus)\b))?"
    rf"|[{CAPITALS}]\b"  # (a plural possessive inside a body's name: "Residents’ Alliance")
)
_NAME_SEQUENCE = re.compile(
    rf"(?<![\w\-’'])(?:{_NAME_TOKEN})"
    rf"(?: (?:(?:of the|for the|on the|of|for|on|the|de|al|bin|van|von|du|la|le|&|and) )?"
    rf"(?:{_NAME_TOKEN}))*"
)


#: A possessive inside a capitalised sequence ends a name ("CNN’s Wolf Blitzer"), except in
#: names built on one ("Democratic People's Republic", "Women's March").
_INNER_POSSESSIVE = re.compile(rf"(?<!People)(?<!Women)(?<!Children)(?<!Men)[’']s (?=[{CAPITALS}])")


#: Institutions named for a saint or a monarch in the possessive ("St Mary’s Hospital").
_SAINTS_INSTITUTIONS = frozenset(
    "Hospital College University School Academy Institute Church Cathedral Infirmary".split()
)


def _candidates(text: str) -> list[Offsets]:
    """Spans of capitalised sequences, connectors allowed inside ("Bank of America"), cut
    where the connector joins two names ("Bill O'Reilly of Fox News") and after a
    possessive ("CNN’s Wolf Blitzer": "CNN’s" and "Wolf Blitzer")."""
    out: list[Offsets] = []
    for m in _NAME_SEQUENCE.finditer(text):
        for a, b in _unglued(text, *m.span()):
            if " " not in text[a:b]:
                out.append((a, b))
                continue
            for cut in _INNER_POSSESSIVE.finditer(text, a, b):
                rest = text[cut.end() : b]
                if rest in _SAINTS_INSTITUTIONS:
                    continue  # "St Aldred’s Hospital", "King’s College": one name
                out.extend(_split_joined(text, a, cut.start() + 2))
                a = cut.end()
            out.extend(_split_joined(text, a, b))
    return out


#: Where a scraper glued two names together: a lower-case letter, then a capital.
_GLUE = re.compile(r"(?<=[a-z]{2})(?=[A-Z])")
_GLUED_TITLE = re.compile(rf"(?:{'|'.join(ABBREVIATED_TITLES)})\.")


def _unglued(text: str, a: int, b: int) -> list[Offsets]:
    """A candidate cut where a scraper glued names together ("Sen. Kelly AyotteRep. Bradley
    ByrneAl CardenasRep. Mike Coffman"): before an abbreviated title ("AyotteRep."), or at
    every case change when a run holds two or more of them. One case change alone is a
    name's own ("McConnell", "WikiLeaks", "DuVernay")."""
    cuts = [m.start() for m in _GLUE.finditer(text, a, b)]
    if not cuts:
        return [(a, b)]
    if len(cuts) < 2:
        cuts = [c for c in cuts if _GLUED_TITLE.match(text, c)]
    pieces, start = [], a
    for c in cuts:
        pieces.append((start, c))
        start = c
    pieces.append((start, b))
    return pieces


def _last_word(piece: str) -> str:
    return piece.split()[-1].lower().strip(".,") if piece.split() else ""


def _split_joined(text: str, a: int, b: int) -> list[Offsets]:
    """``X of Y`` / ``X on Y`` stay one name only after an organisation or title word
    ("Bank of America", "Commission on Presidential Debates", "Secretary of State");
    ``X and Y`` only when an organisation word ends it ("Securities and Exchange
    Commission")."""
    piece = text[a:b]
    for joiner in (" of ", " on "):
        at = piece.find(joiner)
        after = piece[at + len(joiner) :].split()[:1]
        if at > 0 and (
            _last_word(piece[:at]) not in ORG_WORDS | TITLES
            or (after and after[0].lower() in NOT_NAMES)  # "Hofstra University on Monday"
        ):
            return _split_joined(text, a, a + at) + _split_joined(text, a + at + len(joiner), b)
    for joiner in (" and ", " & "):
        at = piece.find(joiner)
        if at > 0 and _last_word(piece) not in ORG_WORDS and not _organisation_of(piece[:at]):
            return _split_joined(text, a, a + at) + _split_joined(text, a + at + len(joiner), b)
    return [(a, b)]


def _organisation_of(piece: str) -> bool:
    """ "Center for Strategic", "Department of Health": an organisation word, then "for" or
    "of" (so "and" goes on inside the name: "Center for Strategic and International
    Studies")."""
    words = piece.lower().split()
    return any(
        w in ("of", "for") and k > 0 and words[k - 1] in ORG_WORDS for k, w in enumerate(words)
    )


#: Second words of what a title is "of" ("Secretary of Homeland Security").
_TITLE_OBJECTS = frozenset("Security Affairs Services Development Resources".split())
_WORDISH = re.compile(r"[\w’'.\-]+")
_DATELINE_MARK = re.compile(r"\s*[—–,-]")
_ACRONYM = re.compile(r"[A-Z]{2,6}|(?:[A-Z]\.){2,}")
_NON_SPACE = re.compile(r"\S+")
_DOTTED = re.compile(r"(?:[A-Z]\.)+")
_OPENING_SPACE = frozenset(" \"“‘'(")


def _drop_leading_function_words(text: str, span: Offsets) -> Offsets | None:
    """ "But I", "The New York Times", "Her Mexican": drop the leading function words."""
    start, end = span
    while True:
        m = _WORDISH.match(text, start, end)
        if m is None:
            return None
        word = m.group().lower().rstrip(".")
        if word not in NOT_NAMES or m.end() == end:
            break
        if word == "new" and text[m.end() + 1 : m.end() + 2].isupper():
            break  # "New Jersey", "New York Times"
        start = m.end()
        while start < end and text[start] == " ":
            start += 1
    word = text[start:end]
    if word.lower() in NOT_NAMES or word == "I":
        return None
    return start, end


def _is_dateline(text: str, span: Offsets) -> bool:
    """ "OTTAWA — ...", "ST. ALBION —", "ALSBERG (Agence Continentale) —": a place in
    capitals opening a paragraph, and the agency credited beside it."""
    word = text[span[0] : span[1]]
    line_start = span[0] == 0 or text[span[0] - 1] == "\n"
    if line_start and word.isupper() and _DATELINE_MARK.match(text, span[1]):
        return True
    # a dateline's letters lie within its line's first 104 characters (place, agency):
    # a name further on is none of it, so the line start is looked for no further back
    line = text.rfind("\n", max(0, span[0] - _DATELINE_REACH), span[0]) + 1
    if line == 0 and span[0] > _DATELINE_REACH:
        return False
    head = _DATELINE.match(text, line)
    return head is not None and span[1] <= head.end()


#: A dateline: a place in capitals, maybe the agency in brackets, then a dash.
_DATELINE = re.compile(r"[A-Z][A-Z.'’\- ]{0,40}(?:\([^)\n]{1,60}\))?\s*[—–―]")
_DATELINE_REACH = 120


def _after_locative(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in LOCATIVES


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENING_SPACE:
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def past_common_first_word(
    text: str, at: int, stop: int, lower_words: set[str], candidate_texts: set[str]
) -> int:
    """Where a name starts that a sentence opens with a common word ("Rival Hillary
    Clinton", "Injecting Clinton"): a first word also written in lower case in the text
    (``lower_words``), or a verb's -ing form, is not part of the name, when the rest is
    named without it elsewhere (in ``candidate_texts``: "Morning Consult" stays whole)."""
    space = text.find(" ", at, stop)
    if space < 0 or not _sentence_initial(text, at):
        return at
    word = text[at:space]
    low = word.lower()
    if word.isupper() or low == word or not low.isalpha():
        return at
    if not (low.endswith("ing") or low in lower_words):
        return at
    # the rest stands alone elsewhere: it is a candidate of its own there
    return space + 1 if text[space + 1 : stop] in candidate_texts else at


_PLACE_OPENERS = frozenset("New Port Fort Mount Cape".split())
_BODY_PREFIXES = frozenset("U.N. UN E.U. EU".split())


def classify(name: str) -> str | None:
    """person | organization | country | group, or None when the words are no name."""
    words = name.split()
    if name in countries():
        return "country"
    if any(w.lower().strip(".") in ORG_WORDS for w in words):
        return "organization"
    if len(words) == 1 and _ACRONYM.fullmatch(name):
        return "organization"
    if 2 <= len(words) <= 3 and words[0] in _BODY_PREFIXES:
        return "organization"  # "U.N. Women", "EU Commission": a body of the union
    if 2 <= len(words) <= 4 and all(w[0].isupper() or _PARTICLE.match(w) for w in words):
        return "person"
    return None


def _a_role(words: list[str]) -> bool:
    """A title after portfolio words only ("Health Secretary", "Shadow Home Secretary")."""
    lows = [w.lower() for w in words]
    return lows[-1] in TITLES and all(w in PORTFOLIOS or w in TITLES for w in lows[:-1])


def split_title(text: str, span: Offsets) -> tuple[str | None, Offsets]:
    """``Defense Secretary Mark Esper`` -> ("Defense Secretary", span of "Mark Esper")."""
    tokens = [
        (m.start() + span[0], m.end() + span[0])
        for m in _NON_SPACE.finditer(text[span[0] : span[1]])
    ]
    last_title = -1
    for k, (a, b) in enumerate(tokens[:-1]):
        word = text[a:b]
        if word.lower().strip(",") in TITLES:
            last_title = k
        elif word == "of" and last_title == k - 1 and k + 2 < len(tokens):
            # "Secretary of State John F. Kerry", "Secretary of Homeland Security Jeh Johnson"
            last_title = k + 1
            if text[slice(*tokens[k + 2])] in _TITLE_OBJECTS and k + 3 < len(tokens):
                last_title = k + 2
    if last_title == -1:
        return None, span
    rest = tokens[last_title + 1 :]
    if not rest:
        return None, span
    title = text[tokens[0][0] : tokens[last_title][1]]
    return title, (rest[0][0], rest[-1][1])


@lru_cache(maxsize=4096)
def _read_candidate(chunk: str) -> tuple | None:
    """A capitalised sequence by itself (cached: names recur): (its span, title, span of the
    name, name, type, all adjectives?, canonical name), offsets in ``chunk``; None: no name."""
    span = _drop_leading_function_words(chunk, (0, len(chunk)))
    if span is None:
        return None
    title, core = split_title(chunk, span)
    name = chunk[core[0] : core[1]]
    if not _DOTTED.fullmatch(name):
        name = name.rstrip(".’'")
    first = name.split()[0]
    if first.lower() in HONORIFICS and len(name.split()) > 1:
        title = title or first
        name = name.split(" ", 1)[1]
    elif (
        first.lower() in PARTY_LABELS
        and len(name.split()) > 2
        and classify(name.split(" ", 1)[1]) == "person"
    ):  # "Democrat Hillary Clinton", not "Democratic National Committee"
        title = f"{title} {first}" if title else first
        core = (core[0] + len(first) + 1, core[1])
        name = name.split(" ", 1)[1]
    if name.endswith(("’s", "'s")) and len(name) > 3:  # "Donald Trump's": the name is before
        name = name[:-2]
        span, core = (span[0], span[1] - 2), (core[0], core[1] - 2)
    if name.lower() in NOT_NAMES or len(name) < 2:
        return None
    kind = classify(name)
    words = name.split()
    if kind == "person" and _a_role(words):
        return None  # "Health Secretary", "Foreign Minister": a role, no one's name
    if words[-1].lower().rstrip(".") in NOT_ACTOR_HEADS and kind != "organization":
        return None  # "Labor Day", "Fifth Amendment": a thing, never a speaker
    if kind == "person" and (
        name in regions()
        or words[-1] in PLACE_WORDS
        or words[0] in _PLACE_OPENERS  # "New York", "Port Elridge", "Mount Hood"
        or any(w.lower().strip(".’'s") in DATE_WORDS for w in words)
    ):
        return None
    adjectives = kind == "person" and all(_DEMONYM.search(w) for w in words)
    canonical = countries().get(name, name) if kind == "country" else name
    return span, title, core, name, kind, adjectives, canonical
