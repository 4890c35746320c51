"""The CSV tables of an export: ``actors.csv``, ``quotes.csv`` and ``claims.csv``.

One row per actor, quote or claim, with its article's id. In ``quotes.csv``,
``text`` is the quoted words only (a quote in parts, “A,” he said, “B.”, gives
``A … B``), ``full_text`` the whole span from ``start`` to ``end`` (cue included)
and ``parts`` the parts' offsets as ``start-end;start-end``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..batch.results import ResultLine
from ..render.summary import quoted_words
from ..schema import Extraction, Quote
from .staging import Staging

ACTOR_COLUMNS = "article_id actor_id name type title aliases mentions first_start".split()
QUOTE_COLUMNS = (
    "article_id quote_id kind speaker_id speaker_name speaker_mention cue start end text within "
    "full_text parts"
).split()
CLAIM_COLUMNS = (
    "article_id claim_id claimant_id claimant_name attribution hedged start end statement evidence"
).split()
COLUMNS = {"actors": ACTOR_COLUMNS, "quotes": QUOTE_COLUMNS, "claims": CLAIM_COLUMNS}


def _full_text(quote: Quote, text: str | None) -> str:
    """The article from the quote's start to its end; rebuilt from the parts without the text."""
    if text is not None and len(text) >= quote.end:
        return text[quote.start : quote.end]
    return quote.text


def _parts(quote: Quote) -> str:
    return ";".join(f"{start}-{end}" for start, end in quote.pieces())


def rows(item: str, result: Extraction, text: str | None = None) -> dict[str, list[list[Any]]]:
    """The rows of each table for one article."""
    names = {x.id: x.name for x in result.actors}
    return {
        "actors": [
            [
                item,
                x.id,
                x.name,
                x.type,
                x.title or "",
                " | ".join(x.aliases),
                len(x.mentions),
                x.mentions[0].start if x.mentions else "",
            ]
            for x in result.actors
        ],
        "quotes": [
            [
                item,
                x.id,
                x.kind,
                x.speaker or "",
                names.get(x.speaker or "", ""),
                x.speaker_mention.text if x.speaker_mention else "",
                x.cue or "",
                x.start,
                x.end,
                quoted_words(x),
                x.within or "",
                _full_text(x, text),
                _parts(x),
            ]
            for x in result.quotes
        ],
        "claims": [
            [
                item,
                x.id,
                x.claimant or "",
                names.get(x.claimant or "", ""),
                x.attribution,
                x.hedged,
                x.evidence.start,
                x.evidence.end,
                x.statement,
                x.evidence.text,
            ]
            for x in result.claims
        ],
    }


class Tables:
    """Collects the rows of every ok line (a later line for the same id replaces an earlier
    one), then stages the three CSV files."""

    def __init__(self, folder: Path, staging: Staging) -> None:
        self.folder = folder
        self.staging = staging
        self._rows: dict[str, dict[str, list[list[Any]]]] = {}

    def add(self, line: ResultLine) -> None:
        self._rows.pop(line.id, None)
        if line.extraction is not None:
            text = line.record.get("text")
            self._rows[line.id] = rows(
                line.id, line.extraction, text if isinstance(text, str) else None
            )

    def finish(self) -> list[Path]:
        """Stage the tables; returns their final paths."""
        self.staging.folder(self.folder)
        paths = []
        for table, columns in COLUMNS.items():
            path = self.folder / f"{table}.csv"
            with self.staging.open(path, newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for article in self._rows.values():
                    writer.writerows(article[table])
            paths.append(path)
        return paths
