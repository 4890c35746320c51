"""Gold annotations: brat standoff folders (PolNeAR) and the project's own JSON format.

brat: ``text/NAME.txt`` with ``attributions/NAME.ann``; ``T`` lines are spans
(Source, Cue, Content; ``start end;start end`` for discontinuous spans) and
``E`` lines tie one attribution together.

Own format, ``NAME.gold.json`` beside the article it annotates::

    {"article": "NAME.txt",
     "attributions": [{"content": ["“A,”", "“B.”"], "source": "he", "cue": "said",
                       "occurrence": 1}],
     "actors": [{"name": "Saad al-Allaq", "aliases": ["al-Allaq"], "quoted": true}]}

Content pieces are written as they appear and located exactly (in order; the
nth occurrence with ``occurrence``); the source is the occurrence nearest the
content. A piece that cannot be found is an error: gold must be exact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ArticleError
from ..read.article import read_text_file
from ..text.marks import has_double
from ..text.spans import on_word_edges

Segments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Segments
    source: Segments = ()
    cue: Segments = ()
    content_text: str = ""
    source_text: str = ""

    @property
    def direct(self) -> bool:
        """Direct when the content holds a double quotation mark (the PolNeAR convention)."""
        return has_double(self.content_text)


@dataclass(frozen=True, slots=True)
class GoldActor:
    name: str
    aliases: tuple[str, ...] = ()
    quoted: bool = False
    type: str | None = None  # person | organization | country | group, when annotated

    @property
    def names(self) -> set[str]:
        return {n.lower() for n in (self.name, *self.aliases)}


@dataclass(frozen=True, slots=True)
class GoldClaim:
    start: int
    end: int
    evidence: str
    claimant: str | None
    attribution: str
    hedged: bool


@dataclass(slots=True)
class GoldArticle:
    name: str
    path: Path
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    actors: list[GoldActor] | None = None  # None: this gold does not annotate actors
    claims: list[GoldClaim] | None = None  # None: this gold does not annotate claims


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Every annotated article under ``path`` (a brat folder, a folder of gold JSON, a file)."""
    path = Path(path)
    if not path.exists():
        raise ArticleError("no such file or folder", source=str(path))
    if path.is_file():
        return [read_gold_json(path)]
    if (path / "text").is_dir() and (path / "attributions").is_dir():
        return read_brat_folder(path)
    files = sorted(path.glob("*.gold.json"))
    if not files:
        raise ArticleError(
            "holds no gold: expected text/ and attributions/ (brat) or *.gold.json files",
            source=str(path),
        )
    return [read_gold_json(f) for f in files]


def _segments(spec: str) -> Segments:
    return tuple(tuple(int(x) for x in part.split()) for part in spec.split(";"))  # type: ignore[misc]


def _text_of(text: str, segments: Segments) -> str:
    return " ".join(text[a:b] for a, b in segments)


def read_brat_folder(folder: Path) -> list[GoldArticle]:
    articles = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        txt = folder / "text" / f"{ann.stem}.txt"
        text = read_text_file(txt)
        spans: dict[str, Segments] = {}
        attributions = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("T") and len(fields) >= 2:
                label_and_range = fields[1].split(" ", 1)
                if len(label_and_range) == 2:
                    spans[fields[0]] = _segments(label_and_range[1])
            elif line.startswith("E") and len(fields) >= 2:
                roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
                if "Content" not in roles or roles["Content"] not in spans:
                    continue
                content = spans[roles["Content"]]
                source = spans.get(roles.get("Source", ""), ())
                attributions.append(
                    GoldAttribution(
                        content=content,
                        source=source,
                        cue=spans.get(roles.get("Cue", ""), ()),
                        content_text=_text_of(text, content),
                        source_text=_text_of(text, source),
                    )
                )
        articles.append(GoldArticle(ann.stem, txt, text, attributions))
    return articles


def _find(text: str, needle: str, start: int, occurrence: int, where: str) -> tuple[int, int]:
    at = start - 1
    for _ in range(occurrence):
        at = text.find(needle, at + 1)
        if at == -1:
            raise ArticleError(f"gold text {needle!r} not found in the article", source=where)
    return at, at + len(needle)


def _nearest(text: str, needle: str, segments: Segments, where: str) -> Segments:
    """The occurrence of ``needle`` (on word boundaries, outside the content) nearest the
    content; one between two content pieces ("“A,” he said, “B.”") is nearest of all."""
    best = None
    at = text.find(needle)
    while at != -1:
        if not on_word_edges(text, at, at + len(needle)) or any(a <= at < b for a, b in segments):
            at = text.find(needle, at + 1)
            continue
        between = segments[0][0] < at < segments[-1][1]
        gap = 0 if between else min(abs(at - segments[0][0]), abs(at - segments[-1][1]))
        if best is None or gap < best[0]:
            best = (gap, at)
        at = text.find(needle, at + 1)
    if best is None:
        raise ArticleError(f"gold source {needle!r} not found in the article", source=where)
    return ((best[1], best[1] + len(needle)),)


def read_gold_json(path: Path) -> GoldArticle:
    data = json.loads(path.read_text(encoding="utf-8"))
    article = path.parent / data["article"]
    text = read_text_file(article)
    attributions = []
    for item in data.get("attributions", []):
        pieces = item["content"] if isinstance(item["content"], list) else [item["content"]]
        segments: list[tuple[int, int]] = []
        cursor = 0
        for n, piece in enumerate(pieces):
            occurrence = item.get("occurrence", 1) if n == 0 else 1
            segments.append(_find(text, piece, cursor, occurrence, str(path)))
            cursor = segments[-1][1]
        content = tuple(segments)
        source = _nearest(text, item["source"], content, str(path)) if item.get("source") else ()
        cue = _nearest(text, item["cue"], content, str(path)) if item.get("cue") else ()
        attributions.append(
            GoldAttribution(content, source, cue, _text_of(text, content), _text_of(text, source))
        )
    actors = None
    if "actors" in data:
        actors = [
            GoldActor(
                a["name"],
                tuple(a.get("aliases", [])),
                bool(a.get("quoted", False)),
                a.get("type"),
            )
            for a in data["actors"]
        ]
    return GoldArticle(path.name.removesuffix(".gold.json"), article, text, attributions, actors)
