"""Read: an article from text, a file or an HTML page, with the page furniture marked.

The text an `Article` holds is the text every offset in a result indexes.
"""

from .article import Article, load_article

__all__ = ["Article", "load_article"]
