"""The offline engine pauses Python's cyclic garbage collector for one extraction and
leaves it as it found it (`extractor.rules.engine.collector_paused`)."""

from __future__ import annotations

import gc

from extractor.read.article import Article
from extractor.rules import RulesEngine
from extractor.rules.engine import collector_paused

from .conftest import SEED


def test_collector_on_again_after_an_extraction():
    assert gc.isenabled()
    RulesEngine().extract(Article(SEED.read_text(encoding="utf-8")))
    assert gc.isenabled()


def test_collector_left_off_when_the_caller_turned_it_off():
    gc.disable()
    try:
        RulesEngine().extract(Article(SEED.read_text(encoding="utf-8")))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_on_again_after_an_error():
    try:
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()
