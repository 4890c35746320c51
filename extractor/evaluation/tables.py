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
    if report.actors is not None:
        a = report.actors
        quoted = report.quoted_actor_recall.value if report.quoted_actor_recall else 0.0
        out.append(
            f"actors: P {a.precision:.3f}  R {a.recall:.3f}  F1 {a.f1:.3f}  "
            f"({a.tp}/{a.predicted}/{a.gold}); quoted-actor recall {quoted:.3f}"
        )
    return out
