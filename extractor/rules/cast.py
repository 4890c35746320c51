"""Who is really in the story: the last word on which collected names are actors.

`names` collects candidates generously; this module drops what a reader would
not call an actor and joins what is one actor under two names:

- headline-case lines ("Debating The Donald", "FULL TEXT") name no one unless the
  name also appears in the story's sentences;
- a speaker described in words is an actor only when the words name someone in
  particular (`described`: "the Pentagon spokesman", "Republican lawmakers", "state
  lawmakers"), never a clause fragment ("he has yet", "said they") nor generic unnamed
  people ("critics", "some experts");
- events, laws and dates ("Fifth Amendment", "Election Day") and a lone generic
  organisation word ("Commission", "Department") are not actors;
- an acronym joins the organisation whose initials it spells ("DNC" and "Democratic
  National Committee"), and a short form the organisation whose name ends with it
  ("Post" and "Washington Post").
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from ..text.spans import Offsets
from .described import names_someone
from .document import Document
from .entity import Entity
from .kinds import bodies_among
from .lexicon import NOT_ACTOR_HEADS
from .names import ActorIndex
from .prefixes import word_choice

GENERIC_ORG = frozenset(
    "commission council department foundation assembly committee agency ministry office "
    "administration board court party union university trust academy exchange caucus "
    "airlines airways railways utilities industries holdings resources securities "
    "technologies insurance energy orchestra symphony".split()
)
#: Party members named as a group ("Republicans", "Democrats") act and speak as one.
_PARTY_GROUPS = (
    "Republicans Democrats Conservatives Liberals Tories Progressives Independents "
    "Libertarians Greens Socialists"
).split()
_PARTY_GROUP = re.compile(rf"(?:{word_choice(_PARTY_GROUPS)})\b")  # \b(?:...)\b, `prefixes`
#: Nouns by which a story refers back to an organisation it has named ("the agency",
#: "the website"): such a description is that organisation, or no actor of its own.
_REFERRING_NOUNS = frozenset(
    "agency website site newspaper paper network station company firm department office "
    "committee panel campaign group organization organisation board commission council "
    "ministry bureau service authority institute university court".split()
)
#: Referring nouns only when alone ("the fund", "the party"; "the central bank" is one).
_BARE_REFERRING_NOUNS = frozenset(
    "fund bank union party center centre foundation coalition alliance association "
    "federation league".split()
)
#: An unnamed spokesman of a body referred back to ("a spokesman for the fund", "a company
#: spokeswoman", "officials at the bank"): the body speaks (the noun is its group).
_STAFF_OF_BODY = re.compile(
    r"(?:(?:an?|the) )?(?:senior |top )?(?:spokes(?:man|woman|person)|officials?|representatives?)"
    r" (?:for|of|at|with|from) the (?P<noun>[a-z]+)"
    r"|(?:(?:an?|the) )?(?P<first>[a-z]+) (?:spokes(?:man|woman|person)|officials?)"
)
#: Referring nouns that fit any organisation, not only one whose name holds them.
_ANY_BODY_NOUNS = frozenset("agency organization organisation group".split())
_STATE_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2}|[A-Z][a-z]{1,3}\.")


#: Words before a name that make it a place or a setting, not a doer ("in Yemen", "at the
#: Cato Institute", "told CNN", "on CBS"); "by" is left out: "a study by Harvard found".
_SETTING_WORDS = frozenset(
    "in at near across outside throughout inside into to from of on for with over about "
    "against between among within toward towards around".split()
)
#: Words after a name that make it the doer (verbs, adverbs before a verb) or that go on
#: to another name ("China and Russia"), so the name modifies no noun.
_ACTING_WORDS = frozenset(
    """is was are were has have had will would can could may might should must does did
    said says told say ran sent took met made gave led won went came found held paid put
    set began brought kept left lost built chose drew fell felt got grew hit knew meant
    read rose saw sold spent stood thought wrote and or nor but as that which who whose
    also then now still never already often not in on at of for with to by from into over
    this last next about after before since during""".split()
)
#: People who act for a body ("members of", "officials at", "lawyers for" the body).
_ITS_PEOPLE = frozenset(
    "members leaders officials staff representatives lawyers spokesman spokeswoman".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z’'.-]+)[ \t]+$")
_WORD_AFTER = re.compile(r"^[ \t]*([a-z][a-z’'-]*)")


def _in_a_setting(text: str, span: Offsets) -> bool:
    """A mention that names a place, a venue or an affiliation, or modifies a noun ("U.S.
    senator", "a Wall Street Journal essay"), rather than something the body does."""
    a, b = span
    if text[b : b + 2] in ("’s", "'s"):
        return True
    after = _WORD_AFTER.match(text[b : b + 30])
    if after:
        word = after.group(1)
        verbish = word.endswith(("ed", "ly")) or (word.endswith("s") and not word.endswith("ss"))
        if word not in _ACTING_WORDS and not verbish:
            return True
    before = text[max(0, a - 60) : a]
    if before.lower().endswith("according to "):
        return False  # a source
    for _ in range(3):  # back over "the" and lower-case modifiers: "at the libertarian"
        m = _WORD_BEFORE.search(before)
        if m is None:
            return False
        word = m.group(1)
        if word.lower() in _SETTING_WORDS:
            # "Members of the Congressional Black Caucus held ...": the body acts
            staff = _WORD_BEFORE.search(before[: m.start()])
            return staff is None or staff.group(1).lower() not in _ITS_PEOPLE
        if not word.islower() or word in _ACTING_WORDS:
            return False
        before = before[: m.start()]
    return False


def _only_a_setting(entity: Entity, text: str) -> bool:
    """A country or organisation that never acts: every mention a place or a setting."""
    return (
        entity.type in ("country", "organization")
        and not entity.speaker
        and bool(entity.mentions)
        and all(_in_a_setting(text, m) for m in entity.mentions)
    )


def _always_the(entity: Entity, text: str) -> bool:
    """A "person" never named as people are: "the" before every mention ("the Federal
    Reserve", "the Kilmora Champion"): a body (or a thing, which then stands only as a
    setting: "in the South China Sea")."""
    if entity.type != "person" or entity.speaker or entity.title or not entity.mentions:
        return False
    if _INITIAL.search(entity.name):
        return False  # "the George W. Bush administration": a person's
    return all(
        text[max(0, a - 4) : a].lower() == "the " and not _PERSONS_OWN.match(text, b)
        for a, b in entity.mentions
    )


_INITIAL = re.compile(r" [A-Z]\. ")
#: What a person has that "the" goes before ("the Barack Obama administration").
_PERSONS_OWN = re.compile(r" (?:administration|campaign|presidency|era|years|family|estate)\b")


def _inside_any(span: Offsets, spans: list[Offsets]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _initials(name: str) -> str:
    return "".join(
        w[0] for w in name.replace("-", " ").split() if w[0].isupper() and w.lower() != "the"
    )


def _not_an_actor(entity: Entity, headlines: list[Offsets]) -> bool:
    name = entity.name
    words = name.split()
    if entity.mentions and all(_inside_any(m, headlines) for m in entity.mentions):
        return True  # named only in headline-case lines
    if entity.described:
        return not names_someone(name)
    if entity.speaker:
        return False
    if words and words[-1].lower().rstrip(".") in NOT_ACTOR_HEADS:
        return True
    if len(words) == 1 and name.lower() in GENERIC_ORG:
        return True
    return _STATE_ABBREVIATION.fullmatch(name) is not None


def settle_cast(
    index: ActorIndex, doc: Document, headlines: list[Offsets]
) -> tuple[set[int], dict[int, Entity]]:
    """Merge what is one actor and find what is none. Returns the ids (``id(entity)``) of
    candidates to leave out of the result, and, by id, what each merged one became.
    ``headlines``: the document's `headline_lines`."""
    drop: set[int] = set()
    merged: dict[int, Entity] = {}
    for m in _PARTY_GROUP.finditer(doc.text):  # after attribution: "they" never means them
        if not _inside_any(m.span(), headlines):
            group = index.named(m.group(), "group")
            group.described = False  # a name, even where a cue found it first
            group.type = "group"
            group.add(m.group(), m.span())
    for body in bodies_among(index.entities, doc.text):  # named first by a cue: "Varnelly"
        body.type = "organization"
    for entity in index.entities:
        if _always_the(entity, doc.text):
            entity.type = "organization"  # "the Federal Reserve", "the Minnesota Vikings"
    organisations = [e for e in index.entities if e.type == "organization"]
    # (an unnamed spokesman of a body is no fuller name of it: "the fund" is not his)
    named = [o for o in organisations if not _STAFF_OF_BODY.fullmatch(o.name)]
    spelt = [(o, _spelt_out(o.name).split()) for o in named]
    for entity in list(index.entities):
        acronym = entity.name.replace(".", "")
        if entity.type == "organization" and acronym.isupper() and 2 <= len(acronym) <= 6:
            full = next(
                (o for o in organisations if o is not entity and _initials(o.name) == acronym),
                None,
            )
            if full is not None and entity in index.entities and full in index.entities:
                index.merge(entity, full)  # (full may have been merged away already)
                merged[id(entity)] = full
                continue
        fuller = _fuller_organisation(entity, spelt)
        if fuller is None and entity.described:
            fuller = _referent(entity, organisations)
        if fuller is not None and entity in index.entities and fuller in index.entities:
            index.merge(entity, fuller)
            merged[id(entity)] = fuller
        elif entity.described and _referring(entity):
            drop.add(id(entity))  # "the agency" with no agency named before it
    for short, full in [*_misspelt(index.entities), *_two_word_surnames(index.entities)]:
        if short in index.entities and full in index.entities:
            index.merge(short, full)
            merged[id(short)] = full
    for entity in index.entities:  # after the merges: a name's every mention is its own
        if _not_an_actor(entity, headlines) or _only_a_setting(entity, doc.text):
            drop.add(id(entity))
    return drop, merged


#: Short forms that begin organisation names ("U.N. Security Council" is "United Nations
#: Security Council").
_SHORT_FORMS = {
    "U.N.": "United Nations",
    "UN": "United Nations",
    "E.U.": "European Union",
    "EU": "European Union",
    "U.S.": "United States",
    "US": "United States",
}


#: Last words of company names that a story drops, with what goes before them, on later
#: mentions ("Trellis Foods", then "Trellis").
_COMPANY_SUFFIXES = frozenset(
    "foods motors airlines airways inc corp corporation co company holdings industries "
    "group securities technologies pharmaceuticals ratings analytics laboratories brands "
    "energy insurance ltd plc llc".split()
)


def _spelt_out(name: str) -> str:
    first, _, rest = name.partition(" ")
    return f"{_SHORT_FORMS[first]} {rest}" if first in _SHORT_FORMS and rest else name


def _fuller_organisation(
    entity: Entity, organisations: list[tuple[Entity, list[str]]]
) -> Entity | None:
    """The one organisation whose name ends with this one's ("Post" in "Washington Post",
    "Security Council" in "U.N. Security Council", "Homeland Security" in "Department of
    Homeland Security"), if there is exactly one; "U.N. X" and "United Nations X" are one.
    ``organisations``: each with the words of its spelt-out name."""
    if entity.type not in ("organization", "other") and (
        entity.type != "person" or entity.title or entity.speaker
    ):
        return None
    words = _spelt_out(entity.name).split()
    found = {
        " ".join(full): o
        for o, full in organisations
        if o is not entity
        and len(full) >= len(words)
        and full[-len(words) :] == words
        and full != words
    }
    if len(found) == 1:
        return next(iter(found.values()))
    if not found and entity.type in ("organization", "other"):
        firms = [  # "Trellis" for "Trellis Foods", "Halvorsen" for "Halvorsen Appliance Co"
            o
            for o, full in organisations
            if o is not entity and len(full) > len(words) and full[: len(words)] == words
            and full[-1].lower().strip(".,") in _COMPANY_SUFFIXES
        ]  # fmt: skip
        if len(firms) == 1:
            return firms[0]
    same = [o for o, full in organisations if o is not entity and full == words]
    return same[0] if same and entity.type == "organization" else None


def _referring_noun(entity: Entity) -> str | None:
    """ "the agency", "the website": a definite description by a referring noun alone, or
    an unnamed spokesman of the body the noun refers to; the noun."""
    if entity.name[:1].isupper():
        return None
    words = entity.name.lower().split()
    if (len(words) <= 2 and words[-1] in _REFERRING_NOUNS) or (
        len(words) == 1 and words[0] in _BARE_REFERRING_NOUNS
    ):
        return words[-1]
    staff = _STAFF_OF_BODY.fullmatch(entity.name)
    noun = staff and (staff.group("noun") or staff.group("first"))
    return noun if noun in _REFERRING_NOUNS | _BARE_REFERRING_NOUNS else None


def _referring(entity: Entity) -> bool:
    return _referring_noun(entity) is not None


def _referent(entity: Entity, organisations: list[Entity]) -> Entity | None:
    """The organisation a referring description means: the last one named before it whose
    name holds the noun ("the committee" after "House Benghazi Committee")."""
    noun = _referring_noun(entity)
    if noun is None or not entity.mentions:
        return None
    at = min(m[0] for m in entity.mentions)
    before = [
        (max(m[0] for m in o.mentions if m[0] < at), o)
        for o in organisations
        if o is not entity and not o.described and any(m[0] < at for m in o.mentions)
    ]
    named = [pair for pair in before if noun in pair[1].name.lower().split()]
    if not named and noun in _ANY_BODY_NOUNS:
        # "Officials at Homeland Security Investigations said ... the agency suggested":
        # a noun for any body means the body named last, if it was named nearby
        named = [pair for pair in before if at - pair[0] < 1500]
    return max(named, key=lambda pair: pair[0])[1] if named else None


def _misspelt(entities: list[Entity]) -> list[tuple[Entity, Entity]]:
    """Pairs (a misspelling, the name it misspells): names of one type and word count, five
    letters or more, one letter apart (swapped letters count as one: "MNSBC", "Donand
    Trump"). The name mentioned less often is the misspelling."""
    groups: dict[tuple[str, int], list[Entity]] = {}
    for e in entities:
        if len(e.name) >= 5 and not e.described:
            groups.setdefault((e.type, len(e.name.split())), []).append(e)
    pairs: list[tuple[Entity, Entity]] = []
    taken: set[int] = set()
    for group in groups.values():
        group.sort(key=lambda e: (-len(e.mentions), e.name))
        for k, right in enumerate(group):
            if id(right) in taken:
                continue
            for typo in group[k + 1 :]:
                if id(typo) in taken or abs(len(typo.name) - len(right.name)) > 1:
                    continue
                if (
                    typo.name[0] == right.name[0]
                    and OSA.distance(typo.name, right.name, score_cutoff=1) <= 1
                ):
                    pairs.append((typo, right))
                    taken.add(id(typo))
    return pairs


def _two_word_surnames(entities: list[Entity]) -> list[tuple[Entity, Entity]]:
    """Pairs (a two-word surname, the full name that ends with it): "Peña Nieto" and
    "Enrique Peña Nieto", when exactly one person's name ends with those two words."""
    by_ending: dict[tuple[str, ...], list[Entity]] = {}
    for e in entities:
        words = tuple(e.name.split())
        if e.type == "person" and len(words) >= 3:
            by_ending.setdefault(words[-2:], []).append(e)
    pairs = []
    for e in entities:
        full = by_ending.get(tuple(e.name.split()), [])
        if e.type == "person" and len(full) == 1 and full[0] is not e:
            pairs.append((e, full[0]))
    return pairs
