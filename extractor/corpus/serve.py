"""``extractor serve``: the corpus database in Datasette, read-only, with the article pages.

Datasette (the ``serve`` extra: ``pip install '.[serve]'``) is run in this
process: the database is opened immutable (read-only; the index folds its
write-ahead log into the file when it finishes), the metadata and canned
queries come from `extractor.corpus.metadata`, and the plugin in
`extractor.corpus.datasette_plugin` is registered in-process (no plugins
folder, no entry point). uvicorn serves it, on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError, ResultsFileError
from .metadata import metadata

SETTINGS = {"sql_time_limit_ms": 5000, "facet_time_limit_ms": 1000, "default_page_size": 50}
INSTALL = "pip install 'extractor[serve]' (from a checkout: pip install '.[serve]')"


def check_corpus(database: Path) -> None:
    """A `ResultsFileError` unless ``database`` is a corpus database `extractor index` made."""
    if not database.is_file():
        raise ResultsFileError(
            "no such corpus database (make one with extractor index)", source=str(database)
        )
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("SELECT value FROM corpus_info WHERE key = 'schema_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise ResultsFileError(
            "not a corpus database made by extractor index", source=str(database)
        ) from None


def build(database: Path) -> Any:
    """A started Datasette instance serving ``database`` immutable, with the plugin."""
    try:
        from datasette.app import Datasette
        from datasette.plugins import pm
    except ImportError:
        raise ConfigurationError(f"extractor serve needs Datasette: {INSTALL}") from None
    from . import datasette_plugin

    check_corpus(database)
    if pm.get_plugin(datasette_plugin.NAME) is None:
        pm.register(datasette_plugin, name=datasette_plugin.NAME)
    ds = Datasette(immutables=[str(database)], metadata=metadata(database.stem), settings=SETTINGS)
    asyncio.run(ds.invoke_startup())
    return ds


def serve_instance(ds: Any, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve a built instance until interrupted."""
    import uvicorn

    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
