"""Ground a reading in the article: find every quote, mention and piece of evidence.

`ground_reading` turns an `ArticleReading` (text only, from a model or the
rules engine) into actors, quotes and claims with exact offsets. What cannot
be found is not trusted: it becomes a `Problem`. A `GroundingSession` decides
what a problem means: before the last attempt it is a validation error that
goes back to the model as a re-ask; on the last attempt the item is dropped
(or its speaker unlinked) and a warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..nesting import renumber
from ..read.furniture import Zone, in_junk, junk_zones, junk_zones_kept
from ..schema import Actor, Claim, ExtractionWarning, Quote, Span
from ..text import marks
from ..text.snippets import shorten as _short
from .locate import ArticleIndex, Match
from .mentions import add_mention, find_mentions, is_pronoun
from .reading import ArticleReading

#: rapidfuzz scores (0-100) above which an approximate copy is accepted and repaired.
QUOTE_MIN_SCORE = 92.0
EVIDENCE_MIN_SCORE = 88.0
#: How far from its quote a speaker mention or cue may be, in characters.
MENTION_WINDOW = 400


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in a reading that the article does not support."""

    code: str
    item: str
    message: str  # addressed to the model: what is wrong and how to fix it
    outcome: str  # what happens to the item if it stays wrong: "dropped", ...

    def as_warning(self) -> ExtractionWarning:
        return ExtractionWarning(
            code=self.code, item=self.item, message=f"{self.message} ({self.outcome})"
        )


@dataclass(slots=True)
class Grounded:
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)


class GroundingSession:
    """Grounds each attempt's reading of one article; keeps the latest result.

    ``lenient`` is switched on for the last attempt, so that what is still
    ungrounded is dropped with a warning instead of failing the article.
    """

    def __init__(self, article: str) -> None:
        self.index = ArticleIndex(article)
        self.lenient = False
        self.result: Grounded | None = None

    def ground(self, reading: ArticleReading) -> Grounded:
        # Looked up when an answer is here: a worker may have found them meanwhile.
        zones = junk_zones_kept(self.index.text)
        result, problems = ground_reading(reading, self.index, zones)
        if problems and not self.lenient:
            raise ValueError(render_problems(problems))
        result.warnings = [*result.warnings, *(p.as_warning() for p in problems)]
        self.result = result
        return result


def render_problems(problems: list[Problem]) -> str:
    """The re-ask message: every problem, and the rule that fixes them."""
    lines = [
        f"{len(problems)} item(s) are not supported by the article text. Every text field "
        "must be copied character for character from the article, and every speaker or "
        "claimant must be the id of an actor in `actors`. Fix these and keep the rest:"
    ]
    lines += [f"- {p.item}: {p.message}" for p in problems]
    return "\n".join(lines)


def ground_reading(
    reading: ArticleReading, index: ArticleIndex, zones: list[Zone] | None = None
) -> tuple[Grounded, list[Problem]]:
    """Ground every item; return what held up and the problems with the rest."""
    if zones is None:
        zones = junk_zones(index.text)
    problems: list[Problem] = []
    warnings: list[ExtractionWarning] = []
    actors = _ground_actors(reading, index, zones, problems)
    dropped_actor_ids = {a.id for a in reading.actors} - actors.keys()
    quotes = _ground_quotes(reading, index, zones, actors, dropped_actor_ids, problems, warnings)
    claims = _ground_claims(reading, index, zones, actors, dropped_actor_ids, problems, warnings)
    numbered_actors, numbered_quotes, numbered_claims = renumber(
        list(actors.values()), quotes, claims
    )
    grounded = Grounded(numbered_actors, numbered_quotes, numbered_claims, warnings)
    return grounded, problems


def _closest_hint(index: ArticleIndex, text: str) -> str:
    near = index.find_fuzzy(text, 60.0)
    if near is None:
        return ""
    return f" The closest passage is: {_short(index.text[near.start : near.end], 160)!r}."


