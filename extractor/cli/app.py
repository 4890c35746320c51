"""The `extractor` command: its commands, ``--version``, and how notices reach stderr."""

from __future__ import annotations

import logging
import warnings
from typing import Annotated, Any

import typer

from .. import __version__
from ..errors import OfflineEngineNotice
from .evaluate import evaluate_command
from .export import export
from .extract import extract
from .index import index
from .options import stderr
from .run import run
from .serve import serve

app = typer.Typer(
    help="Who said what in news articles, every item grounded in the text.",
    no_args_is_help=True,
    add_completion=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"extractor {__version__}")
        raise typer.Exit()


def _show_notice(message: Any, category: type[Warning], *rest: Any, **more: Any) -> None:
    """Library notices on stderr as one plain line (through the console the progress
    bar uses, so they never tear it)."""
    label = "note" if issubclass(category, OfflineEngineNotice) else "warning"
    stderr.print(f"extractor: {label}: {message}", highlight=False)


#: Libraries whose own log lines would tell a different story from the tool's (instructor
#: logs "Max retries exceeded" for a request the transport already retried).
QUIET_LOGGERS = ("instructor", "openai", "httpx", "httpx2", "httpcore", "httpcore2")


def _configure_logging(verbose: bool) -> None:
    from rich.logging import RichHandler

    if verbose:  # everything at INFO, the libraries' lines included, through the one console
        logging.basicConfig(
            level=logging.INFO,
            format="%(name)s: %(message)s",
            handlers=[RichHandler(console=stderr)],
        )
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.DEBUG)
        return
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version."),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show the libraries' log lines too.")
    ] = False,
) -> None:
    """extractor: actors, quotes and claims from news articles."""
    warnings.showwarning = _show_notice
    _configure_logging(verbose)


app.command()(extract)
app.command()(run)
app.command("eval")(evaluate_command)
app.command("export")(export)
app.command("index")(index)
app.command("serve")(serve)
