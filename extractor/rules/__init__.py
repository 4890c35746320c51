"""The offline rules engine (``engine="rules"``): deterministic, no network, no model.

document (paragraphs, sentences, words) -> quotes (quoted passages) -> speech
(utterances: `direct`, `reported`, `layout`, over the shared `clauses`) ->
names (actors) -> engine (attribution) -> claims. `lexicon` holds the word lists.
"""

from .engine import RulesEngine

__all__ = ["RulesEngine"]