def _ground_actors(
    reading: ArticleReading, index: ArticleIndex, zones: list[Zone], problems: list[Problem]
) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for i, draft in enumerate(reading.actors):
        where = f"actors[{i}] ({draft.name!r})"
        if draft.id in actors:
            problems.append(
                Problem("actor_duplicate_id", where, f"id {draft.id!r} is already used.", "dropped")
            )
            continue
        names = [draft.name, *draft.aliases]
        mentions = find_mentions(index, names, zones)
        if not mentions:
            in_text = any(index.find_words(n) for n in names if n.strip() and not is_pronoun(n))
            reason = (
                "is named only in link-hover text, photo credits or a repeated headline, "
                "which are not part of the story; remove this actor"
                if in_text
                else "neither its name nor any alias occurs in the article; use names "
                "exactly as written, or remove the actor"
            )
            problems.append(Problem("actor_ungrounded", where, reason + ".", "dropped"))
            continue
        aliases = []
        for alias in draft.aliases:
            alias = alias.strip()
            if alias and alias != draft.name and not is_pronoun(alias) and alias not in aliases:
                aliases.append(alias)
        actors[draft.id] = Actor(
            id=draft.id,
            name=draft.name.strip(),
            type=draft.type,
            title=draft.title or None,
            aliases=aliases,
            mentions=mentions,
        )
    return actors


def _speaker_problem(
    where: str, ref: str, actors: dict[str, Actor], dropped: set[str], role: str
) -> Problem | None:
    if ref in actors or ref in dropped:
        return None  # a dropped actor has its own problem already
    known = ", ".join(f"{a.id} ({a.name})" for a in actors.values()) or "none"
    return Problem(
        f"{role}_unknown",
        where,
        f"{role} {ref!r} is not the id of any actor. Known ids: {known}. "
        "Use one of them, add the actor, or use null.",
        "unattributed" if role == "speaker" else "dropped",
    )


def _nearest(
    index: ArticleIndex, words: str, span: tuple[int, int], zones: list[Zone]
) -> Match | None:
    """The occurrence of ``words`` closest to ``span`` and outside it."""
    best: tuple[int, Match] | None = None
    for m in index.find_words(words):
        if m.start < span[1] and span[0] < m.end:
            continue
        if in_junk(zones, m.start, m.end):
            continue
        lo, hi = (m.end, span[0]) if m.end <= span[0] else (span[1], m.start)
        # Link-hover junk between a name and its quote does not count as distance.
        gap = hi - lo - sum(max(0, min(z.end, hi) - max(z.start, lo)) for z in zones)
        if gap <= MENTION_WINDOW and (best is None or gap < best[0]):
            best = (gap, m)
    return best[1] if best else None


def _span(index: ArticleIndex, m: Match) -> Span:
    return Span(start=m.start, end=m.end, text=index.text[m.start : m.end])


