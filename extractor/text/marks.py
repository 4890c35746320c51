"""Quotation marks: the one place that says which characters quote.

Three uses, three sets:

- `DOUBLE` and `SINGLE` are true quotation marks, in every style news uses
  (straight, curly, low-high „ “, guillemets « » and ‹ ›). Scoring calls a
  quote direct when its text holds a `DOUBLE` mark.
- `FOLDED_DOUBLE` and `FOLDED_SINGLE` add the look-alikes a model or a scraper
  puts in their place (primes, backticks, accents); locating a copied quote
  treats them all as one mark of their kind.
- `OPENERS`, `CLOSERS` and `STRAIGHT` are what the offline engine pairs into
  quoted passages: a curly or low mark says which way it faces, a straight
  mark is decided by its neighbours.
"""

from __future__ import annotations

DOUBLE = frozenset('"“”„‟«»〝〞＂')
SINGLE = frozenset("'‘’‚‛‹›")

FOLDED_DOUBLE = DOUBLE | frozenset("″")
FOLDED_SINGLE = SINGLE | frozenset("′`´")
ANY = FOLDED_DOUBLE | FOLDED_SINGLE

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
PAIRED = OPENERS | CLOSERS | {STRAIGHT}


def has_double(text: str) -> bool:
    """Whether ``text`` holds a double quotation mark (what makes a quote direct)."""
    return not DOUBLE.isdisjoint(text)
