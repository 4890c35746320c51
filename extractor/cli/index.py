"""``extractor index RESULTS... -o corpus.db``: results files into the corpus database."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..corpus import IndexReport, index_results
from ..corpus.index import BATCH
from ..corpus.stats import CorpusStats, corpus_stats
from .options import errors_exit, fail, stderr


def index(
    results: Annotated[
        list[Path], typer.Argument(help="Results JSONL files written by `extractor run`.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The corpus database (created or extended).")
    ],
    overrides: Annotated[
        Path | None,
        typer.Option(help="Merges and splits of actors (TOML or JSON; see README), every run."),
    ] = None,
    attributes: Annotated[
        Path | None,
        typer.Option(help="CSV of actor attributes: a name column, then gender, party, role..."),
    ] = None,
    articles: Annotated[
        Path | None, typer.Option(help="CSV of article facts: id, then source and/or date.")
    ] = None,
    top: Annotated[int, typer.Option(min=1, help="Rows in each summary table.")] = 10,
    batch: Annotated[
        int, typer.Option(min=1, help="Lines per transaction (a kill loses at most one batch).")
    ] = BATCH,
) -> None:
    """Index results into an SQLite corpus database, resolving actors across articles.

    Indexing the same lines again adds nothing; new lines of a grown file are
    added. Lines that are not results are skipped and counted.
    """
    with errors_exit():
        try:
            report = index_results(
                results,
                output,
                overrides=overrides,
                attributes=attributes,
                articles=articles,
                batch=batch,
            )
        except sqlite3.DatabaseError as exc:
            raise fail(
                f"{output}: cannot write this corpus database ({exc}; is another "
                "`extractor index` writing it, or is it some other file?)"
            ) from None
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc}") from None
    _say(report)
    show(corpus_stats(output, top), Console())


def _say(report: IndexReport) -> None:
    for done in report.files:
        if done.skipped:
            stderr.print(f"extractor: warning: {done.path}: {done.summary}", highlight=False)
        if done.torn:
            stderr.print(
                f"extractor: note: {done.path}: the last line was cut short and was left out",
                highlight=False,
            )
        if not done.read:
            stderr.print(f"extractor: warning: {done.path}: no usable result line", highlight=False)
    for line in (report.attributes, report.articles_csv):
        if line:
            stderr.print(f"extractor: {line}", highlight=False)
    stderr.print(
        f"indexed {report.added} new line{'s' if report.added != 1 else ''} into "
        f"{report.database} ({report.already} already there, {report.replaced} replaced, "
        f"{report.errors_recorded} error lines recorded, {report.skipped} skipped; "
        f"{report.pending_linked} bare surnames linked, overrides: {report.merged} merged, "
        f"{report.split} split) in {report.elapsed_s:.1f} s",
        highlight=False,
    )


def _table(title: str, head: list[str], rows: list[tuple[object, ...]]) -> Table:
    table = Table(title=title, title_justify="left")
    for n, name in enumerate(head):
        table.add_column(name, justify="left" if n == 0 else "right")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def show(stats: CorpusStats, console: Console) -> None:
    """The summary tables of a corpus."""
    console.print(_table("corpus", ["", "count"], list(stats.totals.items())))
    console.print(
        _table(
            "most-quoted actors",
            ["actor", "type", "articles", "quotes", "claims"],
            stats.top_actors,
        )
    )
    console.print(_table("by actor type", ["type", "actors", "quotes", "claims"], stats.types))
    console.print(
        _table("by source", ["source", "articles", "failed", "quotes", "claims"], stats.sources)
    )
    console.print(_table("links by rule", ["rule", "article actors"], stats.rules))
    if stats.months:
        console.print(
            _table("by month (latest)", ["month", "articles", "quotes", "claims"], stats.months)
        )
    if stats.attributes:
        console.print(
            _table("by attribute", ["attribute", "value", "actors", "quotes"], stats.attributes)
        )
