"""Quote, speaker and actor scores (the Gender Gap Tracker convention).

A predicted quote matches a gold attribution when it covers at least a
threshold share of the gold content's characters. Matching is one-to-one,
best coverage first; precision, recall and F1 are micro-averaged over all
articles. Only top-level quotes count as attributions: a partial quote
nested in reported speech by the same speaker (``within``) is part of it.
A quote is direct, like a gold attribution, when its text holds a quotation
mark. A matched quote's speaker is right when its speaker mention overlaps
the gold source span, or the gold source text names the predicted actor (its
name or an alias); a gold attribution without a source wants no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..schema import Extraction, Quote
from ..text.marks import has_double
from .entities import ActorCounts, ClaimCounts, score_actors, score_claims
from .gold import GoldArticle, GoldAttribution

THRESHOLDS = (0.3, 0.8)


@dataclass(slots=True)
class PRF:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(slots=True)
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(slots=True)
class Report:
    """Micro-averaged scores; keys are ``(subset, threshold)``, subset direct or all."""

    articles: int = 0
    quotes: dict[tuple[str, float], PRF] = field(default_factory=dict)
    speaker: dict[tuple[str, float], Accuracy] = field(default_factory=dict)
    end_to_end: dict[tuple[str, float], PRF] = field(default_factory=dict)
    actors: ActorCounts | None = None  # articles whose gold lists actors
    claims: ClaimCounts | None = None  # articles whose gold lists claims

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": self.articles, "quotes": {}}
        for (subset, t), prf in self.quotes.items():
            out["quotes"].setdefault(subset, {})[str(t)] = {
                **prf.as_dict(),
                "speaker_accuracy": round(self.speaker[(subset, t)].value, 4),
                "end_to_end_f1": round(self.end_to_end[(subset, t)].f1, 4),
            }
        if self.actors is not None:
            a = self.actors
            prf = PRF(a.tp, a.predicted, a.gold)
            out["actors"] = {
                **prf.as_dict(),
                "splits": a.splits,
                "type_accuracy": round(Accuracy(a.typed_right, a.tp).value, 4),
                "quoted_actor_recall": round(Accuracy(a.quoted_found, a.quoted).value, 4),
            }
        if self.claims is not None:
            c = self.claims
            out["claims"] = {
                **PRF(c.tp, c.predicted, c.gold).as_dict(),
                "claimant_accuracy": round(Accuracy(c.claimant_right, c.tp).value, 4),
                "attribution_accuracy": round(Accuracy(c.attribution_right, c.tp).value, 4),
                "hedged_accuracy": round(Accuracy(c.hedged_right, c.tp).value, 4),
            }
        return out


def is_direct(text: str) -> bool:
    """Holds a double quotation mark character (the PolNeAR README's definition; the
    two apostrophes some archives write instead do not count)."""
    return has_double(text)


def _chars(segments: Iterable[tuple[int, int]]) -> set[int]:
    return {i for a, b in segments for i in range(a, b)}


def _names_actor(source_text: str, names: list[str]) -> bool:
    low = source_text.lower()
    return any(re.search(rf"(?<!\w){re.escape(n.lower())}(?!\w)", low) for n in names if len(n) > 1)


def _speaker_right(q: Quote, g: GoldAttribution, result: Extraction) -> bool:
    if not g.source:
        return q.speaker is None
    if q.speaker_mention is not None:
        m = q.speaker_mention
        if any(m.start < b and a < m.end for a, b in g.source):
            return True
    actor = result.actor(q.speaker)
    return actor is not None and _names_actor(g.source_text, [actor.name, *actor.aliases])


def _match(
    preds: list[Quote], golds: list[GoldAttribution], threshold: float
) -> list[tuple[Quote, GoldAttribution]]:
    gold_chars = [_chars(g.content) for g in golds]
    pairs = []
    for i, q in enumerate(preds):
        qc = _chars(q.pieces())
        for j, gc in enumerate(gold_chars):
            if gc:
                cover = len(qc & gc) / len(gc)
                if cover >= threshold:
                    pairs.append((cover, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((preds[i], golds[j]))
    return matched


def score(pairs: list[tuple[GoldArticle, Extraction]]) -> Report:
    """Score each article's extraction against its gold and sum up."""
    report = Report(articles=len(pairs))
    for subset in ("direct", "all"):
        for t in THRESHOLDS:
            report.quotes[(subset, t)] = PRF()
            report.speaker[(subset, t)] = Accuracy()
            report.end_to_end[(subset, t)] = PRF()
    if any(g.actors is not None for g, _ in pairs):
        report.actors = ActorCounts()
    if any(g.claims is not None for g, _ in pairs):
        report.claims = ClaimCounts()
    for gold, result in pairs:
        top = [q for q in result.quotes if q.within is None]
        for subset in ("direct", "all"):
            preds = [q for q in top if subset == "all" or is_direct(q.text)]
            golds = [g for g in gold.attributions if subset == "all" or g.direct]
            for t in THRESHOLDS:
                matched = _match(preds, golds, t)
                right = sum(1 for q, g in matched if _speaker_right(q, g, result))
                report.quotes[(subset, t)].add(len(matched), len(preds), len(golds))
                report.speaker[(subset, t)].right += right
                report.speaker[(subset, t)].total += len(matched)
                report.end_to_end[(subset, t)].add(right, len(preds), len(golds))
        if gold.actors is not None and report.actors is not None:
            score_actors(gold.name, gold.actors, result.actors, report.actors)
        if gold.claims is not None and report.claims is not None:
            score_claims(gold.claims, result, report.claims)
    return report


__all__ = ["PRF", "Accuracy", "Report", "score"]
