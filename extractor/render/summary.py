"""Short summaries of an `Extraction`: plain text for ``str()``, a rich renderable for consoles.

Both give a counts line, then one line per top-level quote (a quote that sits
inside another is counted, not listed again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .colours import NOBODY, speaker_colours

if TYPE_CHECKING:
    from ..schema import Extraction, Quote

_MARKS = "\"'“”‘’«»„‚‹›"
_KIND_WIDTH = 8  # len("indirect")


def quoted_words(quote: Quote) -> str:
    """The words a quote holds: its parts' texts joined with " … " (the cue between left out)."""
    if not quote.parts:
        return quote.text
    return " … ".join(part.text for part in quote.parts)


def shown_words(quote: Quote) -> str:
    """The quote for a one-line display: quoted words as “…”, reported speech as it stands."""
    pieces = [" ".join(part.text.split()) for part in quote.parts] or [" ".join(quote.text.split())]
    if quote.kind == "indirect":
        return " … ".join(pieces)
    inner = " … ".join(piece.strip(_MARKS + " ").rstrip(",") for piece in pieces)
    return f"“{inner}”"


def speaker_name(extraction: Extraction, quote: Quote) -> str:
    """The speaker's name, their id when no actor has it, or ``?`` when unattributed."""
    if quote.speaker is None:
        return "?"
    actor = next((a for a in extraction.actors if a.id == quote.speaker), None)
    return actor.name if actor is not None else quote.speaker


def top_level(extraction: Extraction) -> list[Quote]:
    """The quotes that are not part of another quote (``within`` unset)."""
    return [q for q in extraction.quotes if q.within is None]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def counts_line(extraction: Extraction) -> str:
    """``Extraction [rules]: 4 actors, 3 quotes (1 direct, 2 indirect), 1 claim, ...``"""
    quotes = top_level(extraction)
    kinds = {k: sum(1 for q in quotes if q.kind == k) for k in ("direct", "partial", "indirect")}
    by_kind = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
    parts = [
        _plural(len(extraction.actors), "actor"),
        _plural(len(quotes), "quote") + (f" ({by_kind})" if by_kind else ""),
    ]
    nested = len(extraction.quotes) - len(quotes)
    if nested:
        parts.append(f"{nested} more inside {'them' if len(quotes) != 1 else 'it'}")
    parts.append(_plural(len(extraction.claims), "claim"))
    if extraction.warnings:
        parts.append(_plural(len(extraction.warnings), "warning"))
    return f"Extraction [{extraction.meta.engine}]: " + ", ".join(parts)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def summary_text(extraction: Extraction, width: int = 100) -> str:
    """The counts line, then ``q1 direct   Name: “…”`` per top-level quote, cut to ``width``."""
    lines = [counts_line(extraction)]
    quotes = top_level(extraction)
    ids = max((len(q.id) for q in quotes), default=0)
    for quote in quotes:
        head = f"{quote.id:<{ids}} {quote.kind:<{_KIND_WIDTH}} {speaker_name(extraction, quote)}: "
        lines.append(_cut(head + shown_words(quote), width))
    return "\n".join(lines)


def summary_rich(extraction: Extraction, words: int = 160) -> Any:
    """A rich renderable: the counts line and a table of the top-level quotes."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    colours = speaker_colours(extraction)
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("speaker", no_wrap=True)
    table.add_column("words", ratio=1)
    for quote in top_level(extraction):
        colour = colours.get(quote.speaker or "", NOBODY)
        style = f"bold {colour.line}" if colour.line.startswith("#") else "bold"
        table.add_row(
            quote.id,
            Text(quote.kind, style="italic" if quote.kind == "indirect" else ""),
            Text(speaker_name(extraction, quote), style=style),
            Text(_cut(shown_words(quote), words)),
        )
    head = Text(counts_line(extraction), style="bold")
    return Group(head, table) if extraction.quotes else head
