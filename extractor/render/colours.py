"""One colour per speaker, the same in the HTML pages, the notebook view and the console."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..schema import Extraction


@dataclass(frozen=True, slots=True)
class Colour:
    """A speaker's colour: ``fill`` behind quoted words, ``line`` under reported speech."""

    fill: str
    line: str


#: Twelve hues picked to stay apart (CIE76 distance ≥ 20 between any two fills, and
#: from the grey of unattributed quotes); more speakers get generated hues.
PALETTE: tuple[Colour, ...] = (
    Colour("#fca5a5", "#b91c1c"),  # red
    Colour("#7dd3fc", "#0369a1"),  # sky
    Colour("#fde047", "#a16207"),  # yellow
    Colour("#c4b5fd", "#9333ea"),  # violet
    Colour("#4ade80", "#15803d"),  # green
    Colour("#fdba74", "#ea580c"),  # orange
    Colour("#818cf8", "#4338ca"),  # indigo
    Colour("#bef264", "#4d7c0f"),  # lime
    Colour("#e879f9", "#c026d3"),  # fuchsia
    Colour("#2dd4bf", "#0f766e"),  # teal
    Colour("#d6b38a", "#78350f"),  # brown
    Colour("#f9a8d4", "#db2777"),  # pink
)

#: Quotes with no speaker.
NOBODY = Colour("#e5e7eb", "#6b7280")


def colour(n: int) -> Colour:
    """The colour of the n-th speaker (0-based): the palette, then golden-angle hues."""
    if n < len(PALETTE):
        return PALETTE[n]
    hue = (n - len(PALETTE)) * 137.508 % 360
    return Colour(f"hsl({hue:.0f} 85% 78%)", f"hsl({hue:.0f} 70% 33%)")


def speaker_colours(extraction: Extraction) -> dict[str, Colour]:
    """Speaker id -> colour: actors who speak, in actor order, then unknown speaker ids."""
    speaking = [q.speaker for q in extraction.quotes if q.speaker]
    order = [a.id for a in extraction.actors if a.id in speaking]
    order += [s for s in dict.fromkeys(speaking) if s not in order]
    return {speaker: colour(n) for n, speaker in enumerate(order)}