def _ground_quotes(
    reading: ArticleReading,
    index: ArticleIndex,
    zones: list[Zone],
    actors: dict[str, Actor],
    dropped: set[str],
    problems: list[Problem],
    warnings: list[ExtractionWarning],
) -> list[Quote]:
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []
    previous = 0
    for i, draft in enumerate(reading.quotes):
        where = f"quotes[{i}] ({_short(draft.text, 50)!r})"
        marked = draft.kind != "indirect"
        m = index.locate(
            draft.text,
            with_marks=marked,
            min_fuzzy=QUOTE_MIN_SCORE,
            avoid=taken,
            near=[draft.speaker_mention or "", draft.cue or ""],
            after=previous,
        )
        problem = _placement_problem(
            index,
            zones,
            m,
            where,
            "quote",
            draft.text,
            "this text does not occur in the article. Copy the quote exactly as written, "
            "or remove it if the article does not contain it.",
        )
        if problem is not None:
            problems.append(problem)
            continue
        assert m is not None  # no match is a problem, handled above
        if (m.start, m.end) in taken:
            warnings.append(
                ExtractionWarning(
                    code="quote_duplicate",
                    item=where,
                    message="the same passage was given twice; kept once",
                )
            )
            continue
        text = index.text[m.start : m.end]
        if m.method == "fuzzy":
            warnings.append(
                ExtractionWarning(
                    code="quote_repaired",
                    item=where,
                    message=f"the model's copy differs from the article (similarity {m.score}); "
                    f"the article's text is used: {_short(text)!r}",
                )
            )
        kind = draft.kind
        if marked and marks.ANY.isdisjoint(text):
            kind = "indirect"
            warnings.append(
                ExtractionWarning(
                    code="quote_kind_changed",
                    item=where,
                    message=f"given as {draft.kind}, but the article has no quotation marks "
                    "around it; recorded as indirect",
                )
            )
        speaker = draft.speaker
        if speaker is not None and speaker not in actors:
            problem = _speaker_problem(where, speaker, actors, dropped, "speaker")
            if problem:
                problems.append(problem)
            speaker = None
        mention = None
        if draft.speaker_mention and draft.speaker_mention.strip():
            found = _nearest(index, draft.speaker_mention, (m.start, m.end), zones)
            if found is None:
                problems.append(
                    Problem(
                        "speaker_mention_ungrounded",
                        where,
                        f"speaker_mention {draft.speaker_mention!r} does not occur near this "
                        "quote; give the exact words naming the speaker next to it, or null.",
                        "mention removed",
                    )
                )
            else:
                mention = _span(index, found)
                if speaker is not None:
                    owner = actors[speaker]
                    owner.mentions = add_mention(owner.mentions, mention)
        cue = None
        if draft.cue and draft.cue.strip():
            found = _nearest(index, draft.cue, (m.start, m.end), zones)
            cue = _span(index, found) if found else None
        quotes.append(
            Quote(
                id="",
                text=text,
                start=m.start,
                end=m.end,
                kind=kind,
                speaker=speaker,
                speaker_mention=mention,
                cue=draft.cue.strip() if draft.cue else None,
                cue_span=cue,
                parts=[Span(start=m.start, end=m.end, text=text)],
            )
        )
        taken.append((m.start, m.end))
        previous = m.start
    return quotes


def _placement_problem(
    index: ArticleIndex,
    zones: list[Zone],
    m: Match | None,
    where: str,
    item: str,
    copied: str,
    not_found: str,
) -> Problem | None:
    """Why a located item cannot stand: not found in the article, or found in page furniture."""
    if m is None:
        hint = _closest_hint(index, copied)
        return Problem(f"{item}_ungrounded", where, not_found + hint, "dropped")
    zone = in_junk(zones, m.start, m.end)
    if zone is None:
        return None
    return Problem(
        f"{item}_in_junk",
        where,
        f"this text is in page furniture ({zone.reason.replace('_', ' ')}), not the story; "
        f"remove the {item}.",
        "dropped",
    )


def _ground_claims(
    reading: ArticleReading,
    index: ArticleIndex,
    zones: list[Zone],
    actors: dict[str, Actor],
    dropped: set[str],
    problems: list[Problem],
    warnings: list[ExtractionWarning],
) -> list[Claim]:
    claims: list[Claim] = []
    for i, draft in enumerate(reading.claims):
        where = f"claims[{i}] ({_short(draft.statement, 50)!r})"
        m = index.locate(draft.evidence, min_fuzzy=EVIDENCE_MIN_SCORE)
        problem = _placement_problem(
            index,
            zones,
            m,
            where,
            "claim",
            draft.evidence,
            "its evidence does not occur in the article; copy the sentence or clause exactly.",
        )
        if problem is not None:
            problems.append(problem)
            continue
        assert m is not None  # no match is a problem, handled above
        claimant = draft.claimant
        if claimant is not None and claimant not in actors:
            problem = _speaker_problem(where, claimant, actors, dropped, "claimant")
            if problem:
                problems.append(problem)
            continue
        if m.method == "fuzzy":
            warnings.append(
                ExtractionWarning(
                    code="claim_repaired",
                    item=where,
                    message=f"evidence differs from the article (similarity {m.score}); "
                    "the article's text is used",
                )
            )
        claims.append(
            Claim(
                id="",
                statement=draft.statement.strip(),
                claimant=claimant,
                evidence=_span(index, m),
                attribution=draft.attribution,
                hedged=draft.hedged,
            )
        )
    return claims
