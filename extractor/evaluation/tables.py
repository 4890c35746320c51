"""The scores as a person reads them: tables that fit an 80-column terminal."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table

from .scoring import Report

COLUMNS = ("quotes", "overlap", "P", "R", "F1", "speaker", "e2e F1", "tp/pred/gold")


def score_table(report: Report, title: str) -> list[RenderableType]:
    """The quote table and, where the gold lists actors, a line of actor scores."""
    table = Table(
        title=f"{title} ({report.articles} articles)",
        box=box.SIMPLE_HEAD,
        caption="overlap: share of a gold quote's characters a prediction must cover; "
        "speaker: accuracy over matched quotes; e2e: quote and speaker both right",
        caption_justify="left",
    )
    for column in COLUMNS:
        table.add_column(column, justify="left" if column == "quotes" else "right", no_wrap=True)
    for (subset, t), prf in report.quotes.items():
        table.add_row(
            subset,
            f"{t:.1f}",
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            f"{report.speaker[(subset, t)].value:.3f}",
            f"{report.end_to_end[(subset, t)].f1:.3f}",
            f"{prf.tp}/{prf.predicted}/{prf.gold}",
        )
    out: list[RenderableType] = [table]
    scores = report.as_dict()
    if "actors" in scores:
        a = scores["actors"]
        out.append(
            f"actors: P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f}  "
            f"({a['tp']}/{a['predicted']}/{a['gold']}), splits {a['splits']}, "
            f"type acc {a['type_accuracy']:.3f}, quoted-actor recall {a['quoted_actor_recall']:.3f}"
        )
    if "claims" in scores:
        c = scores["claims"]
        out.append(
            f"claims: P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}  "
            f"({c['tp']}/{c['predicted']}/{c['gold']}), claimant acc "
            f"{c['claimant_accuracy']:.3f}, attribution acc {c['attribution_accuracy']:.3f}, "
            f"hedged acc {c['hedged_accuracy']:.3f}"
        )
    return out
