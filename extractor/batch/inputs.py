"""Find and read the articles of a batch: files, folders, JSON lines, stdin.

Each input becomes an `Item` (an id, where it came from, and the text every
offset refers to) or an `InputError` naming the input and the reason; nothing
is skipped silently. HTML pages are reduced to their main text with
trafilatura (`read.html`), and that text is what is extracted from and kept.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ArticleError, ExtractorError
from ..read.article import Article, check_text, read_article_file, read_text_file_with_encoding
from ..read.html import HTML_SUFFIXES

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


@dataclass(frozen=True, slots=True)
class Item:
    """One article of a batch: its id in the results file, where it came from, its text."""

    id: str
    path: str
    article: Article

    @property
    def text(self) -> str:
        return self.article.text


@dataclass(frozen=True, slots=True)
class InputError:
    id: str
    path: str
    error: ExtractorError


@dataclass(slots=True)
class InputOptions:
    include: list[str] = field(default_factory=list)  # globs on the relative path
    exclude: list[str] = field(default_factory=list)
    text_field: str = "text"
    id_field: str = "id"
    skip: set[Path] = field(default_factory=set)  # resolved paths never read (the results file)


def iter_inputs(
    paths: Iterable[str], options: InputOptions | None = None
) -> Iterator[Item | InputError]:
    """Every article under ``paths`` (files, folders walked recursively, ``-`` for stdin)."""
    options = options or InputOptions()
    for raw in paths:
        if raw == "-":
            yield from _read_stream(sys.stdin.read(), "<stdin>", options)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, options)
        elif path.exists():
            yield from read_file(path, path.name, options)
        else:
            yield InputError(raw, raw, ArticleError("no such file or folder", source=raw))


def _walk(root: Path, options: InputOptions) -> Iterator[Item | InputError]:
    """Every article file under ``root``, read; folders that fail are error records."""
    for found in _files(root, options):
        if isinstance(found, InputError):
            yield found
        else:
            yield from read_file(*found, options)


def _files(root: Path, options: InputOptions) -> Iterator[tuple[Path, str] | InputError]:
    """The wanted article files under ``root`` as (path, relative path), in sorted order;
    a symlink loop or an unreadable folder is an error record, not fatal."""
    seen: set[tuple[int, int]] = set()
    failures: list[OSError] = []
    for folder, dirs, files in os.walk(root, followlinks=True, onerror=failures.append):
        here = Path(folder)
        try:
            stat = here.stat()
        except OSError as exc:
            yield InputError(
                str(here),
                str(here),
                ArticleError(f"cannot read folder: {exc.strerror}", source=str(here)),
            )
            dirs[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            rel = str(here.relative_to(root))
            yield InputError(
                rel, str(here), ArticleError("folder link loop; skipped", source=str(here))
            )
            dirs[:] = []
            continue
        seen.add(key)
        dirs.sort()
        for name in sorted(files):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if path.suffix.lower() not in SUPPORTED or not _wanted(rel, options):
                continue
            if options.skip and path.resolve() in options.skip:
                continue
            yield path, rel
    for failure in failures:
        where = getattr(failure, "filename", None) or str(root)
        yield InputError(
            str(where),
            str(where),
            ArticleError(f"cannot read: {failure.strerror}", source=str(where)),
        )


#: Gold annotations (`extractor eval`'s own format) sit beside articles; they are not articles.
ALWAYS_EXCLUDED = ("*.gold.json",)


def _wanted(rel: str, options: InputOptions) -> bool:
    if any(fnmatch.fnmatch(rel, g) for g in ALWAYS_EXCLUDED):
        return False
    if options.include and not any(fnmatch.fnmatch(rel, g) for g in options.include):
        return False
    return not any(fnmatch.fnmatch(rel, g) for g in options.exclude)


def read_file(path: Path, rel: str, options: InputOptions) -> Iterator[Item | InputError]:
    try:
        if path.suffix.lower() in JSON_SUFFIXES:
            raw, _ = read_text_file_with_encoding(path)
        else:
            article = read_article_file(path)
            check_text(article.text, str(path))
    except ExtractorError as exc:
        yield InputError(rel, str(path), exc)
        return
    if path.suffix.lower() in JSON_SUFFIXES:
        yield from _read_json(raw, rel, str(path), options)
        return
    yield Item(rel, str(path), article)


def _read_stream(raw: str, name: str, options: InputOptions) -> Iterator[Item | InputError]:
    """stdin: JSON lines when it looks like them, else one article."""
    if raw.lstrip().startswith("{"):
        yield from _read_json(raw, name, name, options)
        return
    try:
        check_text(raw, name)
    except ExtractorError as exc:
        yield InputError(name, name, exc)
        return
    yield Item(name, name, Article(raw, source=name))


def _read_json(raw: str, rel: str, path: str, options: InputOptions) -> Iterator[Item | InputError]:
    """A JSON object, a list of them, or JSON lines; each names its text and id fields."""
    stripped = raw.strip()
    records: list[tuple[str, object]] = []
    try:
        data = json.loads(stripped)
        items = data if isinstance(data, list) else [data]
        records = [(f"{rel}#{n}", item) for n, item in enumerate(items, 1)]
    except ValueError:
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((f"{rel}#{n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                yield InputError(
                    f"{rel}#{n}",
                    path,
                    ArticleError(f"line {n} is not JSON ({exc.msg})", source=path),
                )
    for fallback_id, record in records:
        if not isinstance(record, dict):
            yield InputError(
                fallback_id, path, ArticleError("a JSON record must be an object", source=path)
            )
            continue
        text = record.get(options.text_field)
        item_id = str(record.get(options.id_field) or fallback_id)
        if not isinstance(text, str):
            yield InputError(
                item_id,
                path,
                ArticleError(
                    f"no text in field {options.text_field!r}", source=f"{path} ({item_id})"
                ),
            )
            continue
        try:
            check_text(text, f"{path} ({item_id})")
        except ExtractorError as exc:
            yield InputError(item_id, path, exc)
            continue
        yield Item(item_id, path, Article(text, source=path))


def count_inputs(paths: Iterable[str], options: InputOptions | None = None) -> int:
    """How many inputs ``paths`` hold, without reading texts (JSON lines counted by line)."""
    options = options or InputOptions()
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.exists():
            continue
        files = (
            [path]
            if path.is_file()
            else [f[0] for f in _files(path, options) if isinstance(f, tuple)]
        )
        for file in files:
            if file.suffix.lower() in {".jsonl", ".ndjson"}:
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
