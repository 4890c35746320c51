"""The HTML files of an export: one self-contained page per article, and ``index.html``.

The article itself is drawn by `extractor.render.html.article_html`. Page names
are made by `safe_name` from a slug of the article id plus a hash of it, so
nothing an id contains ("../", "/", NUL) can place a file outside the folder.
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from pathlib import Path

from ..batch.results import ResultLine
from ..render.html import article_html, page, quotes_table_html
from ..render.summary import top_level
from ..schema import Extraction
from .staging import Staging


def safe_name(item_id: str) -> str:
    """A file name for an id that stays inside the output folder, whatever the id holds."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", item_id).strip("._")[:60] or "article"
    digest = hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


def _counts(result: Extraction) -> str:
    quotes = len(top_level(result))
    nested = len(result.quotes) - quotes
    more = f" (+{nested} inside them)" if nested else ""
    return f"{quotes} quote{'s' if quotes != 1 else ''}{more}, {len(result.claims)} claims"


def article_page(item: str, text: str | None, result: Extraction) -> str:
    """The whole page of one article."""
    header = (
        f'<header><a href="index.html">← all articles</a> · {escape(item)} · '
        f"{_counts(result)} · engine {escape(result.meta.engine)}</header>"
    )
    if text:
        body = article_html(text, result)
    else:
        body = quotes_table_html(result, "This results line holds no article text.")
    return page(item, f"{header}<main>{body}</main>")


class Pages:
    """Stages one page per ok line as it is read, then ``index.html`` listing every line
    (a later line for the same id replaces an earlier one)."""

    def __init__(self, folder: Path, staging: Staging) -> None:
        self.folder = folder
        self.staging = staging
        self._rows: dict[str, str] = {}  # id -> its row in the index
        self._pages: dict[Path, None] = {}  # the pages staged, in order

    @property
    def pages(self) -> list[Path]:
        """The final paths of the article pages staged so far."""
        return list(self._pages)

    def add(self, line: ResultLine) -> None:
        item = escape(line.id)
        self._rows.pop(line.id, None)
        name = safe_name(line.id) + ".html"
        if line.extraction is None:
            if self.folder / name in self._pages:  # an earlier ok line for this id: replaced
                del self._pages[self.folder / name]
                self.staging.discard(self.folder / name)
            error = line.record.get("error")
            error = error if isinstance(error, dict) else {}
            reason = escape(f"{error.get('type', 'error')}: {error.get('message', '')}")
            self._rows[line.id] = (
                f'<tr><td>{item}</td><td class="err" colspan="3">{reason}</td></tr>'
            )
            return
        result = line.extraction
        text = line.record.get("text")
        self.staging.folder(self.folder)
        self.staging.write_text(
            self.folder / name,
            article_page(line.id, text if isinstance(text, str) else None, result),
        )
        self._pages[self.folder / name] = None
        counts = "".join(
            f"<td>{n}</td>"
            for n in (len(result.actors), len(top_level(result)), len(result.claims))
        )
        self._rows[line.id] = f'<tr><td><a href="{name}">{item}</a></td>{counts}</tr>'

    def finish(self) -> Path:
        """Stage ``index.html``, articles in id order; returns its final path."""
        self.staging.folder(self.folder)
        header = "<tr><th>article</th><th>actors</th><th>quotes</th><th>claims</th></tr>"
        rows = "".join(row for _, row in sorted(self._rows.items()))
        body = (
            f"<header>extractor results · {len(self._rows)} articles</header>"
            f'<main><table class="index">{header}{rows}</table></main>'
        )
        index = self.folder / "index.html"
        self.staging.write_text(index, page("extractor results", body))
        return index
