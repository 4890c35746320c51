"""The corpus database: results files indexed into SQLite, actors resolved across articles.

`index_results` builds it (`extractor index`); `extractor.corpus.serve` browses
it in Datasette (`extractor serve`, the ``serve`` extra).
"""

from __future__ import annotations

from .index import IndexReport, index_results

__all__ = ["IndexReport", "index_results"]
