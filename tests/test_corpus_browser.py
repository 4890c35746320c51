"""`extractor serve` in a real headless Chromium: search a quote, open its actor, follow a
quote to its highlighted article page, take a screenshot.

Marked ``browser`` (left out of the default run; ``pytest -m browser``). It
needs Debian's ``chromium`` (``apt-get install -y chromium``), Playwright for
Python (``pip install playwright``; its own browser download is never used)
and the serve extra (``pip install '.[serve]'``). Without them it skips,
except on CI (``CI`` set), where it fails. The screenshot is written to
``$SCREENSHOTS_DIR`` when that names a folder, else to the test's
temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.corpus import index_results
from tests.corpus_people import generate

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    try:
        import datasette  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install '.[serve]' playwright)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A corpus of generated lines, served by `extractor serve` on a free local port."""
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test cannot run on CI: {missing}")
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("corpus")
    results = folder / "results.jsonl"
    lines = [line for line, _ in generate(40, seed=5)]
    target = lines[7]["extraction"]["quotes"][0]
    with results.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    index_results([results], folder / "corpus.db")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extractor",
            "serve",
            str(folder / "corpus.db"),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/-/versions.json", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    out = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"extractor serve did not start: {out[-2000:]}")
                time.sleep(0.2)
        speaker = next(a for a in lines[7]["extraction"]["actors"] if a["id"] == target["speaker"])
        yield url, {"words": target["text"], "speaker": speaker["name"], "folder": str(folder)}
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_search_open_actor_follow_quote_to_article(server: tuple[str, dict[str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    url, want = server
    number = re.search(r"\d+", want["words"]).group(0)  # the quote's distinctive word
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            # 1. search the quotes (FTS) from the table page's search box
            page.goto(f"{url}/corpus/quotes")
            page.fill('input[name="_search"]', number)
            page.press('input[name="_search"]', "Enter")
            page.wait_for_load_state()
            rows = page.locator("table.rows-and-columns tbody tr")
            assert rows.count() >= 1
            texts = rows.all_inner_texts()
            assert all(number in t for t in texts), texts
            hit = next(i for i, t in enumerate(texts) if want["words"] in t)
            # 2. open the speaker's corpus actor from the result row
            rows.nth(hit).locator("td.col-corpus_actor_id a").click()
            page.wait_for_load_state()
            assert "/corpus/corpus_actors/" in page.url
            actor_name = page.locator("td.col-name").inner_text()
            assert actor_name.split()[-1].lower() in want["speaker"].lower()
            # 3. the actor's quotes, then one quote's article page
            page.locator('a[href*="/corpus/quotes?corpus_actor_id="]').first.click()
            page.wait_for_load_state()
            assert "corpus_actor_id=" in page.url
            link = page.locator("td.col-quote_id a.article-page").first
            quote_id = link.inner_text()
            link.click()
            page.wait_for_load_state()
            assert "/-/article/corpus/" in page.url and f"quote={quote_id}" in page.url
            assert page.locator(".xr .xr-text").count() == 1
            marks = page.locator(".xr mark.quoted")
            assert marks.count() >= 1
            focused = page.locator(".xr .focus")
            assert focused.count() >= 1, "the followed quote is not outlined"
            assert page.locator(".xr aside").inner_text().count(actor_name.split()[-1]) >= 1
            shots = Path(os.environ.get("SCREENSHOTS_DIR") or want["folder"])
            shots.mkdir(parents=True, exist_ok=True)
            shot = shots / "corpus_article_page.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            # 4. the canned full-text query finds the same quote
            page.goto(f"{url}/corpus/search_quotes?words={number}")
            assert want["words"] in page.locator("table.rows-and-columns").inner_text()
        finally:
            browser.close()
