"""One export: read a results file once, fill the tables and pages, then write all or nothing.

The file is read through `extractor.batch.results.read_results`, the one reader
of results files. Every output is written under a temporary name in its folder
and moved into place only after the whole file was read; a file with no usable
line raises `ResultsFileError` and leaves the folders as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..batch.results import read_results
from ..errors import ResultsFileError
from .pages import Pages
from .staging import Staging
from .tables import Tables


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export did: the files written, and how many lines it used or skipped."""

    results: Path
    tables: list[Path] = field(default_factory=list)  # actors.csv, quotes.csv, claims.csv
    index: Path | None = None  # index.html
    pages: list[Path] = field(default_factory=list)  # one per article
    read: int = 0  # usable lines (ok and error lines)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    skipped_summary: str = ""  # ResultsReader.describe_skipped(), or ""
    replaced: int = 0  # lines replaced by a later line for the same id
    torn: bool = False  # the file ended in a half-written line (ignored)

    @property
    def written(self) -> list[Path]:
        """Every file written: the tables, then the index, then the pages."""
        return [*self.tables, *([self.index] if self.index else []), *self.pages]


def export_results(
    results: Path, *, csv_dir: Path | None = None, html_dir: Path | None = None
) -> ExportReport:
    """Export a results file as CSV tables (``csv_dir``) and/or HTML pages (``html_dir``).

    Raises `ResultsFileError` when the file is missing or unreadable or has no
    usable line, and `OSError` when an output cannot be written; either way
    nothing is written.
    """
    results = Path(results)
    if not results.is_file():
        raise ResultsFileError("no such results file", source=str(results))
    staging = Staging()
    tables = Tables(Path(csv_dir), staging) if csv_dir is not None else None
    pages = Pages(Path(html_dir), staging) if html_dir is not None else None
    reader = read_results(results)
    seen: set[str] = set()
    replaced = 0
    lines = iter(reader)
    try:
        while True:
            try:
                line = next(lines)
            except StopIteration:
                break
            except OSError as exc:
                raise ResultsFileError(
                    f"cannot be read ({exc.strerror or exc})", source=str(results)
                ) from exc
            replaced += int(line.id in seen)
            seen.add(line.id)
            if line.extraction is not None and line.extraction.article_text is None:
                text = line.record.get("text")
                if isinstance(text, str):
                    line.extraction.attach_text(text)
            for sink in (tables, pages):
                if sink is not None:
                    sink.add(line)
        if reader.read == 0:
            detail = reader.describe_skipped() or "it is empty"
            raise ResultsFileError(
                f"holds no usable result line ({detail}); is it a results file written by "
                "`extractor run`?",
                source=str(results),
            )
        table_paths = tables.finish() if tables is not None else []
        index = pages.finish() if pages is not None else None
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    return ExportReport(
        results=results,
        tables=table_paths,
        index=index,
        pages=pages.pages if pages is not None else [],
        read=reader.read,
        skipped=list(reader.skipped),
        skipped_summary=reader.describe_skipped(),
        replaced=replaced,
        torn=reader.torn,
    )


def export_csv(results: Path, folder: Path) -> ExportReport:
    """``actors.csv``, ``quotes.csv`` and ``claims.csv`` in ``folder`` (see `export_results`)."""
    return export_results(results, csv_dir=folder)


def export_html(results: Path, folder: Path) -> ExportReport:
    """One page per article plus ``index.html`` in ``folder`` (see `export_results`)."""
    return export_results(results, html_dir=folder)
