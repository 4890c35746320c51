"""`extractor export`: CSV rows per item, HTML pages that stay inside their folder, and
nothing written from a file that is not a results file."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from extractor import Article, EmptyArticleError
from extractor.batch.results import error_line, ok_line
from extractor.cli import app
from extractor.errors import ResultsFileError
from extractor.export import export_csv, export_html, export_results, safe_name
from extractor.rules import RulesEngine

from .articles import HARBOUR

# Written for these tests: one utterance in two parts around its cue.
FERRY = (
    "Council weighs new ferry route\n\n"
    "“We have waited long enough,” said Lena Park, the mayor. “The ferry must run by May.”\n\n"
    "Residents said the route would cut travel times.\n"
)


def ok(item, text=HARBOUR):
    result = RulesEngine().extract(Article(text))
    return json.dumps(ok_line(item, "x.txt", text, result, {"engine": "rules"})) + "\n"


def write_results(path, ids):
    result = RulesEngine().extract(Article(HARBOUR))
    with path.open("w", encoding="utf-8") as out:
        for item in ids:
            out.write(ok(item))
        bad = error_line("broken.txt", "broken.txt", None, EmptyArticleError("empty"), {})
        out.write(json.dumps(bad) + "\n")
        out.write('{"id": "torn", "sta')  # a torn last line is ignored
    return result


VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


class Balance(HTMLParser):
    """Checks that every tag opens and closes in order (void elements aside)."""

    def __init__(self):
        super().__init__()
        self.stack, self.ok = [], True

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


def well_formed(html_text):
    checker = Balance()
    checker.feed(html_text)
    checker.close()
    return checker.ok and not checker.stack


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_one_row_per_item_with_names_and_offsets(tmp_path):
    results = tmp_path / "r.jsonl"
    result = write_results(results, ["a.txt", "b.txt"])
    report = export_csv(results, tmp_path / "csv")
    assert [p.name for p in report.tables] == ["actors.csv", "quotes.csv", "claims.csv"]
    assert report.written == report.tables and report.index is None
    assert report.read == 3 and report.skipped == [] and report.torn
    quotes = read_csv(report.tables[1])
    assert len(quotes) == 2 * len(result.quotes)
    for row in quotes:
        assert HARBOUR[int(row["start"]) : int(row["end"])] == row["full_text"]
        for part in row["parts"].split(";"):
            start, end = map(int, part.split("-"))
            assert HARBOUR[start:end] in row["text"]
    assert {row["speaker_name"] for row in quotes} >= {"Maria Okafor", "Tom Reyes"}
    actors = read_csv(report.tables[0])
    assert len(actors) == 2 * len(result.actors)
    claims = read_csv(report.tables[2])
    assert all(HARBOUR[int(r["start"]) : int(r["end"])] == r["evidence"] for r in claims)


def test_a_quote_in_two_parts_has_its_words_full_span_and_parts(tmp_path):
    results = tmp_path / "r.jsonl"
    results.write_text(ok("ferry.txt", FERRY), encoding="utf-8")
    report = export_csv(results, tmp_path / "csv")
    rows = read_csv(report.tables[1])
    (row,) = [r for r in rows if r["speaker_name"] == "Lena Park"]
    first, second = "“We have waited long enough,”", "“The ferry must run by May.”"
    assert row["text"] == f"{first} … {second}"  # the quoted words only
    assert "said Lena Park" not in row["text"]
    assert row["full_text"] == FERRY[int(row["start"]) : int(row["end"])]
    assert row["full_text"].startswith(first) and row["full_text"].endswith(second)
    assert "said Lena Park" in row["full_text"]
    spans = [tuple(map(int, p.split("-"))) for p in row["parts"].split(";")]
    assert [FERRY[s:e] for s, e in spans] == [first, second]
    single = next(r for r in rows if r["kind"] == "indirect")
    assert single["parts"] == f"{single['start']}-{single['end']}"
    assert single["text"] == single["full_text"]
    assert (
        list(rows[0])[:11]
        == (
            "article_id quote_id kind speaker_id speaker_name speaker_mention cue start end text "
            "within"
        ).split()
    )


def test_html_pages_are_well_formed_and_stay_inside_the_folder(tmp_path):
    results = tmp_path / "r.jsonl"
    hostile = ["../../etc/passwd", "/abs/path.txt", "a\\b:c*?.txt", "."]
    write_results(results, hostile)
    folder = tmp_path / "html"
    report = export_html(results, folder)
    pages = sorted(p for p in folder.iterdir() if p.name != "index.html")
    assert len(pages) == len(hostile) and sorted(report.pages) == pages
    assert all(p.parent == folder for p in pages)
    assert len({safe_name(h) for h in hostile}) == len(hostile)
    page = pages[0].read_text(encoding="utf-8")
    assert "<mark" in page and 'class="claim"' in page and "Maria Okafor" in page
    assert well_formed(page)
    listing = report.index.read_text(encoding="utf-8")
    assert well_formed(listing)
    assert "empty_article" in listing and "torn" not in listing


def test_a_page_without_text_lists_the_quotes(tmp_path):
    results = tmp_path / "r.jsonl"
    line = json.loads(ok("a.txt"))
    del line["text"]
    results.write_text(json.dumps(line) + "\n", encoding="utf-8")
    report = export_html(results, tmp_path / "html")
    page = report.pages[0].read_text(encoding="utf-8")
    assert "holds no article text" in page and "Maria Okafor" in page and well_formed(page)


def test_a_file_that_is_not_a_results_file_writes_nothing(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "quotes.csv").write_text("from before\n", encoding="utf-8")
    with pytest.raises(ResultsFileError) as caught:
        export_results(article, csv_dir=kept, html_dir=tmp_path / "new" / "html")
    message = str(caught.value)
    assert str(article) in message and "no usable result line" in message
    assert "lines skipped (line 1: not JSON" in message
    assert sorted(p.name for p in kept.iterdir()) == ["quotes.csv"]  # no temporaries left
    assert (kept / "quotes.csv").read_text(encoding="utf-8") == "from before\n"
    assert not (tmp_path / "new").exists()
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ResultsFileError, match="it is empty"):
        export_csv(empty, tmp_path / "csv")
    with pytest.raises(ResultsFileError, match="no such results file"):
        export_csv(tmp_path / "missing.jsonl", tmp_path / "csv")
    assert not (tmp_path / "csv").exists()


def test_cli_refuses_a_file_that_is_not_a_results_file(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", str(article), "--csv", str(out)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a message, no traceback
    assert "no usable result line" in result.stderr and "article.txt" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() or not list(out.glob("*.csv"))


def test_malformed_lines_are_skipped_and_reported(tmp_path):
    results = tmp_path / "r.jsonl"
    with results.open("w", encoding="utf-8") as out:
        out.write(ok("a.txt"))
        out.write("this line is not JSON\n")
        out.write('{"id": "c.txt", "status": "ok", "extraction": {"quotes": 3}}\n')
        out.write(ok("b.txt"))
    report = export_results(results, csv_dir=tmp_path / "csv", html_dir=tmp_path / "html")
    assert report.read == 2 and [n for n, _ in report.skipped] == [2, 3]
    assert report.skipped_summary.startswith("2 lines skipped (line 2: not JSON")
    assert {r["article_id"] for r in read_csv(report.tables[1])} == {"a.txt", "b.txt"}
    assert len(report.pages) == 2
    cli = CliRunner().invoke(app, ["export", str(results), "--csv", str(tmp_path / "c2")])
    assert cli.exit_code == 0, cli.stderr
    assert "wrote " in cli.stderr and "quotes.csv" in cli.stderr
    assert "2 lines skipped" in cli.stderr


def test_a_later_line_for_the_same_id_replaces_the_earlier(tmp_path):
    results = tmp_path / "r.jsonl"
    failed = error_line("a.txt", "a.txt", None, EmptyArticleError("empty"), {})
    with results.open("w", encoding="utf-8") as out:
        out.write(json.dumps(failed) + "\n")
        out.write(ok("a.txt"))  # retried with --retry-failed
    report = export_results(results, csv_dir=tmp_path / "csv", html_dir=tmp_path / "html")
    assert report.replaced == 1 and len(report.pages) == 1
    listing = report.index.read_text(encoding="utf-8")
    assert "empty_article" not in listing and listing.count("<tr>") == 2


def test_cli_export(tmp_path):
    results = tmp_path / "r.jsonl"
    write_results(results, ["a.txt"])
    result = CliRunner().invoke(
        app, ["export", str(results), "--csv", str(tmp_path / "c"), "--html", str(tmp_path / "h")]
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "c" / "quotes.csv").exists() and (tmp_path / "h" / "index.html").exists()
    assert f"wrote {tmp_path / 'h' / 'index.html'}" in result.stderr
    assert "skipped" not in result.stderr
    assert not [p for p in tmp_path.rglob("*.tmp")]
    nothing = CliRunner().invoke(app, ["export", str(results)])
    assert nothing.exit_code == 2
    missing = CliRunner().invoke(app, ["export", str(tmp_path / "no.jsonl"), "--csv", "x"])
    assert missing.exit_code == 1 and "no such results file" in missing.stderr
