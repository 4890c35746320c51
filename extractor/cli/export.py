"""``extractor export RESULTS``: CSV tables and HTML pages from a results file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import errors_exit, fail, stderr


def export(
    results: Annotated[Path, typer.Argument(help="A results JSONL written by `extractor run`.")],
    csv_dir: Annotated[
        Path | None, typer.Option("--csv", help="Write actors.csv, quotes.csv, claims.csv here.")
    ] = None,
    html_dir: Annotated[
        Path | None, typer.Option("--html", help="Write one page per article and index.html.")
    ] = None,
) -> None:
    """Export results as CSV tables and/or HTML pages with quotes coloured by speaker.

    Nothing is written unless the file holds at least one usable result line;
    lines that are not results are skipped and counted.
    """
    from ..export import export_results  # here: the other commands do not need it

    if csv_dir is None and html_dir is None:
        raise fail("name --csv DIR, --html DIR or both", 2)
    with errors_exit():
        try:
            report = export_results(results, csv_dir=csv_dir, html_dir=html_dir)
        except OSError as exc:
            raise fail(f"cannot write the export: {exc}") from None
    for path in report.tables:
        stderr.print(f"wrote {path}", highlight=False)
    if report.index is not None:
        pages = len(report.pages)
        stderr.print(
            f"wrote {report.index} (and {pages} article page{'s' if pages != 1 else ''})",
            highlight=False,
        )
    if report.skipped:
        stderr.print(f"extractor: warning: {results}: {report.skipped_summary}", highlight=False)
    if report.torn:
        stderr.print(
            f"extractor: note: {results}: the last line was cut short and was left out",
            highlight=False,
        )
    if report.replaced:
        stderr.print(
            f"extractor: note: {report.replaced} line{'s' if report.replaced != 1 else ''} "
            "replaced by a later line for the same id",
            highlight=False,
        )
