"""HTML pages to article text: the main text only (navigation, ads, footers dropped).

trafilatura does the work; the text it returns is what every offset of a
result from an HTML page indexes, so batch results keep it beside the extraction.
"""

from __future__ import annotations

from ..errors import ArticleError

HTML_SUFFIXES = frozenset({".html", ".htm"})


def html_to_text(html: str, source: str) -> str:
    """The main text of an HTML page; an `ArticleError` when it holds none."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text or not text.strip():
        raise ArticleError("the HTML page holds no article text", source=source)
    return text
