"""`extractor export`: CSV rows per item, HTML pages that stay inside their folder."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser

from typer.testing import CliRunner

from extractor import Article, EmptyArticleError
from extractor.batch.results import error_line, ok_line
from extractor.cli import app
from extractor.export.pages import export_csv, export_html, safe_name
from extractor.rules import RulesEngine

from .articles import HARBOUR


def write_results(path, ids):
    result = RulesEngine().extract(Article(HARBOUR))
    with path.open("w", encoding="utf-8") as out:
        for item in ids:
            out.write(
                json.dumps(ok_line(item, "x.txt", HARBOUR, result, {"engine": "rules"})) + "\n"
            )
        bad = error_line("broken.txt", "broken.txt", None, EmptyArticleError("empty"), {})
        out.write(json.dumps(bad) + "\n")
        out.write('{"id": "torn", "sta')  # a torn last line is ignored
    return result


class Balance(HTMLParser):
    """Checks that mark/span tags open and close in order."""

    def __init__(self):
        super().__init__()
        self.stack, self.ok = [], True

    def handle_starttag(self, tag, attrs):
        if tag in ("mark", "span"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("mark", "span"):
            self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


def test_csv_has_one_row_per_item_with_names_and_offsets(tmp_path):
    results = tmp_path / "r.jsonl"
    result = write_results(results, ["a.txt", "b.txt"])
    paths = export_csv(results, tmp_path / "csv")
    quotes = list(csv.DictReader(paths[1].open(encoding="utf-8")))
    assert len(quotes) == 2 * len(result.quotes)
    for row in quotes:
        assert HARBOUR[int(row["start"]) : int(row["end"])] == row["text"]
    assert {row["speaker_name"] for row in quotes} >= {"Maria Okafor", "Tom Reyes"}
    actors = list(csv.DictReader(paths[0].open(encoding="utf-8")))
    assert len(actors) == 2 * len(result.actors)
    claims = list(csv.DictReader(paths[2].open(encoding="utf-8")))
    assert all(HARBOUR[int(r["start"]) : int(r["end"])] == r["evidence"] for r in claims)


def test_html_pages_are_well_formed_and_stay_inside_the_folder(tmp_path):
    results = tmp_path / "r.jsonl"
    hostile = ["../../etc/passwd", "/abs/path.txt", "a\\b:c*?.txt", "."]
    write_results(results, hostile)
    folder = tmp_path / "html"
    index = export_html(results, folder)
    pages = sorted(p for p in folder.iterdir() if p.name != "index.html")
    assert len(pages) == len(hostile)
    assert all(p.parent == folder for p in pages)
    assert len({safe_name(h) for h in hostile}) == len(hostile)
    page = pages[0].read_text(encoding="utf-8")
    assert "<mark" in page and 'class="claim"' in page and "Maria Okafor" in page
    checker = Balance()
    checker.feed(page)
    assert checker.ok and not checker.stack
    listing = index.read_text(encoding="utf-8")
    assert "empty_article" in listing and "torn" not in listing


def test_cli_export(tmp_path):
    results = tmp_path / "r.jsonl"
    write_results(results, ["a.txt"])
    result = CliRunner().invoke(
        app, ["export", str(results), "--csv", str(tmp_path / "c"), "--html", str(tmp_path / "h")]
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "c" / "quotes.csv").exists() and (tmp_path / "h" / "index.html").exists()
    nothing = CliRunner().invoke(app, ["export", str(results)])
    assert nothing.exit_code == 2
