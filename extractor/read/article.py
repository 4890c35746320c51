"""Read an article from a path (text or HTML) or from text; clear errors for unusable input."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import ArticleNotFoundError, EmptyArticleError, NotTextError
from .html import HTML_SUFFIXES, html_to_text


@dataclass(frozen=True, slots=True)
class Article:
    """The text every offset refers to, and where it came from."""

    text: str
    source: str | None = None  # the path it was read from, if any
    encoding: str = "utf-8"  # how the file's bytes were decoded
    format: Literal["text", "html"] = "text"  # html: the page's main text was extracted

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


def text_sha256(text: str) -> str:
    """The hash of a text (its UTF-8 bytes) that results and cache keys record."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and os.path.isfile(value)


def load_article(article: str | os.PathLike[str] | Article) -> Article:
    """Accept an `Article`, a path (``Path`` or a ``str`` naming an existing file), or text.

    A file is decoded as UTF-8 (a byte-order mark is dropped) with no newline
    translation, so offsets index the file's text exactly; an ``.html``/``.htm``
    file is reduced to its main text, which offsets then index.
    """
    if isinstance(article, Article):
        result = article
    elif isinstance(article, os.PathLike) or (
        isinstance(article, str) and _looks_like_path(article)
    ):
        result = read_article_file(Path(article))
    elif isinstance(article, str):
        result = Article(article)
    else:
        raise TypeError(f"article must be text, a path or an Article, not {type(article).__name__}")
    check_text(result.text, result.source)
    return result


def read_article_file(path: Path) -> Article:
    """One article file: text as it is, HTML reduced to its main text."""
    text, encoding = read_text_file_with_encoding(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        return Article(html_to_text(text, str(path)), str(path), encoding, "html")
    return Article(text, str(path), encoding)


def read_text_file(path: Path) -> str:
    """The text of a file (see `read_text_file_with_encoding`)."""
    return read_text_file_with_encoding(path)[0]


def read_text_file_with_encoding(path: Path) -> tuple[str, str]:
    """A file's text and the encoding it was decoded with.

    UTF-8 first (a byte-order mark is dropped); otherwise the encoding is detected
    with charset-normalizer (latin-1, cp1252 and the like). Binary data and bytes
    no encoding explains are a `NotTextError` naming the file.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleNotFoundError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise ArticleNotFoundError("is a folder, not an article file", source=str(path)) from None
    except PermissionError:
        raise ArticleNotFoundError("cannot be read (permission denied)", source=str(path)) from None
    except OSError as exc:
        raise ArticleNotFoundError(f"cannot be read ({exc.strerror})", source=str(path)) from None
    return decode(data, str(path))


def decode(data: bytes, source: str) -> tuple[str, str]:
    if b"\x00" in data[:8192]:
        raise NotTextError("holds binary data (NUL bytes), not text", source=source)
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # Western news that is not UTF-8 is nearly always cp1252 (or latin-1, which cp1252
    # decodes the same way for text). Short texts fool the detector into Central
    # European code pages ("café" read as "cafť"), so cp1252 wins whenever it decodes
    # cleanly and the detected language is written in the Latin alphabet.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or best.language in _LATIN_LANGUAGES):
        return western, "cp1252"
    if best is None or best.encoding is None:
        raise NotTextError(
            f"is not UTF-8 text (byte {bad} cannot be decoded) and no other text encoding "
            "fits it; convert it to UTF-8",
            source=source,
        )
    return str(best), best.encoding


_LATIN_LANGUAGES = frozenset(
    "English French Spanish Portuguese German Italian Dutch Danish Swedish Norwegian "
    "Finnish Indonesian Catalan Icelandic Estonian Latvian Lithuanian Romanian Turkish "
    "Polish Czech Slovak Slovene Croatian Hungarian Vietnamese Unknown".split()
)


def check_text(text: str, source: str | None = None) -> None:
    if not text.strip():
        raise EmptyArticleError("the article is empty (no text to read)", source=source)
    if "\x00" in text:
        raise NotTextError("the article holds NUL characters; it is not text", source=source)
