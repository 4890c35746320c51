"""``extractor serve corpus.db``: browse a corpus database in Datasette (read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import errors_exit, stderr


def serve(
    database: Annotated[Path, typer.Argument(help="A corpus database from `extractor index`.")],
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8001,
    host: Annotated[
        str, typer.Option(help="Address to bind (default: this machine only).")
    ] = "127.0.0.1",
) -> None:
    """Open the corpus in Datasette: tables, facets, full-text search, canned queries,
    and every quote linked to its highlighted article. Needs the serve extra."""
    from ..corpus.serve import build, serve_instance

    with errors_exit():
        ds = build(database)
    stderr.print(f"serving {database} read-only at http://{host}:{port}/", highlight=False)
    serve_instance(ds, host, port)
