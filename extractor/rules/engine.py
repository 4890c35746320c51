"""The offline engine: deterministic rules, no network, no model.

Read (page furniture blanked out, offsets kept) -> find utterances (`speech`)
-> collect actors (`names`) -> attribute each utterance to an actor -> claims
(`claims`) -> the same `Extraction` the LLM engine returns, under the same span
invariant.
"""

from __future__ import annotations

import asyncio
import gc
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import accumulate, pairwise

from pydantic import TypeAdapter

from ..nesting import link_nested
from ..read.article import Article
from ..read.furniture import junk_zones
from ..schema import SCHEMA_VERSION, Actor, Extraction, Meta, Quote
from ..text.spans import Offsets, SpanSet
from .cast import settle_cast
from .claims import find_claims
from .clauses import speaks_for_no_one
from .conventions import as_double_marks
from .descriptions import role_named, title_fits
from .document import Document
from .entity import Entity
from .headlines import headline_lines
from .names import ActorIndex
from .speech import SpeechFinder, Utterance, outside_turns

ENGINE_VERSION = "rules-1"
# The output is built as plain dicts and validated in one call per list: the same models
# as one constructor call per item, for less of the cost of each call.
_QUOTES = TypeAdapter(list[Quote])
_ACTORS = TypeAdapter(list[Actor])


