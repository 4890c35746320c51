"""The command line: ``extractor extract FILE`` prints the extraction as JSON."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def _errors_exit() -> Iterator[None]:
    """Report the package's errors as one line on stderr; exit 2 for configuration, else 1."""
    try:
        yield
    except ConfigurationError as exc:
        stderr.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    except ExtractorError as exc:
        stderr.print(f"[bold red]error ({exc.code}):[/] {exc}", highlight=False)
        raise typer.Exit(1) from None


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
EngineOpt = Annotated[
    str | None, typer.Option("--engine", help="llm or rules [env: EXTRACTOR_ENGINE]")
]
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
    with _errors_exit():
        extractor = Extractor(
            engine=engine, model=model, base_url=base_url, mode=mode, max_retries=max_retries
        )
        result = extractor.extract(file)
    typer.echo(result.model_dump_json(indent=None if compact else 2))
    for warning in result.warnings:
        stderr.print(f"[yellow]warning ({warning.code}):[/] {warning.message}", highlight=False)


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="A brat folder (text/ + attributions/) or *.gold.json files.")
    ],
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", "-p", help="Score this JSONL instead of running an engine."),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    engine: EngineOpt = None,
    mode: ModeOpt = None,
    save: Annotated[
        Path | None, typer.Option("--save", help="Write the predictions made to this JSONL.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score an engine or model (or saved predictions) against gold annotations."""
    import json

    from rich.table import Table

    from .evaluation import load_gold, score
    from .evaluation.runner import read_predictions, run_engine, write_predictions
    from .evaluation.scoring import report_rows

    with _errors_exit():
        golds = load_gold(gold)
        if predictions is not None:
            pairs = read_predictions(predictions, golds)
            label = str(predictions)
        else:
            extractor = Extractor(engine=engine, model=model, base_url=base_url, mode=mode)
            pairs = run_engine(golds, extractor.engine.extract)
            label = extractor.engine.name + (f" ({model})" if model else "")
    if save is not None:
        write_predictions(save, pairs)
    report = score(pairs)
    if as_json:
        typer.echo(json.dumps({"predictions": label, **report.as_dict()}, indent=2))
        return
    table = Table(title=f"{label} on {gold} ({report.articles} articles)")
    for column in (
        "quotes",
        "overlap",
        "P",
        "R",
        "F1",
        "speaker acc",
        "end-to-end F1",
        "tp/pred/gold",
    ):
        table.add_column(column, justify="right" if column != "quotes" else "left")
    for row in report_rows(report):
        table.add_row(*row)
    Console().print(table)
    if report.actors is not None:
        a = report.actors
        quoted = report.quoted_actor_recall.value if report.quoted_actor_recall else 0.0
        Console().print(
            f"actors: P {a.precision:.3f}  R {a.recall:.3f}  F1 {a.f1:.3f}  "
            f"({a.tp}/{a.predicted}/{a.gold}); quoted-actor recall {quoted:.3f}"
        )
