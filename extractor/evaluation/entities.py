"""Actor and claim scores (`../shared/eval/README.md` says how, and these follow it).

Actors: a predicted actor matches a gold actor when one of its names (name or
alias; lower-cased, punctuation and a leading "the" dropped) equals one of the
gold actor's; each gold actor matches once, and a second predicted actor for
an already-matched gold actor is a split (a false positive: aliases not
merged). Type accuracy is over matches; quoted-actor recall is the share of
quoted gold actors matched at all.

Claims: a predicted claim matches a gold claim when its evidence covers at least
half of the gold evidence's characters and at least half of the predicted span
lies inside the gold span; one-to-one, best overlap first. Over matches:
claimant (null matches null; else a name or alias of the predicted actor and the
gold claimant agree word-wise, one containing the other), attribution, hedged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..schema import Actor, Extraction
from .gold import GoldActor, GoldClaim

_PUNCTUATION = re.compile(r"[^\w\s]")
_WORD = re.compile(r"\w+")


def name_key(name: str) -> str:
    """A name as the scorer compares it: lower case, no punctuation, no leading "the"."""
    key = " ".join(_PUNCTUATION.sub("", name.lower()).split())
    return key.removeprefix("the ").strip()


@dataclass(slots=True)
class ActorCounts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    splits: int = 0
    typed_right: int = 0
    quoted_found: int = 0
    quoted: int = 0
    #: (article, predicted name, why) for reading the misses: "false", "split"
    false: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)


def score_actors(
    article: str, gold: list[GoldActor], actors: list[Actor], into: ActorCounts
) -> None:
    keys = [{name_key(n) for n in (g.name, *g.aliases)} - {""} for g in gold]
    matched: set[int] = set()
    for actor in actors:
        names = {name_key(n) for n in (actor.name, *actor.aliases)} - {""}
        hits = [j for j, k in enumerate(keys) if k & names]
        fresh = [j for j in hits if j not in matched]
        if fresh:
            j = fresh[0]
            matched.add(j)
            into.tp += 1
            into.typed_right += int(gold[j].type is None or gold[j].type == actor.type)
        elif hits:
            into.splits += 1
            into.false.append((article, actor.name, "split"))
        else:
            into.false.append((article, actor.name, "false"))
    into.predicted += len(actors)
    into.gold += len(gold)
    for j, g in enumerate(gold):
        if g.quoted:
            into.quoted += 1
            into.quoted_found += int(j in matched)
        if j not in matched:
            into.missed.append((article, g.name))


@dataclass(slots=True)
class ClaimCounts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    claimant_right: int = 0
    attribution_right: int = 0
    hedged_right: int = 0


def _agree(gold_claimant: str, names: list[str]) -> bool:
    want = set(_WORD.findall(gold_claimant.lower()))
    for name in names:
        have = set(_WORD.findall(name.lower()))
        if have and want and (have <= want or want <= have):
            return True
    return False


def score_claims(gold: list[GoldClaim], result: Extraction, into: ClaimCounts) -> None:
    pairs: list[tuple[float, int, int]] = []
    for i, c in enumerate(result.claims):
        a, b = c.evidence.start, c.evidence.end
        for j, g in enumerate(gold):
            inter = max(0, min(b, g.end) - max(a, g.start))
            if g.end > g.start and b > a:
                cover, inside = inter / (g.end - g.start), inter / (b - a)
                if cover >= 0.5 and inside >= 0.5:
                    pairs.append((cover + inside, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        claim, g = result.claims[i], gold[j]
        into.tp += 1
        actor = result.actor(claim.claimant)
        if g.claimant is None:
            into.claimant_right += int(actor is None)
        elif actor is not None:
            into.claimant_right += int(_agree(g.claimant, [actor.name, *actor.aliases]))
        into.attribution_right += int(claim.attribution == g.attribution)
        into.hedged_right += int(claim.hedged == g.hedged)
    into.predicted += len(result.claims)
    into.gold += len(gold)
