"""Read an article: from a path or from text, with clear errors for unusable input."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ArticleNotFoundError, EmptyArticleError, NotTextError


@dataclass(frozen=True, slots=True)
class Article:
    """The text every offset refers to, and where it came from."""

    text: str
    source: str | None = None  # the path it was read from, if any

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and os.path.isfile(value)


def load_article(article: str | os.PathLike[str] | Article) -> Article:
    """Accept an `Article`, a path (``Path`` or a ``str`` naming an existing file), or text.

    A file is decoded as UTF-8 (a byte-order mark is dropped) with no newline
    translation, so offsets index the file's text exactly.
    """
    if isinstance(article, Article):
        result = article
    elif isinstance(article, os.PathLike) or (
        isinstance(article, str) and _looks_like_path(article)
    ):
        result = Article(read_text_file(Path(article)), source=str(article))
    elif isinstance(article, str):
        result = Article(article)
    else:
        raise TypeError(f"article must be text, a path or an Article, not {type(article).__name__}")
    check_text(result.text, result.source)
    return result


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleNotFoundError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise ArticleNotFoundError("is a folder, not an article file", source=str(path)) from None
    except PermissionError:
        raise ArticleNotFoundError("cannot be read (permission denied)", source=str(path)) from None
    if b"\x00" in data[:8192]:
        raise NotTextError("holds binary data (NUL bytes), not text", source=str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotTextError(
            f"is not UTF-8 text (byte {exc.start} cannot be decoded); convert it to UTF-8",
            source=str(path),
        ) from None
    return text.removeprefix("\ufeff")


def check_text(text: str, source: str | None = None) -> None:
    if not text.strip():
        raise EmptyArticleError("the article is empty (no text to read)", source=source)
    if "\x00" in text:
        raise NotTextError("the article holds NUL characters; it is not text", source=source)
