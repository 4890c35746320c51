"""Property tests: whatever the text and whatever the model says, spans are exact."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Article
from extractor.llm.grounding import ground_reading
from extractor.llm.locate import ArticleIndex
from extractor.llm.reading import ArticleReading
from extractor.rules import RulesEngine

PIECES = st.sampled_from(
    [
        *"abcdefghij ABCDEFG.,;:!?\n\"'“”‘’—–-…\u00a0©",
        *["said", " he ", " She ", "told", "according to", "MORE", "Ana Lima", "that", "''"],
    ]
)
NEWSY = st.lists(PIECES, max_size=120).map("".join)
ANY_TEXT = st.text(max_size=300)
# HYPOTHESIS_EXAMPLES=2000 for a longer local run.
settings.register_profile(
    "ci",
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci")


@given(st.one_of(NEWSY, ANY_TEXT))
def test_rules_engine_never_crashes_and_spans_are_exact(text):
    if not text.strip():
        return
    result = RulesEngine().extract(Article(text))
    assert result.check_spans(text) == []
    for quote in result.quotes:
        assert quote.speaker is None or result.actor(quote.speaker) is not None


@given(st.one_of(NEWSY, ANY_TEXT), st.data())
def test_locate_returns_the_articles_own_text(text, data):
    index = ArticleIndex(text)
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        needle = text[start:end]
    else:
        needle = data.draw(st.text(max_size=20))
    needle = data.draw(st.sampled_from([needle, needle.upper(), needle.replace("“", '"')]))
    found = index.locate(needle, with_marks=True, min_fuzzy=90)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)


@given(
    st.one_of(NEWSY, ANY_TEXT),
    st.lists(st.text(max_size=40), max_size=4),
    st.lists(st.sampled_from(["a1", "a2", "zz", None]), max_size=4),
)
def test_grounding_arbitrary_model_answers(text, texts, speakers):
    reading = ArticleReading.model_validate(
        {
            "actors": [{"id": "a1", "name": t or "x", "type": "person"} for t in texts[:1]],
            "quotes": [
                {"text": t, "kind": "direct", "speaker": s, "speaker_mention": t[:5] or None}
                for t, s in zip(texts, speakers, strict=False)
            ],
            "claims": [
                {"statement": "s", "claimant": s, "evidence": t, "attribution": "asserted"}
                for t, s in zip(texts, speakers, strict=False)
            ],
        }
    )
    grounded, _problems = ground_reading(reading, ArticleIndex(text))
    for quote in grounded.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker is None or quote.speaker in {a.id for a in grounded.actors}
    for claim in grounded.claims:
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    for actor in grounded.actors:
        assert all(text[m.start : m.end] == m.text for m in actor.mentions)
