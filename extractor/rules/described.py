"""Whether the words that describe a speaker ("the Pentagon spokesman", "Republican
lawmakers", "Two cabinet ministers") name someone in particular, and so make an actor,
or are a clause fragment, a count, a date or "generic unnamed people" ("critics", "some
experts": `ACTOR_GUIDELINE.md`)."""

from __future__ import annotations

import re

from .lexicon import DATE_WORDS, GROUP_NOUNS, NOT_NAMES, ORG_WORDS, ROLE_NOUNS, TITLES

#: Nouns for a person or body described rather than named ("the computer specialist").
PERSON_NOUNS = frozenset(
    "specialist mother father wife husband son daughter brother sister friend neighbour "
    "neighbor owner teacher doctor nurse pastor priest website newspaper paper station "
    "network firm company campaign group organization organisation".split()
)
_CLAUSE_WORDS = frozenset(
    "he she they it i we you who whom that which what when where why how has have had is "
    "was are were be been said says say told could would should will can may might must "
    "not yet and or but if so than then seems seem want wants wanted did does do located "
    "included filed amounting failed treating haven't hasn't didn't don't isn't wasn't "
    "aren't weren't won't can't couldn't wouldn't doesn't shouldn't".split()
)
#: A first word that makes a group or role named ("Republican lawmakers", "Syrian
#: officials"), not just the capital of a sentence's first word ("Civil rights activists").
_NAMING_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|an|i|ic)$|[A-Z]{2,}$")
_QUANTIFIERS = frozenset(
    "many most some several few all both each every any no one two three percent chorus "
    "number dozens hundreds thousands small large".split()
)
_INDEFINITES = frozenset("a an another".split())
_PREPOSITIONS = frozenset("of in at on by for from with to".split())
_NO_ONE_IN_PARTICULAR = _INDEFINITES | _PREPOSITIONS  # first words of "a friend", "of X"
#: One capitalised word that names no one: a common word, a plural, a role, a body.
_NOT_ONE_NAME = NOT_NAMES | GROUP_NOUNS | ROLE_NOUNS | ORG_WORDS | TITLES  # ... or a title
_LOWER_WORD = re.compile(r"[a-z’'-]+")


def names_someone(phrase: str) -> bool:
    """A noun phrase naming someone in particular: a name in it, or a noun for a person or
    body after "the" or a possessive, and nothing of a clause (pronouns, verbs,
    conjunctions), of a count ("32% of", "small groups of") or of a date ("in April").
    One word alone ("Meanwhile", "Lawmakers") and an indefinite ("a friend", "a review
    of records") name no one in particular."""
    words = _LOWER_WORD.findall(phrase.lower().replace("’", "'"))
    tokens = phrase.split()
    if phrase.endswith(("’s", "'s")):
        return False  # "Democratic presidential candidate’s"
    if len(tokens) == 1:  # a name ("Melanie", "PolitiFact"), not a common word or a plural
        return (
            phrase[:1].isupper()
            and phrase.isalpha()
            and not (phrase.isupper() and len(phrase) > 5)  # "CLARIFICATION"
            and phrase.lower() not in _NOT_ONE_NAME
            and _NAMING_ADJECTIVE.fullmatch(phrase) is None  # "Democratic", "Syrian"
        )
    if not words or len(tokens) > 6 or words[0] in _NO_ONE_IN_PARTICULAR:
        return False
    if any(w in _CLAUSE_WORDS or w in DATE_WORDS for w in words):
        return False
    if words[0] in _QUANTIFIERS:
        return _speaking_group(words[1:])
    if any(c.isdigit() for c in phrase):
        return False
    if any(w[:1].isupper() for w in tokens[1:]) or _NAMING_ADJECTIVE.fullmatch(tokens[0]):
        return True
    if words[-1] in GROUP_NOUNS or (words[-1].endswith("s") and words[-1] in ROLE_NOUNS):
        return _speaking_group(words)
    nouns = ROLE_NOUNS | ORG_WORDS | GROUP_NOUNS | PERSON_NOUNS
    return any(w in nouns for w in words)


#: Plural nouns too vague to make a group, whatever is said of them.
_NO_GROUP = frozenset("people sources others".split())
#: Lower-case words that tie people to a body or a side ("state lawmakers", "opposition
#: leaders", "union leaders", "cabinet ministers"): what makes them a group, not
#: "generic unnamed people" ("critics", "some experts"), by `ACTOR_GUIDELINE.md`.
_AFFILIATIONS = frozenset(
    """state federal city county municipal council opposition union party cabinet senate
    house congressional government administration campaign company industry military
    police army navy church school hospital university court board committee ministry
    parliamentary coalition business farm labor labour trade election advocacy""".split()
)


def _speaking_group(words: list[str]) -> bool:
    """People the story names by their side or body ("state lawmakers", "Two cabinet
    ministers", "opposition leaders"): a group when it speaks or believes."""
    return (
        len(words) >= 2
        and len(words) <= 4
        and words[-1] not in _NO_GROUP
        and (words[-1] in GROUP_NOUNS or (words[-1].endswith("s") and words[-1] in ROLE_NOUNS))
        and any(w in _AFFILIATIONS for w in words[:-1])
        and not any(w in _QUANTIFIERS or w in _PREPOSITIONS for w in words)
    )
