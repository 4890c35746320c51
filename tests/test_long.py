"""Long articles: read in overlapping chunks, offsets mapped back, each quote once and whole."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from extractor import Article, extract
from extractor.llm.chunking import split
from extractor.rules import RulesEngine

from .articles import SPEAKERS, long_article
from .scripted_server import computed

TEXT = long_article(30_000)
# Every quotation in the article, whole: a paragraph that opens a quote without closing
# it goes on into the next paragraph's repeated opening mark.
WHOLE = re.compile(r"“[^”]*?(?:,\n\n“[^”]*)?”")
EXPECTED = {m.group() for m in WHOLE.finditer(TEXT)}


def reader(chunk: str) -> dict:
    """What a careful model returns for one chunk, including the visible part of a quote
    that the chunk cuts off (as a model would copy it)."""
    quotes = []
    for m in re.finditer(r"“[^”]*(?:”|$)", chunk):
        text = m.group()
        if not text.endswith("”") and not chunk.endswith(text):
            continue  # the first half of a two-paragraph quote; its second half follows
        said = re.match(r"\s*([A-Z][a-z]+ [A-Z][a-z]+) said", chunk[m.end() : m.end() + 40])
        speaker = said.group(1) if said else None
        quotes.append(
            {
                "text": text,
                "kind": "direct",
                "speaker": f"a{SPEAKERS.index(speaker) + 1}" if speaker else None,
                "speaker_mention": speaker,
                "cue": "said" if speaker else None,
            }
        )
    present = [s for s in SPEAKERS if s in chunk]
    return {
        "actors": [
            {
                "id": f"a{SPEAKERS.index(s) + 1}",
                "name": s,
                "type": "person",
                "aliases": [s.split()[1]],
            }
            for s in present
        ],
        "quotes": [q for q in quotes if q["speaker"] is None or q["speaker_mention"] in present],
        "claims": [],
    }


def test_chunks_overlap_and_cover_the_article():
    chunks = split(TEXT, 20_000, 2_000)
    assert chunks[0].start == 0 and chunks[-1].end == len(TEXT)
    for a, b in pairwise(chunks):
        assert b.start < a.end and a.end - b.start >= 1_000
        assert a.end - a.start <= 20_000


@pytest.mark.vcr
def test_long_article_on_recorded_responses(endpoint):
    chunks = split(TEXT, 20_000, 2_000)
    ep = endpoint([computed(reader)] * len(chunks))
    result = extract(TEXT, **ep.options(mode="tools", chunk_chars=20_000, chunk_overlap=2_000))
    assert result.meta.chunks == len(chunks) > 5 and result.meta.requests == len(chunks)
    assert result.check_spans(TEXT) == []
    direct = [q for q in result.quotes if q.within is None]
    texts = [q.text for q in direct]
    assert sorted(texts) == sorted(EXPECTED)  # each quote once, whole, none cut off
    assert len(texts) == len(set(texts))
    assert sorted(a.name for a in result.actors) == sorted(SPEAKERS)  # one entry each
    for quote in direct:
        named = result.actor(quote.speaker)
        assert named is not None and named.name in TEXT[quote.end : quote.end + 30]


def test_long_article_on_the_offline_engine():
    result = RulesEngine().extract(Article(TEXT))
    assert result.check_spans(TEXT) == []
    direct = [q.text for q in result.quotes if q.kind == "direct"]
    assert sorted(direct) == sorted(EXPECTED)
    assert {a.name for a in result.actors} >= set(SPEAKERS)
