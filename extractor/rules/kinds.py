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
_NAME = r"(?P<name>[A-Z][\w’'-]+(?: (?:[A-Z]\.|[A-Z][\w’'-]+)){0,3})"
_KIN = re.compile(
    rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[A-Z][\w’'-]+[’']s) (?:\w+ )?(?P<role>{_MALE}|{_FEMALE}),"
    rf" {_NAME}|{_NAME.replace('name', 'name2')}, (?:his|her|their|the) (?:\w+ )?"
    rf"(?P<role2>{_MALE}|{_FEMALE})\b"
)
_FEMALE_ROLES = frozenset(_FEMALE.split("|"))
_KIN_WORDS = (*_MALE.split("|"), *_FEMALE_ROLES)


def sexes_named(text: str) -> dict[str, str]:
    """Names the text ties to a kinship role in apposition, with the sex ("m", "f") it
    gives: "her father, Anders Solvik" -> {"Anders Solvik": "m"}."""
    found: dict[str, str] = {}
    if not any(word in text for word in _KIN_WORDS):
        return found  # (the pattern runs only on a text holding one of its words)
    for m in _KIN.finditer(text):
        name, role = (
            (m.group("name"), m.group("role"))
            if m.group("name")
            else (
                m.group("name2"),
                m.group("role2"),
            )
        )
        found.setdefault(name, "f" if role in _FEMALE_ROLES else "m")
    return found


def settle_kinds(entities: list[Entity], by_name: dict[str, Entity], text: str) -> None:
    """Make the bodies among ``entities`` organisations and give people their sex where
    the text says it (``by_name``: the actors by lower-case name)."""
    for body in bodies_among(entities, text):  # "Halvorsen’s chief executive"
        body.type = "organization"
    for name, sex in sexes_named(text).items():  # "her father, Anders Solvik"
        if (kin := by_name.get(name.lower())) is not None:
            kin.kin_sex = sex
