"""The safety net under a model's answer: the offline engine's direct quotes it missed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import ConfigurationError, Extraction, Meta, Settings
from extractor.cli import app
from extractor.crosscheck import crosscheck, rules_direct_pieces
from extractor.read.article import load_article
from extractor.rules import RulesEngine

from .articles import HARBOUR
from .conftest import TEST_KEY
from .scripted_server import ScriptedServer, answer

OKAFOR = "“This is the biggest investment in the port since 1998,”"
REYES = '"We will keep fighting it in court,"'
ARTICLE = load_article(HARBOUR)


def model_result(*, quotes: tuple[str, ...] = (), actors: bool = True) -> Extraction:
    """What a model might have answered: the offline engine's reading, cut down."""
    rules = RulesEngine().extract(ARTICLE)
    kept = [q for q in rules.quotes if q.text in quotes]
    return Extraction(
        actors=rules.actors if actors else [],
        quotes=kept,
        meta=Meta(engine="llm", model="compatible/m"),
    )


def codes(result: Extraction) -> list[str]:
    return [w.code for w in result.warnings]


def test_an_empty_answer_is_warned_about_and_each_missed_quote_named():
    result = crosscheck(ARTICLE, model_result())
    assert codes(result) == ["model_found_no_quotes", "model_missed_quote", "model_missed_quote"]
    assert "2 direct quote(s)" in result.warnings[0].message
    missed = [w.span.text for w in result.warnings[1:] if w.span]
    assert missed == [OKAFOR, REYES]
    assert "said by Maria Okafor" in result.warnings[1].message
    assert result.quotes == [] and result.check_spans(HARBOUR) == []  # warnings' spans too


def test_an_answer_with_every_direct_quote_gets_no_warning():
    result = crosscheck(ARTICLE, model_result(quotes=(OKAFOR, REYES)))
    assert codes(result) == []


def test_a_quote_covered_only_in_small_part_counts_as_missed():
    result = model_result(quotes=(REYES,))
    okafor = next(q for q in RulesEngine().extract(ARTICLE).quotes if q.text == OKAFOR)
    sliver = okafor.model_copy(update={"end": okafor.start + 10, "text": OKAFOR[:10]})
    result.quotes.append(sliver)
    assert codes(crosscheck(ARTICLE, result)) == ["model_missed_quote"]


def test_an_article_without_quotation_marks_is_no_cause_for_warning():
    plain = load_article("The council met on Tuesday. It approved the budget.\n")
    empty = Extraction(meta=Meta(engine="llm"))
    assert codes(crosscheck(plain, empty)) == []


def _articles() -> list[Path]:
    """Every article text the tests and the seeds hold, and the PolNeAR dev set."""
    root = Path(__file__).resolve().parent.parent
    found = [*root.glob("tests/**/*.txt"), *root.glob("seeds/*.txt")]
    return sorted(found + sorted((root.parent / "shared/eval/polnear-dev").glob("**/*.txt")))


def test_the_direct_quotes_found_first_are_the_whole_engines():
    """The cheap first pass decides alone when it finds nothing missed: it must find
    exactly the direct quotes the whole engine reports."""
    paths = _articles()
    assert len(paths) > 20
    for path in paths:
        article = load_article(path)
        whole = RulesEngine().extract(article, claims=False)
        expected = [q.pieces() for q in whole.quotes if q.kind == "direct"]
        assert rules_direct_pieces(article.text) == expected, path
    transcript = (
        "Debate night\n\nMODERATOR: Your answer, please, Governor.\n\n"
        'PENCE: Well, look, "we will win this," I said then and I say it now.\n\n'
        "“It was a good night,” Kaine said afterwards.\n"
    )
    for text in (HARBOUR, REYES, "“Open” and “closed”, he said.", transcript):
        whole = RulesEngine().extract(load_article(text), claims=False)
        assert rules_direct_pieces(text) == [q.pieces() for q in whole.quotes if q.kind == "direct"]


def test_fill_adds_the_missed_quote_with_the_models_actor_for_its_speaker():
    result = crosscheck(ARTICLE, model_result(quotes=(REYES,)), fill=True)
    assert [q.text for q in result.quotes] == [OKAFOR, REYES]
    assert [q.id for q in result.quotes] == ["q1", "q2"]  # text order, renumbered
    added, kept = result.quotes
    assert added.source_engine == "rules" and kept.source_engine is None
    assert result.actor(added.speaker).name == "Maria Okafor"
    assert len({a.name for a in result.actors}) == len(result.actors)  # no twin actor added
    assert "added from the offline engine" in result.warnings[0].message
    assert result.check_spans(HARBOUR) == []


def test_fill_brings_the_offline_engines_actor_when_the_model_has_none():
    result = crosscheck(ARTICLE, model_result(actors=False), fill=True)
    speakers = [result.actor(q.speaker).name for q in result.quotes]
    assert speakers == ["Maria Okafor", "Tom Reyes"]
    assert all(q.source_engine == "rules" for q in result.quotes)
    assert "model_found_no_quotes" in codes(result)  # the model's answer was empty all the same
    assert result.check_spans(HARBOUR) == []


def test_fill_missed_from_the_environment(monkeypatch):
    monkeypatch.setenv("EXTRACTOR_FILL_MISSED", "1")
    assert Settings.from_env().fill_missed is True
    monkeypatch.setenv("EXTRACTOR_FILL_MISSED", "perhaps")
    with pytest.raises(ConfigurationError):
        Settings.from_env()


def test_the_offline_engine_is_not_checked_against_itself():
    from extractor import extract

    result = extract(HARBOUR, engine="rules")
    assert not {"model_missed_quote", "model_found_no_quotes"} & set(codes(result))


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_fill_missed_on_the_command_line(tmp_path):
    """Live against the scripted server: a model that answers with empty lists."""
    article = tmp_path / "a.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    empty = answer({"actors": [], "quotes": [], "claims": []})
    with ScriptedServer([empty, empty]) as server:
        base = ["extract", str(article), "--model", "m", "--base-url", server.base_url]
        env = {"EXTRACTOR_API_KEY": TEST_KEY}
        plain = CliRunner().invoke(app, [*base, "--mode", "tools"], env=env)
        filled = CliRunner().invoke(app, [*base, "--mode", "tools", "--fill-missed"], env=env)
    assert plain.exit_code == 0 and filled.exit_code == 0, filled.stderr
    assert json.loads(plain.stdout)["quotes"] == []
    assert "warning (model_found_no_quotes)" in plain.stderr
    assert plain.stderr.count("warning (model_missed_quote)") == 2
    quotes = json.loads(filled.stdout)["quotes"]
    assert [q["source_engine"] for q in quotes] == ["rules", "rules"]
    assert "added from the offline engine" in filled.stderr
