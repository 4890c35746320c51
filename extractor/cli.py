"""The command line: ``extractor extract FILE`` prints the extraction as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .api import Extractor
from .errors import ConfigurationError, ExtractorError

app = typer.Typer(
    help="Who said what in news articles, every item grounded in the text.",
    no_args_is_help=True,
    add_completion=False,
)
stderr = Console(stderr=True, soft_wrap=True)


@app.callback()
def main() -> None:
    """extractor: actors, quotes and claims from news articles."""


ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", "-m", help="e.g. openai/gpt-4o-mini, ollama/llama3.1 [env: EXTRACTOR_MODEL]"
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option("--base-url", help="An OpenAI-compatible server [env: EXTRACTOR_BASE_URL]"),
]
EngineOpt = Annotated[str | None, typer.Option("--engine", help="llm [env: EXTRACTOR_ENGINE]")]
ModeOpt = Annotated[
    str | None,
    typer.Option("--mode", help="tools, tools_strict, json_schema, json, md_json"),
]
RetriesOpt = Annotated[
    int | None, typer.Option("--max-retries", min=0, help="Validation re-asks (default 2)")
]


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="The article: a UTF-8 text file.")],
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    engine: EngineOpt = None,
    mode: ModeOpt = None,
    max_retries: RetriesOpt = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON.")] = False,
) -> None:
    """Print the extraction of one article as JSON."""
    try:
        extractor = Extractor(
            engine=engine, model=model, base_url=base_url, mode=mode, max_retries=max_retries
        )
        result = extractor.extract(file)
    except ConfigurationError as exc:
        stderr.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    except ExtractorError as exc:
        stderr.print(f"[bold red]error ({exc.code}):[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    typer.echo(result.model_dump_json(indent=None if compact else 2))
    for warning in result.warnings:
        stderr.print(f"[yellow]warning ({warning.code}):[/] {warning.message}", highlight=False)
