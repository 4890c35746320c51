"""Headlines, subheads and sign-offs: the lines of an article whose names name no one
in the story (a name only in "Flynn Backs Trump on Generals" is not yet an actor)."""

from __future__ import annotations

from ..text.spans import Offsets
from .candidates import classify
from .document import Document


def _title_case(words: list[str]) -> bool:
    words = [w for w in words if w[:1].isalpha()]
    long_words = [w for w in words if len(w) > 3]
    if len(words) < 2 or not long_words:
        return False
    lower = [w for w in long_words if not w[0].isupper()]
    if any(w.strip(".,:;!?").lower() not in _TITLE_SMALL_WORDS for w in lower):
        return False  # "Sen. Michael Flynn visited Ohio.": a verb in lower case, a sentence
    return len(lower) / len(long_words) <= 0.2


#: Words of more than three letters a title-case headline may leave in lower case.
_TITLE_SMALL_WORDS = frozenset(
    "with from into onto over upon than that this about after amid among before under "
    "until while when where what which whose says said".split()
)


def headline_lines(doc: Document) -> list[Offsets]:
    """Headlines and subheads: paragraphs in title or capital case with no full stop at
    the end (or of a few words only), and run-in heads ("Limited Tools to Fight
    Terrorism: The United Nations ...") up to their colon."""
    text = doc.text
    lines = []
    for k, para in enumerate(doc.paragraphs):
        line = text[para.start : para.end].strip()
        words = line.split()
        stopped = line.endswith((".", "”", '"'))
        capitals = line.isupper() and len(words) >= 2
        if _sign_off(doc, k):
            continue  # a letter's sign-off ("Kathryn Kates." / "New York."): its writer
        if (
            capitals
            or ((not stopped or len(words) <= (20 if k < 2 else 4)) and _title_case(words))
            or (k == 0 and not stopped and len(words) <= 15)  # the headline, in sentence case
        ):
            lines.append((para.start, para.end))
        else:
            colon = line.find(": ", 0, 80)
            if colon > 0 and _title_case(line[:colon].split()):
                lines.append((para.start, para.start + colon))
    return lines


def _sign_off(doc: Document, k: int) -> bool:
    """A paragraph that is a person's name and a full stop, then a short place line or the
    end: a letter writer signing ("Kathryn Kates." / "New York."), not a subhead."""
    paragraphs = doc.paragraphs
    line = doc.text[paragraphs[k].start : paragraphs[k].end].strip()
    if not line.endswith(".") or line.isupper() or len(line[:-1].split()) > 4:
        return False  # (a name `classify` calls a person has two to four words)
    if classify(line[:-1]) != "person":
        return False
    if k + 1 == len(paragraphs):
        return True
    after = doc.text[paragraphs[k + 1].start : paragraphs[k + 1].end].strip()
    return len(after.split()) <= 4 and after.endswith(".")
