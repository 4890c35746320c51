"""The command line: ``extractor extract FILE`` prints the extraction as JSON."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..api import Extractor
from ..errors import ConfigurationError, ExtractorError

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

    from ..evaluation import load_gold, score
    from ..evaluation.runner import read_predictions, run_engine, write_predictions
    from ..evaluation.scoring import report_rows

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


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Results JSONL (appended, resumable); default stdout."),
    ] = None,
    include: Annotated[
        list[str] | None, typer.Option("--include", help="Glob on relative paths to keep.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Glob on relative paths to skip.")
    ] = None,
    text_field: Annotated[str, typer.Option(help="Text field of JSON records.")] = "text",
    id_field: Annotated[str, typer.Option(help="Id field of JSON records.")] = "id",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    engine: EngineOpt = None,
    mode: ModeOpt = None,
    max_retries: RetriesOpt = None,
    concurrency: Annotated[int, typer.Option(min=1, help="Articles in flight at once.")] = 8,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the cache.")
    ] = False,
    cache_dir: Annotated[Path | None, typer.Option(help="[env: EXTRACTOR_CACHE_DIR]")] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Redo inputs whose earlier line is an error.")
    ] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop after this many inputs.")] = None,
) -> None:
    """Extract every article under PATH... into JSON lines, one per input."""
    from ..batch.cache import ExtractionCache
    from ..batch.inputs import InputOptions, count_inputs, iter_inputs
    from ..batch.progress import RunProgress, summary_table
    from ..batch.results import Previous, ResultWriter, read_previous
    from ..batch.runner import extract_many

    with _errors_exit():
        extractor = Extractor(
            engine=engine, model=model, base_url=base_url, mode=mode, max_retries=max_retries
        )
    options = InputOptions(include or [], exclude or [], text_field, id_field)
    if output is not None:
        options.skip.add(output.resolve())  # a results file inside the input folder is no input
    previous = read_previous(output) if output else Previous({}, 0)
    cache = None if no_cache or extractor.engine.name == "rules" else ExtractionCache(cache_dir)
    skipped = 0

    def todo() -> Iterator:
        nonlocal skipped
        taken = 0
        for item in iter_inputs(paths, options):
            status = previous.status.get(item.id)
            if status == "ok" or (status == "error" and not retry_failed):
                skipped += 1
                continue
            if limit is not None and taken >= limit:
                return
            taken += 1
            yield item

    total = count_inputs(paths, options) - sum(
        1 for s in previous.status.values() if s == "ok" or not retry_failed
    )
    if limit is not None:
        total = min(total, limit)
    writer = ResultWriter(output, previous)
    progress = RunProgress(stderr, max(total, 0), getattr(extractor.engine, "backend", None))
    try:
        with progress:
            for line in extract_many(
                todo(), concurrency=concurrency, extractor=extractor, cache=cache
            ):
                writer.write(line)
                progress.add(line)
    finally:
        writer.close()
        if cache is not None:
            cache.close()
    progress.skipped = skipped
    stderr.print(summary_table(progress))
    if progress.failed:
        raise typer.Exit(1)


@app.command("export")
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
    from ..export.pages import export_csv, export_html

    if csv_dir is None and html_dir is None:
        stderr.print("[bold red]error:[/] name --csv DIR, --html DIR or both", highlight=False)
        raise typer.Exit(2)
    if not results.is_file():
        stderr.print(f"[bold red]error:[/] {results}: no such results file", highlight=False)
        raise typer.Exit(1)
    if csv_dir is not None:
        for path in export_csv(results, csv_dir):
            stderr.print(f"wrote {path}", highlight=False)
    if html_dir is not None:
        stderr.print(f"wrote {export_html(results, html_dir)}", highlight=False)