def _span(text: str, a: int, b: int) -> dict[str, object]:
    """The fields of the `Span` ``text[a:b]``."""
    return {"start": a, "end": b, "text": text[a:b]}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while one article is read, on again after.

    An extraction makes many small objects and no cycles that need collecting before it
    ends, yet each object made counts towards the next collection, and a full one
    walks every object in the process: a fifth of the CPU time on a 5 MB text, a
    twentieth on an 800-word article. Reference counting still frees everything as
    usual. Where the collector is already off (another thread's extraction, or the
    caller's choice) it is left alone; a thread whose extraction started while another
    held it off may run on with it back on, which costs time, not memory or output."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def blank_zones(text: str, zones: list[tuple[int, int]]) -> str:
    """The text with page furniture replaced by spaces: offsets stay valid."""
    if not zones:
        return text
    pieces, cursor = [], 0
    for start, end in sorted(zones):
        start = max(start, cursor)
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(re.sub(r"\S", " ", text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _speech_finder(text: str, zones: list[Offsets]) -> SpeechFinder:
    """The speech patterns over ``text`` with its page furniture (``zones``) blanked out
    and its quotation marks made double (offsets kept): the engine's first step."""
    return SpeechFinder(Document(as_double_marks(blank_zones(text, zones))))


def direct_quote_pieces(text: str, zones: list[Offsets]) -> list[list[Offsets]]:
    """The quoted pieces of every direct quote `RulesEngine.extract` reports for ``text``
    (page furniture at ``zones``), from its first steps alone: the quoted passages, and
    transcript turns, which replace the passages inside them (reported speech is never
    direct), less those in page furniture; in the same order as its ``quotes``. No later
    step adds, drops or moves a direct quote (tests/test_crosscheck.py compares the two
    over every article the tests hold). The cross-check needs no more than this for an
    answer that misses none of them."""
    finder = _speech_finder(text, zones)
    turns = finder.transcript()
    direct = [u for u in outside_turns(finder.direct_quotes(), turns) if u.kind == "direct"]
    junk = SpanSet(zones)
    return [
        u.parts
        for u in sorted([*direct, *turns], key=lambda u: (u.start, -u.end))
        if not junk.overlaps(u.start, u.end)
    ]


class RulesEngine:
    """Extract actors, quotes and claims with deterministic rules (``engine="rules"``)."""

    name = "rules"
    cacheable = False  # faster to run again than to read back from disk
    backend = None  # asks no model

    def extract(self, article: Article, *, claims: bool = True) -> Extraction:
        """The extraction of ``article``; ``claims=False`` leaves the claims out (the
        cross-check of a model's answer needs only actors and quotes, and finding claims
        is most of the engine's time)."""
        with collector_paused():
            return self._extract(article, claims)

    def _extract(self, article: Article, claims: bool) -> Extraction:
        started = time.perf_counter()
        text = article.text
        zones = [(z.start, z.end) for z in junk_zones(text)]
        finder = _speech_finder(text, zones)
        doc = finder.doc
        clean = doc.text  # offsets kept
        utterances = finder.run()
        quoted = [(q.start, q.end) for q in finder.quoted]
        heads = headline_lines(doc)
        titles = [(q.start, q.end) for q in finder.quoted if finder.titled(q)]
        index = ActorIndex(clean, quoted, heads + titles)  # "The Quiet Classroom" is no one
        found = self._attribute(utterances, index, doc, finder.roles)
        self._merge_descriptions(found, index)
        dropped, merged = settle_cast(index, doc, heads)
        found = [merged.get(id(e), e) if e is not None else None for e in found]
        actors = self._actors(text, index, dropped)
        ids = {id(entity): actor.id for entity, actor in actors}
        speakers = [ids.get(id(e)) if e is not None else None for e in found]
        quotes = self._quotes(text, utterances, speakers)
        junk = SpanSet(zones)
        quotes = [q for q in quotes if not junk.overlaps(q.start, q.end)]
        found_claims = (
            find_claims(
                text,
                doc,
                utterances,
                speakers,
                quotes,
                zones,
                [a for _, a in actors],
                [(q.start, q.end) for q in finder.all_quoted],
            )
            if claims
            else []
        )
        return Extraction(
            actors=[actor for _, actor in actors],
            quotes=link_nested(quotes),
            claims=found_claims,
            meta=Meta(
                engine=self.name,
                prompt_version=ENGINE_VERSION,
                elapsed_s=round(time.perf_counter() - started, 4),
            ),
        )

    async def aextract(self, article: Article, *, claims: bool = True) -> Extraction:
        """Runs in a worker thread, so an event loop serving other work is not held up."""
        return await asyncio.to_thread(self.extract, article, claims=claims)

    def identity(self) -> dict[str, str]:
        return {"engine": self.name, "version": ENGINE_VERSION, "schema": SCHEMA_VERSION}

    # -- attribution ----------------------------------------------------------------------

    def _attribute(
        self,
        utterances: list[Utterance],
        index: ActorIndex,
        doc: Document,
        roles: dict[Offsets, Offsets],
    ) -> list[Entity | None]:
        """Fill missing sources and map each utterance to an actor (``roles``: the role
        standing before a source's name, which becomes a description of that actor)."""
        speakers: list[Entity | None] = []
        last_sourced = -1  # the last utterance before this one with a source
        enclosing = self._enclosing(utterances)
        for n, u in enumerate(utterances):
            outer = enclosing(u) if u.source is None and u.kind != "indirect" else None
            if outer is not None and outer < n and utterances[outer].source is not None:
                # said in a statement that “...”: the quote is the reported speaker's (the
                # enclosing utterance comes first: they are in text order, longest first)
                u.nested_in, u.source = outer, utterances[outer].source
                speakers.append(speakers[outer])
                continue
            if u.source is None:
                self._borrow_source(n, utterances, doc, last_sourced)
            elif speaks_for_no_one(doc.text[u.source[0] : u.source[1]]):  # "In", "Meanwhile"
                u.source = None
            entity = self._body_speaking_on(n, utterances, speakers, doc.text)
            if entity is None and u.source:
                entity = index.speaker(u.source)
            if entity is not None and u.source and len(doc.text[slice(*u.source)].split()) > 6:
                named = index.named_in(u.source)  # a clause taken for the source: its name
                if named is not None and named[0] is entity:
                    u.source = named[1]
            if entity is not None:
                entity.speaker = True
                role = roles.get(u.source) if u.source else None
                if role is not None:
                    index.described_as(entity, role)
                if u.source and u.continued_from is None:
                    index.add_mention(entity, u.source)
            speakers.append(entity)
            if u.source is not None:
                last_sourced = n
        # A quoted fragment inside reported speech belongs to that speech's speaker.
        for n, u in enumerate(utterances):
            if speakers[n] is not None or u.kind == "indirect":
                continue
            outer = enclosing(u)
            if outer is not None:
                u.nested_in = outer
                u.source = utterances[outer].source
                speakers[n] = speakers[outer]
        return speakers

    @staticmethod
    def _body_speaking_on(
        n: int, utterances: list[Utterance], speakers: list[Entity | None], text: str
    ) -> Entity | None:
        """ "The Charity Commission said it would not comment while ...": an "it" or "they"
        speaking inside a body's reported speech is that body, not the last one named."""
        u = utterances[n]
        if u.source is None or text[u.source[0] : u.source[1]].lower() not in ("it", "they"):
            return None
        for m in range(n - 1, max(-1, n - 4), -1):
            outer, entity = utterances[m], speakers[m]
            if outer.kind == "indirect" and outer.start <= u.start and u.end <= outer.end:
                return entity if entity is not None and entity.type != "person" else None
        return None

    def _merge_descriptions(self, found: list[Entity | None], index: ActorIndex) -> None:
        """A role named before the person ("The head of X told CNN ... Lt. Gen. Y told the
        network ...") is that person: fold a described speaker into the next named person
        who speaks within the following three utterances."""
        into: dict[int, Entity] = {}  # id(merged actor) -> the actor it was merged into

        def now(e: Entity | None) -> Entity | None:
            while e is not None and id(e) in into:
                e = into[id(e)]
            return e

        for n in range(len(found)):
            entity = now(found[n])
            if entity is None or not entity.described or entity.type != "person":
                continue
            if id(entity) in into:
                continue  # already merged
            role = role_named(f"the {entity.name}")
            for later in map(now, found[n + 1 : n + 4]):
                if later is not None and later.type == "person" and not later.described:
                    if later.title and role and not title_fits(later.title, role):
                        continue  # "The Prime Minister said ..." is not "Lord Ashcombe"
                    index.merge(entity, later)
                    into[id(entity)] = later
                    break
        found[:] = [now(e) for e in found]

    @staticmethod
    def _enclosing(utterances: list[Utterance]) -> Callable[[Utterance], int | None]:
        """For an utterance that is not indirect: the first indirect one holding it."""
        indirect = [(o.start, o.end, k) for k, o in enumerate(utterances) if o.kind == "indirect"]
        if any(a[0] > b[0] for a, b in pairwise(indirect)):  # not in text order: scan them all
            return lambda u: next((k for a, b, k in indirect if a <= u.start and u.end <= b), None)
        starts = [a for a, _, _ in indirect]
        reach = list(accumulate((b for _, b, _ in indirect), max))  # ends so far, rising

        def first(u: Utterance) -> int | None:
            # of the indirect utterances starting at or before u, the first reaching u.end
            i = bisect_left(reach, u.end, 0, bisect_right(starts, u.start))
            return indirect[i][2] if i < len(starts) and starts[i] <= u.start else None

        return first

    def _borrow_source(
        self, n: int, utterances: list[Utterance], doc: Document, last_sourced: int
    ) -> None:
        """No cue of its own: take the speaker of the utterance this one continues
        (``last_sourced``: the last one before it with a source, or -1)."""
        u = utterances[n]
        if u.kind == "partial":
            return
        here = doc.paragraph_index(u.start)
        if u.cue is None and u.kind == "direct":
            # A quote paragraph with no cue goes on from the last quoted speaker nearby.
            for k in range(n - 1, -1, -1):
                prev = utterances[k]
                if here - doc.paragraph_index(prev.start) > 1:
                    break
                same_paragraph = doc.paragraph_index(prev.start) == here
                if prev.source is not None and (
                    prev.kind == "direct" or (same_paragraph and prev.kind == "indirect")
                ):  # ... "saw Burma as a pawn," said Victor Cha. "In that sense, ..."
                    u.source, u.continued_from = prev.source, k
                    return
        if last_sourced >= 0:
            k = last_sourced
            prev = utterances[k]
            distance = here - doc.paragraph_index(prev.start)
            same_sentence = doc.sentence_at(prev.start) == doc.sentence_at(u.start)
            continues_sentence = u.cue is not None and same_sentence
            continues_paragraph = u.cue is None and u.kind == "direct" and 0 <= distance <= 1
            if continues_sentence or continues_paragraph:
                u.source, u.continued_from = prev.source, k

    # -- output items ---------------------------------------------------------------------

    def _quotes(
        self, text: str, utterances: list[Utterance], speakers: list[str | None]
    ) -> list[Quote]:
        kept = [
            (u, who)
            for u, who in zip(utterances, speakers, strict=True)
            # a quoted fragment nobody is said to say is a scare quote or a title
            if not (u.kind == "partial" and who is None)
        ]
        kept.sort(key=lambda pair: (pair[0].start, -pair[0].end))
        return _QUOTES.validate_python(
            [
                {
                    "id": f"q{n}",
                    "text": text[u.start : u.end],
                    "start": u.start,
                    "end": u.end,
                    "kind": u.kind,
                    "speaker": who,
                    "speaker_mention": _span(text, *u.source) if u.source else None,
                    "cue": text[u.cue[0] : u.cue[1]] if u.cue else None,
                    "cue_span": _span(text, *u.cue) if u.cue else None,
                    "parts": [_span(text, a, b) for a, b in u.parts],
                }
                for n, (u, who) in enumerate(kept, 1)
            ]
        )

    def _actors(
        self, text: str, index: ActorIndex, dropped: set[int]
    ) -> list[tuple[Entity, Actor]]:
        kept = [
            e
            for e in index.entities
            if e.mentions and (e.type != "other" or e.speaker) and id(e) not in dropped
        ]
        kept.sort(key=lambda e: min(m[0] for m in e.mentions))
        actors = _ACTORS.validate_python(
            [
                {
                    "id": f"a{n}",
                    "name": e.name,
                    "type": e.type,
                    "title": e.title,
                    "aliases": [a for a in e.aliases if a != e.name],
                    "mentions": [_span(text, a, b) for a, b in sorted(set(e.mentions))],
                }
                for n, e in enumerate(kept, 1)
            ]
        )
        return list(zip(kept, actors, strict=True))
