"""Text shown to a person or a model in a message: squeezed to one line, cut to a length."""

from __future__ import annotations


def shorten(text: str, limit: int = 80) -> str:
    """``text`` on one line (runs of white space made one space), cut with "..." when it
    is longer than ``limit``."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
