"""Find quoted passages: pair opening and closing marks, in any mix of styles.

Scraped news mixes straight and curly marks, even within one quote (an opening
“ closed by a straight "). A quote that runs over several paragraphs repeats
its opening mark at each new paragraph and closes only at the end; such a
quote is one passage. Single marks are left alone: inside a double-quoted
passage they are nested quotes, elsewhere mostly apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.marks import CLOSERS, OPENERS, STRAIGHT
from .document import Document


@dataclass(frozen=True, slots=True)
class Quoted:
    """A passage in quotation marks, marks included: ``text[start:end]``."""

    start: int
    end: int
    closed: bool = True


def _opens_here(text: str, i: int, width: int = 1) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    return (prev.isspace() or prev in "([{—–-/:;,") and not nxt.isspace()


_MARK_TOKEN = re.compile("''|[“”„«»\"]")
_MARK = re.compile('[“”„«»"]')  # the same matches in a text with no ''; a faster scan


_NICKNAME = re.compile(r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)?")


_FIRST_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\.? $")
_SURNAME_AFTER = re.compile(r" [A-Z][a-z]")


def _nickname(text: str, start: int, end: int) -> bool:
    """``Marcia "Cia" Price``, ``Dwayne “The Rock” Johnson``: a name's nickname between
    its first name and surname, no quotation."""
    return (
        _NICKNAME.fullmatch(text, start + 1, end - 1) is not None
        and _FIRST_NAME_BEFORE.search(text, max(0, start - 30), start) is not None
        and _SURNAME_AFTER.match(text, end) is not None
    )


_SMALL_WORDS = frozenset("a an and at by for in it of on or the to with".split())
_TITLE_BEFORE = re.compile(
    r"(?:[’']s|\b(?i:on|in|at|during|from|for|of|his|her|their|its|a|an|the|to|into))[^\S\n]*$"
)


#: A work or a sign named right before it: "her book, “The Quiet Classroom,”", "a series
#: called “Hallway Legends”", "T-shirts reading “Save Our Stacks”".
_WORK_BEFORE = re.compile(
    r"\b(?:book|memoir|novel|film|movie|documentary|series|show|programme|program|podcast|"
    r"song|album|play|column|essay|report|campaign|slogan|initiative|project|app|game)"
    r"(?:,| (?:called|titled|entitled|named))[^\S\n]*$|\breading[^\S\n]*$"
)


def is_title(text: str, q: Quoted) -> bool:
    """``Fox News’s “Fox and Friends.”``, ``in “Barack Obama Election Day,”``: the
    title of a show, book or event (every word capitalised, after a possessive, a
    preposition or a determiner), which names a thing and quotes no one."""
    inner = text[q.start + 1 : q.end - 1].strip(" ,.!?")
    words = inner.split()
    if not 1 <= len(words) <= 6 or not words[0][0].isupper():
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w in _SMALL_WORDS for w in words):
        return False
    before = max(0, q.start - 40)
    return (
        _TITLE_BEFORE.search(text, before, q.start) is not None
        or _WORK_BEFORE.search(text, before, q.start) is not None
    )


def find_quoted(doc: Document, ignore: frozenset[int] = frozenset()) -> list[Quoted]:
    """Every quoted passage of the document, in text order.

    Two apostrophes (``''``), as some archives write a double quotation mark, count
    as one straight double mark. Marks at the offsets in ``ignore`` are not marks
    (the never-closed mark opening each turn of a transcript).
    """
    text = doc.text
    found: list[Quoted] = []
    paragraphs = doc.paragraphs
    open_at: int | None = None
    depth = 0
    skip = -1  # the repeated opening mark of a quote's next paragraph
    marks = _MARK_TOKEN if "''" in text else _MARK
    for n, para in enumerate(paragraphs):
        for m in marks.finditer(text, para.start, para.end):
            i, c = m.start(), m.group()
            if i == skip or i in ignore:
                continue
            if open_at is None:
                if c in OPENERS or _opens_here(text, i, len(c)):
                    open_at, depth = i, 0
            elif (
                c in OPENERS
                and _opens_here(text, i, len(c))
                and (text[open_at] in OPENERS or text.find(STRAIGHT, i, para.end) != -1)
            ):
                # “... “hell” ...”, and "... “rant,” ..." closed by a straight mark later in
                # the paragraph: a curly quote nested in the quote
                depth += 1
            elif c in CLOSERS or c in (STRAIGHT, "''") or not _opens_here(text, i, len(c)):
                if depth > 0 and c in CLOSERS:
                    depth -= 1
                    continue
                if not _nickname(text, open_at, m.end()):
                    found.append(Quoted(open_at, m.end()))
                open_at = None
        if open_at is None:
            continue
        following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        if following is not None and _MARK_TOKEN.match(text, following.start):
            skip = following.start  # the quote goes on into the next paragraph
            continue
        end = para.end
        while end > open_at and text[end - 1].isspace():
            end -= 1
        found.append(Quoted(open_at, end, closed=False))
        open_at = None
    return found
