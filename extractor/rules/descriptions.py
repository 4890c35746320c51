"""What a speaker described in words is: a person, a group, an organisation, or the
body its staff speak for ("Pentagon officials", "officials at the World Bank")."""

from __future__ import annotations

import re

from ..text.spans import Offsets
from .candidates import _sentence_initial
from .lexicon import GROUP_NOUNS, ORG_WORDS, ROLE_NOUNS, TITLES

_BODY_NAME = r"(?P<org>[A-Z][\w’'.&-]*(?: (?:of |for |and |on )?[A-Z][\w’'.&-]*){0,5})"
_STAFF = r"(?:officials|spokesm[ae]n|spokeswom[ae]n|spokespeople|representatives|investigators)"
#: What a body puts out ("a poll by X found", "a report from the X said"): the body speaks.
_WORK = (
    r"(?i:(?:an?|the) (?:new |recent |latest )?"
    r"(?:poll|survey|study|report|analysis|review|audit|estimates?|projections?|forecast)"
    r" (?:by|from) (?:the )?)"
)
#: Staff speaking for a body, named by it, and its published work: the body speaks.
_AFFILIATIONS = (
    re.compile(rf"(?i:{_STAFF}) (?:at|of|with|from|for) (?:the )?{_BODY_NAME}"),
    re.compile(rf"(?:the )?{_BODY_NAME} {_STAFF}"),
    re.compile(rf"{_WORK}{_BODY_NAME}"),
    # one of its staff, unnamed ("a Treasury official"; "the ... spokesman" is a person)
    re.compile(rf"(?i:an? (?:senior |top )?){_BODY_NAME} (?i:official|spokesm[ae]n|spokeswoman)"),
)
#: "State officials", "Administration officials" opening a sentence: a common word made
#: capital by its place, not a body's name (the staff are a group, "state officials").
_COMMON_BODY = frozenset(
    """state federal city county local government administration campaign election party
    union company industry police military army court school hospital university board
    committee council health security business""".split()
)
#: The plural a body's staff or members go by ("officials", "workers", "leaders").
_PEOPLE_PLURALS = frozenset(w for w in ROLE_NOUNS | GROUP_NOUNS if w.endswith("s"))
_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def staff_opening(text: str, span: Offsets) -> bool:
    """Whether the word at ``span`` opens a sentence as a common word naming a body,
    before its people: "Administration" in "Administration officials said" (a group,
    "administration officials", not a body called "Administration"), unless the caller
    finds the word capitalised inside a sentence too."""
    if text[span[0] : span[1]].lower() not in _COMMON_BODY or not _sentence_initial(text, span[0]):
        return False
    m = _NEXT_WORD.match(text, span[1])
    return m is not None and m.group(1) in _PEOPLE_PLURALS


#: "Iraqi officials", "South Korean officials": a nationality, not a body's name.
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|an|i|ic)|[A-Z][a-z]+ [A-Z][a-z]+(?:ian|an)")


def body_named(phrase: str) -> tuple[str, int] | None:
    """The body whose staff the phrase names, and where in the phrase: "Pentagon
    officials" -> ("Pentagon", 0); None for anything else."""
    for pattern in _AFFILIATIONS:
        m = pattern.fullmatch(phrase)
        if m is None or _DEMONYM.fullmatch(m.group("org")):
            continue
        if m.group("org").lower() in _COMMON_BODY:
            return None
        return m.group("org"), m.start("org")
    return None


_DOCUMENT_WORDS = r"(?:poll|survey|study|report|analysis|review|audit|count|tally)"
#: "a poll released on Wednesday by the X Group", "a new survey by X", "results from X".
_MADE_WORK = re.compile(
    rf"(?i:\b{_DOCUMENT_WORDS}s?\b[^.;“”\"]{{0,60}}? (?:by|from) (?:the )?){_BODY_NAME}"
)
#: "The poll", "The same survey", "The survey of 804 likely voters": one named before.
_DOCUMENT_AGAIN = re.compile(
    rf"(?i:the|that|this) (?i:same |new |latest |full )?(?i:{_DOCUMENT_WORDS})(?: of [^,]{{1,40}})?"
)


