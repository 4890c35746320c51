"""Whether a name that its words alone make a person ("Corran Homes", "Halvorsen") is a
body: how the article treats it decides ("Halvorsen’s chief executive", "Corran Homes,
which builds ...", "Kestrel shares fell"), unless it also treats it as a person (a title,
a surname standing alone, "..., who", an age)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .entity import Entity

#: After a body's name: what only a body has, or "which".
_BODY_AFTER = re.compile(
    r"(?:(?:’s|'s|’|')\s+(?:new\s+|former\s+|own\s+)?(?:chief\s+executive|managing\s+director|"
    r"chief\s+(?:financial|operating)\s+officer|ceo|chairman|chairwoman|board\b|owners?)"
    r"|(?:’s|'s|’|')?\s+(?:shares|shareholders|share\s+price|headquarters|employees|plants|"
    r"factories))\b|,\s+which\s",
    re.IGNORECASE,
)
#: After a person's name: "who", an age (", 54," or " (54)").
_PERSON_AFTER = re.compile(r",\s+(?:who\s|\d{1,3},)|\s+\(\d{1,3}\)")


def bodies_among(entities: Iterable[Entity], text: str) -> list[Entity]:
    """The untitled "persons" among ``entities`` (and capitalised names of no known
    kind) that the text treats only as a body."""
    found = []
    for entity in entities:
        if entity.title or not (
            entity.type == "person" or (entity.type == "other" and entity.name[:1].isupper())
        ):
            continue
        words = entity.name.split()
        if len(words) > 1 and words[-1] in entity.aliases:
            continue  # "Hale" for "Simon Hale": a surname
        body = False
        for _, end in entity.mentions:
            if _PERSON_AFTER.match(text, end):
                break
            body = body or _BODY_AFTER.match(text, end) is not None
        else:
            if body:
                found.append(entity)
    return found
