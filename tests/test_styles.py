"""Quotes in every convention: British single marks (straight and curly), guillemets
(spaced and tight), low-high marks, and an American control article.

The articles in tests/styles/ were written for the project, with hand-made gold.
Every direct quote (gold content that opens with a quotation mark of any kind)
must be found whole, with its speaker; apostrophes must never open a quote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import Extractor
from extractor.evaluation import load_gold
from extractor.evaluation.scoring import _match, _speaker_right

STYLES = Path(__file__).parent / "styles"
OPENING = frozenset("'‘\"“«„‹‚")
GOLD = {g.name: g for g in load_gold(STYLES)}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(engine="rules")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_every_direct_quote_with_its_speaker(name, extractor):
    gold = GOLD[name]
    result = extractor.extract(gold.text)
    direct = [a for a in gold.attributions if a.content_text[:1] in OPENING]
    assert direct, "each style article has direct quotes"
    top = [q for q in result.quotes if q.within is None]
    matched = _match(top, direct, 0.8)
    found = {id(a) for _, a in matched}
    missed = [a.content_text[:60] for a in direct if id(a) not in found]
    assert not missed, f"direct quotes not found whole: {missed}"
    wrong = [a.content_text[:60] for q, a in matched if not _speaker_right(q, a, result)]
    assert not wrong, f"wrong speaker for: {wrong}"
    for span in result.spans():
        assert gold.text[span.start : span.end] == span.text


@pytest.mark.parametrize("name", sorted(GOLD))
def test_no_quote_starts_or_ends_inside_a_word(name, extractor):
    """An apostrophe (don't, council's, '90s, rock 'n' roll) never bounds a quote."""
    text = GOLD[name].text
    for q in extractor.extract(text).quotes:
        if q.kind == "indirect":
            continue
        for part in q.parts:
            before = text[part.start - 1] if part.start else " "
            after = text[part.end] if part.end < len(text) else " "
            assert not before.isalnum(), f"{q.text!r} opens inside a word"
            assert not after.isalnum(), f"{q.text!r} closes inside a word"


def test_the_american_control_is_read_as_before(extractor):
    """Single marks nested in double ones stay nested: the convention is not switched."""
    from extractor.rules.conventions import as_double_marks

    text = GOLD["mixed_double_single"].text
    assert as_double_marks(text) == text


def test_a_british_article_is_read_in_its_own_convention(extractor):
    from extractor.rules.conventions import as_double_marks

    text = GOLD["british_straight"].text
    read = as_double_marks(text)
    assert len(read) == len(text) and read != text
    assert "don't" in read and "'90s" in read  # apostrophes untouched
