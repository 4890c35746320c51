"""What every command shares: the model options, error reporting and the stderr console."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console

from ..api import Extractor
from ..batch.cache import ExtractionCache
from ..batch.progress import RunProgress, summary_table
from ..batch.results import ResultWriter
from ..batch.runner import RunPlan
from ..errors import ConfigurationError, ExtractorError

stderr = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Say what is wrong on stderr; return the exit to raise."""
    stderr.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


@contextmanager
def errors_exit() -> Iterator[None]:
    """Report the package's errors as one line on stderr; exit 2 for configuration, else 1."""
    try:
        yield
    except ConfigurationError as exc:
        raise fail(exc.for_cli(), 2) from None
    except ExtractorError as exc:
        stderr.print(f"[bold red]error ({exc.code}):[/] {exc.for_cli()}", highlight=False)
        raise typer.Exit(1) from None


#: The options that choose and configure the engine, shared by extract, run and eval.
#: Each is also an environment variable; an option given wins.
MODEL_OPTIONS: dict[str, Any] = {
    "model": Annotated[
        str | None,
        typer.Option(
            "--model", "-m", help="e.g. openai/gpt-4o-mini, ollama/llama3.1 [env: EXTRACTOR_MODEL]"
        ),
    ],
    "base_url": Annotated[
        str | None,
        typer.Option(help="An OpenAI-compatible server's URL [env: EXTRACTOR_BASE_URL]"),
    ],
    "api_key": Annotated[
        str | None,
        typer.Option(
            help="The provider's key [env: EXTRACTOR_API_KEY, else OPENAI_API_KEY]",
            show_default=False,
        ),
    ],
    "engine": Annotated[
        str | None, typer.Option(help="llm or rules (default: llm when a model is set)")
    ],
    "mode": Annotated[
        str | None,
        typer.Option(help="instructor mode: tools, tools_strict, json_schema, json, md_json"),
    ],
    "max_retries": Annotated[
        int | None, typer.Option(min=0, help="Re-asks after an unusable answer (default 2)")
    ],
    "transport_retries": Annotated[
        int | None,
        typer.Option(min=0, help="Retries of 429/5xx/timeouts per request (default 4)"),
    ],
    "timeout": Annotated[
        float | None, typer.Option(min=0.1, help="Seconds per HTTP request (default 120)")
    ],
    "max_tokens": Annotated[
        int | None, typer.Option(min=1, help="Cap on the answer's length in tokens")
    ],
    "chunk_chars": Annotated[
        int | None,
        typer.Option(min=1000, help="Longer articles are read in chunks (default 40000)"),
    ],
    "fill_missed": Annotated[
        bool | None,
        typer.Option(
            "--fill-missed",
            help="Add the direct quotes a model missed and the offline engine found, each "
            "marked source_engine=rules [env: EXTRACTOR_FILL_MISSED]",
            show_default=False,
        ),
    ],
}


def with_model_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the `MODEL_OPTIONS`; it receives them as one dict, ``engine_options``
    (only those given, so the environment fills the rest)."""
    signature = inspect.signature(command)
    hints = typing.get_type_hints(command, include_extras=True)  # resolved in its own module
    own = [
        p.replace(annotation=hints.get(p.name, p.annotation))
        for p in signature.parameters.values()
        if p.name != "engine_options"
    ]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in MODEL_OPTIONS.items()
    ]

    @functools.wraps(command)
    def wrapper(**given: Any) -> None:
        engine_options = {k: given.pop(k) for k in MODEL_OPTIONS if given.get(k) is not None}
        given.pop("engine_options", None)
        for name in MODEL_OPTIONS:
            given.pop(name, None)
        command(**given, engine_options=engine_options)

    wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {
        **{k: v for k, v in hints.items() if k != "engine_options"},
        **MODEL_OPTIONS,
    }
    return wrapper



@contextmanager
def closing_run(
    writer: ResultWriter, extractor: Extractor, progress: RunProgress, plan: RunPlan
) -> Iterator[None]:
    """Around a run's writing: the results file and the cache are closed whatever
    happens; after a run that ends, its summary, and exit 1 when an article failed
    (after everything that succeeded has been written)."""
    try:
        yield
    finally:
        writer.close()
        if isinstance(extractor.cache, ExtractionCache):
            extractor.cache.close()
    progress.skipped = plan.skipped
    stderr.print(summary_table(progress))
    if progress.failed:
        raise typer.Exit(1)
