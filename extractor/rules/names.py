"""Actors for the rules engine: names in the text, their types, aliases and pronouns.

Capitalised word sequences are name candidates. A candidate is kept when it is a
country (gazetteer), an organisation (an organisation word, or an acronym), a
person (two or more name words, or a title or honorific in front), or when it
names a speaker. A later surname or honorific form ("al-Allaq", "Mr. Obama")
joins the person it shortens; a title in front ("Defense Secretary") becomes the
actor's title and the titled form an alias.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..text.spans import Offsets
from .candidates import (
    _after_locative,
    _candidates,
    _is_dateline,
    _read_candidate,
    _sentence_initial,
    past_common_first_word,
)
from .descriptions import (
    body_named,
    described_kind,
    document_maker,
    held_role,
    role_named,
    staff_opening,
)
from .document import SortedBlocks
from .entity import Entity
from .kinds import settle_kinds
from .lexicon import CUE_VERBS, LOCATIVES, ORG_WORDS, TITLES, with_capitals
from .prefixes import word_choice
from .referents import Referents

_HANDLE = re.compile(r"(?<![\w@.])@\w{2,30}")
# (each opens with the class of its first letter, and looks behind that letter for what
# may not precede it: the same matches as a lookbehind first, found faster; `prefixes`)
_LOWER_WORDS = re.compile(r"[a-z](?<![\w’'-][a-z])[a-z]*(?![\w’'-])")
_MID_SENTENCE = re.compile(r"[A-Z](?<=[a-z,] [A-Z])[\w’'-]*\b")
_PLACED = re.compile(rf"(?:{word_choice(sorted(LOCATIVES))}) ([A-Z][\w’'-]*)\b")
#: A person's campaign, team or administration acts as a body of its own.
_CAMPAIGN = re.compile(r"([A-Z](?<!\w.)[\w’'-]+?)(’s|'s)? (campaign|team|administration)\b")
#: A speech verb right after a one-word name makes it someone ("Obama said").
_ACTS = re.compile(
    r" (?:said|says|told|tells|added|argued|wrote|tweeted|declined|denied|insisted|urged"
    r"|warned|responded|replied|announced|acknowledged|admitted)\b"
)
_PHRASE_WORD = re.compile(r"[\w’'-]+")
_PLACED_AFTER = re.compile(r" (?:of|from|in) ")  # a person's district, state or body
_MEMBER_TITLE = re.compile(r" member [A-Z]")
_NAME_THEN_APPOSITION = re.compile(
    with_capitals(r"((?:[A-Z][\w’'.-]*)(?: [A-Z][\w’'.-]*){0,3}), [a-z]")
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


class ActorIndex(Referents):
    """Collect actors from a (furniture-free) text and resolve speaker phrases to them.

    The timeline: every mention as ``(start, k2, k3, end, actor)``, sorted by (start, end,
    actor rank), but one from `add_mention` while in use goes first among those at its start
    until `changed`. It and its copies per type (outside quotes) are updated in place."""

    def __init__(self, text: str, quoted: list[Offsets], skip: list[Offsets] | None = None) -> None:
        self.text = text
        self.quoted = quoted
        self._skip = sorted(skip or [])  # lines whose names name no one (headlines)
        self._entities: list[Entity] = []
        self._by_name: dict[str, Entity] = {}
        self._keys: dict[int, list[str]] = {}  # id(actor) -> its keys in _by_name
        self._rank: dict[int, int] = {}  # id(actor) -> order of creation
        self._gone: set[int] = set()  # ids of actors merged into another
        self._quote_starts = [a for a, _ in quoted]
        self._all: SortedBlocks | None = None  # None: made from the actors at the next lookup
        self._by_type: dict[str, SortedBlocks] = {}
        self._in_use = False  # looked up since the last change
        self._early: list[tuple] = []  # entries added while in use, not yet in order
        self._held: dict[str, Entity] = {}  # "chief executive" -> the one named holding it
        self._build()

    @property
    def entities(self) -> list[Entity]:
        return [e for e in self._entities if id(e) not in self._gone]

    def _in_quote(self, pos: int) -> bool:
        i = bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and pos < self.quoted[i][1]

    def _timeline(self) -> SortedBlocks:
        if self._all is None:
            entries = sorted(
                (m[0], m[1], self._rank[id(e)], m[1], e) for e in self.entities for m in e.mentions
            )
            grouped: dict[str, list[tuple]] = {}
            for entry in entries:
                if not self._in_quote(entry[0]):
                    grouped.setdefault(entry[4].type, []).append(entry)
            self._all, self._early = SortedBlocks(entries), []
            self._by_type = {kind: SortedBlocks(items) for kind, items in grouped.items()}
        self._in_use = True
        return self._all

    def _insert(self, entry: tuple, remove: bool = False) -> None:
        assert self._all is not None
        lists = [self._all]
        if not self._in_quote(entry[0]):
            lists.append(self._by_type.setdefault(entry[4].type, SortedBlocks([])))
        for timeline in lists:
            timeline.remove(entry) if remove else timeline.insert(entry)

    def _add_entry(self, entity: Entity, span: Offsets) -> None:  # into the timeline, if any
        if self._all is None:
            return
        if self._in_use:
            entry = (span[0], -1, -len(self._early), span[1], entity)
            self._early.append(entry)
        else:
            entry = (span[0], span[1], self._rank[id(entity)], span[1], entity)
        self._insert(entry)

    def _entity(self, name: str, kind: str) -> Entity:
        key = name.lower()
        found = self._by_name.get(key)
        if found is None:
            found = Entity(name=name, type=kind)
            self._rank[id(found)] = len(self._rank)
            self._keys[id(found)] = [key]
            self._entities.append(found)
            self._by_name[key] = found
        return found

    def _build(self) -> None:
        text = self.text
        pending: list[tuple[str, Offsets, str | None]] = []  # single words decided later
        candidates = _candidates(text)
        if self._skip:
            starts = [a for a, _ in self._skip]

            def skipped(span: Offsets) -> bool:
                i = bisect_right(starts, span[0]) - 1
                return i >= 0 and span[1] <= self._skip[i][1]

            candidates = [c for c in candidates if not skipped(c)]
        # What the one-word and first-word tests look up, each read off the text once.
        self._candidate_texts = {text[a:b] for a, b in candidates}
        self._lower_words = set(_LOWER_WORDS.findall(text))
        self._mid_sentence = set(_MID_SENTENCE.findall(text))
        self._places = set(_PLACED.findall(text))
        for at, stop in candidates:
            at = past_common_first_word(text, at, stop, self._lower_words, self._candidate_texts)
            read = _read_candidate(text[at:stop])
            if read is None:
                continue
            (a, b), title, (c, d), name, kind, adjectives, canonical = read
            span, core = (at + a, at + b), (at + c, at + d)
            if _is_dateline(text, span):
                continue
            follower = text[span[1] : span[1] + 2]
            if adjectives and follower[:1] == " " and follower[1:2].islower():
                continue  # "Syrian Kurdish forces": adjectives, not a person
            if kind == "person" and title is None and _after_locative(text, span[0]):
                continue  # "in Mexico City", "at Fort Wayne": a place
            if kind == "person" and len(name.split()) >= 2:
                entity = self._entity(name, "person")
                entity.title = entity.title or title
                entity.add(text[span[0] : span[1]], span)
                continue
            if kind in ("country", "organization"):
                if staff_opening(text, core) and not self._inside_sentence(name):
                    continue  # "Administration officials said": a group (described)
                if _MEMBER_TITLE.match(text, core[1]):
                    continue  # "Council member Ann Roe": a title, not the council
                entity = self._entity(canonical, kind)
                entity.add(name, core)
                continue
            pending.append((name, core, title))
        self._by_surname: dict[str, list[Entity]] = {}
        self._first: dict[int, int] = {}  # id(person) -> start of its first mention
        for e in self._entities:
            if e.type == "person":
                self._by_surname.setdefault(e.surname, []).append(e)
                self._first[id(e)] = min(m[0] for m in e.mentions)
        self._by_first: dict[str, list[Entity]] = {}
        for e in self._entities:
            if e.type == "person" and len(e.name.split()) >= 2:
                self._by_first.setdefault(e.name.split()[0], []).append(e)
        for name, span, title in pending:
            self._place_single(name, span, title)
        # (each regex runs only on a text holding the words it needs)
        bodies = any(f" {word}" in text for word in ("campaign", "team", "administration"))
        for m in _CAMPAIGN.finditer(text) if bodies else ():  # "the Trump campaign"
            if m.group(1) in self._by_surname:  # a candidate's team is the campaign
                body = "administration" if m.group(3) == "administration" else "campaign"
                self._entity(f"{m.group(1)} {body}", "organization").add(m.group(), m.span())
        for m in _HANDLE.finditer(text) if "@" in text else ():  # "@nycsouthpaw": an account
            self._entity(m.group(), "person").add(m.group(), m.span())
        settle_kinds(self._entities, self._by_name, text)  # bodies; "her father, X"

    def _place_single(self, name: str, span: Offsets, title: str | None) -> None:
        """A one-word name: a surname of a known person, or a titled person, or nothing."""
        if len(name.split()) > 1 or name.lower().rstrip(".") in TITLES:
            return  # "the Premier said", "the Opposition Leader": a title, no name
        people = self._by_surname.get(name, [])
        if people:
            # Of two people with one surname ("Hillary Clinton", "Bill Clinton") the bare
            # surname is the one the story named first: the one it is about, while the other
            # goes on being named in full ("former President Bill Clinton").
            owner = self._named_first(people)
            owner.add(name, span)
            self._first[id(owner)] = min(self._first[id(owner)], span[0])
            return
        firsts = self._by_first.get(name, [])  # no one has it as a surname (above)
        if len(firsts) == 1 and title is None and name not in self._places:
            # "Hillary", "Melania": the one person so named (not a place: "in Charlotte")
            firsts[0].add(name, span)
            return
        acting = (
            _ACTS.match(self.text, span[1]) is not None
            and name.lower() not in ORG_WORDS
            and (not _sentence_initial(self.text, span[0]) or self._inside_sentence(name))
            and not _after_locative(self.text, span[0])  # "Voters in Ohio said": a place
        )
        if title is not None or acting:
            # "Mr. Obama", or "Obama said": a person known by one name; later bare
            # mentions of it join it
            entity = self._entity(name, "person")
            entity.title = entity.title or title
            entity.add(name, span)
            titled = f"{title} {name}"  # "Lord Ashcombe", "Mr. Obama", as written
            if title is not None and self.text.startswith(titled, span[0] - len(title) - 1):
                entity.add(titled, span)
            if entity.type == "person" and entity not in self._by_surname.get(name, []):
                self._by_surname.setdefault(name, []).append(entity)
                self._first[id(entity)] = span[0]
            return
        nxt = self.text[span[1] : span[1] + 2]
        if nxt[:1] == " " and nxt[1:2].islower() and not _sentence_initial(self.text, span[0]):
            return  # an adjective ("Iraqi warrants", "Turkish officials")

    def _named_first(self, people: list[Entity]) -> Entity:
        """Of people sharing a surname, the one the text named first."""
        return min(people, key=lambda e: self._first[id(e)])

    def _inside_sentence(self, word: str) -> bool:
        """Whether ``word`` is written capitalised somewhere inside a sentence (a name, not
        a sentence's first word: "Obama" is, "Secrecy" and "Nor" are not)."""
        return word in self._mid_sentence

    # -- speakers -------------------------------------------------------------------------

    def mention_in(self, span: Offsets) -> Entity | None:
        """The actor named inside ``span`` (the first one), if any."""
        found = self.named_in(span)
        return found[0] if found else None

    def _head_named_in(self, span: Offsets) -> Entity | None:
        """The actor a source phrase names: the person whose name ends it ("Union
        representative Paul Grant", "CNN’s Wolf Blitzer"), else the first one named."""
        first: Entity | None = None
        words = _PHRASE_WORD.findall(self.text[span[0] : span[1]].lower())
        if len(words) > 6 or any(w in CUE_VERBS for w in words):
            return self.mention_in(span)  # a clause ("She said Republican Donald Trump")
        end = span[1]
        while end > span[0] and not self.text[end - 1].isalnum():
            end -= 1
        first_at = (-1, -1)  # the first name's span; a longer one from there wins
        for entry in self._timeline().since((span[0],)):
            if entry[0] >= span[1]:
                break
            if entry[3] <= span[1]:
                if first is None or (entry[0] == first_at[0] and entry[3] > first_at[1]):
                    first, first_at = entry[4], (entry[0], entry[3])  # "Trump campaign"
                if entry[4].type == "person" and (
                    entry[3] == end or _PLACED_AFTER.match(self.text, entry[3], end)
                ):
                    return entry[4]  # "Council member Ann Roe of the Fourth District"
        return first

    def named_in(self, span: Offsets) -> tuple[Entity, Offsets] | None:
        """The actor named inside ``span`` (the first one) and where, if any."""
        for entry in self._timeline().since((span[0],)):
            if entry[0] >= span[1]:
                break
            if entry[3] <= span[1]:
                return entry[4], (entry[0], entry[3])
        return None

    def speaker(self, span: Offsets) -> Entity | None:
        """The actor a source phrase refers to; a new one for a description."""
        phrase = self.text[span[0] : span[1]].strip()
        low = phrase.lower()
        if low in ("he", "she", "him", "her"):
            return self._person_before(span[0], low)
        if low in ("they", "it"):
            return self.last_before(span[0], {"organization", "group", "country"})
        if low in ("i", "we"):
            return None
        apposition = _NAME_THEN_APPOSITION.match(phrase)
        if apposition is not None:  # "Flynn, a top Trump surrogate": Flynn
            at = self.text.index(phrase, span[0])
            return self.speaker((at, at + apposition.end(1)))
        role = role_named(phrase)
        titled = self._titled_before(span[0], role) if role else None
        if titled is not None:  # "the California congressman" after "Rep. Adam Schiff"
            return self._noted(titled, phrase, span)
        held = self._held.get(held_role(phrase) or "")
        if held is not None and id(held) not in self._gone:  # "the company’s chief executive"
            return self._noted(held, phrase, span)
        named = self._head_named_in(span)
        maker = document_maker(self.text, phrase, span[0]) if named is None else None
        named = named or (self.mention_in(maker) if maker else None)  # "The poll": its maker
        if named is not None:
            return named
        words = _PHRASE_WORD.findall(low)
        if not words:
            return None
        last = phrase.split()[-1].strip(".,:;’'")
        people = self._by_surname.get(last, [])
        if people and len(phrase.split()) <= 3:  # "Mayor Ortiz" where names are not read
            return self._named_first(people)
        body = body_named(phrase)
        if body is not None:  # "Officials at Homeland Security Investigations": the body
            at = self.text.index(phrase, span[0]) + body[1]
            org = body[0]
            return self._noted(self._entity(org, "organization"), org, (at, at + len(org)))
        kind = described_kind(words)
        name = _LEADING_ARTICLE.sub("", phrase)
        known = self._by_name.get(name.lower())
        entity = self._entity(name, kind)
        if known is None or known.described:  # a name already known stays a name
            entity.described = True
        return self._noted(entity, phrase, span)

    def described_as(self, entity: Entity, role: Offsets) -> None:
        """``role`` ("The company’s chief executive", before ", Lena Marsh,") describes
        ``entity``: the same words later mean it."""
        phrase = self.text[role[0] : role[1]]
        key = _LEADING_ARTICLE.sub("", phrase).lower()
        known = self._by_name.get(key)
        if known is None or (known is not entity and known.described):
            self._by_name[key] = entity  # (an actor made of the words earlier stays itself)
            self._keys[id(entity)].append(key)
        self._noted(entity, phrase, role)
        held = held_role(phrase, definite=False)
        if held is not None:
            self._held[held] = entity  # the latest holder named

    def _noted(self, entity: Entity, alias: str, span: Offsets) -> Entity:
        """One more mention of ``entity``, found while attributing: into the timeline."""
        added = span not in entity._mention_set
        entity.add(alias, span)
        self.changed()
        if added:
            self._add_entry(entity, span)  # in order, as a rebuilt timeline holds it
        return entity

    def changed(self) -> None:
        """Actors were added: mentions added since the last change go in order."""
        if self._all is not None:
            for entry in self._early:
                self._insert(entry, remove=True)
                self._insert((entry[0], entry[3], self._rank[id(entry[4])], *entry[3:]))
        self._early = []
        self._in_use = False

    def named(self, name: str, kind: str) -> Entity:
        """The actor of this name, made if new (for stages after attribution)."""
        return self._entity(name, kind)

    def add_mention(self, entity: Entity, span: Offsets) -> None:
        """Record one more mention of ``entity`` (a speaker phrase), keeping the timeline."""
        if span in entity._mention_set:
            return
        entity._mention_set.add(span)
        entity.mentions.append(span)
        self._add_entry(entity, span)

    def merge(self, duplicate: Entity, into: Entity) -> None:
        """Fold ``duplicate`` (a description of ``into``) into it."""
        for alias in [duplicate.name, *duplicate.aliases]:
            if alias != into.name and alias not in into._alias_set:
                into.aliases.append(alias)
                into._alias_set.add(alias)
        into.mentions += [m for m in duplicate.mentions if m not in into._mention_set]
        into._mention_set |= duplicate._mention_set
        into.speaker = into.speaker or duplicate.speaker
        self._gone.add(id(duplicate))
        self._all = None  # made again at the next lookup
        for key in self._keys.pop(id(duplicate)):
            self._by_name[key] = into
            self._keys[id(into)].append(key)
