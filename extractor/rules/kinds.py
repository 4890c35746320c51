"""What kind of actor a name is, from how the article treats it: a body, when its words
alone make a person ("Halvorsen’s chief executive", "Corran Homes, which builds ...",
"Kestrel shares fell"), unless the article also treats it as a person (a title, a surname
standing alone, "..., who", an age); and a person's sex, where a kinship or a gendered
role stands in apposition ("her father, Anders Solvik", "Mikael Varo, her son,")."""

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


_MALE = "father|son|husband|brother|grandfather|grandson|uncle|nephew|widower|boyfriend"
_FEMALE = "mother|daughter|wife|sister|grandmother|granddaughter|aunt|niece|widow|girlfriend"
_ROLES = f"(?P<role>{_MALE}|{_FEMALE})"
_NAME = r"[A-Z][\w’'-]+(?: (?:[A-Z]\.|[A-Z][\w’'-]+)){0,3}"
#: "her father, Anders Solvik": the kin before a comma (read backwards from it) ...
_KIN_BEFORE = re.compile(
    rf"(?:^|\s)(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[A-Z][\w’'-]+[’']s) (?:\w+ )?{_ROLES}$"
)
_NAME_AFTER = re.compile(_NAME)
#: ... or "Mikael Varo, her son,": the kin after it, the name before.
_KIN_AFTER = re.compile(rf"(?:his|her|their|the) (?:\w+ )?{_ROLES}\b")
_NAME_BEFORE = re.compile(rf"(?:^|(?<=\s)){_NAME}$")
_FEMALE_ROLES = frozenset(_FEMALE.split("|"))
_KIN_WORDS = (*_MALE.split("|"), *_FEMALE_ROLES)
_DETERMINERS = ("his ", "her ", "their ", "the ")


def sexes_named(text: str) -> dict[str, str]:
    """Names the text ties to a kinship role in apposition, with the sex ("m", "f") it
    gives: "her father, Anders Solvik" -> {"Anders Solvik": "m"}. Read at each ", "
    (a few dozen an article; a pattern tried at every character cost twenty times more)."""
    found: dict[str, str] = {}
    at = text.find(", ")
    while at != -1:
        kin = name = None
        if text.endswith(_KIN_WORDS, 0, at):  # "... her father, " then a name
            kin = _KIN_BEFORE.search(text[max(0, at - 60) : at])
            name = _NAME_AFTER.match(text, at + 2) if kin is not None else None
        if name is None and text.startswith(_DETERMINERS, at + 2):  # "X, her son,"
            kin = _KIN_AFTER.match(text, at + 2)
            name = _NAME_BEFORE.search(text[max(0, at - 60) : at]) if kin is not None else None
        if kin is not None and name is not None:
            found.setdefault(name.group(), "f" if kin.group("role") in _FEMALE_ROLES else "m")
        at = text.find(", ", at + 2)
    return found


def settle_kinds(entities: list[Entity], by_name: dict[str, Entity], text: str) -> None:
    """Make the bodies among ``entities`` organisations and give people their sex where
    the text says it (``by_name``: the actors by lower-case name)."""
    for body in bodies_among(entities, text):  # "Halvorsen’s chief executive"
        body.type = "organization"
    for name, sex in sexes_named(text).items():  # "her father, Anders Solvik"
        if (kin := by_name.get(name.lower())) is not None:
            kin.kin_sex = sex