def document_maker(text: str, phrase: str, before: int) -> Offsets | None:
    """Where the maker of the document a phrase refers back to ("The survey found")
    is named: in the latest "a poll by X" before ``before``; None for other phrases."""
    if _DOCUMENT_AGAIN.fullmatch(phrase) is None:
        return None
    made = list(_MADE_WORK.finditer(text, max(0, before - 3000), before))
    return made[-1].span("org") if made else None


_LOCATIVES = frozenset("in at on across inside outside".split())


def described_kind(words: list[str]) -> str:
    """The type of an actor described in ``words`` (lower case): a role in the singular
    ("the spokesman", "the head of X") is a person, in the plural a group; a place after
    it ("Republican strategists in the state") is not what they are."""
    cut = next((k for k, w in enumerate(words) if k > 0 and w in _LOCATIVES), len(words))
    core = words[:cut]
    head = [w for w in core if w not in ("the", "a", "an")][:2]
    if (core[-1] in ROLE_NOUNS and not core[-1].endswith("s")) or (
        head and head[0] in ROLE_NOUNS and "of" in core
    ):
        return "person"
    if core[-1] in ROLE_NOUNS or core[-1] in GROUP_NOUNS:
        return "group"
    if any(w in ORG_WORDS for w in words):
        return "organization"
    return "other"


#: "the senator", "the California congressman", "the mayor": a role the story gave a
#: person it named, as a title ("Sen. Tim Kaine", "Rep. Adam Schiff", "Mayor Ruth Obi").
_ROLE_REFERENCE = re.compile(r"[Tt]he (?:[A-Z][a-z]+ |[a-z]+-[a-z]+ )?(?P<role>[a-z]+)")
_ROLES = (ROLE_NOUNS | TITLES | {"congressman", "congresswoman", "lawmaker"}) - frozenset(
    "former first vice chief prime deputy leader candidate nominee officer".split()
)
_TITLE_ROLES = {
    "sen": "senator",
    "rep": "congressman congresswoman representative lawmaker",
    "representative": "congressman congresswoman lawmaker",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "adm": "admiral",
    "pres": "president",
    "dr": "doctor",
    "prof": "professor",
    "cllr": "councillor",
}


#: "The Premier", "The Opposition Leader": a title as the story wrote it, capitalised.
_TITLE_REFERENCE = re.compile(r"[Tt]he (?P<role>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})")


def role_named(phrase: str) -> str | None:
    """The role in a definite description of one person ("the senator" -> "senator",
    "The Opposition Leader" -> "opposition leader")."""
    m = _ROLE_REFERENCE.fullmatch(phrase)
    if m is not None and m.group("role") in _ROLES:
        return m.group("role")
    m = _TITLE_REFERENCE.fullmatch(phrase)
    return m.group("role").lower() if m is not None else None


def title_fits(title: str, role: str) -> bool:
    """Whether a person's title ("Sen.", "Rep.", "Opposition Leader") is the role."""
    words = title.lower().replace(".", "").split()
    if " " in role:
        return " ".join(words) == role
    return any(w == role or role in _TITLE_ROLES.get(w, "").split() for w in words)


#: "Its chief executive", "the company’s chief executive", "the union’s president": a
#: role held in some body, its holder named once in apposition ("..., Lena Marsh, said").
_HELD_ROLE = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur) (?:[\w.-]+[’']s )?"
    r"(?P<role>[a-z][a-z -]*?[a-z])(?: (?:of|for|at) [^,]{1,40})?"
)


def held_role(phrase: str, definite: bool = True) -> str | None:
    """The role of a description like "the company’s chief executive" ("chief
    executive"), to find the person an earlier apposition named in it (``definite``:
    not "a spokesman", who may be anyone)."""
    if definite and phrase[:2].lower() in ("a ", "an"):
        return None
    m = _HELD_ROLE.fullmatch(phrase)
    return m.group("role") if m is not None else None
