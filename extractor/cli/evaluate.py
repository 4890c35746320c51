"""``extractor eval GOLD``: score an engine, a model or saved predictions against gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ..api import Extractor
from .options import errors_exit, fail, stderr, with_model_options


@with_model_options
def evaluate_command(
    gold: Annotated[
        Path, typer.Argument(help="A brat folder (text/ + attributions/) or *.gold.json files.")
    ],
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", "-p", help="Score this JSONL instead of running an engine."),
    ] = None,
    save: Annotated[
        Path | None, typer.Option("--save", help="Write the predictions made to this JSONL.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    actors: Annotated[
        Path | None,
        typer.Option(help="Actor gold (JSONL); default: one actors*.jsonl beside the gold."),
    ] = None,
    claims: Annotated[
        Path | None,
        typer.Option(help="Claim gold (JSONL); default: one claims*.jsonl beside the gold."),
    ] = None,
    *,
    engine_options: dict[str, Any],
) -> None:
    """Score an engine or model (or saved predictions) against gold annotations."""
    # Here, not at the top: `extractor run` and the other commands do not need them.
    from ..evaluation import load_gold, score, score_table
    from ..evaluation.annotations import attach_actors, attach_claims, beside
    from ..evaluation.runner import read_predictions, run_engine, write_predictions

    if not gold.exists():
        raise fail(f"{gold}: no such file or folder")
    with errors_exit():
        golds = load_gold(gold)
        for kind, given, attach in (
            ("actors", actors, attach_actors),
            ("claims", claims, attach_claims),
        ):
            path = given or beside(gold, kind)
            if path is not None:
                count = attach(golds, path)
                stderr.print(f"{kind} gold: {path} ({count} articles)", highlight=False)
        if predictions is not None:
            pairs = read_predictions(predictions, golds)
            label = str(predictions)
        else:
            extractor = Extractor(**engine_options)
            pairs = run_engine(golds, extractor.extract)
            model = extractor.engine.backend
            label = extractor.engine.name + (f" ({model.label})" if model else "")
    if save is not None:
        write_predictions(save, pairs)
    report = score(pairs)
    if as_json:
        typer.echo(json.dumps({"predictions": label, **report.as_dict()}, indent=2))
        return
    for renderable in score_table(report, f"{label} on {gold}"):
        Console().print(renderable)
