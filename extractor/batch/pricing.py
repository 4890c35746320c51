"""Estimated cost of a run, from a small price table (US$ per million tokens).

Prices change: override or extend the table with a JSON file named by
``EXTRACTOR_PRICES`` (``{"openai/gpt-4o-mini": [0.15, 0.60], ...}``, input then
output). A model not in the table has no estimate rather than a wrong one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PRICES: dict[str, tuple[float, float]] = {
    "openai/gpt-4o-mini": (0.15, 0.60),
    "openai/gpt-4o": (2.50, 10.00),
    "openai/gpt-4.1-mini": (0.40, 1.60),
    "openai/gpt-4.1": (2.00, 8.00),
    "openai/gpt-4.1-nano": (0.10, 0.40),
}


def price_table() -> dict[str, tuple[float, float]]:
    table = dict(PRICES)
    extra = os.environ.get("EXTRACTOR_PRICES")
    if extra:
        for model, (given, taken) in json.loads(Path(extra).read_text(encoding="utf-8")).items():
            table[model] = (float(given), float(taken))
    return table


def estimate(model: str | None, input_tokens: int, output_tokens: int) -> float | None:
    """US$ for these tokens, or None when the model's price is unknown (local models: 0)."""
    if model is None:
        return None
    if model.startswith(("ollama/", "compatible/")):
        return 0.0
    price = price_table().get(model)
    if price is None:
        return None
    return (input_tokens * price[0] + output_tokens * price[1]) / 1_000_000
