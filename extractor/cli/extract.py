"""``extractor extract FILE``: one article's extraction as JSON on stdout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..api import Extractor
from .options import errors_exit, stderr, with_model_options


@with_model_options
def extract(
    file: Annotated[Path, typer.Argument(help="The article: a text or HTML file.")],
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON.")] = False,
    with_text: Annotated[
        bool,
        typer.Option(
            "--with-text", help="Add the text the offsets index (an HTML page's main text)."
        ),
    ] = False,
    *,
    engine_options: dict[str, Any],
) -> None:
    """Print the extraction of one article as JSON (warnings go to stderr)."""
    with errors_exit():
        result = Extractor(**engine_options).extract(file)
    if with_text:
        data = {"text": result.article_text, **result.model_dump(mode="json")}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=None if compact else 2))
    else:
        typer.echo(result.model_dump_json(indent=None if compact else 2))
    for warning in result.warnings:
        stderr.print(f"[yellow]warning ({warning.code}):[/] {warning.message}", highlight=False)
