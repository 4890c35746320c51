"""``extractor export RESULTS``: CSV tables and HTML pages from a results file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..export.pages import export_csv, export_html
from .options import fail, stderr


def export(
    results: Annotated[Path, typer.Argument(help="A results JSONL written by `extractor run`.")],
    csv_dir: Annotated[
        Path | None, typer.Option("--csv", help="Write actors.csv, quotes.csv, claims.csv here.")
    ] = None,
    html_dir: Annotated[
        Path | None, typer.Option("--html", help="Write one page per article and index.html.")
    ] = None,
) -> None:
    """Export results as CSV tables and/or HTML pages with quotes coloured by speaker."""
    if csv_dir is None and html_dir is None:
        raise fail("name --csv DIR, --html DIR or both", 2)
    if not results.is_file():
        raise fail(f"{results}: no such results file")
    if csv_dir is not None:
        for path in export_csv(results, csv_dir):
            stderr.print(f"wrote {path}", highlight=False)
    if html_dir is not None:
        stderr.print(f"wrote {export_html(results, html_dir)}", highlight=False)
