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
            elif c in OPENERS and text[open_at] in OPENERS and _opens_here(text, i, len(c)):
                depth += 1  # “... “hell” ...”: a curly quote nested in a curly quote
            elif c in CLOSERS or c in (STRAIGHT, "''") or not _opens_here(text, i, len(c)):
                if depth > 0 and c in CLOSERS:
                    depth -= 1
                    continue
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
