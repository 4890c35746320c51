"""Batches: every input exactly once, resumable, cached, typed error records."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from extractor.batch.cache import ExtractionCache
from extractor.batch.inputs import InputOptions, count_inputs, iter_inputs
from extractor.batch.results import read_previous
from extractor.batch.runner import extract_many
from extractor.cli import app

from .articles import HARBOUR, HARBOUR_ANSWER
from .scripted_server import answer

runner = CliRunner()
HTML = (
    "<html><body><nav>Home | World | Sports | Opinion</nav><article><h1>Port chief speaks</h1>"
    "<p>“New cranes arrive in June,” said Ana Lima, the port's chief, on Monday.</p>"
    "<p>She added that the harbour would hire forty workers before the summer.</p>"
    "</article><footer>© 2026 The Daily Example</footer></body></html>"
)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(HARBOUR, encoding="utf-8")
    (root / "sub" / "b.md").write_text(
        "Ana Lima said the plan works well for everyone.", encoding="utf-8"
    )
    (root / "c.html").write_text(HTML, encoding="utf-8")
    (root / "d.jsonl").write_text(
        json.dumps({"doc": "x1", "body": "Ben Ode said the bridge will reopen in May."})
        + "\n"
        + json.dumps({"doc": "x2", "body": ""})
        + "\n"
        + "{not json\n",
        encoding="utf-8",
    )
    (root / "empty.txt").write_text("   \n", encoding="utf-8")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "notes.gold.json").write_text("{}", encoding="utf-8")
    (root / "skip.csv").write_text("a,b", encoding="utf-8")
    return root


def options():
    return InputOptions(text_field="body", id_field="doc")


def run_args(folder, out):
    """`extractor run` over the test folder with the offline engine."""
    return [
        "run",
        str(folder),
        "-o",
        str(out),
        "--engine",
        "rules",
        "--text-field",
        "body",
        "--id-field",
        "doc",
    ]


def test_every_input_is_one_item_or_one_error(folder):
    found = list(iter_inputs([str(folder)], options()))
    ids = sorted(x.id for x in found)
    assert ids == sorted(
        ["a.txt", "sub/b.md", "c.html", "x1", "x2", "d.jsonl#3", "empty.txt", "image.txt"]
    )
    errors = {x.id: x.error.code for x in found if not hasattr(x, "text")}
    assert errors == {
        "x2": "empty_article",
        "d.jsonl#3": "article_error",
        "empty.txt": "empty_article",
        "image.txt": "not_text",
    }
    html = next(x for x in found if x.id == "c.html")
    assert "New cranes arrive in June" in html.text and "Sports" not in html.text
    assert count_inputs([str(folder)], options()) == 8


def test_include_exclude_globs(folder):
    only = InputOptions(include=["*.txt"], exclude=["empty*"])
    assert sorted(x.id for x in iter_inputs([str(folder)], only)) == ["a.txt", "image.txt"]


def test_symlink_loop_is_reported_and_the_rest_goes_on(folder):
    os.symlink(folder, folder / "sub" / "loop")
    found = list(iter_inputs([str(folder)], options()))
    assert any("loop" in x.id and not hasattr(x, "text") for x in found)
    assert any(x.id == "a.txt" for x in found)


def test_run_writes_one_line_per_input_and_fails_the_exit_code(folder, tmp_path):
    out = tmp_path / "out" / "results.jsonl"
    args = run_args(folder, out)
    result = runner.invoke(app, args)
    assert result.exit_code == 1  # some inputs are bad; everything else is written
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 8 and len({x["id"] for x in lines}) == 8
    ok = [x for x in lines if x["status"] == "ok"]
    assert len(ok) == 4
    for line in ok:
        assert line["sha256"] and line["meta"]["engine"] == "rules"
        assert line["extraction"]["quotes"] is not None
    bad = next(x for x in lines if x["id"] == "image.txt")
    assert bad["error"]["type"] == "not_text" and "image.txt" in bad["error"]["message"]
    assert "run summary" in result.stderr


def test_rerun_skips_what_is_done_and_ignores_a_torn_last_line(folder, tmp_path):
    out = tmp_path / "results.jsonl"
    args = run_args(folder, out)
    runner.invoke(app, args)
    text = out.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    out.write_text(rest + first[: len(first) // 2], encoding="utf-8")  # killed mid-line
    runner.invoke(app, args)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(x["id"] for x in lines) == sorted({x["id"] for x in lines})
    assert len(lines) == 8
    again = runner.invoke(app, args)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8  # nothing redone
    assert again.exit_code == 0
    redo = runner.invoke(app, [*args, "--retry-failed"])
    assert redo.exit_code == 1
    statuses = read_previous(out).status
    assert sum(1 for s in statuses.values() if s == "error") == 4


def test_limit(folder, tmp_path):
    out = tmp_path / "r.jsonl"
    runner.invoke(app, ["run", str(folder), "-o", str(out), "--engine", "rules", "--limit", "2"])
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_stdin_to_stdout():
    result = runner.invoke(app, ["run", "-", "--engine", "rules"], input=HARBOUR)
    assert result.exit_code == 0
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["id"] == "<stdin>" and line["status"] == "ok"


def test_extract_many_yields_each_input_once():
    texts = [HARBOUR, "Ana Lima said the plan works.", "  "]
    lines = list(extract_many(texts, concurrency=2, engine="rules"))
    assert len(lines) == 3
    assert sorted(x["status"] for x in lines) == ["error", "ok", "ok"]


@pytest.mark.vcr
def test_cached_rerun_makes_no_model_call(endpoint, tmp_path):
    ep = endpoint([answer(HARBOUR_ANSWER)])  # one recorded answer: a second call would fail
    cache = ExtractionCache(tmp_path / "cache")
    first = list(extract_many([HARBOUR], cache=cache, **ep.options(mode="tools")))
    second = list(extract_many([HARBOUR], cache=cache, **ep.options(mode="tools")))
    cache.close()
    assert first[0]["meta"]["requests"] == 1 and not first[0]["meta"]["cached"]
    assert second[0]["meta"]["requests"] == 0 and second[0]["meta"]["cached"]
    assert second[0]["extraction"]["meta"].pop("cached") is True
    assert first[0]["extraction"]["meta"].pop("cached") is False
    assert first[0]["extraction"] == second[0]["extraction"]


def test_the_cache_holds_json_text_not_pickles(tmp_path):
    import sqlite3

    from extractor import Article
    from extractor.rules import RulesEngine

    cache = ExtractionCache(tmp_path / "c")
    result = RulesEngine().extract(Article(HARBOUR))
    cache.put("k", result)
    assert cache.get("k") == result
    cache.close()
    rows = sqlite3.connect(tmp_path / "c" / "cache.db").execute("select mode, value from Cache")
    for mode, value in rows:
        assert mode == 1  # diskcache's raw mode: the value as stored, never pickled
        assert value.startswith('{"actors"')


def test_the_results_file_inside_the_input_folder_is_never_read(tmp_path):
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    for _ in range(2):
        result = runner.invoke(app, ["run", str(tmp_path), "-o", str(out), "--engine", "rules"])
        assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a.txt"]
