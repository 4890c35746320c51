"""Estimated cost of a run, from a small price table (US$ per million tokens).

Each entry holds the live prices, input then output, and the batch-API prices
(`Price.batch`): providers charge half for requests sent through their batch
APIs, so an entry without batch prices gets half of the live ones. Prices change:
override or extend the table with a JSON file named by ``EXTRACTOR_PRICES``
(``{"openai/gpt-4o-mini": [0.15, 0.60], ...}``, input then output, optionally
followed by the batch input and output prices). A model not in the table has no
estimate rather than a wrong one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

#: What providers charge for batch-API requests, relative to live ones.
BATCH_DISCOUNT = 0.5


class Price(NamedTuple):
    """US$ per million tokens."""

    input: float
    output: float
    batch_input: float | None = None  # None: BATCH_DISCOUNT of ``input``
    batch_output: float | None = None

    @property
    def batch(self) -> tuple[float, float]:
        given = self.batch_input if self.batch_input is not None else self.input * BATCH_DISCOUNT
        taken = self.batch_output if self.batch_output is not None else self.output * BATCH_DISCOUNT
        return given, taken


PRICES: dict[str, Price] = {
    "openai/gpt-4o-mini": Price(0.15, 0.60, 0.075, 0.30),
    "openai/gpt-4o": Price(2.50, 10.00, 1.25, 5.00),
    "openai/gpt-4.1-mini": Price(0.40, 1.60, 0.20, 0.80),
    "openai/gpt-4.1": Price(2.00, 8.00, 1.00, 4.00),
    "openai/gpt-4.1-nano": Price(0.10, 0.40, 0.05, 0.20),
}


def price_table() -> dict[str, Price]:
    table = dict(PRICES)
    extra = os.environ.get("EXTRACTOR_PRICES")
    if extra:
        for model, values in json.loads(Path(extra).read_text(encoding="utf-8")).items():
            table[model] = Price(*(float(v) for v in values[:4]))
    return table


def estimate(
    model: str | None, input_tokens: int, output_tokens: int, *, batch: bool = False
) -> float | None:
    """US$ for these tokens, or None when the model's price is unknown (local models: 0,
    unless the table prices them).
    ``batch``: at the batch-API prices."""
    if model is None:
        return None
    price = price_table().get(model)
    if price is None:
        return 0.0 if model.startswith(("ollama/", "compatible/")) else None
    given, taken = price.batch if batch else (price.input, price.output)
    return (input_tokens * given + output_tokens * taken) / 1_000_000
